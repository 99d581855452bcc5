/** GraphModel → Kiali's graph JSON (§7): sha256 ids, string numbers, Kiali's field names and order. */
import type { GraphEdge, GraphModel, GraphNode, GraphType, Protocol } from '../graph';
import { kialiId } from '../nodeIds';
import { formatInt, formatPercent, formatRate } from './format';
import { kialiRollupEdge, kialiRollupGraph, kialiRollupNode } from './kialiRollup';
import { sha256Hex } from './sha256';

export interface KialiTrafficRates {
  [key: string]: string;
}
export interface KialiNodeTraffic {
  protocol: Protocol;
  rates: KialiTrafficRates;
}
export interface KialiNodeData {
  id: string;
  parent?: string;
  nodeType: string;
  cluster: string;
  namespace: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
  aggregate?: string;
  destServices?: Array<{ cluster: string; namespace: string; name: string }>;
  traffic?: KialiNodeTraffic[];
  healthData: unknown;
  isBox?: string;
  [flag: string]: unknown;
}
export interface KialiEdgeData {
  id: string;
  source: string;
  target: string;
  traffic: {
    protocol: Protocol;
    rates?: KialiTrafficRates;
    responses?: Record<string, { flags?: Record<string, string>; hosts?: Record<string, string> }>;
  };
  isMTLS?: string;
  responseTime?: string;
  throughput?: string;
  sourcePrincipal?: string;
  destPrincipal?: string;
  healthStatus?: string;
  /** Rolled-up graphs: how many unrolled edges the edge sums (Meshgraph's extension, kialiRollup.ts). */
  memberEdges?: number;
}
export interface KialiGraph {
  timestamp: number;
  duration: number;
  graphType: GraphType;
  elements: { nodes: Array<{ data: KialiNodeData }>; edges: Array<{ data: KialiEdgeData }> };
  /** Rolled-up graphs (Meshgraph's extension, kialiRollup.ts). */
  rollup?: ReturnType<typeof kialiRollupGraph>['rollup'];
}

const NODE_FLAGS = [
  'isDead',
  'isIdle',
  'isInaccessible',
  'isInjected',
  'isOutOfMesh',
  'isOutside',
  'isRoot',
  'isWaypoint',
  'isAmbient',
] as const;

function put(rates: KialiTrafficRates, key: string, v: number): void {
  if (v > 0) {
    rates[key] = formatRate(v);
  }
}

function nodeTraffic(n: GraphNode): KialiNodeTraffic[] | undefined {
  const r = n.rates;
  const out: KialiNodeTraffic[] = [];
  const grpc: KialiTrafficRates = {};
  put(grpc, 'grpcIn', r.grpcIn);
  put(grpc, 'grpcInErr', r.grpcInErr);
  put(grpc, 'grpcInNoResponse', r.grpcInNoResponse);
  put(grpc, 'grpcOut', r.grpcOut);
  const http: KialiTrafficRates = {};
  put(http, 'httpIn', r.httpIn);
  put(http, 'httpIn3xx', r.httpIn3xx);
  put(http, 'httpIn4xx', r.httpIn4xx);
  put(http, 'httpIn5xx', r.httpIn5xx);
  put(http, 'httpInNoResponse', r.httpInNoResponse);
  put(http, 'httpOut', r.httpOut);
  const tcp: KialiTrafficRates = {};
  put(tcp, 'tcpIn', r.tcpIn);
  put(tcp, 'tcpOut', r.tcpOut);
  for (const [protocol, rates] of [
    ['grpc', grpc],
    ['http', http],
    ['tcp', tcp],
  ] as Array<[Protocol, KialiTrafficRates]>) {
    if (Object.keys(rates).length > 0) {
      out.push({ protocol, rates });
    }
  }
  return out.length > 0 ? out : undefined;
}

