/**
 * In large-graph mode, a refresh that restyles without moving anything keeps Cytoscape's layered bitmap on screen
 * while a new one is drawn behind it, instead of dropping it and drawing every element one by one in the next frame.
 *
 * Cytoscape's canvas renderer (3.34) draws a still graph as a few cached bitmaps ("layers", one for all elements
 * here): a redraw of 1,000 nodes and 3,000 edges costs under 1 ms with them and 50–70 ms without. Any restyled
 * element drops its layer: the next frame draws each element directly, and the layer is rebuilt (a slice per frame)
 * only once a redraw comes more than 250 ms later. A refresh whose health changes restyle a few hundred elements
 * thus cost a frame of 50–70 ms on this machine, and the next interaction's frames as much again.
 *
 * Cytoscape already knows how to replace a layer without dropping it: when it refines element textures, it queues a
 * replacement layer, draws it a slice per frame (at most about 15 ms each), and swaps it in when complete. While the
 * panel holds the layers (holdLayers), the invalidation of restyled elements' layers takes that path instead. Until
 * the swap (a few frames, plus Cytoscape's 100 ms debounce of the swap's redraw), the canvas shows the previous
 * answer's colours; the numbers, legend and drawer are already the new answer's. Where a restyled element no longer
 * fits in its layer's bounds (a longer label, say), the complete replacement is not swapped in: the layer is dropped
 * as before.
 *
 * A refresh in which a few nodes come and go takes the same path: Cytoscape drops a layer whose elements are not its
 * drawing order, and then drew every element one by one (55–70 ms at 1,000 nodes) until a new layer was complete,
 * which it built only at the next interaction. While held, the layer on screen takes the new drawing order instead,
 * and its replacement, grown to hold new elements outside it, draws them; until the swap the canvas shows the
 * previous answer's nodes.
 *
 * Where few elements changed, the replacement is a patch (layerDamage.ts): it draws only the elements that paint near
 * what changed, and when complete gives the layer on screen the tiles it drew (no swap). A fresh replacement at 1,000
 * nodes draws 4,010 elements (40–70 ms here); a refresh in which 1 % of the nodes change health draws about 1,200 again
 * (10–20 ms), after 5–10 ms of finding them. The picture it leaves is the one a fresh drawing makes, to the pixel.
 *
 * All of this needs a layer on screen. Cytoscape builds one only at a redraw well after its last drop, which a graph
 * nobody touches never gets: a graph still for a second without one gets it in idle time (layerWhenStill), so the
 * first refresh after a first paint finds a layer to keep.
 */
import type { Core } from 'cytoscape';
import { type LayeredElement, layeredTextureCache, linkToLayer } from './cyFixes';
import { type IdleDeadline, whenIdle } from './idle';
import {
  type Bounds as BoundingBox,
  type Footprint,
  footprint,
  type Line,
  LayerDamage,
  movedInOrder,
  type PixelRect,
} from './layerDamage';

interface LayerElement extends LayeredElement {
  boundingBox(): BoundingBox;
  visible(): boolean;
  isEdge?(): boolean;
}

/** The parts of an element's private state that say where it painted (Cytoscape fills them when it measures it). */
interface PaintedState {
  rscratch?: { edgeType?: string; allpts?: number[] };
  rstyle?: { srcX?: number; srcY?: number; tgtX?: number; tgtY?: number };
  /** Everything it paints; null until measured, and when a change makes it measure again. */
  bbCache?: BoundingBox | null;
  /** Body, arrows, overlay and underlay: everything but the labels. */
  overlayBounds?: BoundingBox | null;
  labelBounds?: { all?: BoundingBox | null };
}

/** A layer's bitmap: an OffscreenCanvas where the browser has one (as Cytoscape makes it), else a canvas element. */
interface LayerCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d'
  ): { reset?(): void; setTransform?(a: number, b: number, c: number, d: number, e: number, f: number): void } | null;
}

/** The drawing calls that complete a patched replacement on its layer's context. */
interface LayerContext {
  save(): void;
  restore(): void;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  drawImage(
    image: LayerCanvas,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number
  ): void;
  clearRect(x: number, y: number, w: number, h: number): void;
}

/** A layer of Cytoscape's LayeredTextureCache, the fields this module reads and writes. */
interface Layer {
  bb: BoundingBox;
  level: number;
  eles: LayerElement[];
  invalid?: boolean;
  replacement?: Layer;
  replaces?: Layer;
  canvas?: LayerCanvas;
  context?: Partial<LayerContext>;
  elesQueue?: LayerElement[];
}

type MakeLayer = (bb: BoundingBox, level: number) => Layer;

