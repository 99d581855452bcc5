/**
 * Kiali's own graph API tests, replayed against real stores. The inputs of kiali/kiali graph/api/api_test.go are
 * loaded as raw Istio counters (kiali/kialiInputs.ts) into Prometheus (promtool backfill) and VictoriaMetrics (import
 * API); Meshgraph builds each graph with the options of Kiali's test request and its Kiali JSON must equal Kiali's
 * expected graph (kiali/kialiExpected.ts) node by node and edge by edge, on both stores. Each test case lives under
 * its own `kiali_test` label, selected with a query-scope label, so one server of each kind holds them all.
 * Departures from Kiali are applied explicitly and pinned: see kiali/KIALI_COVERAGE.md.
 *
 * Long on purpose: Kiali's 16 cases on two stores share one server of each kind, set up here.
 */
import {
  GraphModel,
  GraphOptions,
  PrometheusClient,
  applyRollup,
  buildGraph,
  exactSum,
  defaultGraphOptions,
  fetchTransport,
  toFrames,
  toKialiJson,
} from '../../src/engine';
import { nodeDataLinks } from '../../src/datasource/links';
import { graphWireFrames } from '../../src/backend/frames/graphFrames';
import { encodeFrame } from '../../src/backend/frames/arrowFrame';
import { GrafanaFrame, readArrowFrame } from '../support/grafanaFrames';
import { BUILT_PLUGIN, PluginHost, startPlugin } from '../support/grafanaHost';
import { NodeGraphView, readNodeGraph, ring } from '../support/nodeGraphReader';
import { LoadedStore, STORES, StoreKind, startLoadedStore } from '../support/stores';
import { ExpectedGraph, readable, withWaypointsUnfolded, withoutAccessChecks } from './kiali/expectations';
import * as expected from './kiali/kialiExpected';
import * as inputs from './kiali/kialiInputs';
import { RawIstioSeries, toFamilies, withLabels } from './kiali/istioSeries';

/** Kiali's test window: 600 s ranges; the data is sampled every 15 s over the hour before the query time. */
const END = 1523364075 + 45; // a multiple of 15 after Kiali's queryTime; only the rates matter
const WINDOW = { start: END - 3600, end: END, step: 15, origin: END - 7200 };

/** TestServiceNodeGraph's mock answers hosts "productpage:9080" to a query for ^productpage\.bookinfo\..*$, which a
 * store cannot match: the inputs use the FQDN host, and so does the expectation (the only change). */
function serviceNodeInputs(): RawIstioSeries[] {
  return inputs.serviceNode.map((s) => ({
    ...s,
    labels: { ...s.labels, destination_service: 'productpage.bookinfo.svc.cluster.local' },
  }));
}
function serviceNodeExpected(): ExpectedGraph {
  return JSON.parse(
    JSON.stringify(expected.serviceNode).replace(/"productpage:9080"/g, '"productpage.bookinfo.svc.cluster.local"')
  );
}

interface Case {
  /** Kiali test name(s). */
  kiali: string;
  data: keyof typeof DATA;
  options: Partial<GraphOptions> & Pick<GraphOptions, 'graphType'>;
  expected: () => ExpectedGraph;
  /** Nodes whose Kubernetes-based isInaccessible flag Meshgraph cannot set (departure). */
  inaccessibleByAccess: string[];
  /** Samples Kiali's rules skip (Kiali logs them; Meshgraph counts them in a notice). */
  skipped?: Record<string, number>;
}

/** The datasets, each under its own kiali_test label. TestComplexGraph's series carry mesh_id="mesh1" (its query
 * scope) and a copy with mesh_id="mesh2" at other rates that the scope must keep out. */
const DATA: Record<string, () => RawIstioSeries[]> = {
  bookinfoNamespace: () => inputs.bookinfoNamespace,
  workloadNode: () => inputs.workloadNode,
  appNode: () => inputs.appNode,
  versionedAppNode: () => inputs.versionedAppNode,
  serviceNode: serviceNodeInputs,
  ratesNodeTotal: () => inputs.ratesNodeTotal,
  complex: () => [
    ...withLabels(inputs.complex, { mesh_id: 'mesh1' }),
    ...withLabels(inputs.complex, { mesh_id: 'mesh2' }).map((s) => ({ ...s, rate: s.rate * 3 })),
  ],
  multiClusterSource: () => inputs.multiClusterSource,
  ambient: () => inputs.ambient,
};

