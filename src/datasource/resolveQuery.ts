/**
 * A MeshgraphQuery as saved in a dashboard → the engine's GraphOptions: variables substituted as literal
 * values, enums checked (a hand-edited query JSON can hold anything), settings merged, time window applied.
 */
import type { ScopedVars } from '@grafana/data';

import { defaultGraphOptions } from '../engine/options';
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

import { interpolateScalar, interpolateValues, TemplateSrvLike } from './interpolation';
import type { ResolvedSettings } from './settings';
import { formatDuration, parseDurationSeconds, TimeWindow } from './timeWindow';
import { ALL_NAMESPACES, DEFAULT_GRAPH_TYPE, DEFAULT_QUERY, MeshgraphQuery, withQueryDefaults } from './types';

export const GRAPH_TYPES: GraphType[] = ['versionedApp', 'app', 'workload', 'service'];
export const HTTP_RATES: HttpRate[] = ['requests', 'none'];
export const GRPC_RATES: GrpcRate[] = ['requests', 'sent', 'received', 'total', 'none'];
export const TCP_RATES: TcpRate[] = ['sent', 'received', 'total', 'none'];
export const AMBIENT_TRAFFIC: AmbientTraffic[] = ['total', 'waypoint', 'ztunnel', 'none'];
export const BOX_BY: BoxBy[] = ['cluster', 'namespace', 'app'];
export const RESPONSE_TIME_STATS: ResponseTimeStat[] = ['avg', '50', '95', '99'];
export const THROUGHPUT_TYPES: ThroughputType[] = ['request', 'response'];
export const ROLLUP_MODES: RollupMode[] = ['auto', 'none', 'namespace', 'cluster'];

/** The query could not be turned into a graph request; the message is meant for the user. */
export class QueryValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryValidationError';
  }
}

/** A query with every variable resolved to literal values and every enum checked. */
export interface ResolvedQuery {
  namespaces: string[] | 'all';
  /** Explicit window in seconds; undefined = the time range. */
  durationS?: number;
  graphType: GraphType;
  injectServiceNodes: boolean;
  rates: { http: HttpRate; grpc: GrpcRate; tcp: TcpRate };
  ambientTraffic: AmbientTraffic;
  includeIdleEdges: boolean;
  boxBy: BoxBy[];
  node?: NodeFocus;
  scope: Record<string, string>;
  appenders: GraphOptions['appenders'];
  rollup: RollupMode;
  /** Rolled-up node ids to show expanded (literal; only strings kept). */
  rollupExpand: string[];
}

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
 * Resolves variables and checks every field. Throws QueryValidationError when no graph can be asked for
 * (no namespace at all); everything else that is wrong becomes a notice and a safe default.
 */
