/**
 * Drill-down figures on the 100 × 100 synthetic mesh (`npm run bench -- --only drilldown`), one backfilled
 * Prometheus for all of them:
 *
 * - How the panel gets what it draws, both ways measured on the built backend plugin as Grafana starts it:
 *   (a) asking the datasource again with `rollupExpand` (served from the shared evaluation) against (b) the full
 *   graph once and a local rollup (the full answer's bytes and JSON.parse, plus applyRollup of the engine as it
 *   ships, the least a local rollup would cost).
 * - The panel in Chromium through the sandbox (the built plugins, the real backend, the real Prometheus), workload
 *   graph of every namespace, datasource default rollup ('auto', budget 500):
 *   - first paint rolled up, from the panel's /api/ds/query request to an interactive graph (data-status ready):
 *     cold (the backend evaluates the graph) and warm (a second viewer of the same range);
 *   - expanding one namespace of 100 workloads: double-click → its box drawn (5 namespaces, median);
 *   - pan with those three expanded: cy.panBy once per animation frame, 60 frames;
 *   - JS heap and DOM nodes of the page after 50 expand/collapse cycles, against after 2 (forced GC before each);
 *   - the flat graph (rollup none, every node) painted the same way, as a figure.
 * Over 400 lines: the figures, their measurement and their printing stay together, as the other benches'.
 */
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { defaultGraphOptions } from '../src/engine';
import type { GraphModel } from '../src/engine';
import { launchBrowser } from '../tests/support/browser';
import { readArrowFrame, toDataFrameJSON } from '../tests/support/grafanaFrames';
import { BUILT_PLUGIN, startPlugin } from '../tests/support/grafanaHost';
import { startSandbox } from '../tests/support/sandboxServer';
import { encodeSandboxParams } from '../tests/sandbox/params';
import { buildSandboxHost } from '../tests/sandbox/build';
import type { BackendRecord } from '../tests/support/sandboxServer';
import { profileDuring, ProfileBuckets } from './panelPage/cpuProfile';
import { AnswerTiming, installReadyProbe, measureInPage } from './panelPage/drilldownProbe';
import { traceSelfTime } from './panelPage/traceSelfTime';

const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { applyRollup, buildGraph, fetchTransport, PrometheusClient } = require(
  path.join(root, 'build', 'bench', 'engine.cjs')
) as typeof import('./shippedEngine');

export const DRILLDOWN_GOALS = { firstPaintMs: 1500, expandMs: 300, fps: 30 };
const CYCLES = 50;
/**
 * SANDBOX_DIST (as the browser tests): a copy of dist/ to run against, so a long run need not hold the shared
 * build lock while others rebuild.
 */
const DIST = path.resolve(root, process.env.SANDBOX_DIST ?? 'dist');
const PLUGIN = process.env.SANDBOX_DIST ? path.join(DIST, 'datasource', path.basename(BUILT_PLUGIN)) : BUILT_PLUGIN;
const WINDOW = 600;

export interface TransportFigure {
  /** /api/ds/query JSON bytes (what the browser downloads). */
  bytes: number;
  /** The plugin's answer time with its Arrow frames read, ms (median of 3). */
  ms: number;
  nodes: number;
  /** The first of the three: the view computed and encoded (the others are served encoded). */
  firstMs?: number;
  /**
   * What the sandbox does with the answer in Node where Grafana's server works in Go, ms: reading the Arrow
   * frames (included in ms), FrameToJSON, JSON.stringify.
   */
  sandbox?: { arrowReadMs: number; toJsonMs: number; stringifyMs: number };
  /** The largest columns of the browser's JSON (frame.column → bytes). */
  columns?: Array<{ column: string; bytes: number }>;
}

