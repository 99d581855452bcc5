/**
 * Rollup figures on the same Prometheus as the engine figures, for the graph the dashboard asks for (versioned app
 * graph with service nodes, health, response time, mTLS, response details, boxed by namespace):
 * - the rollup's own time (applyRollup by namespace on the finished graph, in process, the engine as it ships);
 * - the frames' size rolled up against unrolled: Arrow bytes the plugin sends Grafana and the JSON Grafana sends
 *   the browser, against the bytes Prometheus sent for the graph;
 * - the built backend plugin answering the same graph unrolled and with the datasource's default (rollup 'auto',
 *   budget 500): browser bytes of each and the rolled-up answer's time when the unrolled graph is already
 *   evaluated (the rollup is applied to the shared evaluation).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { startCountingProxy } from '../tests/support/countingProxy';
import { readArrowFrame, toDataFrameJSON } from '../tests/support/grafanaFrames';
import { BUILT_PLUGIN, startPlugin } from '../tests/support/grafanaHost';
import { defaultGraphOptions } from '../src/engine';
import type { GraphModel, GraphOptions } from '../src/engine';

const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { applyRollup, buildGraph, encodeFrame, fetchTransport, graphWireFrames, PrometheusClient, toFrames } = require(
  path.join(root, 'build', 'bench', 'engine.cjs')
) as typeof import('./shippedEngine');

export interface RollupFrameSizes {
  nodes: number;
  edges: number;
  /** Arrow IPC bytes of the nodes and edges frames (plugin → Grafana). */
  arrowBytes: number;
  /** /api/ds/query JSON of the frames (Grafana → browser). */
  browserBytes: number;
}

export interface RollupFigures {
  /** Median ms of applyRollup by namespace on the finished graph. */
  rollupMs: number;
  /** Median ms of building the graph from Prometheus' answers (the same process, for scale). */
  buildMs: number;
  prometheusBytes: number;
  full: RollupFrameSizes;
  rolledUp: RollupFrameSizes;
  /** rolledUp.browserBytes / full.browserBytes. */
  browserRatio: number;
  /** rolledUp.browserBytes / prometheusBytes (the goal: ≤ 10 % at 100 × 100). */
  rolledUpBrowserShare: number;
  fullBrowserShare: number;
  backend: {
    prometheusBytes: number;
    fullBrowserBytes: number;
    /** The datasource's default query (rollup 'auto', budget 500). */
    autoBrowserBytes: number;
    autoBy: string;
    autoBrowserShare: number;
    /** The auto (rolled-up) answer's time when the unrolled graph was just evaluated (median of 5). */
    autoAfterFullMs: number;
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function dashboardOptions(namespaces: string[], queryTime: number): GraphOptions {
  return defaultGraphOptions({
    namespaces,
    queryTime,
    duration: 600,
    graphType: 'versionedApp',
    injectServiceNodes: true,
    boxBy: ['namespace'],
    appenders: {
      ...defaultGraphOptions().appenders,
      responseTime: '95',
      securityPolicy: true,
      health: true,
      kubeState: false,
      responseDetails: true,
    },
  });
}

function sizes(model: GraphModel): RollupFrameSizes {
  const encoded = graphWireFrames(toFrames(model), 'A', model.notices, []).map(encodeFrame);
  const browser = JSON.stringify({
    results: { A: { status: 200, frames: encoded.map((b) => toDataFrameJSON(readArrowFrame(b))) } },
  });
  return {
    nodes: model.nodes.length,
    edges: model.edges.length,
    arrowBytes: encoded.reduce((s, b) => s + b.length, 0),
    browserBytes: Buffer.byteLength(browser),
  };
}

export async function benchRollup(
  url: string,
  namespaces: string[],
  queryTime: number,
  runs: number
): Promise<RollupFigures> {
  const options = dashboardOptions(namespaces, queryTime);
  const client = new PrometheusClient(fetchTransport(url), { timeoutMs: 60000 });
  const builds: number[] = [];
  let model: GraphModel | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    model = await buildGraph(options, client);
    builds.push(performance.now() - t);
  }
  if (!model || model.nodes.length === 0) {
    throw new Error(`the graph is empty: ${JSON.stringify(model?.notices ?? [])}`);
  }
  const times: number[] = [];
  let rolled: GraphModel | undefined;
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    rolled = applyRollup(model!, { ...options, rollup: 'namespace' });
    if (i >= 2) {
      times.push(performance.now() - t);
    }
  }
  const full = sizes(model!);
  const rolledUp = sizes(rolled!);
  const prometheusBytes = model!.stats.bytes;

