/**
 * The built backend executable under hashicorp go-plugin's own client: tests/gohost, built from Debian's
 * golang-github-hashicorp-go-plugin-dev, starts it as Grafana does (cookie, protocol 2, gRPC only, GF_*
 * environment without PATH or HOME, stdin /dev/null as under a service manager), pings its health service and
 * calls pluginv2 CheckHealth and QueryData with messages encoded by hand from grafana-plugin-sdk-go's field
 * numbers, against real Prometheus holding the simulator's bookinfo telemetry. An independent check of our
 * reading of the protocol: nothing on the host side comes from the plugin's own .proto or TypeScript.
 *
 * The executable is dist/datasource/gpx_meshgraph_linux_amd64 (npm run build); MESHGRAPH_PLUGIN_EXECUTABLE
 * points the test at another one (e.g. a script running build/backend/plugin.cjs with node).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildGoHost } from '../../scripts/lib/goHost.mjs';
import { bookinfoTopology } from '../../simulator/bookinfo';
import { BackfilledPrometheus, startBackfilledPrometheus } from '../support/prometheusFixture';

const PLUGIN =
  process.env.MESHGRAPH_PLUGIN_EXECUTABLE ??
  path.resolve(__dirname, '..', '..', 'dist', 'datasource', 'gpx_meshgraph_linux_amd64');

/** go-plugin's Kill waits this long for the process to end after Shutdown before it sends SIGKILL. */
const GO_PLUGIN_KILL_GRACE_MS = 2000;

interface FrameSummary {
  bytes: number;
  magicOk: boolean;
  name: string;
  refId: string;
  meta?: Record<string, unknown>;
  fields: Array<{ name: string; type: string; nullable: boolean; metadata?: Record<string, string> }>;
  rows: number;
  batches: number;
  problems?: string[];
}

interface ResponseSummary {
  frames: FrameSummary[];
  frameBytes: number[];
  error: string;
  status: number;
  errorSource?: string;
  format: number;
  problems?: string[];
}

interface RpcError {
  code: string;
  message: string;
}

/** tests/gohost's JSON summary. */
interface GoHostSummary {
  plugin: string;
  url: string;
  envNames: string[];
  noCookie?: { exitCode: number; signal?: string; timedOut: boolean; stdout: string; stderr: string };
  handshake: {
    ok: boolean;
    ms: number;
    pid?: number;
    network?: string;
    protocol?: string;
    negotiatedVersion?: number;
    error?: string;
  };
  ping?: { ok: boolean; error?: string };
  health?: {
    status: string;
    statusCode: number;
    message: string;
    jsonDetails?: string;
    wireProblems?: string[];
    rpcError?: RpcError;
  };
  query?: {
    ms: number;
    repeatMs?: number[];
    repeatSame?: boolean;
    refIds: string[];
    responses: Record<string, ResponseSummary>;
    problems?: string[];
    rpcError?: RpcError;
  };
  metrics?: { bytes: number; problems?: string[]; rpcError?: RpcError };
  exit?: { exited: boolean; pidGone: boolean; code: number; signal?: string; killMs: number; graceful: boolean };
  abandoned?: boolean;
  stderr: { lines: number; hclogLines: number; otherSamples?: string[]; last?: string[] };
  error?: string;
}

interface GoHostRun {
  code: number | null;
  summary: GoHostSummary;
  stderr: string;
}

/** Runs the host with an empty environment (nothing of ours reaches the plugin) and stdin /dev/null. */
function runGoHost(host: string, args: string[]): Promise<GoHostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(host, ['-plugin', PLUGIN, ...args], { env: {}, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      try {
        resolve({ code, summary: JSON.parse(stdout) as GoHostSummary, stderr });
      } catch {
        reject(new Error(`gohost exited ${code} without a JSON summary:\n${stdout}\n${stderr}`));
      }
    });
  });
}

function describeRun(run: GoHostRun): string {
  return `gohost exit ${run.code}: ${JSON.stringify(run.summary, null, 2)}\n${run.stderr}`;
}

function pidGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  // A zombie waiting for its new parent to reap it has ended too.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

async function waitGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pidGone(pid)) {
      return true;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return pidGone(pid);
}

// CheckHealth looks for Istio series in the hour before now, so the telemetry ends a minute ago.
const END = Math.floor(Date.now() / 60000) * 60 - 60;
const START = END - 3600;
const timeRange = ['-from', String((END - 600) * 1000), '-to', String(END * 1000)];
const GOOD_QUERY = JSON.stringify({ refId: 'A', namespaces: ['bookinfo'], graphType: 'versionedApp' });
const NO_NAMESPACE_QUERY = JSON.stringify({ refId: 'B', namespaces: [] });

