/**
 * Panel section of `npm run bench`: the Meshgraph panel (src/panel, bundled by bench/panelPage/build.ts) in headless
 * Chromium at 1400×900, fed with synthetic frames (engine toFrames) of N = 100, 500, 1,000, 2,000 workloads (≈ 3
 * edges each, 10 namespace boxes), against plain Cytoscape with a grid layout on the same elements in the same run.
 * Per N, median of 3 page loads each:
 *   - first paint: panel mounted with its data → data-status="ready" → two animation frames (wall time), plus the
 *     renderer's main-thread CPU time over the same span (Chromium's ThreadTime; steadier on a shared machine);
 *   - pan: a left-button drag on the background for 40 frames (what a user does; Cytoscape's viewport options
 *     apply) and cy.panBy() once per frame for 20 frames; requestAnimationFrame intervals pooled over the 3 loads.
 * Plus heap, listener and DOM-node growth over 200 refreshes (new data objects, same ids, new rates) at 300
 * workloads, and the size of dist/panel/module.js.
 * Refresh at 1,000 workloads (frames built before the clock starts): main-thread CPU of one refresh (render,
 * two frames) as a share of the same load's first paint, with the synthetic variants' health changes and with
 * rates alone changing; the longest main-thread task during those refreshes (Chromium trace); frame intervals of
 * a mouse drag during which a refresh (rates and health) lands; a topology change of 1 % of the nodes (5 workloads renamed: 5 gone,
 * 5 new, rates changing, health kept), whose kept nodes must not move.
 *
 *   npx tsx bench/panelBench.ts [--quick] [--sizes 100,1000]   # tables only, no results.json
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

import type { PanResult } from './panelPage/api';
import { openBenchSession, type BenchSession } from './panelPage/session';
import { syntheticMesh } from './panelPage/syntheticMesh';

const REPO_ROOT = path.resolve(__dirname, '..');
const VIEWPORT = { width: 1400, height: 900 };
const LOADS = 3;
const DRAG_FRAMES = 40;
const PANBY_FRAMES = 20;
const REFRESHES = 200;
const REFRESH_WARMUP = 5;
const HEAP_WORKLOADS = 300;
const REFRESH_WORKLOADS = 1000;
const REFRESH_SAMPLES = 5;
const TOPOLOGY_STEPS = 3;
const SETTLE_FRAMES = 30;
/** What the panel is asked to show: labels on nodes and on edges (request rates), like the reference figures. */
const PANEL_OPTIONS = { edgeLabels: ['trafficRate'] };
export const GOALS = {
  workloads: 1000,
  firstPaintSeconds: 1.5,
  fps: 30,
  /** A refresh with the same topology: main-thread CPU as a share of the first paint's. */
  refreshShare: 0.05,
  longestTaskMs: 50,
  dragP95Ms: 33,
  topologyShare: 0.1,
};

export interface FrameStats {
  medianMs: number;
  p95Ms: number;
  fps: number;
  frames: number;
}

export interface Renderer {
  /** First paint per load, seconds. */
  firstPaintRuns: number[];
  firstPaintSeconds: number;
  /** Main-thread CPU seconds during the first paint (median). */
  firstPaintCpuSeconds: number;
  layout: string;
  drag: FrameStats;
  /** Median of the drag-release redraws (mouse up → two frames), ms. */
  dragReleaseMs: number;
  panBy: FrameStats;
}

export interface SizeFigures {
  workloads: number;
  boxes: number;
  edges: number;
  /** The panel with Cytoscape's canvas renderer. */
  panel: Renderer;
  /** The same panel, same elements, with Cytoscape's WebGL renderer (experimental in Cytoscape 3.34). */
  webgl: Renderer;
  baseline: Renderer;
  /** panel / baseline first paint (wall). */
  firstPaintRatio: number;
  firstPaintCpuRatio: number;
}

