/** Every planned query parses, keeps hostile values inside single literal matchers, and stays constant-size. */
import { GraphOptions, NodeFocus } from '../model';
import { expectValidPromQL } from '../promql/parse.testutil';
import { planKialiBaseline } from './kialiBaseline';
import { reservedScopeLabel } from './labels';
import { firstLetterGroups, planQueries, shardNamespaces } from './planQueries';
import { testOptions } from '../fold/planRunner.testutil';

const HOSTILE = ['a"b', 'back\\slash', 'new\nline', '"} or vector(1) #', '.*|()[]{}+?^$', 'x\u0001y'];

function variants(): GraphOptions[] {
  const out: GraphOptions[] = [];
  const nodes: Array<NodeFocus | undefined> = [
    undefined,
    { kind: 'workload', namespace: 'shop', name: 'cart-v1' },
    { kind: 'app', namespace: 'shop', app: 'cart', version: 'v1' },
    { kind: 'service', namespace: 'shop', name: 'cart' },
  ];
  for (const graphType of ['app', 'versionedApp', 'workload', 'service'] as const) {
    for (const ambientTraffic of ['none', 'total', 'waypoint', 'ztunnel'] as const) {
      for (const node of nodes) {
        out.push(
          testOptions({
            namespaces: ['shop', 'pay'],
            graphType,
            ambientTraffic,
            node,
            includeIdleEdges: node !== undefined,
            rates: { grpc: 'total', tcp: 'total' },
            scope: { mesh_id: 'm1' },
            appenders: {
              responseTime: graphType === 'app' ? 'avg' : '95',
              throughput: 'request',
              securityPolicy: true,
              aggregate: 'request_operation',
              responseDetails: ambientTraffic !== 'none',
            },
          })
        );
      }
    }
  }
  return out;
}

