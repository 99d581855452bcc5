/**
 * The Cytoscape stylesheet, built from a Palette (theme colours) and a few display options. Kiali's visual language
 * (model §9.6, §10.3): node shapes by type, health-coloured borders and edges, dotted idle nodes, grey idle edges,
 * blue TCP edges with a `triangle-cross` arrow, box fills by kind, background images for outside and inaccessible
 * nodes. Mostly plain selectors on element data (no per-element style functions) so large graphs stay cheap.
 */
import { ICON_FONT_FAMILY } from './iconFont';
import type { Palette } from './palette';

export interface StyleBlock {
  selector: string;
  style: Record<string, string | number>;
}

export interface StyleOptions {
  /** Labels smaller than this on screen (px) are not drawn: Cytoscape's min-zoomed-font-size. */
  labelMinZoomedFontSize: number;
  /**
   * Large-graph mode: no shadows, node and edge labels only on elements with the `labels` class, and arrowheads
   * only on edges with the `arrows` class (the panel adds them when zoomed in far enough to see them): Cytoscape
   * applies, measures and places every label it is given, drawn or not, draws every arrowhead however small, and
   * applies each style property with a cost that grows with the compound boxes, so the generic blocks carry as
   * few properties as the look allows. Edges with arrowheads are straight; edges without are haystack lines,
   * centre to centre under their opaque nodes, which look the same and need no endpoint geometry (the part of a
   * redraw that grows with every moved node's edges).
   */
  large: boolean;
  /** Edge width from the frames' `thickness` (traffic); off: one width for every edge, as Kiali draws them. */
  widthByTraffic?: boolean;
}

/** The opacity of what the highlight dims (the dim class here; drawnDimming.ts where the renderer draws it). */
export const DIM_OPACITY = 0.25;

export const CLASS = {
  find: 'mg-find',
  hidden: 'mg-hidden',
  highlight: 'mg-highlight',
  dim: 'mg-dim',
  /** Large-graph mode: the element shows its label. */
  labels: 'mg-labels',
  /** Large-graph mode: the edge shows its arrowheads (direction, TCP and health marks). */
  arrows: 'mg-arrows',
  /** The edge under the pointer shows its label (Kiali). */
  hover: 'mg-hover',
  /** The element the keyboard is on. */
  focus: 'mg-focus',
} as const;

export const NODE_SIZE = 25;
/** Kiali's label sizes: 13 px for nodes, 0.8 of that for edges. */
export const NODE_FONT_SIZE = 13;
export const EDGE_FONT_SIZE = 10.4;
export const NODE_LABEL_MARGIN = 3;
export const NODE_TEXT_MAX_WIDTH = 160;

/** Edge width and arrow scale of the stylesheet (the arrowheads' size follows from both). */
export const EDGE_WIDTH = 2;
export const ARROW_SCALE = 0.9;
/** Arrowheads shorter than this on screen (px) are not given in large-graph mode: a dot, not a direction. */
export const ARROW_MIN_SCREEN_PX = 3;

/**
 * The zoom from which an edge's arrowhead is at least ARROW_MIN_SCREEN_PX long. Cytoscape sizes arrows as
 * max((width × 13.37)^0.9, 29) × arrow-scale, and a vee (or triangle) is 0.3 of that long: 7.8 px at zoom 1.
 * Below it, large-graph mode draws edges without arrowheads: at 1,000 nodes fitted (zoom about 0.14) they are
 * about 1 px, and drawing them was half of Cytoscape's time drawing the edges.
 */
export function arrowZoomThreshold(): number {
  const size = Math.max(Math.pow(EDGE_WIDTH * 13.37, 0.9), 29) * ARROW_SCALE;
  return ARROW_MIN_SCREEN_PX / (0.3 * size);
}

/**
 * The zoom levels from which node and edge labels are at least `minZoomedFontSize` px on screen (below that
 * Cytoscape would not draw them anyway): large-graph mode gives labels to the elements from there on.
 */
export function labelZoomThresholds(minZoomedFontSize: number): { node: number; edge: number } {
  const min = Math.max(0, minZoomedFontSize);
  return { node: min / NODE_FONT_SIZE, edge: min / EDGE_FONT_SIZE };
}

function svgDataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** Kiali draws a "topology" picture in outside nodes: three linked dots. */
export function outsideImage(p: Palette): string {
  return svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">` +
      `<g fill="none" stroke="${p.textWeak}" stroke-width="2"><path d="M7 17 12 7 17 17Z"/></g>` +
      `<g fill="${p.textWeak}"><circle cx="12" cy="6" r="3"/><circle cx="6" cy="18" r="3"/><circle cx="18" cy="18" r="3"/></g></svg>`
  );
}

