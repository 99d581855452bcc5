/**
 * GraphModel → the `nodes` and `edges` frames (Grafana Node Graph contract + Meshgraph fields, src/contract/frameFields.ts).
 * Plain DataFrameDTO-shaped objects; the datasource wraps them with toDataFrame.
 */
import { GraphEdge, GraphModel, GraphNode, HealthStatus } from '../model';
import {
  EDGES_FRAME,
  EdgeField,
  FrameDTO,
  FrameFieldDTO,
  NODE_FLAGS,
  NODE_TRAFFIC,
  NODES_FRAME,
  NodeField,
} from '../../contract/frameFields';
import {
  isRolledUp,
  memberSummary,
  rollupArcs,
  rollupEdgeFields,
  rollupFrameMeta,
  rollupNodeFields,
} from '../rollup/frameColumns';
import { jsonWriter } from './jsonText';
import { withLazyValues } from './lazyColumn';

export const HEALTH_COLORS: Record<string, string> = {
  Healthy: 'green',
  Degraded: 'orange',
  Failure: 'red',
  tcp: 'blue',
  idle: 'gray',
};

export function nodeTitle(n: GraphNode): string {
  switch (n.nodeType) {
    case 'workload':
      return n.workload ?? '';
    case 'app':
      return n.version && n.version !== 'unknown' && n.workload !== undefined ? `${n.app} ${n.version}` : (n.app ?? '');
    case 'service':
      return n.service ?? '';
    case 'aggregate':
      return n.aggregateValue ?? '';
    case 'unknown':
      return 'unknown';
    case 'box':
      return n.isBox === 'app' ? (n.app ?? '') : n.isBox === 'namespace' ? n.namespace : n.cluster;
    case 'namespace':
      return n.namespace;
    case 'cluster':
      return n.cluster;
  }
}

/** "12.5 rps", "0.004 rps", "2.0 kB/s". */
export function formatRequestRate(v: number): string {
  const digits = v >= 100 ? 0 : v >= 1 ? 1 : v > 0 ? Math.min(5, Math.max(1, Math.ceil(-Math.log10(v)))) : 0;
  return `${v.toFixed(digits)} rps`;
}

