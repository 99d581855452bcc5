// Long on purpose: the rollup's cases share one mesh fixture, and each checks the exact sums of the whole graph.
import { healthPriority } from '../appenders/healthTolerances';
import { RawSeries } from '../promql/evaluate.testutil';
import { both, CART, dst, INGRESS, meshSeries, req, src, tcp, UNKNOWN_SRC, WEB } from '../fold/meshFixture.testutil';
import { lean, testOptions } from '../fold/planRunner.testutil';
import type { GraphEdge, GraphModel, GraphNode, GraphOptions, HealthStatus, Protocol } from '../model';
import { toFrames } from '../output/frames';
import { toKialiJson } from '../../contract/kiali/kialiJson';
import { NodeField, RollupEdgeField, RollupNodeField } from '../../contract/frameFields';
import { exactSum } from './exactSum';
import { parseNodeId, parseRollupNodeId, rollupNodeId } from '../../contract/nodeIds';
import { applyRollup, rolledUpNodeCount, rollupGraph } from './rollup';

const SHOP = rollupNodeId('namespace', 'c1', 'shop');
const PAY = rollupNodeId('namespace', 'c1', 'pay');
const ISTIO = rollupNodeId('namespace', 'c1', 'istio-system');

function shopModel(overrides: Parameters<typeof testOptions>[0] = {}): { model: GraphModel; options: GraphOptions } {
  const options = testOptions({
    namespaces: ['shop', 'pay'],
    ...overrides,
    appenders: { health: true, ...overrides.appenders },
  });
  return { model: lean(options, meshSeries()), options };
}

/**
 * The group of an unrolled node as the rollup is specified (independently of the implementation): none for the
 * unknown source, egress clusters and the unknown namespace; the namespace for outside nodes and namespace rollups;
 * else the cluster.
 */
function expectedGroup(n: GraphNode, by: 'namespace' | 'cluster'): string | undefined {
  if (n.nodeType === 'unknown' || n.isEgressCluster || n.namespace === 'unknown') {
    return undefined;
  }
  return by === 'namespace' || n.isOutside
    ? rollupNodeId('namespace', n.cluster, n.namespace)
    : rollupNodeId('cluster', n.cluster);
}

/**
 * Checks the rollup's accounting against the unrolled model: every unrolled edge is either internal traffic of one
 * collapsed group or a member of exactly one rolled-up edge; each summed rate is the exact sum of its members'; per
 * protocol, rolled-up edges plus internal traffic add up to the unrolled edges.
 */
function expectRatesAddUp(full: GraphModel, rolled: GraphModel, by: 'namespace' | 'cluster', expanded: string[] = []) {
  const group = new Map(full.nodes.filter((n) => n.nodeType !== 'box').map((n) => [n.id, expectedGroup(n, by)]));
  const rep = (id: string) => {
    const g = group.get(id);
    return g !== undefined && !expanded.includes(g) ? g : id;
  };
  const members = new Map<string, GraphEdge[]>();
  const internal = new Map<Protocol, number[]>();
  for (const e of full.edges) {
    const gs = group.get(e.source);
    if (gs !== undefined && gs === group.get(e.target) && !expanded.includes(gs)) {
      internal.set(e.protocol, [...(internal.get(e.protocol) ?? []), e.rates.total]);
      continue;
    }
    const id = `${rep(e.source)} ${rep(e.target)} ${e.protocol}`;
    members.set(id, [...(members.get(id) ?? []), e]);
  }
  expect(rolled.edges.map((e) => e.id).sort()).toEqual([...members.keys()].sort());
  for (const e of rolled.edges) {
    const list = members.get(e.id)!;
    expect({ id: e.id, memberEdges: e.memberEdges ?? 1 }).toEqual({ id: e.id, memberEdges: list.length });
    expect(e.rates.total).toBe(exactSum(list.map((m) => m.rates.total)));
    expect(e.rates.http5xx).toBe(exactSum(list.map((m) => m.rates.http5xx)));
    expect(e.rates.grpcErr).toBe(exactSum(list.map((m) => m.rates.grpcErr)));
    for (const code of Object.keys(e.responses)) {
      expect(e.responses[code].rate).toBe(exactSum(list.map((m) => m.responses[code]?.rate ?? 0)));
    }
  }
  // Internal traffic on the rolled-up nodes, per protocol.
  for (const p of ['http', 'grpc', 'tcp'] as Protocol[]) {
    const onNodes = rolled.nodes
      .filter((n) => n.rollup && !n.rollup.expanded)
      .map((n) => n.rollup!.traffic[p]?.internal.rate ?? 0);
    expect(exactSum(onNodes)).toBeCloseTo(exactSum(internal.get(p) ?? []), 12);
    const unrolled = exactSum(full.edges.filter((e) => e.protocol === p).map((e) => e.rates.total));
    const summed = exactSum([...rolled.edges.filter((e) => e.protocol === p).map((e) => e.rates.total), ...onNodes]);
    expect(Math.abs(summed - unrolled)).toBeLessThanOrEqual(1e-12 * Math.max(1, unrolled));
  }
}

