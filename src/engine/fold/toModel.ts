/** TrafficMap → the public GraphModel nodes and edges (rates, percentages, responses as plain objects). */
import { GraphEdge, GraphNode, ResponseDetail } from '../model';
import { mtlsPercent } from '../appenders/securityPolicy';
import { TrafficMap } from './trafficMap';
import { newCodeRecord } from '../codeRecord';

export function toModelElements(map: TrafficMap): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  /** Unreadable samples per node id, from its edges. */
  const unreadable = new Map<string, number>();
  for (const n of map.nodes.values()) {
    const g: GraphNode = {
      id: n.id,
      nodeType: n.nodeType,
      cluster: n.cluster,
      namespace: n.namespace,
      rates: n.rates,
    };
    const f = n.fields;
    if (f.workload !== undefined) {
      g.workload = f.workload;
    }
    if (f.app !== undefined) {
      g.app = f.app;
    }
    if (f.version !== undefined) {
      g.version = f.version;
    }
    if (f.service !== undefined) {
      g.service = f.service;
    }
    if (n.aggregate !== undefined) {
      g.aggregate = n.aggregate;
      g.aggregateValue = n.aggregateValue;
    }
    if (n.destServices) {
      g.destServices = [...n.destServices].sort(
        (a, b) => cmp(a.cluster, b.cluster) || cmp(a.namespace, b.namespace) || cmp(a.name, b.name)
      );
    }
    if (n.isRoot) {
      g.isRoot = true;
    }
    if (n.isOutside) {
      g.isOutside = true;
    }
    if (n.isInaccessible) {
      g.isInaccessible = true;
    }
    if (n.isInjected) {
      g.isInjected = true;
    }
    if (n.isWaypoint) {
      g.isWaypoint = true;
    }
    if (n.isEgressCluster) {
      g.isEgressCluster = true;
    }
    nodes.push(g);
    const rates = g.rates;
    for (const e of n.edges.values()) {
      const out = e.protocol === 'http' ? rates.httpOut : e.protocol === 'grpc' ? rates.grpcOut : rates.tcpOut;
      const errors =
        e.protocol === 'http'
          ? e.noResponse + e.http4xx + e.http5xx
          : e.protocol === 'grpc'
            ? e.noResponse + e.grpcErr
            : 0;
      const responses = newCodeRecord<ResponseDetail>();
      for (const r of e.responses()) {
        responses[r.code] = { rate: r.rate, flags: r.flags, hosts: r.hosts };
      }
      const ge: GraphEdge = {
        id: `${e.sourceId} ${e.destId} ${e.protocol}`,
        source: e.sourceId,
        target: e.destId,
        protocol: e.protocol,
        rates: {
          total: e.total,
          http3xx: e.http3xx,
          http4xx: e.http4xx,
          http5xx: e.http5xx,
          noResponse: e.noResponse,
          grpcErr: e.grpcErr,
          percentErr: percent(errors, e.total),
          percentReq: out > 0 ? percent(e.total, out) : 0,
        },
        responses,
        hasTraffic: e.total > 0,
      };
      if (e.responseTime !== undefined) {
        ge.responseTime = e.responseTime;
      }
      if (e.throughput !== undefined) {
        ge.throughput = e.throughput;
      }
      const mtls = mtlsPercent(e);
      if (mtls !== undefined) {
        ge.isMTLS = mtls;
      }
      if (e.sourcePrincipal !== undefined) {
        ge.sourcePrincipal = e.sourcePrincipal;
      }
      if (e.destPrincipal !== undefined) {
        ge.destPrincipal = e.destPrincipal;
      }
      if (e.unreadable > 0) {
        ge.unreadable = e.unreadable;
        unreadable.set(e.sourceId, (unreadable.get(e.sourceId) ?? 0) + e.unreadable);
        unreadable.set(e.destId, (unreadable.get(e.destId) ?? 0) + e.unreadable);
      }
      edges.push(ge);
    }
  }
  if (unreadable.size > 0) {
    for (const g of nodes) {
      const n = unreadable.get(g.id);
      if (n !== undefined) {
        g.unreadable = n;
      }
    }
  }
  return { nodes, edges };
}

/** 100 × part / whole within [0, 100]: sums added in another order can put a part a rounding error above its whole. */
function percent(part: number, whole: number): number {
  return whole > 0 && part > 0 ? Math.min(100, (part / whole) * 100) : 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
