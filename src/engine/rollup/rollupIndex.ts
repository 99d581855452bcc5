/**
 * Views of one graph with other groups expanded, without rolling the whole graph up again. The index is built once
 * per graph and rollup (the fully collapsed view and where each of its edges comes from); a view expanding a few
 * groups then reuses every rolled-up node and edge that does not touch them (the same objects) and sums again only
 * the unrolled edges with an end in an expanded group: O(those edges, the groups and the expanded groups' members)
 * instead of O(all edges and nodes), with the same result as rollupParts (rollupIndex.test.ts compares them). Rates
 * stay exact sums: a node or percentReq whose sum would take other terms is computed again from its edges, never
 * adjusted.
 */
import { emptyNodeRates } from '../../contract/graph';
import type { GraphEdge, GraphModel, GraphNode, RollupKind } from '../model';
import { exactSum } from './exactSum';
import { groupNode, RollupGroup } from './groupNode';
import { judgeEdges, percentReq, rollupInfo, rollupParts, RollupParts } from './fullRollup';
import { PlacementPlan, placementPlan, placeFromPlan } from './indexedPlacement';
import type { RollupOptions } from './options';
import { edgesByEnds, ratesFromEdges, sumEdges } from './rollupEdges';

/** What views of one graph rolled up one way share. */
export interface RollupIndex {
  /** The graph's node and edge lists it was built from (a view of another graph needs another index). */
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  by: RollupKind;
  options: RollupOptions;
  /** The view with every group collapsed. */
  base: RollupParts;
  /** Per group: indices of the unrolled edges with an end in it, ascending. */
  edgesOfGroup: Map<string, number[]>;
  /** Per id of the base view's nodes: positions of the base edges it is an end of. */
  baseIncident: Map<string, number[]>;
  /** Per `${source} ${protocol}`: positions of the base edges from that source on that protocol. */
  baseOut: Map<string, number[]>;
  /** Where views place the graph's nodes (indexedPlacement.ts). */
  placement: PlacementPlan;
  /** Per group id: its box when expanded, made at the first view expanding it (the same for every view). */
  expandedBoxes: Map<string, GraphNode>;
}

function push<K>(map: Map<K, number[]>, key: K, v: number): void {
  const list = map.get(key);
  list ? list.push(v) : map.set(key, [v]);
}

/** The index of `model` rolled up by `by` (`options.rollupExpand` is ignored: the base view expands nothing). */
export function buildRollupIndex(model: GraphModel, by: RollupKind, options: RollupOptions): RollupIndex {
  const base = rollupParts(model, by, { ...options, rollupExpand: [] });
  const { groupOfNode } = base.grouping;
  const edgesOfGroup = new Map<string, number[]>();
  model.edges.forEach((e, i) => {
    const gs = groupOfNode.get(e.source);
    const gt = groupOfNode.get(e.target);
    if (gs) {
      push(edgesOfGroup, gs.id, i);
    }
    if (gt && gt !== gs) {
      push(edgesOfGroup, gt.id, i);
    }
  });
  const baseIncident = new Map<string, number[]>();
  const baseOut = new Map<string, number[]>();
  base.view.edges.forEach((e, k) => {
    push(baseIncident, e.source, k);
    if (e.target !== e.source) {
      push(baseIncident, e.target, k);
    }
    push(baseOut, `${e.source} ${e.protocol}`, k);
  });
  return {
    nodes: model.nodes,
    edges: model.edges,
    by,
    options,
    base,
    edgesOfGroup,
    baseIncident,
    baseOut,
    placement: placementPlan(model.nodes, groupOfNode),
    expandedBoxes: new Map(),
  };
}

/** Unrolled edge indices with an end in one of the groups, ascending, each once. */
function touchingEdges(index: RollupIndex, expanded: Map<string, RollupGroup>): number[] {
  const lists = [...expanded.keys()].map((id) => index.edgesOfGroup.get(id) ?? []);
  if (lists.length === 1) {
    return lists[0];
  }
  const all = Int32Array.from(lists.flat()).sort();
  return Array.from(all.filter((v, i) => i === 0 || v !== all[i - 1]));
}

/**
 * The view of the indexed graph with the groups of `expandIds` expanded (unknown ids ignored), equal to
 * rollupParts(model, by, { ...options, rollupExpand: expandIds }).view. `model` is the indexed graph, possibly with
 * other notices.
 */
