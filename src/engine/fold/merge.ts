/** Kiali's MergeTrafficMaps (§4.13): per-namespace maps into one; duplicate edges are dropped, not summed. */
import { TrafficEdge, TrafficMap, TrafficNode } from './trafficMap';

function addOut(node: TrafficNode, e: TrafficEdge): void {
  node.addRate(e.protocol === 'http' ? 'httpOut' : e.protocol === 'grpc' ? 'grpcOut' : 'tcpOut', e.total);
}

export function mergeTrafficMap(into: TrafficMap, from: TrafficMap, namespace: string): void {
  for (const [id, node] of from.nodes) {
    const existing = into.nodes.get(id);
    if (existing === undefined) {
      into.nodes.set(id, node);
      continue;
    }
    // Prefer the copy from the namespace being merged: it carries that namespace's full decoration.
    const [kept, other] = node.namespace === namespace ? [node, existing] : [existing, node];
    for (const [key, e] of other.edges) {
      if (!kept.edges.has(key)) {
        kept.edges.set(key, e);
        addOut(kept, e);
      }
    }
    into.nodes.set(id, kept);
  }
}