const NS = { namespaces: ['bookinfo'], ambientTraffic: 'none' as const };
const GATEWAY = 'workload east/istio-system/ingressgateway-unknown';
const BANKAPP = ['workload east/bankapp/deposit-v1', 'workload east/bankapp/pricing-v1'];

const CASES: Record<string, Case> = {
  workload: {
    kiali: 'TestWorkloadGraph',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'workload' },
    expected: () => expected.workload,
    inaccessibleByAccess: [...BANKAPP, GATEWAY],
  },
  app: {
    kiali: 'TestAppGraph',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'app', boxBy: ['app'] },
    expected: () => expected.app,
    inaccessibleByAccess: [
      'app east/bankapp/deposit',
      'app east/bankapp/pricing',
      'app east/istio-system/ingressgateway',
    ],
  },
  versionedApp: {
    kiali: 'TestVersionedAppGraph',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'versionedApp', boxBy: ['app'] },
    expected: () => expected.versionedApp,
    inaccessibleByAccess: [
      'app east/bankapp/deposit-v1',
      'app east/bankapp/pricing-v1',
      'app east/istio-system/ingressgateway-unknown',
    ],
  },
  service: {
    kiali: 'TestServiceGraph',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'service' },
    expected: () => expected.service,
    inaccessibleByAccess: ['service east/bankapp/deposit', 'service east/bankapp/pricing', GATEWAY],
  },
  ratesSent: {
    kiali: 'TestRatesGraphSent',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'workload', rates: { http: 'requests', grpc: 'sent', tcp: 'sent' } },
    expected: () => expected.ratesSent,
    inaccessibleByAccess: [...BANKAPP, GATEWAY],
  },
  ratesReceived: {
    kiali: 'TestRatesGraphReceived',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'workload', rates: { http: 'requests', grpc: 'received', tcp: 'received' } },
    expected: () => expected.ratesReceived,
    inaccessibleByAccess: [...BANKAPP, GATEWAY],
  },
  ratesTotal: {
    kiali: 'TestRatesGraphTotal',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'workload', rates: { http: 'requests', grpc: 'total', tcp: 'total' } },
    expected: () => expected.ratesTotal,
    inaccessibleByAccess: [...BANKAPP, GATEWAY],
  },
  ratesNone: {
    kiali: 'TestRatesGraphNone',
    data: 'bookinfoNamespace',
    options: { ...NS, graphType: 'workload', rates: { http: 'none', grpc: 'total', tcp: 'total' } },
    expected: () => expected.ratesNone,
    inaccessibleByAccess: ['workload east/bankapp/deposit-v1', GATEWAY],
  },
  workloadNode: {
    kiali: 'TestWorkloadNodeGraph',
    data: 'workloadNode',
    options: {
      ...NS,
      graphType: 'workload',
      node: { kind: 'workload', namespace: 'bookinfo', name: 'productpage-v1' },
    },
    expected: () => expected.workloadNode,
    inaccessibleByAccess: [GATEWAY],
  },
  appNode: {
    kiali: 'TestAppNodeGraph',
    data: 'appNode',
    // Kiali's test leaves ambient traffic at its default (total): reporter=~"waypoint|…".
    options: {
      namespaces: ['bookinfo'],
      graphType: 'versionedApp',
      boxBy: ['app'],
      node: { kind: 'app', namespace: 'bookinfo', app: 'productpage' },
    },
    expected: () => expected.appNode,
    inaccessibleByAccess: ['app east/istio-system/ingressgateway-unknown'],
  },
  versionedAppNode: {
    kiali: 'TestVersionedAppNodeGraph',
    data: 'versionedAppNode',
    options: {
      ...NS,
      graphType: 'versionedApp',
      boxBy: ['app'],
      node: { kind: 'app', namespace: 'bookinfo', app: 'productpage', version: 'v1' },
    },
    expected: () => expected.versionedAppNode,
    inaccessibleByAccess: ['app east/istio-system/ingressgateway-unknown'],
  },
  serviceNode: {
    kiali: 'TestServiceNodeGraph',
    data: 'serviceNode',
    options: { ...NS, graphType: 'workload', node: { kind: 'service', namespace: 'bookinfo', name: 'productpage' } },
    expected: serviceNodeExpected,
    inaccessibleByAccess: [GATEWAY],
  },
  ratesNodeTotal: {
    kiali: 'TestRatesNodeGraphTotal',
    data: 'ratesNodeTotal',
    options: {
      ...NS,
      graphType: 'workload',
      rates: { http: 'requests', grpc: 'total', tcp: 'total' },
      node: { kind: 'workload', namespace: 'bookinfo', name: 'productpage-v1' },
    },
    expected: () => expected.ratesNodeTotal,
    inaccessibleByAccess: [GATEWAY],
  },
  complex: {
    kiali: 'TestComplexGraph',
    data: 'complex',
    options: {
      namespaces: ['bookinfo', 'tutorial', 'istio-system'],
      ambientTraffic: 'none',
      graphType: 'versionedApp',
      boxBy: ['app'],
      scope: { mesh_id: 'mesh1' },
    },
    expected: () => expected.complex,
    inaccessibleByAccess: ['app cluster-tutorial/outsider/outsider-ingress'],
    // The test's bad-source-telemetry-case-1 source and its two IP-address destinations (util.IsBadSourceTelemetry,
    // util.IsBadDestTelemetry).
    skipped: {
      'bad source telemetry (namespace without workload or app)': 1,
      'bad destination telemetry (IP address as service)': 2,
    },
  },
  multiClusterSource: {
    kiali: 'TestMultiClusterSourceGraph',
    data: 'multiClusterSource',
    options: {
      ...NS,
      graphType: 'versionedApp',
      boxBy: ['app'],
      injectServiceNodes: true,
      includeIdleEdges: true,
    },
    expected: () => expected.multiClusterSource,
    inaccessibleByAccess: [],
  },
  ambient: {
    kiali: 'TestAmbientGraph (waypoints unfolded: a gap, see KIALI_COVERAGE.md)',
    data: 'ambient',
    // Kiali's test keeps ambient traffic at its default (total): waypoint and ztunnel series both count.
    options: { namespaces: ['bookinfo'], graphType: 'workload' },
    expected: () => withWaypointsUnfolded(expected.ambient),
    inaccessibleByAccess: [],
  },
};

