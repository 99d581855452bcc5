/**
 * Real Prometheus loaded with simulated Istio telemetry, for integration tests and benchmarks.
 *
 * - startBackfilledPrometheus: the topology's series over a fixed window (default the hour before
 *   2026-01-01T00:00:00Z at 15 s), backfilled with promtool. Counters start at 0 at `start` and grow at constant
 *   rates, so at queryTime (= end) `rate(counter[W])` for any W ≤ end − start equals the rates listed by
 *   expectedFlows(topology) (up to float rounding, far below 1e-6 relative).
 * - startLiveMesh: the simulator's /metrics in a child process plus Prometheus scraping it.
 * Every server binds 127.0.0.1 on a free port and is stopped by pid.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { backfill, RunningPrometheus, startPrometheus } from '../../scripts/lib/prometheus';
import { exportOpenMetricsFile, ExportResult } from '../../simulator/export';
import { EmitOptions } from '../../simulator/series';
import { expectedFlows, ExpectedFlow } from '../../simulator/telemetry';
import { Topology } from '../../simulator/topology';

export { expectedFlows, ExpectedFlow };

/** 2026-01-01T00:00:00Z: the default end of backfilled windows (and the query time). */
export const BACKFILL_END = 1767225600;
export const BACKFILL_START = BACKFILL_END - 3600;
export const BACKFILL_STEP = 15;

const REPO_ROOT = resolve(__dirname, '..', '..');
const CLI = join(REPO_ROOT, 'simulator', 'cli.ts');

export interface BackfillOptions extends EmitOptions {
  topology: Topology;
  start?: number;
  end?: number;
  step?: number;
}

export interface BackfilledPrometheus {
  url: string;
  /** Evaluation time for instant queries: the window's end (data lies in the past; never query at "now"). */
  queryTime: number;
  start: number;
  end: number;
  step: number;
  pid: number;
  exported: ExportResult;
  backfillSeconds: number;
  stop(): Promise<void>;
}

export async function startBackfilledPrometheus(options: BackfillOptions): Promise<BackfilledPrometheus> {
  const end = options.end ?? BACKFILL_END;
  const start = options.start ?? end - 3600;
  const step = options.step ?? BACKFILL_STEP;
  const dir = mkdtempSync(join(tmpdir(), 'meshgraph-backfill-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    const file = join(dir, 'mesh.om');
    const dataDir = join(dir, 'data');
    const exported = await exportOpenMetricsFile(options.topology, { ...options, start, end, step }, file);
    const filled = await backfill(file, dataDir);
    // The text is no longer needed once the blocks exist (it can be gigabytes).
    rmSync(file, { force: true });
    const prometheus = await startPrometheus({ dataDir });
    // The last sample is at the last step not after end.
    const queryTime = start + Math.floor((end - start) / step) * step;
    return {
      url: prometheus.url,
      queryTime,
      start,
      end,
      step,
      pid: prometheus.pid,
      exported,
      backfillSeconds: filled.seconds,
      stop: async () => {
        await prometheus.stop();
        removeDir();
      },
    };
  } catch (e) {
    removeDir();
    throw e;
  }
}

export interface LiveMeshOptions extends EmitOptions {
  topology: Topology;
  /** Prometheus scrape interval (default '1s'). */
  scrapeInterval?: string;
}

export interface LiveMesh {
  /** Prometheus. */
  url: string;
  /** The simulator's /metrics. */
  metricsUrl: string;
  simulatorPid: number;
  prometheus: RunningPrometheus;
  /** Polls an instant query until it returns at least one sample (rejects after timeoutMs). */
  waitForSeries(expr: string, timeoutMs?: number): Promise<PromSample[]>;
  stop(): Promise<void>;
}

function killByPid(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((done) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      done();
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      done();
    }
  });
}

/** Starts `simulator/cli.ts serve` as a child process and resolves with its /metrics URL. */
async function startSimulatorProcess(
  options: LiveMeshOptions,
  dir: string
): Promise<{ child: ChildProcess; metricsUrl: string }> {
  const topologyFile = join(dir, 'topology.json');
  writeFileSync(topologyFile, JSON.stringify(options.topology));
  const args = ['--import', 'tsx', CLI, 'serve', '--port', '0', '--topology-file', topologyFile];
  if (options.histograms) {
    args.push('--histograms', options.histograms);
  }
  for (const [k, v] of Object.entries(options.extraLabels ?? {})) {
    args.push('--label', `${k}=${v}`);
  }
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const metricsUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not print its URL within 30 s:\n${stderr}`)), 30000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveUrl(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited (${code}) before serving:\n${stderr}`));
    });
  }).catch(async (e) => {
    await killByPid(child, 2000);
    throw e;
  });
  return { child, metricsUrl };
}

export async function startLiveMesh(options: LiveMeshOptions): Promise<LiveMesh> {
  const dir = mkdtempSync(join(tmpdir(), 'meshgraph-live-'));
  let simulator: { child: ChildProcess; metricsUrl: string } | undefined;
  try {
    simulator = await startSimulatorProcess(options, dir);
    const prometheus = await startPrometheus({
      scrapeTargets: [simulator.metricsUrl],
      scrapeInterval: options.scrapeInterval ?? '1s',
    });
    const sim = simulator;
    const stop = async (): Promise<void> => {
      await prometheus.stop();
      await killByPid(sim.child, 5000);
      rmSync(dir, { recursive: true, force: true });
    };
    const waitForSeries = async (expr: string, timeoutMs = 30000): Promise<PromSample[]> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const result = await instantQuery(prometheus.url, expr);
        if (result.length > 0) {
          return result;
        }
        if (Date.now() > deadline) {
          throw new Error(`no sample for ${expr} within ${timeoutMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    return {
      url: prometheus.url,
      metricsUrl: sim.metricsUrl,
      simulatorPid: sim.child.pid!,
      prometheus,
      waitForSeries,
      stop,
    };
  } catch (e) {
    if (simulator) {
      await killByPid(simulator.child, 2000);
    }
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/** An instant query against Prometheus' HTTP API (vector results only); throws on any API error. */
export async function instantQuery(url: string, expr: string, time?: number): Promise<PromSample[]> {
  const params = new URLSearchParams({ query: expr });
  if (time !== undefined) {
    params.set('time', String(time));
  }
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: params.toString(),
  });
  const body = (await res.json()) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  if (body.status !== 'success' || !body.data) {
    throw new Error(`query failed (${res.status}): ${body.error ?? 'no data'}: ${expr}`);
  }
  if (body.data.resultType !== 'vector') {
    throw new Error(`expected a vector, got ${body.data.resultType}: ${expr}`);
  }
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
