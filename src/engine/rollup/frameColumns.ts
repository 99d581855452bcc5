/**
 * What a rolled-up graph adds to the `nodes` and `edges` frames (src/contract/frameFields.ts lists the names). The columns are
 * present only when the graph was rolled up (GraphModel.rollup.by is 'namespace' or 'cluster'), so unrolled frames
 * stay as they were; the nodes frame's meta.custom.rollup (RollupInfo) says how the graph was rolled up whenever a
 * rollup was asked for, including 'auto' staying within its budget.
 */
import type { GraphEdge, GraphModel, GraphNode } from '../model';
import { FrameFieldDTO, RollupEdgeField, RollupNodeField } from '../../contract/frameFields';
import { keptJson } from '../output/jsonText';
import { withLazyValues } from '../output/lazyColumn';

/** True when the model's frames carry the rollup columns. */
export function isRolledUp(model: GraphModel): boolean {
  return model.rollup !== undefined && model.rollup.by !== 'none';
}

const NOUNS: Record<string, [string, string]> = {
  workload: ['workload', 'workloads'],
  app: ['app', 'apps'],
  service: ['service', 'services'],
  aggregate: ['operation', 'operations'],
};

/** "20 workloads, 20 services": the members of a rolled-up node by type, largest first. */
export function memberSummary(n: GraphNode): string {
  const types = Object.entries(n.rollup?.memberTypes ?? {}).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return types
    .map(([type, count]) => {
      const [one, many] = NOUNS[type] ?? ['node', 'nodes'];
      return `${count} ${count === 1 ? one : many}`;
    })
    .join(', ');
}

/**
 * The arc of a rolled-up node: the share of its members by health (healthy, degraded, failing, and the rest —
 * not ready or not judged — as idle), summing to 1. Undefined when no member has health (health off): the
 * ordinary arc from the node's edges is used then.
 */
export function rollupArcs(n: GraphNode): [number, number, number, number] | undefined {
  const r = n.rollup;
  if (!r || r.expanded || n.health === undefined || r.memberCount <= 0) {
    return undefined;
  }
  const c = r.health.byStatus;
  const healthy = c.Healthy / r.memberCount;
  const degraded = c.Degraded / r.memberCount;
  const failure = c.Failure / r.memberCount;
  return [healthy, degraded, failure, Math.max(0, 1 - healthy - degraded - failure)];
}

/** The summary without the member list (that has its own column); kept per summary, shared by views. */
const summaryTexts = new WeakMap<object, string>();
function summaryJson(n: GraphNode): string {
  if (!n.rollup) {
    return '';
  }
  let text = summaryTexts.get(n.rollup);
  if (text === undefined) {
    const { members: _members, ...rest } = n.rollup;
    text = JSON.stringify(rest);
    summaryTexts.set(n.rollup, text);
  }
  return text;
}

/** A rollup column computed per row when read (engine/output/lazyColumn.ts). */
function column<T>(
  name: string,
  type: 'string' | 'number',
  rows: readonly T[],
  pick: (row: T) => unknown
): FrameFieldDTO {
  return withLazyValues({ name, type }, { length: rows.length, at: (i) => pick(rows[i]) });
}

/** The nodes frame's rollup columns (none for graphs that were not rolled up). */
export function rollupNodeFields(model: GraphModel): FrameFieldDTO[] {
  if (!isRolledUp(model)) {
    return [];
  }
  const N = model.nodes;
  const count = (name: string, pick: (n: GraphNode) => number) =>
    column(name, 'number', N, (n) => (n.rollup ? pick(n) : null));
  return [
    column(RollupNodeField.group, 'string', N, (n) => n.group ?? ''),
    count(RollupNodeField.memberCount, (n) => n.rollup!.memberCount),
    count(RollupNodeField.membersDegraded, (n) => n.rollup!.health.byStatus.Degraded),
    count(RollupNodeField.membersFailing, (n) => n.rollup!.health.byStatus.Failure),
    column(RollupNodeField.members, 'string', N, (n) => (n.rollup ? keptJson(n.rollup.members) : '')),
    column(RollupNodeField.rollup, 'string', N, summaryJson),
  ];
}

/** The edges frame's rollup column: how many unrolled edges each edge sums (1 for edges kept as they were). */
export function rollupEdgeFields(model: GraphModel): FrameFieldDTO[] {
  if (!isRolledUp(model)) {
    return [];
  }
  return [column(RollupEdgeField.memberEdges, 'number', model.edges, (e: GraphEdge) => e.memberEdges ?? 1)];
}

/** The nodes frame's meta.custom: how the graph was rolled up (when a rollup was asked for). */
export function rollupFrameMeta(model: GraphModel): { custom: { rollup: NonNullable<GraphModel['rollup']> } } | {} {
  return model.rollup ? { custom: { rollup: model.rollup } } : {};
}
