/**
 * Odd numbers and odd labels through the real client and engine: values that cannot be rates, operation nodes
 * with every rate option, and label values that would make Kiali's ids coincide.
 */
import { buildGraph } from './buildGraph';
import { PrometheusClient } from './client/prometheusClient';
import { HttpTransport } from './client/transport';
import { CART, Dst, PAYMENT, REVIEWS, Src, WEB, dst, endpointLabels } from './fold/meshFixture.testutil';
import { testOptions } from './fold/planRunner.testutil';
import { idOf, kialiId, newIdParts } from './fold/identity';
import { emptyNodeRates } from './fold/trafficMap';
import { applyBoxes } from './appenders/boxes';
import { GraphModel, GraphOptions } from './model';
import { toFrames } from './output/frames';
import { EdgeField, NodeField } from '../contract/frameFields';
import { toKialiJson } from '../contract/kiali/kialiJson';
import { sha256Hex } from '../contract/kiali/sha256';

type Metric = 'requests' | 'request_messages' | 'response_messages' | 'tcp_sent' | 'tcp_received' | 'aggregate';

interface El {
  metric: Metric;
  labels: Record<string, string>;
  value: unknown;
}

/** Which of the engine's queries an expression is. */
function metricOf(expr: string): Metric {
  if (expr.includes('request_operation')) {
    return 'aggregate';
  }
  for (const m of ['request_messages', 'response_messages', 'tcp_sent', 'tcp_received', 'requests'] as const) {
    if (expr.includes(`istio_${m}`)) {
      return m;
    }
  }
  throw new Error(`unexpected query ${expr}`);
}

/** Prometheus answering each query with the elements given for its metric, values as they are. */
function transport(elements: El[]): HttpTransport {
  return async (req) => {
    const expr = new URLSearchParams(req.body).get('query')!;
    const m = metricOf(expr);
    const result = elements
      .filter((e) => e.metric === m)
      .map((e) => ({ metric: e.labels, value: [1700000000, e.value] }));
    return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }) };
  };
}

function request(s: Src, d: Dst, code: string, value: unknown, extra: Record<string, string> = {}): El {
  return {
    metric: 'requests',
    labels: {
      ...endpointLabels(s, d),
      request_protocol: 'http',
      response_code: code,
      response_flags: '-',
      ...extra,
    },
    value,
  };
}

async function graph(elements: El[], overrides: Parameters<typeof testOptions>[0] = {}): Promise<GraphModel> {
  const options: GraphOptions = testOptions({
    namespaces: ['shop', 'pay'],
    queryShards: 1,
    ...overrides,
    appenders: { health: true, ...overrides.appenders },
  });
  return buildGraph(options, new PrometheusClient(transport(elements)));
}

function edgeOf(m: GraphModel, source: string, target: string, protocol = 'http') {
  const e = m.edges.find((x) => x.source === source && x.target === target && x.protocol === protocol);
  if (!e) {
    throw new Error(`no edge ${source} → ${target}; have ${m.edges.map((x) => x.id).join(', ')}`);
  }
  return e;
}

