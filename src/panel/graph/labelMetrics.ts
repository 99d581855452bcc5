/**
 * Label sizes for layouts that leave room for labels (dagre, grid, concentric, breadth-first with boxes): the
 * text is measured with a 2D canvas in the label font when one is available, else estimated from its length.
 * Sizes are in model units at zoom 1, the units of the stylesheet's font sizes.
 */
import { NODE_FONT_SIZE, NODE_LABEL_MARGIN, NODE_SIZE, NODE_TEXT_MAX_WIDTH } from './style';
import type { LeafBlock } from './fastLayout';

/** Average glyph width of a sans-serif font, in ems (used when nothing can measure). */
const EM_ESTIMATE = 0.58;
const LINE_HEIGHT = 1.2;

let ctx: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();

function context(): CanvasRenderingContext2D | null {
  if (ctx === undefined) {
    try {
      ctx = typeof document !== 'undefined' ? (document.createElement('canvas').getContext('2d') ?? null) : null;
    } catch {
      ctx = null;
    }
  }
  return ctx;
}

/** Width of one line of text at `fontSize` px. */
export function textWidth(text: string, fontSize: number, fontFamily = 'sans-serif'): number {
  const key = `${fontSize}|${fontFamily}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    const c = context();
    if (c && typeof c.measureText === 'function') {
      c.font = `${fontSize}px ${fontFamily}`;
      w = c.measureText(text).width;
    }
    if (w === undefined || !Number.isFinite(w) || w <= 0) {
      w = text.length * fontSize * EM_ESTIMATE;
    }
    if (widths.size > 20000) {
      widths.clear();
    }
    widths.set(key, w);
  }
  return w;
}

/** The extent of a node label below its node (lines are wrapped at the stylesheet's maximum width). */
export function labelSize(label: string | undefined, fontSize = NODE_FONT_SIZE): { w: number; h: number } {
  if (!label) {
    return { w: 0, h: 0 };
  }
  let w = 0;
  let lines = 0;
  for (const line of label.split('\n')) {
    const lw = textWidth(line, fontSize);
    w = Math.max(w, Math.min(lw, NODE_TEXT_MAX_WIDTH));
    lines += Math.max(1, Math.ceil(lw / NODE_TEXT_MAX_WIDTH));
  }
  return { w, h: lines * fontSize * LINE_HEIGHT };
}

/**
 * A leaf as a layout places it: the node at the top, its label below, and a gap around both so neighbours'
 * labels never meet. `gap` is added on every side.
 */
export function leafBlock(label: string | undefined, gap = 6): LeafBlock {
  const l = labelSize(label);
  const w = Math.max(NODE_SIZE, l.w) + 2 * gap;
  const h = NODE_SIZE + (l.h > 0 ? NODE_LABEL_MARGIN + l.h : 0) + 2 * gap;
  return { w, h, node: { x: w / 2, y: gap + NODE_SIZE / 2 } };
}
