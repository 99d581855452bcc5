/**
 * The rollup computed from scratch (rollup.ts says what it does), and the parts of it that a view with other
 * expanded groups reuses (rollupIndex.ts): the grouping, each group's traffic, the rolled-up nodes and where each
 * edge of the view first appears among the unrolled edges.
 */
import { emptyNodeRates } from '../../contract/graph';
import { applyHealth } from '../appenders/health';
import type { GraphEdge, GraphModel, GraphNode, Protocol, RollupInfo, RollupKind } from '../model';
import { exactSum } from './exactSum';
import { DirectionalEdges, groupNode, RollupGroup } from './groupNode';
import { Grouping, groupNodes } from './groups';
import { clusterBoxId } from './ids';
import { DEFAULT_ROLLUP_NODE_BUDGET, RollupOptions } from './options';
import { edgesByEnds, ratesFromEdges, sumEdges } from './rollupEdges';

/** A rolled-up view and what it was made of. */
export interface RollupParts {
  view: GraphModel;
  grouping: Grouping;
  /** Each group's edges per protocol and direction (the same whichever groups are expanded). */
  traffic: Map<string, Map<Protocol, DirectionalEdges>>;
  /** The node (collapsed) or box (expanded) of each group. */
  rolled: Map<string, GraphNode>;
  /** Per edge of the view: the index in the unrolled edges of its first member (the view's edges are in that order). */
  firstEdge: number[];
  /** The view's edges that sum unrolled edges (the others are unrolled edges kept as they were). */
  aggregated: ReadonlySet<GraphEdge>;
}

/** Each group's edges per protocol and direction. */
export function groupTraffic(model: GraphModel, groupOfNode: Map<string, RollupGroup>) {
  const traffic = new Map<string, Map<Protocol, DirectionalEdges>>();
  const trafficOfGroup = (g: RollupGroup, p: Protocol) => {
    let byProtocol = traffic.get(g.id);
    if (!byProtocol) {
      byProtocol = new Map();
      traffic.set(g.id, byProtocol);
    }
    let d = byProtocol.get(p);
    if (!d) {
      d = { inbound: [], outbound: [], internal: [] };
      byProtocol.set(p, d);
    }
    return d;
  };
  for (const e of model.edges) {
    const gs = groupOfNode.get(e.source);
    const gt = groupOfNode.get(e.target);
    if (gs && gs === gt) {
      trafficOfGroup(gs, e.protocol).internal.push(e);
    } else {
      if (gs) {
        trafficOfGroup(gs, e.protocol).outbound.push(e);
      }
      if (gt) {
        trafficOfGroup(gt, e.protocol).inbound.push(e);
      }
    }
  }
  return traffic;
}

/** percentReq of a summed edge: its share of everything its source sends on the protocol (`out`, exact sum). */
export function percentReq(total: number, out: number): number {
  return total > 0 && out > 0 ? (total / out) * 100 : 0;
}

/** Sets percentReq on the summed edges from the totals of all the view's edges. */
function setPercentReq(edges: GraphEdge[], aggregated: GraphEdge[]): void {
  const outLists = new Map<string, number[]>();
  for (const e of edges) {
    const k = `${e.source} ${e.protocol}`;
    const list = outLists.get(k);
    list ? list.push(e.rates.total) : outLists.set(k, [e.rates.total]);
  }
  for (const e of aggregated) {
    e.rates.percentReq = percentReq(e.rates.total, exactSum(outLists.get(`${e.source} ${e.protocol}`) ?? []));
  }
}

/**
 * Edge health of summed edges: the same tolerances judge the summed responses as they judge any edge (only the
 * edges are given, so node health and its notices are left out).
 */
export function judgeEdges(model: GraphModel, aggregated: GraphEdge[], options: RollupOptions): void {
  if (options.appenders?.health && aggregated.length > 0) {
    applyHealth(
      { ...model, nodes: [], edges: aggregated, notices: [] },
      options.healthTolerances,
      options.rates ? { rates: options.rates } : undefined
    );
  }
}

export function withoutParent(n: GraphNode): GraphNode {
  const { parent: _parent, group: _group, ...rest } = n;
  return rest;
}

/**
 * The view's nodes in the unrolled graph's order: boxes (expanded groups and their app boxes) first, then kept
 * nodes, collapsed groups and the members of expanded groups; cluster boxes around them when asked.
 */
export function placeNodes(
  model: GraphModel,
  by: RollupKind,
  options: RollupOptions,
  groupOfNode: Map<string, RollupGroup>,
  isExpanded: (g: RollupGroup) => boolean,
  nodeOf: (g: RollupGroup) => GraphNode
): GraphNode[] {
  // App boxes of expanded groups stay inside the group's box.
  const appBoxes = new Set(model.nodes.filter((n) => n.nodeType === 'box' && n.isBox === 'app').map((n) => n.id));
  const appBoxGroup = new Map<string, RollupGroup>();
  if (appBoxes.size > 0) {
    for (const n of model.nodes) {
      const g = groupOfNode.get(n.id);
      if (g && isExpanded(g) && n.parent !== undefined && appBoxes.has(n.parent)) {
        appBoxGroup.set(n.parent, g);
      }
    }
  }
  const boxes: GraphNode[] = [];
  const others: GraphNode[] = [];
  const placed = new Set<string>();
  for (const n of model.nodes) {
    if (n.nodeType === 'box') {
      const g = appBoxGroup.get(n.id);
      if (g) {
        boxes.push({ ...withoutParent(n), parent: g.id, group: g.id });
      }
      continue;
    }
    const g = groupOfNode.get(n.id);
    if (!g) {
      others.push(withoutParent(n));
      continue;
    }
    const expanded = isExpanded(g);
    if (!placed.has(g.id)) {
      placed.add(g.id);
      (expanded ? boxes : others).push(nodeOf(g));
    }
    if (expanded) {
      const inAppBox = n.parent !== undefined && appBoxGroup.get(n.parent) === g;
      others.push({ ...withoutParent(n), parent: inAppBox ? n.parent! : g.id, group: g.id });
    }
  }
  return withClusterBoxes([...boxes, ...others], by, options);
}

