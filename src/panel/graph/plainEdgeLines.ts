/**
 * Cytoscape's canvas renderer (3.34) draws an edge through a long chain: its underlay, its body portion (edges have no
 * cached texture, so the portion falls back to drawEdge), three label portions and its overlay. drawEdge itself reads
 * about twenty style properties, makes six closures, keys a Path2D cache with a string of the edge's points, and asks
 * for outline, underlay, arrowheads, overlay and text, each of which then finds nothing to draw. For a plain line
 * (large-graph mode's haystack edges, zoomed out: no label, arrowhead, outline, underlay, overlay, dash or gradient)
 * all it draws is one stroked segment. At 1,000 nodes and 3,000 edges that chain was 22–36 ms of every full drawing
 * of the graph (a layer for the first paint, each refresh's replacement, each expansion's redraw), and this shortcut
 * takes about 9 ms, measured in the page.
 *
 * The renderer's drawCachedElement is wrapped so that such an edge is drawn with the canvas calls drawEdge makes for
 * it: the same line join, width, cap and `rgba()` stroke colour (opacity × line opacity), one segment from the same
 * points, the cap reset to butt after. Any other element, or an edge with anything more to draw, goes through
 * Cytoscape's own method. A browser test compares the pixels with Cytoscape's own drawing.
 */
import type { Core } from 'cytoscape';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
  h: number;
}

interface Property {
  value?: unknown;
  pfValue?: number;
  strValue?: string;
}

interface DrawnElement {
  _private: {
    group: string;
    /** Cytoscape's hash of every style property the element has (new whenever one changes). */
    styleKey?: unknown;
    /** Its parsed properties; `opacity` can stand in for a moment without a new hash (drawnDimming.ts). */
    style?: Record<string, unknown>;
    rscratch: { edgeType?: string; badLine?: boolean; allpts?: number[] };
  };
  pstyle(name: string): Property;
  boundingBox(): Box;
  visible(): boolean;
}

type DrawCachedElement = (
  this: unknown,
  context: CanvasRenderingContext2D,
  ele: DrawnElement,
  pxRatio: number,
  extent?: Box,
  ...rest: unknown[]
) => unknown;

interface CanvasRendererParts {
  drawCachedElement?: DrawCachedElement;
}

/** What Cytoscape's drawEdge strokes for a plain line. */
interface PlainLine {
  width: number;
  cap: CanvasLineCap;
  stroke: string;
}

/** The arrowheads a haystack edge can draw (Cytoscape draws no source or target arrowhead on one). */
const MID_ARROWS = ['mid-target-arrow-shape', 'mid-source-arrow-shape'];
const LABELS = ['label', 'source-label', 'target-label'];
const NO_DASH: number[] = [];

/** The line Cytoscape would stroke for this haystack edge, if that line is all it would draw. */
function plainLine(ele: DrawnElement): PlainLine | undefined {
  const width = ele.pstyle('width').pfValue ?? 0;
  if (
    !(width > 0) ||
    ele.pstyle('line-style').value !== 'solid' ||
    ele.pstyle('line-fill').value !== 'solid' ||
    ele.pstyle('ghost').value !== 'no' ||
    ele.pstyle('line-outline-width').value !== 0 ||
    ele.pstyle('underlay-opacity').value !== 0 ||
    ele.pstyle('overlay-opacity').value !== 0
  ) {
    return undefined;
  }
  for (const name of MID_ARROWS) {
    if (ele.pstyle(name).value !== 'none') {
      return undefined;
    }
  }
  for (const name of LABELS) {
    if (ele.pstyle(name).strValue !== '') {
      return undefined;
    }
  }
  const color = ele.pstyle('line-color').value as number[];
  const opacity = (ele.pstyle('opacity').value as number) * (ele.pstyle('line-opacity').value as number);
  return {
    width,
    cap: ele.pstyle('line-cap').value as CanvasLineCap,
    stroke: 'rgba(' + color[0] + ',' + color[1] + ',' + color[2] + ',' + opacity + ')',
  };
}

/**
 * plainLine, kept per edge until its style or its opacity property changes: reading some fifteen properties of every
 * edge on every drawing took 12.7 ms for 3,000 edges in the page, 9.0–9.3 ms with the plans kept. The highlight's
 * dimming puts another opacity property in place while an edge is drawn, without a new style hash.
 */
function linePlans(): (ele: DrawnElement) => PlainLine | undefined {
  const plans = new WeakMap<DrawnElement, { styleKey: unknown; opacity: unknown; line: PlainLine | undefined }>();
  return (ele) => {
    const styleKey = ele._private.styleKey;
    const opacity = ele._private.style?.opacity;
    const known = plans.get(ele);
    if (styleKey != null && known?.styleKey === styleKey && known.opacity === opacity) {
      return known.line;
    }
    const line = plainLine(ele);
    plans.set(ele, { styleKey, opacity, line });
    return line;
  };
}

function intersects(a: Box, b: Box): boolean {
  return !(a.x1 > b.x2 || b.x1 > a.x2 || a.y1 > b.y2 || b.y1 > a.y2);
}

/** Installs the shortcut on a canvas renderer; does nothing where the renderer lacks the method it wraps. */
export function drawPlainEdgeLines(cy: Core): void {
  const r = (cy as unknown as { renderer?(): CanvasRendererParts | undefined }).renderer?.();
  const draw = r?.drawCachedElement;
  if (!r || typeof draw !== 'function') {
    return;
  }
  const planOf = linePlans();
  r.drawCachedElement = function (context, ele, pxRatio, extent, ...rest) {
    const p = ele._private;
    const pts = p.rscratch.allpts;
    const line =
      p.group === 'edges' && p.rscratch.edgeType === 'haystack' && !p.rscratch.badLine && pts?.length === 4
        ? planOf(ele)
        : undefined;
    if (!line || !pts) {
      return draw.call(this, context, ele, pxRatio, extent, ...rest);
    }
    // What drawCachedElement and drawEdge check before drawing.
    const bb = ele.boundingBox();
    if (bb.w === 0 || bb.h === 0 || !ele.visible() || (extent && !intersects(bb, extent)) || isNaN(pts[0])) {
      return undefined;
    }
    context.lineJoin = 'round';
    context.lineWidth = line.width;
    context.lineCap = line.cap;
    context.strokeStyle = line.stroke;
    context.setLineDash(NO_DASH);
    context.beginPath();
    context.moveTo(pts[0], pts[1]);
    context.lineTo(pts[2], pts[3]);
    context.stroke();
    context.lineCap = 'butt';
    return undefined;
  };
}
