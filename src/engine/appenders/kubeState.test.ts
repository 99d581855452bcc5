// Long on purpose: the kube-state appender's cases (replicas, dead, idle, out of mesh, notices) share one fixture.
import { parsePromQL } from '../promql/parse.testutil';
import type { VectorSample } from '../client/types';
import type { GraphEdge, GraphModel, GraphNode, GraphOptions, NodeType } from '../model';
import { defaultGraphOptions } from '../options';
import { applyHealth } from './health';
import {
  applyKubeState,
  KUBE_STATE_ABSENT_TEXT,
  KUBE_STATE_QUERY_IDS,
  planKubeStateQueries,
  PromqlEscape,
} from './kubeState';
import { deploymentOfReplicaSet } from './kubeStateInventory';
import { emptyNodeRates } from '../fold/trafficMap';

const IDS = KUBE_STATE_QUERY_IDS;
function options(overrides: Parameters<typeof defaultGraphOptions>[0] = {}): GraphOptions {
  return defaultGraphOptions({ namespaces: ['shop'], queryTime: 1700000000, ...overrides });
}

function node(id: string, nodeType: NodeType, extra: Partial<GraphNode> = {}): GraphNode {
  return { id, nodeType, cluster: 'east', namespace: 'shop', rates: emptyNodeRates(), ...extra };
}

function wl(name: string, extra: Partial<GraphNode> = {}): GraphNode {
  return node(`wl_east_${extra.namespace ?? 'shop'}_${name}`, 'workload', { workload: name, ...extra });
}

function httpEdge(source: string, target: string, rate: number): GraphEdge {
  return {
    id: `${source} ${target} http`,
    source,
    target,
    protocol: 'http',
    rates: {
      total: rate,
      http3xx: 0,
      http4xx: 0,
      http5xx: 0,
      noResponse: 0,
      grpcErr: 0,
      percentErr: 0,
      percentReq: 100,
    },
    responses: rate > 0 ? { '200': { rate, flags: { '-': rate }, hosts: {} } } : {},
    hasTraffic: rate > 0,
  };
}

function model(
  nodes: GraphNode[],
  edges: GraphEdge[] = [],
  graphType: GraphModel['graphType'] = 'workload'
): GraphModel {
  return {
    timestamp: 1700000000,
    duration: 600,
    graphType,
    namespaces: ['shop'],
    nodes,
    edges,
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  };
}

/** Hand-built kube-state answers. */
interface Fixture {
  deployments?: Array<{
    ns?: string;
    name: string;
    desired: number;
    available?: number;
    labels?: Record<string, string>;
    cluster?: string;
  }>;
  pods?: Array<{ ns?: string; replicaSet: string; proxy: boolean; cluster?: string }>;
  services?: Array<{ ns?: string; name: string; cluster?: string }>;
}

function answers(f: Fixture): Map<string, VectorSample[]> {
  const withCluster = (m: Record<string, string>, cluster?: string) => (cluster ? { ...m, cluster } : m);
  const deployments = f.deployments ?? [];
  return new Map<string, VectorSample[]>([
    [
      IDS.deployments,
      deployments.map((d) => ({
        metric: withCluster({ namespace: d.ns ?? 'shop', deployment: d.name, ...(d.labels ?? {}) }, d.cluster),
        value: d.desired,
      })),
    ],
    [
      IDS.available,
      deployments
        .filter((d) => d.available !== undefined)
        .map((d) => ({
          metric: withCluster({ namespace: d.ns ?? 'shop', deployment: d.name }, d.cluster),
          value: d.available!,
        })),
    ],
    [
      IDS.sidecars,
      (f.pods ?? []).map((p, i) => ({
        metric: withCluster(
          { namespace: p.ns ?? 'shop', pod: `${p.replicaSet}-p${i}xyz`, owner_name: p.replicaSet },
          p.cluster
        ),
        value: p.proxy ? 1 : 0,
      })),
    ],
    [
      IDS.services,
      (f.services ?? []).map((s) => ({
        metric: withCluster({ namespace: s.ns ?? 'shop', service: s.name }, s.cluster),
        value: 1,
      })),
    ],
  ]);
}

