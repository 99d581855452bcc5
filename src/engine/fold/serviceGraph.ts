/** Kiali's ReduceToServiceGraph (§4.14): a workload graph with injected services becomes a service graph. */
import { NODE_RATE_NAMES } from './rateStore';
import { aggregateEdgeTraffic } from './trafficCounts';
import { TrafficMap, TrafficNode } from './trafficMap';

const INBOUND_RATES = NODE_RATE_NAMES.filter((k) => !k.endsWith('Out'));

/**
 * Kiali's ReduceToServiceGraph (graph/telemetry/common.go). Every service node keeps its identity; for each
 * workload it sends to, ALL of that workload's edges to service nodes become the service's own edges, whatever
 * their protocol: a workload that receives HTTP may call the next service over gRPC or open TCP to a database,
 * and Kiali keeps that hop (only edges to non-service nodes are dropped). Edges to one (service, protocol) are
 * summed (AggregateEdgeTraffic). A workload reached from one service over two protocols is walked once: Kiali would
 * add its outbound edges twice in that case, which only doubles numbers. Non-service nodes survive when they are
 * roots, with their edges to services only; their outbound totals are recomputed from the surviving edges.
 */
export function reduceToServiceGraph(map: TrafficMap): TrafficMap {
  const out = new TrafficMap(map.graphType);
  const copy = (n: TrafficNode): TrafficNode => {
    let c = out.nodes.get(n.id);
    if (c === undefined) {
      c = out.addNode(n.id, n.nodeType, n.cluster, n.namespace, n.fields);
      c.destServices = n.destServices?.slice();
      c.isInjected = n.isInjected;
      c.isEgressCluster = n.isEgressCluster;
      c.isWaypoint = n.isWaypoint;
      c.isRoot = n.isRoot;
      c.isOutside = n.isOutside;
      c.isInaccessible = n.isInaccessible;
    }
    return c;
  };
  for (const n of map.nodes.values()) {
    if (n.nodeType === 'service') {
      copy(n);
    }
  }
  for (const n of map.nodes.values()) {
    if (n.nodeType === 'service') {
      const s = copy(n);
      const walked = new Set<string>();
      for (const e of n.edges.values()) {
        const mid = map.nodes.get(e.destId);
        if (!mid) {
          continue;
        }
        if (mid.nodeType === 'service') {
          const d = copy(mid);
          aggregateEdgeTraffic(out.edge(s, d, e.protocol), s, e);
          continue;
        }
        if (walked.has(mid.id)) {
          continue;
        }
        walked.add(mid.id);
        // svc -> workload -> svc' becomes svc -> svc' (any protocol); traffic ending at the workload is dropped.
        for (const e2 of mid.edges.values()) {
          const next = map.nodes.get(e2.destId);
          if (next && next.nodeType === 'service') {
            const d = copy(next);
            aggregateEdgeTraffic(out.edge(s, d, e2.protocol), s, e2);
          }
        }
      }
    } else if (n.isRoot) {
      const edges = [...n.edges.values()].filter((e) => map.nodes.get(e.destId)?.nodeType === 'service');
      if (edges.length === 0) {
        continue;
      }
      const r = copy(n);
      for (const e of edges) {
        const d = copy(map.nodes.get(e.destId)!);
        aggregateEdgeTraffic(out.edge(r, d, e.protocol), r, e);
      }
    }
  }
  // Service nodes keep their measured inbound totals (Kiali moves nodes, it never recounts them).
  for (const c of out.nodes.values()) {
    const o = map.nodes.get(c.id)!.rates;
    for (const k of INBOUND_RATES) {
      c.setRate(k, o[k]);
    }
  }
  return out;
}