export interface HeapFigures {
  workloads: number;
  refreshes: number;
  heapBeforeMB: number;
  heapAfterMB: number;
  heapGrowthMB: number;
  listenersBefore: number;
  listenersAfter: number;
  domNodesBefore: number;
  domNodesAfter: number;
  /** Median wall time of one refresh (new frames built in the page, render, two frames), ms. */
  refreshMedianMs: number;
}

export interface RefreshFigures {
  workloads: number;
  refreshes: number;
  firstPaintSeconds: number;
  firstPaintCpuSeconds: number;
  /** Same ids, new rates, and a share of edges and nodes changing health (the synthetic variants). */
  sameTopology: { wallMs: number; cpuMs: number; cpuShare: number };
  /** Same ids, new rates, health unchanged. */
  ratesOnly: { wallMs: number; cpuMs: number; cpuShare: number };
  /** The longest main-thread task during the refreshes above (both kinds; rates alone): wall and CPU ms. */
  longestTask: { wallMs: number; cpuMs: number };
  longestTaskRatesOnly: { wallMs: number; cpuMs: number };
  /** Mouse drag with a refresh landing in it. */
  dragDuringRefresh: FrameStats;
  /** 1 % of the nodes replaced (renamed workloads). */
  topologyChange: {
    wallMs: number;
    cpuMs: number;
    cpuShare: number;
    keptMoved: number;
    longestTask: { wallMs: number; cpuMs: number };
  };
}

export interface PanelFigures {
  viewport: { width: number; height: number };
  loads: number;
  panelOptions: Record<string, unknown>;
  sizes: SizeFigures[];
  goals: {
    workloads: number;
    firstPaintSeconds: number;
    fps: number;
    firstPaintMet: boolean | null;
    /** Judged on the drag (user panning); the programmatic panBy figure is reported beside it. */
    fpsMet: boolean | null;
  };
  heap: HeapFigures;
  refresh: RefreshFigures;
  /** dist/panel/module.js as `npm run bench` builds it first. */
  bundle: { file: string; bytes: number; gzipBytes: number } | { file: string; missing: true };
}

// ---- helpers ----

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

function frameStats(intervals: number[]): FrameStats {
  const m = median(intervals);
  return { medianMs: m, p95Ms: p95(intervals), fps: 1000 / m, frames: intervals.length };
}

function table(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) {
    process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
  }
  process.stdout.write('\n');
}

function log(msg: string) {
  process.stderr.write(`[panel] ${msg}\n`);
}

const s2 = (x: number) => x.toFixed(2);
const ms = (x: number) => x.toFixed(0);
const frames = (f: FrameStats) => `${ms(f.medianMs)}/${ms(f.p95Ms)} (${f.fps.toFixed(0)} fps)`;

// ---- measurements ----

