/**
 * Rollup: the finished graph folded into one node per namespace or per cluster. Pure; runs on a complete
 * GraphModel (after health and boxes) and returns a new model without changing the one it was given, so a shared,
 * cached graph can be rolled up for one viewer and shown unrolled to another.
 *
 * What becomes of each node:
 * - a node of a namespace (namespace rollup) or a cluster (cluster rollup) is a member of that group's rolled-up
 *   node (`rollup_namespace_<cluster>_<namespace>`, `rollup_cluster_<cluster>`, see src/contract/nodeIds.ts);
 * - nodes outside the requested namespaces are rolled into their own namespace nodes, flagged isOutside, in both
 *   modes (a cluster node holds only requested namespaces, so "traffic from outside" stays visible);
 * - the unknown source, PassthroughCluster / BlackHoleCluster and nodes of the unknown namespace stay as they are:
 *   they belong to no namespace, and folding them into one would hide where traffic comes from or leaves the mesh;
 * - boxes are rebuilt: an expanded group becomes a box with the group's id holding its members (and their app
 *   boxes); with boxBy 'cluster' and several clusters, cluster boxes hold the top-level nodes. Namespace boxes of the
 *   unrolled graph are dropped (a rolled-up namespace is its own box).
 *
 * Edges: every edge of the unrolled graph goes to exactly one place. An edge between two members of one collapsed
 * group is that group's internal traffic (RollupSummary.traffic, not an edge: Grafana's Node Graph cannot draw
 * self-loops); every other edge is summed into the edge between its ends' representatives (the rolled-up node, or
 * the node itself when it is kept or expanded), per protocol. Rates are exact sums (exactSum): per protocol, the
 * rolled-up edges plus the internal traffic add up to the unrolled graph's edges.
 */
import { emptyNodeRates } from '../../contract/graph';
import { rollupNodeId } from '../../contract/nodeIds';
import { applyHealth } from '../appenders/health';
import type { GraphEdge, GraphModel, GraphNode, GraphOptions, Protocol, RollupInfo, RollupKind } from '../model';
import { exactSum } from './exactSum';
import { DirectionalEdges, groupNode, RollupGroup } from './groupNode';
import { clusterBoxId } from './ids';
import { ratesFromEdges, sumEdges } from './rollupEdges';

/** The datasource's default node budget for 'auto'. */
export const DEFAULT_ROLLUP_NODE_BUDGET = 500;

/** What the rollup reads from the graph options. */
export type RollupOptions = Partial<
  Pick<GraphOptions, 'boxBy' | 'rates' | 'appenders' | 'healthTolerances' | 'rollupExpand'>
>;

