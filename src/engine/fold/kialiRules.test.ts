/**
 * Kiali rules that the engine once got wrong, each checked on hand-built telemetry through the lean plan (and the
 * Kiali per-namespace baseline where the two must agree). Expected values are derived by hand from the series.
 */
import { RawSeries } from '../promql/evaluate.testutil';
import { Dst, both, dst, msg, req, src, tcp } from './meshFixture.testutil';
import { edge, kiali, lean, node, testOptions } from './planRunner.testutil';
import { toKialiJson } from '../../contract/kiali/kialiJson';
import { toFrames } from '../output/frames';

const WEB = src('shop', 'web-v1');
const W = 'wl_c1_shop_web-v1';
const R = 'wl_c1_shop_reviews-v1';

describe('gRPC measured in messages (rateGrpc sent, received, total)', () => {
  const series: RawSeries[] = [
    msg('source', 'istio_request_messages_total', WEB, dst('shop', 'reviews-v1'), 7),
    msg('destination', 'istio_request_messages_total', WEB, dst('shop', 'reviews-v1'), 7),
    msg('source', 'istio_response_messages_total', WEB, dst('shop', 'reviews-v1'), 9),
    msg('destination', 'istio_response_messages_total', WEB, dst('shop', 'reviews-v1'), 9),
  ];
  for (const grpc of ['sent', 'received', 'total'] as const) {
    it(`${grpc}: no error, no "no response", on the edge, its destination and in health`, () => {
      const options = testOptions({ namespaces: ['shop'], rates: { grpc }, appenders: { health: true } });
      const m = lean(options, series);
      const e = edge(m, W, R, 'grpc');
      const total = grpc === 'sent' ? 7 : grpc === 'received' ? 9 : 16;
      expect(e.rates.total).toBeCloseTo(total);
      expect(e.rates.noResponse).toBe(0);
      expect(e.rates.grpcErr).toBe(0);
      expect(e.rates.percentErr).toBe(0);
      // Kiali files the empty code under "-" with the host and no flags.
      expect(Object.keys(e.responses)).toEqual(['-']);
      expect(e.responses['-'].rate).toBeCloseTo(total);
      expect(e.responses['-'].flags).toEqual({});
      expect(e.responses['-'].hosts).toEqual({ 'reviews.shop.svc.cluster.local': total });
      const dest = node(m, R);
      expect(dest.rates.grpcIn).toBeCloseTo(total);
      expect(dest.rates.grpcInErr).toBe(0);
      expect(dest.rates.grpcInNoResponse).toBe(0);
      // Nothing to judge: no edge status, and the nodes' request health sees no gRPC requests.
      expect(e.healthStatus).toBeUndefined();
      expect(dest.health?.status).toBe('NA');
      expect(dest.health?.inbound).toEqual({});
      // Every consumer: Kiali JSON has no grpcNoResponse/grpcPercentErr, the frames say 0 % errors.
      const json = toKialiJson(m).elements.edges[0].data.traffic;
      expect(json.rates).toEqual({ grpc: total.toFixed(2), grpcPercentReq: '100.0' });
      expect(json.responses).toEqual({ '-': { hosts: { 'reviews.shop.svc.cluster.local': '100.0' } } });
      const [nodes, edges] = toFrames(m);
      const row = nodes.fields.find((f) => f.name === 'id')!.values.indexOf(R);
      expect(nodes.fields.find((f) => f.name === 'secondarystat')!.values[row]).toBe('0.0% err');
      expect(edges.fields.find((f) => f.name === 'secondarystat')!.values[0]).toBe('0.0% err');
      expect(kiali(options, series).edges[0].rates).toEqual(e.rates);
    });
  }

  it('still counts real gRPC request failures when rateGrpc is requests', () => {
    const m = lean(testOptions({ namespaces: ['shop'], appenders: { health: true } }), [
      ...both(WEB, dst('shop', 'reviews-v1'), '200', 9, { protocol: 'grpc', grpcStatus: '0' }),
      ...both(WEB, dst('shop', 'reviews-v1'), '0', 1, { protocol: 'grpc', flags: 'DC' }),
    ]);
    const e = edge(m, W, R, 'grpc');
    expect(e.rates.noResponse).toBeCloseTo(1);
    expect(e.rates.percentErr).toBeCloseTo(10);
    expect(e.healthStatus).toBe('Failure');
  });
});

