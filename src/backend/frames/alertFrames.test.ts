/**
 * @jest-environment node
 */
import { readArrowFrame, GrafanaFrame } from '../../../tests/support/grafanaFrames';
import { applyHealth } from '../../engine/appenders/health';
import { emptyNodeRates } from '../../engine/fold/trafficMap';
import { meshSeries } from '../../engine/fold/meshFixture.testutil';
import { lean, testOptions } from '../../engine/fold/planRunner.testutil';
import type { GraphEdge, GraphModel, GraphNode } from '../../engine/model';
import { edgeMetricFrames, nodeMetricFrames } from './alertFrames';
import { encodeFrame } from './arrowFrame';
import type { WireFrame } from './wireFrame';

/** Rows of a numeric long frame as Grafana reads it: labels from the string columns, the one number. */
function instances(wire: WireFrame[]): Array<{ labels: Record<string, string>; value: number | null }> {
  expect(wire).toHaveLength(1);
  const frame: GrafanaFrame = readArrowFrame(encodeFrame(wire[0]));
  expect(frame.meta).toMatchObject({ type: 'numeric-long', typeVersion: [0, 1] });
  const numbers = frame.fields.filter((f) => f.type === 'number');
  const strings = frame.fields.filter((f) => f.goType === 'string');
  // SSE's number-table rule: exactly one numeric field, every other field a string.
  expect(numbers).toHaveLength(1);
  expect(strings).toHaveLength(frame.fields.length - 1);
  expect(strings.every((f) => !f.nullable)).toBe(true);
  const rows = numbers[0].values.map((value, i) => ({
    labels: Object.fromEntries(strings.map((f) => [f.name, f.values[i] as string])),
    value: value as number | null,
  }));
  const keys = rows.map((r) => JSON.stringify(Object.entries(r.labels).sort()));
  expect(new Set(keys).size).toBe(keys.length);
  return rows;
}

function nodeName(n: GraphNode): string {
  return n.nodeType === 'workload'
    ? n.workload!
    : n.nodeType === 'app'
      ? n.app!
      : n.nodeType === 'service'
        ? n.service!
        : n.nodeType === 'aggregate'
          ? n.aggregateValue!
          : 'unknown';
}

function nodeLabels(n: GraphNode, prefix = ''): Record<string, string> {
  return {
    [prefix + 'node_type']: n.nodeType,
    [prefix + 'cluster']: n.cluster,
    [prefix + 'namespace']: n.namespace,
    [prefix + 'name']: nodeName(n),
    [prefix + 'version']: n.version ?? '',
  };
}

function edgeLabels(m: GraphModel, e: GraphEdge): Record<string, string> {
  const node = (id: string) => m.nodes.find((n) => n.id === id)!;
  return {
    ...nodeLabels(node(e.source), 'source_'),
    ...nodeLabels(node(e.target), 'destination_'),
    protocol: e.protocol,
  };
}