function options(c: Case, data: string, store: LoadedStore): GraphOptions {
  const { rates, scope, ...rest } = c.options;
  return defaultGraphOptions({
    ...rest,
    rates,
    scope: { ...scope, kiali_test: data },
    duration: 600,
    queryTime: store.queryTime,
    appenders: { health: false, kubeState: false, responseDetails: true },
  });
}

const stores = new Map<StoreKind, LoadedStore>();

beforeAll(async () => {
  const all = Object.entries(DATA).flatMap(([name, load]) => withLabels(load(), { kiali_test: name }));
  const families = toFamilies(all);
  for (const kind of STORES) {
    stores.set(kind, await startLoadedStore(kind, families, WINDOW));
  }
}, 300000);

afterAll(async () => {
  for (const s of stores.values()) {
    await s.stop();
  }
});

async function model(kind: StoreKind, c: Case): Promise<GraphModel> {
  const store = stores.get(kind)!;
  const m = await buildGraph(options(c, c.data, store), new PrometheusClient(fetchTransport(store.url)));
  expect(m.stats.skipped).toEqual(c.skipped ?? {});
  expect(m.notices.filter((n) => n.severity === 'error')).toEqual([]);
  return m;
}

async function graph(kind: StoreKind, c: Case): Promise<ExpectedGraph> {
  return readable(toKialiJson(await model(kind, c)));
}

const LINK_SETTINGS = { workloadDashboardUid: 'wl', serviceDashboardUid: 'svc', clusterDomain: 'svc.cluster.local' };

/** The frames as Grafana receives them from the backend (Arrow files read as the Go SDK reads them), then read by
 * Grafana's Node Graph panel. */
function asNodeGraph(m: GraphModel): NodeGraphView {
  const links = nodeDataLinks(LINK_SETTINGS);
  const wire = graphWireFrames(toFrames(m, { links }), 'A', m.notices, links);
  return readNodeGraph(wire.map((w) => readArrowFrame(encodeFrame(w))));
}

/**
 * Grafana's Node Graph contract: every node has a title, its arcs are numbers from 0 to 1 that add up to 1 with a
 * fixed legend colour each, edges join existing nodes (else the panel crashes), ids are unique, and a node without
 * edges means something on its own: an idle or dead workload, or a box the query asked for.
 */
