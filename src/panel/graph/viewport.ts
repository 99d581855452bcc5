/**
 * The initial "fit" viewport computed from the preset leaf positions, without Cytoscape. cy.fit() asks Cytoscape
 * for the bounding box of every element, which styles and measures all of them at once; given zoom and pan at
 * creation instead, Cytoscape does that work once, in its first frame. The box extent is estimated from the
 * stylesheet's sizes (node size, box padding and label), which is all a fit needs.
 */
import type { Point } from './fastLayout';
import { BOX_LABEL, BOX_PAD, LEAF_HALF } from './flatBoxes';

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

export interface FitInput {
  /** Leaf positions (model coordinates). */
  positions: ReadonlyMap<string, Point>;
  /** How many boxes enclose the deepest leaf (0 without boxes). */
  boxDepth: number;
  width: number;
  height: number;
  padding: number;
  minZoom: number;
  maxZoom: number;
}

/** Cytoscape's fit arithmetic (zoom to the padded extent, centred) over the estimated extent; undefined if empty. */
export function fitViewport(input: FitInput): Viewport | undefined {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of input.positions.values()) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (!Number.isFinite(x1) || input.width <= 0 || input.height <= 0) {
    return undefined;
  }
  const side = LEAF_HALF + input.boxDepth * BOX_PAD;
  x1 -= side;
  x2 += side;
  y1 -= side + input.boxDepth * BOX_LABEL;
  y2 += side;
  const w = x2 - x1;
  const h = y2 - y1;
  const zoomFor = (avail: number, extent: number) => (extent > 0 ? avail / extent : Infinity);
  let zoom = Math.min(zoomFor(input.width - 2 * input.padding, w), zoomFor(input.height - 2 * input.padding, h));
  zoom = Math.max(input.minZoom, Math.min(input.maxZoom, Number.isFinite(zoom) ? zoom : 1));
  return {
    zoom,
    pan: { x: (input.width - zoom * (x1 + x2)) / 2, y: (input.height - zoom * (y1 + y2)) / 2 },
  };
}
