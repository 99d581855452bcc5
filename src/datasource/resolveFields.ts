/**
 * The field groups of a MeshgraphQuery, each resolved on its own: variables substituted as literal values, enums
 * checked (a hand-edited query JSON can hold anything), anything wrong turned into a notice and a safe default.
 * resolveQuery puts them together.
 */
import type { ScopedVars } from '@grafana/data';

import { reservedScopeLabel } from '../engine/planner/labels';
import { isValidLabelName } from '../engine/promql/escape';
import type {
  AmbientTraffic,
  BoxBy,
  GraphOptions,
  GraphType,
  GrpcRate,
  HttpRate,
  NodeFocus,
  Notice,
  ResponseTimeStat,
  RollupMode,
  TcpRate,
  ThroughputType,
} from '../engine/model';

import {
  InterpolatedScalar,
  InterpolatedValues,
  interpolateScalar,
  interpolateValues,
  TemplateSrvLike,
} from './interpolation';
import { parseDurationSeconds } from './timeWindow';
import { DEFAULT_GRAPH_TYPE, DEFAULT_QUERY, MeshgraphQuery, NodeFocusQuery, ScopeLabel } from './types';

export const GRAPH_TYPES: GraphType[] = ['versionedApp', 'app', 'workload', 'service'];
export const HTTP_RATES: HttpRate[] = ['requests', 'none'];
export const GRPC_RATES: GrpcRate[] = ['requests', 'sent', 'received', 'total', 'none'];
export const TCP_RATES: TcpRate[] = ['sent', 'received', 'total', 'none'];
export const AMBIENT_TRAFFIC: AmbientTraffic[] = ['total', 'waypoint', 'ztunnel', 'none'];
export const BOX_BY: BoxBy[] = ['cluster', 'namespace', 'app'];
export const RESPONSE_TIME_STATS: ResponseTimeStat[] = ['avg', '50', '95', '99'];
export const THROUGHPUT_TYPES: ThroughputType[] = ['request', 'response'];
export const ROLLUP_MODES: RollupMode[] = ['auto', 'none', 'namespace', 'cluster'];

function pick<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  what: string,
  notices: Notice[]
): T {
  if (allowed.includes(value as T)) {
    return value as T;
  }
  notices.push({ severity: 'warning', text: `Unknown ${what} ${JSON.stringify(value)}; using "${fallback}".` });
  return fallback;
}

/**
 * What every field group's resolver shares: dashboard variables as literal values, the notices of the query, and
 * the variables referenced but not defined (reported once, by resolveQuery).
 */
export interface FieldContext {
  scalar(text: string): InterpolatedScalar;
  values(text: string): InterpolatedValues;
  notices: Notice[];
  unknown: Set<string>;
}

export function fieldContext(scopedVars: ScopedVars | undefined, srv: TemplateSrvLike): FieldContext {
  const unknown = new Set<string>();
  const noting = <R extends { unresolved: string[] }>(r: R): R => {
    r.unresolved.forEach((n) => unknown.add(n));
    return r;
  };
  return {
    scalar: (text) => noting(interpolateScalar(text, scopedVars, srv)),
    values: (text) => noting(interpolateValues(text, scopedVars, srv)),
    notices: [],
    unknown,
  };
}

/** Namespaces: every entry may be a literal or a (multi-value) variable; any "All" wins. */
export function resolveNamespaces(entries: readonly unknown[], ctx: FieldContext): string[] | 'all' {
  let all = false;
  const names: string[] = [];
  for (const entry of entries) {
    if (typeof entry === 'string') {
      const r = ctx.values(entry);
      all = all || r.all;
      names.push(...r.values);
    }
  }
  return all ? 'all' : [...new Set(names)];
}

/** The rate window in seconds; undefined = the dashboard time range (also, with a warning, for a bad duration). */
export function resolveDuration(duration: unknown, ctx: FieldContext): number | undefined {
  if (typeof duration !== 'string' || duration.trim() === '') {
    return undefined;
  }
  const text = ctx.scalar(duration).value;
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) {
    ctx.notices.push({
      severity: 'warning',
      text: `Duration ${JSON.stringify(text)} is not a Prometheus duration (e.g. 10m); using the dashboard time range.`,
    });
  }
  return seconds;
}

/** The graph type, literal or from a variable such as $graphType. */
export function resolveGraphType(graphType: unknown, ctx: FieldContext): GraphType {
  return pick<GraphType>(
    ctx.scalar(String(graphType)).value,
    GRAPH_TYPES,
    DEFAULT_GRAPH_TYPE,
    'graph type',
    ctx.notices
  );
}

/** Which rates count per protocol, and which ambient traffic. */
export function resolveTraffic(
  q: Pick<MeshgraphQuery, 'rates' | 'ambientTraffic'>,
  ctx: FieldContext
): { rates: { http: HttpRate; grpc: GrpcRate; tcp: TcpRate }; ambientTraffic: AmbientTraffic } {
  const { notices } = ctx;
  return {
    rates: {
      http: pick(q.rates.http, HTTP_RATES, DEFAULT_QUERY.rates.http, 'HTTP rate', notices),
      grpc: pick(q.rates.grpc, GRPC_RATES, DEFAULT_QUERY.rates.grpc, 'gRPC rate', notices),
      tcp: pick(q.rates.tcp, TCP_RATES, DEFAULT_QUERY.rates.tcp, 'TCP rate', notices),
    },
    ambientTraffic: pick(q.ambientTraffic, AMBIENT_TRAFFIC, DEFAULT_QUERY.ambientTraffic, 'ambient traffic', notices),
  };
}