export function resolveQuery(
  raw: Partial<MeshgraphQuery> & { refId: string },
  scopedVars: ScopedVars | undefined,
  srv: TemplateSrvLike,
  settings: Pick<ResolvedSettings, 'scope'>
): { query: ResolvedQuery; notices: Notice[] } {
  const q = withQueryDefaults(raw);
  const notices: Notice[] = [];
  const unknown = new Set<string>();
  const scalar = (text: string) => {
    const r = interpolateScalar(text, scopedVars, srv);
    r.unresolved.forEach((n) => unknown.add(n));
    return r;
  };

  // Namespaces: every entry may be a literal or a (multi-value) variable; any "All" wins.
  let all = false;
  const names: string[] = [];
  for (const entry of q.namespaces) {
    if (typeof entry !== 'string') {
      continue;
    }
    const r = interpolateValues(entry, scopedVars, srv);
    r.unresolved.forEach((n) => unknown.add(n));
    all = all || r.all;
    names.push(...r.values);
  }
  const namespaces: string[] | 'all' = all ? 'all' : [...new Set(names)];

  // Rate window.
  let durationS: number | undefined;
  if (typeof q.duration === 'string' && q.duration.trim() !== '') {
    const text = scalar(q.duration).value;
    durationS = parseDurationSeconds(text);
    if (durationS === undefined) {
      notices.push({
        severity: 'warning',
        text: `Duration ${JSON.stringify(text)} is not a Prometheus duration (e.g. 10m); using the dashboard time range.`,
      });
    }
  }

  let graphType = pick<GraphType>(
    scalar(String(q.graphType)).value,
    GRAPH_TYPES,
    DEFAULT_GRAPH_TYPE,
    'graph type',
    notices
  );
  const rates = {
    http: pick(q.rates.http, HTTP_RATES, DEFAULT_QUERY.rates.http, 'HTTP rate', notices),
    grpc: pick(q.rates.grpc, GRPC_RATES, DEFAULT_QUERY.rates.grpc, 'gRPC rate', notices),
    tcp: pick(q.rates.tcp, TCP_RATES, DEFAULT_QUERY.rates.tcp, 'TCP rate', notices),
  };
  const ambientTraffic = pick(
    q.ambientTraffic,
    AMBIENT_TRAFFIC,
    DEFAULT_QUERY.ambientTraffic,
    'ambient traffic',
    notices
  );
  const boxBy = q.boxBy.filter((b) => {
    if (BOX_BY.includes(b)) {
      return true;
    }
    notices.push({ severity: 'warning', text: `Unknown box ${JSON.stringify(b)}; ignored.` });
    return false;
  });
  const rollup = pick<RollupMode>(
    scalar(String(q.rollup ?? DEFAULT_QUERY.rollup)).value,
    ROLLUP_MODES,
    'auto',
    'rollup',
    notices
  );
  const rollupExpand = [
    ...new Set((q.rollupExpand ?? []).filter((id): id is string => typeof id === 'string' && id !== '')),
  ];
  const responseTimeRaw =
    q.responseTime === 'off' ? 'off' : pick(q.responseTime, RESPONSE_TIME_STATS, '95', 'response time', notices);
  const throughputRaw =
    q.throughput === 'off' ? 'off' : pick(q.throughput, THROUGHPUT_TYPES, 'response', 'throughput', notices);

  let aggregate: string | false = false;
  const aggregateText = typeof q.aggregate === 'string' ? scalar(q.aggregate.trim()).value : '';
  if (aggregateText !== '') {
    if (isValidLabelName(aggregateText)) {
      aggregate = aggregateText;
    } else {
      notices.push({
        severity: 'warning',
        text: `Operation label ${JSON.stringify(aggregateText)} is not a valid Prometheus label name; operation nodes are off.`,
      });
    }
  }

  // Scope labels: the query's merged over the datasource's (same key: the query wins).
  const scope: Record<string, string> = {};
  for (const label of [...settings.scope, ...q.scope]) {
    const key = (label?.key ?? '').trim();
    if (key === '') {
      continue;
    }
    if (!isValidLabelName(key)) {
      notices.push({
        severity: 'warning',
        text: `Scope label ${JSON.stringify(key)} is not a valid label name; it is ignored.`,
      });
      continue;
    }
    const reserved = reservedScopeLabel(key);
    if (reserved) {
      notices.push({ severity: 'warning', text: `Scope label ignored: ${reserved}.` });
      continue;
    }
    const value = scalar(String(label.value ?? ''));
    if (value.multiple) {
      notices.push({
        severity: 'warning',
        text: `Scope label ${key} got several values; using ${JSON.stringify(value.value)}.`,
      });
    }
    if (value.all) {
      // "All" for a scope label = no restriction on it.
      delete scope[key];
      continue;
    }
    scope[key] = value.value;
  }

  // Node focus.
  let node: NodeFocus | undefined;
  let graphNamespaces = namespaces;
  if (q.node.kind !== 'none' && q.node.kind !== undefined) {
    const ns = scalar(q.node.namespace ?? '');
    const name = scalar(q.node.name ?? '');
    const version = scalar(q.node.version ?? '');
    if (ns.value === '' || name.value === '' || ns.all || name.all) {
      notices.push({
        severity: 'warning',
        text: `Node focus (${q.node.kind}) needs one namespace and one name; showing the whole graph instead.`,
      });
    } else {
      if (ns.multiple || name.multiple) {
        notices.push({
          severity: 'warning',
          text: `Node focus takes one namespace and one name; using ${ns.value}/${name.value}.`,
        });
      }
      if (q.node.kind === 'workload') {
        node = { kind: 'workload', namespace: ns.value, name: name.value };
      } else if (q.node.kind === 'service') {
        node = { kind: 'service', namespace: ns.value, name: name.value };
      } else if (q.node.kind === 'app') {
        node = {
          kind: 'app',
          namespace: ns.value,
          app: name.value,
          ...(version.value ? { version: version.value } : {}),
        };
        if (graphType !== 'app' && graphType !== 'versionedApp') {
          const useType = version.value ? 'versionedApp' : 'app';
          notices.push({
            severity: 'info',
            text: `An app node graph needs an app graph type; using "${useType}" instead of "${graphType}".`,
          });
          graphType = useType;
        }
      } else {
        notices.push({ severity: 'warning', text: `Unknown node focus kind ${JSON.stringify(q.node.kind)}; ignored.` });
      }
      if (node) {
        // As in Kiali, a node graph is built in the node's namespace.
        graphNamespaces = [node.namespace];
      }
    }
  }

  if (unknown.size > 0) {
    notices.push({
      severity: 'warning',
      text: `Unknown variable ${[...unknown].map((n) => '$' + n).join(', ')}: the text is used literally.`,
    });
  }

  if (graphNamespaces !== 'all' && graphNamespaces.length === 0) {
    throw new QueryValidationError(
      'No namespace selected: choose one or more namespaces, a namespace variable, or "All namespaces".'
    );
  }

  return {
    query: {
      namespaces: graphNamespaces,
      durationS,
      graphType,
      injectServiceNodes: graphType === 'service' ? true : q.injectServiceNodes !== false,
      rates,
      ambientTraffic,
      includeIdleEdges: q.includeIdleEdges === true,
      boxBy,
      node,
      scope,
      appenders: {
        responseTime: responseTimeRaw === 'off' ? false : responseTimeRaw,
        throughput: throughputRaw === 'off' ? false : throughputRaw,
        securityPolicy: q.securityPolicy !== false,
        aggregate,
        health: q.health !== false,
        kubeState: q.kubeState !== false,
        responseDetails: q.responseDetails !== false,
      },
      rollup,
      rollupExpand,
    },
    notices,
  };
}

