/**
 * A refresh keeps the picture: the panel from src/panel on the benchmark page (bench/panelPage/), fed with the
 * synthetic mesh's frames. With the same ids the new rates and health show on the elements without a layout; a
 * change of 1 % of the nodes (workloads renamed: ids gone and new ones with the same neighbours) leaves every kept
 * node where it was and puts each new node next to a neighbour. No timing here (that is npm run bench).
 */
import type { BenchSession } from '../../bench/panelPage/session';
import { benchPageForFile } from '../support/benchPage';
import { framesWithWork, takeFrameWork, watchFrameWork } from '../support/frameWork';

let s: BenchSession;

type Positions = Record<string, { x: number; y: number }>;

interface Drawn {
  positions: Positions;
  neighbours: Record<string, string[]>;
  edges: Record<string, { label: string; shown: string; healthStatus: string; lineColor: string }>;
  status: string | null;
  layoutRuns: number;
}

/** What the panel's Cytoscape instance holds now (read through the documented `__cy` hook). */
function drawn(): Promise<Drawn> {
  return s.page.evaluate(() => {
    type Ele = {
      id(): string;
      data(k: string): unknown;
      position(): { x: number; y: number };
      style(k: string): string;
      neighborhood(s: string): { map<T>(f: (e: Ele) => T): T[] };
    };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as HTMLElement & {
      __cy: { nodes(): Ele[]; edges(): Ele[] };
    };
    const positions: Record<string, { x: number; y: number }> = {};
    const neighbours: Record<string, string[]> = {};
    for (const n of el.__cy.nodes()) {
      if (!n.data('isBox')) {
        positions[n.id()] = { ...n.position() };
        neighbours[n.id()] = n.neighborhood('node').map((m) => m.id());
      }
    }
    const edges: Drawn['edges'] = {};
    for (const e of el.__cy.edges()) {
      edges[e.id()] = {
        label: String(e.data('label') ?? ''),
        shown: e.style('label'),
        healthStatus: String(e.data('healthStatus') ?? ''),
        lineColor: e.style('line-color'),
      };
    }
    const w = window as unknown as { __layouts?: number };
    return { positions, neighbours, edges, status: el.getAttribute('data-status'), layoutRuns: w.__layouts ?? 0 };
  });
}

/** Counts layout passes of the live instance from now on. */
function countLayouts(): Promise<void> {
  return s.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { on(ev: string, f: () => void): void };
    };
    const w = window as unknown as { __layouts?: number };
    w.__layouts = 0;
    el.__cy.on('layoutstart', () => {
      w.__layouts = (w.__layouts ?? 0) + 1;
    });
  });
}

/** Mounts the panel on the canvas renderer with rate labels, over a synthetic mesh of that many workloads. */
async function mountCanvasPanel(workloads: number): Promise<void> {
  await s.call((api, n) => api.prepare(n), workloads);
  await s.call((api) => api.mountPanel({ options: { edgeLabels: ['trafficRate'], renderer: 'canvas' } }));
}

/**
 * The layers Cytoscape draws the graph from at the zoom shown, once complete: how many elements they hold, and how
 * many the graph has (undefined while there is none, or one is still being drawn).
 */
interface CompleteLayer {
  elements: number;
  drawnElements: number;
}

function completeLayer(): Promise<CompleteLayer | undefined> {
  return s.page.evaluate(() => {
    type Layer = { eles: unknown[]; reqs: number; invalid?: boolean; elesQueue?: unknown[] };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: {
        zoom(): number;
        elements(): { length: number };
        renderer(): { getPixelRatio(): number; data: { lyrTxrCache: { layersByLevel: Record<string, Layer[]> } } };
      };
    };
    const cy = el.__cy;
    const r = cy.renderer();
    // The level Cytoscape's getLayers draws at this zoom.
    const level = Math.max(-4, Math.ceil(Math.log2(cy.zoom() * r.getPixelRatio())));
    const layers = r.data.lyrTxrCache.layersByLevel[level] ?? [];
    const done = layers.length > 0 && layers.every((l) => !l.invalid && l.reqs === 0 && !l.elesQueue?.length);
    return done
      ? { elements: layers.reduce((n, l) => n + l.eles.length, 0), drawnElements: cy.elements().length }
      : undefined;
  });
}