function rowFor<T extends { labels: Record<string, string> }>(rows: T[], labels: Record<string, string>): T {
  const found = rows.filter((r) => Object.entries(labels).every(([k, v]) => r.labels[k] === v));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('edgeMetricFrames', () => {
  const model = lean(testOptions({ namespaces: ['shop', 'pay'] }), meshSeries());
  applyHealth(model);
  model.edges.find((e) => e.protocol === 'http' && e.target === 'wl_c1_shop_cart-v1')!.responseTime = 48.5;
  model.edges.find((e) => e.protocol === 'grpc')!.responseTime = 7;

  it('requestRate: one number per edge, the edge rate, with its unit', () => {
    const rows = instances(edgeMetricFrames(model, 'requestRate', 'A'));
    expect(rows).toHaveLength(model.edges.length);
    for (const e of model.edges) {
      const row = rowFor(rows, edgeLabels(model, e));
      expect(row.value).toBe(e.rates.total);
      expect(row.labels.unit).toBe(e.protocol === 'tcp' ? 'bytes/s' : 'requests/s');
    }
    expect(Object.keys(rows[0].labels)).toEqual([
      'source_node_type',
      'source_cluster',
      'source_namespace',
      'source_name',
      'source_version',
      'destination_node_type',
      'destination_cluster',
      'destination_namespace',
      'destination_name',
      'destination_version',
      'protocol',
      'unit',
    ]);
  });

  it('errorRate: request edges only, the percent failing, NaN without requests', () => {
    const rows = instances(edgeMetricFrames(model, 'errorRate', 'A'));
    const requestEdges = model.edges.filter((e) => e.protocol !== 'tcp');
    expect(rows).toHaveLength(requestEdges.length);
    for (const e of requestEdges) {
      expect(rowFor(rows, edgeLabels(model, e)).value).toBe(e.hasTraffic ? e.rates.percentErr : NaN);
    }
    expect(requestEdges.some((e) => !e.hasTraffic)).toBe(true);
    expect(rows.some((r) => r.value === 100)).toBe(true);
  });

  it('responseTime: the edges that have one, in ms', () => {
    const wire = edgeMetricFrames(model, 'responseTime', 'A');
    const rows = instances(wire);
    expect(rows.map((r) => r.value).sort()).toEqual([48.5, 7].sort());
    expect(wire[0].fields.at(-1)!.config).toMatchObject({ unit: 'ms' });
  });

  it('counts gRPC in messages/s and leaves it out of error rates when the query counts messages', () => {
    const rates = instances(edgeMetricFrames(model, 'requestRate', 'A', { grpcRate: 'sent' }));
    expect(rates.filter((r) => r.labels.protocol === 'grpc').map((r) => r.labels.unit)).toEqual(['messages/s']);
    const errors = instances(edgeMetricFrames(model, 'errorRate', 'A', { grpcRate: 'total' }));
    expect(errors.some((r) => r.labels.protocol === 'grpc')).toBe(false);
  });

  it('tells apart a service and an app of the same name, and versions of an app', () => {
    const m = lean(
      testOptions({ namespaces: ['shop', 'pay'], graphType: 'versionedApp', injectServiceNodes: true }),
      meshSeries()
    );
    const rows = instances(edgeMetricFrames(m, 'requestRate', 'A'));
    expect(rows).toHaveLength(m.edges.length);
    const svcToApp = rows.filter(
      (r) => r.labels.source_node_type === 'service' && r.labels.destination_node_type === 'app'
    );
    expect(svcToApp.length).toBeGreaterThan(0);
    expect(svcToApp.some((r) => r.labels.source_name === r.labels.destination_name)).toBe(true);
    expect(rows.some((r) => 'edge_id' in r.labels)).toBe(false);
  });
});

describe('nodeMetricFrames', () => {
  const model = lean(testOptions({ namespaces: ['shop', 'pay'] }), meshSeries());
  applyHealth(model);
  const notBox = model.nodes.filter((n) => n.nodeType !== 'box');

  it('requestRate and errorRate: inbound requests of every node', () => {
    const rates = instances(nodeMetricFrames(model, 'requestRate', 'A'));
    const errors = instances(nodeMetricFrames(model, 'errorRate', 'A'));
    expect(rates).toHaveLength(notBox.length);
    expect(errors).toHaveLength(notBox.length);
    for (const n of notBox) {
      const r = n.rates;
      const req = r.httpIn + r.grpcIn;
      const err = r.httpIn4xx + r.httpIn5xx + r.httpInNoResponse + r.grpcInErr + r.grpcInNoResponse;
      expect(rowFor(rates, nodeLabels(n)).value).toBe(req);
      expect(rowFor(errors, nodeLabels(n)).value).toBe(req > 0 ? (err / req) * 100 : NaN);
    }
    expect(Object.keys(rates[0].labels)).toEqual(['node_type', 'cluster', 'namespace', 'name', 'version']);
  });

  it('health: 0 healthy, 1 degraded, 2 failure, null when not judged; never-judged nodes left out', () => {
    const rows = instances(nodeMetricFrames(model, 'health', 'A'));
    const judged = notBox.filter((n) => n.nodeType !== 'unknown' && !n.isInaccessible);
    expect(rows).toHaveLength(judged.length);
    const expected = { Healthy: 0, Degraded: 1, Failure: 2, NA: null, 'Not Ready': NaN };
    for (const n of judged) {
      expect(rowFor(rows, nodeLabels(n)).value).toBe(expected[n.health!.status]);
    }
    const values = new Set(rows.map((r) => r.value));
    expect([0, 1, 2, null].every((v) => values.has(v))).toBe(true);
  });

  it('health without the health appender: null ("no data"), never healthy', () => {
    const m = lean(testOptions({ namespaces: ['shop'] }), meshSeries());
    const rows = instances(nodeMetricFrames(m, 'health', 'A'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.value === null)).toBe(true);
  });
});

describe('alert labels', () => {
  const node = (id: string, extra: Partial<GraphNode>): GraphNode => ({
    id,
    nodeType: 'app',
    cluster: 'unknown',
    namespace: 'ns',
    rates: { ...emptyNodeRates(), httpIn: 1 },
    ...extra,
  });
  const edge = (source: string, target: string): GraphEdge => ({
    id: `${source} ${target} http`,
    source,
    target,
    protocol: 'http',
    rates: { total: 1, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr: 0, percentReq: 100 },
    responses: {},
    hasTraffic: true,
  });
  const graph = (nodes: GraphNode[], edges: GraphEdge[]): GraphModel => ({
    timestamp: 0,
    duration: 600,
    graphType: 'versionedApp',
    namespaces: ['ns'],
    nodes,
    edges,
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  });

  it('leaves clusters out when no node names one, and skips boxes', () => {
    const m = graph([node('a', { app: 'a' }), node('box', { nodeType: 'box', isBox: 'namespace' })], [edge('a', 'a')]);
    expect(Object.keys(instances(nodeMetricFrames(m, 'requestRate', 'A'))[0].labels)).toEqual([
      'node_type',
      'namespace',
      'name',
      'version',
    ]);
    expect(instances(nodeMetricFrames(m, 'requestRate', 'A'))).toHaveLength(1);
    expect(Object.keys(instances(edgeMetricFrames(m, 'requestRate', 'A'))[0].labels)).not.toContain('source_cluster');
  });

  it('adds the engine id where label sets collide, and keeps every row', () => {
    // Two versioned-app nodes with the same app and version (different workloads), and a node listed twice.
    const m = graph(
      [
        node('vapp_a-v1', { app: 'a', version: 'v1', workload: 'a-v1' }),
        node('vapp_a-canary', { app: 'a', version: 'v1', workload: 'a-canary' }),
        node('caller', { app: 'caller' }),
        node('caller', { app: 'caller' }),
      ],
      [edge('caller', 'vapp_a-v1'), edge('caller', 'vapp_a-canary'), edge('vapp_a-v1', 'caller')]
    );
    const nodes = instances(nodeMetricFrames(m, 'requestRate', 'A'));
    expect(nodes.map((r) => r.labels.node_id)).toEqual(['vapp_a-v1', 'vapp_a-canary', 'caller', 'caller #2']);
    const edges = instances(edgeMetricFrames(m, 'requestRate', 'A'));
    expect(edges.map((r) => r.labels.edge_id)).toEqual(['caller vapp_a-v1 http', 'caller vapp_a-canary http', '']);
  });

  it('keeps hostile names exactly, and does not confuse them with separators', () => {
    const evil = ['a",b', 'x\ny', '\u0000', 'c=d,e', '{}', '"', 'ünï ✓', ''];
    const nodes = evil.map((name, i) => node(`n${i}`, { app: name, namespace: evil[(i + 1) % evil.length] }));
    const m = graph(nodes, []);
    const rows = instances(nodeMetricFrames(m, 'requestRate', 'A'));
    expect(rows.map((r) => [r.labels.name, r.labels.namespace])).toEqual(nodes.map((n) => [n.app, n.namespace]));
    expect(rows.some((r) => 'node_id' in r.labels)).toBe(false);
  });

  it('answers an empty graph with an empty frame (Grafana: no data), not with no frame', () => {
    const m = graph([], []);
    for (const wire of [edgeMetricFrames(m, 'errorRate', 'A'), nodeMetricFrames(m, 'health', 'A')]) {
      expect(instances(wire)).toEqual([]);
      expect(wire[0].fields.length).toBeGreaterThan(1);
    }
  });

  it('labels an edge to a node missing from the graph by its id rather than dropping it', () => {
    const m = graph([node('a', { app: 'a' })], [edge('a', 'gone')]);
    const [row] = instances(edgeMetricFrames(m, 'requestRate', 'A'));
    expect(row.labels).toMatchObject({ destination_name: 'gone', destination_node_type: '', source_name: 'a' });
  });
});
