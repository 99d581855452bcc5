/**
 * A linear-time layered layout for large graphs, in the spirit of Kiali's box layout (model §10.2): lay out each
 * box's content, then place the boxes themselves, left to right in traffic order. Within a level, children are
 * layered by BFS depth from the sources (edges projected onto the children of that level), ordered by the mean
 * position of their predecessors (one barycentre pass), and tall layers wrap into several columns.
 * Pure: returns positions for the leaf nodes; Cytoscape sizes the boxes from their children (preset layout).
 * dagre takes tens of seconds at 1,000 nodes (measured-here.md); this takes milliseconds.
 */
export interface LayoutNodeIn {
  id: string;
  parent?: string;
  isBox?: unknown;
  /** The node's label text (layouts that leave room for labels measure it). */
  label?: string;
}
export interface LayoutEdgeIn {
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

export const CELL_W = 170;
export const CELL_H = 60;
const BOX_PAD = 40;
const BLOCK_GAP = 70;

interface Block {
  w: number;
  h: number;
  /** Leaf positions relative to the block's top-left corner. */
  positions: Map<string, Point>;
}

/** One member of a level: a leaf node or a box already laid out inside (w × h, its padding included). */
export interface LevelBlock {
  id: string;
  w: number;
  h: number;
  leaf: boolean;
}

/** Where a level's blocks go: their top-left corners, relative to the level's own top-left, and its size. */
export interface Placement {
  topLeft: Map<string, Point>;
  w: number;
  h: number;
}

/** A leaf's block: its size, and where the node's centre sits in it (default: the block's centre). */
export interface LeafBlock {
  w: number;
  h: number;
  node?: Point;
}

export type PlaceLevel = (level: readonly LevelBlock[], edges: ReadonlyArray<[string, string]>) => Placement;

export function fastLayeredPositions(
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): Map<string, Point> {
  return boxedPositions(nodes, edges, layeredPlacement, { w: CELL_W, h: CELL_H });
}

/**
 * Kiali's box layout: each box's members are placed by `place` (edges projected onto them), innermost boxes
 * first, then the box becomes one block of the level above. Returns leaf positions (centres).
 */
export function boxedPositions(
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[],
  place: PlaceLevel,
  /** A leaf's block (or one per leaf); `node` is where the node's centre sits in it (default: the block's centre). */
  leafSize: LeafBlock | ((id: string) => LeafBlock)
): Map<string, Point> {
  const leafOf = typeof leafSize === 'function' ? leafSize : () => leafSize;
  const minLeaf = typeof leafSize === 'function' ? { w: 0, h: 0 } : leafSize;
  const ids = new Set(nodes.map((n) => n.id));
  const parentOf = new Map<string, string>();
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const n of nodes) {
    if (n.parent && ids.has(n.parent) && n.parent !== n.id) {
      parentOf.set(n.id, n.parent);
      const list = children.get(n.parent) ?? [];
      list.push(n.id);
      children.set(n.parent, list);
    } else {
      roots.push(n.id);
    }
  }
  // Each node's ancestor chain, so an edge can be projected onto the children of any level.
  const chainCache = new Map<string, string[]>();
  const chain = (id: string): string[] => {
    let c = chainCache.get(id);
    if (!c) {
      c = [id];
      const seen = new Set([id]);
      let p = parentOf.get(id);
      while (p && !seen.has(p)) {
        seen.add(p);
        c.push(p);
        p = parentOf.get(p);
      }
      chainCache.set(id, c);
    }
    return c;
  };
  // Edges grouped by the lowest common container of their ends, projected onto that container's children.
  const projected = new Map<string, Array<[string, string]>>();
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) {
      continue;
    }
    const cs = chain(e.source);
    const ct = chain(e.target);
    const tSet = new Set(ct);
    let common: string | undefined;
    let sChild = cs[cs.length - 1];
    for (let i = 0; i < cs.length; i++) {
      if (tSet.has(cs[i])) {
        common = cs[i];
        sChild = cs[i - 1];
        break;
      }
    }
    if (common === e.source || common === e.target) {
      continue; // an edge to an enclosing box: no ordering information
    }
    const tChild = common === undefined ? ct[ct.length - 1] : ct[ct.indexOf(common) - 1];
    if (sChild === undefined || tChild === undefined || sChild === tChild) {
      continue;
    }
    const key = common ?? '';
    const list = projected.get(key) ?? [];
    list.push([sChild, tChild]);
    projected.set(key, list);
  }

  const layoutLevel = (members: string[], levelEdges: Array<[string, string]>): Block => {
    const blocks = new Map<string, Block>();
    const level: LevelBlock[] = [];
    for (const m of members) {
      const kids = children.get(m);
      if (kids && kids.length > 0) {
        const inner = layoutLevel(kids, projected.get(m) ?? []);
        blocks.set(m, {
          w: inner.w + 2 * BOX_PAD,
          h: inner.h + 2 * BOX_PAD,
          positions: shift(inner.positions, BOX_PAD, BOX_PAD),
        });
        level.push({ id: m, w: inner.w + 2 * BOX_PAD, h: inner.h + 2 * BOX_PAD, leaf: false });
      } else {
        const leaf = leafOf(m);
        const at = leaf.node ?? { x: leaf.w / 2, y: leaf.h / 2 };
        blocks.set(m, { w: leaf.w, h: leaf.h, positions: new Map([[m, at]]) });
        level.push({ id: m, w: leaf.w, h: leaf.h, leaf: true });
      }
    }
    const placed = place(level, levelEdges);
    const positions = new Map<string, Point>();
    for (const [m, tl] of placed.topLeft) {
      for (const [id, p] of (blocks.get(m) as Block).positions) {
        positions.set(id, { x: tl.x + p.x, y: tl.y + p.y });
      }
    }
    return { w: Math.max(placed.w, minLeaf.w), h: Math.max(placed.h, minLeaf.h), positions };
  };

  const root = layoutLevel(roots, projected.get('') ?? []);
  return root.positions;
}

