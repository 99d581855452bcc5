/**
 * The refresh part of the panel bench (bench/panelBench.ts runs it in `npm run bench`): at 1,000 workloads, with
 * the frames of each refresh built before the clock starts and 30 quiet frames before each one,
 *   - main-thread CPU of one refresh (render, two frames, and what comes late: 300 ms after them) as a share of the
 *     same load's first paint: rates alone changing, rates with 1 % of the nodes changing health (5 failing anew, 5
 *     recovering), and rates with the synthetic variants' health changes (about a third of the nodes);
 *   - the longest main-thread task inside those refreshes (Chromium trace: wall and CPU time of each task);
 *   - frame intervals of a mouse drag during which a refresh (rates and health) lands;
 *   - a topology change of 1 % of the nodes (5 workloads renamed: 5 ids gone, 5 new with the same neighbours),
 *     whose kept nodes must not move.
 *
 *   npx tsx bench/panelBench.ts --refresh-only   # these figures alone, as JSON
 */
import type { BenchSession } from './session';
import { openBenchSession } from './session';
import type { MeshVariation } from './syntheticMesh';
import type { TraceEvent } from './traceSelfTime';
import {
  DRAG_FRAMES,
  frames,
  FrameStats,
  frameStats,
  median,
  mountOnFreshPage,
  ms,
  table,
  threadTime,
  variantOptions,
  VIEWPORT,
} from './benchStats';

/** Goals of a refresh at 1,000 nodes. */
export const REFRESH_GOALS = {
  /** A refresh with the same topology: main-thread CPU as a share of the first paint's. */
  refreshShare: 0.05,
  longestTaskMs: 50,
  dragP95Ms: 33,
  topologyShare: 0.1,
};
const GOALS = REFRESH_GOALS;

export const REFRESH_WORKLOADS = 1000;
const REFRESH_SAMPLES = 5;
const TOPOLOGY_STEPS = 3;
const SETTLE_FRAMES = 30;

export interface RefreshFigures {
  workloads: number;
  refreshes: number;
  firstPaintSeconds: number;
  firstPaintCpuSeconds: number;
  /** Same ids, new rates, and a share of edges and nodes changing health (the synthetic variants). */
  sameTopology: { wallMs: number; cpuMs: number; cpuShare: number };
  /** Same ids, new rates, health unchanged. */
  ratesOnly: { wallMs: number; cpuMs: number; cpuShare: number };
  /** Same ids, new rates, and 1 % of the nodes changing health (half failing anew, half recovering) with their edges. */
  fewHealthChanges: { wallMs: number; cpuMs: number; cpuShare: number };
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

/**
 * How long a refresh's window runs on after its two frames. Cytoscape redraws the whole graph 100 ms after some
 * changes (its debounced resize, when an attribute of its container changes): such late work is the refresh's too.
 */
const LATE_MS = 300;

/**
 * One staged refresh: wall ms (render + 2 frames) and main-thread CPU ms from the render until LATE_MS after those
 * frames, less what the page spends in a quiet window as long (timers, the bench's own calls).
 */
async function timedRefresh(
  s: BenchSession,
  variant: number,
  variation: MeshVariation
): Promise<{ wall: number; cpu: number }> {
  await s.call((api, a) => api.stageRefresh(a.variant, a.variation), { variant, variation });
  // The panel settles first (Cytoscape finishes caching layers in the frames after a change): refreshes come
  // every 10 s or more, so each one starts from a quiet page.
  await s.call((api, n) => api.frames(n), SETTLE_FRAMES);
  const q0 = await threadTime(s);
  await s.call((_api, ms) => new Promise((resolve) => setTimeout(resolve, ms)), LATE_MS);
  const quiet = (await threadTime(s)) - q0;
  const t0 = await threadTime(s);
  const wall = await s.call(
    async (api, a) => {
      performance.mark('meshgraph-refresh-start');
      const t = performance.now();
      await api.refreshPanel(a.variant);
      const ms = performance.now() - t;
      await new Promise((resolve) => setTimeout(resolve, a.late));
      performance.mark('meshgraph-refresh-end');
      return ms;
    },
    { variant, late: LATE_MS }
  );
  return { wall, cpu: ((await threadTime(s)) - t0 - quiet) * 1000 };
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

export async function measureRefresh(s: BenchSession, workloads: number): Promise<RefreshFigures> {
  const K = REFRESH_SAMPLES;
  const { mounted, cpuSeconds: firstPaintCpu } = await mountOnFreshPage(s, workloads, () =>
    s.call((api, options) => api.mountPanel({ options }), variantOptions('panel'))
  );
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
  // A few nodes change health (as most refreshes that change any do): the ids of the last topology step, and a
  // failing window of half a percent that moves on with each refresh.
  const few: Array<{ wall: number; cpu: number }> = [];
  for (let i = 0; i < K; i++) {
    few.push(await timedRefresh(s, v++, { ...stable, renamed, failing: step }));
  }
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
    fewHealthChanges: share(few),
    longestTask: {
      wallMs: Math.max(longestRates.wallMs, longestSame.wallMs),
      cpuMs: Math.max(longestRates.cpuMs, longestSame.cpuMs),
    },
    longestTaskRatesOnly: longestRates,
    dragDuringRefresh: frameStats(drag.intervals),
    topologyChange: { ...share(topo), keptMoved, longestTask: longestTopo },
  };
}

export function printRefresh(r: RefreshFigures): void {
  const pc = (x: number) => `${(x * 100).toFixed(1)} %`;
  const goal = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const shareRow = (name: string, f: { wallMs: number; cpuMs: number; cpuShare: number }, limit: number) => [
    name,
    ms(f.wallMs),
    ms(f.cpuMs),
    pc(f.cpuShare),
    `≤ ${pc(limit)}`,
    goal(f.cpuShare <= limit),
  ];
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
    shareRow('same ids, new rates and health', r.sameTopology, GOALS.refreshShare),
    shareRow('same ids, new rates only', r.ratesOnly, GOALS.refreshShare),
    shareRow('same ids, new rates, 1 % of the nodes change health', r.fewHealthChanges, GOALS.refreshShare),
    shareRow('1 % of the nodes replaced', r.topologyChange, GOALS.topologyShare),
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
}

/** The refresh figures alone: `npx tsx bench/panelBench.ts --refresh-only`. */
export async function benchRefresh(workloads = REFRESH_WORKLOADS): Promise<RefreshFigures> {
  const s = await openBenchSession({ viewport: VIEWPORT });
  try {
    const r = await measureRefresh(s, workloads);
    const errors = [...s.browser.pageErrors, ...s.browser.consoleErrors];
    if (errors.length > 0) {
      throw new Error(`errors in the benchmark page:\n${errors.slice(0, 5).join('\n')}`);
    }
    return r;
  } finally {
    await s.close();
  }
}