interface LayeredTextureCache {
  layersByLevel?: Record<number, Layer[] | undefined>;
  /** When Cytoscape last dropped a layer (performance.now()); it builds none until 250 ms after. */
  lastInvalidationTime?: number;
  invalidateElements(eles: LayerElement[]): void;
  updateElementsInLayers(eles: LayerElement[], update: (layer: Layer, ele: LayerElement) => void): void;
  makeLayer(bb: BoundingBox, level: number): Layer;
  queueLayer(layer: Layer, ele: LayerElement): void;
  applyLayerReplacement(layer: Layer): void;
  invalidateLayer(layer: Layer): void;
  requestRedraw(): void;
  drawEleInLayer?(layer: Layer, ele: LayerElement, level: number, pxRatio: number): void;
  renderer?: { makeOffscreenCanvas?(width: number, height: number): LayerCanvas };
}

/**
 * What changed in a layer: the elements restyled, added or moved in the drawing order (each may paint other pixels
 * now, or over other elements), and those removed from it.
 */
interface Changes {
  restyled: Set<LayerElement>;
  removed: Set<LayerElement>;
}

/** A layer dropped while held: what changed in it, and the bounds its replacement needs. */
interface Dropped extends Changes {
  bb: BoundingBox;
}

const nothingDropped = (layer: Layer): Dropped => ({ restyled: new Set(), removed: new Set(), bb: layer.bb });

/**
 * Per instance with the replacement installed: how many holds are open, and the layers restyles dropped meanwhile
 * (replaced when the last hold is released).
 */
interface HoldState {
  holds: number;
  dropped: Map<Layer, Dropped>;
  replaceDropped(): void;
}

const installed = new WeakMap<Core, HoldState>();

/** The renderer's drawing order (Cytoscape's z-sorted elements; `nondrag` are those not being dragged). */
type DrawingOrder = LayerElement[] & { nondrag?: LayerElement[] };

/**
 * A replacement drawing only the elements near what changed (on a clear bitmap, as a fresh layer would draw them),
 * and the rectangles of the bitmap (its marked tiles) that it gives the layer on screen when it is complete.
 */
interface Patch {
  /** The replacement (its `replaces` is the layer on screen). */
  layer: Layer;
  marked: PixelRect[];
  /**
   * Where each element paints: the ones it does not draw again where they did in the layer on screen (their pixels
   * stay there), the others as its drawing records them (this is the replacement's map in drawnIn).
   */
  drawn: Map<LayerElement, Measures>;
}

/** Cytoscape's limits on a layer's canvas (LayeredTextureCache's maxLayerArea and maxLayerDim). */
const MAX_LAYER_AREA = 4000 * 4000;
const MAX_LAYER_DIM = 32767;

interface PixelSize {
  width: number;
  height: number;
}

/** The bitmap of a layer with bounds `bb` at `level`, as Cytoscape's makeLayer sizes it; undefined past its limits. */
function layerPixels(bb: BoundingBox, level: number): PixelSize | undefined {
  const scale = Math.pow(2, level);
  const width = Math.ceil((bb.x2 - bb.x1) * scale);
  const height = Math.ceil((bb.y2 - bb.y1) * scale);
  const makeable = width <= MAX_LAYER_DIM && height <= MAX_LAYER_DIM && width * height <= MAX_LAYER_AREA;
  return makeable ? { width, height } : undefined;
}

/** `from` grown by the bounds of the elements `counts` takes, with the w and h Cytoscape's boxes carry. */
function grownBy(
  from: BoundingBox,
  eles: Iterable<LayerElement>,
  counts: (ele: LayerElement) => boolean = () => true
): BoundingBox & { w: number; h: number } {
  const out = { x1: from.x1, y1: from.y1, x2: from.x2, y2: from.y2, w: 0, h: 0 };
  for (const ele of eles) {
    if (counts(ele)) {
      const b = ele.boundingBox();
      out.x1 = Math.min(out.x1, b.x1);
      out.y1 = Math.min(out.y1, b.y1);
      out.x2 = Math.max(out.x2, b.x2);
      out.y2 = Math.max(out.y2, b.y2);
    }
  }
  out.w = out.x2 - out.x1;
  out.h = out.y2 - out.y1;
  return out;
}

/** `bb` grown to hold the drawn elements, if a layer that size can be made. */
function grownToHold(bb: BoundingBox, eles: LayerElement[], level: number): BoundingBox | undefined {
  const out = grownBy(bb, eles, (ele) => ele.visible());
  return layerPixels(out, level) ? out : undefined;
}

