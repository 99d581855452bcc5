/**
 * Real VictoriaMetrics (Debian's `victoria-metrics` package, single-node) for tests: install check, start on a free
 * loopback port, load series through its JSON line import API, flush so they can be queried, stop by pid.
 * It answers Prometheus' HTTP query API (/api/v1/query) with MetricsQL, a PromQL superset.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './prometheus';
import { readLog, stopChild, tail, trackChild } from './serverProcess';

export const VICTORIA_METRICS_BIN = '/usr/bin/victoria-metrics';
const INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends victoria-metrics';

/** Makes sure the binary exists: installs Debian's package when running as root, else names the command. */
export function ensureVictoriaMetricsInstalled(): void {
  if (existsSync(VICTORIA_METRICS_BIN)) {
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `VictoriaMetrics is not installed (missing ${VICTORIA_METRICS_BIN}). Run as root: ${INSTALL_COMMAND}`
    );
  }
  const r = spawnSync('sh', ['-c', INSTALL_COMMAND], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !existsSync(VICTORIA_METRICS_BIN)) {
    throw new Error(`Installing victoria-metrics failed (${INSTALL_COMMAND}):\n${tail(`${r.stdout}${r.stderr}`, 20)}`);
  }
}

export interface RunningVictoriaMetrics {
  url: string;
  port: number;
  pid: number;
  logFile: string;
  /** POSTs a file of JSON lines to /api/v1/import, then flushes so that every sample can be queried. */
  importJsonLines(file: string): Promise<void>;
  stop(): Promise<void>;
}

/** POSTs a file with a known length; resolves with the status and body. */
function postFile(url: string, file: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': statSync(file).size } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      }
    );
    req.on('error', reject);
    createReadStream(file).on('error', reject).pipe(req);
  });
}

export interface StartVictoriaMetricsOptions {
  /** Milliseconds to wait for /health (default 30000). */
  readyTimeoutMs?: number;
}

/**
 * Starts a single-node VictoriaMetrics with its own data directory (removed on stop). Retention is 100 years so that
 * backfilled windows in the past are kept, and the rollup cache is off so that imported history is read as stored.
 */
export async function startVictoriaMetrics(options: StartVictoriaMetricsOptions = {}): Promise<RunningVictoriaMetrics> {
  ensureVictoriaMetricsInstalled();
  const workDir = mkdtempSync(join(tmpdir(), 'meshgraph-vm-'));
  const logFile = join(workDir, 'victoria-metrics.log');
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(
    VICTORIA_METRICS_BIN,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(workDir, 'data')}`,
      '-retentionPeriod=100y',
      '-search.disableCache',
    ],
    { stdio: ['ignore', log, log] }
  );
  closeSync(log);
  trackChild(child);
  let spawnError: Error | undefined;
  child.on('error', (e) => {
    spawnError = e;
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopChild(child, 10000);
    rmSync(workDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30000);
  for (;;) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) {
      const why = spawnError ? spawnError.message : `exit code ${child.exitCode ?? child.signalCode}`;
      const text = readLog(logFile);
      await stop();
      throw new Error(`VictoriaMetrics exited before becoming ready (${why}). Last log lines:\n${tail(text, 15)}`);
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) {
        break;
      }
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const text = readLog(logFile);
      await stop();
      throw new Error(`VictoriaMetrics on ${url} was not ready in time. Last log lines:\n${tail(text, 15)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const importJsonLines = async (file: string): Promise<void> => {
    const res = await postFile(`${url}/api/v1/import`, file);
    if (res.status !== 204 && res.status !== 200) {
      throw new Error(`VictoriaMetrics import of ${file} failed (${res.status}): ${res.body.slice(0, 500)}`);
    }
    // Imported rows sit in memory buffers for up to a second; force_flush makes them searchable now.
    const flush = await fetch(`${url}/internal/force_flush`);
    if (!flush.ok) {
      throw new Error(`VictoriaMetrics force_flush failed (${flush.status}): ${await flush.text()}`);
    }
  };
  return { url, port, pid: child.pid!, logFile, importJsonLines, stop };
}
