/**
 * Real Prometheus (Debian's 2.42 package) for tests, benchmarks and demos: install check, start on a free loopback
 * port with a generated config, wait until ready, stop by pid; promtool backfilling from OpenMetrics.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readLog, stopChild, tail, trackChild } from './serverProcess';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends prometheus';

function missingBinaries(): string[] {
  return [PROMETHEUS_BIN, PROMTOOL_BIN].filter((p) => !existsSync(p));
}

/**
 * Makes sure /usr/bin/prometheus and /usr/bin/promtool exist: installs Debian's package when running as root,
 * otherwise throws an error naming the command to run.
 */
export function ensurePrometheusInstalled(): void {
  if (missingBinaries().length === 0) {
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Prometheus is not installed (missing ${missingBinaries().join(', ')}). Run as root: ${INSTALL_COMMAND}`
    );
  }
  const apt = (args: string[]): { ok: boolean; output: string } => {
    const r = spawnSync('apt-get', args, {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
  };
  const install = ['install', '-y', '--no-install-recommends', 'prometheus'];
  let result = apt(install);
  if (!result.ok) {
    // A fresh machine has no package lists yet.
    const update = apt(['update']);
    if (!update.ok) {
      throw new Error(`apt-get update failed:\n${tail(update.output, 20)}`);
    }
    result = apt(install);
  }
  if (!result.ok || missingBinaries().length > 0) {
    throw new Error(`Installing prometheus failed (${INSTALL_COMMAND}):\n${tail(result.output, 20)}`);
  }
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

export interface StartPrometheusOptions {
  /** TSDB directory (default: a fresh temporary directory, removed on stop). */
  dataDir?: string;
  /** Targets to scrape: "127.0.0.1:9100" or "http://127.0.0.1:9100/metrics" (loopback only). */
  scrapeTargets?: string[];
  /** Scrape (and evaluation) interval, Prometheus duration syntax (default '15s'). */
  scrapeInterval?: string;
  /** --storage.tsdb.retention.time (default '3650d': backfilled blocks must not be dropped once scraping starts). */
  retention?: string;
  /** Milliseconds to wait for /-/ready (default 30000). */
  readyTimeoutMs?: number;
}

export interface RunningPrometheus {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  /** Prometheus' own log (stdout and stderr). */
  logFile: string;
  stop(): Promise<void>;
}

const DURATION = /^(\d+)(ms|s|m|h|d|w|y)$/;
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
  d: 86400000,
  w: 604800000,
  y: 31536000000,
};

/** Milliseconds of a simple Prometheus duration ("15s", "1m", "500ms"). */
export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) {
    throw new Error(`"${text}" is not a Prometheus duration such as 15s, 1m or 500ms`);
  }
  return Number(m[1]) * UNIT_MS[m[2]];
}

interface ScrapeJob {
  scheme: string;
  path: string;
  targets: string[];
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Groups targets by scheme and path; refuses anything that is not on loopback. */
export function scrapeJobs(targets: string[]): ScrapeJob[] {
  const jobs = new Map<string, ScrapeJob>();
  for (const raw of targets) {
    const url = new URL(/^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`);
    if (!LOOPBACK.test(url.hostname)) {
      throw new Error(`scrape target ${raw} is not on loopback (127.0.0.1)`);
    }
    if (!url.port) {
      throw new Error(`scrape target ${raw} has no port`);
    }
    const scheme = url.protocol.replace(':', '');
    const path = url.pathname && url.pathname !== '/' ? url.pathname : '/metrics';
    const key = `${scheme} ${path}`;
    const job = jobs.get(key) ?? { scheme, path, targets: [] };
    job.targets.push(`${url.hostname}:${url.port}`);
    jobs.set(key, job);
  }
  return [...jobs.values()];
}

/** The generated prometheus.yml (YAML is a superset of JSON, so JSON it is). */
export function prometheusConfig(scrapeTargets: string[], scrapeInterval: string): string {
  const intervalMs = durationMs(scrapeInterval);
  const timeout = intervalMs < 10000 ? scrapeInterval : '10s';
  const config = {
    global: { scrape_interval: scrapeInterval, evaluation_interval: scrapeInterval, scrape_timeout: timeout },
    scrape_configs: scrapeJobs(scrapeTargets).map((job, i) => ({
      job_name: i === 0 ? 'meshgraph-simulator' : `meshgraph-simulator-${i}`,
      // Keep the simulated labels (e.g. `app`) as they are.
      honor_labels: true,
      scheme: job.scheme,
      metrics_path: job.path,
      static_configs: [{ targets: job.targets }],
    })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startPrometheus(options: StartPrometheusOptions = {}): Promise<RunningPrometheus> {
  ensurePrometheusInstalled();
  const workDir = mkdtempSync(join(tmpdir(), 'meshgraph-prom-'));
  const dataDir = options.dataDir ?? join(workDir, 'data');
  const configFile = join(workDir, 'prometheus.yml');
  const logFile = join(workDir, 'prometheus.log');
  const scrapeInterval = options.scrapeInterval ?? '15s';
  writeFileSync(configFile, prometheusConfig(options.scrapeTargets ?? [], scrapeInterval));
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.retention.time=${options.retention ?? '3650d'}`,
    ],
    { stdio: ['ignore', log, log], detached: false }
  );
  closeSync(log);
  trackChild(child);
  let spawnError: Error | undefined;
  child.on('error', (e) => {
    spawnError = e;
  });

  const url = `http://127.0.0.1:${port}`;
  // The work directory holds the config, the log and (unless the caller gave one) the TSDB.
  const cleanup = (): void => {
    rmSync(workDir, { recursive: true, force: true });
  };
  const stop = async (): Promise<void> => {
    await stopChild(child, 10000);
    cleanup();
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30000);
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      const why = spawnError ? spawnError.message : `exit code ${child.exitCode ?? child.signalCode}`;
      const text = readLog(logFile);
      cleanup();
      throw new Error(`Prometheus exited before becoming ready (${why}). Last log lines:\n${tail(text, 15)}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const text = readLog(logFile);
      await stop();
      throw new Error(
        `Prometheus on ${url} was not ready after ${options.readyTimeoutMs ?? 30000} ms. Last log lines:\n${tail(text, 15)}`
      );
    }
    await sleep(100);
  }
  return { url, port, pid: child.pid!, dataDir, logFile, stop };
}

export interface BackfillResult {
  seconds: number;
  output: string;
}

/** `promtool tsdb create-blocks-from openmetrics <file> <dataDir>`; rejects with promtool's output on failure. */
export function backfill(openMetricsFile: string, dataDir: string): Promise<BackfillResult> {
  ensurePrometheusInstalled();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      PROMTOOL_BIN,
      ['tsdb', 'create-blocks-from', 'openmetrics', openMetricsFile, dataDir],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error) {
          reject(
            new Error(
              `promtool backfill of ${openMetricsFile} failed (${error.message.split('\n')[0]}):\n${tail(output, 20)}`
            )
          );
          return;
        }
        resolve({ seconds: (Date.now() - started) / 1000, output });
      }
    );
  });
}
