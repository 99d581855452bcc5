/**
 * Grid, concentric and breadth-first layouts for graphs with boxes, the way Kiali's box layout works (model
 * §10.2): each box's members are laid out by the chosen layout, innermost boxes first, then each box is one block
 * of the level above. Cytoscape's own grid, concentric and breadthfirst layouts ignore compound parents, which put
 * nodes of one namespace inside another's box and made boxes overlap. Pure: returns leaf positions (centres).
 */
import {
  boxedPositions,
  layeredPlacement,
  LayoutEdgeIn,
  LayoutNodeIn,
  LeafBlock,
  LevelBlock,
  Placement,
  Point,
} from './fastLayout';
import cytoscape from 'cytoscape';
import { hasLayout } from './cy';
import { leafBlock } from './labelMetrics';

export type BoxedLayoutName = 'grid' | 'concentric' | 'breadthfirst' | 'fcose';

const GAP = 30;

/** Blocks in rows, row by row, in a near-square arrangement; leaves share one cell size so they line up. */
export function gridPlacement(level: readonly LevelBlock[]): Placement {
  const leaves = level.filter((b) => b.leaf);
  const cell = {
    w: Math.max(0, ...leaves.map((b) => b.w)),
    h: Math.max(0, ...leaves.map((b) => b.h)),
  };
  // Boxes first (largest first), then the leaves in a stable order.
  const ordered = [
    ...level.filter((b) => !b.leaf).sort((a, b) => b.w * b.h - a.w * a.h || (a.id < b.id ? -1 : 1)),
    ...leaves,
  ];
  const size = (b: LevelBlock) => (b.leaf ? cell : { w: b.w, h: b.h });
  const area = ordered.reduce((a, b) => a + (size(b).w + GAP) * (size(b).h + GAP), 0);
  const widest = Math.max(0, ...ordered.map((b) => size(b).w));
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.2);
  const topLeft = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowH = 0;
  let w = 0;
  for (const b of ordered) {
    const s = size(b);
    if (x > 0 && x + s.w > rowWidth) {
      x = 0;
      y += rowH + GAP;
      rowH = 0;
    }
    topLeft.set(b.id, { x: x + (s.w - b.w) / 2, y: y + (s.h - b.h) / 2 });
    x += s.w + GAP;
    w = Math.max(w, x - GAP);
    rowH = Math.max(rowH, s.h);
  }
  return { topLeft, w, h: ordered.length > 0 ? y + rowH : 0 };
}

/** Blocks on rings around the most connected one, more connected blocks nearer the centre. */
export function concentricPlacement(level: readonly LevelBlock[], edges: ReadonlyArray<[string, string]>): Placement {
  const degree = new Map<string, number>(level.map((b) => [b.id, 0]));
  for (const [s, t] of edges) {
    if (degree.has(s) && degree.has(t) && s !== t) {
      degree.set(s, (degree.get(s) as number) + 1);
      degree.set(t, (degree.get(t) as number) + 1);
    }
  }
  const ordered = [...level].sort(
    (a, b) => (degree.get(b.id) as number) - (degree.get(a.id) as number) || (a.id < b.id ? -1 : 1)
  );
  // Rings spaced by the blocks' larger side (tighter than their diagonal); any overlap left is pushed apart below.
  const diag = (b: LevelBlock) => Math.max(b.w, b.h);
  const centres = new Map<string, Point>();
  let i = 0;
  let radius = 0;
  let prevHalf = 0;
  while (i < ordered.length) {
    if (i === 0) {
      centres.set(ordered[0].id, { x: 0, y: 0 });
      prevHalf = diag(ordered[0]) / 2;
      i = 1;
      continue;
    }
    // The next ring: as many blocks as fit on its circumference.
    let d = diag(ordered[i]);
    radius = radius + prevHalf + d / 2 + GAP;
    let count = 0;
    let used = 0;
    const circumference = 2 * Math.PI * radius;
    while (i + count < ordered.length) {
      const next = diag(ordered[i + count]) + GAP;
      if (count > 0 && used + next > circumference) {
        break;
      }
      used += next;
      d = Math.max(d, next - GAP);
      count++;
    }
    // Blocks larger than the first of the ring push the ring out.
    radius = Math.max(radius, (used / (2 * Math.PI)) | 0);
    let angle = -Math.PI / 2;
    for (let k = 0; k < count; k++) {
      const b = ordered[i + k];
      const step = ((diag(b) + GAP) / used) * 2 * Math.PI;
      const a = angle + step / 2;
      centres.set(b.id, { x: radius * Math.cos(a), y: radius * Math.sin(a) });
      angle += step;
    }
    prevHalf = d / 2;
    i += count;
  }
  separate(level, centres);
  return fromCentres(level, centres);
}

/** Breadth-first layers from the traffic sources, top to bottom (Cytoscape's breadthfirst direction). */
export function breadthfirstPlacement(level: readonly LevelBlock[], edges: ReadonlyArray<[string, string]>): Placement {
  // The layered placement goes left to right: run it on transposed blocks and transpose back.
  const transposed = level.map((b) => ({ ...b, w: b.h, h: b.w }));
  const placed = layeredPlacement(transposed, edges);
  const topLeft = new Map<string, Point>();
  for (const [id, p] of placed.topLeft) {
    topLeft.set(id, { x: p.y, y: p.x });
  }
  return { topLeft, w: placed.h, h: placed.w };
}

