/**
 * Flat boxes: with the fast layered layout (large graphs), namespace/app/cluster boxes are drawn as plain nodes
 * placed under their members, sized here from the members' positions, instead of Cytoscape compound parents.
 * Compound parents make Cytoscape's per-element work grow with the box contents (every style property applied to
 * a member dirties the caches of its boxes and their edges; edge and z-order passes walk the parents): measured
 * at 1,000 nodes in 10 boxes, about a fifth of the first paint's main-thread time.
 *
 * Geometry follows Cytoscape's compound sizing: a box body encloses its members' extents plus the box padding;
 * its label sits above the body, so an enclosing box leaves room for it.
 */
import type { Point } from './fastLayout';

/** Half a leaf: node size 25 plus its 1 px border (style.ts). */
export const LEAF_HALF = 13.5;
/** Box padding (style.ts) plus the border. */
export const BOX_PAD = 13;
/** Room for a box label above the body (bold 11 px, top-aligned outside). */
export const BOX_LABEL = 16;

/** A box body: centre and size, what the `boxW`/`boxH` data and the position of a flat box say. */
export interface BoxRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BoxNodeIn {
  id: string;
  parent?: string;
  isBox?: unknown;
}

interface Extent {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function grow(e: Extent | undefined, by: Extent): Extent {
  return e
    ? { x1: Math.min(e.x1, by.x1), y1: Math.min(e.y1, by.y1), x2: Math.max(e.x2, by.x2), y2: Math.max(e.y2, by.y2) }
    : { ...by };
}

/**
 * Box bodies from leaf positions (leaves without a position, e.g. hidden ones, are left out; boxes with nothing
 * positioned inside get no rectangle). Nested boxes enclose their inner boxes with their labels.
 */
export function boxRects(nodes: readonly BoxNodeIn[], positions: ReadonlyMap<string, Point>): Map<string, BoxRect> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const inner = new Map<string, Extent>();
  const add = (boxId: string | undefined, e: Extent) => {
    if (boxId !== undefined && byId.get(boxId)?.isBox) {
      inner.set(boxId, grow(inner.get(boxId), e));
    }
  };
  for (const n of nodes) {
    const p = n.isBox ? undefined : positions.get(n.id);
    if (p) {
      add(n.parent, { x1: p.x - LEAF_HALF, y1: p.y - LEAF_HALF, x2: p.x + LEAF_HALF, y2: p.y + LEAF_HALF });
    }
  }
  // Inner boxes first: a box's depth is its number of enclosing boxes.
  const depth = (n: BoxNodeIn): number => {
    let d = 0;
    for (let p = n.parent; p !== undefined && d < 64; p = byId.get(p)?.parent) {
      d++;
    }
    return d;
  };
  const boxes = nodes.filter((n) => n.isBox).sort((a, b) => depth(b) - depth(a));
  const out = new Map<string, BoxRect>();
  for (const b of boxes) {
    const e = inner.get(b.id);
    if (!e) {
      continue;
    }
    const body = { x1: e.x1 - BOX_PAD, y1: e.y1 - BOX_PAD, x2: e.x2 + BOX_PAD, y2: e.y2 + BOX_PAD };
    out.set(b.id, {
      x: (body.x1 + body.x2) / 2,
      y: (body.y1 + body.y2) / 2,
      w: body.x2 - body.x1,
      h: body.y2 - body.y1,
    });
    add(b.parent, { ...body, y1: body.y1 - BOX_LABEL });
  }
  return out;
}