/**
 * Until the layer at the zoom shown is complete (the mount's late work), and Cytoscape's redraw after it is done; fails
 * when there is none 10 s after the mount.
 */
async function untilLayerComplete(): Promise<CompleteLayer> {
  const start = Date.now();
  let layer: CompleteLayer | undefined;
  while (!(layer = await completeLayer())) {
    if (Date.now() - start > 10_000) {
      throw new Error('no complete layer 10 s after the mount');
    }
    await s.page.waitForTimeout(50);
  }
  // Cytoscape redraws 50–100 ms after its last slice (debounced).
  await s.page.waitForTimeout(300);
  return layer;
}

benchPageForFile({ width: 1200, height: 800 }, (opened) => (s = opened));

test('a refresh with the same ids shows the new rates and health on the same picture, without a layout', async () => {
  // 60 workloads: normal mode, every edge label drawn.
  await mountCanvasPanel(60);
  await countLayouts();
  const before = await drawn();
  await s.call((api) => api.stageRefresh(1));
  const want = await s.call((api) => api.stagedEdges());
  await s.call((api) => api.refreshPanel(1));
  const after = await drawn();
  expect(after.layoutRuns).toBe(0);
  expect(after.positions).toEqual(before.positions);
  let labelsChanged = 0;
  let healthChanged = 0;
  for (const e of want) {
    const got = after.edges[e.id];
    expect({ id: e.id, label: got.label, shown: got.shown, health: got.healthStatus }).toEqual({
      id: e.id,
      label: e.label,
      shown: e.label,
      health: e.healthStatus,
    });
    labelsChanged += before.edges[e.id].label !== e.label ? 1 : 0;
    healthChanged += before.edges[e.id].healthStatus !== e.healthStatus ? 1 : 0;
  }
  // The refresh did change things (so the checks above could fail).
  expect(labelsChanged).toBeGreaterThan(want.length / 2);
  expect(healthChanged).toBeGreaterThan(0);
  // Edges drawn in one colour per health and protocol: the restyled ones took their new health's colour.
  const colourOf = new Map<string, Set<string>>();
  for (const [id, e] of Object.entries(after.edges)) {
    const key = `${e.healthStatus} ${id.split(' ').pop()}`;
    colourOf.set(key, (colourOf.get(key) ?? new Set()).add(e.lineColor));
  }
  for (const [key, colours] of colourOf) {
    expect({ key, colours: colours.size }).toEqual({ key, colours: 1 });
  }
  expect(new Set([...colourOf.values()].flatMap((c) => [...c])).size).toBeGreaterThan(1);
}, 120000);

test('1 % of the nodes replaced: kept nodes stay where they were, new ones sit next to a neighbour', async () => {
  // 400 workloads: large-graph mode (layered layout, flat boxes); 2 renamed = 2 ids gone, 2 new.
  await mountCanvasPanel(400);
  await countLayouts();
  const before = await drawn();
  await s.call((api) => api.stageRefresh(1, { stableHealth: true, renamed: 2 }));
  const want = await s.call((api) => api.stagedEdges());
  await s.call((api) => api.refreshPanel(1));
  const after = await drawn();
  expect(after.status).toBe('ready');
  expect(after.layoutRuns).toBe(0);
  const gone = Object.keys(before.positions).filter((id) => !(id in after.positions));
  const added = Object.keys(after.positions).filter((id) => !(id in before.positions));
  expect(gone).toHaveLength(2);
  expect(added).toHaveLength(2);
  const moved = Object.keys(after.positions).filter(
    (id) =>
      id in before.positions &&
      (Math.abs(after.positions[id].x - before.positions[id].x) > 0.5 ||
        Math.abs(after.positions[id].y - before.positions[id].y) > 0.5)
  );
  expect(moved).toEqual([]);
  for (const id of added) {
    const near = after.neighbours[id]
      .filter((n) => n in before.positions)
      .map((n) =>
        Math.hypot(after.positions[n].x - after.positions[id].x, after.positions[n].y - after.positions[id].y)
      );
    expect({ id, nearest: Math.min(...near) <= 400 }).toEqual({ id, nearest: true });
  }
  // The kept edges carry the new rates even where large-graph mode draws no labels.
  for (const e of want) {
    expect({ id: e.id, label: after.edges[e.id]?.label }).toEqual({ id: e.id, label: e.label });
  }
}, 120000);