/** The engine's request for a resolved query in a given time window. */
export function toGraphOptions(
  q: ResolvedQuery,
  window: Pick<TimeWindow, 'queryTime' | 'duration'>,
  settings: Pick<ResolvedSettings, 'healthTolerances' | 'queryShards'> &
    Partial<Pick<ResolvedSettings, 'rollupNodeBudget'>>
): GraphOptions {
  return defaultGraphOptions({
    namespaces: q.namespaces,
    graphType: q.graphType,
    injectServiceNodes: q.injectServiceNodes,
    duration: window.duration,
    queryTime: window.queryTime,
    rates: q.rates,
    ambientTraffic: q.ambientTraffic,
    includeIdleEdges: q.includeIdleEdges,
    boxBy: q.boxBy,
    ...(q.node ? { node: q.node } : {}),
    scope: q.scope,
    appenders: q.appenders,
    ...(settings.healthTolerances ? { healthTolerances: settings.healthTolerances } : {}),
    ...(settings.queryShards !== undefined ? { queryShards: settings.queryShards } : {}),
    ...(q.rollup !== 'none' ? { rollup: q.rollup } : {}),
    ...(q.rollup !== 'none' && settings.rollupNodeBudget !== undefined
      ? { rollupNodeBudget: settings.rollupNodeBudget }
      : {}),
    ...(q.rollup !== 'none' && q.rollupExpand.length > 0 ? { rollupExpand: q.rollupExpand } : {}),
  });
}

/**
 * The resolved query written back as a MeshgraphQuery with literal values (for the query inspector, Explore
 * and dashboard links): namespaces listed, "All" as ALL_NAMESPACES, duration as a Prometheus duration.
 */
export function toInterpolatedQuery(original: MeshgraphQuery, q: ResolvedQuery): MeshgraphQuery {
  const node = q.node
    ? q.node.kind === 'app'
      ? { kind: 'app' as const, namespace: q.node.namespace, name: q.node.app, version: q.node.version ?? '' }
      : { kind: q.node.kind, namespace: q.node.namespace, name: q.node.name }
    : { ...DEFAULT_QUERY.node };
  return {
    ...original,
    namespaces: q.namespaces === 'all' ? [ALL_NAMESPACES] : q.namespaces,
    duration: q.durationS !== undefined ? formatDuration(q.durationS) : '',
    graphType: q.graphType,
    node,
    scope: Object.entries(q.scope).map(([key, value]) => ({ key, value })),
    aggregate: q.appenders.aggregate || '',
    rollup: q.rollup,
  };
}
