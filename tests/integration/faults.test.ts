/**
 * Fault modes of whatever stands between Meshgraph and Prometheus (tests/support/faultProxy.ts, in front of a real
 * Prometheus holding the simulator's bookinfo mesh): an upstream HTML 502 page, redirects, cut-off and garbage
 * answers, answers over the size limit, slow and stalled answers, reset connections. The meshgraph CLI must fail
 * each with one clear sentence and exit 1 (never an empty graph with exit 0); the backend plugin, started as
 * Grafana starts it, must answer each query with that error and stay alive (ping after each), then answer normally.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { bookinfoTopology } from '../../simulator';
import { Fault, FaultProxy, startFaultProxy } from '../support/faultProxy';
import { BUILT_PLUGIN, DatasourceSettings, PluginHost, startPlugin } from '../support/grafanaHost';
import { BackfilledPrometheus, startBackfilledPrometheus } from '../support/prometheusFixture';

const root = path.resolve(__dirname, '../..');
const EXECUTABLE = process.env.MESHGRAPH_PLUGIN_EXECUTABLE ?? BUILT_PLUGIN;

/** Limits both clients run with: small enough for the faults to trip them quickly. */
const TIMEOUT_S = 3;
const MAX_ANSWER_MB = 1;

interface Case {
  fault: Fault;
  delayMs?: number;
  /** What the error must say (the same words from the CLI and the plugin). */
  message: RegExp;
}

const CASES: Case[] = [
  {
    fault: 'html502',
    message:
      /http:\/\/127\.0\.0\.1:\d+ answered HTTP 502 Bad Gateway with an HTML page \("502 Bad Gateway"\) instead of Prometheus' JSON: a proxy in front of Prometheus probably failed to reach it/,
  },
  {
    fault: 'redirectOtherHost',
    message:
      /Prometheus' URL redirected \(HTTP 302\) to http:\/\/localhost:\d+\/prometheus\/api\/v1\/query: set the datasource URL/,
  },
  {
    fault: 'truncated',
    message:
      /(Cannot reach Prometheus: the connection was closed before its answer was complete|answer broke off after [\d,]+ bytes)/,
  },
  { fault: 'truncatedClean', message: /Prometheus answered with invalid JSON \(HTTP 200\): the answer ends .*cut off/ },
  {
    fault: 'garbageJson',
    message: /Prometheus answered with invalid JSON \(HTTP 200\): .*the answer begins "\{\\"status/,
  },
  { fault: 'notJson', message: /Prometheus answered with something that is not JSON \(HTTP 200 OK\): upstream says/ },
  { fault: 'hugeDeclared', message: /Prometheus' answer is larger than the limit of 1 MB/ },
  { fault: 'hugeStreamed', message: /Prometheus' answer is larger than the limit of 1 MB/ },
  { fault: 'slow', delayMs: 6000, message: new RegExp(`Prometheus did not answer within ${TIMEOUT_S}s`) },
  { fault: 'stalledBody', delayMs: 8000, message: new RegExp(`Prometheus did not answer within ${TIMEOUT_S}s`) },
  {
    fault: 'reset',
    message:
      /Cannot reach Prometheus: the connection was closed before its answer was complete \(.+\); Prometheus or a proxy in front of it dropped it/,
  },
];

let prom: BackfilledPrometheus;
let proxy: FaultProxy;
let host: PluginHost;
let ds: DatasourceSettings;

beforeAll(async () => {
  prom = await startBackfilledPrometheus({ topology: bookinfoTopology() });
  proxy = await startFaultProxy(prom.url);
  ds = {
    uid: 'faults',
    url: proxy.url,
    jsonData: { scrapeInterval: '15s', timeoutSeconds: TIMEOUT_S, maxAnswerMB: MAX_ANSWER_MB },
    lastUpdatedMS: 1,
  };
  host = await startPlugin(EXECUTABLE);
}, 180_000);

afterAll(async () => {
  host?.kill();
  await proxy?.stop();
  await prom?.stop();
});

function meshgraph(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/meshgraph.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const graphArgs = (duration: number) => [
  'graph',
  '--prometheus',
  proxy.url,
  '--namespaces',
  'bookinfo',
  '--time',
  String(prom.queryTime),
  '--duration',
  `${duration}s`,
  '--timeout',
  String(TIMEOUT_S),
  '--max-answer-mb',
  String(MAX_ANSWER_MB),
  '--format',
  'frames',
];

describe('the meshgraph CLI behind a faulty proxy', () => {
  it('draws the graph when nothing is wrong', async () => {
    proxy.state.fault = 'pass';
    const r = await meshgraph(graphArgs(600));
    expect(r.code).toBe(0);
    const frames = JSON.parse(r.stdout) as Array<{ name: string; fields: Array<{ name: string; values: unknown[] }> }>;
    expect(frames.find((f) => f.name === 'edges')!.fields[0].values.length).toBeGreaterThan(5);
  }, 60_000);

  it.each(CASES)(
    'fails on $fault with one clear sentence and exit 1, printing no graph',
    async (c) => {
      proxy.state.fault = c.fault;
      proxy.state.delayMs = c.delayMs ?? 0;
      const before = proxy.log.length;
      const r = await meshgraph(graphArgs(600));
      expect(proxy.log.length).toBeGreaterThan(before);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).toMatch(/^meshgraph: /m);
      expect(r.stderr).not.toMatch(/\n\s+at |undefined|\[object Object\]/);
    },
    60_000
  );

  it('draws answers whose every value is +Inf as a graph with nothing healthy, and says so on stderr', async () => {
    proxy.state.fault = 'nonFinite';
    const r = await meshgraph(graphArgs(600));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^warning: \d+ sample\(s\) from Prometheus could not be read as rates and are left out of the graph: .*infinite value \(±Inf, or a number past 1\.8e308\) in istio_requests_total \(\d+\)/m
    );
    const frames = JSON.parse(r.stdout) as Array<{ name: string; fields: Array<{ name: string; values: unknown[] }> }>;
    const col = (frame: string, name: string) =>
      frames.find((f) => f.name === frame)!.fields.find((f) => f.name === name)!.values;
    expect(col('edges', 'id').length).toBeGreaterThan(5);
    expect(col('edges', 'color').filter((c) => c === 'green')).toEqual([]);
    expect(col('nodes', 'healthStatus').filter((h) => h === 'Healthy')).toEqual([]);
    expect(col('edges', 'unreadable').every((n) => (n as number) > 0)).toBe(true);
  }, 60_000);

  it('follows a redirect to another path of the same host with the method and the PromQL kept', async () => {
    proxy.state.fault = 'redirectSameHost';
    const before = proxy.log.length;
    const r = await meshgraph(graphArgs(600));
    expect(r.stderr).not.toMatch(/^meshgraph: /m);
    expect(r.code).toBe(0);
    const moved = proxy.log.slice(before).filter((x) => x.path.startsWith('/moved/'));
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) {
      expect(m.method).toBe('POST');
      expect(new URLSearchParams(m.body).get('query')).toMatch(/^\S.*\b(istio|kube)_/);
    }
  }, 60_000);
});

