import cytoscape from 'cytoscape';
import { holdLayers, installLayerReplacement } from './layerReplacement';

// The module's decisions against a stand-in for Cytoscape's layered texture cache (the parts it calls). That it
// matches the real cache is a browser test's job (tests/browser/panel-refresh.test.ts): no element drawn one by one
// after a restyle, and the picture left on screen equal to a fresh one.

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
  canvas?: unknown;
  context?: unknown;
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

/**
 * Bitmaps as the renderer makes them for Cytoscape, recording the calls a replacement makes on them: `reset` (a
 * spare reused) and `setTransform` (the first call, which makes the browser allocate it).
 */
function fakeBitmaps() {
  const made: Array<{ width: number; height: number; resets: number; transforms: number }> = [];
  const bitmap = (width: number, height: number) => {
    const canvas = {
      width,
      height,
      resets: 0,
      transforms: 0,
      getContext: () => ({ reset: () => canvas.resets++, setTransform: () => canvas.transforms++ }),
    };
    made.push(canvas);
    return canvas;
  };
  return { made, bitmap };
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
    const { made, bitmap } = fakeBitmaps();
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
      const next = layer.replacement as FakeLayer;
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
    const second = layerAgain.replacement as FakeLayer;
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

describe('readiness when the page is idle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A shown layer of 25 × 25 pixels with fake bitmaps; `draw` draws its elements through the installed path. */
  function shownLayer() {
    const { made, bitmap } = fakeBitmaps();
    const layers: FakeLayer[] = [];
    const set = setUp((stand, first) => {
      layers.push(first);
      Object.assign(first, { canvas: bitmap(25, 25) });
      Object.assign(stand, {
        layersByLevel: { [-2]: layers },
        renderer: { makeOffscreenCanvas: bitmap },
        drawEleInLayer: () => undefined,
        makeLayer(bb: Box, level: number) {
          const canvas = this.renderer.makeOffscreenCanvas(25, 25);
          return { id: made.length + 100, bb, level, eles: [], elesQueue: [], reqs: 0, canvas };
        },
        // Swaps as Cytoscape does, once the replacement's queue is drawn.
        applyLayerReplacement(next: FakeLayer) {
          next.elesQueue.length = 0;
          layers[layers.indexOf(next.replaces as FakeLayer)] = next;
        },
      });
    });
    const draw = () => {
      const drawEle = (set.cache as unknown as { drawEleInLayer(l: FakeLayer, e: FakeEle): void }).drawEleInLayer;
      set.layer.eles.forEach((e) => drawEle(set.layer, e));
    };
    return { ...set, made, layers, draw };
  }

  it('once a layer is drawn, makes the bitmap of its first replacement in idle time, and allocates it there', () => {
    const { cy, cache, layer, a, made, draw } = shownLayer();
    draw();
    // Nothing in the drawing's own task.
    expect(made).toHaveLength(1);
    jest.advanceTimersByTime(1000);
    expect(made).toHaveLength(2);
    expect(made[1]).toMatchObject({ width: 25, height: 25, transforms: 1 });
    // The first replacement draws on it, cleared: no bitmap is made in the refresh.
    held(cy, () => cache.invalidateElements([a]));
    const next = layer.replacement as FakeLayer;
    expect(next.canvas).toBe(made[1]);
    expect(made[1].resets).toBe(1);
    expect(made).toHaveLength(2);
  });

  it('waits while the layer is still being drawn, and prepares nothing for a dropped layer or a destroyed instance', () => {
    const drawing = shownLayer();
    drawing.draw();
    drawing.layer.elesQueue.push(drawing.a);
    jest.advanceTimersByTime(1000);
    expect(drawing.made).toHaveLength(1);
    drawing.layer.elesQueue.length = 0;
    jest.advanceTimersByTime(1000);
    expect(drawing.made).toHaveLength(2);

    // A layer that stays unfinished while the page idles is left unprepared after a while (no endless polling).
    const stalled = shownLayer();
    stalled.draw();
    stalled.layer.elesQueue.push(stalled.a);
    jest.advanceTimersByTime(20_000);
    stalled.layer.elesQueue.length = 0;
    jest.advanceTimersByTime(1000);
    expect(stalled.made).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);

    const dropped = shownLayer();
    dropped.draw();
    dropped.cache.invalidateElements([dropped.a]);
    jest.advanceTimersByTime(1000);
    expect(dropped.made).toHaveLength(1);

    const gone = shownLayer();
    gone.draw();
    gone.layers.length = 0;
    jest.advanceTimersByTime(1000);
    expect(gone.made).toHaveLength(1);

    const destroyed = shownLayer();
    destroyed.draw();
    // Destroyed with the panel (the stand-in renderer cannot take Cytoscape's destroy()).
    destroyed.cy.destroyed = () => true;
    jest.advanceTimersByTime(1000);
    expect(destroyed.made).toHaveLength(1);
  });

  it('prepares nothing for a replacement: the swap leaves a spare, and a large change may well come again', () => {
    const { cache, layer, a, b, made, layers } = shownLayer();
    // A replacement of Cytoscape's own (it sharpens textures that way), on screen and drawn, with no spare kept.
    const sharper = cache.makeLayer(layer.bb, layer.level);
    Object.assign(sharper, { replaces: layer, eles: [a, b] });
    layers[0] = sharper;
    const drawEle = (cache as unknown as { drawEleInLayer(l: FakeLayer, e: FakeEle): void }).drawEleInLayer;
    [a, b].forEach((e) => drawEle(sharper, e));
    jest.advanceTimersByTime(1000);
    expect(made).toHaveLength(2);
  });
});