export function formatByteRate(v: number): string {
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s'];
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

/** The arc__ fields in the order of each node's arc values, with their fixed colours. */
const ARC_FIELDS: Array<[string, string]> = [
  [NodeField.arcHealthy, HEALTH_COLORS.Healthy],
  [NodeField.arcDegraded, HEALTH_COLORS.Degraded],
  [NodeField.arcFailure, HEALTH_COLORS.Failure],
  [NodeField.arcIdle, HEALTH_COLORS.idle],
];

/**
 * The nodes-frame columns computed from the graph's edges as well as from the row's node: the arc and the colour
 * (read from the arc) of nodes that are not rolled up with health. Every other node column, and every edges-frame
 * column, is a function of its row's node or edge object alone (given the graph is rolled up or not); deltaFrames.ts
 * relies on it.
 */
export const NODE_FIELDS_FROM_EDGES: readonly string[] = [...ARC_FIELDS.map(([name]) => name), NodeField.color];

/** A field computed per row when read (lazyColumn.ts): the backend encodes it without building `values`. */
function field<T>(
  name: string,
  type: FrameFieldDTO['type'],
  rows: readonly T[],
  pick: (row: T, index: number) => unknown,
  config?: FrameFieldDTO['config']
): FrameFieldDTO {
  const f: FrameFieldDTO = withLazyValues({ name, type }, { length: rows.length, at: (i) => pick(rows[i], i) });
  if (config) {
    f.config = config;
  }
  return f;
}

function nodeColor(status: HealthStatus | undefined, idle: boolean, unreadable: boolean): string {
  if (status === 'Failure' || status === 'Degraded') {
    return HEALTH_COLORS[status];
  }
  return idle || unreadable ? HEALTH_COLORS.idle : HEALTH_COLORS.Healthy;
}

export function edgeColor(e: GraphEdge): string {
  if (!e.hasTraffic || (e.unreadable && e.healthStatus !== 'Failure' && e.healthStatus !== 'Degraded')) {
    return HEALTH_COLORS.idle;
  }
  if (e.protocol === 'tcp') {
    return HEALTH_COLORS.tcp;
  }
  return e.healthStatus === 'Failure' || e.healthStatus === 'Degraded'
    ? HEALTH_COLORS[e.healthStatus]
    : HEALTH_COLORS.Healthy;
}

/** Edge thickness 1–8 px, logarithmic in the rate. */
export function edgeThickness(e: GraphEdge): number {
  if (!e.hasTraffic) {
    return 1;
  }
  const v = e.protocol === 'tcp' ? e.rates.total / 1000 : e.rates.total;
  return Math.min(8, Math.max(1, Math.round((1 + 2 * Math.log10(1 + v)) * 10) / 10));
}

export interface FrameOptions {
  /** Data links added to the node id field (e.g. drill-down into node graphs). */
  links?: unknown[];
  refId?: string;
}

/** Per node id: health-coloured request rate of its inbound and outbound edges (the node's arc). */
const ARC_IN = 0;
const ARC_OUT = 6;
const ARC_SLOTS = 12;
/** Within one direction: Healthy, Degraded, Failure, unknown (samples could not be read), total, edge count. */
const ARC_TOTAL = 4;
const ARC_COUNT = 5;

/**
 * Sums, per node, the non-TCP edges with traffic by health (Healthy/Degraded/Failure, or unknown when some of an
 * edge's samples could not be read and what was read shows no problem), inbound and outbound, in edge order.
 * Nodes that share an id share a slot.
 */
function arcSums(model: GraphModel): { slotOf: Map<string, number>; sums: Float64Array } {
  const slotOf = new Map<string, number>();
  for (const n of model.nodes) {
    if (!slotOf.has(n.id)) {
      slotOf.set(n.id, slotOf.size);
    }
  }
  const sums = new Float64Array(slotOf.size * ARC_SLOTS);
  for (const e of model.edges) {
    const v = e.rates.total;
    if (e.protocol === 'tcp' || !(v > 0)) {
      continue;
    }
    const st = e.healthStatus === 'Degraded' ? 1 : e.healthStatus === 'Failure' ? 2 : e.unreadable ? 3 : 0;
    const t = slotOf.get(e.target);
    if (t !== undefined) {
      const o = t * ARC_SLOTS + ARC_IN;
      sums[o + st] += v;
      sums[o + ARC_TOTAL] += v;
      sums[o + ARC_COUNT]++;
    }
    const s = slotOf.get(e.source);
    if (s !== undefined) {
      const o = s * ARC_SLOTS + ARC_OUT;
      sums[o + st] += v;
      sums[o + ARC_TOTAL] += v;
      sums[o + ARC_COUNT]++;
    }
  }
  return { slotOf, sums };
}

const isOK = (v: string | undefined): v is string => v !== undefined && v !== '' && v !== 'unknown';

/** The workload behind a node, when it has exactly one: workload nodes, and app nodes of versionedApp graphs. */
export function linkWorkload(n: GraphNode): string {
  return (n.nodeType === 'workload' || n.nodeType === 'app') && isOK(n.workload) && isOK(n.namespace) ? n.workload : '';
}

/** The Kubernetes service of a service node; none for unknown services and PassthroughCluster/BlackHoleCluster. */
export function linkService(n: GraphNode): string {
  return n.nodeType === 'service' && !n.isEgressCluster && isOK(n.service) && isOK(n.namespace) ? n.service : '';
}

function nodeFlags(n: GraphNode): string {
  let flags = '';
  for (const f of NODE_FLAGS) {
    if (n[f]) {
      flags = flags === '' ? f : flags + ' ' + f;
    }
  }
  return flags;
}

/**
 * The arc of every node, four shares per node (ARC_FIELDS' order): inbound request edges by health, or outbound
 * ones for nodes without inbound requests. Traffic of edges whose samples could not all be read, and showing no
 * problem otherwise, is grey (arc__idle).
 */
function nodeArcs(model: GraphModel): Float64Array {
  const { slotOf, sums } = arcSums(model);
  const arcs = new Float64Array(model.nodes.length * 4);
  model.nodes.forEach((n, i) => {
    const at = i * 4;
    const rolled = rollupArcs(n);
    if (rolled) {
      arcs.set(rolled, at);
      return;
    }
    const slot = slotOf.get(n.id)! * ARC_SLOTS;
    const o = sums[slot + ARC_IN + ARC_COUNT] > 0 ? slot + ARC_IN : slot + ARC_OUT;
    const total = sums[o + ARC_TOTAL];
    if (total <= 0 || n.nodeType === 'box') {
      arcs[at + 3] = 1;
      return;
    }
    arcs[at] = sums[o] / total;
    arcs[at + 1] = sums[o + 1] / total;
    arcs[at + 2] = sums[o + 2] / total;
    arcs[at + 3] = sums[o + 3] / total;
  });
  return arcs;
}

function nodeMainstat(n: GraphNode): string {
  const r = n.rates;
  const req = r.httpIn + r.grpcIn;
  if (req > 0) {
    return formatRequestRate(req);
  }
  if (r.tcpIn > 0) {
    return formatByteRate(r.tcpIn);
  }
  const out = r.httpOut + r.grpcOut;
  return out > 0 ? formatRequestRate(out) : r.tcpOut > 0 ? formatByteRate(r.tcpOut) : '';
}

function nodeSecondarystat(n: GraphNode): string {
  const r = n.rates;
  const req = r.httpIn + r.grpcIn;
  if (!(req > 0)) {
    return '';
  }
  const err = r.httpIn4xx + r.httpIn5xx + r.httpInNoResponse + r.grpcInErr + r.grpcInNoResponse;
  return `${((err / req) * 100).toFixed(1)}% err`;
}

function nodeSubtitle(n: GraphNode): string {
  return n.nodeType === 'namespace' || n.nodeType === 'cluster'
    ? memberSummary(n)
    : n.nodeType === 'box' && n.isBox === 'cluster'
      ? ''
      : n.namespace;
}

/**
 * The frames' fields compute their values per row when read (lazyColumn.ts): the backend encodes them straight from
 * the model, and every other reader sees plain arrays.
 */
export function toFrames(model: GraphModel, options: FrameOptions = {}): FrameDTO[] {
  const N = model.nodes;
  const arcs = nodeArcs(model);
  const json = jsonWriter(isRolledUp(model));
  /** A string column of the nodes frame: '' where a node has no value. */
  const nodeText = (name: string, pick: (n: GraphNode) => string | undefined) =>
    field(name, 'string', N, (n) => pick(n) ?? '');
  const nodeFields: FrameFieldDTO[] = [
    field(NodeField.id, 'string', N, (n) => n.id, options.links ? { links: options.links } : undefined),
    field(NodeField.title, 'string', N, nodeTitle),
    nodeText(NodeField.subtitle, nodeSubtitle),
    field(NodeField.mainstat, 'string', N, nodeMainstat),
    field(NodeField.secondarystat, 'string', N, nodeSecondarystat),
    ...ARC_FIELDS.map(([name, color], k) =>
      field(name, 'number', N, (_n, i) => arcs[i * 4 + k], { color: { mode: 'fixed', fixedColor: color } })
    ),
    field(NodeField.color, 'string', N, (n, i) =>
      nodeColor(n.health?.status, arcs[i * 4 + 3] === 1, (n.unreadable ?? 0) > 0)
    ),
    nodeText(NodeField.icon, () => ''),
    nodeText(NodeField.nodeType, (n) => n.nodeType),
    nodeText(NodeField.cluster, (n) => n.cluster),
    nodeText(NodeField.namespace, (n) => n.namespace),
    nodeText(NodeField.workload, (n) => n.workload),
    nodeText(NodeField.app, (n) => n.app),
    nodeText(NodeField.version, (n) => n.version),
    nodeText(NodeField.service, (n) => n.service),
    nodeText(NodeField.aggregate, (n) => n.aggregate),
    nodeText(NodeField.aggregateValue, (n) => n.aggregateValue),
    nodeText(NodeField.parent, (n) => n.parent),
    nodeText(NodeField.isBox, (n) => n.isBox),
    field(NodeField.flags, 'string', N, nodeFlags),
    nodeText(NodeField.rates, (n) => json(n.rates)),
    ...NODE_TRAFFIC.map((key) => field(NodeField[key], 'number', N, (n) => n.rates[key])),
    nodeText(NodeField.healthStatus, (n) => n.health?.status ?? 'NA'),
    nodeText(NodeField.health, (n) => (n.health ? json(n.health) : '')),
    nodeText(NodeField.destServices, (n) => (n.destServices ? JSON.stringify(n.destServices) : '')),
    nodeText(NodeField.linkWorkload, linkWorkload),
    nodeText(NodeField.linkService, linkService),
    field(NodeField.unreadable, 'number', N, (n) => n.unreadable ?? 0),
    ...rollupNodeFields(model),
  ];
  const E = model.edges;
  const edgeColumn = (name: string, type: FrameFieldDTO['type'], pick: (e: GraphEdge) => unknown) =>
    field(name, type, E, pick);
  const edgeFields: FrameFieldDTO[] = [
    edgeColumn(EdgeField.id, 'string', (e) => e.id),
    edgeColumn(EdgeField.source, 'string', (e) => e.source),
    edgeColumn(EdgeField.target, 'string', (e) => e.target),
    edgeColumn(EdgeField.mainstat, 'string', (e) =>
      !e.hasTraffic ? '' : e.protocol === 'tcp' ? formatByteRate(e.rates.total) : formatRequestRate(e.rates.total)
    ),
    edgeColumn(EdgeField.secondarystat, 'string', (e) =>
      e.hasTraffic && e.protocol !== 'tcp' ? `${e.rates.percentErr.toFixed(1)}% err` : ''
    ),
    edgeColumn(EdgeField.thickness, 'number', edgeThickness),
    edgeColumn(EdgeField.color, 'string', edgeColor),
    edgeColumn(EdgeField.strokeDasharray, 'string', (e) => (e.hasTraffic ? '' : '5 5')),
    edgeColumn(EdgeField.protocol, 'string', (e) => e.protocol),
    edgeColumn(EdgeField.rate, 'number', (e) => e.rates.total),
    edgeColumn(EdgeField.percentErr, 'number', (e) => e.rates.percentErr),
    edgeColumn(EdgeField.percentReq, 'number', (e) => e.rates.percentReq),
    edgeColumn(EdgeField.rates, 'string', (e) => json(e.rates)),
    edgeColumn(EdgeField.responses, 'string', (e) => json(e.responses)),
    edgeColumn(EdgeField.hasTraffic, 'boolean', (e) => e.hasTraffic),
    edgeColumn(EdgeField.responseTime, 'number', (e) => e.responseTime ?? null),
    edgeColumn(EdgeField.throughput, 'number', (e) => e.throughput ?? null),
    edgeColumn(EdgeField.isMTLS, 'number', (e) => e.isMTLS ?? null),
    edgeColumn(EdgeField.sourcePrincipal, 'string', (e) => e.sourcePrincipal ?? ''),
    edgeColumn(EdgeField.destPrincipal, 'string', (e) => e.destPrincipal ?? ''),
    edgeColumn(EdgeField.healthStatus, 'string', (e) => e.healthStatus ?? 'NA'),
    edgeColumn(EdgeField.unreadable, 'number', (e) => e.unreadable ?? 0),
    ...rollupEdgeFields(model),
  ];
  const meta = { preferredVisualisationType: 'nodeGraph' as const };
  return [
    {
      name: NODES_FRAME,
      refId: options.refId,
      fields: nodeFields,
      meta: {
        ...meta,
        notices: model.notices.map((n) => ({ severity: n.severity, text: n.text })),
        ...rollupFrameMeta(model),
      },
    },
    { name: EDGES_FRAME, refId: options.refId, fields: edgeFields, meta },
  ];
}
