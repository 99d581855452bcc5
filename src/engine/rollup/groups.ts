/** Which rolled-up node each node of the unrolled graph belongs to (see rollup.ts for the rules). */
import { rollupNodeId } from '../../contract/nodeIds';
import type { GraphModel, GraphNode, RollupKind } from '../model';
import type { RollupGroup } from './groupNode';

/** Nodes that stay themselves in every rollup: the unknown source, egress clusters, the unknown namespace. */
export function isKeptNode(n: GraphNode): boolean {
  return n.nodeType === 'unknown' || n.isEgressCluster === true || n.namespace === 'unknown' || n.namespace === '';
}

/** The group a (non-box) node belongs to in a rollup by `by`; undefined for kept nodes. */
export function groupKey(n: GraphNode, by: RollupKind): { id: string; kind: RollupKind } | undefined {
  if (isKeptNode(n)) {
    return undefined;
  }
  const kind: RollupKind = by === 'namespace' || n.isOutside ? 'namespace' : 'cluster';
  return { id: rollupNodeId(kind, n.cluster, n.namespace), kind };
}

/** Nodes a rollup by `by` would show with every group collapsed (kept nodes plus one per group). */
export function rolledUpNodeCount(model: GraphModel, by: RollupKind): number {
  const ids = new Set<string>();
  for (const n of model.nodes) {
    if (n.nodeType !== 'box') {
      ids.add(groupKey(n, by)?.id ?? n.id);
    }
  }
  return ids.size;
}

/** The groups of a rollup by `by`, in the order of their first member, and the group of each grouped node's id. */
export interface Grouping {
  groups: Map<string, RollupGroup>;
  groupOfNode: Map<string, RollupGroup>;
}

export function groupNodes(model: GraphModel, by: RollupKind, expandIds: ReadonlySet<string>): Grouping {
  const groups = new Map<string, RollupGroup>();
  const groupOfNode = new Map<string, RollupGroup>();
  for (const n of model.nodes) {
    if (n.nodeType === 'box') {
      continue;
    }
    const key = groupKey(n, by);
    if (!key) {
      continue;
    }
    let g = groups.get(key.id);
    if (!g) {
      g = {
        id: key.id,
        kind: key.kind,
        cluster: n.cluster,
        namespace: key.kind === 'namespace' ? n.namespace : '',
        members: [],
        expanded: expandIds.has(key.id),
      };
      groups.set(key.id, g);
    }
    g.members.push(n);
    groupOfNode.set(n.id, g);
  }
  return { groups, groupOfNode };
}
