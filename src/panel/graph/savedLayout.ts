/**
 * Saved layouts: positions a user arranged by dragging, kept in the panel options. When the graph changes, kept
 * nodes stay where they were saved, nodes that vanished drop out, and new nodes are placed around the kept ones
 * (next to a kept neighbour when they have one, else in a column beside the saved drawing): an incremental layout.
 * A refresh's topology change uses it too, and there a new node can also take a place a vanished node of its box
 * left.
 */
import type { LayoutEdgeIn, LayoutNodeIn, Point } from './fastLayout';

/** Horizontal and vertical spacing of new nodes (a node with its label, as the layered layout spaces them). */
const STEP_X = 170;
const STEP_Y = 70;

/** How close (either way) another node may be on each axis before a spot counts as taken. */
const NEAR_X = STEP_X * 0.8;
const NEAR_Y = STEP_Y * 0.8;

/**
 * The positions taken so far, in a grid of NEAR_X × NEAR_Y cells: a spot is free when no taken point lies within
 * NEAR_X horizontally and NEAR_Y vertically, and such a point can only be in the spot's cell or a neighbouring one.
 */
class TakenIndex {
  /** Cells by column, then row: numbers, not a string key made for each of a refresh's thousand kept nodes. */
  private readonly cells = new Map<number, Map<number, Point[]>>();

  private cell(cx: number, cy: number): Point[] | undefined {
    return this.cells.get(cx)?.get(cy);
  }

  add(p: Point): void {
    const cx = Math.floor(p.x / NEAR_X);
    const cy = Math.floor(p.y / NEAR_Y);
    const cell = this.cell(cx, cy);
    if (cell) {
      cell.push(p);
    } else {
      (this.cells.get(cx) ?? this.cells.set(cx, new Map()).get(cx)!).set(cy, [p]);
    }
  }

  free(p: Point): boolean {
    const cx = Math.floor(p.x / NEAR_X);
    const cy = Math.floor(p.y / NEAR_Y);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = this.cell(cx + dx, cy + dy);
        if (cell?.some((q) => Math.abs(q.x - p.x) < NEAR_X && Math.abs(q.y - p.y) < NEAR_Y)) {
          return false;
        }
      }
    }
    return true;
  }
}

/** Where a node that vanished was, the box it was in and its neighbours: a place for a new node of the same box. */
export interface VacatedSpot {
  parent?: string;
  at: Point;
  neighbours?: readonly string[];
}

export interface IncrementalResult {
  positions: Map<string, Point>;
  kept: number;
  added: string[];
}

/**
 * `saved` is a map, as the panel reads Cytoscape's positions: an object built key by key from a thousand ids changes
 * shape at each key, megabytes of garbage per refresh.
 */
export function incrementalPositions(
  saved: ReadonlyMap<string, Point>,
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[],
  vacated: readonly VacatedSpot[] = []
): IncrementalResult {
  const leaves = nodes.filter((n) => !n.isBox);
  const positions = new Map<string, Point>();
  const taken = new TakenIndex();
  for (const n of leaves) {
    const p = saved.get(n.id);
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) {
      positions.set(n.id, { x: p.x, y: p.y });
      taken.add(p);
    }
  }
  const kept = positions.size;
  const free = (p: Point) => taken.free(p);
  let pending = leaves.filter((n) => !positions.has(n.id));
  // Only new nodes look for neighbours: a refresh brings a few among thousands of edges.
  const placing = new Set(pending.map((n) => n.id));
  const neighbours = new Map<string, Array<{ id: string; dir: 1 | -1 }>>();
  for (const e of edges) {
    if (placing.has(e.target)) {
      (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push({ id: e.source, dir: 1 });
    }
    if (placing.has(e.source)) {
      (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push({ id: e.target, dir: -1 });
    }
  }
  let maxX = -Infinity;
  let minY = Infinity;
  for (const p of positions.values()) {
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(maxX)) {
    maxX = -STEP_X;
    minY = 0;
  }
  const added: string[] = [];
  let column = 0;
  // A new node of a box that lost nodes takes one of their places: the place of the one that shared most of its
  // neighbours, then the nearest to a kept neighbour. A workload that replaces another (a new version, a renamed
  // deployment) so stands where it stood, and its box keeps its size. Each place is given once; it was free of kept
  // nodes, which do not move.
  if (vacated.length > 0) {
    const spotsOf = new Map<string | undefined, VacatedSpot[]>();
    for (const v of vacated) {
      (spotsOf.get(v.parent) ?? spotsOf.set(v.parent, []).get(v.parent)!).push(v);
    }
    pending = pending.filter((n) => {
      const spots = spotsOf.get(n.parent);
      if (!spots?.length) {
        return true;
      }
      const around = neighbours.get(n.id) ?? [];
      const mine = new Set(around.map((x) => x.id));
      const a = around.map((x) => positions.get(x.id)).find((q) => q !== undefined);
      // Each place scored once: neighbours shared, then nearness to the kept neighbour.
      let best = 0;
      let bestShared = -1;
      let bestDistance = Infinity;
      spots.forEach((v, i) => {
        const shared = (v.neighbours ?? []).filter((id) => mine.has(id)).length;
        const distance = a ? Math.hypot(v.at.x - a.x, v.at.y - a.y) : 0;
        if (shared > bestShared || (shared === bestShared && distance < bestDistance)) {
          best = i;
          bestShared = shared;
          bestDistance = distance;
        }
      });
      const [{ at }] = spots.splice(best, 1);
      positions.set(n.id, { x: at.x, y: at.y });
      taken.add(at);
      added.push(n.id);
      return false;
    });
  }
  // Several passes: a new node may hang off another new node placed in an earlier pass.
  for (let pass = 0; pass < 3 && pending.length > 0; pass++) {
    const next: LayoutNodeIn[] = [];
    for (const n of pending) {
      // Callers first: a new node goes to the right of a kept node that sends it traffic, else left of one it calls.
      const around = neighbours.get(n.id) ?? [];
      const anchor = around.find((x) => x.dir === 1 && positions.has(x.id)) ?? around.find((x) => positions.has(x.id));
      if (!anchor && pass < 2) {
        next.push(n);
        continue;
      }
      let p: Point;
      if (anchor) {
        const a = positions.get(anchor.id) as Point;
        // Downstream of a source to its right, upstream of a destination to its left; stacked below when taken.
        p = { x: a.x + anchor.dir * STEP_X, y: a.y };
        for (let k = 1; !free(p) && k < 200; k++) {
          p = { x: a.x + anchor.dir * STEP_X, y: a.y + (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * STEP_Y };
        }
      } else {
        p = { x: maxX + STEP_X, y: minY + column * STEP_Y };
        column++;
        for (let k = 0; !free(p) && k < 200; k++) {
          p = { x: maxX + STEP_X, y: minY + column * STEP_Y };
          column++;
        }
      }
      positions.set(n.id, p);
      taken.add(p);
      added.push(n.id);
    }
    pending = next;
  }
  return { positions, kept, added };
}