/** A valid node budget (a whole number ≥ 1). */
export function isValidRollupBudget(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Nodes that stay themselves in every rollup: the unknown source, egress clusters, the unknown namespace. */
export function isKeptNode(n: GraphNode): boolean {
  return n.nodeType === 'unknown' || n.isEgressCluster === true || n.namespace === 'unknown' || n.namespace === '';
}

/** The group a (non-box) node belongs to in a rollup by `by`; undefined for kept nodes. */
function groupKey(n: GraphNode, by: RollupKind): { id: string; kind: RollupKind } | undefined {
  if (isKeptNode(n)) {
    return undefined;
  }
  const kind: RollupKind = by === 'namespace' || n.isOutside ? 'namespace' : 'cluster';
  return { id: rollupNodeId(kind, n.cluster, n.namespace), kind };
}

/** Nodes a rollup by `by` would show with every group collapsed (kept nodes plus one per group). */
export function rolledUpNodeCount(model: GraphModel, by: RollupKind): number {
  const ids = new Set<string>();
  for (const n of model.nodes) {
    if (n.nodeType !== 'box') {
      ids.add(groupKey(n, by)?.id ?? n.id);
    }
  }
  return ids.size;
}

function withoutParent(n: GraphNode): GraphNode {
  const { parent: _parent, group: _group, ...rest } = n;
  return rest;
}

/** Rolls `model` up by namespace or cluster (see the file comment). Returns a new model; `model` is not changed. */
export function rollupGraph(model: GraphModel, by: RollupKind, options: RollupOptions = {}): GraphModel {
  const expandIds = new Set(options.rollupExpand ?? []);
  const groups = new Map<string, RollupGroup>();
  const groupOfNode = new Map<string, RollupGroup>();
  for (const n of model.nodes) {
    if (n.nodeType === 'box') {
      continue;
    }
    const key = groupKey(n, by);
    if (!key) {
      continue;
    }
    let g = groups.get(key.id);
    if (!g) {
      g = {
        id: key.id,
        kind: key.kind,
        cluster: n.cluster,
        namespace: key.kind === 'namespace' ? n.namespace : '',
        members: [],
        expanded: expandIds.has(key.id),
      };
      groups.set(key.id, g);
    }
    g.members.push(n);
    groupOfNode.set(n.id, g);
  }
  const rep = (id: string) => {
    const g = groupOfNode.get(id);
    return g && !g.expanded ? g.id : id;
  };

  // Edges: group traffic by direction and protocol, and the rolled-up edges.
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
  const summed = new Map<string, { source: string; target: string; members: GraphEdge[] }>();
  const order: Array<GraphEdge | string> = [];
  for (const e of model.edges) {
    const gs = groupOfNode.get(e.source);
    const gt = groupOfNode.get(e.target);
    if (gs && gs === gt) {
      trafficOfGroup(gs, e.protocol).internal.push(e);
      if (!gs.expanded) {
        continue;
      }
    } else {
      if (gs) {
        trafficOfGroup(gs, e.protocol).outbound.push(e);
      }
      if (gt) {
        trafficOfGroup(gt, e.protocol).inbound.push(e);
      }
    }
    const source = rep(e.source);
    const target = rep(e.target);
    if (source === e.source && target === e.target) {
      order.push(e);
      continue;
    }
    const id = `${source} ${target} ${e.protocol}`;
    const s = summed.get(id);
    if (s) {
      s.members.push(e);
    } else {
      summed.set(id, { source, target, members: [e] });
      order.push(id);
    }
  }
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
  // percentReq of summed edges: their share of everything their source sends on the protocol in this graph.
  const outLists = new Map<string, number[]>();
  for (const e of edges) {
    const k = `${e.source} ${e.protocol}`;
    const list = outLists.get(k);
    list ? list.push(e.rates.total) : outLists.set(k, [e.rates.total]);
  }
  for (const e of aggregated) {
    const out = exactSum(outLists.get(`${e.source} ${e.protocol}`) ?? []);
    e.rates.percentReq = e.rates.total > 0 && out > 0 ? (e.rates.total / out) * 100 : 0;
  }
  if (options.appenders?.health && aggregated.length > 0) {
    // The same tolerances judge the summed responses as they judge any edge (only the edges are given, so node
    // health and its notices are left out).
    applyHealth(
      { ...model, nodes: [], edges: aggregated, notices: [] },
      options.healthTolerances,
      options.rates ? { rates: options.rates } : undefined
    );
  }

  // Nodes.
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
  // App boxes of expanded groups stay inside the group's box.
  const appBoxes = new Set(model.nodes.filter((n) => n.nodeType === 'box' && n.isBox === 'app').map((n) => n.id));
  const appBoxGroup = new Map<string, RollupGroup>();
  for (const n of model.nodes) {
    const g = groupOfNode.get(n.id);
    if (g?.expanded && n.parent !== undefined && appBoxes.has(n.parent)) {
      appBoxGroup.set(n.parent, g);
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
    if (!placed.has(g.id)) {
      placed.add(g.id);
      (g.expanded ? boxes : others).push(rolled.get(g.id)!);
    }
    if (g.expanded) {
      const inAppBox = n.parent !== undefined && appBoxGroup.get(n.parent) === g;
      others.push({ ...withoutParent(n), parent: inAppBox ? n.parent! : g.id, group: g.id });
    }
  }
  const nodes = [...boxes, ...others];
  const clusterBoxes = by === 'namespace' && options.boxBy?.includes('cluster') ? boxByCluster(nodes) : [];

  const info: RollupInfo = {
    requested: by,
    by,
    budget: DEFAULT_ROLLUP_NODE_BUDGET,
    fullNodes: model.nodes.filter((n) => n.nodeType !== 'box').length,
    fullEdges: model.edges.length,
    expanded: [...groups.values()].filter((g) => g.expanded).map((g) => g.id),
  };
  return { ...model, nodes: [...clusterBoxes, ...nodes], edges, notices: [...model.notices], rollup: info };
}

/** Cluster boxes around top-level nodes when there are two clusters or more (as the box appender does). */
function boxByCluster(nodes: GraphNode[]): GraphNode[] {
  const byCluster = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    if (n.parent === undefined && n.cluster !== 'unknown' && n.cluster !== '') {
      const list = byCluster.get(n.cluster);
      list ? list.push(n) : byCluster.set(n.cluster, [n]);
    }
  }
  if (byCluster.size < 2) {
    return [];
  }
  const boxes: GraphNode[] = [];
  for (const [cluster, list] of byCluster) {
    if (list.length >= 2) {
      const id = clusterBoxId(cluster);
      boxes.push({ id, nodeType: 'box', isBox: 'cluster', cluster, namespace: '', rates: emptyNodeRates() });
      list.forEach((n) => (n.parent = id));
    }
  }
  return boxes;
}

/** Node count without boxes. */
function leafCount(model: GraphModel): number {
  let n = 0;
  for (const node of model.nodes) {
    if (node.nodeType !== 'box') {
      n++;
    }
  }
  return n;
}

/**
 * The rollup the options ask for: the model itself for 'none' (or no rollup), else a rolled-up copy with
 * GraphModel.rollup telling what was done. 'auto' rolls up by namespace above the node budget, and by cluster when
 * the namespace rollup would still exceed it and there are several clusters; within the budget it returns a copy
 * with `rollup.by = 'none'`. `model` is never changed.
 */
export function applyRollup(
  model: GraphModel,
  options: RollupOptions & Pick<GraphOptions, 'rollup' | 'rollupNodeBudget'>
): GraphModel {
  const requested = options.rollup ?? 'none';
  if (requested === 'none') {
    return model;
  }
  const budget = isValidRollupBudget(options.rollupNodeBudget) ? options.rollupNodeBudget : DEFAULT_ROLLUP_NODE_BUDGET;
  const fullNodes = leafCount(model);
  let by: RollupKind;
  const notices = [...model.notices];
  if (requested === 'auto') {
    if (fullNodes <= budget) {
      const info: RollupInfo = {
        requested,
        by: 'none',
        budget,
        fullNodes,
        fullEdges: model.edges.length,
        expanded: [],
      };
      return { ...model, rollup: info };
    }
    by = 'namespace';
    const clusters = new Set(model.nodes.filter((n) => n.nodeType !== 'box' && !isKeptNode(n)).map((n) => n.cluster));
    if (clusters.size > 1 && rolledUpNodeCount(model, 'namespace') > budget) {
      by = 'cluster';
    }
    notices.push({
      severity: 'info',
      text: `The graph has ${fullNodes} nodes, more than the rollup budget of ${budget}: showing it rolled up by ${by} (${rolledUpNodeCount(model, by)} nodes).`,
    });
  } else {
    by = requested;
  }
  const rolled = rollupGraph({ ...model, notices }, by, options);
  rolled.rollup = { ...rolled.rollup!, requested, budget };
  return rolled;
}
