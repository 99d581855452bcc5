/**
 * Rollup: the finished graph folded into one node per namespace or per cluster (issue 14). Pure; runs on a complete
 * GraphModel (after health and boxes) and returns a new model without changing the one it was given, so a shared,
 * cached graph can be rolled up for one viewer and shown unrolled to another.
 *
 * What becomes of each node:
 * - a node of a namespace (namespace rollup) or a cluster (cluster rollup) is a member of that group's rolled-up
 *   node (`rollup_namespace_<cluster>_<namespace>`, `rollup_cluster_<cluster>`, see ids.ts);
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
import { applyHealth } from '../appenders/health';
import { healthPriority } from '../appenders/healthTolerances';
import { emptyNodeRates } from '../fold/trafficMap';
import type {
  EdgeRates,
  GraphEdge,
  GraphModel,
  GraphNode,
  GraphOptions,
  HealthStatus,
  NodeRates,
  Protocol,
  ResponseDetail,
  RollupInfo,
  RollupKind,
  RollupProtocolTraffic,
  RollupSummary,
  RollupTraffic,
} from '../model';
import { newCodeRecord } from '../codeRecord';
import { exactSum } from './exactSum';
import { rollupNodeId } from '../../contract/nodeIds';
import { clusterBoxId } from './ids';

/** The datasource's default node budget for 'auto'. */
export const DEFAULT_ROLLUP_NODE_BUDGET = 500;

/** What the rollup reads from the graph options. */
export type RollupOptions = Partial<
  Pick<GraphOptions, 'boxBy' | 'rates' | 'appenders' | 'healthTolerances' | 'rollupExpand'>
>;

const HEALTH_STATUSES: HealthStatus[] = ['Failure', 'Degraded', 'Not Ready', 'Healthy', 'NA'];
const PROTOCOLS: Protocol[] = ['http', 'grpc', 'tcp'];

/** A valid node budget (a whole number ≥ 1). */
export function isValidRollupBudget(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Nodes that stay themselves in every rollup: the unknown source, egress clusters, the unknown namespace. */
export function isKeptNode(n: GraphNode): boolean {
  return n.nodeType === 'unknown' || n.isEgressCluster === true || n.namespace === 'unknown' || n.namespace === '';
}

interface Group {
  id: string;
  kind: RollupKind;
  cluster: string;
  namespace: string;
  members: GraphNode[];
  expanded: boolean;
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

/** Pushes the error rates of one edge (HTTP 4xx, 5xx and no response; gRPC errors and no response; none for TCP). */
function pushErrors(e: GraphEdge, out: number[]): void {
  const r = e.rates;
  if (e.protocol === 'http') {
    out.push(r.http4xx, r.http5xx, r.noResponse);
  } else if (e.protocol === 'grpc') {
    out.push(r.grpcErr, r.noResponse);
  }
}

/** The error rates of edges, one list. */
function errorsOf(edges: GraphEdge[]): number[] {
  const out: number[] = [];
  for (const e of edges) {
    pushErrors(e, out);
  }
  return out;
}

const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

/** One direction's traffic of edges of one protocol, as exact sums. */
function trafficOf(edges: GraphEdge[]): RollupTraffic {
  const rate = exactSum(edges.map((e) => e.rates.total));
  const errors = exactSum(errorsOf(edges));
  const byCode = new Map<string, number[]>();
  for (const e of edges) {
    const responses = e.responses;
    for (const code in responses) {
      const v = responses[code]?.rate;
      if (typeof v === 'number') {
        const list = byCode.get(code);
        if (list) {
          list.push(v);
        } else {
          byCode.set(code, [v]);
        }
      }
    }
  }
  const codes = newCodeRecord<number>();
  for (const code of [...byCode.keys()].sort()) {
    codes[code] = exactSum(byCode.get(code)!);
  }
  return { rate, errors, percentErr: percent(errors, rate), codes };
}

/** Sums of a record-valued field (flags, hosts) over member details. */
function sumRecords(records: Array<Record<string, number>>): Record<string, number> {
  const lists = new Map<string, number[]>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      const list = lists.get(k);
      list ? list.push(r[k]) : lists.set(k, [r[k]]);
    }
  }
  const out = newCodeRecord<number>();
  for (const k of [...lists.keys()].sort()) {
    out[k] = exactSum(lists.get(k)!);
  }
  return out;
}

/**
 * One rolled-up edge from its member edges (same representatives and protocol). Response codes and flags are
 * summed; hosts (the destination service per code) only on edges into a node kept as itself, where they name the
 * external hosts behind PassthroughCluster or the services of the unknown namespace: into a rolled-up node they
 * would list its services one by one, which expanding it shows.
 */
