import cytoscape from 'cytoscape';
import { holdLayers, installLayerReplacement } from './layerReplacement';

// The module's decisions against a stand-in for Cytoscape's layered texture cache (the parts it calls). That it
// matches the real cache is a browser test's job (tests/browser/panel-refresh.test.ts): no element drawn one by one
// after a restyle, and the picture swapped in equal to a fresh one.

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface FakeEle {
  id: string;
  bb: Box;
  shown: boolean;
  layer?: FakeLayer;
  boundingBox(): Box;
  visible(): boolean;
}
interface FakeLayer {
  id: number;
  bb: Box;
  level: number;
  eles: FakeEle[];
  elesQueue: FakeEle[];
  reqs: number;
  invalid?: boolean;
  replacement?: FakeLayer;
  replaces?: FakeLayer;
}

function fakeCache() {
  let ids = 0;
  const log: string[] = [];
  const cache = {
    invalidateElements(eles: FakeEle[]) {
      log.push(`dropped ${eles.map((e) => e.id).join(',')}`);
      eles.forEach((e) => e.layer && cache.invalidateLayer(e.layer));
    },
    updateElementsInLayers(eles: FakeEle[], update: (layer: FakeLayer, ele: FakeEle) => void) {
      eles.forEach((e) => e.layer && update(e.layer, e));
    },
    makeLayer(bb: Box, level: number): FakeLayer {
      return { id: ++ids, bb, level, eles: [], elesQueue: [], reqs: 0 };
    },
    queueLayer(layer: FakeLayer, ele: FakeEle) {
      layer.elesQueue.push(ele);
      layer.reqs++;
    },
    applyLayerReplacement(layer: FakeLayer) {
      log.push(`applied ${layer.id}`);
    },
    invalidateLayer(layer: FakeLayer) {
      layer.invalid = true;
      log.push(`invalid ${layer.id}`);
    },
    requestRedraw() {
      log.push('redraw');
    },
  };
  return { cache, log };
}

function ele(id: string, bb: Box): FakeEle {
  return {
    id,
    bb,
    shown: true,
    boundingBox() {
      return this.bb;
    },
    visible() {
      return this.shown;
    },
  };
}

/** Runs fn holding the layers, as a refresh's write does. */
function held<T>(cy: cytoscape.Core, fn: () => T): T {
  const release = holdLayers(cy);
  try {
    return fn();
  } finally {
    release();
  }
}

/**
 * A headless instance whose renderer() answers with the stand-in (headless Cytoscape has no renderer); `prepare`
 * changes the stand-in before the replacement path is installed on it.
 */
function setUp(prepare?: (cache: ReturnType<typeof fakeCache>['cache'], layer: FakeLayer) => void) {
  const { cache, log } = fakeCache();
  const cy = cytoscape({ headless: true });
  const renderer = { data: { lyrTxrCache: cache } };
  (cy as unknown as { renderer(): unknown }).renderer = () => renderer;
  const layer: FakeLayer = { ...cache.makeLayer({ x1: 0, y1: 0, x2: 100, y2: 100 }, -2) };
  const a = ele('a', { x1: 10, y1: 10, x2: 20, y2: 20 });
  const b = ele('b', { x1: 80, y1: 80, x2: 99, y2: 99 });
  layer.eles = [a, b];
  a.layer = layer;
  b.layer = layer;
  prepare?.(cache, layer);
  installLayerReplacement(cy);
  return { cy, cache, log, layer, a, b };
}

