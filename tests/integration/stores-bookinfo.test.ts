/**
 * The simulated bookinfo mesh (with histograms and kube-state-metrics) in Prometheus and in VictoriaMetrics: every
 * graph type, rate option, injection setting, node graph and telemetry appender must give the same graph on both
 * stores, and Grafana's Node Graph must read each graph's frames (idle and dead workloads are the only nodes without
 * edges). MetricsQL differences that matter to Meshgraph's queries (`or`, `round`, `histogram_quantile`, `rate`
 * extrapolation, empty labels) would show here as a difference.
 */
import { bookinfoTopology } from '../../simulator';
import {
  GraphModel,
  GraphOptions,
  PrometheusClient,
  buildGraph,
  defaultGraphOptions,
  fetchTransport,
  toFrames,
  toKialiJson,
} from '../../src/engine';
import { nodeDataLinks } from '../../src/datasource/links';
import { graphWireFrames } from '../../src/backend/frames/graphFrames';
import { encodeFrame } from '../../src/backend/frames/arrowFrame';
import { readArrowFrame } from '../support/grafanaFrames';
import { readNodeGraph } from '../support/nodeGraphReader';
import { LoadedStore, STORES, StoreKind, startSimulatedStore } from '../support/stores';

const stores = new Map<StoreKind, LoadedStore>();

beforeAll(async () => {
  for (const kind of STORES) {
    stores.set(kind, await startSimulatedStore(kind, bookinfoTopology(), { histograms: 'all' }));
  }
}, 300000);

afterAll(async () => {
  for (const s of stores.values()) {
    await s.stop();
  }
});

type Overrides = Parameters<typeof defaultGraphOptions>[0];
const ALL_APPENDERS = {
  responseTime: '95' as const,
  throughput: 'response' as const,
  securityPolicy: true,
  aggregate: 'request_operation',
  health: true,
  kubeState: true,
};

const CASES: Array<[string, Overrides]> = [];
for (const graphType of ['workload', 'app', 'versionedApp', 'service'] as const) {
  for (const injectServiceNodes of graphType === 'service' ? [true] : [false, true]) {
    CASES.push([`${graphType}, injection ${injectServiceNodes}`, { graphType, injectServiceNodes }]);
  }
}
CASES.push(
  ['gRPC sent, TCP received', { rates: { grpc: 'sent', tcp: 'received' } }],
  ['gRPC received, TCP total', { rates: { grpc: 'received', tcp: 'total' } }],
  ['gRPC total, HTTP none', { rates: { http: 'none', grpc: 'total' } }],
  ['average response time, request throughput', { appenders: { responseTime: 'avg', throughput: 'request' } }],
  ['p50 response time, service graph', { graphType: 'service', appenders: { responseTime: '50' } }],
  ['idle edges', { includeIdleEdges: true }],
  ['all namespaces', { namespaces: 'all' }],
  ['workload node graph', { node: { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v3' } }],
  ['app node graph', { graphType: 'app', node: { kind: 'app', namespace: 'bookinfo', app: 'reviews' } }],
  [
    'versioned app node graph',
    { graphType: 'versionedApp', node: { kind: 'app', namespace: 'bookinfo', app: 'reviews', version: 'v2' } },
  ],
  [
    'service node graph, injection',
    { injectServiceNodes: true, node: { kind: 'service', namespace: 'bookinfo', name: 'productpage' } },
  ],
  ['boxes', { graphType: 'versionedApp', boxBy: ['app', 'namespace', 'cluster'] }]
);

/** Numbers rounded to 1e-9 (sums taken in another order), JSON fields parsed. */
function canonical(v: unknown): unknown {
  if (typeof v === 'number') {
    return Math.round(v * 1e9) / 1e9;
  }
  if (typeof v === 'string' && /^[[{]/.test(v)) {
    return canonical(JSON.parse(v));
  }
  if (Array.isArray(v)) {
    return v.map(canonical);
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  }
  return v;
}

/** Each frame as rows keyed by id, whatever the row order. */
function rowsById(frames: ReturnType<typeof toFrames>): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const f of frames) {
    const ids = f.fields.find((x) => x.name === 'id')!.values as string[];
    out[f.name] = Object.fromEntries(
      ids.map((id, i) => [id, Object.fromEntries(f.fields.map((x) => [x.name, canonical(x.values[i])]))])
    );
  }
  return out;
}

async function build(kind: StoreKind, overrides: Overrides): Promise<GraphModel> {
  const store = stores.get(kind)!;
  const options: GraphOptions = defaultGraphOptions({
    namespaces: ['bookinfo', 'shop', 'tools'],
    duration: 600,
    ...overrides,
    queryTime: store.queryTime,
    appenders: { ...ALL_APPENDERS, ...overrides?.appenders },
  });
  return buildGraph(options, new PrometheusClient(fetchTransport(store.url)));
}

describe('Prometheus and VictoriaMetrics give the same graph', () => {
  it.each(CASES)('%s', async (_name, overrides) => {
    const [p, v] = await Promise.all(STORES.map((k) => build(k, overrides)));
    expect(p.edges.length).toBeGreaterThan(0);
    expect(toKialiJson(v)).toEqual(toKialiJson(p));
    // Stores return series in their own order, which is the order nodes and edges are found in.
    expect(rowsById(toFrames(v))).toEqual(rowsById(toFrames(p)));
    expect(v.notices.map((n) => n.text)).toEqual(p.notices.map((n) => n.text));
    expect(v.stats.skipped).toEqual(p.stats.skipped);
    // Grafana's Node Graph reads both; only idle and dead workloads or asked-for boxes stand without edges.
    const links = nodeDataLinks({
      workloadDashboardUid: 'wl',
      serviceDashboardUid: 'svc',
      clusterDomain: 'svc.cluster.local',
    });
    const view = readNodeGraph(
      graphWireFrames(toFrames(p, { links }), 'A', p.notices, links).map((w) => readArrowFrame(encodeFrame(w)))
    );
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    for (const n of view.nodes.filter((x) => x.incoming + x.outgoing === 0)) {
      const node = byId.get(n.id)!;
      expect({ id: n.id, lone: node.nodeType === 'box' || node.isIdle === true || node.isDead === true }).toEqual({
        id: n.id,
        lone: true,
      });
    }
  });

  it('the telemetry appenders have something to compare: latency, throughput, mTLS, operations, health', async () => {
    const p = await build('prometheus', { graphType: 'workload' });
    expect(p.edges.filter((e) => e.responseTime !== undefined).length).toBeGreaterThan(3);
    expect(p.edges.filter((e) => e.throughput !== undefined).length).toBeGreaterThan(3);
    expect(p.edges.filter((e) => e.isMTLS !== undefined).length).toBeGreaterThan(3);
    expect(p.nodes.filter((n) => n.nodeType === 'aggregate').length).toBeGreaterThan(0);
    expect(p.nodes.filter((n) => n.isIdle || n.isDead).length).toBeGreaterThan(0);
    // Operation nodes have no health; reviews-v4 is scaled to zero (Not Ready).
    expect(new Set(p.nodes.map((n) => n.health?.status))).toEqual(
      new Set(['Healthy', 'Degraded', 'Failure', 'NA', 'Not Ready', undefined])
    );
  });
});