/** Every number of the model is finite, no rate is negative and every percentage is within 0–100. */
function expectSaneNumbers(m: GraphModel): void {
  for (const n of m.nodes) {
    for (const [k, v] of Object.entries(n.rates)) {
      expect([k, Number.isFinite(v) && v >= 0]).toEqual([k, true]);
    }
    if (n.health) {
      expect(n.health.errorRatio).toBeGreaterThanOrEqual(0);
      expect(n.health.errorRatio).toBeLessThanOrEqual(100);
      expect(Number.isFinite(n.health.totalRequestRate)).toBe(true);
    }
  }
  for (const e of m.edges) {
    for (const [k, v] of Object.entries(e.rates)) {
      expect([k, Number.isFinite(v) && v >= 0]).toEqual([k, true]);
    }
    expect(e.rates.percentErr).toBeLessThanOrEqual(100);
    expect(e.rates.percentReq).toBeLessThanOrEqual(100);
    for (const r of Object.values(e.responses)) {
      expect(Number.isFinite(r.rate) && r.rate >= 0).toBe(true);
      for (const v of [...Object.values(r.flags), ...Object.values(r.hosts)]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(r.rate * (1 + 1e-9));
      }
    }
  }
  const kiali = JSON.stringify(toKialiJson(m));
  expect(kiali).not.toMatch(/NaN|Infinity|"-\d/);
  for (const [, v] of kiali.matchAll(/Percent\w*":"([\d.]+)"/g)) {
    expect(Number(v)).toBeLessThanOrEqual(100);
  }
  expect(JSON.stringify(toFrames(m).map((f) => f.fields))).not.toMatch(/NaN|Infinity/);
}

const W = 'wl_c1_shop_web-v1';
const C = 'wl_c1_shop_cart-v1';
const R = 'wl_c1_shop_reviews-v1';
const P = 'wl_c1_pay_payment-v1';

describe('values that cannot be rates', () => {
  const elements = [
    request(WEB, dst('shop', 'cart-v1'), '200', '+Inf'),
    request(WEB, dst('shop', 'cart-v1'), '503', '5'),
    request(CART, dst('pay', 'payment-v1'), '200', '1e400'),
    request(WEB, dst('shop', 'reviews-v1'), '200', '1'),
    request(WEB, dst('shop', 'reviews-v1'), '500', 'NaN'),
    request(REVIEWS, dst('shop', 'ratings-v1'), '200', '-3'),
    request(REVIEWS, dst('shop', 'details-v1'), '200', 'many'),
    request(PAYMENT, dst('pay', 'db-v1'), '200', '1e300'),
    request(PAYMENT, dst('pay', 'db-v1'), '503', '1e300'),
    request(PAYMENT, dst('pay', 'db-v1'), '404', '1.7e308'),
  ];

  it('are left out of every rate and counted by problem and metric, in a notice naming the metric', async () => {
    const m = await graph(elements);
    expectSaneNumbers(m);
    expect(m.stats.unreadable).toEqual({
      'infinite value (±Inf, or a number past 1.8e308) in istio_requests_total': 2,
      'NaN value in istio_requests_total': 1,
      'negative value in istio_requests_total': 1,
      'non-numeric value in istio_requests_total': 1,
      'value above 1e300 in istio_requests_total': 1,
    });
    for (const [reason, n] of Object.entries(m.stats.unreadable!)) {
      expect(m.stats.skipped[reason]).toBe(n);
    }
    const notice = m.notices.find((n) => /could not be read as rates/.test(n.text));
    expect(notice?.severity).toBe('warning');
    expect(notice?.text).toMatch(/^6 sample\(s\) from Prometheus/);
    expect(notice?.text).toContain('infinite value (±Inf, or a number past 1.8e308) in istio_requests_total (2)');
    expect(edgeOf(m, W, C).rates.total).toBe(5);
    expect(edgeOf(m, P, 'wl_c1_pay_db-v1').rates.total).toBe(2e300);
  });

  it('never make an edge or node healthy: what was read decides only a worse status', async () => {
    const m = await graph(elements);
    // +Inf 200s next to readable 503s: the 503s still show
    expect(edgeOf(m, W, C)).toMatchObject({ unreadable: 1, healthStatus: 'Failure' });
    // a readable 200 next to an unreadable 500: not healthy
    const wr = edgeOf(m, W, R);
    expect(wr).toMatchObject({ unreadable: 1, hasTraffic: true });
    expect(wr.healthStatus).toBeUndefined();
    // only an unreadable value: the edge exists without traffic, unjudged
    const cp = edgeOf(m, C, P);
    expect(cp).toMatchObject({ unreadable: 1, hasTraffic: false });
    expect(m.nodes.find((n) => n.id === R)!.health!.status).toBe('NA');
    // payment's own calls fail at 50 %: an unreadable inbound sample does not hide that
    expect(m.nodes.find((n) => n.id === P)!.health!.status).toBe('Failure');
    const frames = toFrames(m);
    const edges = frames[1].fields;
    const col = (name: string) => edges.find((f) => f.name === name)!.values;
    const row = col(EdgeField.id).indexOf(wr.id);
    expect(col(EdgeField.color)[row]).toBe('gray');
    expect(col(EdgeField.unreadable)[row]).toBe(1);
    const nodes = frames[0].fields;
    const ncol = (name: string) => nodes.find((f) => f.name === name)!.values;
    const r = ncol(NodeField.id).indexOf(R);
    expect(ncol(NodeField.color)[r]).toBe('gray');
    expect(ncol(NodeField.arcHealthy)[r]).toBe(0);
    expect(ncol(NodeField.arcIdle)[r]).toBe(1);
  });

  it('a graph of nothing but +Inf draws nothing green and nothing healthy', async () => {
    const m = await graph(elements.map((e) => ({ ...e, value: '+Inf' })));
    expectSaneNumbers(m);
    expect(m.edges.length).toBeGreaterThan(3);
    expect(m.edges.every((e) => !e.hasTraffic && e.healthStatus === undefined)).toBe(true);
    expect(m.nodes.every((n) => n.health?.status !== 'Healthy')).toBe(true);
    const frames = toFrames(m);
    for (const f of frames) {
      const color = f.fields.find((x) => x.name === 'color')!.values;
      expect(color.filter((c) => c === 'green')).toEqual([]);
    }
    expect(m.notices.some((n) => /10 sample\(s\) from Prometheus could not be read/.test(n.text))).toBe(true);
  });
});

describe('operation (aggregate) nodes', () => {
  const op = (s: Src, d: Dst, code: string, value: string, operation: string, extra: Record<string, string> = {}) => ({
    ...request(s, d, code, value, { request_operation: operation, ...extra }),
    metric: 'aggregate' as const,
  });
  const messages: El = {
    metric: 'response_messages',
    labels: endpointLabels(WEB, dst('shop', 'reviews-v1')),
    value: '9',
  };

  it("with --rate-grpc received skip gRPC requests (Kiali's skipRequestsGrpc): message rates are left as they are", async () => {
    const m = await graph(
      [
        request(WEB, dst('shop', 'cart-v1'), '200', '10'),
        messages,
        op(WEB, dst('shop', 'reviews-v1'), '200', '27', 'Get', { request_protocol: 'grpc', grpc_response_status: '0' }),
        op(WEB, dst('shop', 'cart-v1'), '200', '6', 'Add'),
      ],
      { rates: { grpc: 'received' }, appenders: { aggregate: 'request_operation' } }
    );
    expectSaneNumbers(m);
    expect(edgeOf(m, W, R, 'grpc').rates).toMatchObject({ total: 9, percentReq: 100 });
    expect(m.nodes.filter((n) => n.nodeType === 'aggregate').map((n) => n.id)).toEqual([
      'agg_c1_shop_request_operation_Add',
    ]);
    expect(edgeOf(m, W, 'agg_c1_shop_request_operation_Add').rates.total).toBe(6);
    expect(edgeOf(m, W, C).rates).toMatchObject({ total: 4, percentReq: 40 });
    expect(m.stats.skipped['aggregate: grpc requests while the grpc rate is not requests']).toBe(1);
  });

  it('with request rates never take more off the direct edge than it carries, by code, flags and host', async () => {
    const m = await graph(
      [
        request(WEB, dst('shop', 'cart-v1'), '200', '10', { response_flags: 'UF' }),
        // a code and flags the traffic answer does not have for this edge, and more 200s than it has
        op(WEB, dst('shop', 'cart-v1'), '503', '0.1', 'Add', { response_flags: 'UO' }),
        op(WEB, dst('shop', 'cart-v1'), '200', '12', 'Get', { response_flags: 'UF' }),
      ],
      { appenders: { aggregate: 'request_operation' } }
    );
    expectSaneNumbers(m);
    // everything the direct edge carried went to the operations: it is gone
    expect(m.edges.find((e) => e.source === W && e.target === C)).toBeUndefined();
    const add = 'agg_c1_shop_request_operation_Add';
    expect(edgeOf(m, W, add).rates).toMatchObject({ total: 0.1, http5xx: 0.1, percentErr: 100 });
    expect(edgeOf(m, 'agg_c1_shop_request_operation_Get', C).rates.total).toBe(12);
    // the node totals are the sums of their edges
    expect(m.nodes.find((n) => n.id === W)!.rates.httpOut).toBeCloseTo(12.1, 9);
    expect(m.nodes.find((n) => n.id === C)!.rates.httpIn).toBeCloseTo(12.1, 9);
  });

  it('when injecting, belong to the service (Kiali’s AggregateID with the service name)', async () => {
    const m = await graph(
      [request(WEB, dst('shop', 'cart-v1'), '200', '10'), op(WEB, dst('shop', 'cart-v1'), '200', '4', 'Add')],
      { injectServiceNodes: true, appenders: { aggregate: 'request_operation' } }
    );
    expectSaneNumbers(m);
    const agg = m.nodes.find((n) => n.nodeType === 'aggregate')!;
    expect(agg).toMatchObject({
      id: 'agg_c1_shop_request_operation_Add_cart',
      service: 'cart',
      app: 'cart',
      aggregateValue: 'Add',
    });
    expect(edgeOf(m, W, 'svc_c1_shop_cart').rates.total).toBe(6);
    expect(edgeOf(m, agg.id, 'svc_c1_shop_cart').rates.total).toBe(4);
  });
});

describe('ids', () => {
  const node = (cluster: string, ns: string, wl: string, app = wl): Src => ({ cluster, ns, wl, app, ver: 'v1' });
  const to = (s: Src): Dst => ({ ...dst(s.ns, s.wl, s.wl, s.ver, s.cluster), app: s.app });

  it('are unambiguous whatever the labels hold, and the Kiali JSON keeps Kiali’s hash where ids do not collide', async () => {
    const m = await graph(
      [
        // cluster c_x, namespace y, app a  against  cluster c, namespace x, app y_a
        request(WEB, to(node('c_x', 'y', 'w1', 'a')), '200', '1'),
        request(WEB, to(node('c', 'x', 'w2', 'y_a')), '200', '2'),
        // a → "b wl_c1_ns1_c"  against  "a wl_c1_ns1_b" → c (edge ids joined by spaces)
        request(node('c1', 'ns1', 'a'), to(node('c1', 'ns1', 'b wl_c1_ns1_c')), '200', '3'),
        request(node('c1', 'ns1', 'a wl_c1_ns1_b'), to(node('c1', 'ns1', 'c')), '200', '4'),
        // a versioned app without workload against a workload named <app>_<version>
        request(WEB, { ...to(node('c1', 'shop', 'unknown', 'rev')), wl: 'unknown' }, '200', '5'),
        request(WEB, to(node('c1', 'shop', 'rev_v1', 'rev')), '200', '6'),
      ],
      { graphType: 'versionedApp', namespaces: ['shop', 'pay', 'x', 'y', 'ns1'] }
    );
    expect(new Set(m.nodes.map((n) => n.id)).size).toBe(m.nodes.length);
    expect(new Set(m.edges.map((e) => e.id)).size).toBe(m.edges.length);
    expect(m.edges.map((e) => e.rates.total).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const ids = m.nodes.map((n) => n.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'vapp_c%5Fx_y_w1',
        'vapp_c_x_w2',
        'vapp_c1_ns1_b%20wl%5Fc1%5Fns1%5Fc',
        'vapp_c1_shop_rev_v1',
        'vapp_c1_shop_rev%5Fv1',
      ])
    );
    const kiali = toKialiJson(m);
    const kialiIds = kiali.elements.nodes.map((n) => n.data.id);
    expect(new Set(kialiIds).size).toBe(kialiIds.length);
    // Kiali's own id for every node whose Kiali id is its own
    expect(kialiIds).toContain(sha256Hex('vapp_c1_shop_web-v1'));
    expect(kialiIds).toContain(sha256Hex('vapp_c1_shop_rev_v1'));
    expect(kialiId('vapp_c1_ns1_b%20wl%5Fc1%5Fns1%5Fc')).toBe('vapp_c1_ns1_b wl_c1_ns1_c');
    const kialiEdges = kiali.elements.edges.map((e) => e.data.id);
    expect(new Set(kialiEdges).size).toBe(kialiEdges.length);
  });

  it('of boxes and of the unknown source never coincide', () => {
    const p = newIdParts();
    p.prefix = 'unknown';
    const model: GraphModel = {
      timestamp: 0,
      duration: 60,
      graphType: 'workload',
      namespaces: ['source'],
      nodes: [
        { id: idOf(p, 'box'), nodeType: 'unknown', cluster: 'box', namespace: 'unknown', rates: emptyNodeRates() },
        ...['a', 'b'].map((w) => ({
          id: `wl_unknown_source_${w}`,
          nodeType: 'workload' as const,
          cluster: 'unknown',
          namespace: 'source',
          workload: w,
          rates: emptyNodeRates(),
        })),
        ...['c', 'd'].map((w) => ({
          id: `wl_unknown_other_${w}`,
          nodeType: 'workload' as const,
          cluster: 'unknown',
          namespace: 'other',
          workload: w,
          rates: emptyNodeRates(),
        })),
      ],
      edges: [],
      notices: [],
      stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
    };
    applyBoxes(model, ['namespace']);
    const ids = model.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['%62ox_unknown_source', 'box_unknown_source', 'box_unknown_other']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(kialiId('%62ox_unknown_source')).toBe('box_unknown_source');
    const kialiIds = toKialiJson(model).elements.nodes.map((n) => n.data.id);
    expect(new Set(kialiIds).size).toBe(kialiIds.length);
    expect(kialiIds).toContain(sha256Hex('box_unknown_source'));
  });
});