/** The level of layers Cytoscape draws at this zoom (as its getLayers computes it), if it draws from layers. */
function shownLevel(cy: Core, pxRatio: number): number | undefined {
  const zoom = cy.zoom();
  const level = Math.max(-4, Math.ceil(Math.log2(zoom * pxRatio)));
  return zoom >= 3.99 || level > 2 ? undefined : level;
}

/** Whether Cytoscape draws from the layer (it is in its level's list). */
function isShown(cache: LayeredTextureCache, layer: Layer): boolean {
  return cache.layersByLevel?.[layer.level]?.includes(layer) ?? false;
}

function layerCacheOf(cy: Core): LayeredTextureCache | undefined {
  const c = layeredTextureCache(cy) as Partial<LayeredTextureCache> | undefined;
  return c &&
    typeof c.invalidateElements === 'function' &&
    typeof c.updateElementsInLayers === 'function' &&
    typeof c.makeLayer === 'function' &&
    typeof c.queueLayer === 'function' &&
    typeof c.applyLayerReplacement === 'function' &&
    typeof c.invalidateLayer === 'function' &&
    typeof c.requestRedraw === 'function'
    ? (c as LayeredTextureCache)
    : undefined;
}

/** Whether the layer can hold the element as drawn now (hidden elements are not drawn in layers). */
function fits(layer: Layer, ele: LayerElement): boolean {
  if (!ele.visible()) {
    return true;
  }
  const outer = layer.bb;
  const inner = ele.boundingBox();
  return inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
}

/**
 * A bitmap for the next layer of its size, ours or Cytoscape's: the one the last swap replaced, or one made in idle
 * time. A new canvas of a layer's size (1,577 × 1,361 pixels at 1,000 nodes, 8.6 MB) costs 6–8 ms on its first drawing
 * call in a quiet page (17–53 ms in profiled refreshes), when the browser allocates its memory; one in hand is reset in
 * under 1 ms. At most one is kept per instance.
 */
class SpareCanvas {
  private canvas?: LayerCanvas;

  keep(canvas: LayerCanvas | undefined): void {
    this.canvas = canvas;
  }

  /**
   * Makes the spare for the next replacement of `layer` now, if there is none of its size: a new bitmap, and a first
   * call on its context, which is when the browser allocates it (7–80 ms at 1,000 nodes, paid inside the first
   * refresh that replaces the layer otherwise). The spare is kept from the first swap on anyway. Whether it made one.
   */
  prepareFor(cache: LayeredTextureCache, layer: Layer): boolean {
    return !!layer.canvas && this.prepare(cache, layer.canvas);
  }

  /** Makes a spare of that size now, allocated, if there is none that size. Whether it made one. */
  prepare(cache: LayeredTextureCache, { width, height }: PixelSize): boolean {
    const make = cache.renderer?.makeOffscreenCanvas;
    if (!make || (this.canvas?.width === width && this.canvas.height === height)) {
      return false;
    }
    const canvas = make.call(cache.renderer, width, height);
    // Not reset(), which the browser answers without allocating; any other call allocates (about 30 ms here).
    canvas.getContext('2d')?.setTransform?.(1, 0, 0, 1, 0, 0);
    this.canvas = canvas;
    return true;
  }

  /**
   * A new layer from Cytoscape's `make` (its makeLayer), on the spare bitmap (cleared, its state reset) when it has
   * the size that layer needs.
   */
  makeLayer(cache: LayeredTextureCache, bb: BoundingBox, level: number, make: MakeLayer): Layer {
    const spare = this.canvas;
    const renderer = cache.renderer;
    const makeCanvas = renderer?.makeOffscreenCanvas;
    const ctx = spare?.getContext('2d');
    const size = layerPixels(bb, level);
    if (
      !spare ||
      !renderer ||
      !makeCanvas ||
      typeof ctx?.reset !== 'function' ||
      spare.width !== size?.width ||
      spare.height !== size.height
    ) {
      return make(bb, level);
    }
    this.canvas = undefined;
    // As new: no drawing, default state (Cytoscape's makeLayer then sets its transform).
    ctx.reset();
    renderer.makeOffscreenCanvas = () => spare;
    try {
      return make(bb, level);
    } finally {
      renderer.makeOffscreenCanvas = makeCanvas;
    }
  }
}

/**
 * Queues a fresh replacement of `layer` holding all its elements. A replacement already under way is superseded:
 * the elements it has drawn were drawn with the old styles (Cytoscape's queue drops a superseded replacement).
 */