async function threadTime(s: BenchSession): Promise<number> {
  const m = (await s.cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return m.metrics.find((x) => x.name === 'ThreadTime')?.value ?? NaN;
}

type Variant = 'panel' | 'webgl' | 'baseline';

/** Panel options per variant (the baseline takes none). */
function variantOptions(which: Variant): Record<string, unknown> {
  return which === 'webgl' ? { ...PANEL_OPTIONS, renderer: 'webgl' } : { ...PANEL_OPTIONS, renderer: 'canvas' };
}

async function measureRenderer(s: BenchSession, which: Variant, workloads: number): Promise<Renderer> {
  const paints: number[] = [];
  const cpu: number[] = [];
  const drags: PanResult[] = [];
  const panBys: PanResult[] = [];
  let layout = '';
  for (let load = 0; load < LOADS; load++) {
    await s.load();
    await s.call((api, n) => api.prepare(n), workloads);
    const t0 = await threadTime(s);
    const r =
      which === 'baseline'
        ? await s.call((api) => api.mountBaseline())
        : await s.call((api, options) => api.mountPanel({ options }), variantOptions(which));
    cpu.push((await threadTime(s)) - t0);
    if (r.status !== 'ready' || r.nodeCount === 0) {
      throw new Error(`${which} at ${workloads}: status ${r.status}, ${r.nodeCount} nodes`);
    }
    paints.push(r.ms / 1000);
    layout = r.layout;
    const target: 'panel' | 'baseline' = which === 'baseline' ? 'baseline' : 'panel';
    drags.push(await s.call((api, a) => api.pan(a.target, 'drag', a.n), { target, n: DRAG_FRAMES }));
    panBys.push(await s.call((api, a) => api.pan(a.target, 'panBy', a.n), { target, n: PANBY_FRAMES }));
  }
  return {
    firstPaintRuns: paints,
    firstPaintSeconds: median(paints),
    firstPaintCpuSeconds: median(cpu),
    layout,
    drag: frameStats(drags.flatMap((d) => d.intervals)),
    dragReleaseMs: median(drags.map((d) => d.releaseMs ?? NaN)),
    panBy: frameStats(panBys.flatMap((d) => d.intervals)),
  };
}

async function measureHeap(s: BenchSession, workloads: number): Promise<HeapFigures> {
  await s.load();
  await s.call((api, n) => api.prepare(n), workloads);
  await s.call((api, options) => api.mountPanel({ options }), PANEL_OPTIONS);
  // A few refreshes first: caches that fill once (styles, label metrics, JIT) are not growth.
  for (let v = 1; v <= REFRESH_WARMUP; v++) {
    await s.call((api, x) => api.refreshPanel(x), v);
  }
  const before = await s.measure();
  const times = await s.call(
    async (api, a) => {
      const t: number[] = [];
      for (let v = a.from; v < a.from + a.count; v++) {
        const t0 = performance.now();
        await api.refreshPanel(v);
        t.push(performance.now() - t0);
      }
      return t;
    },
    { from: REFRESH_WARMUP + 1, count: REFRESHES }
  );
  const after = await s.measure();
  const dom = await s.call((api) => api.dom());
  if (dom.cyContainers !== 1) {
    throw new Error(`after ${REFRESHES} refreshes: ${dom.cyContainers} Cytoscape instances in the page`);
  }
  const mb = (b: number) => b / 1024 / 1024;
  return {
    workloads,
    refreshes: REFRESHES,
    heapBeforeMB: mb(before.heapUsed),
    heapAfterMB: mb(after.heapUsed),
    heapGrowthMB: mb(after.heapUsed - before.heapUsed),
    listenersBefore: before.metrics.JSEventListeners,
    listenersAfter: after.metrics.JSEventListeners,
    domNodesBefore: before.metrics.Nodes,
    domNodesAfter: after.metrics.Nodes,
    refreshMedianMs: median(times),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/**
 * Runs fn under a Chromium trace; the longest top-level task on the page's main thread: wall ms, and the most
 * CPU (thread time) any one task took, ms. On a shared machine a task's wall time includes the time the thread
 * waited for a core; its thread time does not.
 */
async function longestTask(s: BenchSession, fn: () => Promise<void>): Promise<{ wallMs: number; cpuMs: number }> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: unknown }) => events.push(...(e.value as TraceEvent[]));
  s.cdp.on('Tracing.dataCollected', onData);
  const done = new Promise<void>((resolve) => s.cdp.once('Tracing.tracingComplete', () => resolve()));
  await s.cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', '__metadata', 'blink.user_timing'] },
    transferMode: 'ReportEvents',
  });
  try {
    await fn();
  } finally {
    await s.cdp.send('Tracing.end');
    await done;
    s.cdp.off('Tracing.dataCollected', onData);
  }
  const main = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const threads = new Set(main.map((e) => `${e.pid}:${e.tid}`));
  // Only tasks inside a refresh (between the marks timedRefresh sets): staging the next frames is the bench's work.
  const marks = events.filter((e) => e.name.startsWith('meshgraph-refresh-')).sort((a, b) => a.ts - b.ts);
  const windows: Array<[number, number]> = [];
  for (let i = 0; i + 1 < marks.length; i++) {
    if (marks[i].name === 'meshgraph-refresh-start' && marks[i + 1].name === 'meshgraph-refresh-end') {
      windows.push([marks[i].ts, marks[i + 1].ts]);
    }
  }
  const inRefresh = (e: TraceEvent) => windows.some(([a, b]) => e.ts < b && e.ts + (e.dur ?? 0) > a);
  const longest = { wallMs: 0, cpuMs: 0 };
  for (const e of events) {
    if (
      e.ph === 'X' &&
      e.name === 'ThreadControllerImpl::RunTask' &&
      threads.has(`${e.pid}:${e.tid}`) &&
      inRefresh(e)
    ) {
      longest.wallMs = Math.max(longest.wallMs, (e.dur ?? 0) / 1000);
      longest.cpuMs = Math.max(longest.cpuMs, (e.tdur ?? 0) / 1000);
    }
  }
  return longest;
}

