/** Always-run finalizers: outsider (isOutside/isInaccessible) and trafficGenerator (isRoot), §5.5. */
import { TrafficMap } from '../fold/trafficMap';

export function applyOutsider(map: TrafficMap, namespaces: string[] | 'all'): void {
  const requested = namespaces === 'all' ? undefined : new Set(namespaces);
  for (const n of map.nodes.values()) {
    n.isOutside =
      requested !== undefined && n.namespace !== 'unknown' && !requested.has(n.namespace) ? true : undefined;
    n.isInaccessible =
      n.nodeType === 'unknown' || (n.nodeType === 'service' && n.namespace === 'unknown') || n.isEgressCluster
        ? true
        : undefined;
  }
}

export function applyTrafficGenerator(map: TrafficMap): void {
  const targets = new Set<string>();
  for (const n of map.nodes.values()) {
    for (const e of n.edges.values()) {
      targets.add(e.destId);
    }
  }
  for (const n of map.nodes.values()) {
    n.isRoot = n.edges.size > 0 && !targets.has(n.id) ? true : undefined;
  }
}