function byId(m: GraphModel): Map<string, GraphNode> {
  return new Map(m.nodes.map((n) => [n.id, n]));
}

describe('rollup by namespace', () => {
  const { model, options } = shopModel();
  const before = JSON.stringify(model);
  const rolled = rollupGraph(model, 'namespace', options);
  const nodes = byId(rolled);

  it('sums every edge exactly into one rolled-up edge or one namespace’s internal traffic', () => {
    expectRatesAddUp(model, rolled, 'namespace');
    expect(nodes.get(SHOP)!.rollup!.traffic.http!.internal.rate).toBe(exactSum([11.5, 0.6, 0.2, 1]));
    const shopToPay = rolled.edges.find((e) => e.id === `${SHOP} ${PAY} http`)!;
    expect(shopToPay.rates.total).toBe(5);
    expect(shopToPay.rates.percentReq).toBeCloseTo((5 / (5 + 0.1 + 0.4 + 0.3)) * 100, 9);
  });

  it('leaves the model it was given unchanged', () => {
    expect(JSON.stringify(model)).toBe(before);
  });

  it('counts members, by type, and lists their ids', () => {
    const shop = nodes.get(SHOP)!;
    const want = model.nodes
      .filter((n) => expectedGroup(n, 'namespace') === SHOP)
      .map((n) => n.id)
      .sort();
    expect(want.length).toBe(6);
    expect(shop.rollup!.members).toEqual(want);
    expect(shop.rollup!.memberCount).toBe(6);
    expect(shop.rollup!.memberTypes).toEqual({ workload: 5, service: 1 });
    expect(nodes.get(PAY)!.rollup!.members).toEqual(['wl_c1_pay_db-v1', 'wl_c1_pay_payment-v1']);
    expect(shop).toMatchObject({ nodeType: 'namespace', cluster: 'c1', namespace: 'shop', group: SHOP });
  });

  it('takes the worst member’s health and counts members by health', () => {
    for (const n of rolled.nodes.filter((x) => x.rollup)) {
      const ms = model.nodes.filter((m) => n.rollup!.members.includes(m.id));
      const statuses = ms.map((m) => m.health?.status ?? 'NA');
      const worst = statuses.reduce<HealthStatus>((a, b) => (healthPriority(b) > healthPriority(a) ? b : a), 'NA');
      expect(n.health!.status).toBe(worst);
      expect(n.rollup!.health.worst).toBe(worst);
      for (const s of ['Failure', 'Degraded', 'Not Ready', 'Healthy', 'NA'] as HealthStatus[]) {
        expect(n.rollup!.health.byStatus[s]).toBe(statuses.filter((x) => x === s).length);
      }
    }
    const shop = nodes.get(SHOP)!.rollup!.health;
    expect(shop.worst).toBe('Failure');
    expect(shop.byStatus.Failure).toBeGreaterThan(0);
    expect(shop.byStatus.Degraded).toBeGreaterThan(0);
  });

  it('reports traffic by protocol with response codes and error rates', () => {
    const http = nodes.get(SHOP)!.rollup!.traffic.http!;
    // Into shop from other groups: the unknown source (3 × 200) and the outside gateway (2 × 200, 1 × 503 NR).
    expect(http.inbound.codes).toEqual({ '200': 5, '503': 1 });
    expect(http.inbound.rate).toBe(6);
    expect(http.inbound.errors).toBe(1);
    expect(http.inbound.percentErr).toBeCloseTo(100 / 6, 9);
    expect(http.outbound.rate).toBe(exactSum([5, 0.1, 0.4, 0.3]));
    const grpc = nodes.get(SHOP)!.rollup!.traffic.grpc!;
    expect(grpc.internal.codes).toEqual({ '0': 4, '14': 0.2, '-': 0.1 });
    expect(grpc.internal.errors).toBe(exactSum([0.2, 0.1]));
    expect(nodes.get(PAY)!.rollup!.traffic.tcp!.internal.rate).toBe(1000);
    // The node's own rates are those of its rolled-up edges, as for any node.
    expect(nodes.get(SHOP)!.rates.httpIn).toBe(6);
    expect(nodes.get(SHOP)!.rates.httpIn5xx).toBe(1);
    expect(nodes.get(PAY)!.rates.httpIn).toBe(5);
  });

  it('keeps the unknown source, egress clusters and the unknown namespace as themselves, outside namespaces flagged', () => {
    for (const id of [
      'unknown_unknown_source',
      'svc_c1_unknown_PassthroughCluster',
      'svc_c1_unknown_BlackHoleCluster',
      'svc_c1_unknown_unknown',
    ]) {
      expect(nodes.get(id)).toEqual(model.nodes.find((n) => n.id === id));
    }
    expect(rolled.edges.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        `unknown_unknown_source ${SHOP} http`,
        `${SHOP} svc_c1_unknown_PassthroughCluster http`,
        `${SHOP} svc_c1_unknown_BlackHoleCluster http`,
        `${ISTIO} ${SHOP} http`,
      ])
    );
    expect(nodes.get(ISTIO)).toMatchObject({ nodeType: 'namespace', isOutside: true, isRoot: true });
    expect(nodes.get(SHOP)!.isOutside).toBeUndefined();
    // Hosts stay on edges into kept nodes (the external hosts behind the egress clusters), not into namespaces.
    const hosts = (target: string) =>
      Object.values(rolled.edges.find((e) => e.target === target)!.responses).flatMap((d) => Object.keys(d.hosts));
    expect(hosts('svc_c1_unknown_PassthroughCluster')).toEqual(['PassthroughCluster']);
    expect(hosts(PAY)).toEqual([]);
    expect(hosts(SHOP)).toEqual([]);
    // The edge to BlackHoleCluster (502) is judged with the same tolerances as the unrolled edge.
    expect(rolled.edges.find((e) => e.target === 'svc_c1_unknown_BlackHoleCluster')!.healthStatus).toBe('Failure');
    expect(rolled.nodes.length).toBe(rolledUpNodeCount(model, 'namespace'));
    expect(rolled.nodes.length).toBe(7);
  });

  it('gives Kiali JSON with the members hashed as the unrolled graph’s ids', () => {
    const full = toKialiJson(model);
    const json = toKialiJson(rolled);
    const shop = json.elements.nodes.find((n) => n.data.nodeType === 'namespace' && n.data.namespace === 'shop')!;
    const memberHashes = full.elements.nodes
      .filter((n) => n.data.namespace === 'shop' && n.data.nodeType !== 'box')
      .map((n) => n.data.id);
    const rollup = shop.data.rollup as { members: string[]; memberCount: number };
    expect([...rollup.members].sort()).toEqual([...memberHashes].sort());
    expect(rollup.memberCount).toBe(6);
    expect(json.rollup).toMatchObject({ by: 'namespace', fullNodes: model.nodes.length });
    expect(json.elements.edges.every((e) => typeof e.data.memberEdges === 'number')).toBe(true);
  });
});