type Variation = { stableHealth?: boolean; renamed?: number };

/** One staged refresh: wall ms (render + 2 frames) and main-thread CPU ms. */
async function timedRefresh(
  s: BenchSession,
  variant: number,
  variation: Variation
): Promise<{ wall: number; cpu: number }> {
  await s.call((api, a) => api.stageRefresh(a.variant, a.variation), { variant, variation });
  // The panel settles first (Cytoscape finishes caching layers in the frames after a change): refreshes come
  // every 10 s or more, so each one starts from a quiet page.
  await s.call((api, n) => api.frames(n), SETTLE_FRAMES);
  const t0 = await threadTime(s);
  const wall = await s.call(async (api, v) => {
    performance.mark('meshgraph-refresh-start');
    const t = performance.now();
    await api.refreshPanel(v);
    const ms = performance.now() - t;
    performance.mark('meshgraph-refresh-end');
    return ms;
  }, variant);
  return { wall, cpu: ((await threadTime(s)) - t0) * 1000 };
}

type Positions = Record<string, { x: number; y: number }>;

function leafPositions(s: BenchSession): Promise<Positions> {
  return s.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { nodes(): Array<{ id(): string; data(k: string): unknown; position(): { x: number; y: number } }> };
    };
    const out: Record<string, { x: number; y: number }> = {};
    for (const n of el.__cy.nodes()) {
      if (!n.data('isBox')) {
        out[n.id()] = { ...n.position() };
      }
    }
    return out;
  });
}

async function measureRefresh(s: BenchSession, workloads: number): Promise<RefreshFigures> {
  const K = REFRESH_SAMPLES;
  await s.load();
  await s.call((api, n) => api.prepare(n), workloads);
  const t0 = await threadTime(s);
  const mounted = await s.call((api, options) => api.mountPanel({ options }), variantOptions('panel'));
  const firstPaintCpu = (await threadTime(s)) - t0;
  // Two refreshes first: what fills once (JIT, style caches) is not a refresh's cost. The mount shows variant 0's
  // health; the rates-only, topology and drag refreshes keep it, the last group changes it every time.
  const stable = { stableHealth: true };
  let v = 1;
  for (; v <= 2; v++) {
    await timedRefresh(s, v, stable);
  }
  const rates: Array<{ wall: number; cpu: number }> = [];
  const longestRates = await longestTask(s, async () => {
    for (let i = 0; i < K; i++) {
      rates.push(await timedRefresh(s, v++, stable));
    }
  });
  // Topology: each step renames 5 more workloads (5 ids gone, 5 new, the same neighbours).
  const step = Math.max(1, Math.round(workloads / 200));
  const topo: Array<{ wall: number; cpu: number }> = [];
  let keptMoved = 0;
  let renamed = 0;
  const longestTopo = await longestTask(s, async () => {
    for (let i = 1; i <= TOPOLOGY_STEPS; i++) {
      const before = await leafPositions(s);
      renamed = i * step;
      topo.push(await timedRefresh(s, v++, { ...stable, renamed }));
      const after = await leafPositions(s);
      for (const [id, p] of Object.entries(after)) {
        const b = before[id];
        if (b && (Math.abs(b.x - p.x) > 0.5 || Math.abs(b.y - p.y) > 0.5)) {
          keptMoved++;
        }
      }
    }
  });
  // The drag's refresh changes rates and health: the heavier kind.
  await s.call((api, a) => api.stageRefresh(a.v, a.variation), { v, variation: { renamed } });
  const drag = await s.call((api, a) => api.dragWhileRefreshing(a.frames, a.variant), {
    frames: DRAG_FRAMES,
    variant: v++,
  });
  const same: Array<{ wall: number; cpu: number }> = [];
  const longestSame = await longestTask(s, async () => {
    for (let i = 0; i < K; i++) {
      same.push(await timedRefresh(s, v++, { renamed }));
    }
  });
  const share = (xs: Array<{ wall: number; cpu: number }>) => {
    const cpu = median(xs.map((x) => x.cpu));
    return { wallMs: median(xs.map((x) => x.wall)), cpuMs: cpu, cpuShare: cpu / (firstPaintCpu * 1000) };
  };
  return {
    workloads,
    refreshes: K,
    firstPaintSeconds: mounted.ms / 1000,
    firstPaintCpuSeconds: firstPaintCpu,
    sameTopology: share(same),
    ratesOnly: share(rates),
    longestTask: {
      wallMs: Math.max(longestRates.wallMs, longestSame.wallMs),
      cpuMs: Math.max(longestRates.cpuMs, longestSame.cpuMs),
    },
    longestTaskRatesOnly: longestRates,
    dragDuringRefresh: frameStats(drag.intervals),
    topologyChange: { ...share(topo), keptMoved, longestTask: longestTopo },
  };
}

