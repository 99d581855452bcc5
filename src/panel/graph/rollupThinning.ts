/**
 * Edge thinning between rolled-up nodes. A mesh whose calls cross namespaces at random rolls up into a few hundred
 * namespace nodes but thousands of namespace-to-namespace edges: unreadable, and dagre's layered layout needs
 * minutes for them (measured at 100 × 100: 101 nodes, about 5,000 edges). Between two collapsed rolled-up nodes
 * only each node's busiest edges per direction are drawn (unhealthy ones first, then by their share of the node's
 * traffic of their protocol, so request and byte rates compare); edges touching anything else — kept nodes,
 * expanded members — are all drawn, so expanding a namespace shows every edge of its members.
 */
import type { PanelEdge, PanelGraph, PanelNode } from './types';
import { edgeTotals } from './lazyCells';

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
  // Per node and direction: its edges, and its traffic per protocol (to rank its edges by share). Indexes and
  // objects instead of string keys: this runs on every answer of a rolled-up mesh (thousands of edges).
  interface Side {
    edges: number[];
    totals: Map<string, number>;
  }
  const sides = new Map<string, { out: Side; in: Side }>();
  const sideOf = (node: string) => {
    let s = sides.get(node);
    if (!s) {
      s = { out: { edges: [], totals: new Map() }, in: { edges: [], totals: new Map() } };
      sides.set(node, s);
    }
    return s;
  };
  const rate = (e: PanelEdge) => edgeTotals(e)?.total ?? 0;
  const protocols = between.map((e) => e.protocol ?? '');
  between.forEach((e, i) => {
    for (const side of [sideOf(e.source).out, sideOf(e.target).in]) {
      side.edges.push(i);
      side.totals.set(protocols[i], (side.totals.get(protocols[i]) ?? 0) + rate(e));
    }
  });
  const keep = new Uint8Array(between.length);
  const better = (a: { i: number; score: number }, b: { i: number; score: number }) =>
    a.score > b.score || (a.score === b.score && between[a.i].id < between[b.i].id);
  for (const { out, in: inbound } of sides.values()) {
    for (const side of [out, inbound]) {
      // The `perNode` best of this side, kept in order (a short list: insertion beats sorting every edge).
      const best: Array<{ i: number; score: number }> = [];
      for (const i of side.edges) {
        const e = between[i];
        const total = side.totals.get(protocols[i]) ?? 0;
        const score = (e.healthStatus && UNHEALTHY.has(e.healthStatus) ? 2 : 0) + (total > 0 ? rate(e) / total : 0);
        const c = { i, score };
        if (best.length === perNode && !better(c, best[best.length - 1])) {
          continue;
        }
        let at = best.length;
        while (at > 0 && better(c, best[at - 1])) {
          at--;
        }
        best.splice(at, 0, c);
        if (best.length > perNode) {
          best.pop();
        }
      }
      for (const b of best) {
        keep[b.i] = 1;
      }
    }
  }
  const dropped = new Set<string>();
  between.forEach((e, i) => {
    if (!keep[i]) {
      dropped.add(e.id);
    }
  });
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