export interface DrilldownFigures {
  mesh: string;
  fullNodes: number;
  fullEdges: number;
  transport: {
    coldRolledUp: TransportFigure;
    rolledUp: TransportFigure;
    expandOne: TransportFigure;
    /** The same expansion asked as changes to the held rolled-up view (rollupDeltaFrom). */
    expandChanges?: TransportFigure;
    full: TransportFigure;
    /** JSON.parse of the full answer, ms (Node; the browser's is of the same order). */
    fullParseMs: number;
    /** applyRollup(full model, namespace, one expanded), ms (median of 5). */
    localRollupMs: number;
  };
  panel: {
    firstPaintColdMs: number;
    firstPaintWarmMs: number;
    /** Of the warm first paint: request → answer received, and answer received → interactive. */
    warmAnswerMs: number;
    warmDrawMs: number;
    /**
     * Where the warm first paint's time goes: its last answer (browser: server and transfer; sandbox: the plugin
     * with Arrow read, FrameToJSON, stringify) and the page's main thread from navigation to interactive
     * (CPU profile of a third, profiled paint: ms per bucket).
     */
    warmAnswer: AnswerTiming & { sandbox?: BackendRecord['timing'] };
    warmProfile: ProfileBuckets;
    /** Per expansion: double-click → request sent, answer (server, transfer), answer → drawn; sandbox timings. */
    expandSplit: Array<
      { requestAfterMs: number; answerMs: number; drawMs: number; sandbox?: BackendRecord['timing'] } & AnswerTiming
    >;
    /** The main thread over one more expansion (CPU profile, ms per bucket). */
    expandProfile: ProfileBuckets;
    flatAnswerMs: number;
    flatDrawMs: number;
    rolledUpNodes: number;
    expandMs: number[];
    expandMedianMs: number;
    /** The same as a person's double-click: the first click selects the node, the second expands it. */
    expandSelectedMs: number[];
    expandSelectedMedianMs: number;
    pan: { medianMs: number; p95Ms: number; fps: number; frames: number };
    heap: { afterWarmupMB: number; afterCyclesMB: number; domNodesWarmup: number; domNodesAfter: number };
    flatPaintMs: number;
    flatNodes: number;
    /** The same rolled-up graph with the WebGL renderer: first paint (evaluation shared), one expansion, pan. */
    webgl?: { firstPaintMs: number; expandMs: number; pan: { medianMs: number; p95Ms: number; fps: number } };
  };
}