function bundleSize(): PanelFigures['bundle'] {
  const file = path.join(REPO_ROOT, 'dist', 'panel', 'module.js');
  const rel = path.relative(REPO_ROOT, file);
  if (!fs.existsSync(file)) {
    return { file: rel, missing: true };
  }
  const buf = fs.readFileSync(file);
  return { file: rel, bytes: buf.length, gzipBytes: zlib.gzipSync(buf, { level: 9 }).length };
}

// ---- report ----

function printFigures(f: PanelFigures) {
  process.stdout.write(
    `Panel in headless Chromium ${f.viewport.width}×${f.viewport.height}: ` +
      `N workloads in 10 namespace boxes, ≈ 3 edges each, labels on nodes and edges; median of ${f.loads} loads. ` +
      `Baseline: plain Cytoscape, grid layout, same elements.\n` +
      `Pan ms = frame interval median/p95 (fps = 1000/median); drag = mouse drag on the background, panBy = cy.panBy() per frame.\n`
  );
  table([
    ['N', 'edges', 'renderer', 'layout', 'first paint s (CPU s)', 'vs grid (CPU)', 'drag ms', 'release ms', 'panBy ms'],
    ...f.sizes.flatMap((x) =>
      (
        [
          ['Meshgraph canvas', x.panel],
          ['Meshgraph WebGL', x.webgl],
          ['plain Cytoscape', x.baseline],
        ] as const
      ).map(([name, r]) => [
        String(x.workloads),
        String(x.edges),
        name,
        r.layout,
        `${s2(r.firstPaintSeconds)} (${s2(r.firstPaintCpuSeconds)})`,
        r === x.baseline
          ? ''
          : `${s2(r.firstPaintSeconds / x.baseline.firstPaintSeconds)}× (${s2(
              r.firstPaintCpuSeconds / x.baseline.firstPaintCpuSeconds
            )}×)`,
        frames(r.drag),
        ms(r.dragReleaseMs),
        frames(r.panBy),
      ])
    ),
  ]);
  const g = f.goals;
  const at = f.sizes.find((x) => x.workloads === g.workloads);
  const met = (v: boolean | null) => (v === null ? 'not measured' : v ? 'met' : 'NOT met');
  table([
    [`goal at ${g.workloads} nodes`, 'target', 'measured', ''],
    [
      'first paint',
      `≤ ${g.firstPaintSeconds} s`,
      at ? `${s2(at.panel.firstPaintSeconds)} s (baseline ${s2(at.baseline.firstPaintSeconds)} s)` : '-',
      met(g.firstPaintMet),
    ],
    [
      'pan (mouse drag)',
      `≥ ${g.fps} fps`,
      at
        ? `${at.panel.drag.fps.toFixed(0)} fps, p95 ${ms(at.panel.drag.p95Ms)} ms; release redraw ${ms(at.panel.dragReleaseMs)} ms`
        : '-',
      met(g.fpsMet),
    ],
    [
      'pan (cy.panBy, for reference)',
      `≥ ${g.fps} fps`,
      at ? `${at.panel.panBy.fps.toFixed(0)} fps` : '-',
      at ? met(at.panel.panBy.fps >= g.fps) : '-',
    ],
  ]);
  const h = f.heap;
  table([
    [`${h.refreshes} refreshes at ${h.workloads} nodes`, 'before', 'after', 'growth'],
    ['JS heap (MB, after forced GC)', h.heapBeforeMB.toFixed(1), h.heapAfterMB.toFixed(1), h.heapGrowthMB.toFixed(2)],
    [
      'JS event listeners',
      String(h.listenersBefore),
      String(h.listenersAfter),
      String(h.listenersAfter - h.listenersBefore),
    ],
    ['DOM nodes', String(h.domNodesBefore), String(h.domNodesAfter), String(h.domNodesAfter - h.domNodesBefore)],
    ['one refresh (median ms)', '', ms(h.refreshMedianMs), ''],
  ]);
  const r = f.refresh;
  const pc = (x: number) => `${(x * 100).toFixed(1)} %`;
  const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
  table([
    [
      `refresh at ${r.workloads} nodes (median of ${r.refreshes})`,
      'wall ms',
      'CPU ms',
      'CPU / first paint CPU',
      'goal',
      '',
    ],
    ['first paint (this load)', ms(r.firstPaintSeconds * 1000), ms(r.firstPaintCpuSeconds * 1000), '', '', ''],
    [
      'same ids, new rates and health',
      ms(r.sameTopology.wallMs),
      ms(r.sameTopology.cpuMs),
      pc(r.sameTopology.cpuShare),
      `≤ ${pc(GOALS.refreshShare)}`,
      goal(r.sameTopology.cpuShare <= GOALS.refreshShare),
    ],
    [
      'same ids, new rates only',
      ms(r.ratesOnly.wallMs),
      ms(r.ratesOnly.cpuMs),
      pc(r.ratesOnly.cpuShare),
      `≤ ${pc(GOALS.refreshShare)}`,
      goal(r.ratesOnly.cpuShare <= GOALS.refreshShare),
    ],
    [
      '1 % of the nodes replaced',
      ms(r.topologyChange.wallMs),
      ms(r.topologyChange.cpuMs),
      pc(r.topologyChange.cpuShare),
      `≤ ${pc(GOALS.topologyShare)}`,
      goal(r.topologyChange.cpuShare <= GOALS.topologyShare),
    ],
    ...(
      [
        ['longest main-thread task: rates only', r.longestTaskRatesOnly],
        ['… rates only or rates and health', r.longestTask],
        ['… topology change', r.topologyChange.longestTask],
      ] as const
    ).map(([name, t]) => [
      name,
      ms(t.wallMs),
      ms(t.cpuMs),
      '',
      `≤ ${GOALS.longestTaskMs}`,
      `${goal(t.wallMs <= GOALS.longestTaskMs)} (CPU ${goal(t.cpuMs <= GOALS.longestTaskMs)})`,
    ]),
    [
      'drag with a refresh landing: frame ms median/p95',
      frames(r.dragDuringRefresh),
      '',
      '',
      `p95 ≤ ${GOALS.dragP95Ms}`,
      goal(r.dragDuringRefresh.p95Ms <= GOALS.dragP95Ms),
    ],
    [
      'kept nodes moved by the topology change',
      String(r.topologyChange.keptMoved),
      '',
      '',
      '0',
      goal(r.topologyChange.keptMoved === 0),
    ],
  ]);
  const b = f.bundle;
  process.stdout.write(
    'missing' in b
      ? `Panel bundle: ${b.file} missing (run npm run build)\n\n`
      : `Panel bundle: ${b.file} ${(b.bytes / 1024).toFixed(0)} KiB, gzip ${(b.gzipBytes / 1024).toFixed(0)} KiB\n\n`
  );
}

