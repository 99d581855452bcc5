/**
 * The backend plugin as Grafana runs it (the built executable, started by tests/support/grafanaHost.ts), on the
 * same Prometheus as the engine figures, behind a counting proxy:
 * - spawn → handshake time, idle and peak resident memory;
 * - bytes Grafana sends the browser (the frames as /api/ds/query's JSON) against bytes Prometheus sent;
 * - the first and the second viewer's wait for the same graph;
 * - Prometheus requests and CPU for 20 concurrent viewers against one viewer.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { CountingProxy, startCountingProxy } from '../tests/support/countingProxy';
import { toDataFrameJSON } from '../tests/support/grafanaFrames';
import { buildGoHost } from '../scripts/lib/goHost.mjs';
import { BUILT_PLUGIN, DatasourceSettings, HostQuery, PluginHost, startPlugin } from '../tests/support/grafanaHost';

export interface BackendFigures {
  spawnToHandshakeMs: number;
  idleRssMB: number;
  peakRssMB: number;
  prometheusBytes: number;
  browserBytes: number;
  /** browserBytes / prometheusBytes (goal ≤ 10 % at 100 × 100). */
  browserShare: number;
  firstViewerMs: number;
  /** The same graph asked again while the first answer is fresh (goal ≤ 50 ms). */
  secondViewerMs: number;
  /** The same, measured by hashicorp go-plugin's Go client as Grafana's server holds it (the raw gRPC call). */
  secondViewerGoClientMs: number;
  /** The same through the Go client for the datasource's default view (rollup 'auto'). */
  secondViewerGoClientAutoMs: number;
  oneViewer: { requests: number; prometheusCpuSeconds: number };
  twentyViewers: { requests: number; prometheusCpuSeconds: number; wallMs: number };
  /** Prometheus requests of 20 viewers over one viewer's (goal ≤ 1.1×); CPU is reported beside it, but it also
   * counts Prometheus' own background work over the longer wall time of 20 answers. */
  prometheusWorkRatio: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function procStatusKB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Lets the proxy finish recording requests whose answers are still being passed on. */
const settle = () => new Promise((r) => setTimeout(r, 1000));

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/**
 * A second viewer's wait as Grafana's own client sees it: tests/gohost (Debian's hashicorp go-plugin) starts the
 * built plugin, asks once, then asks the same again; the median of the repeats, request sent to answer received.
 */
async function secondViewerThroughGoClient(prometheusUrl: string, query: HostQuery): Promise<number> {
  const { refId, json, fromMs, toMs } = query;
  const args = ['-plugin', BUILT_PLUGIN, '-prometheus-url', prometheusUrl, '-health=false', '-metrics=false'];
  args.push('-query', JSON.stringify({ refId, ...json }), '-from', String(fromMs), '-to', String(toMs));
  args.push('-repeat', '5', '-json-data', JSON.stringify({ scrapeInterval: '15s' }), '-call-timeout', '5m');
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(buildGoHost(), args, { env: {}, maxBuffer: 64 << 20 }, (err, out) =>
      err && !out ? reject(err) : resolve(out)
    )
  );
  const summary = JSON.parse(stdout) as { query?: { repeatMs?: number[]; repeatSame?: boolean }; error?: string };
  const repeats = summary.query?.repeatMs ?? [];
  if (summary.error || repeats.length !== 5 || !summary.query?.repeatSame) {
    throw new Error(`the Go client's repeated query failed: ${stdout.slice(0, 2000)}`);
  }
  return median(repeats);
}

export async function benchBackend(
  prometheusUrl: string,
  prometheusPid: number,
  namespaces: string[],
  queryTime: number
): Promise<BackendFigures> {
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await startPlugin(BUILT_PLUGIN);
    starts.push(p.startMs);
    await p.shutdown();
  }
  const proxy: CountingProxy = await startCountingProxy(prometheusUrl);
  const host: PluginHost = await startPlugin(BUILT_PLUGIN);
  try {
    await new Promise((r) => setTimeout(r, 500));
    const idleRssMB = procStatusKB(host.pid, 'VmRSS') / 1024;
    const ds: DatasourceSettings = {
      uid: 'bench',
      url: proxy.url,
      jsonData: { scrapeInterval: '15s' },
      lastUpdatedMS: 1,
    };
    const query = (t: number): HostQuery => ({
      refId: 'A',
      // The whole graph (the datasource's default 'auto' would roll this mesh up: rollupBench.ts measures that).
      json: { namespaces, graphType: 'versionedApp', duration: '600s', kubeState: false, rollup: 'none' },
      fromMs: (t - 600) * 1000,
      toMs: t * 1000,
    });

    // Warm the process (JIT) on another instant, then one viewer.
    await host.queryData(ds, [query(queryTime - 300)]);
    let requestsBefore = proxy.log.length;
    let bytesBefore = proxy.log.reduce((s, r) => s + r.answerBytes, 0);
    let cpuBefore = cpuSeconds(prometheusPid);
    const [first, firstViewerMs] = await timed(() => host.queryData(ds, [query(queryTime)]));
    if (first.A.error) {
      throw new Error(`backend query failed: ${first.A.error}`);
    }
    const oneViewer = {
      requests: proxy.log.length - requestsBefore,
      prometheusCpuSeconds: cpuSeconds(prometheusPid) - cpuBefore,
    };
    const prometheusBytes = proxy.log.reduce((s, r) => s + r.answerBytes, 0) - bytesBefore;
    const browserBytes = Buffer.byteLength(
      JSON.stringify({ results: { A: { status: 200, frames: first.A.frames.map(toDataFrameJSON) } } })
    );
    const seconds: number[] = [];
    for (let i = 0; i < 5; i++) {
      // The plugin's answer as Grafana's server receives it (bytes over gRPC), without this host's Arrow reading.
      seconds.push((await timed(() => host.queryData(ds, [query(queryTime)], undefined, { decode: false })))[1]);
    }
    const peakRssMB = procStatusKB(host.pid, 'VmHWM') / 1024;
    const secondViewerGoClientMs = await secondViewerThroughGoClient(prometheusUrl, query(queryTime));
    const unrolled = query(queryTime);
    const secondViewerGoClientAutoMs = await secondViewerThroughGoClient(prometheusUrl, {
      ...unrolled,
      json: { ...unrolled.json, rollup: 'auto' },
    });

    // 20 viewers at once, on an instant no one asked for yet.
    requestsBefore = proxy.log.length;
    bytesBefore = 0;
    cpuBefore = cpuSeconds(prometheusPid);
    const [answers, wallMs] = await timed(() =>
      Promise.all(Array.from({ length: 20 }, () => host.queryData(ds, [query(queryTime - 60)])))
    );
    if (answers.some((a) => a.A.error)) {
      throw new Error('a concurrent viewer failed');
    }
    await settle();
    const twentyViewers = {
      requests: proxy.log.length - requestsBefore,
      prometheusCpuSeconds: cpuSeconds(prometheusPid) - cpuBefore,
      wallMs,
    };
    return {
      spawnToHandshakeMs: median(starts),
      idleRssMB,
      peakRssMB,
      prometheusBytes,
      browserBytes,
      browserShare: browserBytes / prometheusBytes,
      firstViewerMs,
      secondViewerMs: median(seconds),
      secondViewerGoClientMs,
      secondViewerGoClientAutoMs,
      oneViewer,
      twentyViewers,
      prometheusWorkRatio: twentyViewers.requests / oneViewer.requests,
    };
  } finally {
    await host.shutdown();
    await proxy.stop();
  }
}
