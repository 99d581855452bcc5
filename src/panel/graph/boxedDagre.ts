/**
 * dagre for graphs with boxes, as Kiali lays them out: dagre inside each box (its members only), then dagre over
 * the boxes as blocks of their laid-out size, instead of one compound dagre run over everything (measured: the
 * compound run costs about 1 s at 100 nodes in 10 namespace boxes). Each level runs in a small headless
 * Cytoscape instance with Kiali's dagre settings.
 */
import cytoscape from 'cytoscape';
import { registerLayouts } from './cy';
import { labelledLeaf } from './boxedLayouts';
import { boxedPositions, LayoutEdgeIn, LayoutNodeIn, LevelBlock, Placement, Point } from './fastLayout';

/** Kiali's dagre settings (layoutFactory.ts), the same as the panel's plain dagre. */
export const DAGRE_OPTIONS = {
  name: 'dagre',
  rankDir: 'LR',
  ranker: 'network-simplex',
  nodeSep: 25,
  edgeSep: 40,
  rankSep: 60,
} as const;

/**
 * A leaf as dagre sees it: the 25 px node at the top and room for its label below (up to three 10 px lines, e.g.
 * name, version and namespace), so nodes stacked in one rank do not draw their labels over each other. Kiali's
 * layouts also size nodes with their labels.
 */
export const LEAF = { w: 25, h: 25 + 36, node: { x: 12.5, y: 12.5 } };

export function dagrePlacement(level: readonly LevelBlock[], edges: ReadonlyArray<[string, string]>): Placement {
  registerLayouts(cytoscape);
  const ids = new Set(level.map((b) => b.id));
  const seen = new Set<string>();
  const edgeDefs: cytoscape.ElementDefinition[] = [];
  for (const [s, t] of edges) {
    const key = `${s}\u0000${t}`;
    if (s !== t && ids.has(s) && ids.has(t) && !seen.has(key)) {
      seen.add(key);
      edgeDefs.push({ group: 'edges', data: { id: `e${edgeDefs.length}`, source: s, target: t } });
    }
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { shape: 'rectangle', width: 'data(w)', height: 'data(h)' } }],
    elements: [...level.map((b) => ({ group: 'nodes' as const, data: { id: b.id, w: b.w, h: b.h } })), ...edgeDefs],
  });
  try {
    cy.layout({ ...DAGRE_OPTIONS, fit: false, animate: false } as unknown as cytoscape.LayoutOptions).run();
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    const centre = new Map<string, Point>();
    for (const b of level) {
      const p = cy.getElementById(b.id).position();
      centre.set(b.id, { x: p.x, y: p.y });
      x1 = Math.min(x1, p.x - b.w / 2);
      y1 = Math.min(y1, p.y - b.h / 2);
      x2 = Math.max(x2, p.x + b.w / 2);
      y2 = Math.max(y2, p.y + b.h / 2);
    }
    const topLeft = new Map<string, Point>();
    for (const b of level) {
      const c = centre.get(b.id) as Point;
      topLeft.set(b.id, { x: c.x - b.w / 2 - x1, y: c.y - b.h / 2 - y1 });
    }
    return { topLeft, w: level.length > 0 ? x2 - x1 : 0, h: level.length > 0 ? y2 - y1 : 0 };
  } finally {
    cy.destroy();
  }
}

/** Leaf positions for a boxed graph: dagre per box, then per level of boxes. */
export function boxedDagrePositions(
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): Map<string, Point> {
  return boxedPositions(nodes, edges, dagrePlacement, labelledLeaf(nodes));
}

/** Whether any node sits in a box (then the per-box dagre applies). */
export function hasBoxes(nodes: readonly LayoutNodeIn[]): boolean {
  return nodes.some((n) => !!n.isBox);
}
