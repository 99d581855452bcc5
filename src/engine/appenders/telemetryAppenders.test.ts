/** responseTime, throughput, securityPolicy and aggregate appenders over hand-built telemetry. */
import { RawSeries } from '../promql/evaluate.testutil';
import { WEB, both, dst, endpointLabels, src } from '../fold/meshFixture.testutil';
import { edge, kiali, lean, node, testOptions } from '../fold/planRunner.testutil';

const CART = dst('shop', 'cart-v1');
const W = 'wl_c1_shop_web-v1';
const C = 'wl_c1_shop_cart-v1';

function withMetric(name: string, reporter: string, labels: Record<string, string>, rate: number): RawSeries {
  return { labels: { __name__: name, reporter, ...labels }, rate };
}

const base = [...both(WEB, CART, '200', 10)];
const ep = endpointLabels(WEB, CART);

describe('responseTime', () => {
  const series: RawSeries[] = [
    ...base,
    // average 20 ms seen by the destination, 30 ms by the source: the destination value is used first
    withMetric('istio_request_duration_milliseconds_sum', 'destination', { ...ep, request_protocol: 'http' }, 200),
    withMetric('istio_request_duration_milliseconds_count', 'destination', { ...ep, request_protocol: 'http' }, 10),
    withMetric('istio_request_duration_milliseconds_sum', 'source', { ...ep, request_protocol: 'http' }, 300),
    withMetric('istio_request_duration_milliseconds_count', 'source', { ...ep, request_protocol: 'http' }, 10),
    // histogram: all 10 req/s in (10, 50] → p95 interpolates to 10 + 40 × 0.95 = 48
    ...[
      ['10', 0],
      ['50', 10],
      ['+Inf', 10],
    ].map(([le, r]) =>
      withMetric(
        'istio_request_duration_milliseconds_bucket',
        'destination',
        { ...ep, request_protocol: 'http', le: le as string },
        r as number
      )
    ),
  ];
  it('uses the destination-reported average first', () => {
    const m = lean(testOptions({ namespaces: ['shop'], appenders: { responseTime: 'avg' } }), series);
    expect(edge(m, W, C).responseTime).toBeCloseTo(20);
  });
  it('computes quantiles with histogram_quantile', () => {
    const m = lean(testOptions({ namespaces: ['shop'], appenders: { responseTime: '95' } }), series);
    expect(edge(m, W, C).responseTime).toBeCloseTo(48);
  });
  it('with injection, only the service → workload edge gets it; same as Kiali', () => {
    const o = testOptions({ namespaces: ['shop'], injectServiceNodes: true, appenders: { responseTime: 'avg' } });
    const m = lean(o, series);
    expect(edge(m, 'svc_c1_shop_cart', C).responseTime).toBeCloseTo(20);
    expect(edge(m, W, 'svc_c1_shop_cart').responseTime).toBeUndefined();
    expect(edge(kiali(o, series), 'svc_c1_shop_cart', C).responseTime).toBeCloseTo(20);
  });
  it('keeps the highest of several values for one edge, whatever their order (a departure from first-seen)', () => {
    // Two callers of cart: with injection both latencies describe the one service → workload edge.
    const other = endpointLabels(src('shop', 'admin-v1'), CART);
    const rt = (labels: Record<string, string>, ms: number) => [
      withMetric('istio_request_duration_milliseconds_sum', 'destination', { ...labels, request_protocol: 'http' }, ms),
      withMetric(
        'istio_request_duration_milliseconds_count',
        'destination',
        { ...labels, request_protocol: 'http' },
        1
      ),
    ];
    const o = testOptions({ namespaces: ['shop'], injectServiceNodes: true, appenders: { responseTime: 'avg' } });
    const callers = [...base, ...both(src('shop', 'admin-v1'), CART, '200', 1)];
    for (const order of [
      [...rt(ep, 20), ...rt(other, 70)],
      [...rt(other, 70), ...rt(ep, 20)],
    ]) {
      expect(edge(lean(o, [...callers, ...order]), 'svc_c1_shop_cart', C).responseTime).toBeCloseTo(70);
      expect(edge(kiali(o, [...callers, ...order]), 'svc_c1_shop_cart', C).responseTime).toBeCloseTo(70);
    }
  });
});