export function viewFromIndex(index: RollupIndex, model: GraphModel, expandIds: readonly string[]): GraphModel {
  const { base, by, options } = index;
  const { groups, groupOfNode } = base.grouping;
  const wanted = new Set(expandIds);
  const expanded = new Map<string, RollupGroup>();
  for (const g of groups.values()) {
    if (wanted.has(g.id)) {
      expanded.set(g.id, { ...g, expanded: true });
    }
  }
  const rep = (id: string) => {
    const g = groupOfNode.get(id);
    return g && !expanded.has(g.id) ? g.id : id;
  };

  // New edges: the unrolled edges touching an expanded group, summed per pair of representatives as rollupParts
  // does (none is internal to a collapsed group), each placed by its first member.
  const { summed, order, firstEdge } = edgesByEnds(model.edges, touchingEdges(index, expanded), rep);
  const stat = options.appenders?.responseTime;
  const added: GraphEdge[] = [];
  const aggregated = new Set<GraphEdge>();
  for (const item of order) {
    if (typeof item !== 'string') {
      added.push(item);
      continue;
    }
    const s = summed.get(item)!;
    const edge = sumEdges(item, s.source, s.target, s.members, stat, !groups.has(s.target));
    aggregated.add(edge);
    added.push(edge);
  }

  // Base edges with an end in an expanded group are replaced by the new ones; the rest stay, merged in order.
  const removed = new Set<number>();
  for (const id of expanded.keys()) {
    for (const k of index.baseIncident.get(id) ?? []) {
      removed.add(k);
    }
  }
  const edges: GraphEdge[] = [];
  const baseEdges = base.view.edges;
  let a = 0;
  for (let k = 0; k < baseEdges.length; k++) {
    if (removed.has(k)) {
      continue;
    }
    while (a < added.length && firstEdge[a] < base.firstEdge[k]) {
      edges.push(added[a++]);
    }
    edges.push(baseEdges[k]);
  }
  while (a < added.length) {
    edges.push(added[a++]);
  }

  // percentReq: a source with a new edge sends over a new set of edges; its share is computed again from them.
  const addedOut = new Map<string, GraphEdge[]>();
  for (const e of added) {
    const k = `${e.source} ${e.protocol}`;
    const list = addedOut.get(k);
    list ? list.push(e) : addedOut.set(k, [e]);
  }
  const replaced = new Map<GraphEdge, GraphEdge>();
  for (const [k, list] of addedOut) {
    const kept = (index.baseOut.get(k) ?? []).filter((p) => !removed.has(p));
    const out = exactSum([...kept.map((p) => baseEdges[p].rates.total), ...list.map((e) => e.rates.total)]);
    for (const e of list) {
      if (aggregated.has(e)) {
        e.rates.percentReq = percentReq(e.rates.total, out);
      }
    }
    for (const p of kept) {
      const e = baseEdges[p];
      const share = percentReq(e.rates.total, out);
      if (base.aggregated.has(e) && share !== e.rates.percentReq) {
        replaced.set(e, { ...e, rates: { ...e.rates, percentReq: share } });
      }
    }
  }
  const viewEdges = replaced.size > 0 ? edges.map((e) => replaced.get(e) ?? e) : edges;
  judgeEdges(model, [...aggregated], options);

  // Nodes: a collapsed group with a new edge has its rates summed again from its edges; other nodes are reused.
  const touched = new Map<string, GraphEdge[]>();
  for (const e of added) {
    for (const end of e.source === e.target ? [e.source] : [e.source, e.target]) {
      const g = groups.get(end);
      if (g && !expanded.has(end)) {
        const list = touched.get(end);
        list ? list.push(e) : touched.set(end, [e]);
      }
    }
  }
  const updated = new Map<string, GraphNode>();
  for (const [id, list] of touched) {
    const kept = (index.baseIncident.get(id) ?? []).filter((p) => !removed.has(p)).map((p) => baseEdges[p]);
    const rates = ratesFromEdges(new Set([id]), [...kept, ...list]).get(id) ?? emptyNodeRates();
    updated.set(id, { ...base.rolled.get(id)!, rates });
  }
  const none = new Set<string>();
  const boxOf = (x: RollupGroup) => {
    let box = index.expandedBoxes.get(x.id);
    if (!box) {
      box = groupNode(x, base.traffic.get(x.id), undefined, none, none);
      index.expandedBoxes.set(x.id, box);
    }
    return box;
  };
  const nodes = placeFromPlan(
    index.placement,
    by,
    options,
    (g) => expanded.has(g.id),
    (g) => {
      const x = expanded.get(g.id);
      return x ? boxOf(x) : (updated.get(g.id) ?? base.rolled.get(g.id)!);
    }
  );
  return {
    ...model,
    nodes,
    edges: viewEdges,
    notices: [...model.notices],
    rollup: rollupInfo(model, by, base.view.rollup!.fullNodes, [...expanded.keys()]),
  };
}
