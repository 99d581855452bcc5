/**
 * Meshgraph's constant-size plan against Kiali's per-namespace plan on the same telemetry: the graphs must
 * be identical for every reporter situation (de-duplication now happens in PromQL instead of in the fold).
 */
import { planKialiBaseline } from '../planner/kialiBaseline';
import { planQueries } from '../planner/planQueries';
import { CART, PAYMENT, both, dst, meshSeries, req } from './meshFixture.testutil';
import { comparable, edge, kiali, lean, node, testOptions } from './planRunner.testutil';

describe('lean plan vs Kiali baseline', () => {
  const series = meshSeries();
  const cases: Array<[string, Parameters<typeof testOptions>[0]]> = [
    ['shop, workload graph', { namespaces: ['shop'] }],
    ['pay, workload graph', { namespaces: ['pay'] }],
    ['shop+pay, workload graph', { namespaces: ['shop', 'pay'] }],
    [
      'shop+pay, versionedApp + injection',
      { namespaces: ['shop', 'pay'], graphType: 'versionedApp', injectServiceNodes: true },
    ],
    ['shop, app graph', { namespaces: ['shop'], graphType: 'app' }],
    ['shop+pay, service graph', { namespaces: ['shop', 'pay'], graphType: 'service' }],
    ['shop, grpc messages total, tcp total', { namespaces: ['shop', 'pay'], rates: { grpc: 'total', tcp: 'total' } }],
    ['shop, idle edges', { namespaces: ['shop'], includeIdleEdges: true }],
    ['shop, ambient none', { namespaces: ['shop', 'pay'], ambientTraffic: 'none' }],
    ['node graph workload', { namespaces: ['shop'], node: { kind: 'workload', namespace: 'shop', name: 'cart-v1' } }],
    ['node graph service', { namespaces: ['shop'], node: { kind: 'service', namespace: 'shop', name: 'ghost' } }],
  ];
  it.each(cases)('%s: same graph', (_name, o) => {
    const options = testOptions(o);
    const a = lean(options, series);
    const b = kiali(options, series);
    expect(a.nodes.length).toBeGreaterThan(0);
    expect(comparable(a)).toEqual(comparable(b));
  });

  it('uses a constant number of queries: 2 for the defaults, whatever the number of namespaces', () => {
    const one = planQueries(testOptions({ namespaces: ['a'] })).queries.length;
    const many = planQueries(testOptions({ namespaces: Array.from({ length: 50 }, (_, i) => `ns${i}`) })).queries
      .length;
    expect(one).toBe(2);
    expect(many).toBe(2);
    expect(planKialiBaseline(testOptions({ namespaces: ['a', 'b', 'c'] })).queries).toHaveLength(18);
  });

  it('without response details, the graph is the same apart from flags and hosts', () => {
    const options = testOptions({ namespaces: ['shop', 'pay'], appenders: { responseDetails: false } });
    const a = comparable(lean(options, series));
    const b = comparable(kiali(testOptions({ namespaces: ['shop', 'pay'] }), series));
    const strip = (edges: typeof b.edges) =>
      (edges as Array<{ responses: Record<string, { flags: unknown; hosts: unknown }> }>).map((e) => ({
        ...e,
        responses: Object.fromEntries(Object.entries(e.responses).map(([k, r]) => [k, { ...r, flags: {}, hosts: {} }])),
      }));
    expect(strip(a.edges)).toEqual(strip(b.edges));
    expect(a.nodes).toEqual(b.nodes);
  });

  it("documents Kiali's merge quirk: a source-only failure between two selected namespaces", () => {
    // cart (shop) -> payment (pay) 503 UF seen only by cart's proxy. Kiali keeps the edge from shop's map
    // (it includes the 503) but payment's inbound totals from pay's map (which never saw it).
    const s = [
      ...both(CART, dst('pay', 'payment-v1'), '200', 5),
      req('source', CART, dst('pay', 'payment-v1'), '503', 1, { flags: 'UF' }),
    ];
    const options = testOptions({ namespaces: ['shop', 'pay'] });
    const a = lean(options, s);
    const b = kiali(options, s);
    const c = 'wl_c1_shop_cart-v1';
    const p = 'wl_c1_pay_payment-v1';
    expect(edge(a, c, p).rates.total).toBeCloseTo(6);
    expect(edge(b, c, p).rates.total).toBeCloseTo(6);
    expect(node(a, p).rates.httpIn).toBeCloseTo(6); // consistent with its edges
    expect(node(b, p).rates.httpIn).toBeCloseTo(5); // Kiali: pay's map only
    void PAYMENT;
  });
});