describe('the backend plugin behind a faulty proxy, as Grafana starts it', () => {
  // Each query asks a different window length, so that no answer comes from the plugin's shared evaluations.
  let duration = 700;
  const query = () => ({
    refId: 'A',
    json: { namespaces: ['bookinfo'], graphType: 'workload', duration: `${++duration}s` },
    fromMs: (prom.queryTime - 600) * 1000,
    toMs: prom.queryTime * 1000,
  });

  it('answers normally first', async () => {
    proxy.state.fault = 'pass';
    const a = (await host.queryData(ds, [query()])).A;
    expect(a.error).toBe('');
    expect(a.frames.find((f) => f.name === 'edges')!.fields[0].values.length).toBeGreaterThan(5);
  }, 60_000);

  it.each(CASES)(
    'answers $fault with a clear error and stays alive',
    async (c) => {
      proxy.state.fault = c.fault;
      proxy.state.delayMs = c.delayMs ?? 0;
      const a = (await host.queryData(ds, [query()])).A;
      expect(a.error).toMatch(c.message);
      expect(a.error).not.toMatch(/undefined|\[object Object\]/);
      expect(a.status).toBeGreaterThanOrEqual(400);
      expect(a.errorSource).toBe('downstream');
      expect(a.frames).toEqual([]);
      expect(await host.ping()).toBe('SERVING');
    },
    60_000
  );

  it('answers +Inf values with a graph whose frames carry the notice naming the metric, and nothing healthy', async () => {
    proxy.state.fault = 'nonFinite';
    const a = (await host.queryData(ds, [query()])).A;
    expect(a.error).toBe('');
    const nodes = a.frames.find((f) => f.name === 'nodes')!;
    const notices = (nodes.meta?.notices ?? []) as Array<{ severity: string; text: string }>;
    expect(notices).toContainEqual({
      severity: 'warning',
      text: expect.stringMatching(/could not be read as rates .*infinite value .* in istio_requests_total/),
    });
    const health = nodes.fields.find((f) => f.name === 'healthStatus')!.values;
    expect(health.filter((h) => h === 'Healthy')).toEqual([]);
    expect(await host.ping()).toBe('SERVING');
  }, 60_000);

  it('follows a same-host redirect, and answers normally again once the faults are gone', async () => {
    proxy.state.fault = 'redirectSameHost';
    const moved = (await host.queryData(ds, [query()])).A;
    expect(moved.error).toBe('');
    proxy.state.fault = 'pass';
    const a = (await host.queryData(ds, [query()])).A;
    expect(a.error).toBe('');
    expect(a.frames.find((f) => f.name === 'nodes')!.fields[0].values.length).toBeGreaterThan(5);
    expect(await host.ping()).toBe('SERVING');
    expect(host.plainStderr).toEqual([]);
  }, 60_000);
});
