/** Fold rules (§4–§5) with expected values derived by hand from the fixture's rates. */
import { RawSeries } from '../promql/evaluate.testutil';
import { UNKNOWN_SRC, WEB, both, dst, meshSeries, req, src, tcp } from './meshFixture.testutil';
import { edge, kiali, lean, node, testOptions } from './planRunner.testutil';

const W = 'wl_c1_shop_web-v1';
const C = 'wl_c1_shop_cart-v1';
const R = 'wl_c1_shop_reviews-v1';

describe('workload graph of shop', () => {
  const m = lean(testOptions({ namespaces: ['shop'] }), meshSeries());

  it('counts a request seen by both proxies once and adds source-only failures', () => {
    const e = edge(m, W, C);
    expect(e.rates.total).toBeCloseTo(10 + 0.5 + 1);
    expect(e.rates.http5xx).toBeCloseTo(0.5);
    expect(e.responses['503']).toEqual({
      rate: 0.5,
      flags: { UF: 0.5 },
      hosts: { 'cart.shop.svc.cluster.local': 0.5 },
    });
    expect(e.responses['200'].flags).toEqual({ '-': 10 });
  });

  it('does not count 3xx as errors', () => {
    const e = edge(m, W, C);
    expect(e.rates.http3xx).toBeCloseTo(1);
    expect(e.rates.percentErr).toBeCloseTo((0.5 / 11.5) * 100);
    expect(node(m, C).rates.httpIn3xx).toBeCloseTo(1);
  });

  it("computes percentReq from the source's total outbound rate", () => {
    const out = 11.5 + 0.2 + 0.1 + 0.6; // cart, ghost, unknown destination, legacy
    expect(node(m, W).rates.httpOut).toBeCloseTo(out);
    expect(edge(m, W, C).rates.percentReq).toBeCloseTo((11.5 / out) * 100);
  });

  it('shows an unmeshed caller as the unknown source, a root and inaccessible', () => {
    const u = node(m, 'unknown_unknown_source');
    expect(u.nodeType).toBe('unknown');
    expect(u.isRoot).toBe(true);
    expect(u.isInaccessible).toBe(true);
    expect(edge(m, 'unknown_unknown_source', W).rates.total).toBeCloseTo(3);
  });

  it('keeps unserviced requests from outside (Q0) and inside on the service node', () => {
    const ghost = node(m, 'svc_c1_shop_ghost');
    expect(ghost.nodeType).toBe('service');
    expect(edge(m, 'wl_c1_istio-system_istio-ingressgateway', 'svc_c1_shop_ghost').responses['503'].flags).toEqual({
      NR: 1,
    });
    expect(edge(m, W, 'svc_c1_shop_ghost').rates.total).toBeCloseTo(0.2);
    expect(ghost.rates.httpIn5xx).toBeCloseTo(1.2);
  });

  it('maps a 404 to an unknown destination to svc_<cluster>_unknown_unknown', () => {
    const e = edge(m, W, 'svc_c1_unknown_unknown');
    expect(e.rates.http4xx).toBeCloseTo(0.1);
    expect(node(m, 'svc_c1_unknown_unknown').isInaccessible).toBe(true);
  });

  it('marks PassthroughCluster and BlackHoleCluster as egress service nodes', () => {
    const p = node(m, 'svc_c1_unknown_PassthroughCluster');
    const b = node(m, 'svc_c1_unknown_BlackHoleCluster');
    expect(p.isEgressCluster && b.isEgressCluster && p.isInaccessible).toBe(true);
    expect(edge(m, C, b.id).rates.http5xx).toBeCloseTo(0.3);
  });

  it('keeps calls to a destination without a sidecar (source-reported only)', () => {
    expect(edge(m, W, 'wl_c1_shop_legacy-v1').rates.total).toBeCloseTo(0.6);
  });

  it('uses the gRPC status for non-error gRPC answers and "-" for no response', () => {
    const e = edge(m, W, R, 'grpc');
    expect(e.rates.total).toBeCloseTo(4.3);
    expect(Object.keys(e.responses).sort()).toEqual(['-', '0', '14']);
    expect(e.rates.grpcErr).toBeCloseTo(0.2);
    expect(e.rates.noResponse).toBeCloseTo(0.1);
    expect(e.rates.percentErr).toBeCloseTo((0.3 / 4.3) * 100);
    expect(node(m, R).rates.grpcInErr).toBeCloseTo(0.2);
  });

  it('keeps a series rounded to 0 as an edge without traffic', () => {
    const e = edge(m, R, 'wl_c1_shop_ratings-v1');
    expect(e.hasTraffic).toBe(false);
    expect(e.rates.total).toBe(0);
  });

  it('skips bad source telemetry and counts it', () => {
    expect(m.stats.skipped['bad source telemetry (namespace without workload or app)']).toBe(1);
    expect(m.nodes.find((n) => n.id === 'wl_c1_shop_unknown')).toBeUndefined();
  });

  it('flags nodes outside the requested namespaces', () => {
    expect(node(m, 'wl_c1_pay_payment-v1').isOutside).toBe(true);
    expect(node(m, 'wl_c1_istio-system_istio-ingressgateway').isOutside).toBe(true);
    expect(node(m, W).isOutside).toBeUndefined();
    expect(node(m, 'svc_c1_unknown_unknown').isOutside).toBeUndefined();
  });

  it('trims fields per node type and collects destServices', () => {
    expect(node(m, C)).toMatchObject({
      workload: 'cart-v1',
      app: 'cart',
      version: 'v1',
      destServices: [{ cluster: 'c1', namespace: 'shop', name: 'cart' }],
    });
    expect(node(m, C).service).toBeUndefined();
    expect(node(m, 'svc_c1_shop_ghost')).toMatchObject({ service: 'ghost' });
    expect(node(m, 'svc_c1_shop_ghost').workload).toBeUndefined();
  });
});