/** Boxes: unknown ones are dropped with a warning. */
export function resolveBoxBy(boxBy: readonly BoxBy[], ctx: FieldContext): BoxBy[] {
  return boxBy.filter((b) => {
    if (BOX_BY.includes(b)) {
      return true;
    }
    ctx.notices.push({ severity: 'warning', text: `Unknown box ${JSON.stringify(b)}; ignored.` });
    return false;
  });
}

/** The rollup mode (literal or a variable; 'auto' by default) and the expanded ids, kept literal. */
export function resolveRollup(
  q: Pick<MeshgraphQuery, 'rollup' | 'rollupExpand'>,
  ctx: FieldContext
): { rollup: RollupMode; rollupExpand: string[] } {
  const rollup = pick<RollupMode>(
    ctx.scalar(String(q.rollup ?? DEFAULT_QUERY.rollup)).value,
    ROLLUP_MODES,
    'auto',
    'rollup',
    ctx.notices
  );
  const ids = (q.rollupExpand ?? []).filter((id): id is string => typeof id === 'string' && id !== '');
  return { rollup, rollupExpand: [...new Set(ids)] };
}

/** The appenders: response time, throughput, operation nodes (a valid label name or off) and the on/off ones. */
export function resolveAppenders(
  q: Pick<
    MeshgraphQuery,
    'responseTime' | 'throughput' | 'aggregate' | 'securityPolicy' | 'health' | 'kubeState' | 'responseDetails'
  >,
  ctx: FieldContext
): GraphOptions['appenders'] {
  const responseTime =
    q.responseTime === 'off' ? false : pick(q.responseTime, RESPONSE_TIME_STATS, '95', 'response time', ctx.notices);
  const throughput =
    q.throughput === 'off' ? false : pick(q.throughput, THROUGHPUT_TYPES, 'response', 'throughput', ctx.notices);
  let aggregate: string | false = false;
  const aggregateText = typeof q.aggregate === 'string' ? ctx.scalar(q.aggregate.trim()).value : '';
  if (aggregateText !== '') {
    if (isValidLabelName(aggregateText)) {
      aggregate = aggregateText;
    } else {
      ctx.notices.push({
        severity: 'warning',
        text: `Operation label ${JSON.stringify(aggregateText)} is not a valid Prometheus label name; operation nodes are off.`,
      });
    }
  }
  return {
    responseTime,
    throughput,
    securityPolicy: q.securityPolicy !== false,
    aggregate,
    health: q.health !== false,
    kubeState: q.kubeState !== false,
    responseDetails: q.responseDetails !== false,
  };
}

/** Scope labels: the query's merged over the datasource's (same key: the query wins); "All" = no restriction. */
export function resolveScope(
  datasourceScope: readonly ScopeLabel[],
  queryScope: readonly ScopeLabel[],
  ctx: FieldContext
): Record<string, string> {
  const scope: Record<string, string> = {};
  const warn = (text: string) => ctx.notices.push({ severity: 'warning', text });
  for (const label of [...datasourceScope, ...queryScope]) {
    const key = (label?.key ?? '').trim();
    if (key === '') {
      continue;
    }
    if (!isValidLabelName(key)) {
      warn(`Scope label ${JSON.stringify(key)} is not a valid label name; it is ignored.`);
      continue;
    }
    const reserved = reservedScopeLabel(key);
    if (reserved) {
      warn(`Scope label ignored: ${reserved}.`);
      continue;
    }
    const value = ctx.scalar(String(label.value ?? ''));
    if (value.multiple) {
      warn(`Scope label ${key} got several values; using ${JSON.stringify(value.value)}.`);
    }
    if (value.all) {
      delete scope[key];
      continue;
    }
    scope[key] = value.value;
  }
  return scope;
}

/**
 * The node focus: one namespace and one name (else the whole graph, with a warning). An app focus needs an app
 * graph type, so it may change the graph type it is given.
 */
export function resolveNodeFocus(
  focus: NodeFocusQuery,
  graphType: GraphType,
  ctx: FieldContext
): { node?: NodeFocus; graphType: GraphType } {
  if (focus.kind === 'none' || focus.kind === undefined) {
    return { graphType };
  }
  const ns = ctx.scalar(focus.namespace ?? '');
  const name = ctx.scalar(focus.name ?? '');
  const version = ctx.scalar(focus.version ?? '');
  const warn = (text: string) => ctx.notices.push({ severity: 'warning', text });
  if (ns.value === '' || name.value === '' || ns.all || name.all) {
    warn(`Node focus (${focus.kind}) needs one namespace and one name; showing the whole graph instead.`);
    return { graphType };
  }
  if (ns.multiple || name.multiple) {
    warn(`Node focus takes one namespace and one name; using ${ns.value}/${name.value}.`);
  }
  if (focus.kind === 'workload' || focus.kind === 'service') {
    return { node: { kind: focus.kind, namespace: ns.value, name: name.value }, graphType };
  }
  if (focus.kind !== 'app') {
    warn(`Unknown node focus kind ${JSON.stringify(focus.kind)}; ignored.`);
    return { graphType };
  }
  const node: NodeFocus = {
    kind: 'app',
    namespace: ns.value,
    app: name.value,
    ...(version.value ? { version: version.value } : {}),
  };
  if (graphType === 'app' || graphType === 'versionedApp') {
    return { node, graphType };
  }
  const useType = version.value ? 'versionedApp' : 'app';
  ctx.notices.push({
    severity: 'info',
    text: `An app node graph needs an app graph type; using "${useType}" instead of "${graphType}".`,
  });
  return { node, graphType: useType };
}
