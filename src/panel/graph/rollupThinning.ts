/**
 * Edge thinning between rolled-up nodes. A mesh whose calls cross namespaces at random rolls up into a few hundred
 * namespace nodes but thousands of namespace-to-namespace edges: unreadable, and dagre's layered layout needs
 * minutes for them (measured at 100 × 100: 101 nodes, about 5,000 edges). Between two collapsed rolled-up nodes
 * only each node's busiest edges per direction are drawn (unhealthy ones first, then by their share of the node's
 * traffic of their protocol, so request and byte rates compare); edges touching anything else — kept nodes,
 * expanded members — are all drawn, so expanding a namespace shows every edge of its members.
 */
import type { PanelEdge, PanelGraph, PanelNode } from './types';

export interface Thinned {
  graph: PanelGraph;
  /** Edges between collapsed rolled-up nodes, and how many of them are drawn. */
  between: number;
  drawn: number;
}

const UNHEALTHY = new Set(['Failure', 'Degraded']);

function collapsed(n: PanelNode | undefined): boolean {
  return !!n?.rollup && !n.rollup.expanded;
}

/**
 * The graph with at most `perNode` edges per collapsed rolled-up node and direction between collapsed rolled-up
 * nodes, when there are more than `above` such edges; the graph itself otherwise.
 */
export function thinRollupEdges(graph: PanelGraph, perNode = 2, above = 300): Thinned {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const between = graph.edges.filter((e) => collapsed(byId.get(e.source)) && collapsed(byId.get(e.target)));
  if (between.length <= above) {
    return { graph, between: between.length, drawn: between.length };
  }
  // Each node's traffic per protocol and direction, to rank its edges by share.
  const totals = new Map<string, number>();
  const key = (node: string, dir: 'in' | 'out', e: PanelEdge) => `${dir} ${node} ${e.protocol ?? ''}`;
  const rate = (e: PanelEdge) => e.rates?.total ?? 0;
  for (const e of between) {
    totals.set(key(e.source, 'out', e), (totals.get(key(e.source, 'out', e)) ?? 0) + rate(e));
    totals.set(key(e.target, 'in', e), (totals.get(key(e.target, 'in', e)) ?? 0) + rate(e));
  }
  const lists = new Map<string, Array<{ e: PanelEdge; score: number }>>();
  for (const e of between) {
    for (const [node, dir] of [
      [e.source, 'out'],
      [e.target, 'in'],
    ] as const) {
      const total = totals.get(key(node, dir, e)) ?? 0;
      const share = total > 0 ? rate(e) / total : 0;
      const score = (e.healthStatus && UNHEALTHY.has(e.healthStatus) ? 2 : 0) + share;
      const list = lists.get(`${dir} ${node}`) ?? [];
      list.push({ e, score });
      lists.set(`${dir} ${node}`, list);
    }
  }
  const keep = new Set<string>();
  for (const list of lists.values()) {
    list.sort((a, b) => b.score - a.score || (a.e.id < b.e.id ? -1 : 1));
    for (const { e } of list.slice(0, perNode)) {
      keep.add(e.id);
    }
  }
  const dropped = new Set(between.filter((e) => !keep.has(e.id)).map((e) => e.id));
  return {
    graph: { ...graph, edges: graph.edges.filter((e) => !dropped.has(e.id)) },
    between: between.length,
    drawn: between.length - dropped.size,
  };
}

/** The notice of a thinned graph (undefined when nothing was left out). */
export function thinningNotice(t: Thinned, perNode = 2): string | undefined {
  if (t.drawn >= t.between) {
    return undefined;
  }
  return (
    `Showing ${t.drawn} of ${t.between} edges between rolled-up nodes (the ${perNode} busiest or unhealthiest ` +
    `of each node per direction); expand a namespace to see all of its edges.`
  );
}
