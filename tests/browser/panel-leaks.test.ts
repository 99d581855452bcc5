/**
 * The panel releases what it takes: Cytoscape instances, canvases, DOM nodes, event listeners, animation frames and
 * timers. The panel component from src/panel runs in Chromium on the benchmark page (bench/panelPage/), fed with
 * synthetic frames from the engine's toFrames; timers are counted by wrappers installed before any page script.
 * Counts are read after a forced GC (CDP HeapProfiler.collectGarbage + Performance.getMetrics). No timing here.
 *
 * Slack: one leaked panel would leave ≥ 1 Cytoscape container, 3 canvases, dozens of listeners (Cytoscape binds
 * window, container and canvas handlers) and hundreds of DOM nodes (toolbar, Select, table of the 30-node graph),
 * so a fixed slack of 10 listeners and 50 nodes cannot hide one leak per cycle, let alone 50.
 */
import type { DomCounts, TimerCounts } from '../../bench/panelPage/api';
import type { BenchSession } from '../../bench/panelPage/session';
import { benchPageForFile } from '../support/benchPage';

const LISTENER_SLACK = 10;
const NODE_SLACK = 50;
const WORKLOADS = 30;
/** Odd cycles take the large-graph path (layered layout, texture-on-viewport renderer options). */
const LARGE = { largeGraphThreshold: 10 };

let s: BenchSession;

interface Snapshot {
  listeners: number;
  nodes: number;
  dom: DomCounts;
  timers: TimerCounts;
}

async function snapshot(): Promise<Snapshot> {
  const m = await s.measure();
  const dom = await s.call((api) => api.dom());
  const timers = await s.call((api) => api.timers());
  if (!timers) {
    throw new Error('timer counters not installed');
  }
  return { listeners: m.metrics.JSEventListeners, nodes: m.metrics.Nodes, dom, timers };
}

/** rAF requests made during `ms` of idle time. */
async function rafRequestsDuring(ms: number): Promise<number> {
  const before = (await s.call((api) => api.timers()))!.rafRequests;
  await s.page.waitForTimeout(ms);
  return (await s.call((api) => api.timers()))!.rafRequests - before;
}

benchPageForFile({ width: 1000, height: 700 }, (opened) => (s = opened));

beforeAll(async () => {
  await s.call((api, n) => api.prepare(n), WORKLOADS);
}, 120000);

test('the counters see a live panel (so the checks below can fail)', async () => {
  const idle = await snapshot();
  await s.call((api) => api.mountPanel({ width: 900, height: 600 }));
  const live = await snapshot();
  expect(live.dom.cyContainers).toBe(idle.dom.cyContainers + 1);
  expect(live.dom.canvases).toBeGreaterThanOrEqual(idle.dom.canvases + 3);
  expect(live.listeners).toBeGreaterThan(idle.listeners + LISTENER_SLACK);
  expect(live.nodes).toBeGreaterThan(idle.nodes + NODE_SLACK);
  // Cytoscape's render loop asks for a frame every frame while an instance lives.
  expect(await rafRequestsDuring(300)).toBeGreaterThan(0);
  await s.call((api) => api.unmountPanel());
});

test('50 mounts and unmounts leave no instance, canvas, listener, node, frame or timer behind', async () => {
  // One cycle first: module-level caches (emotion styles, icon cache) fill once and are not leaks.
  await s.call((api, o) => api.mountPanel({ width: 900, height: 600, options: o }), LARGE);
  await s.call((api) => api.unmountPanel());
  await s.page.waitForTimeout(500);
  const base = await snapshot();
  expect(base.dom.cyContainers).toBe(0);

  for (let i = 0; i < 50; i++) {
    const r = await s.call((api, o) => api.mountPanel({ width: 900, height: 600, options: o }), i % 2 ? LARGE : {});
    expect(r.status).toBe('ready');
    expect(r.layout).toBe(i % 2 ? 'layered' : 'dagre');
    await s.call((api) => api.unmountPanel());
  }
  // Let pending one-shot timeouts (Cytoscape's debounces, tooltips) run out.
  await s.page.waitForTimeout(1000);
  const after = await snapshot();
  expect(after.dom.cyContainers).toBe(0);
  expect(after.dom.canvases).toBe(base.dom.canvases);
  expect(after.listeners).toBeLessThanOrEqual(base.listeners + LISTENER_SLACK);
  expect(after.nodes).toBeLessThanOrEqual(base.nodes + NODE_SLACK);
  expect(after.timers.rafPending).toBe(base.timers.rafPending);
  expect(after.timers.intervals).toBe(base.timers.intervals);
  expect(after.timers.timeouts).toBeLessThanOrEqual(base.timers.timeouts);
  expect(await rafRequestsDuring(1000)).toBe(0);
});

test('100 refreshes with new data objects and 50 resizes keep one instance and flat counts', async () => {
  await s.call((api) => api.mountPanel({ width: 900, height: 600 }));
  await s.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as HTMLElement & { __cy?: unknown };
    (window as unknown as { firstCy: unknown }).firstCy = el.__cy;
  });
  // Warm-up refresh (first in-place update path), then the reference counts.
  await s.call((api) => api.refreshPanel(1));
  const base = await snapshot();
  expect(base.dom.cyContainers).toBe(1);

  for (let v = 2; v <= 101; v++) {
    await s.call((api, x) => api.refreshPanel(x), v);
  }
  const refreshed = await snapshot();
  expect(refreshed.dom.cyContainers).toBe(1);
  expect(refreshed.dom.canvases).toBe(base.dom.canvases);
  expect(refreshed.listeners).toBeLessThanOrEqual(base.listeners + LISTENER_SLACK);
  expect(refreshed.nodes).toBeLessThanOrEqual(base.nodes + NODE_SLACK);
  expect(refreshed.timers.intervals).toBe(base.timers.intervals);

  for (let i = 0; i < 50; i++) {
    await s.call((api, k) => api.resizePanel(k % 2 ? 700 : 900, k % 2 ? 450 : 600), i);
  }
  const resized = await snapshot();
  expect(resized.dom.cyContainers).toBe(1);
  expect(resized.dom.canvases).toBe(base.dom.canvases);
  expect(resized.listeners).toBeLessThanOrEqual(base.listeners + LISTENER_SLACK);
  expect(resized.nodes).toBeLessThanOrEqual(base.nodes + NODE_SLACK);
  expect(resized.timers.intervals).toBe(base.timers.intervals);
  // The same Cytoscape instance throughout: refreshes update it in place, resizes resize it.
  expect(
    await s.page.evaluate(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as HTMLElement & { __cy?: unknown };
      return el.__cy === (window as unknown as { firstCy: unknown }).firstCy;
    })
  ).toBe(true);

  await s.call((api) => api.unmountPanel());
  await s.page.evaluate(() => delete (window as unknown as { firstCy?: unknown }).firstCy);
  await s.page.waitForTimeout(1000);
  const gone = await snapshot();
  expect(gone.dom.cyContainers).toBe(0);
  expect(gone.dom.canvases).toBeLessThan(base.dom.canvases);
  expect(gone.timers.rafPending).toBe(0);
  expect(gone.timers.intervals).toBe(0);
  expect(await rafRequestsDuring(1000)).toBe(0);
});