function expectNodeGraphContract(view: NodeGraphView, boxesAsked: boolean): void {
  const column = (name: string) => view.nodesFrame.fields.find((f) => f.name === name)!.values;
  const nodeType = column('nodeType');
  const flags = column('flags');
  expect(view.legend.map((l) => l.color)).toEqual(['green', 'orange', 'red', 'gray']);
  for (const n of view.nodes) {
    expect(n.title).not.toBe('');
    const sum = Object.values(n.arcs).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    expect(ring(n).kind).not.toBe('color');
    if (n.incoming + n.outgoing === 0) {
      const why = nodeType[n.row] === 'box' ? (boxesAsked ? 'box' : 'unrequested box') : String(flags[n.row]);
      expect({ node: n.id, why }).toEqual({ node: n.id, why: expect.stringMatching(/^box$|isIdle|isDead/) });
    }
  }
  if (!boxesAsked) {
    expect(view.nodes.filter((n) => nodeType[n.row] === 'box').map((n) => n.id)).toEqual([]);
  }
}

describe.each(STORES)('on %s', (kind) => {
  it.each(Object.keys(CASES))("%s equals Kiali's expected graph", async (name) => {
    const c = CASES[name];
    const want = withoutAccessChecks(c.expected());
    expect(want.removedFrom).toEqual([...c.inaccessibleByAccess].sort());
    const got = await graph(kind, c);
    expect(got.graphType).toBe(want.graph.graphType);
    expect(Object.keys(got.nodes).sort()).toEqual(Object.keys(want.graph.nodes).sort());
    expect(Object.keys(got.edges).sort()).toEqual(Object.keys(want.graph.edges).sort());
    expect(got).toEqual(want.graph);
  });
});

/**
 * One definition of a node's error figure everywhere: the nodes frame's secondarystat (what Grafana's Node Graph
 * and the CLI's frames show) equals the inbound error share of the node's request edges, which is how the panel's
 * details drawer sums it (HTTP 4xx, 5xx and no response; gRPC errors and no response).
 */
function expectOneErrorFigure(m: GraphModel, view: NodeGraphView): void {
  for (const n of view.nodes) {
    const inbound = m.edges.filter((e) => e.target === n.id && e.protocol !== 'tcp' && e.rates.total > 0);
    const total = inbound.reduce((a, e) => a + e.rates.total, 0);
    const errors = inbound.reduce(
      (a, e) => a + e.rates.noResponse + (e.protocol === 'http' ? e.rates.http4xx + e.rates.http5xx : e.rates.grpcErr),
      0
    );
    expect({ node: n.id, secondary: n.secondaryStat }).toEqual({
      node: n.id,
      secondary: total > 0 ? `${((errors / total) * 100).toFixed(1)}% err` : '',
    });
  }
}

describe("Grafana's Node Graph reads the frames of every graph", () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name];
    for (const boxBy of [[], ['app', 'namespace', 'cluster']] as GraphOptions['boxBy'][]) {
      const m = await model('prometheus', { ...c, options: { ...c.options, boxBy } });
      const view = asNodeGraph(m);
      expect(view.nodes.length).toBe(m.nodes.length);
      expect(view.edges.length).toBe(m.edges.length);
      expect(view.nodes.filter((n) => n.incoming + n.outgoing > 0).length).toBeGreaterThan(0);
      expectNodeGraphContract(view, boxBy.length > 0);
      expectOneErrorFigure(m, view);
      if (name === 'versionedApp' && boxBy.length > 0) {
        // the reviews versions share an app box; bookinfo and bankapp have two nodes or more each (istio-system one)
        expect(
          view.nodes
            .filter((n) => n.id.startsWith('box_'))
            .map((n) => n.id)
            .sort()
        ).toEqual(['box_east_bankapp', 'box_east_bookinfo', 'box_east_bookinfo_reviews']);
      }
    }
  });
});