function replace(cache: LayeredTextureCache, layer: Layer, bb: BoundingBox): Layer {
  const next = cache.makeLayer(bb, layer.level);
  next.replaces = layer;
  next.eles = layer.eles;
  layer.replacement = next;
  for (const ele of next.eles) {
    cache.queueLayer(next, ele);
  }
  return next;
}

/** A patched replacement draws again at most this share of its layer's elements; past it, a fresh one is cheaper. */
const MAX_PATCHED_SHARE = 0.6;
/** Past this share of a layer's elements changed, the patch would draw most of them: not worth measuring. */
const MAX_CHANGED_SHARE = 0.1;

function sameBounds(a: BoundingBox, b: BoundingBox): boolean {
  return a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;
}

const copyBox = (b: BoundingBox): BoundingBox => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });

/**
 * An element's measures as Cytoscape left them when it drew the element. Its bounds, its edge's unlabelled and label
 * bounds and its line's points are objects that Cytoscape replaces when it measures again (it drops them first), never
 * changes: kept as they are. Its arrows' tips it changes in place: copied. Read into a footprint only when a patch
 * needs it, since every element drawn in a layer is recorded (4,010 at a first paint of 1,000 nodes).
 */
interface Measures {
  all: BoundingBox;
  edge: boolean;
  type?: string;
  pts?: number[];
  body?: BoundingBox | null;
  label?: BoundingBox | null;
  tips?: [number, number, number, number];
  footprint?: Footprint;
}

/** An element's measures now (call right after Cytoscape measured it, as drawing does). */
function measuresOf(ele: LayerElement): Measures {
  const p = (ele as { _private?: PaintedState })._private;
  const all = p?.bbCache ?? ele.boundingBox();
  if (!ele.isEdge?.()) {
    return { all, edge: false };
  }
  const rs = p?.rstyle;
  return {
    all,
    edge: true,
    type: p?.rscratch?.edgeType,
    pts: p?.rscratch?.allpts,
    body: p?.overlayBounds,
    label: p?.labelBounds?.all,
    tips: rs && [rs.srcX ?? NaN, rs.srcY ?? NaN, rs.tgtX ?? NaN, rs.tgtY ?? NaN],
  };
}

/**
 * Whether two records of an element's measures are the same (Cytoscape replaces a measure's object when it measures
 * again, so the same objects mean the same measures). Most elements a patch draws again did not change: they only
 * cross a changed tile. Keeping their record keeps the footprint it has worked out.
 */
function sameMeasures(was: Measures, now: Measures): boolean {
  return (
    was.all === now.all &&
    was.edge === now.edge &&
    was.type === now.type &&
    was.pts === now.pts &&
    was.body === now.body &&
    was.label === now.label &&
    sameTips(was.tips, now.tips)
  );
}

/** Arrow tips copied from Cytoscape's numbers (NaN where unset), compared by value. */
function sameTips(a: Measures['tips'], b: Measures['tips']): boolean {
  if (a === undefined || b === undefined) {
    return a === b;
  }
  return Object.is(a[0], b[0]) && Object.is(a[1], b[1]) && Object.is(a[2], b[2]) && Object.is(a[3], b[3]);
}

/**
 * Where an element painted, from its measures: a straight edge's lines (from its line's ends, and from its arrows'
 * tips, with the farthest its unlabelled bounds reach past them as radius) and its labels' box; any other element's
 * bounds.
 */
function footprintOf(m: Measures): Footprint {
  if (!m.footprint) {
    m.footprint = edgeFootprint(m) ?? footprint([copyBox(m.all)]);
  }
  return m.footprint;
}

function edgeFootprint(m: Measures): Footprint | undefined {
  const { pts, body } = m;
  if (!m.edge || (m.type !== 'straight' && m.type !== 'haystack') || pts?.length !== 4 || !body) {
    return undefined;
  }
  const line = { x1: pts[0], y1: pts[1], x2: pts[2], y2: pts[3], radius: 0 };
  let x1 = Math.min(line.x1, line.x2);
  let y1 = Math.min(line.y1, line.y2);
  let x2 = Math.max(line.x1, line.x2);
  let y2 = Math.max(line.y1, line.y2);
  const lines: Line[] = [line];
  // Haystack edges have no arrows: their tips are unset.
  const [sx, sy, tx, ty] = m.tips ?? [NaN, NaN, NaN, NaN];
  if (Number.isFinite(sx + sy + tx + ty)) {
    lines.push({ x1: sx, y1: sy, x2: tx, y2: ty, radius: 0 });
    x1 = Math.min(x1, sx, tx);
    y1 = Math.min(y1, sy, ty);
    x2 = Math.max(x2, sx, tx);
    y2 = Math.max(y2, sy, ty);
  }
  const radius = Math.max(x1 - body.x1, y1 - body.y1, body.x2 - x2, body.y2 - y2);
  if (!Number.isFinite(radius + x1 + y1 + x2 + y2) || radius < 0) {
    return undefined;
  }
  for (const l of lines) {
    l.radius = radius;
  }
  const label = m.label;
  // An edge without a label has empty (not a number) label bounds.
  return footprint(label && label.x2 >= label.x1 && label.y2 >= label.y1 ? [copyBox(label)] : [], lines);
}

