/** Kiali's ReduceToServiceGraph (§4.14): a workload graph with injected services becomes a service graph. */
import { NODE_RATE_NAMES } from './rateStore';
import { TrafficEdge, TrafficMap, TrafficNode, addResponseSums, addTraffic } from './trafficMap';

const INBOUND_RATES = NODE_RATE_NAMES.filter((k) => !k.endsWith('Out'));

/** Kiali's AggregateEdgeTraffic: adds `e`'s traffic to `target`, keeping node counters consistent. */
function mergeEdgeInto(target: TrafficEdge, src: TrafficNode, dst: TrafficNode, e: TrafficEdge): void {
  for (const r of e.responses()) {
    if (!(r.rate > 0)) {
      continue;
    }
    addTraffic(target, src, dst, r.rate, r.code, '', '');
    addResponseSums(target, r.code, r.flags, r.hosts);
  }
}

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
      for (const e of n.edges.values()) {
        const mid = map.nodes.get(e.destId);
        if (!mid) {
          continue;
        }
        if (mid.nodeType === 'service') {
          mergeEdgeInto(out.edge(s, copy(mid), e.protocol), s, copy(mid), e);
          continue;
        }
        // svc -> workload -> svc' becomes svc -> svc'; traffic ending at the workload is dropped.
        for (const e2 of mid.edges.values()) {
          const next = map.nodes.get(e2.destId);
          if (next && next.nodeType === 'service' && e2.protocol === e.protocol) {
            mergeEdgeInto(out.edge(s, copy(next), e2.protocol), s, copy(next), e2);
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
        mergeEdgeInto(out.edge(r, d, e.protocol), r, d, e);
      }
    }
  }
  // Service nodes keep their measured inbound totals; outbound totals come from the surviving edges.
  for (const c of out.nodes.values()) {
    const o = map.nodes.get(c.id)!.rates;
    for (const k of INBOUND_RATES) {
      c.setRate(k, o[k]);
    }
  }
  return out;
}