const log = (text: string) => process.stderr.write(`drilldown: ${text}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function transportFigures(
  url: string,
  namespaces: string[],
  queryTime: number,
  expandId: (ns: string) => string
): Promise<DrilldownFigures['transport'] & { fullNodes: number; fullEdges: number }> {
  const host = await startPlugin(PLUGIN);
  try {
    const ds = { uid: 'bench-drilldown', url, jsonData: { scrapeInterval: '15s' }, lastUpdatedMS: 1 };
    const query = (json: Record<string, unknown>) => ({
      refId: 'A',
      json: {
        namespaces,
        graphType: 'workload',
        injectServiceNodes: false,
        duration: `${WINDOW}s`,
        kubeState: false,
        ...json,
      },
      fromMs: (queryTime - WINDOW) * 1000,
      toMs: queryTime * 1000,
    });
    const ask = async (json: Record<string, unknown>) => {
      const start = performance.now();
      const answer = await host.queryData(ds, [query(json)]);
      const ms = performance.now() - start;
      if (answer.A.error) {
        throw new Error(`backend query failed: ${answer.A.error}`);
      }
      let t = performance.now();
      answer.A.raw.map((b) => readArrowFrame(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
      const arrowReadMs = performance.now() - t;
      t = performance.now();
      const frames = answer.A.frames.map(toDataFrameJSON);
      const toJsonMs = performance.now() - t;
      t = performance.now();
      const text = JSON.stringify({ results: { A: { status: 200, frames } } });
      const sandbox = { arrowReadMs, toJsonMs, stringifyMs: performance.now() - t };
      const nodes = answer.A.frames.find((f) => f.name === 'nodes');
      const rollup = (nodes?.meta as { custom?: { rollup?: { fullNodes: number; fullEdges: number } } })?.custom
        ?.rollup;
      return { ms, text, rows: nodes?.fields[0]?.values.length ?? 0, rollup, sandbox, frames };
    };
    // What the browser's bytes are made of: each column's JSON, largest first.
    const largestColumns = (frames: ReturnType<typeof toDataFrameJSON>[]) =>
      frames
        .flatMap((f) =>
          (f.schema.fields ?? []).map((fl, i) => ({
            column: `${f.schema.name ?? ''}.${fl.name}`,
            bytes: JSON.stringify(f.data.values[i] ?? null).length,
          }))
        )
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 8);
    const figure = async (json: Record<string, unknown>) => {
      const runs: Array<Awaited<ReturnType<typeof ask>>> = [];
      for (let i = 0; i < 3; i++) {
        runs.push(await ask(json));
      }
      const last = runs[runs.length - 1];
      const pick = (k: keyof typeof last.sandbox) => median(runs.map((r) => r.sandbox[k]));
      return {
        figure: {
          bytes: Buffer.byteLength(last.text),
          ms: median(runs.map((r) => r.ms)),
          nodes: last.rows,
          firstMs: runs[0].ms,
          sandbox: { arrowReadMs: pick('arrowReadMs'), toJsonMs: pick('toJsonMs'), stringifyMs: pick('stringifyMs') },
        },
        last,
      };
    };
    const cold = await ask({});
    const rolledUp = await figure({});
    const expandOne = await figure({ rollupExpand: [expandId(namespaces[0])] });
    // As the panel asks it: the changes from the rolled-up view it holds (same evaluation).
    const evaluation = (rolledUp.last.frames[0]?.schema.meta?.custom as { evaluation?: unknown } | undefined)
      ?.evaluation;
    const expandChanges = await figure({
      rollupExpand: [expandId(namespaces[0])],
      rollupDeltaFrom: { evaluation, expand: [] },
    });
    const full = await figure({ rollup: 'none' });
    const parses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      JSON.parse(full.last.text);
      parses.push(performance.now() - t);
    }
    // The local alternative: the full graph in hand, rolled up with one namespace expanded at each click.
    const options = defaultGraphOptions({
      namespaces,
      queryTime,
      duration: WINDOW,
      graphType: 'workload',
      injectServiceNodes: false,
    });
    const model: GraphModel = await buildGraph(
      options,
      new PrometheusClient(fetchTransport(url), { timeoutMs: 60000 })
    );
    const rollups: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      applyRollup(model, { ...options, rollup: 'namespace', rollupExpand: [expandId(namespaces[0])] });
      if (i >= 2) {
        rollups.push(performance.now() - t);
      }
    }
    return {
      coldRolledUp: { bytes: Buffer.byteLength(cold.text), ms: cold.ms, nodes: cold.rows },
      rolledUp: rolledUp.figure,
      expandOne: { ...expandOne.figure, columns: largestColumns(expandOne.last.frames) },
      expandChanges: expandChanges.figure,
      full: full.figure,
      fullParseMs: median(parses),
      localRollupMs: median(rollups),
      fullNodes: cold.rollup?.fullNodes ?? 0,
      fullEdges: cold.rollup?.fullEdges ?? 0,
    };
  } finally {
    await host.shutdown();
  }
}

/** Opens the sandbox on the panel and returns request → interactive (ms) and the drawn node count. */
async function openAndMeasure(page: Page, url: string, params: Record<string, unknown>) {
  await installReadyProbe(page);
  await page.goto(`${url}/?${encodeSandboxParams(params)}`, { waitUntil: 'load', timeout: 120000 });
  return measureInPage(page, 'firstPaint', undefined, 600000);
}

async function panelFigures(
  promUrl: string,
  namespaces: string[],
  queryTime: number
): Promise<DrilldownFigures['panel']> {
  // As Grafana: a second page load is a second viewer of the same datasource settings, sharing the evaluation.
  const sandbox = await startSandbox({
    prometheusUrl: promUrl,
    distDir: DIST,
    pluginExecutable: PLUGIN,
    keepSettingsVersion: true,
  });
  const host = await buildSandboxHost();
  const maps: Record<string, string> = { 'sandbox/host.js': path.join(host.outDir, 'host.js.map') };
  for (const file of ['panel/module.js', 'panel/fcose.js', 'panel/export.js', 'datasource/module.js']) {
    maps[file] = path.join(DIST, `${file}.map`);
  }
  const lastQuery = () => [...sandbox.backendLog].reverse().find((r) => r.kind === 'query')?.timing;
  const browser = await launchBrowser({ viewport: { width: 1500, height: 1000 } });
  try {
    const page = browser.page;
    page.on('crash', () => process.stderr.write('drilldown bench: the page crashed\n'));
    page.on('close', () => process.stderr.write('drilldown bench: the page closed\n'));
    const params = (extra: Record<string, unknown>, t: number, panelOptions: Record<string, unknown> = {}) => ({
      from: (t - WINDOW) * 1000,
      to: t * 1000,
      namespaces,
      targets: [
        {
          refId: 'A',
          namespaces: ['$namespace'],
          graphType: 'workload',
          injectServiceNodes: false,
          kubeState: false,
          ...extra,
        },
      ],
      width: 1400,
      height: 900,
      options: { edgeLabels: [], ...panelOptions },
    });
    // Cold: a range the backend has not evaluated; warm: the same range again (a second viewer).
    log('panel: first paint (cold)');
    const cold = await openAndMeasure(page, sandbox.url, params({}, queryTime));
    log(`panel: ${cold.nodes} nodes in ${cold.ms.toFixed(0)} ms; warm`);
    const warm = await openAndMeasure(page, sandbox.url, params({}, queryTime));
    const warmAnswer = { serverMs: warm.serverMs, transferMs: warm.transferMs, sandbox: lastQuery() };
    await page.evaluate(() => localStorage.clear());
    log(`panel: warm ${warm.ms.toFixed(0)} ms; expansions`);

    const expandMs: number[] = [];
    const expandSplit: DrilldownFigures['panel']['expandSplit'] = [];
    const rolled = await measureInPage(page, 'rolledUpIds', undefined);
    const expand = async (ids: string[]) => {
      for (const id of ids) {
        const { ms, ...split } = await measureInPage(page, 'toggle', id);
        expandMs.push(ms);
        expandSplit.push({ ...split, sandbox: lastQuery() });
      }
    };
    await expand(rolled.ids.slice(0, 3));
    log(`panel: expanded in ${expandMs.map((x) => x.toFixed(0)).join(', ')} ms; pan`);
    const pan = await measureInPage(page, 'pan', 60);
    // Two more (five namespaces in all): the first expansion of a page load also pays for code run the first time.
    await expand(rolled.ids.slice(3, 5));
    const profiled = rolled.ids[6];
    const expandProfile = await profileDuring(page, maps, () => measureInPage(page, 'toggle', profiled));
    await measureInPage(page, 'toggle', profiled);
    // As a person double-clicks: the first click selects the node and highlights what it reaches (dimming the
    // rest), the second expands it under that selection. Each collapsed again afterwards (untimed).
    const expandSelectedMs: number[] = [];
    for (const id of rolled.ids.slice(7, 10)) {
      expandSelectedMs.push((await measureInPage(page, 'toggle', { id, select: true })).ms);
      await measureInPage(page, 'toggle', id);
    }
    log(`panel: expanded under a selection in ${expandSelectedMs.map((x) => x.toFixed(0)).join(', ')} ms`);
    if (process.env.DRILLDOWN_TRACE) {
      // The same expansion under a DevTools trace: where "(program)" goes (style, layout, paint, canvas, GC).
      const self = await traceSelfTime(page, () => measureInPage(page, 'toggle', profiled));
      await measureInPage(page, 'toggle', profiled);
      log(
        `expand, trace self time (ms): ${self
          .slice(0, 25)
          .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
          .join(', ')}`
      );
    }
    log(`panel: ${CYCLES} expand/collapse cycles`);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
      return { mb: usage.usedSize / 1e6, nodes: metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? 0 };
    };
    const cycleId = rolled.ids[5];
    const cycle = async () => {
      await measureInPage(page, 'toggle', cycleId);
      await measureInPage(page, 'toggle', cycleId);
    };
    for (let i = 0; i < 2; i++) {
      await cycle();
    }
    const warmup = await heap();
    for (let i = 2; i < CYCLES; i++) {
      await cycle();
    }
    const after = await heap();
    await page.evaluate(() => localStorage.clear());
    // Profiled after the timed figures (a profiled page runs slower). The same range is answered from the shared
    // evaluation for five minutes, which covers every measurement of this page.
    const warmProfile = await profileDuring(page, maps, () => openAndMeasure(page, sandbox.url, params({}, queryTime)));
    await page.evaluate(() => localStorage.clear());

    log('panel: the flat graph');
    const flat = await openAndMeasure(page, sandbox.url, params({ rollup: 'none' }, queryTime));
    await page.evaluate(() => localStorage.clear());

    // Cytoscape's WebGL renderer on the rolled-up graph (software GL on these machines): paint, expand, pan.
    log('panel: WebGL renderer');
    const webglPaint = await openAndMeasure(page, sandbox.url, params({}, queryTime, { renderer: 'webgl' }));
    const webglRolled = await measureInPage(page, 'rolledUpIds', undefined);
    const webglExpand = await measureInPage(page, 'toggle', webglRolled.ids[0]);
    const webglPan = await measureInPage(page, 'pan', 60);
    await page.evaluate(() => localStorage.clear());
    return {
      firstPaintColdMs: cold.ms,
      firstPaintWarmMs: warm.ms,
      warmAnswerMs: warm.answerMs,
      warmDrawMs: warm.drawMs,
      warmAnswer,
      warmProfile,
      expandSplit,
      expandProfile,
      flatAnswerMs: flat.answerMs,
      flatDrawMs: flat.drawMs,
      rolledUpNodes: cold.nodes,
      expandMs,
      expandMedianMs: median(expandMs),
      expandSelectedMs,
      expandSelectedMedianMs: median(expandSelectedMs),
      pan,
      heap: {
        afterWarmupMB: warmup.mb,
        afterCyclesMB: after.mb,
        domNodesWarmup: warmup.nodes,
        domNodesAfter: after.nodes,
      },
      flatPaintMs: flat.ms,
      flatNodes: flat.nodes,
      webgl: { firstPaintMs: webglPaint.ms, expandMs: webglExpand.ms, pan: webglPan },
    };
  } finally {
    await browser.close();
    await sandbox.stop();
  }
}

export async function benchDrilldown(namespaceCount = 100, workloads = 100): Promise<DrilldownFigures> {
  const { syntheticTopology } = await import('../simulator');
  const { startBackfilledPrometheus } = await import('../tests/support/prometheusFixture');
  const { rollupNodeId } = await import('../src/contract');
  const topology = syntheticTopology({ namespaces: namespaceCount, workloadsPerNamespace: workloads, seed: 42 });
  const namespaces = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
  const cluster = topology.workloads[0]?.cluster ?? 'cluster-1';
  const end = 1767225600 - 15;
  const prom = await startBackfilledPrometheus({ topology, start: end - 1200, end, step: 15, histograms: 'none' });
  try {
    log(`transport (Prometheus backfilled in ${prom.backfillSeconds.toFixed(0)} s)`);
    const t = await transportFigures(prom.url, namespaces, prom.queryTime, (ns) =>
      rollupNodeId('namespace', cluster, ns)
    );
    // The panel asks at another instant, so its first paint is a cold evaluation too.
    const panel = await panelFigures(prom.url, namespaces, prom.queryTime - 60);
    const { fullNodes, fullEdges, ...transport } = t;
    return { mesh: `${namespaceCount}x${workloads}`, fullNodes, fullEdges, transport, panel };
  } finally {
    await prom.stop();
  }
}

export function printDrilldown(f: DrilldownFigures, table: (rows: string[][]) => void): void {
  const kb = (b: number) => `${(b / 1000).toFixed(0)} kB`;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const t = f.transport;
  process.stdout.write(
    `Drill-down, ${f.mesh} (${f.fullNodes} nodes, ${f.fullEdges} edges unrolled; workload graph, every namespace)\n`
  );
  table([
    ['what the browser gets', 'nodes', 'bytes', 'plugin answer'],
    ['rolled up (auto), first request', String(t.coldRolledUp.nodes), kb(t.coldRolledUp.bytes), ms(t.coldRolledUp.ms)],
    [
      'rolled up (auto), evaluation shared (first: view computed)',
      String(t.rolledUp.nodes),
      kb(t.rolledUp.bytes),
      `${ms(t.rolledUp.ms)} (first ${ms(t.rolledUp.firstMs ?? 0)})`,
    ],
    [
      're-ask with rollupExpand (one namespace; first: view computed)',
      String(t.expandOne.nodes),
      kb(t.expandOne.bytes),
      `${ms(t.expandOne.ms)} (first ${ms(t.expandOne.firstMs ?? 0)})`,
    ],
    ...(t.expandChanges
      ? [
          [
            '… asked as changes to the rolled-up view on screen (rows changed)',
            String(t.expandChanges.nodes),
            kb(t.expandChanges.bytes),
            `${ms(t.expandChanges.ms)} (first ${ms(t.expandChanges.firstMs ?? 0)})`,
          ],
        ]
      : []),
    ['full graph once (rollup none)', String(t.full.nodes), kb(t.full.bytes), ms(t.full.ms)],
    ['… + JSON.parse of it', '', '', ms(t.fullParseMs)],
    ['… + a local rollup per click (applyRollup)', '', '', ms(t.localRollupMs)],
  ]);
  const p = f.panel;
  table([
    ['panel (Chromium, sandbox, real backend)', 'figure', 'goal'],
    ['first paint rolled up, request → interactive, cold', ms(p.firstPaintColdMs), '≤ 1500 ms'],
    [
      `first paint rolled up, evaluation shared (answer ${ms(p.warmAnswerMs)}, then drawing ${ms(p.warmDrawMs)})`,
      ms(p.firstPaintWarmMs),
      '≤ 1500 ms',
    ],
    [
      `expand one namespace, median of ${p.expandMs.length} (${p.expandMs.map((x) => x.toFixed(0)).join(', ')} ms)`,
      ms(p.expandMedianMs),
      '≤ 300 ms',
    ],
    [
      `… under a selection, as a person double-clicks (${p.expandSelectedMs.map((x) => x.toFixed(0)).join(', ')} ms)`,
      ms(p.expandSelectedMedianMs),
      '≤ 300 ms',
    ],
    ['pan with three expanded', `${p.pan.fps.toFixed(0)} fps (p95 ${p.pan.p95Ms.toFixed(0)} ms)`, '≥ 30 fps'],
    [
      `heap after 2 → ${CYCLES} expand/collapse cycles`,
      `${p.heap.afterWarmupMB.toFixed(1)} → ${p.heap.afterCyclesMB.toFixed(1)} MB; DOM nodes ${p.heap.domNodesWarmup} → ${p.heap.domNodesAfter}`,
      'flat',
    ],
    [
      `flat paint, every node (${p.flatNodes} drawn; answer ${ms(p.flatAnswerMs)}, drawing ${ms(p.flatDrawMs)})`,
      ms(p.flatPaintMs),
      'a figure',
    ],
    ...(p.webgl
      ? [
          [
            'WebGL renderer: first paint rolled up / expand one / pan with it expanded',
            `${ms(p.webgl.firstPaintMs)} / ${ms(p.webgl.expandMs)} / ${p.webgl.pan.fps.toFixed(0)} fps`,
            'a figure',
          ],
        ]
      : []),
  ]);
  const split = (a: AnswerTiming & { sandbox?: BackendRecord['timing'] }) =>
    `server ${ms(a.serverMs)} (sandbox: plugin + Arrow read ${ms(a.sandbox?.pluginMs ?? 0)}, FrameToJSON ` +
    `${ms(a.sandbox?.toJsonMs ?? 0)}, stringify ${ms(a.sandbox?.stringifyMs ?? 0)}, ${kb(a.sandbox?.bytes ?? 0)}), ` +
    `transfer ${ms(a.transferMs)}`;
  const buckets = (b: ProfileBuckets) =>
    Object.entries(b)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  process.stdout.write(`warm first paint, its answer: ${split(p.warmAnswer)}\n`);
  process.stdout.write(`warm first paint, main thread (ms): ${buckets(p.warmProfile)}\n`);
  for (const e of p.expandSplit) {
    process.stdout.write(
      `expand: request after ${ms(e.requestAfterMs)}, answer ${ms(e.answerMs)}: ${split(e)}; drawn ${ms(e.drawMs)} later\n`
    );
  }
  process.stdout.write(`expand, main thread (ms): ${buckets(p.expandProfile)}\n`);
  const tr = t.rolledUp.sandbox;
  if (tr) {
    process.stdout.write(
      `sandbox stand-in on the rolled-up answer (Node): Arrow read ${ms(tr.arrowReadMs)}, FrameToJSON ` +
        `${ms(tr.toJsonMs)}, stringify ${ms(tr.stringifyMs)}; plugin view computed ${ms(t.rolledUp.firstMs ?? 0)}, ` +
        `expansion view computed ${ms(t.expandOne.firstMs ?? 0)}\n`
    );
  }
  const cols = t.expandOne.columns ?? [];
  if (cols.length > 0) {
    process.stdout.write(
      `expansion answer, largest columns: ${cols.map((c) => `${c.column} ${kb(c.bytes)}`).join(', ')}\n`
    );
  }
}