/**
 * The layered placement of one level: BFS layers left to right (layerize), tall layers wrapped into columns,
 * blocks centred in their column; boxes get a gap around them, leaves sit in CELL_W × CELL_H cells.
 */
export function layeredPlacement(level: readonly LevelBlock[], edges: ReadonlyArray<[string, string]>): Placement {
  const blocks = new Map(level.map((b) => [b.id, b]));
  const layers = layerize(
    level.map((b) => b.id),
    edges
  );
  const maxPerColumn = Math.max(6, Math.ceil(Math.sqrt(level.length) * 1.3));
  // Columns: each layer gives one or more columns of at most maxPerColumn blocks.
  const columns: string[][] = [];
  for (const layer of layers) {
    for (let i = 0; i < layer.length; i += maxPerColumn) {
      columns.push(layer.slice(i, i + maxPerColumn));
    }
  }
  const colW = columns.map((col) => Math.max(...col.map((m) => (blocks.get(m) as LevelBlock).w)));
  const colH = columns.map(
    (col) => col.reduce((h, m) => h + (blocks.get(m) as LevelBlock).h, 0) + (col.length - 1) * gapFor(col, blocks)
  );
  const height = Math.max(0, ...colH);
  const topLeft = new Map<string, Point>();
  let x = 0;
  columns.forEach((col, ci) => {
    let y = (height - colH[ci]) / 2;
    const gap = gapFor(col, blocks);
    for (const m of col) {
      const b = blocks.get(m) as LevelBlock;
      topLeft.set(m, { x: x + (colW[ci] - b.w) / 2, y });
      y += b.h + gap;
    }
    x += colW[ci] + (ci < columns.length - 1 ? gapBetweenColumns(col, columns[ci + 1], blocks) : 0);
  });
  return { topLeft, w: x, h: height };
}

function gapFor(col: string[], blocks: Map<string, LevelBlock>): number {
  return col.some((m) => !(blocks.get(m) as LevelBlock).leaf) ? BLOCK_GAP : 0;
}

function gapBetweenColumns(a: string[], b: string[], blocks: Map<string, LevelBlock>): number {
  return gapFor(a, blocks) || gapFor(b, blocks) ? BLOCK_GAP : 0;
}

function shift(positions: Map<string, Point>, dx: number, dy: number): Map<string, Point> {
  const out = new Map<string, Point>();
  for (const [id, p] of positions) {
    out.set(id, { x: p.x + dx, y: p.y + dy });
  }
  return out;
}

/**
 * BFS layering from the sources (no incoming edge); nodes only reachable through cycles start new BFS waves from
 * the unplaced node with the fewest incoming edges. Then one barycentre pass orders each layer.
 */
export function layerize(members: readonly string[], edges: ReadonlyArray<[string, string]>): string[][] {
  const memberSet = new Set(members);
  const out = new Map<string, string[]>();
  const inn = new Map<string, string[]>();
  const indeg = new Map<string, number>(members.map((m) => [m, 0]));
  const seenPair = new Set<string>();
  for (const [s, t] of edges) {
    if (!memberSet.has(s) || !memberSet.has(t) || s === t) {
      continue;
    }
    const key = `${s}\u0000${t}`;
    if (seenPair.has(key)) {
      continue;
    }
    seenPair.add(key);
    out.set(s, [...(out.get(s) ?? []), t]);
    inn.set(t, [...(inn.get(t) ?? []), s]);
    indeg.set(t, (indeg.get(t) ?? 0) + 1);
  }
  const depth = new Map<string, number>();
  const sorted = [...members].sort();
  const bfs = (starts: string[], base: number) => {
    const queue = [...starts];
    for (const s of starts) {
      depth.set(s, base);
    }
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i];
      const d = depth.get(id) as number;
      for (const t of out.get(id) ?? []) {
        if (!depth.has(t)) {
          depth.set(t, d + 1);
          queue.push(t);
        }
      }
    }
  };
  bfs(
    sorted.filter((m) => (indeg.get(m) ?? 0) === 0),
    0
  );
  while (depth.size < members.length) {
    let best: string | undefined;
    for (const m of sorted) {
      if (!depth.has(m) && (best === undefined || (indeg.get(m) ?? 0) < (indeg.get(best) ?? 0))) {
        best = m;
      }
    }
    bfs([best as string], 0);
  }
  const layers: string[][] = [];
  for (const m of sorted) {
    const d = depth.get(m) as number;
    (layers[d] ??= []).push(m);
  }
  const compact = layers.filter((l) => l && l.length > 0);
  const order = new Map<string, number>();
  compact.forEach((layer, li) => {
    if (li > 0) {
      const bary = (m: string) => {
        const preds = (inn.get(m) ?? []).filter((p) => order.has(p));
        return preds.length === 0
          ? Number.MAX_SAFE_INTEGER
          : preds.reduce((a, p) => a + (order.get(p) as number), 0) / preds.length;
      };
      const keyed = layer.map((m) => ({ m, k: bary(m) }));
      keyed.sort((a, b) => a.k - b.k || (a.m < b.m ? -1 : 1));
      compact[li] = keyed.map((x) => x.m);
    }
    compact[li].forEach((m, i) => order.set(m, i));
  });
  return compact;
}