describe('service graph keeps hops whose protocol changes (Kiali ReduceToServiceGraph)', () => {
  const PRODUCTPAGE = src('shop', 'productpage-v1');
  const REVIEWS = src('shop', 'reviews-v1');
  const series: RawSeries[] = [
    ...both(WEB, dst('shop', 'productpage-v1'), '200', 10),
    ...both(PRODUCTPAGE, dst('shop', 'reviews-v1'), '200', 6),
    // reviews receives HTTP and calls deposit over gRPC
    ...both(REVIEWS, dst('bank', 'deposit-v1'), '200', 3, { protocol: 'grpc', grpcStatus: '0' }),
    ...both(REVIEWS, dst('bank', 'deposit-v1'), '200', 1, { protocol: 'grpc', grpcStatus: '14' }),
    // productpage receives HTTP and opens TCP to a database
    tcp('source', 'istio_tcp_received_bytes_total', PRODUCTPAGE, dst('shop', 'db-v1'), 500),
    tcp('destination', 'istio_tcp_received_bytes_total', PRODUCTPAGE, dst('shop', 'db-v1'), 500),
  ];
  const options = testOptions({ namespaces: ['shop', 'bank'], graphType: 'service' });

  it('keeps svc → svc′ over gRPC and TCP with their traffic and the outbound totals', () => {
    const m = lean(options, series);
    const grpc = edge(m, 'svc_c1_shop_reviews', 'svc_c1_bank_deposit', 'grpc');
    expect(grpc.rates.total).toBeCloseTo(4);
    expect(grpc.rates.grpcErr).toBeCloseTo(1);
    expect(grpc.rates.percentErr).toBeCloseTo(25);
    expect(grpc.responses['14'].rate).toBeCloseTo(1);
    const t = edge(m, 'svc_c1_shop_productpage', 'svc_c1_shop_db', 'tcp');
    expect(t.rates.total).toBeCloseTo(500);
    expect(node(m, 'svc_c1_shop_reviews').rates.grpcOut).toBeCloseTo(4);
    expect(node(m, 'svc_c1_shop_productpage').rates).toMatchObject({ httpIn: 10, httpOut: 6, tcpOut: 500 });
    // inbound totals stay as measured
    expect(node(m, 'svc_c1_bank_deposit').rates.grpcIn).toBeCloseTo(4);
    expect(node(m, 'svc_c1_bank_deposit').rates.grpcInErr).toBeCloseTo(1);
    expect(m.nodes.filter((n) => n.nodeType !== 'service').map((n) => n.id)).toEqual([W]);
  });

  it('walks a workload reached over two protocols once (no doubled traffic)', () => {
    const twice = [
      ...series,
      tcp('source', 'istio_tcp_received_bytes_total', WEB, dst('shop', 'reviews-v1'), 50),
      tcp('destination', 'istio_tcp_received_bytes_total', WEB, dst('shop', 'reviews-v1'), 50),
    ];
    const m = lean(options, twice);
    expect(edge(m, 'svc_c1_shop_reviews', 'svc_c1_bank_deposit', 'grpc').rates.total).toBeCloseTo(4);
    expect(node(m, 'svc_c1_shop_reviews').rates.grpcOut).toBeCloseTo(4);
  });

  it('gives the same service graph with the Kiali per-namespace plan', () => {
    const a = lean(options, series);
    const b = kiali(options, series);
    const key = (m: typeof a) => m.edges.map((e) => `${e.id} ${e.rates.total.toFixed(3)}`).sort();
    expect(key(b)).toEqual(key(a));
  });
});

describe('destination service names (Kiali util.HandleDestination, addToDestServices)', () => {
  const EGRESS_HOST = 'istio-egressgateway.istio-system.svc.cluster.local';
  const toEgress: Dst = {
    cluster: 'unknown',
    svcNs: 'unknown',
    svc: EGRESS_HOST,
    host: EGRESS_HOST,
    wlNs: 'unknown',
    wl: 'unknown',
    app: 'unknown',
    ver: 'unknown',
  };
  const customer = src('tutorial', 'customer-v1', 'customer', 'v1', 'east');
  const withScope = (s: RawSeries): RawSeries => ({ ...s, labels: { ...s.labels, mesh_id: 'mesh1' } });
  const series: RawSeries[] = [
    withScope(req('source', customer, toEgress, '200', 4)),
    withScope(req('source', customer, toEgress, '0', 5, { flags: 'DC' })),
    // the same traffic in another mesh: must not count
    req('source', customer, toEgress, '200', 40),
  ];

  for (const injectServiceNodes of [false, true]) {
    it(`names the egress gateway's service istio-egressgateway, keeps its host (injection ${injectServiceNodes})`, () => {
      const options = testOptions({
        namespaces: ['tutorial', 'istio-system'],
        scope: { mesh_id: 'mesh1' },
        injectServiceNodes,
      });
      const m = lean(options, series);
      const gw = node(m, 'wl_east_istio-system_istio-egressgateway');
      expect(gw.destServices).toEqual([{ cluster: 'east', namespace: 'istio-system', name: 'istio-egressgateway' }]);
      expect(gw.rates.httpIn).toBeCloseTo(9);
      const into = injectServiceNodes ? 'svc_east_istio-system_istio-egressgateway' : gw.id;
      if (injectServiceNodes) {
        expect(node(m, into)).toMatchObject({ service: 'istio-egressgateway', isInjected: true });
        expect(node(m, into).destServices).toEqual(gw.destServices);
      }
      const e = edge(m, 'wl_east_tutorial_customer-v1', into);
      expect(e.rates.total).toBeCloseTo(9);
      expect(e.responses['200'].hosts).toEqual({ [EGRESS_HOST]: 4 });
      expect(m.nodes.some((n) => n.id.includes(EGRESS_HOST))).toBe(false);
    });
  }

  it('lists no destination service named "unknown"', () => {
    const unknownDst: Dst = { ...toEgress, svc: 'unknown', host: 'unknown' };
    const m = lean(testOptions({ namespaces: ['shop'] }), [req('source', WEB, unknownDst, '404', 1, { flags: 'NR' })]);
    expect(node(m, 'svc_unknown_unknown_unknown').destServices).toBeUndefined();
  });
});
