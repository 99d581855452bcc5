/**
 * Views of one graph share the objects of their unchanged nodes and edges. The rollup index already reuses what
 * lies away from the expanded groups, but every view builds its expanded members and the edges touching them anew,
 * though with a second group opened most of them are equal to the first view's. Swapping each new object for an
 * equal one an earlier view of the graph had makes them the same object again, so:
 * - an answer of changed rows (output/deltaFrames.ts, by identity) carries only what really changed;
 * - the JSON text kept per object (output/jsonText.ts) is written once.
 * Equal means equal as data: the frames read nothing else from these objects.
 */
import type { GraphEdge, GraphModel, GraphNode } from '../model';

/** The latest object seen per node id and per edge id, across the views of one graph. */
export interface SharedObjects {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

export function newSharedObjects(): SharedObjects {
  return { nodes: new Map(), edges: new Map() };
}

/** Structural equality of JSON-like data; a key holding undefined counts as absent. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => sameData(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let defined = 0;
  for (const k in ao) {
    if (ao[k] !== undefined) {
      defined++;
      if (!sameData(ao[k], bo[k])) {
        return false;
      }
    }
  }
  for (const k in bo) {
    if (bo[k] !== undefined) {
      defined--;
    }
  }
  return defined === 0;
}

function share<T extends { id: string }>(list: readonly T[], seen: Map<string, T>): { list: T[]; swapped: number } {
  let swapped = 0;
  const out = list.map((item) => {
    const earlier = seen.get(item.id);
    if (earlier === item) {
      return item;
    }
    if (earlier !== undefined && sameData(earlier, item)) {
      swapped++;
      return earlier;
    }
    seen.set(item.id, item);
    return item;
  });
  return { list: out, swapped };
}

/** `view` with each node and edge equal to an earlier view's object replaced by that object (`seen` is updated). */
export function shareEqualObjects(view: GraphModel, seen: SharedObjects): GraphModel {
  const nodes = share(view.nodes, seen.nodes);
  const edges = share(view.edges, seen.edges);
  return nodes.swapped + edges.swapped === 0 ? view : { ...view, nodes: nodes.list, edges: edges.list };
}