/**
 * fCoSE over one level (blocks as rectangles of their size), then any overlap left pushed apart: fCoSE keeps
 * compound boxes apart only approximately, and boxes must never overlap. Needs fCoSE registered (loadFcose).
 */
export function fcosePlacement(level: readonly LevelBlock[], edges: ReadonlyArray<[string, string]>): Placement {
  const centres = new Map<string, Point>();
  if (level.length === 1) {
    centres.set(level[0].id, { x: 0, y: 0 });
    return fromCentres(level, centres);
  }
  const ids = new Set(level.map((b) => b.id));
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { shape: 'rectangle', width: 'data(w)', height: 'data(h)' } }],
    elements: [
      ...level.map((b, i) => ({
        group: 'nodes' as const,
        data: { id: b.id, w: b.w, h: b.h },
        // A deterministic start (a spiral), so the same graph gives the same picture.
        position: { x: Math.cos(i * 2.4) * 40 * Math.sqrt(i + 1), y: Math.sin(i * 2.4) * 40 * Math.sqrt(i + 1) },
      })),
      ...edges
        .filter(([a, b]) => a !== b && ids.has(a) && ids.has(b))
        .map(([a, b], i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: a, target: b } })),
    ],
  });
  try {
    cy.layout({
      name: 'fcose',
      randomize: false,
      animate: false,
      fit: false,
      quality: 'default',
      nodeDimensionsIncludeLabels: false,
      uniformNodeDimensions: false,
      packComponents: true,
      nodeRepulsion: 6000,
      idealEdgeLength: 80,
      nodeSeparation: GAP,
    } as unknown as cytoscape.LayoutOptions).run();
    for (const b of level) {
      const p = cy.getElementById(b.id).position();
      centres.set(b.id, { x: p.x, y: p.y });
    }
  } finally {
    cy.destroy();
  }
  separate(level, centres);
  return fromCentres(level, centres);
}

/** Pushes overlapping blocks apart (along the axis where they overlap least) until none overlap. */
export function separate(level: readonly LevelBlock[], centres: Map<string, Point>, gap = GAP): void {
  for (let round = 0; round < 200; round++) {
    let moved = false;
    for (let i = 0; i < level.length; i++) {
      for (let j = i + 1; j < level.length; j++) {
        const a = level[i];
        const b = level[j];
        const pa = centres.get(a.id) as Point;
        const pb = centres.get(b.id) as Point;
        const ox = (a.w + b.w) / 2 + gap - Math.abs(pa.x - pb.x);
        const oy = (a.h + b.h) / 2 + gap - Math.abs(pa.y - pb.y);
        if (ox <= 0 || oy <= 0) {
          continue;
        }
        moved = true;
        if (ox < oy) {
          const d = (ox / 2) * (pa.x < pb.x || (pa.x === pb.x && a.id < b.id) ? -1 : 1);
          pa.x += d;
          pb.x -= d;
        } else {
          const d = (oy / 2) * (pa.y < pb.y || (pa.y === pb.y && a.id < b.id) ? -1 : 1);
          pa.y += d;
          pb.y -= d;
        }
      }
    }
    if (!moved) {
      return;
    }
  }
}

function fromCentres(level: readonly LevelBlock[], centres: Map<string, Point>): Placement {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const b of level) {
    const c = centres.get(b.id) as Point;
    x1 = Math.min(x1, c.x - b.w / 2);
    y1 = Math.min(y1, c.y - b.h / 2);
    x2 = Math.max(x2, c.x + b.w / 2);
    y2 = Math.max(y2, c.y + b.h / 2);
  }
  const topLeft = new Map<string, Point>();
  for (const b of level) {
    const c = centres.get(b.id) as Point;
    topLeft.set(b.id, { x: c.x - b.w / 2 - x1, y: c.y - b.h / 2 - y1 });
  }
  return { topLeft, w: level.length > 0 ? x2 - x1 : 0, h: level.length > 0 ? y2 - y1 : 0 };
}

/** A leaf's block with room for its label. */
export function labelledLeaf(nodes: readonly LayoutNodeIn[]): (id: string) => LeafBlock {
  const labels = new Map(nodes.map((n) => [n.id, n.label]));
  const cache = new Map<string, LeafBlock>();
  return (id) => {
    let b = cache.get(id);
    if (!b) {
      b = leafBlock(labels.get(id));
      cache.set(id, b);
    }
    return b;
  };
}

/** Whether a layout can be computed per box now (fCoSE once it is loaded). */
export function boxedLayoutReady(name: BoxedLayoutName): boolean {
  return name !== 'fcose' || hasLayout('fcose');
}

export function boxedLayoutPositions(
  name: BoxedLayoutName,
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): Map<string, Point> {
  const place =
    name === 'grid'
      ? gridPlacement
      : name === 'concentric'
        ? concentricPlacement
        : name === 'fcose'
          ? fcosePlacement
          : breadthfirstPlacement;
  return boxedPositions(nodes, edges, place, labelledLeaf(nodes));
}
