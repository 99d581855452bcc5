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
 */
import type { Core } from 'cytoscape';

interface BoundingBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface LayerElement {
  boundingBox(): BoundingBox;
  visible(): boolean;
}

/** A layer of Cytoscape's LayeredTextureCache, the fields this module reads and writes. */
interface Layer {
  bb: BoundingBox;
  level: number;
  eles: LayerElement[];
  invalid?: boolean;
  replacement?: Layer;
  replaces?: Layer;
}

interface LayeredTextureCache {
  invalidateElements(eles: LayerElement[]): void;
  updateElementsInLayers(eles: LayerElement[], update: (layer: Layer, ele: LayerElement) => void): void;
  makeLayer(bb: BoundingBox, level: number): Layer;
  queueLayer(layer: Layer, ele: LayerElement): void;
  applyLayerReplacement(layer: Layer): void;
  invalidateLayer(layer: Layer): void;
  requestRedraw(): void;
}

/**
 * Per instance with the replacement installed: how many holds are open, and the layers restyles dropped meanwhile
 * (replaced when the last hold is released).
 */
interface HoldState {
  holds: number;
  /** Each dropped layer with the elements restyled in it. */
  dropped: Map<Layer, Set<LayerElement>>;
  replaceDropped(): void;
}

const installed = new WeakMap<Core, HoldState>();

function layerCacheOf(cy: Core): LayeredTextureCache | undefined {
  const r = (cy as unknown as { renderer?(): { data?: { lyrTxrCache?: Partial<LayeredTextureCache> } } }).renderer?.();
  const c = r?.data?.lyrTxrCache;
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
 * Queues a fresh replacement of `layer` holding all its elements. A replacement already under way is superseded:
 * the elements it has drawn were drawn with the old styles (Cytoscape's queue drops a superseded replacement).
 */
function replace(cache: LayeredTextureCache, layer: Layer): Layer {
  const next = cache.makeLayer(layer.bb, layer.level);
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
  const state: HoldState = {
    holds: 0,
    dropped: new Map(),
    replaceDropped() {
      for (const [layer, restyled] of state.dropped) {
        if (!layer.invalid) {
          // A replacement under way is superseded: the new one must check what both restyled.
          const earlier = layer.replacement && restyledIn.get(layer.replacement);
          earlier?.forEach((ele) => restyled.add(ele));
          restyledIn.set(replace(cache, layer), restyled);
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
      const restyled = state.dropped.get(layer) ?? new Set<LayerElement>();
      state.dropped.set(layer, restyled.add(ele));
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
    return apply.call(this, layer);
  };
}

/**
 * From now until the returned release, the layers of restyled elements stay on screen; when the last hold is
 * released, each is replaced behind the scenes (one replacement per layer however many restyles came). For a
 * restyle that moves nothing, in one task or over several (with a batch open in between, so no frame comes).
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