test('a refresh that restyles and adds elements leaves the next frame only drawing (styles, order ready)', async () => {
  // 400 workloads, large-graph mode; the refresh changes health (restyles) and renames 2 workloads (adds, removes).
  await mountCanvasPanel(400);
  const before = await drawn();
  await watchFrameWork(s.page, 'data');
  await s.call((api) => api.stageRefresh(1, { renamed: 2 }));
  await s.call((api) => api.refreshPanel(1));
  // The kept elements' data is written in tasks after the adds and removes: the frames that draw it.
  const frames = await takeFrameWork(s.page);
  const after = await drawn();
  // The refresh did restyle and add (so the frames could have found work left).
  const added = Object.keys(after.positions).filter((id) => !(id in before.positions));
  expect(added).toHaveLength(2);
  const healthChanged = Object.keys(after.edges).filter(
    (id) => id in before.edges && before.edges[id].healthStatus !== after.edges[id].healthStatus
  );
  expect(healthChanged.length).toBeGreaterThan(10);
  expect(frames.length).toBeGreaterThan(0);
  expect(framesWithWork(frames)).toEqual([]);
}, 120000);

test('a panel left alone after its first paint gets its layer in idle time, with every element in it', async () => {
  // Cytoscape builds a layer only at a redraw 250 ms after its last drop, and nothing redraws a graph nobody touches:
  // without the panel asking for one redraw when idle, the layer was first built inside a refresh's frame.
  await mountCanvasPanel(400);
  const layer = await untilLayerComplete();
  expect(layer.elements).toBe(layer.drawnElements);
  expect(layer.elements).toBeGreaterThan(1000);
}, 120000);

test('an answer that changes nothing draws nothing, then or later (no redraw for the panel attributes)', async () => {
  // Cytoscape redraws the whole graph 100 ms after any attribute of its container changes: the panel's own
  // attributes (written on every refresh, click and focus move) must not be on that element.
  await mountCanvasPanel(400);
  const version = () =>
    s.page.evaluate(() =>
      document.querySelector('[data-testid="meshgraph-graph"]')?.getAttribute('data-content-version')
    );
  // The mount's own late work (a resize after it, the layer built in idle time) is over before counting starts.
  await untilLayerComplete();
  await s.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { renderer(): { beforeRender(fn: (willDraw: boolean) => void, p: number): void } };
    };
    const w = window as unknown as { __draws?: number };
    w.__draws = 0;
    el.__cy.renderer().beforeRender((willDraw) => {
      if (willDraw && w.__draws !== undefined) {
        w.__draws++;
      }
    }, 350);
  });
  const before = await version();
  // The mounted panel shows variant 0: the same answer again, in new frames.
  await s.call((api) => api.refreshPanel(0));
  await s.page.waitForTimeout(400);
  expect(await version()).not.toBe(before);
  const draws = await s.page.evaluate(() => (window as unknown as { __draws?: number }).__draws);
  expect(draws).toBe(0);
}, 120000);

