/**
 * Engine and end-to-end figures against real Prometheus loaded with a seeded synthetic mesh:
 * - Kiali's per-namespace query set (the baseline: what Prometheus needs to answer Kiali for the same graph),
 * - Meshgraph end to end in a warm process (request → frames, the datasource's path), bytes and samples,
 * - the engine's in-process time against JSON.parse of the same answers,
 * - the CLI cold start and its peak memory.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultGraphOptions, planKialiBaseline, planQueries } from '../src/engine';
import type { GraphOptions, HttpTransport } from '../src/engine';
import { syntheticTopology } from '../simulator';
import { startBackfilledPrometheus } from '../tests/support/prometheusFixture';
import { benchBackend, BackendFigures } from './backendBench';
import { benchRollup, RollupFigures } from './rollupBench';

const root = path.resolve(__dirname, '..');
// The timed engine, as built (npm run build); see shippedEngine.ts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const {
  buildGraph,
  encodeFrame,
  fetchTransport,
  graphWireFrames,
  PrometheusClient,
  toFrames,
  trafficVisitor,
  TrafficMap,
} = require(path.join(root, 'build', 'bench', 'engine.cjs')) as typeof import('./shippedEngine');

export interface MeshFigures {
  mesh: string;
  namespaces: number;
  series: number;
  backfillSeconds: number;
  kiali: { queries: number; seconds: number; bytes: number; samples: number; prometheusCpuSeconds: number };
  /** The graph as the panel shows it (rates, errors, health; no per-code flags and hosts). */
  ours: OursFigures;
  /** The same graph with response flags and hosts, everything Kiali's answers carry. */
  oursWithDetails: OursFigures;
  endToEndRatio: number;
  bytesRatio: number;
  endToEndRatioWithDetails: number;
  bytesRatioWithDetails: number;
  jsonParseMs: number;
  /** JSON.parse of the traffic answers only. */
  trafficJsonParseMs: number;
  /** The client reading the traffic answers (JSON.parse, envelope checks, element walk) with a visitor doing nothing. */
  readMs: number;
  /** Reading the traffic answers and folding their samples into the traffic map. */
  readAndFoldMs: number;
  /** The fold alone, (readAndFold − read), over JSON.parse of the traffic answers. */
  foldOverJsonParse: number;
  engineMs: number;
  engineOverJsonParse: number;
  /** The backend's whole path in process: read the answers, engine, frames, Arrow encoding. */
  engineToArrowMs: number;
  engineToArrowOverJsonParse: number;
  cli: { coldSeconds: number; peakRssMB: number };
  backend: BackendFigures;
  rollup: RollupFigures;
}