function healthData(n: GraphNode): unknown {
  const h = n.health;
  if (!h) {
    return null;
  }
  const data: Record<string, unknown> = {
    requests: { inbound: h.inbound, outbound: h.outbound, healthAnnotations: {} },
    status: { status: h.status, errorRatio: h.errorRatio, totalRequestRate: h.totalRequestRate },
  };
  if (h.workloadStatus) {
    data.workloadStatus = h.workloadStatus;
  }
  return data;
}

function edgeTraffic(e: GraphEdge): KialiEdgeData['traffic'] {
  const t: KialiEdgeData['traffic'] = { protocol: e.protocol };
  const r = e.rates;
  if (!(r.total > 0)) {
    return t;
  }
  const rates: KialiTrafficRates = {};
  if (e.protocol === 'http') {
    put(rates, 'http', r.total);
    put(rates, 'http3xx', r.http3xx);
    put(rates, 'http4xx', r.http4xx);
    put(rates, 'http5xx', r.http5xx);
    put(rates, 'httpNoResponse', r.noResponse);
    if (r.percentErr > 0) {
      rates.httpPercentErr = formatPercent(r.percentErr);
    }
    if (r.percentReq > 0) {
      rates.httpPercentReq = formatPercent(r.percentReq);
    }
  } else if (e.protocol === 'grpc') {
    put(rates, 'grpc', r.total);
    put(rates, 'grpcErr', r.grpcErr);
    put(rates, 'grpcNoResponse', r.noResponse);
    if (r.percentErr > 0) {
      rates.grpcPercentErr = formatPercent(r.percentErr);
    }
    if (r.percentReq > 0) {
      rates.grpcPercentReq = formatPercent(r.percentReq);
    }
  } else {
    put(rates, 'tcp', r.total);
  }
  t.rates = rates;
  const responses: NonNullable<KialiEdgeData['traffic']['responses']> = {};
  for (const [code, d] of Object.entries(e.responses)) {
    const flags: Record<string, string> = {};
    const hosts: Record<string, string> = {};
    for (const [f, v] of Object.entries(d.flags)) {
      flags[f] = formatPercent((v / r.total) * 100);
    }
    for (const [h, v] of Object.entries(d.hosts)) {
      hosts[h] = formatPercent((v / r.total) * 100);
    }
    // Kiali's ResponseDetail marshals flags and hosts with omitempty (graph/config/common/common.go): gRPC
    // message responses have no flags, answers without destination_service no hosts.
    const detail: { flags?: Record<string, string>; hosts?: Record<string, string> } = {};
    if (Object.keys(flags).length > 0) {
      detail.flags = flags;
    }
    if (Object.keys(hosts).length > 0) {
      detail.hosts = hosts;
    }
    responses[code] = detail;
  }
  t.responses = responses;
  return t;
}

const s = (v: string | undefined) => v ?? '';
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
const BOX_ORDER: Record<string, number> = { cluster: 0, namespace: 1, app: 2 };

/**
 * Kiali's graph JSON. Ids are the sha256 of Kiali's own id (the engine id with its parts unescaped: kialiId), as
 * Kiali hashes them, so a graph compares with Kiali's id for id. Kiali's ids join label values with `_`, so two
 * nodes can share one when label values hold `_` (cluster `c_x` + namespace `y` and cluster `c` + namespace `x_y`);
 * Kiali then merges them into one node. Here a node whose id needed no escaping keeps Kiali's hash, and so does the
 * first (in output order) of the others; any other node whose Kiali id is taken gets the sha256 of
 * `meshgraph <engine id>` instead, so each node keeps its own id and its own edges.
 */
