/**
 * What a Cytoscape instance is given in one go: element definitions that already carry their Find/Hide classes,
 * their level-of-detail classes (labels and arrowheads, large-graph mode) and, when the fast layout computed them
 * beforehand, their positions. One add, one style pass and no layout pass, instead of add → restyle per class
 * toggle → layout → restyle.
 */
import type { CyElementDef, ElementDefs } from './elements';
import type { LayoutEdgeIn, LayoutNodeIn, Point } from './fastLayout';
import type { BoxRect } from './flatBoxes';
import type { Selection } from './findHide';
import { arrowZoomThreshold, CLASS, labelZoomThresholds } from './style';

/** Large-graph mode's level of detail at a zoom: node labels, edge labels, edge arrowheads. */
export interface ZoomDetail {
  node: boolean;
  edge: boolean;
  arrows: boolean;
}

export const FULL_DETAIL: ZoomDetail = { node: true, edge: true, arrows: true };
export const LEAST_DETAIL: ZoomDetail = { node: false, edge: false, arrows: false };

export interface ContentOptions {
  found: Selection;
  hidden: Selection;
  /**
   * Which elements carry the `labels` and `arrows` classes (large-graph mode); none when omitted (the normal
   * stylesheet labels all and draws every arrowhead).
   */
  detail?: ZoomDetail;
  /** Leaf positions (boxes are sized by Cytoscape from their members, or by flatBoxes). */
  positions?: ReadonlyMap<string, Point>;
  /**
   * Flat boxes (flatBoxes.ts): no compound parents; boxes become plain, fixed nodes with these bodies (a box
   * without one gets a placeholder until the next layout sizes it).
   */
  flatBoxes?: ReadonlyMap<string, BoxRect>;
}

export interface ElementDefinitionOut {
  group: 'nodes' | 'edges';
  data: Record<string, unknown> & { id: string };
  classes?: string[];
  position?: Point;
  grabbable?: boolean;
}

function classesOf(isHidden: boolean, isFound: boolean, labelled: boolean, arrows = false): string[] | undefined {
  if (!isHidden && !isFound && !labelled && !arrows) {
    return undefined;
  }
  const c: string[] = [];
  if (isHidden) {
    c.push(CLASS.hidden);
  }
  if (isFound) {
    c.push(CLASS.find);
  }
  if (labelled) {
    c.push(CLASS.labels);
  }
  if (arrows) {
    c.push(CLASS.arrows);
  }
  return c;
}

function withoutParent(data: CyElementDef['data']): CyElementDef['data'] {
  const { parent: _parent, ...rest } = data;
  return rest as CyElementDef['data'];
}

/** Nodes first (parents before children, as buildElements orders them), then edges. Data objects are copied. */
export function elementDefinitions(elements: ElementDefs, opts: ContentOptions): ElementDefinitionOut[] {
  const detail = opts.detail ?? LEAST_DETAIL;
  const out: ElementDefinitionOut[] = [];
  for (const n of elements.nodes) {
    const id = n.data.id;
    // Flat boxes: the copy is made without `parent`. Deleting it from the copy would turn the object into a
    // hash table (V8's dictionary mode), and Cytoscape keeps it as the node's data: every style and data read of
    // the node would then be a hash lookup.
    const data = opts.flatBoxes ? withoutParent(n.data) : { ...n.data };
    const def: ElementDefinitionOut = { group: 'nodes', data };
    const classes = classesOf(opts.hidden.nodes.has(id), opts.found.nodes.has(id), detail.node);
    if (classes) {
      def.classes = classes;
    }
    const p = opts.positions?.get(id);
    if (p) {
      def.position = { x: p.x, y: p.y };
    }
    if (opts.flatBoxes) {
      if (n.data.isBox) {
        // A flat box cannot carry its members along: not draggable (members are, and the box follows them).
        const r = opts.flatBoxes.get(id);
        def.position = r ? { x: r.x, y: r.y } : { x: 0, y: 0 };
        def.data.boxW = r ? r.w : 1;
        def.data.boxH = r ? r.h : 1;
        def.grabbable = false;
      }
    }
    out.push(def);
  }
  for (const e of elements.edges) {
    const id = e.data.id;
    const def: ElementDefinitionOut = { group: 'edges', data: { ...e.data } };
    const classes = classesOf(opts.hidden.edges.has(id), opts.found.edges.has(id), detail.edge, detail.arrows);
    if (classes) {
      def.classes = classes;
    }
    out.push(def);
  }
  return out;
}

/** The visible part of the graph as the fast layout reads it. */
export function visibleLayoutInput(
  elements: ElementDefs,
  hidden: Selection
): { nodes: LayoutNodeIn[]; edges: LayoutEdgeIn[] } {
  const nodes: LayoutNodeIn[] = [];
  for (const n of elements.nodes) {
    if (!hidden.nodes.has(n.data.id)) {
      nodes.push({
        id: n.data.id,
        parent: n.data.parent as string | undefined,
        isBox: n.data.isBox,
        label: n.data.label as string | undefined,
      });
    }
  }
  const edges: LayoutEdgeIn[] = [];
  for (const e of elements.edges) {
    if (!hidden.edges.has(e.data.id)) {
      edges.push({ source: e.data.source as string, target: e.data.target as string });
    }
  }
  return { nodes, edges };
}

/**
 * Which details are worth giving at a zoom level (large-graph mode): labels at least minZoomedFontSize px on
 * screen, arrowheads at least ARROW_MIN_SCREEN_PX long.
 */
export function detailAtZoom(zoom: number, minZoomedFontSize: number): ZoomDetail {
  const t = labelZoomThresholds(minZoomedFontSize);
  return { node: zoom >= t.node, edge: zoom >= t.edge, arrows: zoom >= arrowZoomThreshold() };
}