test('a refresh that only restyles keeps the cached picture on screen and swaps in the same picture a fresh draw makes', async () => {
  // 400 workloads, large-graph mode; the refresh changes health (restyles some hundred elements, moves nothing).
  // Cytoscape draws a still graph from a cached layer; without the panel's replacement path, a restyle drops the
  // layer and the next frame draws every element one by one.
  await mountCanvasPanel(400);
  const before = await drawn();
  // In the page: counts elements each render draws one by one; reads the node canvas; waits for a complete layer.
  await s.page.evaluate(() => {
    type Renderer = {
      render(...a: unknown[]): unknown;
      drawCachedElement(...a: unknown[]): unknown;
      redrawHint(kind: string, on: boolean): void;
      redraw(): void;
      NODE: number;
      data: {
        contexts: CanvasRenderingContext2D[];
        lyrTxrCache: {
          layersQueue: { size(): number };
          layersByLevel: Record<string, unknown[]>;
          invalidateLayer(layer: unknown): void;
        };
      };
    };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { renderer(): Renderer };
    };
    const cy = el.__cy;
    const r = cy.renderer();
    const w = window as unknown as Record<string, unknown>;
    const renders: number[] = [];
    let inRender = false;
    const draw = r.drawCachedElement;
    r.drawCachedElement = function (...a: unknown[]) {
      if (inRender) {
        renders[renders.length - 1]++;
      }
      return draw.apply(this, a);
    };
    const render = r.render;
    r.render = function (...a: unknown[]) {
      renders.push(0);
      inRender = true;
      try {
        return render.apply(this, a);
      } finally {
        inRender = false;
      }
    };
    w.__renders = renders;
    // New bitmaps the size of a layer on screen (a replacement's, unless it reuses the one the last swap replaced).
    type Sized = { width: number; height: number };
    const rr = r as unknown as { makeOffscreenCanvas(w: number, h: number): Sized };
    const makeCanvas = rr.makeOffscreenCanvas;
    let layerSized = 0;
    rr.makeOffscreenCanvas = function (width: number, height: number) {
      const onScreen = Object.values(r.data.lyrTxrCache.layersByLevel).flat() as Sized[];
      layerSized += onScreen.some((l) => l.width === width && l.height === height) ? 1 : 0;
      return makeCanvas.call(this, width, height);
    };
    w.__layerSizedCanvases = () => layerSized;
    // Elements drawn into layers (fresh ones and replacements), and how many the layers on screen hold.
    const cache = r.data.lyrTxrCache as unknown as { drawEleInLayer(...a: unknown[]): unknown };
    const drawEle = cache.drawEleInLayer;
    let drawnInLayers = 0;
    cache.drawEleInLayer = function (...a: unknown[]) {
      drawnInLayers++;
      return drawEle.apply(this, a);
    };
    w.__drawnInLayers = () => drawnInLayers;
    w.__layerElements = () =>
      (Object.values(r.data.lyrTxrCache.layersByLevel).flat() as Array<{ eles: unknown[] }>).map((l) => l.eles.length);
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    // Settled: nothing queued for layers, and a redraw now draws no element one by one.
    w.__settled = async () => {
      for (let i = 0; i < 100; i++) {
        await new Promise((done) => setTimeout(done, 150));
        r.redrawHint('eles', true);
        r.redraw();
        await frame();
        await frame();
        if (r.data.lyrTxrCache.layersQueue.size() === 0 && renders[renders.length - 1] === 0) {
          return true;
        }
      }
      return false;
    };
    // Pictures stay in the page (a few MB each); only their differences come back.
    const pictures: Record<string, Uint8ClampedArray> = {};
    w.__snapshot = (name: string) => {
      const c = r.data.contexts[r.NODE];
      pictures[name] = c.getImageData(0, 0, c.canvas.width, c.canvas.height).data;
    };
    w.__differing = (a: string, b: string) => {
      const x = pictures[a];
      const y = pictures[b];
      if (x.length !== y.length) {
        return -1;
      }
      let n = 0;
      for (let i = 0; i < x.length; i++) {
        n += x[i] !== y[i] ? 1 : 0;
      }
      return n;
    };
    // Every layer on screen dropped, so Cytoscape draws from scratch. (Not through the elements: which layer an
    // element names is what a swap must keep right.)
    // How many layers the ones on screen hold on to through `replaces` (each a canvas of megabytes).
    w.__heldLayers = () => {
      let n = 0;
      for (const layers of Object.values(r.data.lyrTxrCache.layersByLevel)) {
        for (const layer of layers) {
          for (let l = (layer as { replaces?: unknown }).replaces; l; l = (l as { replaces?: unknown }).replaces) {
            n++;
          }
        }
      }
      return n;
    };
    w.__redrawFromScratch = () => {
      const cache = r.data.lyrTxrCache;
      for (const layers of Object.values(cache.layersByLevel)) {
        [...layers].forEach((layer) => cache.invalidateLayer(layer));
      }
    };
  });
  type Page = {
    __renders: number[];
    __settled(): Promise<boolean>;
    __snapshot(name: string): void;
    __differing(a: string, b: string): number;
    __redrawFromScratch(): void;
    __heldLayers(): number;
    __layerSizedCanvases(): number;
    __drawnInLayers(): number;
    __layerElements(): number[];
  };
  /** Snapshots what Cytoscape draws from scratch as `fresh`. */
  const snapshotFresh = async (fresh: string) => {
    await s.page.evaluate(() => (window as unknown as Page).__redrawFromScratch());
    expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
    await s.page.evaluate((n) => (window as unknown as Page).__snapshot(n), fresh);
  };
  /** Snapshots the picture on screen as `name`, then what Cytoscape draws from scratch as `fresh`. */
  const snapshotWithFresh = async (name: string, fresh: string) => {
    await s.page.evaluate((n) => (window as unknown as Page).__snapshot(n), name);
    await snapshotFresh(fresh);
  };
  const renderCount = () => s.page.evaluate(() => (window as unknown as Page).__renders.length);
  /** Elements drawn one by one by each render since render `from`. */
  const rendersSince = (from: number) => s.page.evaluate((n) => (window as unknown as Page).__renders.slice(n), from);
  const layerSizedCanvases = () => s.page.evaluate(() => (window as unknown as Page).__layerSizedCanvases());
  expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
  // The panel makes the first replacement's bitmap in an idle period after the layer was drawn (the only layer-sized
  // one made so far: Cytoscape's own layer is made before there is a layer of its size).
  await s.page.waitForFunction(() => (window as unknown as Page).__layerSizedCanvases() > 0, undefined, {
    timeout: 10000,
  });
  await s.page.evaluate(() => (window as unknown as Page).__snapshot('old'));
  const rendersBefore = await renderCount();
  const canvasesBefore = await layerSizedCanvases();
  await s.call((api) => api.stageRefresh(1));
  await s.call((api) => api.refreshPanel(1));
  const after = await drawn();
  const healthChanged = Object.keys(after.edges).filter(
    (id) => before.edges[id].healthStatus !== after.edges[id].healthStatus
  );
  expect(healthChanged.length).toBeGreaterThan(10);
  expect(after.positions).toEqual(before.positions);
  expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
  const sinceRefresh = await rendersSince(rendersBefore);
  // Cytoscape did draw after the refresh, and never element by element.
  expect(sinceRefresh.length).toBeGreaterThan(0);
  expect(sinceRefresh.filter((n) => n > 0)).toEqual([]);
  // The first replacement drew on the bitmap made in idle time: the refresh made no layer-sized one.
  expect(await layerSizedCanvases()).toBe(canvasesBefore);
  await snapshotWithFresh('swapped', 'fresh');
  // The picture changed with the refresh, and what was swapped in is what Cytoscape draws from scratch.
  const differing = (a: string, b: string) =>
    s.page.evaluate((ab) => (window as unknown as Page).__differing(...ab), [a, b] as [string, string]);
  expect(await differing('old', 'swapped')).toBeGreaterThan(0);
  expect(await differing('swapped', 'fresh')).toBe(0);

  // Two more refreshes back to back: the second restyles elements whose layer was swapped in by the first. (Cytoscape
  // records a swapped-in layer where it does not read it; until the panel relinked them, its elements named the dead
  // layer, and the picture on screen kept the colours of the first refresh.)
  const rendersThen = await renderCount();
  const canvasesThen = await s.page.evaluate(() => (window as unknown as Page).__layerSizedCanvases());
  for (const variant of [2, 3]) {
    await s.call((api, v) => api.stageRefresh(v), variant);
    await s.call((api, v) => api.refreshPanel(v), variant);
    expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
    await s.page.evaluate((v) => (window as unknown as Page).__snapshot(`swapped${v}`), variant);
  }
  const rendersLater = await rendersSince(rendersThen);
  expect(rendersLater.filter((n) => n > 0)).toEqual([]);
  // Three swaps, and the layer on screen holds none of the layers it replaced.
  expect(await s.page.evaluate(() => (window as unknown as Page).__heldLayers())).toBe(0);
  // Each of the two replacements drew on the bitmap the swap before it let go, not on a new one.
  expect(await s.page.evaluate(() => (window as unknown as Page).__layerSizedCanvases())).toBe(canvasesThen);
  await snapshotFresh('fresh3');
  expect(await differing('swapped2', 'swapped3')).toBeGreaterThan(0);
  expect(await differing('swapped3', 'fresh3')).toBe(0);

  // A refresh in which two workloads are renamed (two nodes gone, two new with the same neighbours): the layer on
  // screen takes the new elements' drawing order and stays until a replacement with them is swapped in.
  const beforeRename = await drawn();
  const rendersAtRename = await renderCount();
  await s.call((api) => api.stageRefresh(4, { renamed: 2 }));
  await s.call((api) => api.refreshPanel(4));
  expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
  const renamed = await drawn();
  expect(Object.keys(renamed.positions).filter((id) => !(id in beforeRename.positions))).toHaveLength(2);
  const rendersRenamed = await rendersSince(rendersAtRename);
  expect(rendersRenamed.length).toBeGreaterThan(0);
  expect(rendersRenamed.filter((n) => n > 0)).toEqual([]);
  await snapshotWithFresh('renamed', 'freshRenamed');
  expect(await differing('fresh3', 'renamed')).toBeGreaterThan(0);
  expect(await differing('renamed', 'freshRenamed')).toBe(0);

  // Health back as at first, then two workloads fail and two recover: a change of a few elements' pixels. The
  // patch draws again only the elements near them, the layer on screen takes the tiles it drew (no swap), and the
  // picture is still what a fresh drawing makes.
  await s.call((api) => api.stageRefresh(5, { stableHealth: true }));
  await s.call((api) => api.refreshPanel(5));
  expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
  await s.page.evaluate(() => (window as unknown as Page).__snapshot('stable'));
  const drawnBefore = await s.page.evaluate(() => (window as unknown as Page).__drawnInLayers());
  const rendersAtFailing = await renderCount();
  const canvasesAtFailing = await layerSizedCanvases();
  await s.call((api) => api.stageRefresh(6, { stableHealth: true, failing: 2 }));
  await s.call((api) => api.refreshPanel(6));
  expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
  const redrawn = (await s.page.evaluate(() => (window as unknown as Page).__drawnInLayers())) - drawnBefore;
  const held = await s.page.evaluate(() => (window as unknown as Page).__layerElements());
  expect(held).toHaveLength(1);
  expect(redrawn).toBeGreaterThan(0);
  expect(redrawn).toBeLessThan(held[0] / 2);
  expect((await rendersSince(rendersAtFailing)).filter((n) => n > 0)).toEqual([]);
  // The patch drew on the bitmap the refresh before it let go.
  expect(await layerSizedCanvases()).toBe(canvasesAtFailing);
  await snapshotWithFresh('patched', 'freshPatched');
  expect(await differing('stable', 'patched')).toBeGreaterThan(0);
  expect(await differing('patched', 'freshPatched')).toBe(0);

  // Then one workload renamed (a node and its edges gone, a new one beside a neighbour): patched as well, the elements
  // gone cleared and the new ones drawn in the drawing order a fresh drawing has.
  const drawnBeforeRename = await s.page.evaluate(() => (window as unknown as Page).__drawnInLayers());
  await s.call((api) => api.stageRefresh(7, { stableHealth: true, failing: 2, renamed: 1 }));
  await s.call((api) => api.refreshPanel(7));
  expect(await s.page.evaluate(() => (window as unknown as Page).__settled())).toBe(true);
  const redrawnRenamed =
    (await s.page.evaluate(() => (window as unknown as Page).__drawnInLayers())) - drawnBeforeRename;
  const heldRenamed = await s.page.evaluate(() => (window as unknown as Page).__layerElements());
  expect(heldRenamed).toHaveLength(1);
  expect(redrawnRenamed).toBeGreaterThan(0);
  expect(redrawnRenamed).toBeLessThan(heldRenamed[0] * 0.6);
  await snapshotWithFresh('patchedRenamed', 'freshPatchedRenamed');
  expect(await differing('freshPatched', 'patchedRenamed')).toBeGreaterThan(0);
  expect(await differing('patchedRenamed', 'freshPatchedRenamed')).toBe(0);
}, 120000);