  // The plugin, as Grafana runs it: the unrolled graph, then the datasource's default view of the same graph.
  const proxy = await startCountingProxy(url);
  const host = await startPlugin(BUILT_PLUGIN);
  try {
    const ds = { uid: 'bench-rollup', url: proxy.url, jsonData: { scrapeInterval: '15s' }, lastUpdatedMS: 1 };
    const query = (t: number, json: Record<string, unknown>) => ({
      refId: 'A',
      json: { namespaces, graphType: 'versionedApp', duration: '600s', kubeState: false, ...json },
      fromMs: (t - 600) * 1000,
      toMs: t * 1000,
    });
    const browserBytes = (frames: Parameters<typeof toDataFrameJSON>[0][]) =>
      Buffer.byteLength(JSON.stringify({ results: { A: { status: 200, frames: frames.map(toDataFrameJSON) } } }));
    await host.queryData(ds, [query(queryTime - 300, { rollup: 'none' })]);
    const afterFull: number[] = [];
    let fullBrowserBytes = 0;
    let autoBrowserBytes = 0;
    let autoBy = '';
    let backendPrometheusBytes = 0;
    for (let i = 0; i < 5; i++) {
      // A new instant each time: the unrolled graph is evaluated, then the auto view is asked of it.
      const t = queryTime - 15 * i;
      const before = proxy.log.reduce((s, r) => s + r.answerBytes, 0);
      const fullAnswer = await host.queryData(ds, [query(t, { rollup: 'none' })]);
      backendPrometheusBytes = proxy.log.reduce((s, r) => s + r.answerBytes, 0) - before;
      const start = performance.now();
      const auto = await host.queryData(ds, [query(t, {})]);
      afterFull.push(performance.now() - start);
      if (fullAnswer.A.error || auto.A.error) {
        throw new Error(`backend query failed: ${fullAnswer.A.error || auto.A.error}`);
      }
      fullBrowserBytes = browserBytes(fullAnswer.A.frames);
      autoBrowserBytes = browserBytes(auto.A.frames);
      const meta = auto.A.frames.find((f) => f.name === 'nodes')?.meta as
        { custom?: { rollup?: { by?: string } } } | undefined;
      autoBy = meta?.custom?.rollup?.by ?? '';
    }
    return {
      rollupMs: median(times),
      buildMs: median(builds),
      prometheusBytes,
      full,
      rolledUp,
      browserRatio: rolledUp.browserBytes / full.browserBytes,
      rolledUpBrowserShare: rolledUp.browserBytes / prometheusBytes,
      fullBrowserShare: full.browserBytes / prometheusBytes,
      backend: {
        prometheusBytes: backendPrometheusBytes,
        fullBrowserBytes,
        autoBrowserBytes,
        autoBy,
        autoBrowserShare: autoBrowserBytes / backendPrometheusBytes,
        autoAfterFullMs: median(afterFull),
      },
    };
  } finally {
    await host.shutdown();
    await proxy.stop();
  }
}

/** The rollup figures alone on a freshly backfilled synthetic mesh (`npm run bench -- --only rollup`). */
export async function benchRollupMesh(
  namespaceCount: number,
  workloads: number,
  windowSeconds: number,
  runs: number
): Promise<RollupFigures & { mesh: string }> {
  const { syntheticTopology } = await import('../simulator');
  const { startBackfilledPrometheus } = await import('../tests/support/prometheusFixture');
  const topology = syntheticTopology({ namespaces: namespaceCount, workloadsPerNamespace: workloads, seed: 42 });
  const namespaces = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
  const end = 1767225600 - 15;
  const prom = await startBackfilledPrometheus({
    topology,
    start: end - windowSeconds,
    end,
    step: 15,
    histograms: 'none',
  });
  try {
    return {
      mesh: `${namespaceCount}x${workloads}`,
      ...(await benchRollup(prom.url, namespaces, prom.queryTime, runs)),
    };
  } finally {
    await prom.stop();
  }
}