function sumEdges(
  id: string,
  source: string,
  target: string,
  members: GraphEdge[],
  responseTimeStat: string | false | undefined,
  keepHosts: boolean
): GraphEdge {
  const protocol = members[0].protocol;
  const sum = (pick: (r: EdgeRates) => number) => exactSum(members.map((e) => pick(e.rates)));
  const total = sum((r) => r.total);
  const errors = exactSum(errorsOf(members));
  const rates: EdgeRates = {
    total,
    http3xx: sum((r) => r.http3xx),
    http4xx: sum((r) => r.http4xx),
    http5xx: sum((r) => r.http5xx),
    noResponse: sum((r) => r.noResponse),
    grpcErr: sum((r) => r.grpcErr),
    percentErr: percent(errors, total),
    percentReq: 0,
  };
  const details = new Map<string, ResponseDetail[]>();
  for (const e of members) {
    for (const code of Object.keys(e.responses)) {
      const d = e.responses[code];
      if (d) {
        const list = details.get(code);
        list ? list.push(d) : details.set(code, [d]);
      }
    }
  }
  const responses = newCodeRecord<ResponseDetail>();
  for (const code of [...details.keys()].sort()) {
    const list = details.get(code)!;
    responses[code] = {
      rate: exactSum(list.map((d) => d.rate)),
      flags: sumRecords(list.map((d) => d.flags ?? {})),
      hosts: keepHosts ? sumRecords(list.map((d) => d.hosts ?? {})) : {},
    };
  }
  const edge: GraphEdge = {
    id,
    source,
    target,
    protocol,
    rates,
    responses,
    hasTraffic: members.some((e) => e.hasTraffic),
    memberEdges: members.length,
  };
  // Response time: an average over the members weighted by their rates is the average of the whole; for a
  // percentile the highest member's is an upper bound of the whole's (at that value every member has at least that
  // share of its requests below it), as the engine does for several values of one edge.
  const timed = members.filter((e) => e.responseTime !== undefined && Number.isFinite(e.responseTime));
  if (timed.length > 0) {
    const weight = exactSum(timed.map((e) => e.rates.total));
    edge.responseTime =
      responseTimeStat === 'avg' && weight > 0
        ? exactSum(timed.map((e) => e.responseTime! * e.rates.total)) / weight
        : Math.max(...timed.map((e) => e.responseTime!));
  }
  const through = members.filter((e) => e.throughput !== undefined);
  if (through.length > 0) {
    edge.throughput = exactSum(through.map((e) => e.throughput!));
  }
  // mTLS share: of the traffic of the members that carry one, weighted by rate.
  const secured = members.filter((e) => e.isMTLS !== undefined);
  if (secured.length > 0) {
    const weight = exactSum(secured.map((e) => e.rates.total));
    edge.isMTLS =
      weight > 0
        ? exactSum(secured.map((e) => e.isMTLS! * e.rates.total)) / weight
        : Math.max(...secured.map((e) => e.isMTLS!));
  }
  const same = (pick: (e: GraphEdge) => string | undefined) => {
    const v = pick(members[0]);
    return v !== undefined && members.every((e) => pick(e) === v) ? v : undefined;
  };
  const sp = same((e) => e.sourcePrincipal);
  const dp = same((e) => e.destPrincipal);
  if (sp !== undefined) {
    edge.sourcePrincipal = sp;
  }
  if (dp !== undefined) {
    edge.destPrincipal = dp;
  }
  return edge;
}

/** Node rates of rolled-up nodes from the edges they end up with (inbound totals = the sum of their edges). */
function ratesFromEdges(ids: Set<string>, edges: GraphEdge[]): Map<string, NodeRates> {
  const lists = new Map<string, Record<keyof NodeRates, number[]>>();
  const listsOf = (id: string) => {
    let l = lists.get(id);
    if (!l) {
      l = Object.fromEntries(Object.keys(emptyNodeRates()).map((k) => [k, [] as number[]])) as Record<
        keyof NodeRates,
        number[]
      >;
      lists.set(id, l);
    }
    return l;
  };
  for (const e of edges) {
    const r = e.rates;
    if (ids.has(e.target)) {
      const l = listsOf(e.target);
      if (e.protocol === 'http') {
        l.httpIn.push(r.total);
        l.httpIn3xx.push(r.http3xx);
        l.httpIn4xx.push(r.http4xx);
        l.httpIn5xx.push(r.http5xx);
        l.httpInNoResponse.push(r.noResponse);
      } else if (e.protocol === 'grpc') {
        l.grpcIn.push(r.total);
        l.grpcInErr.push(r.grpcErr);
        l.grpcInNoResponse.push(r.noResponse);
      } else {
        l.tcpIn.push(r.total);
      }
    }
    if (ids.has(e.source)) {
      const l = listsOf(e.source);
      (e.protocol === 'http' ? l.httpOut : e.protocol === 'grpc' ? l.grpcOut : l.tcpOut).push(r.total);
    }
  }
  const out = new Map<string, NodeRates>();
  for (const [id, l] of lists) {
    const rates = emptyNodeRates();
    for (const k of Object.keys(rates) as Array<keyof NodeRates>) {
      rates[k] = exactSum(l[k]);
    }
    out.set(id, rates);
  }
  return out;
}