describe('TCP and gRPC message rates', () => {
  it('swaps Istio sent/received bytes as Kiali does', () => {
    const sent = lean(testOptions({ namespaces: ['pay'], rates: { tcp: 'sent' } }), meshSeries());
    const received = lean(testOptions({ namespaces: ['pay'], rates: { tcp: 'received' } }), meshSeries());
    const total = lean(testOptions({ namespaces: ['pay'], rates: { tcp: 'total' } }), meshSeries());
    const P = 'wl_c1_pay_payment-v1';
    const D = 'wl_c1_pay_db-v1';
    expect(edge(sent, P, D, 'tcp').rates.total).toBeCloseTo(1000); // istio_tcp_received_bytes_total
    expect(edge(received, P, D, 'tcp').rates.total).toBeCloseTo(200);
    expect(edge(total, P, D, 'tcp').rates.total).toBeCloseTo(1200);
    expect(edge(total, P, D, 'tcp').responses['-'].rate).toBeCloseTo(1200);
    expect(node(total, D).rates.tcpIn).toBeCloseTo(1200);
  });

  it('counts gRPC messages sent, received and total instead of requests', () => {
    const rate = (g: 'sent' | 'received' | 'total') =>
      edge(lean(testOptions({ namespaces: ['shop'], rates: { grpc: g } }), meshSeries()), W, R, 'grpc').rates.total;
    expect(rate('sent')).toBeCloseTo(7);
    expect(rate('received')).toBeCloseTo(9);
    expect(rate('total')).toBeCloseTo(16);
  });
});

