/**
 * Node ids, as the engine writes them and the panel reads them. Every part of an id is a label value written with
 * `%`, `_` and space escaped (`%25`, `%5F`, `%20`), so splitting an id on `_` gives its parts back whatever the
 * labels hold. Ids of rolled-up nodes:
 *
 * - namespace: `rollup_namespace_<cluster>_<namespace>` (four parts),
 * - cluster: `rollup_cluster_<cluster>` (three parts).
 *
 * No other node id has these shapes: workload, app, service, operation and box ids start with their own prefix
 * (`wl`, `app`, `vapp`, `svc`, `agg`, `box`), and the unknown source's `<cluster>_unknown_source` has three parts
 * whose second is `unknown`, never `cluster`. Ids hold no space, so edge ids (`<source> <target> <protocol>`) stay
 * unambiguous too. An expanded group keeps its id as its box, so a node and the box replacing it share one id.
 */
import type { RollupKind } from './graph';

/** A label value as one part of an id (`%`, `_`, space escaped). */
export function rollupIdPart(value: string): string {
  return /[%_ ]/.test(value) ? value.replace(/[%_ ]/g, (c) => (c === '%' ? '%25' : c === '_' ? '%5F' : '%20')) : value;
}

function unescapePart(part: string): string {
  return part.replace(/%(25|5F|20)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The id of the rolled-up node for a namespace (of a cluster) or a cluster. */
export function rollupNodeId(kind: RollupKind, cluster: string, namespace = ''): string {
  return kind === 'namespace'
    ? `rollup_namespace_${rollupIdPart(cluster)}_${rollupIdPart(namespace)}`
    : `rollup_cluster_${rollupIdPart(cluster)}`;
}

/** The kind, cluster and namespace of a rolled-up node id; undefined for any other id. */
export function parseRollupNodeId(id: string): { kind: RollupKind; cluster: string; namespace: string } | undefined {
  const parts = id.split('_');
  if (parts[0] !== 'rollup') {
    return undefined;
  }
  if (parts[1] === 'namespace' && parts.length === 4) {
    return { kind: 'namespace', cluster: unescapePart(parts[2]), namespace: unescapePart(parts[3]) };
  }
  if (parts[1] === 'cluster' && parts.length === 3) {
    return { kind: 'cluster', cluster: unescapePart(parts[2]), namespace: '' };
  }
  return undefined;
}

/** What a node id names: enough to find a rolled-up node's members by name from the `members` list alone. */
export interface NodeIdParts {
  kind: 'workload' | 'service' | 'app' | 'versionedApp' | 'unknown' | 'operation' | 'namespace' | 'cluster';
  cluster: string;
  namespace: string;
  /** Workload, service or app name ('' for the unknown source, rolled-up nodes and operations). */
  name: string;
  /** Versioned app nodes without a workload: their version. */
  version?: string;
}

/**
 * Kiali's own id for a Meshgraph id, or a label value for one part of it: the escapes undone (`%25`, `%5F`, `%20`,
 * and `%62` of a cluster named `box` in the unknown source's id). What Kiali's JSON hashes.
 */
export function kialiId(id: string): string {
  return id.indexOf('%') < 0
    ? id
    : id.replace(/%(25|5F|20|62)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The parts of an engine node id (`wl_`, `svc_`, `app_`, `vapp_`, `agg_`, `<cluster>_unknown_source`, rolled-up
 * ids), label values unescaped; undefined for box ids and anything else.
 */
export function parseNodeId(id: string): NodeIdParts | undefined {
  const rolled = parseRollupNodeId(id);
  if (rolled) {
    return { kind: rolled.kind, cluster: rolled.cluster, namespace: rolled.namespace, name: '' };
  }
  const p = id.split('_');
  if (p.length === 3 && p[1] === 'unknown' && p[2] === 'source') {
    return { kind: 'unknown', cluster: kialiId(p[0]), namespace: 'unknown', name: '' };
  }
  const [prefix, cluster, namespace] = [p[0], kialiId(p[1] ?? ''), kialiId(p[2] ?? '')];
  const kinds: Record<string, NodeIdParts['kind']> = {
    wl: 'workload',
    svc: 'service',
    app: 'app',
    vapp: 'versionedApp',
  };
  if (kinds[prefix] && (p.length === 4 || (prefix === 'vapp' && p.length === 5))) {
    const out: NodeIdParts = { kind: kinds[prefix], cluster, namespace, name: kialiId(p[3]) };
    if (p.length === 5) {
      out.version = kialiId(p[4]);
    }
    return out;
  }
  if (prefix === 'agg' && p.length >= 5) {
    return { kind: 'operation', cluster, namespace, name: '' };
  }
  return undefined;
}