describe('rollup frames', () => {
  const { model, options } = shopModel();
  const rolled = rollupGraph(model, 'namespace', options);
  const column = (frames: ReturnType<typeof toFrames>, frame: number, name: string) =>
    frames[frame].fields.find((f) => f.name === name)?.values;

  it('add the rollup columns to rolled-up graphs only', () => {
    const plain = toFrames(model);
    for (const name of [
      RollupNodeField.group,
      RollupNodeField.memberCount,
      RollupNodeField.members,
      RollupNodeField.rollup,
    ]) {
      expect(column(plain, 0, name)).toBeUndefined();
    }
    expect(column(plain, 1, RollupEdgeField.memberEdges)).toBeUndefined();
    expect(plain[0].meta?.custom).toBeUndefined();

    const frames = toFrames(rolled);
    for (const name of Object.values(RollupNodeField)) {
      expect(column(frames, 0, name)).toHaveLength(rolled.nodes.length);
    }
    for (const name of Object.values(RollupEdgeField)) {
      expect(column(frames, 1, name)).toHaveLength(rolled.edges.length);
    }
    const ids = column(frames, 0, NodeField.id)!;
    const row = ids.indexOf(SHOP);
    expect(column(frames, 0, RollupNodeField.memberCount)![row]).toBe(6);
    expect(column(frames, 0, RollupNodeField.membersFailing)![row]).toBe(
      rolled.nodes[row].rollup!.health.byStatus.Failure
    );
    expect(column(frames, 0, RollupNodeField.membersDegraded)![row]).toBe(
      rolled.nodes[row].rollup!.health.byStatus.Degraded
    );
    expect(JSON.parse(column(frames, 0, RollupNodeField.members)![row] as string)).toEqual(
      rolled.nodes[row].rollup!.members
    );
    expect(JSON.parse(column(frames, 0, RollupNodeField.rollup)![row] as string)).toMatchObject({
      kind: 'namespace',
      memberTypes: { workload: 5, service: 1 },
    });
    expect(column(frames, 0, RollupNodeField.group)![row]).toBe(SHOP);
    const unknownRow = ids.indexOf('unknown_unknown_source');
    expect(column(frames, 0, RollupNodeField.memberCount)![unknownRow]).toBeNull();
    expect(column(frames, 0, RollupNodeField.group)![unknownRow]).toBe('');
    expect(column(frames, 0, NodeField.title)![row]).toBe('shop');
    expect(column(frames, 0, NodeField.subtitle)![row]).toBe('5 workloads, 1 service');
    expect(frames[0].meta?.custom).toEqual({ rollup: rolled.rollup });
    expect(column(frames, 1, RollupEdgeField.memberEdges)).toEqual(rolled.edges.map((e) => e.memberEdges ?? 1));
  });

  it('draw a rolled-up node’s ring as the share of its members by health', () => {
    const frames = toFrames(rolled);
    const ids = column(frames, 0, NodeField.id)!;
    const row = ids.indexOf(SHOP);
    const c = rolled.nodes[row].rollup!.health.byStatus;
    const arcs = ['arc__healthy', 'arc__degraded', 'arc__failure', 'arc__idle'].map(
      (a) => column(frames, 0, a)![row] as number
    );
    expect(arcs[0]).toBeCloseTo(c.Healthy / 6, 12);
    expect(arcs[1]).toBeCloseTo(c.Degraded / 6, 12);
    expect(arcs[2]).toBeCloseTo(c.Failure / 6, 12);
    expect(arcs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(column(frames, 0, NodeField.color)![row]).toBe('red');
  });
});

describe('rollup by cluster', () => {
  const { model, options } = shopModel();
  const rolled = rollupGraph(model, 'cluster', options);
  const nodes = byId(rolled);
  const C1 = rollupNodeId('cluster', 'c1');

  it('folds the requested namespaces into the cluster and keeps outside namespaces as their own nodes', () => {
    expect(nodes.get(C1)!.rollup!.members.length).toBe(8);
    expect(nodes.get(C1)!.rollup!.members).toEqual(expect.arrayContaining(['wl_c1_pay_db-v1', 'wl_c1_shop_web-v1']));
    expect(nodes.get(ISTIO)).toMatchObject({ nodeType: 'namespace', isOutside: true });
    expect(nodes.get(C1)).toMatchObject({ nodeType: 'cluster', cluster: 'c1', namespace: '' });
    expectRatesAddUp(model, rolled, 'cluster');
    expect(toFrames(rolled)[0].fields.find((f) => f.name === NodeField.title)!.values).toContain('c1');
  });
});

describe('expanding a rolled-up namespace', () => {
  const extra: RawSeries[] = [...both(WEB, dst('shop', 'reviews-v2', 'reviews', 'v2'), '200', 1.5)];
  const options = testOptions({
    namespaces: ['shop', 'pay'],
    graphType: 'versionedApp',
    boxBy: ['app', 'namespace', 'cluster'],
    appenders: { health: true },
  });
  const model = lean(options, [...meshSeries(), ...extra]);

  it('shows the group as a box with the group’s id holding its members and their app boxes', () => {
    const rolled = rollupGraph(model, 'namespace', { ...options, rollupExpand: [SHOP, 'rollup_namespace_nowhere_x'] });
    const nodes = byId(rolled);
    expect(rolled.rollup!.expanded).toEqual([SHOP]);
    expect(nodes.get(SHOP)).toMatchObject({ nodeType: 'box', isBox: 'namespace', group: SHOP });
    expect(nodes.get(SHOP)!.rollup).toMatchObject({ expanded: true, memberCount: 7 });
    const members = nodes.get(SHOP)!.rollup!.members;
    for (const id of members) {
      const n = nodes.get(id)!;
      expect(n.group).toBe(SHOP);
      const parent = nodes.get(n.parent!)!;
      // In its app box inside the group's box, or directly in the group's box.
      expect(parent.id === SHOP || (parent.isBox === 'app' && parent.parent === SHOP)).toBe(true);
    }
    const appBox = rolled.nodes.find((n) => n.isBox === 'app')!;
    expect(appBox).toMatchObject({ app: 'reviews', parent: SHOP, group: SHOP });
    // The unrolled namespace boxes are gone; one cluster only, so no cluster box.
    expect(
      rolled.nodes
        .filter((n) => n.nodeType === 'box')
        .map((n) => n.id)
        .sort()
    ).toEqual([appBox.id, SHOP].sort());
    // Members' edges go to the other rolled-up namespaces, kept nodes and each other.
    expect(rolled.edges.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        `app_c1_shop_cart-v1 ${PAY} http`.replace('app_', 'vapp_'),
        `${ISTIO} vapp_c1_shop_web-v1 http`,
        'vapp_c1_shop_web-v1 vapp_c1_shop_cart-v1 http',
      ])
    );
    expectRatesAddUp(model, rolled, 'namespace', [SHOP]);
    // Every edge joins two nodes of the graph.
    const ids = new Set(rolled.nodes.map((n) => n.id));
    expect(rolled.edges.filter((e) => !ids.has(e.source) || !ids.has(e.target))).toEqual([]);
  });
});