describe('service injection and service graphs', () => {
  it('injects a service node between caller and workload, not for PassthroughCluster', () => {
    const m = lean(testOptions({ namespaces: ['shop'], injectServiceNodes: true }), meshSeries());
    const svc = node(m, 'svc_c1_shop_cart');
    expect(svc.isInjected).toBe(true);
    expect(edge(m, W, svc.id).rates.total).toBeCloseTo(11.5);
    expect(edge(m, svc.id, C).rates.total).toBeCloseTo(11.5);
    expect(m.edges.find((e) => e.source === W && e.target === C)).toBeUndefined();
    expect(edge(m, C, 'svc_c1_unknown_PassthroughCluster').rates.total).toBeCloseTo(0.4);
  });

  it('reduces to services: svc → workload → svc′ becomes svc → svc′, roots keep edges to services', () => {
    const m = lean(testOptions({ namespaces: ['shop'], graphType: 'service' }), meshSeries());
    expect(m.nodes.every((n) => n.nodeType === 'service' || n.isRoot)).toBe(true);
    expect(edge(m, 'svc_c1_shop_web', 'svc_c1_shop_cart').rates.total).toBeCloseTo(11.5);
    expect(edge(m, 'svc_c1_shop_cart', 'svc_c1_shop_reviews').rates.total).toBeCloseTo(1);
    expect(edge(m, 'unknown_unknown_source', 'svc_c1_shop_web').rates.total).toBeCloseTo(3);
    expect(m.nodes.find((n) => n.id === W)).toBeUndefined();
  });
});

describe('app graphs and boxes', () => {
  const series: RawSeries[] = [
    ...both(WEB, dst('shop', 'cart-v1'), '200', 2),
    ...both(WEB, dst('shop', 'cart-v2', 'cart', 'v2'), '200', 3),
    ...both(src('shop', 'cart-v2', 'cart', 'v2'), dst('pay', 'payment-v1'), '200', 1),
  ];
  it('versionedApp nodes are one per workload, boxed by app when ≥ 2 and app boxes are asked for', () => {
    const m = lean(testOptions({ namespaces: ['shop', 'pay'], graphType: 'versionedApp', boxBy: ['app'] }), series);
    expect(node(m, 'vapp_c1_shop_cart-v1').nodeType).toBe('app');
    expect(node(m, 'vapp_c1_shop_cart-v2').parent).toBe('box_c1_shop_cart');
    expect(node(m, 'vapp_c1_shop_cart-v1').parent).toBe('box_c1_shop_cart');
    expect(node(m, 'box_c1_shop_cart')).toMatchObject({ nodeType: 'box', isBox: 'app', app: 'cart' });
    expect(m.nodes.find((n) => n.id === 'box_c1_shop_web')).toBeUndefined(); // one member only
  });
  it('no boxes unless asked for, in app and versionedApp graphs too (a departure from Kiali)', () => {
    for (const graphType of ['app', 'versionedApp'] as const) {
      const m = lean(testOptions({ namespaces: ['shop', 'pay'], graphType }), series);
      expect(m.nodes.filter((n) => n.nodeType === 'box' || n.parent !== undefined)).toEqual([]);
      expect(m.nodes.length).toBeGreaterThanOrEqual(3);
    }
  });
  it('app graphs merge versions; namespace boxes need two namespaces with ≥ 2 members', () => {
    const m = lean(testOptions({ namespaces: ['shop', 'pay'], graphType: 'app', boxBy: ['namespace'] }), series);
    expect(edge(m, 'app_c1_shop_web', 'app_c1_shop_cart').rates.total).toBeCloseTo(5);
    expect(node(m, 'app_c1_shop_web').parent).toBe('box_c1_shop');
    expect(m.nodes.find((n) => n.id === 'box_c1_pay')).toBeUndefined(); // pay has one node
  });
});

