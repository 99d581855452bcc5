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

function nodeFlags(n: GraphNode): string {
  let flags = '';
  for (const f of NODE_FLAG_NAMES) {
    if (n[f]) {
      flags = flags === '' ? f : flags + ' ' + f;
    }
  }
  return flags;
}

export function toFrames(model: GraphModel, options: FrameOptions = {}): FrameDTO[] {
  const { slotOf, sums } = arcSums(model);
  const N = model.nodes;
  // The arc: inbound request edges by health, or outbound ones for nodes without inbound requests.
  const arcValues = N.map((n): [number, number, number, number] => {
    const slot = slotOf.get(n.id)! * ARC_SLOTS;
    const o = sums[slot + ARC_IN + 4] > 0 ? slot + ARC_IN : slot + ARC_OUT;
    const total = sums[o + 3];
    if (total <= 0 || n.nodeType === 'box') {
      return [0, 0, 0, 1];
    }
    return [sums[o] / total, sums[o + 1] / total, sums[o + 2] / total, 0];
  });
  const mainstat = N.map((n) => {
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
  });
  const secondary = N.map((n) => {
    const r = n.rates;
    const req = r.httpIn + r.grpcIn;
    if (!(req > 0)) {
      return '';
    }
    const err = r.httpIn4xx + r.httpIn5xx + r.httpInNoResponse + r.grpcInErr + r.grpcInNoResponse;
    return `${((err / req) * 100).toFixed(1)}% err`;
  });
  const nodeFields: FrameFieldDTO[] = [
    field(
      NodeField.id,
      'string',
      N.map((n) => n.id),
      options.links ? { links: options.links } : undefined
    ),
    field(NodeField.title, 'string', N.map(nodeTitle)),
    field(
      NodeField.subtitle,
      'string',
      N.map((n) => (n.nodeType === 'box' && n.isBox === 'cluster' ? '' : n.namespace))
    ),
    field(NodeField.mainstat, 'string', mainstat),
    field(NodeField.secondarystat, 'string', secondary),
    field(
      NodeField.arcHealthy,
      'number',
      arcValues.map((a) => a[0]),
      { color: { mode: 'fixed', fixedColor: HEALTH_COLORS.Healthy } }
    ),
    field(
      NodeField.arcDegraded,
      'number',
      arcValues.map((a) => a[1]),
      { color: { mode: 'fixed', fixedColor: HEALTH_COLORS.Degraded } }
    ),
    field(
      NodeField.arcFailure,
      'number',
      arcValues.map((a) => a[2]),
      { color: { mode: 'fixed', fixedColor: HEALTH_COLORS.Failure } }
    ),
    field(
      NodeField.arcIdle,
      'number',
      arcValues.map((a) => a[3]),
      { color: { mode: 'fixed', fixedColor: HEALTH_COLORS.idle } }
    ),
    field(
      NodeField.color,
      'string',
      N.map((n, i) => nodeColor(n.health?.status, arcValues[i][3] === 1))
    ),
    field(
      NodeField.icon,
      'string',
      N.map(() => '')
    ),
    field(
      NodeField.nodeType,
      'string',
      N.map((n) => n.nodeType)
    ),
    field(
      NodeField.cluster,
      'string',
      N.map((n) => n.cluster)
    ),
    field(
      NodeField.namespace,
      'string',
      N.map((n) => n.namespace)
    ),
    field(
      NodeField.workload,
      'string',
      N.map((n) => n.workload ?? '')
    ),
    field(
      NodeField.app,
      'string',
      N.map((n) => n.app ?? '')
    ),
    field(
      NodeField.version,
      'string',
      N.map((n) => n.version ?? '')
    ),
    field(
      NodeField.service,
      'string',
      N.map((n) => n.service ?? '')
    ),
    field(
      NodeField.aggregate,
      'string',
      N.map((n) => n.aggregate ?? '')
    ),
    field(
      NodeField.aggregateValue,
      'string',
      N.map((n) => n.aggregateValue ?? '')
    ),
    field(
      NodeField.parent,
      'string',
      N.map((n) => n.parent ?? '')
    ),
    field(
      NodeField.isBox,
      'string',
      N.map((n) => n.isBox ?? '')
    ),
    field(NodeField.flags, 'string', N.map(nodeFlags)),
    field(
      NodeField.rates,
      'string',
      N.map((n) => JSON.stringify(n.rates))
    ),
    field(
      NodeField.healthStatus,
      'string',
      N.map((n) => n.health?.status ?? 'NA')
    ),
    field(
      NodeField.health,
      'string',
      N.map((n) => (n.health ? JSON.stringify(n.health) : ''))
    ),
    field(
      NodeField.destServices,
      'string',
      N.map((n) => (n.destServices ? JSON.stringify(n.destServices) : ''))
    ),
  ];
  const E = model.edges;
  const edgeFields: FrameFieldDTO[] = [
    field(
      EdgeField.id,
      'string',
      E.map((e) => e.id)
    ),
    field(
      EdgeField.source,
      'string',
      E.map((e) => e.source)
    ),
    field(
      EdgeField.target,
      'string',
      E.map((e) => e.target)
    ),
    field(
      EdgeField.mainstat,
      'string',
      E.map((e) =>
        !e.hasTraffic ? '' : e.protocol === 'tcp' ? formatByteRate(e.rates.total) : formatRequestRate(e.rates.total)
      )
    ),
    field(
      EdgeField.secondarystat,
      'string',
      E.map((e) => (e.hasTraffic && e.protocol !== 'tcp' ? `${e.rates.percentErr.toFixed(1)}% err` : ''))
    ),
    field(EdgeField.thickness, 'number', E.map(edgeThickness)),
    field(EdgeField.color, 'string', E.map(edgeColor)),
    field(
      EdgeField.strokeDasharray,
      'string',
      E.map((e) => (e.hasTraffic ? '' : '5 5'))
    ),
    field(
      EdgeField.protocol,
      'string',
      E.map((e) => e.protocol)
    ),
    field(
      EdgeField.rate,
      'number',
      E.map((e) => e.rates.total)
    ),
    field(
      EdgeField.percentErr,
      'number',
      E.map((e) => e.rates.percentErr)
    ),
    field(
      EdgeField.percentReq,
      'number',
      E.map((e) => e.rates.percentReq)
    ),
    field(
      EdgeField.rates,
      'string',
      E.map((e) => JSON.stringify(e.rates))
    ),
    field(
      EdgeField.responses,
      'string',
      E.map((e) => JSON.stringify(e.responses))
    ),
    field(
      EdgeField.hasTraffic,
      'boolean',
      E.map((e) => e.hasTraffic)
    ),
    field(
      EdgeField.responseTime,
      'number',
      E.map((e) => e.responseTime ?? null)
    ),
    field(
      EdgeField.throughput,
      'number',
      E.map((e) => e.throughput ?? null)
    ),
    field(
      EdgeField.isMTLS,
      'number',
      E.map((e) => e.isMTLS ?? null)
    ),
    field(
      EdgeField.sourcePrincipal,
      'string',
      E.map((e) => e.sourcePrincipal ?? '')
    ),
    field(
      EdgeField.destPrincipal,
      'string',
      E.map((e) => e.destPrincipal ?? '')
    ),
    field(
      EdgeField.healthStatus,
      'string',
      E.map((e) => e.healthStatus ?? 'NA')
    ),
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