describe('ids of rolled-up nodes', () => {
  it('are unambiguous whatever the labels hold', () => {
    const namespaces = ['ns_x', 'x', 'my ns', '100%', 'source', 'unknown_source', 'cluster'];
    const series: RawSeries[] = [
      // cluster c + namespace ns_x against cluster c_ns + namespace x: one id if `_` were not escaped
      ...both(src('ns_x', 'a', 'a', 'v1', 'c'), dst('x', 'b', 'b', 'v1', 'c_ns'), '200', 1),
      ...both(src('my ns', 'd', 'd', 'v1', '50%'), dst('100%', 'e', 'e', 'v1', 'c'), '200', 2),
      // the unknown source of cluster "rollup_namespace" calls namespace "source" of cluster "unknown"
      req(
        'destination',
        { ...UNKNOWN_SRC, cluster: 'rollup_namespace' },
        dst('source', 'f', 'f', 'v1', 'unknown'),
        '200',
        3
      ),
      // a cluster named "rollup" and a namespace named "cluster"
      ...both(src('cluster', 'g', 'g', 'v1', 'rollup'), dst('unknown_source', 'h', 'h', 'v1', 'rollup'), '200', 4),
      tcp(
        'source',
        'istio_tcp_sent_bytes_total',
        src('x', 'b', 'b', 'v1', 'c_ns'),
        dst('ns_x', 'a', 'a', 'v1', 'c'),
        10
      ),
    ];
    const options = testOptions({ namespaces, appenders: { health: true } });
    const model = lean(options, series);
    for (const by of ['namespace', 'cluster'] as const) {
      const rolled = rollupGraph(model, by, options);
      const ids = rolled.nodes.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      const edgeIds = rolled.edges.map((e) => e.id);
      expect(new Set(edgeIds).size).toBe(edgeIds.length);
      expect(ids.every((id) => !/ /.test(id))).toBe(true);
      for (const n of rolled.nodes.filter((x) => x.rollup)) {
        expect(parseRollupNodeId(n.id)).toEqual({
          kind: n.rollup!.kind,
          cluster: n.cluster,
          namespace: n.rollup!.kind === 'namespace' ? n.namespace : '',
        });
      }
      // Every (cluster, namespace) of the unrolled graph has its own group.
      const groups = new Map<string, string>();
      for (const n of model.nodes.filter((m) => m.nodeType !== 'box' && m.nodeType !== 'unknown')) {
        const g = rolled.nodes.find((r) => r.rollup?.members.includes(n.id))!.id;
        const key = by === 'namespace' ? `${n.cluster}\u0000${n.namespace}` : n.cluster;
        expect(groups.get(g) ?? key).toBe(key);
        groups.set(g, key);
      }
      expectRatesAddUp(model, rolled, by);
    }
    // Member ids name their node: cluster, namespace and name come back from the id alone.
    for (const n of model.nodes.filter((m) => m.nodeType !== 'box')) {
      const parts = parseNodeId(n.id)!;
      expect({ id: n.id, cluster: parts.cluster, namespace: parts.namespace }).toEqual({
        id: n.id,
        cluster: n.cluster,
        namespace: n.namespace,
      });
      expect(parts.name).toBe(n.nodeType === 'unknown' ? '' : (n.workload ?? n.service ?? n.app));
    }
    expect(rollupNodeId('namespace', 'c', 'ns_x')).not.toBe(rollupNodeId('namespace', 'c_ns', 'x'));
    expect(parseRollupNodeId('wl_c_ns_x')).toBeUndefined();
    expect(parseNodeId('vapp_c_my%20ns_reviews_v%5F2')).toEqual({
      kind: 'versionedApp',
      cluster: 'c',
      namespace: 'my ns',
      name: 'reviews',
      version: 'v_2',
    });
    expect(parseNodeId('%62ox_unknown_source')).toEqual({
      kind: 'unknown',
      cluster: 'box',
      namespace: 'unknown',
      name: '',
    });
    expect(parseNodeId(rollupNodeId('cluster', 'a_b'))).toEqual({
      kind: 'cluster',
      cluster: 'a_b',
      namespace: '',
      name: '',
    });
    expect(parseNodeId('box_c_ns')).toBeUndefined();
    expect(parseRollupNodeId('rollup_unknown_source')).toBeUndefined();
  });
});