describe('multi-cluster and scope labels', () => {
  it('keeps the cluster in every id and only reads series of the scope', () => {
    const s: RawSeries[] = [
      ...both(src('shop', 'web-v1', 'web', 'v1', 'east'), dst('shop', 'cart-v1', 'cart', 'v1', 'west'), '200', 2).map(
        (x) => ({
          ...x,
          labels: { ...x.labels, mesh_id: 'm1' },
        })
      ),
      ...both(src('shop', 'web-v1', 'web', 'v1', 'east'), dst('shop', 'cart-v1', 'cart', 'v1', 'west'), '200', 7).map(
        (x) => ({
          ...x,
          labels: { ...x.labels, mesh_id: 'other' },
        })
      ),
    ];
    const options = testOptions({ namespaces: ['shop'], scope: { mesh_id: 'm1' }, injectServiceNodes: true });
    const m = lean(options, s);
    expect(edge(m, 'wl_east_shop_web-v1', 'svc_west_shop_cart').rates.total).toBeCloseTo(2);
    expect(edge(m, 'svc_west_shop_cart', 'wl_west_shop_cart-v1').rates.total).toBeCloseTo(2);
    expect(kiali(options, s).edges.length).toBe(m.edges.length);
  });
  it('fills a missing destination cluster from the source (istio#29373)', () => {
    const r = req('destination', WEB, { ...dst('shop', 'cart-v1'), cluster: 'unknown' }, '200', 1);
    delete (r.labels as Record<string, string>).destination_cluster;
    const m = lean(testOptions({ namespaces: ['shop'] }), [r]);
    expect(edge(m, W, C).rates.total).toBeCloseTo(1);
  });
  it('fixes an unknown destination cluster from a known source cluster before judging it (§4.4 then §4.5)', () => {
    const r = req('destination', WEB, { ...dst('shop', 'cart-v1'), cluster: 'unknown' }, '200', 1);
    const m = lean(testOptions({ namespaces: ['shop'] }), [r]);
    expect(edge(m, W, C).rates.total).toBeCloseTo(1);
  });
  it('skips a present-but-unknown destination cluster that cannot be fixed as bad telemetry', () => {
    const r = req('destination', UNKNOWN_SRC, { ...dst('shop', 'cart-v1'), cluster: 'unknown' }, '200', 1);
    const m = lean(testOptions({ namespaces: ['shop'] }), [r]);
    expect(m.edges).toHaveLength(0);
    expect(m.stats.skipped['bad destination telemetry (unknown destination cluster)']).toBe(1);
  });
});

describe('node graphs', () => {
  it('a workload node graph holds only its inbound and outbound edges', () => {
    const m = lean(
      testOptions({ namespaces: ['shop'], node: { kind: 'workload', namespace: 'shop', name: 'cart-v1' } }),
      meshSeries()
    );
    for (const e of m.edges) {
      expect(e.source === C || e.target === C).toBe(true);
    }
    // Inbound is destination-reported only (§3.4): the source-only 503 UF is not part of a node graph.
    expect(edge(m, W, C).rates.total).toBeCloseTo(11);
    expect(edge(m, C, 'wl_c1_pay_payment-v1').rates.total).toBeCloseTo(5);
  });
});

describe('required labels', () => {
  it('skips samples missing a required label and counts them by label', () => {
    const r = req('destination', WEB, dst('shop', 'cart-v1'), '200', 1);
    delete (r.labels as Record<string, string>).source_canonical_revision;
    const m = lean(testOptions({ namespaces: ['shop'] }), [r, ...both(WEB, dst('shop', 'cart-v1'), '200', 1)]);
    expect(m.stats.skipped['missing label source_canonical_revision']).toBe(1);
    expect(m.notices.some((n) => /1 telemetry sample\(s\) skipped/.test(n.text))).toBe(true);
  });
  it('reads absent destination service and canonical labels as empty (a store never returns empty labels)', () => {
    // Kiali's kiali#2412 case: a destination workload without service or canonical labels is still a node.
    const r = req('destination', WEB, { ...dst('shop', 'legacy-v1'), svc: '', host: '', app: '', ver: '' }, '200', 2);
    const labels = r.labels as Record<string, string>;
    for (const k of [
      'destination_service',
      'destination_service_name',
      'destination_canonical_service',
      'destination_canonical_revision',
    ]) {
      delete labels[k];
    }
    const m = lean(testOptions({ namespaces: ['shop'] }), [r]);
    const e = edge(m, W, 'wl_c1_shop_legacy-v1');
    expect(e.rates.total).toBeCloseTo(2);
    expect(e.responses['200'].hosts).toEqual({});
    expect(node(m, 'wl_c1_shop_legacy-v1')).toMatchObject({ workload: 'legacy-v1' });
    expect(node(m, 'wl_c1_shop_legacy-v1').destServices).toBeUndefined();
    expect(m.stats.skipped).toEqual({});
  });
  void tcp;
});