/** The refresh figures alone: `npx tsx bench/panelBench.ts --refresh-only`. */
export async function benchRefresh(): Promise<RefreshFigures> {
  const s = await openBenchSession({ viewport: VIEWPORT });
  try {
    const r = await measureRefresh(s, REFRESH_WORKLOADS);
    const errors = [...s.browser.pageErrors, ...s.browser.consoleErrors];
    if (errors.length > 0) {
      throw new Error(`errors in the benchmark page:\n${errors.slice(0, 5).join('\n')}`);
    }
    return r;
  } finally {
    await s.close();
  }
}

export async function benchPanel(opts: { quick: boolean; sizes?: number[] }): Promise<PanelFigures> {
  const sizes = opts.sizes ?? (opts.quick ? [100, 1000] : [100, 500, 1000, 2000]);
  const s = await openBenchSession({ viewport: VIEWPORT });
  try {
    const out: SizeFigures[] = [];
    for (const n of sizes) {
      log(`${n} workloads: Meshgraph panel`);
      const model = syntheticMesh(n);
      const boxes = model.nodes.filter((x) => x.nodeType === 'box').length;
      const panel = await measureRenderer(s, 'panel', n);
      log(`${n} workloads: Meshgraph panel, WebGL renderer`);
      const webgl = await measureRenderer(s, 'webgl', n);
      log(`${n} workloads: grid baseline`);
      const baseline = await measureRenderer(s, 'baseline', n);
      out.push({
        workloads: model.nodes.length - boxes,
        boxes,
        edges: model.edges.length,
        panel,
        webgl,
        baseline,
        firstPaintRatio: panel.firstPaintSeconds / baseline.firstPaintSeconds,
        firstPaintCpuRatio: panel.firstPaintCpuSeconds / baseline.firstPaintCpuSeconds,
      });
    }
    log(`heap over ${REFRESHES} refreshes at ${HEAP_WORKLOADS} workloads`);
    const heap = await measureHeap(s, HEAP_WORKLOADS);
    log(`refresh at ${REFRESH_WORKLOADS} workloads`);
    const refresh = await measureRefresh(s, REFRESH_WORKLOADS);
    const errors = [...s.browser.pageErrors, ...s.browser.consoleErrors];
    if (errors.length > 0) {
      throw new Error(`errors in the benchmark page:\n${errors.slice(0, 5).join('\n')}`);
    }
    const at = out.find((x) => x.workloads === GOALS.workloads);
    const figures: PanelFigures = {
      viewport: VIEWPORT,
      loads: LOADS,
      panelOptions: PANEL_OPTIONS,
      sizes: out,
      goals: {
        ...GOALS,
        firstPaintMet: at ? at.panel.firstPaintSeconds <= GOALS.firstPaintSeconds : null,
        fpsMet: at ? at.panel.drag.fps >= GOALS.fps : null,
      },
      heap,
      refresh,
      bundle: bundleSize(),
    };
    printFigures(figures);
    return figures;
  } finally {
    await s.close();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
  if (args.includes('--refresh-only')) {
    benchRefresh().then(
      (r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'),
      (e) => {
        process.stderr.write(`refresh bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(1);
      }
    );
  } else {
    benchPanel({
      quick: args.includes('--quick'),
      sizes: sizesArg ? sizesArg.split(',').map(Number) : undefined,
    }).catch((e) => {
      process.stderr.write(`panel bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
  }
}