/** …and a key in inaccessible ones. */
export function inaccessibleImage(p: Palette): string {
  return svgDataUri(
    `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24">` +
      `<g fill="none" stroke="${p.textWeak}" stroke-width="2.5"><circle cx="8" cy="12" r="4"/><path d="M12 12h9M18 12v4M21 12v3"/></g></svg>`
  );
}

export function buildStylesheet(p: Palette, opts: StyleOptions): StyleBlock[] {
  const labelBase = {
    color: p.text,
    // The icon font first: its Private Use Area characters are the badges and the lock; the rest falls back.
    'font-family': `${ICON_FONT_FAMILY}, ${p.fontFamily}`,
    'text-outline-color': p.background,
    'text-outline-width': 2,
    'text-wrap': 'wrap',
    'min-zoomed-font-size': opts.labelMinZoomedFontSize,
  };
  const nodeLabel = {
    ...labelBase,
    label: 'data(label)',
    'font-size': NODE_FONT_SIZE,
    'text-valign': 'bottom',
    'text-halign': 'center',
    'text-margin-y': NODE_LABEL_MARGIN,
    'text-max-width': `${NODE_TEXT_MAX_WIDTH}px`,
  };
  const edgeLabel = { ...labelBase, label: 'data(label)', 'font-size': EDGE_FONT_SIZE, 'text-events': 'yes' };
  const large = opts.large;
  // Arrowheads in large-graph mode only on edges with the arrows class (given from the zoom where they show).
  const arrowed = (selector: string) => (large ? `${selector}.${CLASS.arrows}` : selector);
  return [
    {
      selector: 'node',
      style: large
        ? // Cytoscape's defaults already give an ellipse with a solid border; compound depth orders boxes below.
          {
            width: NODE_SIZE,
            height: NODE_SIZE,
            'background-color': p.nodeFill,
            'border-width': 1,
            'border-color': p.nodeBorder,
          }
        : {
            ...nodeLabel,
            width: NODE_SIZE,
            height: NODE_SIZE,
            shape: 'ellipse',
            'background-color': p.nodeFill,
            'border-width': 1,
            'border-style': 'solid',
            'border-color': p.nodeBorder,
            'z-index': 10,
            ghost: 'yes',
            'ghost-offset-x': 1,
            'ghost-offset-y': 1,
            'ghost-opacity': 0.3,
          },
    },
    ...(large ? [{ selector: `node.${CLASS.labels}`, style: nodeLabel }] : []),
    { selector: 'node[nodeType="app"]', style: { shape: 'round-rectangle' } },
    { selector: 'node[nodeType="service"]', style: { shape: 'round-triangle' } },
    { selector: 'node[nodeType="aggregate"]', style: { shape: 'round-pentagon' } },
    { selector: 'node[nodeType="service"][?isServiceEntry]', style: { shape: 'round-tag' } },
    // Health changes the border's colour only, at Kiali's 1 px: a width change would move the node's outline, and
    // Cytoscape recomputes every edge of a node whose outline moved (a refresh where health changes would pay that
    // at each such node). The edges carry the shape cue (their mid-arrow marks).
    { selector: 'node[healthStatus="Degraded"]', style: { 'border-color': p.degraded } },
    { selector: 'node[healthStatus="Failure"]', style: { 'border-color': p.failure } },
    { selector: 'node[?isIdle]', style: { 'border-style': 'dotted', 'border-color': p.idle } },
    { selector: 'node[?isDead]', style: { 'border-style': 'dashed' } },
    // Node Graph sources may colour their nodes.
    { selector: 'node[color][nodeType="generic"]', style: { 'border-color': 'data(color)', 'border-width': 2 } },
    {
      selector: 'node[?isOutside][^isBox]',
      style: { 'background-image': outsideImage(p), 'background-width': '70%', 'background-height': '70%' },
    },
    {
      selector: 'node[?isInaccessible][^isBox][^isServiceEntry]',
      style: { 'background-image': inaccessibleImage(p), 'background-width': '70%', 'background-height': '70%' },
    },
    {
      // Box labels (a few) are always given: they name the namespaces at every zoom.
      selector: 'node[nodeType="box"]',
      style: {
        ...(large ? nodeLabel : {}),
        shape: 'round-rectangle',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -2,
        'font-size': 12,
        'font-weight': 'bold',
        'border-color': p.boxBorder,
        'border-width': 1,
        padding: '12px',
        ...(large ? {} : { 'z-index': 1, ghost: 'no' }),
      },
    },
    {
      // Flat boxes (large graphs, flatBoxes.ts): sized by the panel, drawn under everything else.
      selector: 'node[boxW]',
      style: { width: 'data(boxW)', height: 'data(boxH)', padding: 0, 'z-compound-depth': 'bottom' },
    },
    { selector: 'node[isBox="cluster"]', style: { 'background-color': p.boxFill.cluster } },
    { selector: 'node[isBox="namespace"]', style: { 'background-color': p.boxFill.namespace } },
    { selector: 'node[isBox="app"]', style: { 'background-color': p.boxFill.app, 'font-weight': 'normal' } },
    {
      // The selection keeps the health colour of the border: a halo marks it instead.
      selector: 'node:selected',
      style: {
        'border-width': 3,
        'underlay-color': p.selected,
        'underlay-padding': 6,
        'underlay-opacity': 0.45,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'edge',
      style: {
        ...(large ? {} : edgeLabel),
        'curve-style': large ? 'haystack' : 'bezier',
        width: EDGE_WIDTH,
        'line-color': p.healthy,
        'target-arrow-color': p.healthy,
        'arrow-scale': ARROW_SCALE,
        ...(large ? {} : { 'target-arrow-shape': 'vee' }),
      },
    },
    ...(large ? [{ selector: `edge.${CLASS.labels}`, style: edgeLabel }] : []),
    ...(large
      ? [{ selector: arrowed('edge'), style: { 'curve-style': 'straight', 'target-arrow-shape': 'vee' } }]
      : []),
    {
      selector: 'edge[healthStatus="Degraded"]',
      style: { 'line-color': p.degraded, 'target-arrow-color': p.degraded, 'mid-target-arrow-color': p.degraded },
    },
    {
      selector: arrowed('edge[healthStatus="Degraded"]'),
      style: { 'mid-target-arrow-shape': 'diamond', 'mid-target-arrow-fill': 'hollow' },
    },
    {
      // Kiali draws failures solid red (dashes mean idle); a mark in the middle tells it without colour.
      selector: 'edge[healthStatus="Failure"]',
      style: { 'line-color': p.failure, 'target-arrow-color': p.failure, 'mid-target-arrow-color': p.failure },
    },
    {
      selector: arrowed('edge[healthStatus="Failure"]'),
      style: { 'mid-target-arrow-shape': 'square', 'mid-target-arrow-fill': 'filled' },
    },
    { selector: 'edge[protocol="tcp"]', style: { 'line-color': p.tcp, 'target-arrow-color': p.tcp } },
    {
      selector: arrowed('edge[protocol="tcp"]'),
      style: { 'target-arrow-shape': 'triangle-cross', 'mid-target-arrow-shape': 'none' },
    },
    {
      selector: 'edge[color][protocol=""]',
      style: { 'line-color': 'data(color)', 'target-arrow-color': 'data(color)' },
    },
    ...(opts.widthByTraffic ? [{ selector: 'edge[thickness]', style: { width: 'data(thickness)' } }] : []),
    { selector: 'edge[?dashed]', style: { 'line-style': 'dashed' } },
    {
      selector: 'edge[!hasTraffic]',
      style: { 'line-color': p.idle, 'target-arrow-color': p.idle, 'line-style': 'dotted', 'line-dash-pattern': '2 3' },
    },
    {
      // The selected edge always shows its details (in large-graph mode it may have no label style yet).
      selector: 'edge:selected',
      style: { ...(large ? edgeLabel : {}), width: 4, label: 'data(labelVerbose)', 'z-index': 20 },
    },
    {
      selector: `edge.${CLASS.hover}`,
      style: { ...edgeLabel, label: 'data(labelVerbose)', 'z-index': 20 },
    },
    {
      selector: `node.${CLASS.focus}, edge.${CLASS.focus}`,
      style: { 'overlay-color': p.selected, 'overlay-padding': 6, 'overlay-opacity': 0.35 },
    },
    {
      selector: `.${CLASS.find}`,
      style: { 'overlay-color': p.find, 'overlay-padding': 7, 'overlay-opacity': 0.3 },
    },

    { selector: `.${CLASS.dim}`, style: { opacity: DIM_OPACITY } },
    { selector: `.${CLASS.hidden}`, style: { display: 'none' } },
  ];
}