describe('patched replacement', () => {
  /**
   * A layer at level 0 (one pixel per graph unit) of 1,200 × 100 pixels holding 30 boxes in a row, 20 units wide
   * and 40 apart (each in tiles of its own), drawn through the installed path so that it knows where each one painted.
   * Bitmaps record what is drawn on them, by name.
   */
  function row() {
    const calls: string[] = [];
    let ids = 0;
    // Made through the renderer, as Cytoscape makes them (so that a spare can stand in for a new one).
    const canvas = (name: string) => ({
      name,
      width: 1200,
      height: 100,
      getContext: () => ({ reset: () => undefined }),
    });
    const contextOf = ({ name }: { name: string }) => ({
      save: () => undefined,
      restore: () => undefined,
      setTransform: () => undefined,
      clearRect: (x: number, y: number, w: number, h: number) => calls.push(`${name}: clear ${x},${y},${w},${h}`),
      drawImage: (from: { name: string }, x: number, y: number, w: number, h: number) =>
        calls.push(`${name}: copy ${from.name} ${x},${y},${w},${h}`),
    });
    const set = setUp((stand, first) => {
      const old = canvas('old');
      Object.assign(first, { level: 0, bb: { x1: 0, y1: 0, x2: 1200, y2: 100 }, canvas: old, context: contextOf(old) });
      Object.assign(stand, {
        layersByLevel: { 0: [first] },
        renderer: { makeOffscreenCanvas: () => canvas(`new${ids}`) },
        drawEleInLayer: (layer: FakeLayer, e: FakeEle) => calls.push(`draw ${e.id} in ${layer.id}`),
        makeLayer(bb: Box, level: number): FakeLayer {
          ids++;
          const made = this.renderer.makeOffscreenCanvas();
          return { id: 100 + ids, bb, level, eles: [], elesQueue: [], reqs: 0, canvas: made, context: contextOf(made) };
        },
      });
    });
    const { cache, layer } = set;
    const boxes = Array.from({ length: 30 }, (_, i) => ele(`e${i}`, { x1: 40 * i, y1: 40, x2: 40 * i + 20, y2: 60 }));
    boxes.forEach((e) => (e.layer = layer));
    layer.eles = boxes;
    const draw = (cache as unknown as { drawEleInLayer(l: FakeLayer, e: FakeEle): void }).drawEleInLayer;
    boxes.forEach((e) => draw(layer, e));
    calls.length = 0;
    return { ...set, boxes, calls };
  }

  it('draws again only the restyled element, then gives the layer on screen those tiles alone', () => {
    const { cy, cache, log, layer, boxes, calls } = row();
    held(cy, () => cache.invalidateElements([boxes[3]]));
    const next = layer.replacement as FakeLayer;
    expect(next.replaces).toBe(layer);
    expect(next.eles).toBe(layer.eles);
    expect(next.elesQueue).toEqual([boxes[3]]);
    expect(calls).toEqual([]);
    cache.applyLayerReplacement(next);
    // e3 paints in pixels 118–142 × 38–62 (2 of margin): tiles 7–8 × 2–3 (112–143 × 32–63) are its; the layer on
    // screen takes them from the patch and keeps the rest of its bitmap. No swap: it stays, ready for the next.
    expect(calls).toEqual(['old: clear 112,32,32,32', 'old: copy new1 112,32,32,32']);
    expect(log).toEqual(['redraw']);
    expect((cache as unknown as { layersByLevel: Record<number, FakeLayer[]> }).layersByLevel[0]).toEqual([layer]);
    expect(layer.replacement).toBeUndefined();
    expect(next.replaces).toBeUndefined();
    // The next patch draws on the bitmap this one let go.
    held(cy, () => cache.invalidateElements([boxes[3]]));
    expect((layer.replacement as FakeLayer).canvas).toBe(next.canvas);
  });

  it('gives nothing to a layer dropped while its patch was drawn', () => {
    const { cy, cache, log, layer, boxes, calls } = row();
    held(cy, () => cache.invalidateElements([boxes[3]]));
    const next = layer.replacement as FakeLayer;
    cache.invalidateLayer(layer);
    cache.applyLayerReplacement(next);
    expect(calls).toEqual([]);
    expect(log).toEqual([`invalid ${layer.id}`]);
  });

  it('draws again, in drawing order, the elements under where a restyled one painted or paints now', () => {
    const { cy, cache, layer, boxes } = row();
    // e7 grows over e6 and e5 (its old place is its own tiles).
    boxes[7].bb = { x1: 205, y1: 40, x2: 300, y2: 60 };
    held(cy, () => cache.invalidateElements([boxes[7]]));
    expect((layer.replacement as FakeLayer).elesQueue).toEqual([boxes[5], boxes[6], boxes[7]]);
  });

  it('keeps what it knows of where each element painted, and learns where a changed one paints now', () => {
    const { cy, cache, layer, boxes } = row();
    // As Cytoscape: measures in the element's private state, a new bounds object whenever it measures again.
    for (const e of boxes) {
      Object.assign(e, { _private: { bbCache: e.bb } });
    }
    const draw = (cache as unknown as { drawEleInLayer(l: FakeLayer, e: FakeEle): void }).drawEleInLayer;
    boxes.forEach((e) => draw(layer, e));
    const measured = (e: FakeEle, bb: Box) => {
      e.bb = bb;
      (e as unknown as { _private: { bbCache: Box } })._private.bbCache = bb;
    };
    // Cytoscape draws a patch's queue, empties it and completes it; the layer on screen takes its tiles.
    const complete = (p: FakeLayer) => {
      p.elesQueue.splice(0).forEach((e) => draw(p, e));
      cache.applyLayerReplacement(p);
    };
    // First patch: e7 grows over e6 and e5; the patch draws them again.
    measured(boxes[7], { x1: 205, y1: 40, x2: 300, y2: 60 });
    held(cy, () => cache.invalidateElements([boxes[7]]));
    const first = layer.replacement as FakeLayer;
    expect(first.elesQueue).toEqual([boxes[5], boxes[6], boxes[7]]);
    complete(first);
    // Second patch: e7 shrinks back. Where it painted in the patched layer (over e5 and e6) is drawn again.
    measured(boxes[7], { x1: 280, y1: 40, x2: 300, y2: 60 });
    held(cy, () => cache.invalidateElements([boxes[7]]));
    const second = layer.replacement as FakeLayer;
    expect(second).not.toBe(first);
    expect(second.elesQueue).toEqual([boxes[5], boxes[6], boxes[7]]);
    // Third: e4 restyled in place; e5 and e6, drawn again unchanged by the first patch, are known where they were.
    complete(second);
    held(cy, () => cache.invalidateElements([boxes[4]]));
    expect((layer.replacement as FakeLayer).elesQueue).toEqual([boxes[4]]);
  });

  it('makes a fresh replacement when many elements changed, or when one no longer fits the layer', () => {
    const many = row();
    held(many.cy, () => many.cache.invalidateElements(many.boxes.slice(0, 4)));
    expect((many.layer.replacement as FakeLayer).elesQueue).toEqual(many.boxes);

    const outside = row();
    outside.boxes[29].bb = { x1: 1160, y1: 40, x2: 1260, y2: 60 };
    held(outside.cy, () => outside.cache.invalidateElements([outside.boxes[29]]));
    const next = outside.layer.replacement as FakeLayer;
    expect(next.elesQueue).toEqual([outside.boxes[29]]);
    // Complete, it is not swapped in: its bitmap cannot hold e29 (the layer is dropped, as for a fresh one).
    outside.cache.applyLayerReplacement(next);
    expect(outside.log).toEqual([`invalid ${outside.layer.id}`, 'redraw']);
    expect(outside.calls).toEqual([]);
  });

  it('when an element is removed, the elements near it are drawn again; with none near, it is complete at once', () => {
    const { cy, cache, log, layer, boxes, calls } = row();
    const r = (cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    // e4 removed; e2 grew over where e4 was.
    const order = Object.assign(
      boxes.filter((e) => e !== boxes[4]),
      { nondrag: boxes.filter((e) => e !== boxes[4]) }
    );
    Object.assign(r, { getCachedZSortedEles: () => order, getPixelRatio: () => 1 });
    boxes[2].bb = { x1: 80, y1: 40, x2: 175, y2: 60 };
    held(cy, () => cache.invalidateElements([boxes[2]]));
    const next = layer.replacement as FakeLayer;
    expect(layer.eles.map((e) => e.id)).toEqual(order.map((e) => e.id));
    expect(next.elesQueue).toEqual([boxes[2], boxes[3]]);

    // Then e6 removed with nothing near it: nothing to draw, and the layer without it is complete at once.
    const again = row();
    const r2 = (again.cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    const without = again.boxes.filter((e) => e !== again.boxes[6]);
    Object.assign(r2, {
      getCachedZSortedEles: () => Object.assign(without, { nondrag: without }),
      getPixelRatio: () => 1,
    });
    held(again.cy, () => undefined);
    expect(again.log).toEqual(['redraw']);
    expect(again.layer.replacement).toBeUndefined();
    // Nothing drawn; e6 painted in pixels 238–262 × 38–62: tiles 14–16 × 2–3 (224–271 × 32–63) of the layer on
    // screen are cleared (they take the empty patch's pixels).
    expect(again.calls).toEqual(['old: clear 224,32,48,32', 'old: copy new1 224,32,48,32']);
    expect(log).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('a layer for a still graph', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /**
   * An instance at zoom 1 (layer level 0) whose shown level has no layer, as after a first paint: the stand-in renderer
   * draws a and b, and the cache makes layers as Cytoscape's makeLayer does, on the renderer's bitmaps.
   */
  function withoutLayer(layers: FakeLayer[] = []) {
    const { made, bitmap } = fakeBitmaps();
    const set = setUp((stand) => {
      Object.assign(stand, {
        layersByLevel: { 0: layers },
        lastInvalidationTime: performance.now() - 1000,
        renderer: { makeOffscreenCanvas: bitmap },
        makeLayer(bb: Box, level: number) {
          const canvas = this.renderer.makeOffscreenCanvas(Math.ceil(bb.x2 - bb.x1), Math.ceil(bb.y2 - bb.y1));
          return { id: 100 + made.length, bb, level, eles: [], elesQueue: [], reqs: 0, canvas };
        },
      });
    });
    const cache = set.cache as typeof set.cache & { lastInvalidationTime: number };
    Object.assign((set.cy as unknown as { renderer(): object }).renderer(), {
      getCachedZSortedEles: () => [set.a, set.b],
      getPixelRatio: () => 1,
    });
    const redraws = () => set.log.filter((l) => l === 'redraw').length;
    /** A frame drawn, then a second without another, and one idle period (the stand-in's: 50 ms later). */
    const rendered = () => {
      set.cy.emit('render');
      jest.advanceTimersByTime(1060);
    };
    /** After `wait` ms the bitmap is made, and in the next idle period one redraw is asked for. */
    const madeThenAsked = (wait: number) => {
      jest.advanceTimersByTime(wait);
      expect(made).toHaveLength(1);
      jest.advanceTimersByTime(100);
      expect(redraws()).toBe(1);
    };
    /** A frame drawn and the page idle long after: nothing made, nothing asked for. */
    const nothingAfterRedraw = () => {
      rendered();
      jest.advanceTimersByTime(200);
      expect(made).toHaveLength(0);
      expect(redraws()).toBe(0);
    };
    return { ...set, cache, made, redraws, rendered, madeThenAsked, nothingAfterRedraw };
  }

  it('makes the bitmap in idle time, then asks Cytoscape for one redraw, whose layer takes that bitmap', () => {
    const { cache, made, redraws, rendered } = withoutLayer();
    rendered();
    // The bitmap of the layer getLayers would make for a and b (their bounds at level 0), allocated; no redraw yet.
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ width: 89, height: 89, transforms: 1 });
    expect(redraws()).toBe(0);
    jest.advanceTimersByTime(100);
    expect(redraws()).toBe(1);
    // Cytoscape, in that redraw, makes its layer: on the bitmap made, cleared, and no other.
    const layer = cache.makeLayer({ x1: 10, y1: 10, x2: 99, y2: 99 }, 0) as FakeLayer;
    expect(layer.canvas).toBe(made[0]);
    expect(made[0].resets).toBe(1);
    expect(made).toHaveLength(1);
    // Asked once per drop: a layer Cytoscape does not make brings no redraws forever.
    rendered();
    rendered();
    expect(redraws()).toBe(1);
    expect(jest.getTimerCount()).toBe(0);
    // A new drop, and still no layer: asked again.
    cache.lastInvalidationTime = performance.now() - 1000;
    rendered();
    jest.advanceTimersByTime(100);
    expect(redraws()).toBe(2);
  });

  it('waits for a second without redraws, while held, and 250 ms after a drop; nothing with a layer shown, when destroyed or too large', () => {
    // Redraws every half second (a person expanding one namespace after another): nothing is made meanwhile.
    const busy = withoutLayer();
    for (let i = 0; i < 6; i++) {
      busy.cy.emit('render');
      jest.advanceTimersByTime(500);
    }
    expect(busy.made).toHaveLength(0);
    busy.madeThenAsked(600);

    // A layer dropped 150 ms before the look (without a redraw since): Cytoscape would not build one yet.
    const dropped = withoutLayer();
    dropped.cache.lastInvalidationTime = performance.now() + 900;
    dropped.rendered();
    expect(dropped.made).toHaveLength(0);
    dropped.madeThenAsked(1100);

    const holding = withoutLayer();
    const release = holdLayers(holding.cy);
    holding.rendered();
    jest.advanceTimersByTime(1500);
    expect(holding.made).toHaveLength(0);
    release();
    holding.madeThenAsked(1200);

    const shown = withoutLayer([
      { id: 1, bb: { x1: 0, y1: 0, x2: 100, y2: 100 }, level: 0, eles: [], elesQueue: [], reqs: 0 },
    ]);
    shown.nothingAfterRedraw();

    const destroyed = withoutLayer();
    destroyed.cy.destroyed = () => true;
    destroyed.nothingAfterRedraw();

    // Larger than Cytoscape's largest layer: it would make none, so nothing is asked for.
    const huge = withoutLayer();
    huge.b.bb = { x1: 0, y1: 0, x2: 40_000, y2: 40_000 };
    huge.nothingAfterRedraw();
    expect(jest.getTimerCount()).toBe(0);
  });
});