/**
 * Where few elements changed, queues a replacement of `layer` that draws only the elements painting near the changes
 * (the tiles where a changed element painted before or paints now), a slice per frame as a fresh one would.
 *
 * Returns the patch; null when no pixel of the layer can have changed (it stays as it is); undefined when a patch
 * cannot be made (the bounds grow, the layer is not complete or its drawing is unknown) or would draw most elements
 * anyway.
 *
 * @param drawn where each element painted when it was drawn in `layer`
 */
function patch(
  cache: LayeredTextureCache,
  layer: Layer,
  bb: BoundingBox,
  changes: Changes,
  drawn: ReadonlyMap<LayerElement, Measures> | undefined
): Patch | null | undefined {
  const source = layer.canvas;
  const c = layer.context;
  const drawable = !!(c?.save && c.restore && c.setTransform && c.drawImage && c.clearRect);
  if (!drawn || !source || !drawable || !sameBounds(bb, layer.bb) || (layer.elesQueue?.length ?? 0) > 0) {
    return undefined;
  }
  if (changes.restyled.size + changes.removed.size > MAX_CHANGED_SHARE * layer.eles.length) {
    return undefined;
  }
  const scale = Math.pow(2, layer.level);
  const damage = new LayerDamage(layer.bb, scale, source.width, source.height);
  for (const ele of changes.removed) {
    const was = drawn.get(ele);
    if (was) {
      damage.add(footprintOf(was));
    }
  }
  const now = new Map<LayerElement, Measures>();
  for (const ele of changes.restyled) {
    const was = drawn.get(ele);
    if (was) {
      damage.add(footprintOf(was));
    }
    if (ele.visible()) {
      ele.boundingBox();
      const m = measuresOf(ele);
      now.set(ele, m);
      damage.add(footprintOf(m));
    }
  }
  if (damage.empty) {
    return null;
  }
  // The others paint where they did.
  const redrawn: LayerElement[] = [];
  for (const ele of layer.eles) {
    const m = now.get(ele) ?? drawn.get(ele);
    if (!m && ele.visible()) {
      return undefined;
    }
    if (m && damage.touches(footprintOf(m))) {
      redrawn.push(ele);
    }
  }
  if (redrawn.length > MAX_PATCHED_SHARE * layer.eles.length) {
    return undefined;
  }
  const next = cache.makeLayer(bb, layer.level);
  next.replaces = layer;
  next.eles = layer.eles;
  layer.replacement = next;
  for (const ele of redrawn) {
    cache.queueLayer(next, ele);
  }
  const kept = new Map(drawn);
  changes.removed.forEach((ele) => kept.delete(ele));
  return { layer: next, marked: damage.rects(true), drawn: kept };
}

/**
 * Completes a patched replacement in place: the layer on screen takes its marked tiles, whose pixels the patch drew
 * afresh; its other pixels are already what a fresh drawing makes. A refresh in which 1 % of the nodes change health
 * marks under a tenth of the bitmap. Copying the rest into the patch instead, then swapping it in, took 4–6 ms, and the
 * first screen drawing after the swap 7–11 ms (Chromium rasterises a bitmap's drawing calls when it is first drawn
 * from); in place, 6–9 ms and under 1 ms. Copied in whole pixels without scaling or clipping (the elements themselves
 * were drawn unclipped: Chromium's rasteriser rounds some colours of a clipped drawing one level apart from an
 * unclipped one).
 */
function completePatch(p: Patch, onScreen: Layer): void {
  const ctx = onScreen.context as LayerContext;
  const source = p.layer.canvas as LayerCanvas;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  for (const r of p.marked) {
    ctx.clearRect(r.x, r.y, r.w, r.h);
    ctx.drawImage(source, r.x, r.y, r.w, r.h, r.x, r.y, r.w, r.h);
  }
  ctx.restore();
}

/** Footprints worked out per idle slice between looks at the deadline. */
const FOOTPRINTS_PER_LOOK = 64;
/** Idle periods a layer may still be drawing in before it is left unprepared (about 10 s of an idle page). */
const MAX_WAITS = 200;

