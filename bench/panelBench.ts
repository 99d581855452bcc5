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
 * Plus the refresh figures at 1,000 workloads (bench/panelPage/refreshBench.ts).
 *
 *   npx tsx bench/panelBench.ts [--quick] [--sizes 100,1000] [--refresh-only [--workloads N]]   # no results.json
 */
import fs from 'fs';
import path from 'path';
import zlib from 'zlib';

import type { PanResult } from './panelPage/api';
import { openBenchSession, type BenchSession } from './panelPage/session';
import { syntheticMesh } from './panelPage/syntheticMesh';
import {
  DRAG_FRAMES,
  frames,
  FrameStats,
  frameStats,
  median,
  mountOnFreshPage,
  ms,
  PANEL_OPTIONS,
  table,
  variantOptions,
  VIEWPORT,
} from './panelPage/benchStats';
import {
  benchRefresh,
  measureRefresh,
  printRefresh,
  REFRESH_WORKLOADS,
  type RefreshFigures,
} from './panelPage/refreshBench';

const REPO_ROOT = path.resolve(__dirname, '..');
const LOADS = 3;
const PANBY_FRAMES = 20;
const REFRESHES = 200;
const REFRESH_WARMUP = 5;
const HEAP_WORKLOADS = 300;
export const GOALS = { workloads: 1000, firstPaintSeconds: 1.5, fps: 30 };

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

function log(msg: string) {
  process.stderr.write(`[panel] ${msg}\n`);
}

const s2 = (x: number) => x.toFixed(2);

// ---- measurements ----

type Variant = 'panel' | 'webgl' | 'baseline';

async function measureRenderer(s: BenchSession, which: Variant, workloads: number): Promise<Renderer> {
  const paints: number[] = [];
  const cpu: number[] = [];
  const drags: PanResult[] = [];
  const panBys: PanResult[] = [];
  let layout = '';
  for (let load = 0; load < LOADS; load++) {
    const { mounted: r, cpuSeconds } = await mountOnFreshPage(s, workloads, () =>
      which === 'baseline'
        ? s.call((api) => api.mountBaseline())
        : s.call((api, options) => api.mountPanel({ options }), variantOptions(which))
    );
    cpu.push(cpuSeconds);
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
  const b = f.bundle;
  process.stdout.write(
    'missing' in b
      ? `Panel bundle: ${b.file} missing (run npm run build)\n\n`
      : `Panel bundle: ${b.file} ${(b.bytes / 1024).toFixed(0)} KiB, gzip ${(b.gzipBytes / 1024).toFixed(0)} KiB\n\n`
  );
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
    printRefresh(refresh);
    return figures;
  } finally {
    await s.close();
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const sizesArg = args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : undefined;
  if (args.includes('--refresh-only')) {
    const at = args.includes('--workloads') ? Number(args[args.indexOf('--workloads') + 1]) : undefined;
    benchRefresh(at).then(
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