describe("the backend executable under hashicorp go-plugin's client", () => {
  let host: string;
  let prom: BackfilledPrometheus;
  let main: GoHostRun;
  let down: GoHostRun;

  beforeAll(async () => {
    if (!existsSync(PLUGIN)) {
      throw new Error(`${PLUGIN} is missing: run npm run build first`);
    }
    host = buildGoHost();
    prom = await startBackfilledPrometheus({ topology: bookinfoTopology(), start: START, end: END });
    main = await runGoHost(host, [
      '-prometheus-url',
      prom.url,
      '-probe-no-cookie',
      '-query',
      GOOD_QUERY,
      '-query',
      NO_NAMESPACE_QUERY,
      '-repeat',
      '2',
      ...timeRange,
    ]);
    down = await runGoHost(host, ['-prometheus-down', '-metrics=false']);
  });

  afterAll(async () => {
    await prom?.stop();
  });

  it('completes a session: handshake, health ping of "plugin", calls, Kill', () => {
    for (const run of [main, down]) {
      if (run.code !== 0 || run.summary.error !== undefined) {
        throw new Error(describeRun(run));
      }
    }
  });

  it('hands go-plugin a handshake for protocol 2 over gRPC on a unix socket', () => {
    const { handshake, ping } = main.summary;
    expect(handshake).toMatchObject({ ok: true, negotiatedVersion: 2, protocol: 'grpc', network: 'unix' });
    expect(ping).toEqual({ ok: true });
    // The plugin saw only what Grafana gives with pluginsSkipHostEnvVars.
    expect(main.summary.envNames).not.toContain('PATH');
    expect(main.summary.envNames).not.toContain('HOME');
    expect(main.summary.envNames).toEqual(
      expect.arrayContaining(['grafana_plugin_type', 'PLUGIN_PROTOCOL_VERSIONS', 'GF_VERSION'])
    );
  });

  it('exits non-zero with a message and no handshake when started without the cookie', () => {
    const probe = main.summary.noCookie!;
    expect(probe.timedOut).toBe(false);
    expect(probe.exitCode).not.toBe(0);
    expect(probe.stdout).toBe('');
    expect(probe.stderr.trim()).not.toBe('');
  });

  it('reports a reachable Prometheus as OK with a message', () => {
    const health = main.summary.health!;
    expect(health).toMatchObject({ status: 'OK', statusCode: 1 });
    expect(health.message.trim()).not.toBe('');
    expect(health.wireProblems).toBeUndefined();
    expect(health.rpcError).toBeUndefined();
  });

  it('reports a closed Prometheus port as ERROR with a message', () => {
    const health = down.summary.health!;
    expect(down.summary.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(health).toMatchObject({ status: 'ERROR', statusCode: 2 });
    expect(health.message.trim()).not.toBe('');
    expect(health.rpcError).toBeUndefined();
  });

  it('answers a good and a bad query of one request each in its own DataResponse', () => {
    const query = main.summary.query!;
    expect(query.rpcError).toBeUndefined();
    expect(query.problems).toBeUndefined();
    expect(query.refIds).toEqual(['A', 'B']);

    const good = query.responses.A;
    expect(good).toMatchObject({ error: '', format: 0 });
    expect(good.problems).toBeUndefined();
    expect(good.frames.length).toBeGreaterThanOrEqual(2);
    for (const frame of good.frames) {
      // An Arrow IPC file as the Go SDK reads it: magic at both ends, refId, supported column types, no
      // dictionaries, JSON meta and field metadata.
      expect({ name: frame.name, magicOk: frame.magicOk, refId: frame.refId, problems: frame.problems }).toEqual({
        name: frame.name,
        magicOk: true,
        refId: 'A',
        problems: undefined,
      });
      expect(frame.bytes).toBeGreaterThan(0);
      expect(frame.fields.length).toBeGreaterThan(0);
    }
    const byName = new Map(good.frames.map((f) => [f.name, f]));
    expect(byName.get('nodes')?.rows).toBeGreaterThan(0);
    expect(byName.get('edges')?.rows).toBeGreaterThan(0);
    expect(byName.get('nodes')?.meta).toMatchObject({ preferredVisualisationType: 'nodeGraph' });

    // A second and third viewer of the same request get the first answer, byte for byte (one evaluation, frames
    // encoded once).
    expect(query.repeatMs).toHaveLength(2);
    expect(query.repeatSame).toBe(true);

    const bad = query.responses.B;
    expect(bad.frames).toEqual([]);
    expect(bad.error).toMatch(/namespace/i);
    expect(bad.problems).toBeUndefined();
  });

  it('ends on Kill: answers Shutdown and exits before go-plugin would SIGKILL it', () => {
    for (const run of [main, down]) {
      const exit = run.summary.exit!;
      expect(exit).toMatchObject({ exited: true, pidGone: true, graceful: true, code: 0 });
      expect(exit.signal).toBeUndefined();
      expect(exit.killMs).toBeLessThan(GO_PLUGIN_KILL_GRACE_MS);
    }
  });

  // go-plugin reads a stderr line as an hclog entry only when @timestamp has six fractional digits
  // ("2006-01-02T15:04:05.000000Z07:00"); otherwise Grafana logs the line raw at debug level.
  it('logs only hclog JSON lines that go-plugin parses', () => {
    const { stderr } = main.summary;
    expect(stderr.lines).toBeGreaterThan(0);
    expect({ hclogLines: stderr.hclogLines, otherSamples: stderr.otherSamples }).toEqual({
      hclogLines: stderr.lines,
      otherSamples: undefined,
    });
  });

  // Grafana crashing or SIGKILLed: the plugin must notice (its parent pid changes; stdin says nothing, it is
  // /dev/null) and exit. Its stderr pipe is closed by then, so nothing it logs may keep it alive.
  it('exits by itself when its host dies without Kill', async () => {
    const run = await runGoHost(host, ['-prometheus-down', '-abandon', '-metrics=false']);
    const pid = run.summary.handshake.pid;
    expect(run.summary.abandoned).toBe(true);
    expect(pid).toBeGreaterThan(0);
    const gone = await waitGone(pid!, 5000);
    if (!gone) {
      process.kill(pid!, 'SIGKILL');
    }
    expect(gone).toBe(true);
  });
});