/**
 * Once Cytoscape has drawn a layer of its own (at the first redraw after a first paint, a zoom, a dropped layer), does
 * in the page's idle time what the layer's first replacement would otherwise do inside a refresh (at 1,000 nodes, a
 * task of 90–140 ms in the first refresh that changed any health or topology): the spare bitmap
 * (SpareCanvas.prepareFor), then the footprint of every element drawn in it, a slice per idle period. Not for the
 * replacements themselves: the swap leaves a spare, and after a fresh replacement (many elements changed) the next
 * change is as likely to be large again, which needs no footprints. Returns what schedules that for a layer being
 * drawn; only a layer still on screen when the page is idle is prepared.
 */
function readinessFor(
  cy: Core,
  cache: LayeredTextureCache,
  spare: SpareCanvas,
  drawnIn: WeakMap<Layer, Map<LayerElement, Measures>>
): (layer: Layer) => void {
  let waiting: Layer | undefined;
  let waits = 0;
  let measures: Iterator<Measures> | undefined;
  let scheduled = false;
  const work = (deadline: IdleDeadline) => {
    scheduled = false;
    const layer = waiting;
    const drawn = layer && drawnIn.get(layer);
    if (!layer || !drawn || cy.destroyed() || layer.invalid) {
      waiting = undefined;
      return;
    }
    // Still being drawn (Cytoscape draws a layer it builds lazily a slice per frame): look again at the next idle period.
    if ((layer.elesQueue?.length ?? 0) > 0) {
      if (++waits < MAX_WAITS) {
        schedule();
      } else {
        waiting = undefined;
      }
      return;
    }
    if (!isShown(cache, layer)) {
      waiting = undefined;
      return;
    }
    if (!measures) {
      measures = drawn.values();
      // The allocation is a task's worth: the footprints come in the next idle periods.
      if (spare.prepareFor(cache, layer)) {
        schedule();
        return;
      }
    }
    for (let n = 1; ; n++) {
      const next = measures.next();
      if (next.done) {
        waiting = undefined;
        return;
      }
      footprintOf(next.value);
      if (n % FOOTPRINTS_PER_LOOK === 0 && deadline.timeRemaining() < 1) {
        schedule();
        return;
      }
    }
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      whenIdle(work);
    }
  };
  return (layer) => {
    if (waiting !== layer) {
      waiting = layer;
      waits = 0;
      measures = undefined;
    }
    schedule();
  };
}

/** Cytoscape's wait after it drops a layer before it builds layers again (its invalidThreshold), ms. */
const REBUILD_WAIT_MS = 250;
/** How long a graph is not redrawn before it counts as still, ms. */
const STILL_MS = 1000;

/** The renderer's parts that say what Cytoscape would draw now, and at which pixel ratio. */
interface DrawingRenderer {
  getCachedZSortedEles?(): DrawingOrder;
  getPixelRatio?(): number;
}

const NO_BOUNDS: BoundingBox = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };

/**
 * The bitmap of the layer Cytoscape's getLayers would make for `eles` at `level` (one layer, of all their bounds, hidden
 * elements' too, as getLayers measures them); undefined where it would make none.
 */