describe('layer replacement', () => {
  it('drops layers as Cytoscape does outside a hold', () => {
    const { cache, log, layer, a } = setUp();
    cache.invalidateElements([a]);
    expect(log).toEqual(['dropped a', `invalid ${layer.id}`]);
    expect(layer.replacement).toBeUndefined();
  });

  it('inside a hold, queues a replacement of the whole layer and keeps the layer', () => {
    const { cy, cache, log, layer, a, b } = setUp();
    held(cy, () => cache.invalidateElements([a]));
    expect(log).toEqual([]);
    expect(layer.invalid).toBeUndefined();
    const next = layer.replacement as FakeLayer;
    expect(next.replaces).toBe(layer);
    expect(next.bb).toBe(layer.bb);
    expect(next.elesQueue).toEqual([a, b]);
    // Outside again: the next restyle drops the layer.
    cache.invalidateElements([b]);
    expect(log).toEqual(['dropped b', `invalid ${layer.id}`]);
  });

  it('a hold over several restyles replaces each layer once, when the last hold is released', () => {
    const { cy, cache, log, layer, a, b } = setUp();
    const outer = holdLayers(cy);
    const inner = holdLayers(cy);
    cache.invalidateElements([a]);
    inner();
    inner();
    cache.invalidateElements([b]);
    // Held: nothing dropped, nothing replaced yet.
    expect(layer.replacement).toBeUndefined();
    outer();
    const next = layer.replacement as FakeLayer;
    expect(next.elesQueue).toEqual([a, b]);
    expect(log).toEqual([]);
    // Released: the next restyle drops the layer as Cytoscape does.
    cache.invalidateElements([a]);
    expect(log).toEqual(['dropped a', `invalid ${layer.id}`]);
  });

  it('a second restyle during a replacement starts a fresh one (the first drew old styles)', () => {
    const { cy, cache, layer, a, b } = setUp();
    held(cy, () => cache.invalidateElements([a]));
    const first = layer.replacement as FakeLayer;
    held(cy, () => cache.invalidateElements([b]));
    expect(layer.replacement).not.toBe(first);
    expect((layer.replacement as FakeLayer).elesQueue).toEqual([a, b]);
  });

  it('swaps a complete replacement in when its restyled elements fit, and drops the layer when one outgrew it', () => {
    const fitting = setUp();
    held(fitting.cy, () => fitting.cache.invalidateElements([fitting.a]));
    const kept = fitting.layer.replacement as FakeLayer;
    fitting.cache.applyLayerReplacement(kept);
    expect(fitting.log).toEqual([`applied ${kept.id}`]);

    const grown = setUp();
    held(grown.cy, () => grown.cache.invalidateElements([grown.a]));
    const dropped = grown.layer.replacement as FakeLayer;
    grown.a.bb = { x1: 10, y1: 10, x2: 120, y2: 20 };
    grown.cache.applyLayerReplacement(dropped);
    expect(grown.log).toEqual([`invalid ${grown.layer.id}`, 'redraw']);
    expect(dropped.replaces).toBeUndefined();
  });

  it('measures only the restyled elements at the swap, those of a superseded replacement too', () => {
    const { cy, cache, log, layer, a, b } = setUp();
    const measured: string[] = [];
    for (const e of [a, b]) {
      const own = e.boundingBox.bind(e);
      e.boundingBox = () => (measured.push(e.id), own());
    }
    held(cy, () => cache.invalidateElements([a]));
    const first = layer.replacement as FakeLayer;
    cache.applyLayerReplacement(first);
    // b was not restyled: its bounds cannot have changed, so it is not measured.
    expect(measured).toEqual(['a']);
    expect(log).toEqual([`applied ${first.id}`]);

    // a restyled, then b while a's replacement is under way: the second replacement checks a as well.
    const again = setUp();
    held(again.cy, () => again.cache.invalidateElements([again.a]));
    held(again.cy, () => again.cache.invalidateElements([again.b]));
    again.a.bb = { x1: -5, y1: 10, x2: 20, y2: 20 };
    again.cache.applyLayerReplacement(again.layer.replacement as FakeLayer);
    expect(again.log).toEqual([`invalid ${again.layer.id}`, 'redraw']);
  });

  it('ignores hidden elements in the fit, and leaves Cytoscape its own replacements', () => {
    const { cy, cache, log, layer, a, b } = setUp();
    held(cy, () => cache.invalidateElements([a]));
    const ours = layer.replacement as FakeLayer;
    b.shown = false;
    b.bb = { x1: -500, y1: 0, x2: 0, y2: 0 };
    cache.applyLayerReplacement(ours);
    // Cytoscape's own (texture refinement) is applied whatever its elements' bounds.
    const theirs = cache.makeLayer(layer.bb, layer.level);
    theirs.replaces = layer;
    theirs.eles = [a];
    a.bb = { x1: 0, y1: 0, x2: 500, y2: 500 };
    cache.applyLayerReplacement(theirs);
    expect(log).toEqual([`applied ${ours.id}`, `applied ${theirs.id}`]);
  });

  it("draws a replacement on the bitmap the last swap let go, when it is that layer's size", () => {
    // The stand-in makes bitmaps as Cytoscape does (through the renderer), and swaps as it does (layersByLevel).
    const made: Array<{ width: number; height: number; resets: number }> = [];
    const bitmap = (width: number, height: number) => {
      const canvas = { width, height, resets: 0, getContext: () => ({ reset: () => canvas.resets++ }) };
      made.push(canvas);
      return canvas;
    };
    const { cy, cache, layer, a } = setUp((stand, first) => {
      const layers: FakeLayer[] = [first];
      Object.assign(first, { canvas: bitmap(25, 25) });
      Object.assign(stand, {
        layersByLevel: { [-2]: layers },
        renderer: { makeOffscreenCanvas: bitmap },
        makeLayer(bb: Box, level: number) {
          const scale = Math.pow(2, level);
          const canvas = this.renderer.makeOffscreenCanvas(Math.ceil((bb.x2 - bb.x1) * scale), 25);
          return { id: made.length + 100, bb, level, eles: [], elesQueue: [], reqs: 0, canvas };
        },
        applyLayerReplacement(next: FakeLayer) {
          layers[layers.indexOf(next.replaces as FakeLayer)] = next;
        },
      });
    });
    const swap = () => {
      held(cy, () => cache.invalidateElements([a]));
      const next = layer.replacement as FakeLayer & { canvas: unknown };
      cache.applyLayerReplacement(next);
      // The elements now name the new layer (relinkSwappedLayers does that in the panel).
      a.layer = next;
      return next;
    };
    const first = swap();
    // No spare yet: a new bitmap.
    expect(made).toHaveLength(2);
    expect(first.canvas).toBe(made[1]);
    // The next replacement (of `first`) gets the bitmap of the layer the first swap replaced, cleared.
    const layerAgain = first;
    held(cy, () => cache.invalidateElements([a]));
    const second = layerAgain.replacement as FakeLayer & { canvas: unknown };
    expect(made).toHaveLength(2);
    expect(second.canvas).toBe(made[0]);
    expect(made[0].resets).toBe(1);
    // A spare is used once: a superseding replacement before the next swap gets a new bitmap.
    held(cy, () => cache.invalidateElements([a]));
    expect(made).toHaveLength(3);
  });

  it('does nothing where the renderer has no layer cache (headless, WebGL)', () => {
    const cy = cytoscape({ headless: true });
    installLayerReplacement(cy);
    expect(held(cy, () => 42)).toBe(42);
  });

  it('when elements came, the layer on screen takes the new drawing order; its replacement grows to hold them', () => {
    const { cy, cache, log, layer, a, b } = setUp();
    const c = Object.assign(ele('c', { x1: 90, y1: 90, x2: 150, y2: 120 }), { _private: { rscratch: {} } });
    const order = Object.assign([a, c, b], { nondrag: [a, c, b] });
    // Headless Cytoscape draws at zoom 1: the layer on screen is at level 0.
    layer.level = 0;
    const layers: FakeLayer[] = [layer];
    Object.assign(cache, { layersByLevel: { 0: layers } });
    // With a pixel ratio of 1.
    const r = (cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    Object.assign(r, { getCachedZSortedEles: () => order, getPixelRatio: () => 1 });
    held(cy, () => undefined);
    expect(layer.eles).toEqual([a, c, b]);
    expect(c._private.rscratch).toEqual({ imgLayerCaches: { 0: layer } });
    const next = layer.replacement as FakeLayer;
    expect(next.elesQueue).toEqual([a, c, b]);
    expect(next.bb).toMatchObject({ x1: 0, y1: 0, x2: 150, y2: 120, w: 150, h: 120 });
    cache.applyLayerReplacement(next);
    expect(log).toEqual([`applied ${next.id}`]);

    // Two layers at that level: left to Cytoscape, which drops them.
    const two = setUp();
    const c2 = Object.assign(ele('c', { x1: 90, y1: 90, x2: 150, y2: 120 }), { _private: { rscratch: {} } });
    const order2 = Object.assign([two.a, c2, two.b], { nondrag: [two.a, c2, two.b] });
    two.layer.level = 0;
    Object.assign(two.cache, { layersByLevel: { 0: [two.layer, { ...two.layer }] } });
    const r2 = (two.cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    Object.assign(r2, { getCachedZSortedEles: () => order2, getPixelRatio: () => 1 });
    held(two.cy, () => undefined);
    expect(two.layer.eles).toEqual([two.a, two.b]);
    expect(two.layer.replacement).toBeUndefined();
  });
});
