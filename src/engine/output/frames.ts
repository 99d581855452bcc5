/**
 * GraphModel → the `nodes` and `edges` frames (Grafana Node Graph contract + Meshgraph fields, frameFields.ts).
 * Plain DataFrameDTO-shaped objects; the datasource wraps them with toDataFrame.
 */
import { GraphEdge, GraphModel, GraphNode, HealthStatus } from '../model';
import { EDGES_FRAME, EdgeField, FrameDTO, FrameFieldDTO, NODES_FRAME, NodeField } from './frameFields';

export const HEALTH_COLORS: Record<string, string> = {
  Healthy: 'green',
  Degraded: 'orange',
  Failure: 'red',
  tcp: 'blue',
  idle: 'gray',
};

const NODE_FLAG_NAMES = [
  'isRoot',
  'isOutside',
  'isInaccessible',
  'isInjected',
  'isIdle',
  'isDead',
  'isOutOfMesh',
  'isGateway',
  'isWaypoint',
  'isAmbient',
  'isEgressCluster',
] as const;

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

function field(
  name: string,
  type: FrameFieldDTO['type'],
  values: unknown[],
  config?: FrameFieldDTO['config']
): FrameFieldDTO {
  return config ? { name, type, values, config } : { name, type, values };
}

function nodeColor(status: HealthStatus | undefined, idle: boolean): string {
  if (status === 'Failure' || status === 'Degraded') {
    return HEALTH_COLORS[status];
  }
  return idle ? HEALTH_COLORS.idle : HEALTH_COLORS.Healthy;
}