describe('ambient traffic options (Kiali util.GetReporter, util.GetApp)', () => {
  const ambient = (ambientTraffic: GraphOptions['ambientTraffic']): Case => ({
    ...CASES.ambient,
    options: { ...CASES.ambient.options, ambientTraffic },
  });
  it.each(STORES)(
    'waypoint and none leave out ztunnel-reported TCP (no L4 edge beside the L7 one) on %s',
    async (kind) => {
      for (const a of ['waypoint', 'none'] as const) {
        const got = await graph(kind, ambient(a));
        expect(Object.keys(got.edges).sort()).toEqual([
          'workload Kubernetes/bookinfo/productpage-v1 > workload Kubernetes/bookinfo/details-v1 http',
          'workload Kubernetes/bookinfo/productpage-v1 > workload Kubernetes/bookinfo/reviews-v1 http',
        ]);
        expect(
          got.edges['workload Kubernetes/bookinfo/productpage-v1 > workload Kubernetes/bookinfo/details-v1 http'].rates
        ).toEqual({ http: '10.00', httpPercentReq: '50.0' });
      }
    }
  );
  it.each(STORES)('total and ztunnel keep the ztunnel TCP edges on %s', async (kind) => {
    for (const a of ['total', 'ztunnel'] as const) {
      const got = await graph(kind, ambient(a));
      expect(Object.keys(got.edges).filter((k) => k.endsWith(' tcp'))).toHaveLength(4);
    }
  });
});

describe('departures from Kiali, pinned', () => {
  it('nodes of readable namespaces are never marked inaccessible: Meshgraph has no access checks', async () => {
    const got = await graph('prometheus', CASES.workload);
    expect(got.nodes[GATEWAY].flags).toEqual(['isOutside', 'isRoot']);
    expect(got.nodes['unknown unknown/unknown/unknown'].flags).toEqual(['isInaccessible', 'isRoot']);
  });

  it('app and versionedApp graphs carry boxes only when asked for (Kiali always boxes apps)', async () => {
    for (const name of ['app', 'versionedApp']) {
      const c = CASES[name];
      const unboxed = await graph('prometheus', { ...c, options: { ...c.options, boxBy: [] } });
      const boxed = await graph('prometheus', c);
      expect(Object.keys(boxed.nodes).filter((k) => k.startsWith('box:'))).toEqual(
        name === 'app' ? [] : ['box:app east/bookinfo/reviews']
      );
      expect(Object.keys(unboxed.nodes).filter((k) => k.startsWith('box:'))).toEqual([]);
      expect(Object.values(unboxed.nodes).filter((n) => n.parent !== undefined)).toEqual([]);
      expect(Object.keys(unboxed.edges).sort()).toEqual(Object.keys(boxed.edges).sort());
    }
  });
});

/**
 * The same graphs asked of the built backend plugin as Grafana asks it (QueryData over gRPC, the query as the
 * panel saves it), read under the Go SDK's rules: Kiali's nodes and edges, with Kiali's counts.
 */
describe('through the backend plugin, as Grafana runs it', () => {
  let host: PluginHost;
  beforeAll(async () => {
    host = await startPlugin(process.env.MESHGRAPH_PLUGIN_EXECUTABLE ?? BUILT_PLUGIN);
  });
  afterAll(() => host?.kill());

  const column = (frame: GrafanaFrame, name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];

  /** The frames' rows under the keys of expectations.ts (nodeKey): "<nodeType> <cluster>/<namespace>/<name>". */
  function keysOf(nodes: GrafanaFrame, edges: GrafanaFrame): { nodes: string[]; edges: string[] } {
    const text = (name: string, i: number) => String(column(nodes, name)[i] ?? '');
    const keyById = new Map<string, string>();
    column(nodes, 'id').forEach((id, i) => {
      const type = text('nodeType', i);
      const where = `${text('cluster', i)}/${text('namespace', i)}`;
      const name =
        type === 'workload'
          ? text('workload', i)
          : type === 'app'
            ? text('workload', i) || text('app', i)
            : type === 'service'
              ? text('service', i)
              : type === 'unknown'
                ? 'unknown'
                : text('aggregateValue', i);
      keyById.set(
        String(id),
        type === 'box' ? `box:${text('isBox', i)} ${where}/${text('app', i)}` : `${type} ${where}/${name}`
      );
    });
    const source = column(edges, 'source');
    const target = column(edges, 'target');
    const protocol = column(edges, 'protocol');
    return {
      nodes: [...keyById.values()].sort(),
      edges: source
        .map((s, i) => `${keyById.get(String(s))} > ${keyById.get(String(target[i]))} ${protocol[i]}`)
        .sort(),
    };
  }

  it.each(['workload', 'app', 'versionedApp', 'service', 'complex'])('%s', async (name) => {
    const c = CASES[name];
    const store = stores.get('prometheus')!;
    const o = options(c, c.data, store);
    const query = {
      namespaces: o.namespaces,
      graphType: o.graphType,
      injectServiceNodes: o.injectServiceNodes,
      boxBy: o.boxBy,
      ambientTraffic: o.ambientTraffic,
      includeIdleEdges: o.includeIdleEdges,
      rates: o.rates,
      duration: `${o.duration}s`,
      scope: Object.entries(o.scope).map(([key, value]) => ({ key, value })),
      health: false,
      kubeState: false,
      responseDetails: true,
    };
    const answer = await host.queryData({ uid: `kiali-${name}`, url: store.url, jsonData: {} }, [
      { refId: 'A', json: query, fromMs: (o.queryTime - o.duration) * 1000, toMs: o.queryTime * 1000 },
    ]);
    expect(answer.A.error).toBe('');
    const nodes = answer.A.frames.find((f) => f.name === 'nodes')!;
    const edges = answer.A.frames.find((f) => f.name === 'edges')!;
    const want = withoutAccessChecks(c.expected()).graph;
    const got = keysOf(nodes, edges);
    expect(got.nodes).toEqual(Object.keys(want.nodes).sort());
    expect(got.edges).toEqual(Object.keys(want.edges).sort());
  });
});