interface OursFigures {
  queries: number;
  seconds: number;
  /** CPU time of the Prometheus process while it answered (median run): the work asked of Prometheus. */
  prometheusCpuSeconds: number;
  bytes: number;
  samples: number;
  nodes: number;
  edges: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** User + system CPU seconds a process has used so far (Linux /proc; the clock ticks are 100 Hz on Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * The graph Kiali's traffic queries describe (telemetry only). `responseDetails` adds response flags and hosts
 * per code, which Kiali always fetches and Meshgraph fetches only when an edge's details are shown.
 */
function graphOptions(namespaces: string[], queryTime: number, responseDetails: boolean): GraphOptions {
  return defaultGraphOptions({
    namespaces,
    queryTime,
    duration: 600,
    graphType: 'workload',
    appenders: { ...defaultGraphOptions().appenders, kubeState: false, health: true, responseDetails },
  });
}

/** Kiali runs its queries one after another, namespace by namespace. */
async function runKialiBaseline(url: string, pid: number, options: GraphOptions) {
  const plan = planKialiBaseline(options);
  let bytes = 0;
  let samples = 0;
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  for (const q of plan.queries) {
    const body = new URLSearchParams({ query: q.expr, time: String(options.queryTime) }).toString();
    const res = await fetch(`${url}/api/v1/query`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const text = await res.text();
    bytes += Buffer.byteLength(text);
    samples += JSON.parse(text).data.result.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { queries: plan.queries.length, seconds, bytes, samples, prometheusCpuSeconds: cpuSeconds(pid) - cpuBefore };
}

/** Records every answer body (read whole, from a stream too) so the same answers can be replayed without the network. */
function recordingTransport(inner: HttpTransport, bodies: Map<string, string>): HttpTransport {
  return async (req) => {
    const res = await inner(req);
    let body = res.body;
    if (res.stream) {
      const parts: string[] = [];
      for await (const p of res.stream) {
        parts.push(p);
      }
      body = parts.join('');
    } else if (res.parts) {
      body = res.parts.join('');
    }
    bodies.set(req.body ?? req.path, body);
    return { status: res.status, statusText: res.statusText, body, origin: res.origin };
  };
}
function replayTransport(bodies: Map<string, string>): HttpTransport {
  return async (req) => ({ status: 200, body: bodies.get(req.body ?? req.path)! });
}

async function ours(url: string, pid: number, options: GraphOptions, runs: number) {
  const client = new PrometheusClient(fetchTransport(url), { timeoutMs: 60000 });
  const times: number[] = [];
  const cpu: number[] = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const cpuBefore = cpuSeconds(pid);
    const started = performance.now();
    const model = await buildGraph(options, client);
    toFrames(model);
    times.push((performance.now() - started) / 1000);
    cpu.push(cpuSeconds(pid) - cpuBefore);
    last = model;
  }
  return { seconds: median(times), prometheusCpuSeconds: median(cpu), model: last! };
}

async function engineVersusJsonParse(url: string, options: GraphOptions, runs: number) {
  const bodies = new Map<string, string>();
  await buildGraph(
    options,
    new PrometheusClient(recordingTransport(fetchTransport(url), bodies), { timeoutMs: 60000 })
  );
  const texts = [...bodies.values()];
  const replay = new PrometheusClient(replayTransport(bodies), { timeoutMs: 60000 });
  const traffic = planQueries(options).queries.filter((q) => q.role.kind === 'traffic');
  const trafficExprs = new Set(traffic.map((q) => q.expr));
  const trafficTexts = [...bodies.entries()]
    .filter(([request]) => trafficExprs.has(new URLSearchParams(request).get('query') ?? ''))
    .map(([, text]) => text);
  if (trafficTexts.length !== traffic.length) {
    throw new Error(`recorded ${trafficTexts.length} of ${traffic.length} traffic answers`);
  }
  const parse: number[] = [];
  const trafficParse: number[] = [];
  const read: number[] = [];
  const fold: number[] = [];
  const noop = () => undefined;
  // The stage buildGraph runs per traffic answer: the client reads it (JSON.parse, envelope checks, element walk)
  // and the fold visits every sample. Reading with a visitor that does nothing isolates the fold's own cost.
  for (let i = 0; i < runs + 2; i++) {
    let t = performance.now();
    for (const text of texts) {
      JSON.parse(text);
    }
    const p = performance.now() - t;
    t = performance.now();
    for (const text of trafficTexts) {
      JSON.parse(text);
    }
    const tp = performance.now() - t;
    t = performance.now();
    for (const q of traffic) {
      await replay.instantQueryVisit(q.expr, options.queryTime, noop);
    }
    const r = performance.now() - t;
    const map = new TrafficMap(options.graphType === 'service' ? 'workload' : options.graphType);
    t = performance.now();
    for (const q of traffic) {
      if (q.role.kind === 'traffic') {
        const visitor = trafficVisitor(map, options, q.role.metric, options.appenders.responseDetails, {});
        await replay.instantQueryVisit(q.expr, options.queryTime, visitor);
      }
    }
    const f = performance.now() - t;
    if (i >= 2) {
      parse.push(p);
      trafficParse.push(tp);
      read.push(r);
      fold.push(f);
    }
  }
  // The whole engine in its own loop, so that its garbage is not collected inside the fold measurements.
  const engine: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    await buildGraph(options, replay);
    if (i >= 2) {
      engine.push(performance.now() - t);
    }
  }
  // What the backend does for a graph query: the engine, then the frames encoded as Arrow IPC files.
  const toArrow: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const model = await buildGraph(options, replay);
    for (const frame of graphWireFrames(toFrames(model), 'A', model.notices, [])) {
      encodeFrame(frame);
    }
    if (i >= 2) {
      toArrow.push(performance.now() - t);
    }
  }
  const readMs = median(read);
  const readAndFoldMs = median(fold);
  const trafficParseMs = median(trafficParse);
  return {
    jsonParseMs: median(parse),
    trafficJsonParseMs: trafficParseMs,
    readMs,
    readAndFoldMs,
    foldOverJsonParse: (readAndFoldMs - readMs) / trafficParseMs,
    engineMs: median(engine),
    engineToArrowMs: median(toArrow),
  };
}

/** The CLI in a fresh process: wall time and peak resident memory (reported by the child itself at exit). */
function cliColdStart(
  url: string,
  namespaces: string[],
  queryTime: number
): Promise<{ coldSeconds: number; peakRssMB: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--require',
        path.join(root, 'bench/reportPeakRss.cjs'),
        path.join(root, 'build/cli/meshgraph.js'),
        'graph',
        '--prometheus',
        url,
        '--namespaces',
        namespaces.join(','),
        '--time',
        String(queryTime),
        '--duration',
        '600s',
        '--no-kube-state',
        '--no-response-details',
        '--format',
        'frames',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] }
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const rss = /peak-rss-kb=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) {
        reject(new Error(`meshgraph CLI failed (${code}): ${stderr.slice(-500)}`));
        return;
      }
      resolve({ coldSeconds: (performance.now() - started) / 1000, peakRssMB: Number(rss[1]) / 1024 });
    });
  });
}

