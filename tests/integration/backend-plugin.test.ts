/**
 * The built backend executable started the way Grafana starts it (tests/support/grafanaHost.ts), against a
 * real Prometheus holding the simulator's bookinfo mesh, through a loopback proxy that counts, delays or drops
 * Prometheus requests. Graph frames are compared with the meshgraph CLI's frames for the same graph (the CLI's
 * graph is checked against the simulator's flows in cli-bookinfo.test.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { bookinfoTopology } from '../../simulator';
import { CountingProxy, startCountingProxy } from '../support/countingProxy';
import { BUILT_PLUGIN, DatasourceSettings, HostDataResponse, PluginHost, startPlugin } from '../support/grafanaHost';
import type { GrafanaFrame } from '../support/grafanaFrames';
import { BackfilledPrometheus, startBackfilledPrometheus } from '../support/prometheusFixture';
import { expectValidPromQL } from '../../src/engine/promql/parse.testutil';

const root = path.resolve(__dirname, '../..');
const EXECUTABLE = process.env.MESHGRAPH_PLUGIN_EXECUTABLE ?? BUILT_PLUGIN;

function rows(frame: GrafanaFrame): Array<Record<string, unknown>> {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}

function frame(response: HostDataResponse, name: string): GrafanaFrame {
  const f = response.frames.find((x) => x.name === name);
  if (!f) {
    throw new Error(
      `no ${name} frame in ${JSON.stringify(response.frames.map((x) => x.name))} (error: ${response.error})`
    );
  }
  return f;
}

function cliFrames(
  args: string[]
): Promise<Array<{ name: string; fields: Array<{ name: string; values: unknown[] }> }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      ['src/cli/meshgraph.ts', 'graph', ...args, '--format', 'frames'],
      { cwd: root }
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`CLI exit ${code}: ${err}`))
    );
  });
}

let prom: BackfilledPrometheus;
let proxy: CountingProxy;
let host: PluginHost;
let ds: DatasourceSettings;
let window: { fromMs: number; toMs: number };
const prometheusRequests = () => proxy.log.filter((r) => r.path.startsWith('/api/v1/')).length;

beforeAll(async () => {
  // History up to now: CheckHealth looks for Istio series in the last hour, as Grafana's "Save & test" runs now.
  const now = Math.floor(Date.now() / 1000);
  prom = await startBackfilledPrometheus({ topology: bookinfoTopology(), end: now - (now % 15) });
  proxy = await startCountingProxy(prom.url);
  ds = { uid: 'mesh', url: proxy.url, jsonData: { scrapeInterval: '15s' }, lastUpdatedMS: 1 };
  window = { fromMs: (prom.queryTime - 600) * 1000, toMs: prom.queryTime * 1000 };
  host = await startPlugin(EXECUTABLE);
}, 120_000);

afterAll(async () => {
  host?.kill();
  await proxy?.stop();
  await prom?.stop();
});

describe('the backend plugin as Grafana starts it', () => {
  it('completes go-plugin handshake and health, and logs hclog JSON only', async () => {
    expect(host.handshake).toMatchObject({ core: 1, app: 2, network: 'unix', protocol: 'grpc' });
    expect(await host.ping()).toBe('SERVING');
    expect(host.logs.some((l) => l['@level'] === 'info' && /started/.test(l['@message']))).toBe(true);
    expect(host.plainStderr).toEqual([]);
  });

  it('answers CheckHealth OK with what it found, and ERROR with a reason when Prometheus is unreachable', async () => {
    const ok = await host.checkHealth(ds);
    expect(ok.status).toBe('OK');
    expect(ok.message).toMatch(/Connected to Prometheus: [\d,]+ Istio request series/);
    const down = await host.checkHealth({ ...ds, uid: 'down', url: 'http://127.0.0.1:1' });
    expect(down.status).toBe('ERROR');
    expect(down.message).toMatch(/Cannot reach Prometheus: connection refused/);
  });

  it('builds the same graph frames as the CLI, read under the Go SDK rules', async () => {
    const answer = await host.queryData(ds, [
      {
        refId: 'A',
        json: {
          namespaces: ['bookinfo'],
          graphType: 'workload',
          injectServiceNodes: false,
          duration: '600s',
          boxBy: [],
        },
        ...window,
      },
    ]);
    const a = answer.A;
    expect(a.error).toBe('');
    const nodes = frame(a, 'nodes');
    const edges = frame(a, 'edges');
    expect(nodes.meta?.preferredVisualisationType).toBe('nodeGraph');
    const cli = await cliFrames([
      '--prometheus',
      prom.url,
      '--namespaces',
      'bookinfo',
      '--graph-type',
      'workload',
      '--duration',
      '600s',
      '--time',
      String(prom.queryTime),
    ]);
    const cliNodes = cli.find((f) => f.name === 'nodes')!;
    const cliEdges = cli.find((f) => f.name === 'edges')!;
    const ids = (f: { fields: Array<{ name: string; values: unknown[] }> }) =>
      [...(f.fields.find((x) => x.name === 'id')!.values as string[])].sort();
    expect(ids(nodes)).toEqual(ids(cliNodes));
    expect(ids(edges)).toEqual(ids(cliEdges));
    expect(nodes.fields.length).toBeGreaterThan(10);
    const rate = (f: { fields: Array<{ name: string; values: unknown[] }> }) => {
      const id = f.fields.find((x) => x.name === 'id')!.values;
      const r = f.fields.find((x) => x.name === 'rate')!.values;
      return Object.fromEntries(id.map((v, i) => [v, Number(r[i]).toFixed(6)]));
    };
    expect(rate(edges)).toEqual(rate(cliEdges));
  });

  it('answers a bad query with its own error beside a good one', async () => {
    const answer = await host.queryData(ds, [
      { refId: 'good', json: { namespaces: ['bookinfo'] }, ...window },
      { refId: 'bad', json: { namespaces: [] }, ...window },
      { refId: 'broken', json: { namespaces: ['bookinfo'], queryType: 'edgeMetrics', metric: 'loudness' }, ...window },
    ]);
    expect(answer.good.error).toBe('');
    expect(rows(frame(answer.good, 'nodes')).length).toBeGreaterThan(5);
    expect(answer.bad.error).toMatch(/No namespace selected/);
    expect(answer.bad.status).toBe(400);
    expect(answer.broken.error).toMatch(/Unknown metric "loudness"/);
  });

  it('treats a hostile namespace as one literal value that matches nothing', async () => {
    const hostile = 'bookinfo"} or vector(1) or {a="';
    const before = proxy.log.length;
    const answer = await host.queryData(ds, [{ refId: 'A', json: { namespaces: [hostile] }, ...window }]);
    expect(answer.A.error).toBe('');
    expect(rows(frame(answer.A, 'nodes'))).toEqual([]);
    const sent = proxy.log.slice(before).map((r) => new URLSearchParams(r.body).get('query') ?? '');
    expect(sent.length).toBeGreaterThan(0);
    // Parsed with Prometheus' grammar, every query holds the value as one matcher's literal (or an anchored regex
    // matching exactly it), never as PromQL.
    for (const expr of sent) {
      const parsed = expectValidPromQL(expr);
      expect(parsed.errors).toEqual([]);
      expect(parsed.skeleton).not.toContain('vector(1)');
      const holds = parsed.matchers.some(
        (m) => m.value === hostile || (m.op.endsWith('~') && new RegExp(`^(?:${m.value})$`).test(hostile))
      );
      expect(holds).toBe(true);
    }
  });

  it('gives one labelled number per edge equal to the graph edges, and per-node health', async () => {
    const graphQuery = { namespaces: ['bookinfo'], graphType: 'workload', injectServiceNodes: false, duration: '600s' };
    const answer = await host.queryData(ds, [
      { refId: 'graph', json: graphQuery, ...window },
      { refId: 'errors', json: { ...graphQuery, queryType: 'edgeMetrics', metric: 'errorRate' }, ...window },
      { refId: 'rates', json: { ...graphQuery, queryType: 'edgeMetrics', metric: 'requestRate' }, ...window },
      { refId: 'health', json: { ...graphQuery, queryType: 'nodeMetrics', metric: 'health' }, ...window },
    ]);
    const nodeRows = rows(frame(answer.graph, 'nodes'));
    const byId = new Map(nodeRows.map((n) => [n.id, n]));
    const edgeRows = rows(frame(answer.graph, 'edges')).filter((e) => e.protocol !== 'tcp');
    const rates = answer.rates.frames[0];
    expect(rates.meta?.type).toBe('numeric-long');
    const rateRows = rows(rates);
    const key = (r: Record<string, unknown>) =>
      [r.source_namespace, r.source_name, r.destination_namespace, r.destination_name, r.protocol].join('|');
    const expected = new Map<string, number>();
    for (const e of rows(frame(answer.graph, 'edges'))) {
      const s = byId.get(e.source)!;
      const t = byId.get(e.target)!;
      const name = (n: Record<string, unknown>) => (n.workload || n.app || n.service || n.title) as string;
      expected.set([s.namespace, name(s), t.namespace, name(t), e.protocol].join('|'), Number(e.rate));
    }
    expect(rateRows.length).toBe(expected.size);
    for (const r of rateRows) {
      const value = r[rates.fields.find((f) => f.type === 'number')!.name] as number;
      expect(value).toBeCloseTo(expected.get(key(r))!, 6);
    }
    const errorRows = rows(answer.errors.frames[0]);
    const numberName = answer.errors.frames[0].fields.find((f) => f.type === 'number')!.name;
    const failing = errorRows.filter((r) => (r[numberName] as number) > 0);
    expect(failing.length).toBe(edgeRows.filter((e) => Number(e.percentErr) > 0).length);
    const healthRows = rows(answer.health.frames[0]);
    const healthName = answer.health.frames[0].fields.find((f) => f.type === 'number')!.name;
    const codes = { Healthy: 0, Degraded: 1, Failure: 2 } as Record<string, number>;
    const expectedFailures = nodeRows.filter((n) => codes[String(n.healthStatus)] === 2).length;
    expect(healthRows.filter((r) => r[healthName] === 2).length).toBe(expectedFailures);
  });

  it("evaluates the bundled alert rule's query to one number per edge, firing exactly on edges above 5 % errors", async () => {
    const { groups } = parse(readFileSync(path.join(root, 'provisioning/alerting/meshgraph-alerts.yaml'), 'utf8'));
    const rule = groups[0].rules[0];
    const query = rule.data[0];
    const threshold = rule.data[1].model.conditions[0].evaluator.params[0] as number;
    const range = { fromMs: window.toMs - query.relativeTimeRange.from * 1000, toMs: window.toMs };
    const answer = await host.queryData(ds, [{ refId: 'A', json: query.model, queryType: query.queryType, ...range }]);
    expect(answer.A.error).toBe('');
    const numbers = answer.A.frames[0];
    const valueField = numbers.fields.find((f) => f.type === 'number')!.name;
    const firing = rows(numbers).filter((r) => (r[valueField] as number) > threshold);
    const graph = await host.queryData(ds, [{ refId: 'G', json: { ...query.model, queryType: 'graph' }, ...range }]);
    const failingEdges = rows(frame(graph.G, 'edges')).filter((e) => Number(e.percentErr) > threshold);
    expect(firing.length).toBe(failingEdges.length);
    expect(firing.length).toBeGreaterThan(0);
    // Alert instances are told apart by their labels alone.
    const labelSets = rows(numbers).map((r) => JSON.stringify(Object.entries(r).filter(([k]) => k !== valueField)));
    expect(new Set(labelSets).size).toBe(labelSets.length);
  });

  it("lets 10 concurrent viewers of one graph cost one viewer's Prometheus requests", async () => {
    const viewer = { fromMs: window.fromMs - 120_000, toMs: window.toMs - 120_000 };
    const query = { refId: 'A', json: { namespaces: ['bookinfo'], graphType: 'app' }, ...viewer };
    let before = prometheusRequests();
    await host.queryData(ds, [query]);
    const one = prometheusRequests() - before;
    expect(one).toBeGreaterThan(0);
    const later = { ...query, fromMs: viewer.fromMs - 300_000, toMs: viewer.toMs - 300_000 };
    before = prometheusRequests();
    // Viewers a few seconds apart inside one scrape interval share the evaluation.
    const aligned = later.toMs - (later.toMs % 15_000);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        host.queryData(ds, [{ ...later, fromMs: aligned - 600_000 + i * 1000, toMs: aligned + i * 1000 }])
      )
    );
    const ten = prometheusRequests() - before;
    expect(answers.every((a) => a.A.error === '' && a.A.frames.length === 2)).toBe(true);
    expect(ten).toBeLessThanOrEqual(Math.floor(one * 1.1));
  });

  it('cancels the Prometheus calls of a cancelled query and stays up', async () => {
    proxy.state.delayMs = 3000;
    try {
      const controller = new AbortController();
      const before = proxy.log.length;
      const pending = host.queryData(
        ds,
        [{ refId: 'A', json: { namespaces: ['bookinfo'], graphType: 'service' }, ...window }],
        controller.signal
      );
      await new Promise((r) => setTimeout(r, 500));
      controller.abort();
      await expect(pending).rejects.toMatchObject({ code: 1 }); // gRPC CANCELLED on the host side
      await new Promise((r) => setTimeout(r, 300));
      const calls = proxy.log.slice(before);
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.abandoned)).toBe(true);
    } finally {
      proxy.state.delayMs = 0;
    }
    expect(await host.ping()).toBe('SERVING');
  });

  it('reports Prometheus down with a readable error, then answers again when it is back', async () => {
    proxy.state.down = true;
    const q = {
      refId: 'A',
      json: { namespaces: ['bookinfo'], graphType: 'versionedApp' },
      fromMs: window.fromMs - 900_000,
      toMs: window.toMs - 900_000,
    };
    const down = await host.queryData(ds, [q]);
    expect(down.A.error).toMatch(/Cannot reach Prometheus/);
    expect(down.A.errorSource).toBe('downstream');
    proxy.state.down = false;
    const back = await host.queryData(ds, [q]);
    expect(back.A.error).toBe('');
    expect(rows(frame(back.A, 'nodes')).length).toBeGreaterThan(5);
  });

  it('serves the names and plan resources', async () => {
    const names = await host.callResource(ds, {
      path: 'names',
      query: `kind=namespaces&from=${window.fromMs}&to=${window.toMs}`,
    });
    expect(names.code).toBe(200);
    expect((names.json() as { names: string[] }).names).toContain('bookinfo');
    const workloads = await host.callResource(ds, {
      path: 'names',
      query: `kind=workloads&namespace=bookinfo&from=${window.fromMs}&to=${window.toMs}`,
    });
    expect((workloads.json() as { names: string[] }).names).toEqual(
      expect.arrayContaining(['productpage-v1', 'reviews-v2'])
    );
    const plan = await host.callResource(ds, {
      path: 'plan',
      method: 'POST',
      body: { query: { namespaces: ['bookinfo'] }, ...{ from: window.fromMs, to: window.toMs } },
    });
    expect(plan.code).toBe(200);
    expect((plan.json() as { queries: unknown[] }).queries.length).toBeGreaterThan(0);
    const unknown = await host.callResource(ds, { path: 'admin/tsdb/delete_series', method: 'POST' });
    expect(unknown.code).toBe(404);
  });

  it('exits when Grafana asks it to shut down', async () => {
    const extra = await startPlugin(EXECUTABLE);
    const result = await extra.shutdown();
    expect(result.code).toBe(0);
  });

  it("refuses to run without Grafana's cookie, with one human sentence", async () => {
    await expect(startPlugin(EXECUTABLE, { withoutCookie: true, handshakeTimeoutMs: 10_000 })).rejects.toThrow(
      /exited before completing the handshake \(code 1.*Grafana starts it itself/s
    );
  });
});