/**
 * Every Kiali test graph rolled up by namespace and by cluster, with health and with and without boxes: Grafana's
 * Node Graph reads the frames (titles, arcs adding up to 1, edges between existing nodes, every edge-less node
 * meaningful: a box, an idle or dead node, or a rolled-up node whose traffic is all internal), every node of the
 * unrolled graph is in one rolled-up node or kept as itself, and per protocol the rolled-up edges plus the internal
 * traffic add up to the unrolled edges.
 */
describe("Grafana's Node Graph reads the rolled-up frames of every graph", () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const c = CASES[name];
    const store = stores.get('prometheus')!;
    for (const boxBy of [[], ['app', 'namespace', 'cluster']] as GraphOptions['boxBy'][]) {
      const base = options(c, c.data, store);
      const o: GraphOptions = { ...base, boxBy, appenders: { ...base.appenders, health: true } };
      const m = await buildGraph(o, new PrometheusClient(fetchTransport(store.url)));
      for (const by of ['namespace', 'cluster'] as const) {
        const r = applyRollup(m, { ...o, rollup: by });
        expect(r.rollup).toMatchObject({ requested: by, by });
        const view = asNodeGraph(r);
        expect(view.nodes.length).toBe(r.nodes.length);
        expect(view.edges.length).toBe(r.edges.length);
        const byId = new Map(r.nodes.map((n) => [n.id, n]));
        for (const n of view.nodes) {
          const node = byId.get(n.id)!;
          expect(n.title).not.toBe('');
          expect(Math.abs(Object.values(n.arcs).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
          expect(ring(n).kind).not.toBe('color');
          if (n.incoming + n.outgoing === 0) {
            const internal = Object.values(node.rollup?.traffic ?? {}).some((t) => t.internal.rate > 0);
            const why =
              node.nodeType === 'box'
                ? 'box'
                : internal
                  ? 'internal'
                  : node.isIdle
                    ? 'isIdle'
                    : node.isDead
                      ? 'isDead'
                      : 'none';
            expect({ node: n.id, why }).toEqual({
              node: n.id,
              why: expect.stringMatching(/^(box|internal|isIdle|isDead)$/),
            });
          }
        }
        const leaves = m.nodes.filter((n) => n.nodeType !== 'box').map((n) => n.id);
        const placed = r.nodes.flatMap((n) => (n.rollup ? n.rollup.members : n.nodeType === 'box' ? [] : [n.id]));
        expect([...placed].sort()).toEqual([...leaves].sort());
        for (const p of ['http', 'grpc', 'tcp'] as const) {
          const unrolled = exactSum(m.edges.filter((e) => e.protocol === p).map((e) => e.rates.total));
          const summed = exactSum([
            ...r.edges.filter((e) => e.protocol === p).map((e) => e.rates.total),
            ...r.nodes.map((n) => n.rollup?.traffic[p]?.internal.rate ?? 0),
          ]);
          expect(Math.abs(summed - unrolled)).toBeLessThanOrEqual(1e-12 * Math.max(1, unrolled));
        }
      }
    }
  });
});
