/**
 * A MeshgraphQuery as saved in a dashboard → the engine's GraphOptions: variables substituted as literal
 * values, enums checked (a hand-edited query JSON can hold anything), settings merged, time window applied.
 * Each group of fields is resolved by its own function (resolveFields.ts).
 */
import type { ScopedVars } from '@grafana/data';

import { defaultGraphOptions } from '../engine/options';
import type {
  AmbientTraffic,
  BoxBy,
  GraphOptions,
  GraphType,
  GrpcRate,
  HttpRate,
  NodeFocus,
  Notice,
  RollupMode,
  TcpRate,
} from '../engine/model';

import type { TemplateSrvLike } from './interpolation';
import {
  fieldContext,
  resolveAppenders,
  resolveBoxBy,
  resolveDuration,
  resolveGraphType,
  resolveNamespaces,
  resolveNodeFocus,
  resolveRollup,
  resolveScope,
  resolveTraffic,
} from './resolveFields';
import type { ResolvedSettings } from './settings';
import { formatDuration, TimeWindow } from './timeWindow';
import { ALL_NAMESPACES, DEFAULT_QUERY, MeshgraphQuery, withQueryDefaults } from './types';

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

/**
 * Resolves variables and checks every field, group by group. Throws QueryValidationError when no graph can be asked
 * for (no namespace at all); everything else that is wrong becomes a notice and a safe default.
 */
export function resolveQuery(
  raw: Partial<MeshgraphQuery> & { refId: string },
  scopedVars: ScopedVars | undefined,
  srv: TemplateSrvLike,
  settings: Pick<ResolvedSettings, 'scope'>
): { query: ResolvedQuery; notices: Notice[] } {
  const q = withQueryDefaults(raw);
  // The groups run in this order so that notices keep the order of the editor's fields.
  const ctx = fieldContext(scopedVars, srv);
  const namespaces = resolveNamespaces(q.namespaces, ctx);
  const durationS = resolveDuration(q.duration, ctx);
  const chosenType = resolveGraphType(q.graphType, ctx);
  const traffic = resolveTraffic(q, ctx);
  const boxBy = resolveBoxBy(q.boxBy, ctx);
  const rollup = resolveRollup(q, ctx);
  const appenders = resolveAppenders(q, ctx);
  const scope = resolveScope(settings.scope, q.scope, ctx);
  const { node, graphType } = resolveNodeFocus(q.node, chosenType, ctx);
  // As in Kiali, a node graph is built in the node's namespace.
  const graphNamespaces = node ? [node.namespace] : namespaces;

  if (ctx.unknown.size > 0) {
    ctx.notices.push({
      severity: 'warning',
      text: `Unknown variable ${[...ctx.unknown].map((n) => '$' + n).join(', ')}: the text is used literally.`,
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
      ...traffic,
      includeIdleEdges: q.includeIdleEdges === true,
      boxBy,
      node,
      scope,
      appenders,
      ...rollup,
    },
    notices: ctx.notices,
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
