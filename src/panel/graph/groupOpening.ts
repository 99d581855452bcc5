/**
 * Expanding a rolled-up node in place: its members are laid out as one block centred where the node was, and
 * the rest of the drawing opens around it (everything right of the node moves right by half the block, left of
 * it left, below down, above up), so no kept node lands inside the box and the picture keeps its shape.
 * Collapsing is the inverse: the members' block closes to one node at its centre and the rest moves back by the
 * same amounts. Expanding then collapsing one group returns every other node to where it was.
 *
 * Pure: positions in, positions out. The panel applies them (components/graph/groupChange.ts) instead of laying
 * the whole graph out again, which costs a full redraw at the rolled-up mesh's size.
 */
import { fastLayeredPositions, LayoutEdgeIn, LayoutNodeIn, Point } from './fastLayout';
import { BOX_LABEL, BOX_PAD, LEAF_HALF } from './flatBoxes';

/** Room between the opened box and the nodes around it (a node's label overhang). */
const MARGIN = 40;

/** Half the width and height a group's members take once opened, the box and a margin included. */
export interface HalfExtent {
  hx: number;
  hy: number;
}

/** Half-extents of a block of member positions, with the box around it and the margin. */
export function openedExtent(members: Iterable<Point>): { centre: Point; half: HalfExtent } | undefined {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of members) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (!Number.isFinite(x1)) {
    return undefined;
  }
  const pad = LEAF_HALF + BOX_PAD + MARGIN;
  return {
    centre: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 },
    half: { hx: (x2 - x1) / 2 + pad, hy: (y2 - y1) / 2 + pad + BOX_LABEL },
  };
}

function away(v: number, from: number, by: number): number {
  return v > from ? v + by : v < from ? v - by : v;
}

function toward(v: number, to: number, by: number): number {
  // Only what lies beyond the box moved away when it opened; anything nearer stays (it came later).
  return v > to + by ? v - by : v < to - by ? v + by : v;
}

/**
 * Lays out `members` (the group's descendants: leaves and inner boxes, `parent` as in the graph) with the fast
 * layered layout, centred on `at`. Returns the leaves' positions and the block's half-extent.
 */
export function layOutMembers(
  groupId: string,
  members: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[],
  at: Point
): { positions: Map<string, Point>; half: HalfExtent } {
  const ids = new Set(members.map((m) => m.id));
  const inside = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  // The members' own parents, the group's direct members at the top level of the block.
  const nodes = members.map((m) => (m.parent === groupId ? { ...m, parent: undefined } : m));
  const raw = fastLayeredPositions(nodes, inside);
  const extent = openedExtent(raw.values());
  const positions = new Map<string, Point>();
  if (!extent) {
    return { positions, half: { hx: 0, hy: 0 } };
  }
  for (const [id, p] of raw) {
    positions.set(id, { x: p.x - extent.centre.x + at.x, y: p.y - extent.centre.y + at.y });
  }
  return { positions, half: extent.half };
}

/**
 * Shifts positions unit by unit (in place): a unit (the members of an open box) moves as one, by the shift of
 * its centre, so opening a group beside an open box moves that box instead of stretching it.
 */
function shiftUnits(
  positions: Map<string, Point>,
  unitOf: ReadonlyMap<string, string>,
  shift: (centre: Point) => Point
): void {
  const extents = new Map<string, { x1: number; y1: number; x2: number; y2: number }>();
  for (const [id, p] of positions) {
    const u = unitOf.get(id);
    if (u === undefined) {
      continue;
    }
    const e = extents.get(u);
    extents.set(
      u,
      e
        ? { x1: Math.min(e.x1, p.x), y1: Math.min(e.y1, p.y), x2: Math.max(e.x2, p.x), y2: Math.max(e.y2, p.y) }
        : { x1: p.x, y1: p.y, x2: p.x, y2: p.y }
    );
  }
  const moves = new Map<string, Point>();
  for (const [u, e] of extents) {
    const c = { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2 };
    const to = shift(c);
    moves.set(u, { x: to.x - c.x, y: to.y - c.y });
  }
  for (const [id, p] of positions) {
    const u = unitOf.get(id);
    const d = u === undefined ? undefined : moves.get(u);
    positions.set(id, d ? { x: p.x + d.x, y: p.y + d.y } : shift(p));
  }
}

/**
 * Moves every position away from `at` by the half-extent (in place): room for a group opened there. `unitOf`:
 * the open box each boxed position belongs to (those move with their box).
 */
export function openAround(
  positions: Map<string, Point>,
  at: Point,
  half: HalfExtent,
  unitOf: ReadonlyMap<string, string> = new Map()
): void {
  shiftUnits(positions, unitOf, (p) => ({ x: away(p.x, at.x, half.hx), y: away(p.y, at.y, half.hy) }));
}

/** The inverse of openAround (in place): a group of that half-extent closed at `at`. */
export function closeAround(
  positions: Map<string, Point>,
  at: Point,
  half: HalfExtent,
  unitOf: ReadonlyMap<string, string> = new Map()
): void {
  shiftUnits(positions, unitOf, (p) => ({ x: toward(p.x, at.x, half.hx), y: toward(p.y, at.y, half.hy) }));
}