describe('throughput', () => {
  it('sums response bytes per HTTP edge', () => {
    const series = [
      ...base,
      withMetric('istio_response_bytes_sum', 'destination', ep, 2048),
      withMetric('istio_response_bytes_sum', 'destination', { ...ep, destination_canonical_revision: 'v1' }, 0),
    ];
    const m = lean(testOptions({ namespaces: ['shop'], appenders: { throughput: 'response' } }), series);
    expect(edge(m, W, C).throughput).toBeCloseTo(2048);
  });
  it('uses source-reported request bytes for throughput=request', () => {
    const series = [
      ...base,
      withMetric('istio_request_bytes_sum', 'source', ep, 512),
      withMetric('istio_request_bytes_sum', 'destination', ep, 999),
    ];
    const m = lean(testOptions({ namespaces: ['shop'], appenders: { throughput: 'request' } }), series);
    expect(edge(m, W, C).throughput).toBeCloseTo(512);
  });
});

describe('securityPolicy', () => {
  it('computes the mTLS share and keeps principals', () => {
    const sp = (policy: string, rate: number): RawSeries =>
      withMetric(
        'istio_requests_total',
        'destination',
        {
          ...ep,
          request_protocol: 'http',
          response_code: '200',
          response_flags: '-',
          connection_security_policy: policy,
          source_principal: 'spiffe://cluster.local/ns/shop/sa/web',
          destination_principal: 'spiffe://cluster.local/ns/shop/sa/cart',
        },
        rate
      );
    const series = [...base.filter((s) => s.labels.reporter === 'source'), sp('mutual_tls', 7.5), sp('none', 2.5)];
    const m = lean(testOptions({ namespaces: ['shop'], appenders: { securityPolicy: true } }), series);
    const e = edge(m, W, C);
    expect(e.isMTLS).toBeCloseTo(75);
    expect(e.sourcePrincipal).toBe('spiffe://cluster.local/ns/shop/sa/web');
    expect(e.destPrincipal).toBe('spiffe://cluster.local/ns/shop/sa/cart');
  });
  it('sums every series of a policy on one edge, whatever their order (a departure from last-seen)', () => {
    // An app graph merges web v1 and v2 into one node: three series describe the web → cart edge.
    const sp = (version: string, policy: string, rate: number): RawSeries =>
      withMetric(
        'istio_requests_total',
        'destination',
        {
          ...endpointLabels(src('shop', `web-${version}`, 'web', version), CART),
          request_protocol: 'http',
          response_code: '200',
          response_flags: '-',
          connection_security_policy: policy,
          source_principal: `spiffe://cluster.local/ns/shop/sa/web-${version}`,
          destination_principal: 'spiffe://cluster.local/ns/shop/sa/cart',
        },
        rate
      );
    const o = testOptions({ namespaces: ['shop'], graphType: 'app', appenders: { securityPolicy: true } });
    const all = [sp('v1', 'mutual_tls', 3), sp('v2', 'mutual_tls', 1), sp('v1', 'none', 1)];
    for (const order of [all, [...all].reverse()]) {
      for (const run of [lean, kiali]) {
        const e = edge(run(o, order), 'app_c1_shop_web', 'app_c1_shop_cart');
        expect(e.isMTLS).toBeCloseTo(80);
        expect(e.sourcePrincipal).toBe('spiffe://cluster.local/ns/shop/sa/web-v1');
      }
    }
  });
});

describe('aggregate (operation) nodes', () => {
  it('routes traffic source → operation → destination', () => {
    const op = (value: string, rate: number) => both(WEB, CART, '200', rate, { labels: { request_operation: value } });
    const series = [...op('GetCart', 6), ...op('AddItem', 4)];
    const o = testOptions({ namespaces: ['shop'], appenders: { aggregate: 'request_operation' } });
    const m = lean(o, series);
    const get = node(m, 'agg_c1_shop_request_operation_GetCart');
    expect(get).toMatchObject({ nodeType: 'aggregate', aggregate: 'request_operation', aggregateValue: 'GetCart' });
    expect(edge(m, W, get.id).rates.total).toBeCloseTo(6);
    expect(edge(m, get.id, C).rates.total).toBeCloseTo(6);
    expect(edge(m, 'agg_c1_shop_request_operation_AddItem', C).rates.total).toBeCloseTo(4);
    expect(m.edges.find((e) => e.source === W && e.target === C)).toBeUndefined();
    expect(node(m, C).rates.httpIn).toBeCloseTo(10);
    expect(node(m, W).rates.httpOut).toBeCloseTo(10);
    void src;
  });
});