function byId(m: GraphModel, id: string): GraphNode | undefined {
  return m.nodes.find((n) => n.id === id);
}

describe('planKubeStateQueries', () => {
  it('plans three queries, four with services; constant in the number of namespaces', () => {
    const one = planKubeStateQueries(options({ namespaces: ['a'] }));
    const many = planKubeStateQueries(options({ namespaces: Array.from({ length: 50 }, (_, i) => `ns${i}`) }));
    expect(one.map((q) => q.id)).toEqual([IDS.deployments, IDS.available, IDS.sidecars]);
    expect(many).toHaveLength(3);
    expect(planKubeStateQueries(options({ injectServiceNodes: true })).map((q) => q.id)).toContain(IDS.services);
    expect(planKubeStateQueries(options({ graphType: 'service' }))).toHaveLength(4);
  });

  it('puts one namespace regex-set matcher in every selector, none for all', () => {
    const qs = planKubeStateQueries(options({ namespaces: ['a', 'b'], injectServiceNodes: true }));
    for (const q of qs) {
      expect(q.expr).toContain('namespace=~"^(a|b)$"');
    }
    const all = planKubeStateQueries(options({ namespaces: 'all', injectServiceNodes: true }));
    expect(all).toHaveLength(4);
    for (const q of all) {
      expect(q.expr).not.toContain('namespace=');
    }
  });

  it('plans nothing without namespaces or when switched off', () => {
    expect(planKubeStateQueries(options({ namespaces: [] }))).toEqual([]);
    expect(planKubeStateQueries(options({ appenders: { kubeState: false } }))).toEqual([]);
  });

  it('does not add the mesh scope labels, which kube-state series do not carry', () => {
    const qs = planKubeStateQueries(options({ scope: { mesh_id: 'mesh1' } }));
    for (const q of qs) {
      expect(q.expr).not.toContain('mesh_id');
    }
  });

  it('uses the escaping it is given', () => {
    const calls: string[][] = [];
    const escape: PromqlEscape = {
      exact: (v) => JSON.stringify(v),
      regexSet: (values) => {
        calls.push(values);
        return JSON.stringify(`^(${values.join('|')})$`);
      },
    };
    planKubeStateQueries(options({ namespaces: ['x'] }), escape);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.length === 1 && c[0] === 'x')).toBe(true);
  });

  describe('hostile namespace values', () => {
    const hostile = ['a"b', 'x"}) or vector(1) #', 'back\\slash', 'dot.star.*', 'new\nline', '(|)', 'ünï', '$^[]{}+?'];
    const queries = planKubeStateQueries(options({ namespaces: hostile, injectServiceNodes: true }));

    const errorNodes = (expr: string): number => parsePromQL(expr).errors.length;

    /** The unescaped values of every `namespace=~"..."` matcher. */
    const namespacePatterns = (expr: string): string[] =>
      parsePromQL(expr)
        .matchers.filter((m) => m.name === 'namespace' && m.op === '=~')
        .map((m) => m.value);

    it('parse without error nodes', () => {
      expect(queries).toHaveLength(4);
      for (const q of queries) {
        expect(errorNodes(q.expr)).toBe(0);
      }
      // The parser does flag broken input, so the assertion above can fail.
      expect(errorNodes('kube_service_info{namespace=~"a"b"}')).toBeGreaterThan(0);
    });

    it('match exactly the requested namespaces', () => {
      for (const q of queries) {
        const patterns = namespacePatterns(q.expr);
        expect(patterns.length).toBeGreaterThan(0);
        for (const p of patterns) {
          const re = new RegExp(p);
          for (const ns of hostile) {
            expect(re.test(ns)).toBe(true);
          }
          expect(re.test('anything-else')).toBe(false);
          expect(re.test('dot-star-x')).toBe(false);
        }
      }
    });
  });
});