function layerSizeFor(eles: readonly LayerElement[], level: number): PixelSize | undefined {
  const size = layerPixels(grownBy(NO_BOUNDS, eles), level);
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

/**
 * A still graph gets its layer in idle time. Cytoscape builds the layer of a zoom level only at a redraw more than
 * 250 ms after it last dropped one, and the first paint's later steps drop the first; a graph nobody touches is not
 * redrawn. So a panel left alone after its first paint had no layer: every redraw drew each element one by one, and the
 * first refresh that restyled or changed the topology built the layer inside its own frame (at 1,000 nodes a task of
 * 77 ms, 53 of them the bitmap's allocation). Once the graph has not been redrawn for a second (not while a person
 * works it: expanding one namespace after another drops the layer each time), the page is idle, the graph unheld and
 * the shown level without a layer: its bitmap is allocated in an idle period (the spare), then a redraw is asked for,
 * in which Cytoscape makes its layer on that bitmap and queues its elements (drawn a slice per frame, as it does after
 * a zoom). Asked once per drop: a layer Cytoscape cannot make does not bring redraws forever. Returns what to call
 * after each redraw.
 */
function layerWhenStill(
  cy: Core,
  cache: LayeredTextureCache,
  renderer: DrawingRenderer,
  spare: SpareCanvas,
  held: () => boolean
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The drop a redraw was asked after (Cytoscape's lastInvalidationTime then).
  let askedAfter: number | undefined;
  const look = () => {
    if (cy.destroyed()) {
      return;
    }
    const order = renderer.getCachedZSortedEles?.();
    const level = shownLevel(cy, renderer.getPixelRatio?.() ?? 1);
    if (!order || level === undefined || (cache.layersByLevel?.[level]?.length ?? 0) > 0) {
      return;
    }
    const dropped = cache.lastInvalidationTime ?? 0;
    if (askedAfter === dropped) {
      return;
    }
    if (held() || performance.now() - dropped <= REBUILD_WAIT_MS) {
      // Cytoscape would not build it now.
      redrawn();
      return;
    }
    const size = layerSizeFor(order.nondrag ?? order, level);
    if (!size) {
      return;
    }
    // The allocation is an idle period's work: the redraw comes in the next one.
    if (spare.prepare(cache, size)) {
      whenIdle(look);
      return;
    }
    askedAfter = dropped;
    cache.requestRedraw();
  };
  const redrawn = () => {
    clearTimeout(timer);
    timer = setTimeout(() => whenIdle(look), STILL_MS);
  };
  return redrawn;
}

/** Installs the replacement path on a canvas renderer; does nothing where the renderer lacks the parts it expects. */
export function installLayerReplacement(cy: Core): void {
  const cache = layerCacheOf(cy);
  if (!cache || installed.has(cy)) {
    return;
  }
  // Our replacements, each with the elements restyled since the layer it replaces was drawn: only those can have
  // changed bounds (any change of an element's bounds reaches invalidateElements, so one made after the hold drops
  // the layer and its replacement). Measuring every element at the swap cost 8 ms at 4,000 elements.
  const changesIn = new WeakMap<Layer, Changes>();
  const patches = new WeakMap<Layer, Patch>();
  // Per layer, where each element painted when drawn in it: where its old pixels are, for a patch.
  const drawnIn = new WeakMap<Layer, Map<LayerElement, Measures>>();
  const spare = new SpareCanvas();
  const prepareWhenIdle = readinessFor(cy, cache, spare, drawnIn);
  // Every new layer, ours or Cytoscape's, takes the spare bitmap when it has the layer's size.
  const makeLayer = cache.makeLayer;
  const make: MakeLayer = (bb, level) => makeLayer.call(cache, bb, level);
  cache.makeLayer = (bb, level) => spare.makeLayer(cache, bb, level, make);
  const drawEle = cache.drawEleInLayer;
  if (drawEle) {
    cache.drawEleInLayer = function (layer, ele, level, pxRatio) {
      drawEle.call(this, layer, ele, level, pxRatio);
      let drawn = drawnIn.get(layer);
      if (!drawn) {
        drawn = new Map();
        drawnIn.set(layer, drawn);
        // A layer Cytoscape built (not a replacement): its first replacement would pay for what is not ready.
        if (!layer.replaces) {
          prepareWhenIdle(layer);
        }
      }
      const was = drawn.get(ele);
      const now = measuresOf(ele);
      if (!was || !sameMeasures(was, now)) {
        drawn.set(ele, now);
      }
    };
  }
  /** Queues a patch of `layer` if one can be made, else a fresh replacement (nothing when nothing drawn changed). */
  const replaceLayer = (layer: Layer, dropped: Dropped): void => {
    const patched = patch(cache, layer, dropped.bb, dropped, drawnIn.get(layer));
    if (patched === undefined) {
      changesIn.set(replace(cache, layer, dropped.bb), dropped);
      return;
    }
    if (!patched) {
      return;
    }
    changesIn.set(patched.layer, dropped);
    patches.set(patched.layer, patched);
    drawnIn.set(patched.layer, patched.drawn);
    if (!patched.layer.elesQueue?.length) {
      // Only removed elements' pixels changed: complete at once, the layer on screen taking its tiles cleared
      // (Cytoscape completes a replacement when its queue empties, and this one has nothing queued).
      cache.applyLayerReplacement(patched.layer);
    }
  };
  const renderer = (cy as unknown as { renderer(): DrawingRenderer }).renderer();
  /**
   * Elements added or removed while held: the layer on screen takes the new drawing order, so Cytoscape keeps drawing
   * it (it drops a layer whose elements are not the drawing order's) until its replacement, drawn with the new
   * elements, is swapped in; the replacement grows to hold new elements outside the layer. Meanwhile the canvas
   * shows the previous answer's elements. Where that cannot be (more than one layer, an element being dragged, a
   * layer too large to make), Cytoscape drops the layer as before.
   */
  const takeNewOrder = () => {
    const order = renderer.getCachedZSortedEles?.();
    const level = shownLevel(cy, renderer.getPixelRatio?.() ?? 1);
    const layers = level === undefined ? undefined : cache.layersByLevel?.[level];
    if (!order || level === undefined || layers?.length !== 1 || (order.nondrag ?? order).length !== order.length) {
      return;
    }
    const layer = layers[0];
    if (layer.invalid || (layer.eles.length === order.length && layer.eles.every((e, i) => e === order[i]))) {
      return;
    }
    const known = new Set(layer.eles);
    const added = order.filter((e) => !known.has(e));
    const dropped = state.dropped.get(layer) ?? nothingDropped(layer);
    added.forEach((e) => dropped.restyled.add(e));
    const bb = grownToHold(layer.bb, [...dropped.restyled], level);
    if (!bb) {
      return;
    }
    const inOrder = new Set(order);
    const rank = new Map<LayerElement, number>();
    for (const e of layer.eles) {
      if (inOrder.has(e)) {
        rank.set(e, rank.size);
      } else {
        dropped.removed.add(e);
      }
    }
    const kept = order.filter((e) => rank.has(e));
    for (const i of movedInOrder(kept.map((e) => rank.get(e) as number))) {
      dropped.restyled.add(kept[i]);
    }
    state.dropped.set(layer, { ...dropped, bb });
    layer.eles = order.slice();
    linkToLayer(added, layer);
  };
  const state: HoldState = {
    holds: 0,
    dropped: new Map(),
    replaceDropped() {
      takeNewOrder();
      for (const [layer, dropped] of state.dropped) {
        if (!layer.invalid) {
          // A replacement under way is superseded: the new one must check (and a patch draw) what both changed.
          const earlier = layer.replacement && changesIn.get(layer.replacement);
          earlier?.restyled.forEach((ele) => dropped.restyled.add(ele));
          earlier?.removed.forEach((ele) => dropped.removed.add(ele));
          replaceLayer(layer, dropped);
        }
      }
      state.dropped.clear();
    },
  };
  installed.set(cy, state);
  cy.on(
    'render',
    layerWhenStill(cy, cache, renderer, spare, () => state.holds > 0)
  );
  const invalidate = cache.invalidateElements;
  cache.invalidateElements = function (eles) {
    if (state.holds === 0 || eles.length === 0) {
      return invalidate.call(this, eles);
    }
    cache.updateElementsInLayers(eles, (layer, ele) => {
      const dropped = state.dropped.get(layer) ?? nothingDropped(layer);
      state.dropped.set(layer, dropped);
      dropped.restyled.add(ele);
    });
  };
  // Checked when the replacement is complete, not when it is queued: by then Cytoscape has computed the elements'
  // new bounds for drawing them (at the queueing they would be computed only for this check).
  const apply = cache.applyLayerReplacement;
  cache.applyLayerReplacement = function (layer) {
    const old = layer.replaces;
    const restyled = changesIn.get(layer)?.restyled;
    if (old && restyled && ![...restyled].every((ele) => fits(layer, ele))) {
      layer.replaces = undefined;
      cache.invalidateLayer(old);
      cache.requestRedraw();
      return;
    }
    const patched = patches.get(layer);
    if (patched) {
      patches.delete(layer);
      // As Cytoscape declines a swap: nothing to give a layer that is gone.
      if (old && !old.invalid && isShown(cache, old)) {
        completePatch(patched, old);
        drawnIn.set(old, patched.drawn);
        old.replacement = undefined;
        spare.keep(layer.canvas);
        // Cytoscape asks for one after a queue empties; a patch with nothing queued completes outside its queue.
        cache.requestRedraw();
      }
      layer.replaces = undefined;
      return;
    }
    apply.call(this, layer);
    // Swapped in (Cytoscape declines a swap whose replaced layer is gone): nothing draws from the replaced one now.
    if (old && restyled && isShown(cache, layer)) {
      spare.keep(old.canvas);
    }
  };
}

/**
 * From now until the returned release, the layers of restyled elements stay on screen; when the last hold is
 * released, each is replaced behind the scenes (one replacement per layer however many restyles came), and a layer
 * whose elements came or went takes the new drawing order. For writes in one task or over several (with a batch open
 * in between, so no frame comes).
 */
export function holdLayers(cy: Core): () => void {
  const state = installed.get(cy);
  if (!state) {
    return () => undefined;
  }
  state.holds++;
  let released = false;
  return () => {
    if (released) {
      return;
    }
    released = true;
    state.holds--;
    if (state.holds === 0) {
      state.replaceDropped();
    }
  };
}
