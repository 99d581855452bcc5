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
 */
import type { Core } from 'cytoscape';
import { type LayeredElement, layeredTextureCache, linkToLayer } from './cyFixes';

interface BoundingBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface LayerElement extends LayeredElement {
  boundingBox(): BoundingBox;
  visible(): boolean;
}

/** A layer's bitmap: an OffscreenCanvas where the browser has one (as Cytoscape makes it), else a canvas element. */
interface LayerCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { reset?(): void } | null;
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
}

interface LayeredTextureCache {
  layersByLevel?: Record<number, Layer[] | undefined>;
  invalidateElements(eles: LayerElement[]): void;
  updateElementsInLayers(eles: LayerElement[], update: (layer: Layer, ele: LayerElement) => void): void;
  makeLayer(bb: BoundingBox, level: number): Layer;
  queueLayer(layer: Layer, ele: LayerElement): void;
  applyLayerReplacement(layer: Layer): void;
  invalidateLayer(layer: Layer): void;
  requestRedraw(): void;
  renderer?: { makeOffscreenCanvas?(width: number, height: number): LayerCanvas };
}

/** A layer dropped while held: the elements restyled (or added) in it, and the bounds its replacement needs. */
interface Dropped {
  restyled: Set<LayerElement>;
  bb: BoundingBox;
}

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

/** Cytoscape's limits on a layer's canvas (LayeredTextureCache's maxLayerArea and maxLayerDim). */
const MAX_LAYER_AREA = 4000 * 4000;
const MAX_LAYER_DIM = 32767;

/** `bb` grown to hold the elements (with the w and h Cytoscape's boxes carry), if a layer that size can be made. */
function grownToHold(bb: BoundingBox, eles: LayerElement[], level: number): BoundingBox | undefined {
  const out = { x1: bb.x1, y1: bb.y1, x2: bb.x2, y2: bb.y2, w: 0, h: 0 };
  for (const ele of eles) {
    if (ele.visible()) {
      const b = ele.boundingBox();
      out.x1 = Math.min(out.x1, b.x1);
      out.y1 = Math.min(out.y1, b.y1);
      out.x2 = Math.max(out.x2, b.x2);
      out.y2 = Math.max(out.y2, b.y2);
    }
  }
  out.w = out.x2 - out.x1;
  out.h = out.y2 - out.y1;
  const scale = Math.pow(2, level);
  const w = Math.ceil(out.w * scale);
  const h = Math.ceil(out.h * scale);
  return w <= MAX_LAYER_DIM && h <= MAX_LAYER_DIM && w * h <= MAX_LAYER_AREA ? out : undefined;
}

/** The level of layers Cytoscape draws at this zoom (as its getLayers computes it), if it draws from layers. */
function shownLevel(cy: Core, pxRatio: number): number | undefined {
  const zoom = cy.zoom();
  const level = Math.max(-4, Math.ceil(Math.log2(zoom * pxRatio)));
  return zoom >= 3.99 || level > 2 ? undefined : level;
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
 * The bitmap of the layer the last swap replaced, kept for the next replacement of the same size. A new canvas of a
 * layer's size (1,577 × 1,361 pixels at 1,000 nodes, 8.6 MB) costs 6–8 ms on its first drawing call in a quiet page
 * (17 ms in a profiled refresh), when the browser allocates its memory; one in hand is reset in under 1 ms. At most
 * one is kept per instance.
 */
class SpareCanvas {
  private canvas?: LayerCanvas;

  keep(canvas: LayerCanvas | undefined): void {
    this.canvas = canvas;
  }

  /** cache.makeLayer, on the spare bitmap (cleared, its state reset) when it has the size that layer needs. */
  makeLayer(cache: LayeredTextureCache, bb: BoundingBox, level: number): Layer {
    const scale = Math.pow(2, level);
    const spare = this.canvas;
    const renderer = cache.renderer;
    const make = renderer?.makeOffscreenCanvas;
    const ctx = spare?.getContext('2d');
    if (
      !spare ||
      !renderer ||
      !make ||
      typeof ctx?.reset !== 'function' ||
      spare.width !== Math.ceil((bb.x2 - bb.x1) * scale) ||
      spare.height !== Math.ceil((bb.y2 - bb.y1) * scale)
    ) {
      return cache.makeLayer(bb, level);
    }
    this.canvas = undefined;
    // As new: no drawing, default state (Cytoscape's makeLayer then sets its transform).
    ctx.reset();
    renderer.makeOffscreenCanvas = () => spare;
    try {
      return cache.makeLayer(bb, level);
    } finally {
      renderer.makeOffscreenCanvas = make;
    }
  }
}

/**
 * Queues a fresh replacement of `layer` holding all its elements. A replacement already under way is superseded:
 * the elements it has drawn were drawn with the old styles (Cytoscape's queue drops a superseded replacement).
 */
function replace(cache: LayeredTextureCache, layer: Layer, bb: BoundingBox, spare: SpareCanvas): Layer {
  const next = spare.makeLayer(cache, bb, layer.level);
  next.replaces = layer;
  next.eles = layer.eles;
  layer.replacement = next;
  for (const ele of next.eles) {
    cache.queueLayer(next, ele);
  }
  return next;
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
  const restyledIn = new WeakMap<Layer, Set<LayerElement>>();
  const spare = new SpareCanvas();
  const renderer = (
    cy as unknown as { renderer(): { getCachedZSortedEles?(): DrawingOrder; getPixelRatio?(): number } }
  ).renderer();
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
    const restyled = state.dropped.get(layer)?.restyled ?? new Set<LayerElement>();
    added.forEach((e) => restyled.add(e));
    const bb = grownToHold(layer.bb, [...restyled], level);
    if (!bb) {
      return;
    }
    state.dropped.set(layer, { restyled, bb });
    layer.eles = order.slice();
    linkToLayer(added, layer);
  };
  const state: HoldState = {
    holds: 0,
    dropped: new Map(),
    replaceDropped() {
      takeNewOrder();
      for (const [layer, { restyled, bb }] of state.dropped) {
        if (!layer.invalid) {
          // A replacement under way is superseded: the new one must check what both restyled.
          const earlier = layer.replacement && restyledIn.get(layer.replacement);
          earlier?.forEach((ele) => restyled.add(ele));
          restyledIn.set(replace(cache, layer, bb, spare), restyled);
        }
      }
      state.dropped.clear();
    },
  };
  installed.set(cy, state);
  const invalidate = cache.invalidateElements;
  cache.invalidateElements = function (eles) {
    if (state.holds === 0 || eles.length === 0) {
      return invalidate.call(this, eles);
    }
    cache.updateElementsInLayers(eles, (layer, ele) => {
      const dropped = state.dropped.get(layer) ?? { restyled: new Set<LayerElement>(), bb: layer.bb };
      state.dropped.set(layer, dropped);
      dropped.restyled.add(ele);
    });
  };
  // Checked when the replacement is complete, not when it is queued: by then Cytoscape has computed the elements'
  // new bounds for drawing them (at the queueing they would be computed only for this check).
  const apply = cache.applyLayerReplacement;
  cache.applyLayerReplacement = function (layer) {
    const old = layer.replaces;
    const restyled = restyledIn.get(layer);
    if (old && restyled && ![...restyled].every((ele) => fits(layer, ele))) {
      layer.replaces = undefined;
      cache.invalidateLayer(old);
      cache.requestRedraw();
      return;
    }
    apply.call(this, layer);
    // Swapped in (Cytoscape declines a swap whose replaced layer is gone): nothing draws from the replaced one now.
    if (old && restyled && cache.layersByLevel?.[layer.level]?.includes(layer)) {
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