describe('applyKubeState', () => {
  it('without kube-state-metrics: one info notice and no change', () => {
    const m = model([wl('cart'), wl('web')], [httpEdge('wl_east_shop_web', 'wl_east_shop_cart', 1)]);
    const before = JSON.stringify(m);
    expect(applyKubeState(m, answers({}), options())).toEqual([{ severity: 'info', text: KUBE_STATE_ABSENT_TEXT }]);
    expect(applyKubeState(m, new Map(), options())).toEqual([{ severity: 'info', text: KUBE_STATE_ABSENT_TEXT }]);
    expect(JSON.stringify(m)).toBe(before);
  });

  it('kube-state-metrics present but no Deployment in these namespaces (only the marker sample) is not "absent"', () => {
    const a = answers({});
    a.set(IDS.deployments, [{ metric: {}, value: 0 }]);
    const m = model([wl('cart')]);
    const notices = applyKubeState(m, a, options());
    expect(notices.some((n) => n.text === KUBE_STATE_ABSENT_TEXT)).toBe(false);
    expect(notices.some((n) => /no Deployment found for 1 workload node/.test(n.text))).toBe(true);
  });

  it('marks a traffic-less workload with no available replica dead and records its replicas', () => {
    const m = model([wl('web'), wl('cart'), wl('legacy')], [httpEdge('wl_east_shop_web', 'wl_east_shop_cart', 2)]);
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'web', desired: 1, available: 1 },
          { name: 'cart', desired: 1, available: 1 },
          { name: 'legacy', desired: 1, available: 0 },
        ],
      }),
      options()
    );
    const legacy = byId(m, 'wl_east_shop_legacy')!;
    expect(legacy.isDead).toBe(true);
    expect(legacy.health).toEqual({
      status: 'NA',
      errorRatio: 0,
      totalRequestRate: 0,
      inbound: {},
      outbound: {},
      workloadStatus: { name: 'legacy', desiredReplicas: 1, availableReplicas: 0 },
    });
    expect(byId(m, 'wl_east_shop_cart')!.isDead).toBeUndefined();
    expect(m.nodes).toHaveLength(3); // nothing removed
  });

  it('a workload with traffic but no available replica is not dead; health shows Failure (desired > 0) or Not Ready (scaled to 0)', () => {
    const m = model(
      [wl('web'), wl('crashing'), wl('scaled')],
      [httpEdge('wl_east_shop_web', 'wl_east_shop_crashing', 1), httpEdge('wl_east_shop_web', 'wl_east_shop_scaled', 1)]
    );
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'web', desired: 1, available: 1 },
          { name: 'crashing', desired: 2, available: 0 },
          { name: 'scaled', desired: 0, available: 0 },
        ],
      }),
      options()
    );
    applyHealth(m);
    expect(byId(m, 'wl_east_shop_crashing')!.isDead).toBeUndefined();
    expect(byId(m, 'wl_east_shop_crashing')!.health?.status).toBe('Failure');
    expect(byId(m, 'wl_east_shop_scaled')!.isDead).toBeUndefined();
    expect(byId(m, 'wl_east_shop_scaled')!.health?.status).toBe('Not Ready');
    expect(byId(m, 'wl_east_shop_web')!.health?.status).toBe('Healthy');
  });

  it('flags workloads whose pods lack an istio-proxy container; skips the control plane and gateways', () => {
    const m = model(
      [
        wl('web'),
        wl('batch'),
        wl('rolling'),
        wl('istiod', { namespace: 'istio-system' }),
        wl('istio-ingressgateway', { namespace: 'istio-system', isGateway: true }),
        wl('my-gateway'),
        node('unknown_unknown_source', 'unknown', { cluster: 'unknown', namespace: 'unknown', workload: 'unknown' }),
      ],
      [httpEdge('wl_east_shop_web', 'wl_east_shop_batch', 1), httpEdge('wl_east_shop_web', 'wl_east_shop_rolling', 1)]
    );
    const opts = options({ namespaces: ['shop', 'istio-system'] });
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'web', desired: 1, available: 1 },
          { name: 'batch', desired: 1, available: 1 },
          { name: 'rolling', desired: 2, available: 2 },
          { name: 'istiod', ns: 'istio-system', desired: 1, available: 1 },
          { name: 'istio-ingressgateway', ns: 'istio-system', desired: 1, available: 1 },
          { name: 'my-gateway', desired: 1, available: 1 },
        ],
        pods: [
          { replicaSet: 'web-7d9f8c6b5', proxy: true },
          { replicaSet: 'batch-5c7b9d8f6d', proxy: false },
          { replicaSet: 'rolling-6b8d9f7c5', proxy: true },
          { replicaSet: 'rolling-6b8d9f7c5', proxy: false },
          { replicaSet: 'istiod-58f9c7d6b4', ns: 'istio-system', proxy: false },
          { replicaSet: 'istio-ingressgateway-7f6d5c', ns: 'istio-system', proxy: false },
          { replicaSet: 'my-gateway-7f6d5c', proxy: false },
        ],
      }),
      opts
    );
    expect(byId(m, 'wl_east_shop_web')!.isOutOfMesh).toBeUndefined();
    expect(byId(m, 'wl_east_shop_batch')!.isOutOfMesh).toBe(true);
    expect(byId(m, 'wl_east_shop_rolling')!.isOutOfMesh).toBe(true); // not every pod has the sidecar
    expect(byId(m, 'wl_east_istio-system_istiod')!.isOutOfMesh).toBeUndefined();
    expect(byId(m, 'wl_east_istio-system_istio-ingressgateway')!.isOutOfMesh).toBeUndefined();
    expect(byId(m, 'wl_east_shop_my-gateway')!.isOutOfMesh).toBeUndefined();
    expect(byId(m, 'unknown_unknown_source')!.isOutOfMesh).toBeUndefined();
    expect(byId(m, 'unknown_unknown_source')!.health).toBeUndefined();
  });

  it('a Deployment whose name prefixes another one does not steal its pods', () => {
    const m = model(
      [wl('reviews'), wl('reviews-v2')],
      [httpEdge('wl_east_shop_reviews', 'wl_east_shop_reviews-v2', 1)]
    );
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'reviews', desired: 1, available: 1 },
          { name: 'reviews-v2', desired: 1, available: 1 },
        ],
        pods: [
          { replicaSet: 'reviews-v2-6b8d9f7c5', proxy: false },
          { replicaSet: 'reviews-58f9c7d6b4', proxy: true },
        ],
      }),
      options()
    );
    expect(byId(m, 'wl_east_shop_reviews')!.isOutOfMesh).toBeUndefined();
    expect(byId(m, 'wl_east_shop_reviews-v2')!.isOutOfMesh).toBe(true);
  });

  it('adds idle Deployments with Kiali ids, in the cluster of their namespace', () => {
    const m = model([wl('web'), wl('cart')], [httpEdge('wl_east_shop_web', 'wl_east_shop_cart', 1)]);
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'web', desired: 1, available: 1 },
          { name: 'cart', desired: 1, available: 1 },
          { name: 'ratings', desired: 2, available: 2, labels: { label_app: 'ratings', label_version: 'v1' } },
          { name: 'elsewhere', ns: 'other', desired: 1, available: 1 },
        ],
      }),
      options()
    );
    expect(m.nodes).toHaveLength(3);
    expect(byId(m, 'wl_east_shop_ratings')).toEqual({
      id: 'wl_east_shop_ratings',
      nodeType: 'workload',
      cluster: 'east',
      namespace: 'shop',
      workload: 'ratings',
      app: 'ratings',
      version: 'v1',
      rates: emptyNodeRates(),
      isIdle: true,
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'ratings', desiredReplicas: 2, availableReplicas: 2 },
      },
    });
  });

  it('adds no idle node to a node-focused graph', () => {
    const m = model([wl('web')]);
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'web', desired: 1, available: 1 },
          { name: 'ratings', desired: 1, available: 1 },
        ],
        services: [{ name: 'ratings' }],
      }),
      options({ node: { kind: 'workload', namespace: 'shop', name: 'web' }, injectServiceNodes: true })
    );
    expect(m.nodes.map((n) => n.id)).toEqual(['wl_east_shop_web']);
  });

  it('adds idle Services only for service graphs or with service injection', () => {
    const fixture: Fixture = {
      deployments: [{ name: 'web', desired: 1, available: 1 }],
      services: [{ name: 'web' }, { name: 'ratings' }],
    };
    const plain = model([wl('web')]);
    applyKubeState(plain, answers(fixture), options());
    expect(plain.nodes.map((n) => n.id)).toEqual(['wl_east_shop_web']);

    const injected = model([wl('web'), node('svc_east_shop_web', 'service', { service: 'web' })]);
    applyKubeState(injected, answers(fixture), options({ injectServiceNodes: true }));
    expect(injected.nodes.map((n) => n.id)).toEqual(['wl_east_shop_web', 'svc_east_shop_web', 'svc_east_shop_ratings']);
    expect(byId(injected, 'svc_east_shop_ratings')).toMatchObject({
      nodeType: 'service',
      service: 'ratings',
      isIdle: true,
    });

    // A service graph shows services only: no idle workload.
    const services = model([node('svc_east_shop_web', 'service', { service: 'web' })], [], 'service');
    applyKubeState(
      services,
      answers({ ...fixture, deployments: [...fixture.deployments!, { name: 'ratings', desired: 1, available: 1 }] }),
      options({ graphType: 'service' })
    );
    expect(services.nodes.map((n) => n.id)).toEqual(['svc_east_shop_web', 'svc_east_shop_ratings']);
  });

  it('app graphs: app nodes get the worst Deployment of the app; idle apps need the app label', () => {
    const m = model(
      [node('app_east_shop_reviews', 'app', { app: 'reviews' }), node('app_east_shop_web', 'app', { app: 'web' })],
      [],
      'app'
    );
    const notices = applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'reviews-v1', desired: 2, available: 2, labels: { label_app: 'reviews', label_version: 'v1' } },
          { name: 'reviews-v2', desired: 3, available: 1, labels: { label_app: 'reviews', label_version: 'v2' } },
          { name: 'web', desired: 1, available: 1 }, // labels not exported
          { name: 'ratings-v1', desired: 1, available: 1, labels: { label_app_kubernetes_io_name: 'ratings' } },
          { name: 'mystery', desired: 1, available: 1 },
        ],
      }),
      options({ graphType: 'app' })
    );
    expect(byId(m, 'app_east_shop_reviews')!.health?.workloadStatus).toEqual({
      name: 'reviews-v2',
      desiredReplicas: 3,
      availableReplicas: 1,
    });
    expect(byId(m, 'app_east_shop_web')!.health).toBeUndefined();
    expect(byId(m, 'app_east_shop_ratings')).toMatchObject({ nodeType: 'app', app: 'ratings', isIdle: true });
    expect(byId(m, 'app_east_shop_ratings')!.workload).toBeUndefined();
    // 'web' (labels unknown) is neither matched nor added; 'mystery' is not added either.
    expect(m.nodes).toHaveLength(3);
    expect(notices.some((n) => /replica health skipped for 1 app node/.test(n.text))).toBe(true);
    expect(notices.some((n) => /2 idle Deployment\(s\) not added/.test(n.text))).toBe(true);
    applyHealth(m);
    expect(byId(m, 'app_east_shop_reviews')!.health?.status).toBe('Degraded');
  });

  it('versionedApp graphs: each versioned node takes its own Deployment; idle ones get vapp ids', () => {
    const v1 = node('vapp_east_shop_reviews-v1', 'app', { app: 'reviews', version: 'v1', workload: 'reviews-v1' });
    const m = model([v1], [], 'versionedApp');
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'reviews-v1', desired: 2, available: 2, labels: { label_app: 'reviews', label_version: 'v1' } },
          { name: 'reviews-v2', desired: 1, available: 0, labels: { label_app: 'reviews', label_version: 'v2' } },
        ],
      }),
      options({ graphType: 'versionedApp' })
    );
    expect(v1.health?.workloadStatus?.name).toBe('reviews-v1');
    expect(byId(m, 'vapp_east_shop_reviews-v2')).toMatchObject({
      nodeType: 'app',
      app: 'reviews',
      version: 'v2',
      workload: 'reviews-v2',
      isIdle: true,
    });
  });

  it('uses a cluster label when the series carry one', () => {
    const west = wl('cart', { cluster: 'west', id: 'wl_west_shop_cart' });
    const east = wl('cart');
    const m = model([east, west], [httpEdge(east.id, west.id, 1)]);
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'cart', cluster: 'east', desired: 1, available: 1 },
          { name: 'cart', cluster: 'west', desired: 4, available: 2 },
          { name: 'ratings', cluster: 'west', desired: 1, available: 1 },
        ],
      }),
      options()
    );
    expect(east.health?.workloadStatus?.desiredReplicas).toBe(1);
    expect(west.health?.workloadStatus?.desiredReplicas).toBe(4);
    expect(byId(m, 'wl_west_shop_ratings')?.isIdle).toBe(true);
  });

  it('places idle nodes in cluster "unknown" when the namespace spans several clusters, and says so', () => {
    const m = model([wl('cart'), wl('cart', { cluster: 'west', id: 'wl_west_shop_cart' })]);
    const notices = applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'cart', desired: 1, available: 1 },
          { name: 'ratings', desired: 1, available: 1 },
        ],
      }),
      options()
    );
    expect(byId(m, 'wl_unknown_shop_ratings')?.isIdle).toBe(true);
    expect(notices.some((n) => /1 idle node\(s\) placed in cluster "unknown"/.test(n.text))).toBe(true);
  });

  it('with namespaces "all", idle nodes only go to namespaces the graph already shows', () => {
    const m = model([wl('web')]);
    applyKubeState(
      m,
      answers({
        deployments: [
          { name: 'web', desired: 1, available: 1 },
          { name: 'ratings', desired: 1, available: 1 },
          { name: 'coredns', ns: 'kube-system', desired: 2, available: 2 },
        ],
      }),
      options({ namespaces: 'all' })
    );
    expect(m.nodes.map((n) => n.id).sort()).toEqual(['wl_east_shop_ratings', 'wl_east_shop_web']);
  });

  it('counts unmatched nodes, outsiders and unusable samples', () => {
    const m = model([wl('web'), wl('db'), wl('remote', { namespace: 'other' })]);
    const a = answers({ deployments: [{ name: 'web', desired: 1, available: 1 }] });
    a.get(IDS.deployments)!.push(
      { metric: { namespace: 'shop' }, value: 1 },
      { metric: { namespace: 'shop', deployment: 'x' }, value: NaN }
    );
    a.get(IDS.sidecars)!.push({ metric: { namespace: 'shop', pod: 'lonely', owner_name: 'nohash' }, value: 1 });
    const notices = applyKubeState(m, a, options());
    const texts = notices.map((n) => n.text).join('\n');
    expect(texts).toMatch(/no Deployment found for 1 workload node/);
    expect(texts).toMatch(/1 node\(s\) outside the requested namespaces not checked/);
    expect(texts).toMatch(/sidecar check skipped for 1 workload/);
    const warning = notices.find((n) => n.severity === 'warning')!;
    expect(warning.text).toMatch(/^kube-state-metrics: 3 sample\(s\) not used/);
    expect(notices.every((n) => n.severity !== 'error')).toBe(true);
  });
});

describe('deploymentOfReplicaSet', () => {
  it('strips the pod-template hash', () => {
    expect(deploymentOfReplicaSet('reviews-v2-6b8d9f7c5')).toBe('reviews-v2');
    expect(deploymentOfReplicaSet('web-7d9f8c6b5')).toBe('web');
    expect(deploymentOfReplicaSet('nohash')).toBeUndefined();
    expect(deploymentOfReplicaSet('web-NotAHash')).toBeUndefined();
  });
});
