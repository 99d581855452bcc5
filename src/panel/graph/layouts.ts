/**
 * Layout choice and options. dagre (LR) is the default, as in Kiali. Above the large-graph threshold dagre and fcose
 * are replaced by the linear-time box-aware layered layout (fastLayout.ts), with a notice: measured here, dagre needs
 * about 55 s and fcose 2.4–11.5 s at 1,000 nodes, while the first paint must stay within 1.5 s.
 */
import { boxedDagrePositions, DAGRE_OPTIONS, hasBoxes } from './boxedDagre';
import { boxedLayoutPositions, boxedLayoutReady } from './boxedLayouts';
import { fastLayeredPositions, LayoutEdgeIn, LayoutNodeIn, Point } from './fastLayout';

export type LayoutName = 'dagre' | 'fcose' | 'grid' | 'concentric' | 'breadthfirst';
export type EffectiveLayout = LayoutName | 'layered';

export const LAYOUTS: Array<{ value: LayoutName; label: string; description: string }> = [
  { value: 'dagre', label: 'Dagre (left to right)', description: 'Layered, follows the traffic direction' },
  { value: 'fcose', label: 'fCoSE (force directed)', description: 'Organic, groups connected nodes' },
  { value: 'grid', label: 'Grid', description: 'Fast, regular' },
  { value: 'concentric', label: 'Concentric', description: 'Fast, most connected nodes in the centre' },
  { value: 'breadthfirst', label: 'Breadth first', description: 'Fast, tree-like from the traffic sources' },
];

/** Layouts fast enough at any size the panel accepts (measured ≈ 1.7 s first paint at 1,000 nodes, mostly drawing). */
const FAST: ReadonlySet<LayoutName> = new Set(['grid', 'concentric', 'breadthfirst']);

export interface LayoutChoice {
  requested: LayoutName;
  effective: EffectiveLayout;
  large: boolean;
  notice?: string;
}

export function chooseLayout(
  requested: LayoutName | undefined,
  nodeCount: number,
  largeThreshold: number
): LayoutChoice {
  const req: LayoutName = requested && LAYOUTS.some((l) => l.value === requested) ? requested : 'dagre';
  const large = nodeCount > largeThreshold;
  if (!large || FAST.has(req)) {
    return { requested: req, effective: req, large };
  }
  return {
    requested: req,
    effective: 'layered',
    large,
    notice:
      `Large graph (${nodeCount} nodes, threshold ${largeThreshold}): drawn with the fast layered layout instead of ${req}, ` +
      `which would take too long at this size. Raise the threshold in the panel options to force ${req}.`,
  };
}

export interface LayoutContext {
  nodes: readonly LayoutNodeIn[];
  edges: readonly LayoutEdgeIn[];
  /** Explicit area: layouts cannot measure a zero-size container (tests, hidden panels). */
  boundingBox?: { x1: number; y1: number; w: number; h: number };
  rootIds?: string[];
}

/**
 * Leaf positions computed without Cytoscape, when the choice allows it: the layered layout, and dagre, grid,
 * concentric and breadth-first on a graph with boxes (Kiali's way: the layout per box, then over the boxes; one
 * compound dagre run is far slower, and Cytoscape's grid, concentric and breadthfirst ignore boxes). The panel
 * creates its instance with these, so no layout pass follows. Undefined: Cytoscape's layout runs.
 */
export function presetPositions(
  effective: EffectiveLayout,
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): Map<string, Point> | undefined {
  if (nodes.length === 0) {
    return undefined;
  }
  if (effective === 'layered') {
    return fastLayeredPositions(nodes, edges);
  }
  if (effective === 'dagre' && hasBoxes(nodes)) {
    return boxedDagrePositions(nodes, edges);
  }
  if (
    (effective === 'grid' || effective === 'concentric' || effective === 'breadthfirst' || effective === 'fcose') &&
    hasBoxes(nodes) &&
    boxedLayoutReady(effective)
  ) {
    return boxedLayoutPositions(effective, nodes, edges);
  }
  return undefined;
}

/** Cytoscape layout options for a choice (without `eles`; the caller decides what to lay out). */
export function layoutOptions(effective: EffectiveLayout, ctx: LayoutContext): Record<string, unknown> {
  const common = {
    fit: true,
    padding: 30,
    animate: false,
    ...(ctx.boundingBox ? { boundingBox: ctx.boundingBox } : {}),
  };
  const preset = presetPositions(effective, ctx.nodes, ctx.edges);
  if (preset) {
    return {
      ...common,
      name: 'preset',
      positions: (node: { id: () => string }) => preset.get(node.id()) ?? { x: 0, y: 0 },
    };
  }
  switch (effective) {
    case 'dagre':
      // Kiali's dagre settings (layoutFactory.ts); with boxes, presetPositions above applies them per box.
      return { ...common, ...DAGRE_OPTIONS, nodeDimensionsIncludeLabels: true };
    case 'fcose':
      return {
        ...common,
        name: 'fcose',
        quality: 'default',
        randomize: true,
        nodeDimensionsIncludeLabels: false,
        packComponents: true,
        nodeRepulsion: 6000,
        idealEdgeLength: 80,
      };
    case 'grid':
      return { ...common, name: 'grid', avoidOverlap: true, avoidOverlapPadding: 20, condense: false };
    case 'concentric':
      return {
        ...common,
        name: 'concentric',
        minNodeSpacing: 20,
        avoidOverlap: true,
        concentric: (n: { degree: (b: boolean) => number }) => n.degree(false),
        levelWidth: () => 2,
      };
    case 'breadthfirst':
      return {
        ...common,
        name: 'breadthfirst',
        directed: true,
        spacingFactor: 1,
        avoidOverlap: true,
        ...(ctx.rootIds && ctx.rootIds.length > 0
          ? { roots: ctx.rootIds.map((id) => `#${cssEscape(id)}`).join(',') }
          : {}),
      };
    case 'layered':
      // Only without nodes (presetPositions handles every other case).
      return { ...common, name: 'preset' };
  }
}

/** Escape an id for a Cytoscape `#id` selector (ids such as wl_c1_ns_name-v1 contain no quotes, others might). */
export function cssEscape(id: string): string {
  return id.replace(/([^A-Za-z0-9_-])/g, '\\$1');
}