export function toKialiJson(model: GraphModel): KialiGraph {
  const hash = new Map<string, string>();
  const taken = new Set<string>();
  const h = (id: string) => {
    let v = hash.get(id);
    if (v === undefined) {
      v = sha256Hex(kialiId(id));
      if (taken.has(v)) {
        v = sha256Hex('meshgraph ' + id);
        while (taken.has(v)) {
          v = sha256Hex(v);
        }
      }
      taken.add(v);
      hash.set(id, v);
    }
    return v;
  };
  const nodes = [...model.nodes].sort((a, b) => {
    const ab = a.nodeType === 'box' ? 0 : 1;
    const bb = b.nodeType === 'box' ? 0 : 1;
    if (ab !== bb) {
      return ab - bb;
    }
    if (ab === 0) {
      const d = BOX_ORDER[a.isBox ?? 'app'] - BOX_ORDER[b.isBox ?? 'app'];
      if (d !== 0) {
        return d;
      }
    }
    return (
      cmp(a.cluster, b.cluster) ||
      cmp(a.namespace, b.namespace) ||
      cmp(s(a.app), s(b.app)) ||
      cmp(s(a.version), s(b.version)) ||
      cmp(s(a.service), s(b.service)) ||
      cmp(s(a.workload), s(b.workload))
    );
  });
  // Node ids first: those that are Kiali's as they are, then the others in output order (stable choice of which
  // keeps Kiali's hash when two would share one).
  for (const n of nodes) {
    if (kialiId(n.id) === n.id) {
      h(n.id);
    }
  }
  for (const n of nodes) {
    h(n.id);
  }
  const outNodes = nodes.map((n) => {
    const data: KialiNodeData = {
      id: h(n.id),
      nodeType: n.nodeType,
      cluster: n.cluster,
      namespace: n.namespace,
      healthData: null,
    };
    if (n.parent !== undefined) {
      data.parent = h(n.parent);
    }
    if (n.workload !== undefined) {
      data.workload = n.workload;
    }
    if (n.app !== undefined) {
      data.app = n.app;
    }
    if (n.version !== undefined) {
      data.version = n.version;
    }
    if (n.service !== undefined) {
      data.service = n.service;
    }
    if (n.aggregate !== undefined) {
      data.aggregate = `${n.aggregate}=${n.aggregateValue ?? ''}`;
    }
    if (n.destServices && n.destServices.length > 0) {
      data.destServices = n.destServices;
    }
    const traffic = nodeTraffic(n);
    if (traffic) {
      data.traffic = traffic;
    }
    data.healthData = healthData(n);
    if (n.isBox) {
      data.isBox = n.isBox;
    }
    for (const f of NODE_FLAGS) {
      if (n[f]) {
        data[f] = true;
      }
    }
    Object.assign(data, kialiRollupNode(n, h));
    return { data };
  });
  const edges = model.edges
    .map((e) => {
      const source = h(e.source);
      const target = h(e.target);
      const data: KialiEdgeData = {
        id: sha256Hex(`${source}.${target}.${e.protocol}`),
        source,
        target,
        traffic: edgeTraffic(e),
      };
      if (e.isMTLS !== undefined) {
        data.isMTLS = formatInt(e.isMTLS);
      }
      if (e.responseTime !== undefined) {
        data.responseTime = formatInt(e.responseTime);
      }
      if (e.throughput !== undefined) {
        data.throughput = formatInt(e.throughput);
      }
      if (e.sourcePrincipal !== undefined) {
        data.sourcePrincipal = e.sourcePrincipal;
      }
      if (e.destPrincipal !== undefined) {
        data.destPrincipal = e.destPrincipal;
      }
      if (e.healthStatus !== undefined && e.healthStatus !== 'NA') {
        data.healthStatus = e.healthStatus;
      }
      Object.assign(data, kialiRollupEdge(e));
      return { data };
    })
    .sort(
      (a, b) =>
        cmp(a.data.source, b.data.source) ||
        cmp(a.data.target, b.data.target) ||
        cmp(a.data.traffic.protocol, b.data.traffic.protocol)
    );
  return {
    timestamp: model.timestamp,
    duration: model.duration,
    graphType: model.graphType,
    elements: { nodes: outNodes, edges },
    ...kialiRollupGraph(model, h),
  };
}