/** The placed nodes, inside cluster boxes when a rollup by namespace is boxed by cluster. */
export function withClusterBoxes(nodes: GraphNode[], by: RollupKind, options: RollupOptions): GraphNode[] {
  return by === 'namespace' && options.boxBy?.includes('cluster') ? boxByCluster(nodes) : nodes;
}

/**
 * Cluster boxes around top-level nodes when there are two clusters or more (as the box appender does), then the
 * nodes. The boxed nodes are copies: views share their other nodes, so none is changed.
 */
function boxByCluster(nodes: GraphNode[]): GraphNode[] {
  const byCluster = new Map<string, number>();
  for (const n of nodes) {
    if (n.parent === undefined && n.cluster !== 'unknown' && n.cluster !== '') {
      byCluster.set(n.cluster, (byCluster.get(n.cluster) ?? 0) + 1);
    }
  }
  if (byCluster.size < 2) {
    return nodes;
  }
  const boxes: GraphNode[] = [];
  for (const [cluster, count] of byCluster) {
    if (count >= 2) {
      boxes.push({
        id: clusterBoxId(cluster),
        nodeType: 'box',
        isBox: 'cluster',
        cluster,
        namespace: '',
        rates: emptyNodeRates(),
      });
    }
  }
  const boxed = nodes.map((n) =>
    n.parent === undefined && (byCluster.get(n.cluster) ?? 0) >= 2 && n.cluster !== 'unknown' && n.cluster !== ''
      ? { ...n, parent: clusterBoxId(n.cluster) }
      : n
  );
  return [...boxes, ...boxed];
}

/** How the view was rolled up (applyRollup completes requested and budget). */
export function rollupInfo(model: GraphModel, by: RollupKind, fullNodes: number, expanded: string[]): RollupInfo {
  return {
    requested: by,
    by,
    budget: DEFAULT_ROLLUP_NODE_BUDGET,
    fullNodes,
    fullEdges: model.edges.length,
    expanded,
  };
}

/** Rolls `model` up by namespace or cluster from scratch; `model` is not changed. */
export function rollupParts(model: GraphModel, by: RollupKind, options: RollupOptions = {}): RollupParts {
  const grouping = groupNodes(model, by, new Set(options.rollupExpand ?? []));
  const { groups, groupOfNode } = grouping;
  const rep = (id: string) => {
    const g = groupOfNode.get(id);
    return g && !g.expanded ? g.id : id;
  };

  // Edges: every edge not internal to a collapsed group, summed per pair of representatives and protocol.
  const traffic = groupTraffic(model, groupOfNode);
  const { summed, order, firstEdge } = edgesByEnds(model.edges, model.edges.keys(), rep, (e) => {
    const gs = groupOfNode.get(e.source);
    return !!gs && !gs.expanded && gs === groupOfNode.get(e.target);
  });
  const stat = options.appenders?.responseTime;
  const aggregated: GraphEdge[] = [];
  const edges: GraphEdge[] = order.map((item) => {
    if (typeof item !== 'string') {
      return item;
    }
    const s = summed.get(item)!;
    const edge = sumEdges(item, s.source, s.target, s.members, stat, !groups.has(s.target));
    aggregated.push(edge);
    return edge;
  });
  setPercentReq(edges, aggregated);
  judgeEdges(model, aggregated, options);

  // Nodes: a collapsed group's rates are those of the edges it ends up with.
  const collapsedIds = new Set([...groups.values()].filter((g) => !g.expanded).map((g) => g.id));
  const rates = ratesFromEdges(collapsedIds, edges);
  const inbound = new Set<string>();
  const outbound = new Set<string>();
  for (const e of edges) {
    inbound.add(e.target);
    outbound.add(e.source);
  }
  const rolled = new Map<string, GraphNode>();
  for (const g of groups.values()) {
    rolled.set(g.id, groupNode(g, traffic.get(g.id), rates.get(g.id), inbound, outbound));
  }
  const nodes = placeNodes(
    model,
    by,
    options,
    groupOfNode,
    (g) => g.expanded,
    (g) => rolled.get(g.id)!
  );
  const expanded = [...groups.values()].filter((g) => g.expanded).map((g) => g.id);
  const view: GraphModel = {
    ...model,
    nodes,
    edges,
    notices: [...model.notices],
    rollup: rollupInfo(model, by, model.nodes.filter((n) => n.nodeType !== 'box').length, expanded),
  };
  return { view, grouping, traffic, rolled, firstEdge, aggregated: new Set(aggregated) };
}
