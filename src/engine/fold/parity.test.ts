/**
 * Meshgraph's constant-size plan against Kiali's per-namespace plan on the same telemetry: the graphs must
 * be identical for every reporter situation (de-duplication now happens in PromQL instead of in the fold).
 */
import { planKialiBaseline } from '../planner/kialiBaseline';
import { planQueries } from '../planner/planQueries';
import { evaluate } from '../promql/evaluate.testutil';
import { CART, INGRESS, PAYMENT, WEB, both, dst, meshSeries, req, unserviced } from './meshFixture.testutil';
import { buildGraphFromAnswers } from '../buildGraph';
import { VectorSample } from '../client/types';
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

  it('uses a constant number of queries: 2 metrics × 2 parallel parts for the defaults, whatever the namespace count', () => {
    const count = (n: number, queryShards?: number) =>
      planQueries(testOptions({ namespaces: Array.from({ length: n }, (_, i) => `ns${i}`), queryShards })).queries
        .length;
    expect(count(1)).toBe(2); // one namespace cannot be split by namespace
    expect(count(2)).toBe(4);
    expect(count(50)).toBe(4);
    expect(count(500)).toBe(4);
    expect(count(500, 1)).toBe(2);
    expect(count(500, 3)).toBe(6);
    expect(planKialiBaseline(testOptions({ namespaces: ['a', 'b', 'c'] })).queries).toHaveLength(18);
  });

  describe('traffic queries split by destination namespace', () => {
    const withUnknownNamespace = [
      ...series,
      // a namespace literally named "unknown", seen by both reporters, beside the unserviced series of meshSeries
      ...both(WEB, dst('unknown', 'odd-v1'), '200', 2),
      req('destination', INGRESS, dst('unknown', 'odd-v1'), '200', 1),
      // an unserviced request that both reporters saw: the destination copy is selected through namespace
      // "unknown", the source copy through the unserviced part, and PromQL's `or` must see both in one query
      ...both(INGRESS, unserviced('shop', 'ghost'), '503', 0.5, { flags: 'NR' }),
    ];
    const selections = [
      ['shop', 'pay'],
      ['shop', 'shop', 'pay', 'shop'],
      ['pay', 'shop', 'istio-system'],
      ['unknown', 'shop', 'pay'],
    ];
    it.each(selections.map((s) => [s.join('+'), s]))('%s: 1, 2, 3 and 5 parts give the same graph', (_n, ns) => {
      const whole = testOptions({ namespaces: ns, queryShards: 1 });
      const expected = comparable(lean(whole, withUnknownNamespace));
      expect((expected.edges as unknown[]).length).toBeGreaterThan(5);
      for (const queryShards of [2, 3, 5]) {
        const o = testOptions({ namespaces: ns, queryShards });
        expect(planQueries(o).queries.length).toBe(2 * Math.min(queryShards, new Set(ns).size));
        expect(comparable(lean(o, withUnknownNamespace))).toEqual(expected);
      }
    });

    it("'all' namespaces: 1, 2, 3 and 16 parts by first letter give the same graph", () => {
      const expected = comparable(lean(testOptions({ namespaces: 'all', queryShards: 1 }), withUnknownNamespace));
      expect((expected.edges as unknown[]).length).toBeGreaterThan(5);
      for (const queryShards of [2, 3, 16]) {
        const o = testOptions({ namespaces: 'all', queryShards });
        expect(planQueries(o).queries.length).toBe(2 * queryShards);
        expect(comparable(lean(o, withUnknownNamespace))).toEqual(expected);
      }
    });

    it('the parts never return the same series twice and together return every series of the whole query', () => {
      for (const ns of [...selections, 'all' as const]) {
        for (const responseDetails of [true, false]) {
          const o = (queryShards: number) =>
            testOptions({ namespaces: ns, queryShards, appenders: { responseDetails } });
          const answer = (queryShards: number) =>
            planQueries(o(queryShards)).queries.flatMap((q) =>
              evaluate(q.expr, withUnknownNamespace).map((x) => JSON.stringify(x.metric) + ' ' + x.value)
            );
          const whole = answer(1);
          const split = answer(3);
          expect(new Set(split).size).toBe(split.length);
          expect([...split].sort()).toEqual([...whole].sort());
        }
      }
    });
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

describe('order of the series in an answer', () => {
  const destinationFirst = (x: VectorSample): string =>
    Object.keys(x.metric)
      .sort((a, b) => (a.startsWith('destination_') ? 0 : 1) - (b.startsWith('destination_') ? 0 : 1) || cmp(a, b))
      .map((k) => x.metric[k])
      .join('\u0001');
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const orders: Array<[string, (xs: VectorSample[]) => VectorSample[]]> = [
    // Prometheus's order groups series by destination: runs of one destination reuse its nodes and edge.
    ['grouped by destination', (xs) => [...xs].sort((a, b) => cmp(destinationFirst(a), destinationFirst(b)))],
    ['grouped, reversed', (xs) => [...xs].sort((a, b) => cmp(destinationFirst(b), destinationFirst(a)))],
    [
      'destinations interleaved',
      (xs) => [...xs].sort((a, b) => cmp(JSON.stringify(a.metric), JSON.stringify(b.metric))),
    ],
  ];
  it.each([
    ['workload graph', { namespaces: ['shop', 'pay'] }],
    ['versionedApp + injection', { namespaces: ['shop', 'pay'], graphType: 'versionedApp', injectServiceNodes: true }],
    ['service graph', { namespaces: ['shop', 'pay'], graphType: 'service' }],
  ] as Array<[string, Parameters<typeof testOptions>[0]]>)('%s: the same graph in any order', (_name, o) => {
    const options = testOptions(o);
    const plan = planQueries(options);
    const series = meshSeries();
    const answers = new Map(plan.queries.map((q) => [q.id, evaluate(q.expr, series)]));
    const destination = (x: VectorSample) =>
      Object.keys(x.metric)
        .filter((k) => k.startsWith('destination_'))
        .sort()
        .map((k) => `${k}=${x.metric[k]}`)
        .join(',');
    const runs = Math.max(...[...answers.values()].map((xs) => xs.length - new Set(xs.map(destination)).size));
    expect(runs).toBeGreaterThan(0);
    const models = orders.map(([, order]) =>
      buildGraphFromAnswers(options, plan, new Map([...answers].map(([id, xs]) => [id, order(xs)])))
    );
    expect(models[0].edges.length).toBeGreaterThan(0);
    for (const m of models.slice(1)) {
      expect(comparable(m)).toEqual(comparable(models[0]));
    }
  });
});
