/**
 * Saved layouts: positions a user arranged by dragging, kept in the panel options. When the graph changes, kept
 * nodes stay where they were saved, nodes that vanished drop out, and new nodes are placed around the kept ones
 * (next to a kept neighbour when they have one, else in a column beside the saved drawing): an incremental layout.
 */
import type { LayoutEdgeIn, LayoutNodeIn, Point } from './fastLayout';

/** Horizontal and vertical spacing of new nodes (a node with its label, as the layered layout spaces them). */
const STEP_X = 170;
const STEP_Y = 70;

export interface IncrementalResult {
  positions: Map<string, Point>;
  kept: number;
  added: string[];
}

export function incrementalPositions(
  saved: Readonly<Record<string, Point>>,
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): IncrementalResult {
  const leaves = nodes.filter((n) => !n.isBox);
  const positions = new Map<string, Point>();
  const taken: Point[] = [];
  for (const n of leaves) {
    const p = saved[n.id];
    if (p && Number.isFinite(p.x) && Number.isFinite(p.y)) {
      positions.set(n.id, { x: p.x, y: p.y });
      taken.push(p);
    }
  }
  const kept = positions.size;
  const free = (p: Point) =>
    taken.every((q) => Math.abs(q.x - p.x) >= STEP_X * 0.8 || Math.abs(q.y - p.y) >= STEP_Y * 0.8);
  const neighbours = new Map<string, Array<{ id: string; dir: 1 | -1 }>>();
  for (const e of edges) {
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push({ id: e.source, dir: 1 });
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push({ id: e.target, dir: -1 });
  }
  let maxX = -Infinity;
  let minY = Infinity;
  for (const p of taken) {
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
  }
  if (!Number.isFinite(maxX)) {
    maxX = -STEP_X;
    minY = 0;
  }
  const added: string[] = [];
  let column = 0;
  // Several passes: a new node may hang off another new node placed in an earlier pass.
  let pending = leaves.filter((n) => !positions.has(n.id));
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
      taken.push(p);
      added.push(n.id);
    }
    pending = next;
  }
  return { positions, kept, added };
}