describe('applyRollup', () => {
  const series: RawSeries[] = [
    ...meshSeries(),
    ...both(src('shop', 'web-v1', 'web', 'v1', 'c2'), dst('shop', 'cart-v1', 'cart', 'v1', 'c2'), '200', 2),
    ...both(CART, dst('shop', 'cart-v1', 'cart', 'v1', 'c2'), '200', 0.5),
    ...both(INGRESS, dst('pay', 'payment-v1', 'payment', 'v1', 'c2'), '200', 0.5),
  ];
  const options = testOptions({ namespaces: ['shop', 'pay'], appenders: { health: true } });
  const model = lean(options, series);
  const leaves = model.nodes.filter((n) => n.nodeType !== 'box').length;

  it("returns the model itself for 'none'", () => {
    expect(applyRollup(model, { ...options, rollup: 'none' })).toBe(model);
    expect(applyRollup(model, options)).toBe(model);
  });

  it("'auto' within the budget says so and changes nothing", () => {
    const m = applyRollup(model, { ...options, rollup: 'auto', rollupNodeBudget: leaves });
    expect(m.nodes).toBe(model.nodes);
    expect(m.rollup).toEqual({
      requested: 'auto',
      by: 'none',
      budget: leaves,
      fullNodes: leaves,
      fullEdges: model.edges.length,
      expanded: [],
    });
    const frames = toFrames(m);
    expect(frames[0].fields.some((f) => f.name === RollupNodeField.members)).toBe(false);
    expect(frames[0].meta?.custom).toEqual({ rollup: m.rollup });
  });

  it("'auto' above the budget rolls up by namespace, and by cluster when that is still too many", () => {
    const byNamespace = rolledUpNodeCount(model, 'namespace');
    const m = applyRollup(model, { ...options, rollup: 'auto', rollupNodeBudget: leaves - 1 });
    expect(m.rollup).toMatchObject({ requested: 'auto', by: 'namespace', budget: leaves - 1, fullNodes: leaves });
    expect(m.nodes.length).toBe(byNamespace);
    expect(m.notices.at(-1)!.text).toBe(
      `The graph has ${leaves} nodes, more than the rollup budget of ${leaves - 1}: showing it rolled up by namespace (${byNamespace} nodes).`
    );
    expect(model.notices.some((n) => /rollup budget/.test(n.text))).toBe(false);
    const c = applyRollup(model, { ...options, rollup: 'auto', rollupNodeBudget: byNamespace - 1 });
    expect(c.rollup!.by).toBe('cluster');
    expect(
      c.nodes
        .filter((n) => n.nodeType === 'cluster')
        .map((n) => n.id)
        .sort()
    ).toEqual([rollupNodeId('cluster', 'c1'), rollupNodeId('cluster', 'c2')]);
    expectRatesAddUp(model, c, 'cluster');
  });

  it('uses the default budget of 500 for a missing or invalid one', () => {
    for (const rollupNodeBudget of [undefined, 0, -3, 2.5, NaN]) {
      expect(applyRollup(model, { ...options, rollup: 'auto', rollupNodeBudget }).rollup).toMatchObject({
        by: 'none',
        budget: 500,
      });
    }
  });

  it('boxes rolled-up namespaces by cluster when asked and there are several clusters', () => {
    const m = applyRollup(model, { ...options, rollup: 'namespace', boxBy: ['cluster', 'namespace'] });
    const boxes = m.nodes.filter((n) => n.nodeType === 'box');
    expect(boxes.map((b) => b.id).sort()).toEqual(['box_c1', 'box_c2']);
    const c2 = m.nodes
      .filter((n) => n.parent === 'box_c2')
      .map((n) => n.id)
      .sort();
    expect(c2).toEqual([rollupNodeId('namespace', 'c2', 'pay'), rollupNodeId('namespace', 'c2', 'shop')].sort());
    expect(m.rollup).toMatchObject({ requested: 'namespace', by: 'namespace' });
  });
});