function withoutParent(n: GraphNode): GraphNode {
  const { parent: _parent, group: _group, ...rest } = n;
  return rest;
}

/** Rolls `model` up by namespace or cluster (see the file comment). Returns a new model; `model` is not changed. */
export function rollupGraph(model: GraphModel, by: RollupKind, options: RollupOptions = {}): GraphModel {
  const expandIds = new Set(options.rollupExpand ?? []);
  const groups = new Map<string, Group>();
  const groupOfNode = new Map<string, Group>();
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
  type Directional = Record<'inbound' | 'outbound' | 'internal', GraphEdge[]>;
  const traffic = new Map<string, Map<Protocol, Directional>>();
  const trafficOfGroup = (g: Group, p: Protocol) => {
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
  const appBoxGroup = new Map<string, Group>();
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

/** The rolled-up node (or, when expanded, the box) of a group. */
function groupNode(
  g: Group,
  traffic: Map<Protocol, Record<'inbound' | 'outbound' | 'internal', GraphEdge[]>> | undefined,
  rates: NodeRates | undefined,
  inbound: Set<string>,
  outbound: Set<string>
): GraphNode {
  const byStatus = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  let worst: HealthStatus = 'NA';
  let worstRatio = 0;
  let judged = false;
  const memberTypes: Record<string, number> = {};
  for (const m of g.members) {
    const status = m.health?.status ?? 'NA';
    judged = judged || m.health !== undefined;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const pw = healthPriority(worst);
    const pm = healthPriority(status);
    if (pm > pw || (pm === pw && (m.health?.errorRatio ?? 0) > worstRatio)) {
      worst = status;
      worstRatio = m.health?.errorRatio ?? 0;
    }
    memberTypes[m.nodeType] = (memberTypes[m.nodeType] ?? 0) + 1;
  }
  const summaryTraffic: Partial<Record<Protocol, RollupProtocolTraffic>> = {};
  for (const p of PROTOCOLS) {
    const d = traffic?.get(p);
    if (d) {
      summaryTraffic[p] = {
        inbound: trafficOf(d.inbound),
        outbound: trafficOf(d.outbound),
        internal: trafficOf(d.internal),
      };
    }
  }
  const summary: RollupSummary = {
    kind: g.kind,
    memberCount: g.members.length,
    memberTypes,
    members: g.members.map((m) => m.id).sort(),
    health: { worst, byStatus },
    traffic: summaryTraffic,
  };
  const node: GraphNode = {
    id: g.id,
    nodeType: g.expanded ? 'box' : g.kind,
    cluster: g.cluster,
    namespace: g.namespace,
    rates: g.expanded ? emptyNodeRates() : (rates ?? emptyNodeRates()),
    rollup: summary,
    group: g.id,
  };
  if (g.expanded) {
    node.isBox = g.kind;
    summary.expanded = true;
  }
  if (g.members.every((m) => m.isOutside)) {
    node.isOutside = true;
  }
  if (!g.expanded) {
    if (outbound.has(g.id) && !inbound.has(g.id)) {
      node.isRoot = true;
    }
    if (g.members.every((m) => m.isIdle)) {
      node.isIdle = true;
    }
    if (g.members.every((m) => m.isDead)) {
      node.isDead = true;
    }
    if (judged) {
      const requests = (dir: 'inbound' | 'outbound') => {
        const out: Record<string, Record<string, number>> = {};
        for (const p of ['http', 'grpc'] as const) {
          const t = summaryTraffic[p]?.[dir];
          if (t && t.rate > 0) {
            out[p] = { ...t.codes };
          }
        }
        return out;
      };
      const totals = (['http', 'grpc'] as const).flatMap((p) => [
        summaryTraffic[p]?.inbound.rate ?? 0,
        summaryTraffic[p]?.outbound.rate ?? 0,
      ]);
      node.health = {
        status: worst,
        errorRatio: worstRatio,
        totalRequestRate: exactSum(totals),
        inbound: requests('inbound'),
        outbound: requests('outbound'),
      };
    }
  }
  return node;
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
