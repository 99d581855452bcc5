import { thinningNotice, thinRollupEdges } from './rollupThinning';
import type { PanelEdge, PanelGraph, PanelNode } from './types';

function ns(i: number, expanded = false): PanelNode {
  return {
    id: `rollup_namespace_c_n${i}`,
    nodeType: expanded ? 'box' : 'generic',
    flags: {},
    otherFlags: [],
    arcs: [],
    details: [],
    rollup: { kind: 'namespace', memberCount: 3, membersDegraded: 0, membersFailing: 0, members: [], expanded },
  };
}

function edge(s: number, t: number, total: number, protocol: 'http' | 'tcp' = 'http', healthStatus?: 'Failure'): PanelEdge {
  const source = `rollup_namespace_c_n${s}`;
  const target = `rollup_namespace_c_n${t}`;
  return {
    id: `${source} ${target} ${protocol}`,
    source,
    target,
    protocol,
    hasTraffic: true,
    healthStatus,
    details: [],
    rates: { total, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr: 0, percentReq: 0 },
  };
}

function graph(nodes: PanelNode[], edges: PanelEdge[]): PanelGraph {
  return { source: 'meshgraph', nodes, edges, namespaces: [], skipped: {}, notices: [] };
}

describe('edge thinning between rolled-up nodes', () => {
  it('leaves a graph with few such edges as it is', () => {
    const g = graph([ns(0), ns(1)], [edge(0, 1, 5)]);
    const t = thinRollupEdges(g);
    expect(t.graph).toBe(g);
    expect(thinningNotice(t)).toBeUndefined();
  });

  it('keeps each node’s busiest edges per direction, unhealthy ones first, bytes and requests by share', () => {
    const nodes = [0, 1, 2, 3, 4].map((i) => ns(i));
    const edges = [
      edge(0, 1, 100),
      edge(0, 2, 50),
      edge(0, 3, 1, 'http', 'Failure'),
      edge(0, 4, 10),
      edge(0, 4, 900000, 'tcp'),
    ];
    const t = thinRollupEdges(graph(nodes, edges), 2, 0);
    const kept = new Set(t.graph.edges.map((e) => e.id));
    // Node 0 outbound: the failing edge and the whole of its TCP first, then its busiest HTTP edge is dropped…
    expect(kept.has(edges[2].id)).toBe(true);
    expect(kept.has(edges[4].id)).toBe(true);
    // …but each target keeps its own busiest inbound edge, so nothing is left unconnected.
    expect(kept.has(edges[0].id)).toBe(true);
    expect(kept.has(edges[1].id)).toBe(true);
    expect(t.drawn).toBe(kept.size);
    expect(thinningNotice(t)).toBeUndefined();
  });

  it('drops the rest, and never edges touching an expanded namespace’s box or members', () => {
    const nodes = [ns(0), ns(1), ns(2), ns(3, true), ns(4)];
    const edges = [edge(0, 1, 5), edge(0, 2, 4), edge(0, 4, 3), edge(1, 2, 3), edge(1, 4, 1), edge(0, 3, 1)];
    const t = thinRollupEdges(graph(nodes, edges), 1, 0);
    expect(t.between).toBe(5);
    expect(t.graph.edges.map((e) => e.id)).toEqual([edges[0], edges[1], edges[2], edges[3], edges[5]].map((e) => e.id));
    expect(t.drawn).toBe(4);
    expect(thinningNotice(t, 1)).toBe(
      'Showing 4 of 5 edges between rolled-up nodes (the 1 busiest or unhealthiest of each node per direction); expand a namespace to see all of its edges.'
    );
  });
});