export function edgeColor(e: GraphEdge): string {
  if (!e.hasTraffic) {
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
const ARC_OUT = 5;
const ARC_SLOTS = 10;

/**
 * Sums, per node, the non-TCP edges with traffic by health (Healthy/Degraded/Failure, total, count), inbound and
 * outbound, in edge order. Nodes that share an id share a slot.
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
    const st = e.healthStatus === 'Degraded' ? 1 : e.healthStatus === 'Failure' ? 2 : 0;
    const t = slotOf.get(e.target);
    if (t !== undefined) {
      const o = t * ARC_SLOTS + ARC_IN;
      sums[o + st] += v;
      sums[o + 3] += v;
      sums[o + 4]++;
    }
    const s = slotOf.get(e.source);
    if (s !== undefined) {
      const o = s * ARC_SLOTS + ARC_OUT;
      sums[o + st] += v;
      sums[o + 3] += v;
      sums[o + 4]++;
    }
  }
  return { slotOf, sums };
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

function nodeFlags(n: GraphNode): string {
  let flags = '';
  for (const f of NODE_FLAG_NAMES) {
    if (n[f]) {
      flags = flags === '' ? f : flags + ' ' + f;
    }
  }
  return flags;
}

const fixedColor = (color: string) => ({ color: { mode: 'fixed', fixedColor: color } });

/** The two frames; every column is filled in one pass over the nodes and one over the edges. */
export function toFrames(model: GraphModel, options: FrameOptions = {}): FrameDTO[] {
  const { slotOf, sums } = arcSums(model);
  const N = model.nodes;
  const id: string[] = [];
  const title: string[] = [];
  const subtitle: string[] = [];
  const mainstat: string[] = [];
  const secondary: string[] = [];
  const arcHealthy: number[] = [];
  const arcDegraded: number[] = [];
  const arcFailure: number[] = [];
  const arcIdle: number[] = [];
  const color: string[] = [];
  const icon: string[] = [];
  const nodeType: string[] = [];
  const cluster: string[] = [];
  const namespace: string[] = [];
  const workload: string[] = [];
  const app: string[] = [];
  const version: string[] = [];
  const service: string[] = [];
  const aggregate: string[] = [];
  const aggregateValue: string[] = [];
  const parent: string[] = [];
  const isBox: string[] = [];
  const flags: string[] = [];
  const rates: string[] = [];
  const healthStatus: string[] = [];
  const health: string[] = [];
  const destServices: string[] = [];
  for (const n of N) {
    // The arc: inbound request edges by health, or outbound ones for nodes without inbound requests.
    const slot = slotOf.get(n.id)! * ARC_SLOTS;
    const o = sums[slot + ARC_IN + 4] > 0 ? slot + ARC_IN : slot + ARC_OUT;
    const total = sums[o + 3];
    const idle = total <= 0 || n.nodeType === 'box';
    arcHealthy.push(idle ? 0 : sums[o] / total);
    arcDegraded.push(idle ? 0 : sums[o + 1] / total);
    arcFailure.push(idle ? 0 : sums[o + 2] / total);
    arcIdle.push(idle ? 1 : 0);
    id.push(n.id);
    title.push(nodeTitle(n));
    subtitle.push(n.nodeType === 'box' && n.isBox === 'cluster' ? '' : n.namespace);
    mainstat.push(nodeMainstat(n));
    secondary.push(nodeSecondarystat(n));
    color.push(nodeColor(n.health?.status, idle));
    icon.push('');
    nodeType.push(n.nodeType);
    cluster.push(n.cluster);
    namespace.push(n.namespace);
    workload.push(n.workload ?? '');
    app.push(n.app ?? '');
    version.push(n.version ?? '');
    service.push(n.service ?? '');
    aggregate.push(n.aggregate ?? '');
    aggregateValue.push(n.aggregateValue ?? '');
    parent.push(n.parent ?? '');
    isBox.push(n.isBox ?? '');
    flags.push(nodeFlags(n));
    rates.push(JSON.stringify(n.rates));
    healthStatus.push(n.health?.status ?? 'NA');
    health.push(n.health ? JSON.stringify(n.health) : '');
    destServices.push(n.destServices ? JSON.stringify(n.destServices) : '');
  }
  const nodeFields: FrameFieldDTO[] = [
    field(NodeField.id, 'string', id, options.links ? { links: options.links } : undefined),
    field(NodeField.title, 'string', title),
    field(NodeField.subtitle, 'string', subtitle),
    field(NodeField.mainstat, 'string', mainstat),
    field(NodeField.secondarystat, 'string', secondary),
    field(NodeField.arcHealthy, 'number', arcHealthy, fixedColor(HEALTH_COLORS.Healthy)),
    field(NodeField.arcDegraded, 'number', arcDegraded, fixedColor(HEALTH_COLORS.Degraded)),
    field(NodeField.arcFailure, 'number', arcFailure, fixedColor(HEALTH_COLORS.Failure)),
    field(NodeField.arcIdle, 'number', arcIdle, fixedColor(HEALTH_COLORS.idle)),
    field(NodeField.color, 'string', color),
    field(NodeField.icon, 'string', icon),
    field(NodeField.nodeType, 'string', nodeType),
    field(NodeField.cluster, 'string', cluster),
    field(NodeField.namespace, 'string', namespace),
    field(NodeField.workload, 'string', workload),
    field(NodeField.app, 'string', app),
    field(NodeField.version, 'string', version),
    field(NodeField.service, 'string', service),
    field(NodeField.aggregate, 'string', aggregate),
    field(NodeField.aggregateValue, 'string', aggregateValue),
    field(NodeField.parent, 'string', parent),
    field(NodeField.isBox, 'string', isBox),
    field(NodeField.flags, 'string', flags),
    field(NodeField.rates, 'string', rates),
    field(NodeField.healthStatus, 'string', healthStatus),
    field(NodeField.health, 'string', health),
    field(NodeField.destServices, 'string', destServices),
  ];

  const E = model.edges;
  const eId: string[] = [];
  const source: string[] = [];
  const target: string[] = [];
  const eMainstat: string[] = [];
  const eSecondary: string[] = [];
  const thickness: number[] = [];
  const eColor: string[] = [];
  const dash: string[] = [];
  const protocol: string[] = [];
  const rate: number[] = [];
  const percentErr: number[] = [];
  const percentReq: number[] = [];
  const eRates: string[] = [];
  const responses: string[] = [];
  const hasTraffic: boolean[] = [];
  const responseTime: Array<number | null> = [];
  const throughput: Array<number | null> = [];
  const isMTLS: Array<number | null> = [];
  const sourcePrincipal: string[] = [];
  const destPrincipal: string[] = [];
  const eHealth: string[] = [];
  for (const e of E) {
    const traffic = e.hasTraffic;
    const tcp = e.protocol === 'tcp';
    eId.push(e.id);
    source.push(e.source);
    target.push(e.target);
    eMainstat.push(!traffic ? '' : tcp ? formatByteRate(e.rates.total) : formatRequestRate(e.rates.total));
    eSecondary.push(traffic && !tcp ? `${e.rates.percentErr.toFixed(1)}% err` : '');
    thickness.push(edgeThickness(e));
    eColor.push(edgeColor(e));
    dash.push(traffic ? '' : '5 5');
    protocol.push(e.protocol);
    rate.push(e.rates.total);
    percentErr.push(e.rates.percentErr);
    percentReq.push(e.rates.percentReq);
    eRates.push(JSON.stringify(e.rates));
    responses.push(JSON.stringify(e.responses));
    hasTraffic.push(traffic);
    responseTime.push(e.responseTime ?? null);
    throughput.push(e.throughput ?? null);
    isMTLS.push(e.isMTLS ?? null);
    sourcePrincipal.push(e.sourcePrincipal ?? '');
    destPrincipal.push(e.destPrincipal ?? '');
    eHealth.push(e.healthStatus ?? 'NA');
  }
  const edgeFields: FrameFieldDTO[] = [
    field(EdgeField.id, 'string', eId),
    field(EdgeField.source, 'string', source),
    field(EdgeField.target, 'string', target),
    field(EdgeField.mainstat, 'string', eMainstat),
    field(EdgeField.secondarystat, 'string', eSecondary),
    field(EdgeField.thickness, 'number', thickness),
    field(EdgeField.color, 'string', eColor),
    field(EdgeField.strokeDasharray, 'string', dash),
    field(EdgeField.protocol, 'string', protocol),
    field(EdgeField.rate, 'number', rate),
    field(EdgeField.percentErr, 'number', percentErr),
    field(EdgeField.percentReq, 'number', percentReq),
    field(EdgeField.rates, 'string', eRates),
    field(EdgeField.responses, 'string', responses),
    field(EdgeField.hasTraffic, 'boolean', hasTraffic),
    field(EdgeField.responseTime, 'number', responseTime),
    field(EdgeField.throughput, 'number', throughput),
    field(EdgeField.isMTLS, 'number', isMTLS),
    field(EdgeField.sourcePrincipal, 'string', sourcePrincipal),
    field(EdgeField.destPrincipal, 'string', destPrincipal),
    field(EdgeField.healthStatus, 'string', eHealth),
  ];
  const meta = { preferredVisualisationType: 'nodeGraph' as const };
  return [
    {
      name: NODES_FRAME,
      refId: options.refId,
      fields: nodeFields,
      meta: { ...meta, notices: model.notices.map((n) => ({ severity: n.severity, text: n.text })) },
    },
    { name: EDGES_FRAME, refId: options.refId, fields: edgeFields, meta },
  ];
}