export async function benchMesh(
  namespaceCount: number,
  workloads: number,
  windowSeconds: number,
  runs: number
): Promise<MeshFigures> {
  const topology = syntheticTopology({ namespaces: namespaceCount, workloadsPerNamespace: workloads, seed: 42 });
  const namespaces = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
  // One step before a 2 h block boundary: promtool then writes one block and reads the file once.
  const end = 1767225600 - 15;
  const prom = await startBackfilledPrometheus({
    topology,
    start: end - windowSeconds,
    end,
    step: 15,
    histograms: 'none',
  });
  try {
    const options = graphOptions(namespaces, prom.queryTime, false);
    const detailed = graphOptions(namespaces, prom.queryTime, true);
    // Warm Prometheus' caches and the process for both sides before measuring.
    await runKialiBaseline(prom.url, prom.pid, detailed);
    await ours(prom.url, prom.pid, options, 1);
    await ours(prom.url, prom.pid, detailed, 1);
    const kialiRuns = [];
    for (let i = 0; i < runs; i++) {
      kialiRuns.push(await runKialiBaseline(prom.url, prom.pid, detailed));
    }
    const kiali = {
      ...kialiRuns[0],
      seconds: median(kialiRuns.map((r) => r.seconds)),
      prometheusCpuSeconds: median(kialiRuns.map((r) => r.prometheusCpuSeconds)),
    };
    const figures = async (o: GraphOptions): Promise<OursFigures> => {
      const r = await ours(prom.url, prom.pid, o, runs);
      const { queries, bytes, samples } = r.model.stats;
      return {
        queries,
        seconds: r.seconds,
        prometheusCpuSeconds: r.prometheusCpuSeconds,
        bytes,
        samples,
        nodes: r.model.nodes.length,
        edges: r.model.edges.length,
      };
    };
    const lean = await figures(options);
    const full = await figures(detailed);
    // Each replay takes milliseconds at 10×100: many of them make the medians steady on a shared machine.
    const engine = await engineVersusJsonParse(prom.url, detailed, namespaceCount >= 100 ? 9 : 21);
    const cli = await cliColdStart(prom.url, namespaces, prom.queryTime);
    const backend = await benchBackend(prom.url, prom.pid, namespaces, prom.queryTime);
    const rollup = await benchRollup(prom.url, namespaces, prom.queryTime, runs);
    return {
      mesh: `${namespaceCount}x${workloads}`,
      namespaces: namespaceCount,
      series: prom.exported.series,
      backfillSeconds: prom.backfillSeconds,
      kiali,
      ours: lean,
      oursWithDetails: full,
      endToEndRatio: lean.seconds / kiali.seconds,
      bytesRatio: lean.bytes / kiali.bytes,
      endToEndRatioWithDetails: full.seconds / kiali.seconds,
      bytesRatioWithDetails: full.bytes / kiali.bytes,
      jsonParseMs: engine.jsonParseMs,
      trafficJsonParseMs: engine.trafficJsonParseMs,
      readMs: engine.readMs,
      readAndFoldMs: engine.readAndFoldMs,
      foldOverJsonParse: engine.foldOverJsonParse,
      engineMs: engine.engineMs,
      engineOverJsonParse: engine.engineMs / engine.jsonParseMs,
      engineToArrowMs: engine.engineToArrowMs,
      engineToArrowOverJsonParse: engine.engineToArrowMs / engine.jsonParseMs,
      cli,
      backend,
      rollup,
    };
  } finally {
    await prom.stop();
  }
}

/** Queries per graph for 1, 10 and 100 namespaces: ours against Kiali's per-namespace plan. */
export function queryCounts(): Array<{ namespaces: number; ours: number; kiali: number }> {
  return [1, 10, 100].map((n) => {
    const names = Array.from({ length: n }, (_, i) => `ns-${i}`);
    const options = defaultGraphOptions({ namespaces: names, queryTime: 1767225600 });
    return {
      namespaces: n,
      ours: planQueries(options).queries.length,
      kiali: planKialiBaseline(options).queries.length,
    };
  });
}