describe('planQueries', () => {
  it('produces valid PromQL for every option combination, in both plans', () => {
    let n = 0;
    for (const o of variants()) {
      for (const q of [...planQueries(o).queries, ...planKialiBaseline(o).queries]) {
        const p = expectValidPromQL(q.expr);
        expect(p.matchers.filter((m) => m.name === 'mesh_id')).toHaveLength(p.vectorSelectors);
        n++;
      }
    }
    expect(n).toBeGreaterThan(500);
  });

  it('has at most 8 queries for the defaults with every telemetry appender, whatever the namespace count', () => {
    for (const [count, expected] of [
      [1, 6],
      [5, 8],
      [200, 8],
    ]) {
      const o = testOptions({
        namespaces: Array.from({ length: count }, (_, i) => `ns-${i}`),
        appenders: { responseTime: '95', throughput: 'response', securityPolicy: true, aggregate: 'request_operation' },
      });
      expect(planQueries(o).queries.length).toBe(expected);
    }
  });

  it('splits the selection into even destination-namespace parts, "unknown" in the last one', () => {
    const ns = Array.from({ length: 7 }, (_, i) => `ns-${i}`);
    expect(shardNamespaces(ns, 3)).toEqual([ns.slice(0, 3), ns.slice(3, 5), ns.slice(5)]);
    expect(shardNamespaces(ns, 1)).toEqual([ns]);
    expect(shardNamespaces(['a', 'b'], 8)).toEqual([['a'], ['b']]);
    expect(shardNamespaces(['a', 'b'], 0)).toEqual([['a', 'b']]);
    expect(shardNamespaces(['a', 'a', 'b', 'a'], 2)).toEqual([['a'], ['b']]);
    expect(shardNamespaces(['a', 'a'], 2)).toEqual([['a']]);
    expect(shardNamespaces(['unknown', 'a', 'b', 'c'], 2)).toEqual([
      ['a', 'b'],
      ['c', 'unknown'],
    ]);
  });

  it("splits 'all' namespaces by the first letter of the destination namespace", () => {
    expect(firstLetterGroups(1)).toEqual([]);
    expect(firstLetterGroups(2)).toEqual(['0-9abcdefghijklm']);
    expect(firstLetterGroups(3)).toEqual(['0-9abcdefghi', 'jklmnopqr']);
    const exprs = planQueries(testOptions({ namespaces: 'all', queryShards: 3 })).queries.map((q) => q.expr);
    expect(exprs).toHaveLength(6);
    const destNs = (expr: string) =>
      expectValidPromQL(expr)
        .matchers.filter((m) => m.name === 'destination_workload_namespace')
        .map((m) => `${m.op}${m.value}`);
    expect(destNs(exprs[0])).toEqual(['=~[0-9abcdefghi].*', '=~[0-9abcdefghi].*']);
    expect(destNs(exprs[2])).toEqual(['!~[0-9abcdefghijklmnopqr].*', '!~[0-9abcdefghijklmnopqr].*']);
  });

  it('keeps the unserviced part and the other namespaces only in the last part', () => {
    const o = testOptions({ namespaces: ['a', 'b', 'c', 'd'], queryShards: 2 });
    const requests = planQueries(o).queries.filter((q) => q.id.startsWith('traffic:istio_requests_total'));
    expect(requests.map((q) => q.id)).toEqual([
      'traffic:istio_requests_total #1/2',
      'traffic:istio_requests_total #2/2',
    ]);
    const destNs = (expr: string) =>
      expectValidPromQL(expr)
        .matchers.filter((m) => m.name === 'destination_workload_namespace')
        .map((m) => `${m.op}${m.value}`);
    expect(destNs(requests[0].expr)).toEqual(['=~^(a|b)$', '=~^(a|b)$']);
    expect(destNs(requests[1].expr)).toEqual(['=~^(c|d)$', '!~^(a|b)$', '=unknown']);
  });

  it("puts no namespace selection in 'all' queries (only the first-letter split of the parallel parts)", () => {
    for (const queryShards of [1, 2]) {
      for (const q of planQueries(testOptions({ namespaces: 'all', queryShards })).queries) {
        const p = expectValidPromQL(q.expr);
        const ns = p.matchers.filter((m) => m.name.endsWith('namespace'));
        expect(
          ns.every((m) => m.name === 'destination_workload_namespace' && /^\[[0-9a-z-]+\]\.\*$/.test(m.value))
        ).toBe(true);
        expect(ns.length).toBe(queryShards === 1 ? 0 : p.vectorSelectors);
      }
    }
  });

  it('drops flags and hosts from the answer when response details are off', () => {
    const [q] = planQueries(testOptions({ namespaces: ['a'], appenders: { responseDetails: false } })).queries;
    expect(q.expr.startsWith('sum by (')).toBe(true);
    const outer = q.expr.slice(0, q.expr.indexOf(')'));
    expect(outer).not.toContain('response_flags');
    expect(outer).not.toContain('destination_service,');
  });

  it.each(HOSTILE)('keeps the hostile namespace %j a literal inside one matcher per selector', (ns) => {
    const o = testOptions({
      namespaces: [ns],
      scope: { mesh_id: ns },
      appenders: { responseTime: '95', securityPolicy: true, throughput: 'response' },
    });
    for (const plan of [planQueries(o), planKialiBaseline(o)]) {
      for (const q of plan.queries) {
        const p = expectValidPromQL(q.expr);
        const scope = p.matchers.filter((m) => m.name === 'mesh_id');
        expect(scope).toHaveLength(p.vectorSelectors);
        scope.forEach((m) => expect(m.value).toBe(ns));
        for (const m of p.matchers.filter((x) => x.name === 'destination_workload_namespace' && x.op === '=')) {
          expect([ns, 'unknown']).toContain(m.value);
        }
        for (const m of p.matchers.filter((x) => x.name === 'destination_service' && x.op === '=~')) {
          const rx = new RegExp(m.value);
          expect(rx.test(`svc.${ns}.svc.cluster.local`)).toBe(true);
          expect(rx.test('svc.other.svc.cluster.local')).toBe(false);
        }
      }
    }
  });

  it('keeps hostile node names literal in node-graph queries', () => {
    const bad = 'w"} or vector(1)';
    const o = testOptions({ namespaces: ['shop'], node: { kind: 'workload', namespace: 'shop', name: bad } });
    for (const q of planQueries(o).queries) {
      const p = expectValidPromQL(q.expr);
      expect(p.matchers.filter((m) => m.value === bad).length).toBe(p.vectorSelectors);
    }
  });

  it('rejects an invalid aggregate label name and a zero duration with clear errors', () => {
    expect(() => planQueries(testOptions({ namespaces: ['a'], appenders: { aggregate: 'bad-label' } }))).toThrow(
      /Invalid Prometheus label name/
    );
    expect(() => planQueries(testOptions({ namespaces: ['a'], duration: 0 }))).toThrow(/duration/);
    expect(() => planKialiBaseline(testOptions({ namespaces: 'all' }))).toThrow(/explicit namespaces/);
  });

  it("follows Kiali's literal template for Q2", () => {
    const o = testOptions({ namespaces: ['shop'], ambientTraffic: 'none', duration: 300 });
    const q2 = planKialiBaseline(o).queries.find((q) => q.id === 'kiali:shop:Q2:istio_requests_total')!;
    expect(q2.expr).toBe(
      'round(sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="shop"} [300s])) by (source_cluster,source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,destination_cluster,destination_service_namespace,destination_service,destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision,request_protocol,response_code,grpc_response_status,response_flags) > 0,0.001)'
    );
  });
});

describe('reservedScopeLabel', () => {
  it('refuses labels the engine matches or groups on, and allows labels of the user', () => {
    expect(reservedScopeLabel('__name__')).toMatch(/metric name/);
    for (const name of [
      'reporter',
      'source_workload_namespace',
      'destination_service',
      'response_code',
      'app',
      'source_whatever',
    ]) {
      expect({ name, reserved: reservedScopeLabel(name) !== undefined }).toEqual({ name, reserved: true });
    }
    for (const name of ['mesh_id', 'cluster', 'kiali_test', 'tenant']) {
      expect(reservedScopeLabel(name)).toBeUndefined();
    }
  });
});
