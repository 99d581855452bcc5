/**
 * Ids of rolled-up nodes. Every part is a label value written with `%`, `_` and space escaped (`%25`, `%5F`,
 * `%20`, the engine's rule for node ids), so splitting an id on `_` gives its parts back whatever the labels hold:
 *
 * - namespace: `rollup_namespace_<cluster>_<namespace>` (four parts),
 * - cluster: `rollup_cluster_<cluster>` (three parts).
 *
 * No other node id has these shapes: workload, app, service, operation and box ids start with their own prefix
 * (`wl`, `app`, `vapp`, `svc`, `agg`, `box`), and the unknown source's `<cluster>_unknown_source` has three parts
 * whose second is `unknown`, never `cluster`. Ids hold no space, so edge ids (`<source> <target> <protocol>`) stay
 * unambiguous too. An expanded group keeps its id as its box, so a node and the box replacing it share one id.
 */
import type { RollupKind } from '../model';

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

/** Box ids of the clusters around rolled-up nodes (`box_<cluster>`, as the box appender names cluster boxes). */
export function clusterBoxId(cluster: string): string {
  return `box_${rollupIdPart(cluster)}`;
}
