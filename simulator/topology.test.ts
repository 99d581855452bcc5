import { bookinfoTopology } from './bookinfo';
import { containersOf, principalOf, Topology, TopologyError, validateTopology, Workload } from './topology';

const base = (): Topology => {
  const w = (name: string, extra: Partial<Workload> = {}): Workload => ({
    cluster: 'c1',
    namespace: 'ns',
    name,
    app: name,
    service: name,
    serviceAccount: name,
    sidecar: true,
    replicas: { desired: 1, available: 1 },
    ...extra,
  });
  return {
    name: 't',
    cluster: 'c1',
    workloads: [w('a'), w('b')],
    services: ['ns/a', 'ns/b'],
    flows: [
      {
        id: 'a->b',
        source: { kind: 'workload', workload: 'ns/a' },
        destination: { kind: 'workload', workload: 'ns/b' },
        protocol: 'http',
        requestsPerSecond: 1,
        mtls: true,
      },
    ],
    histograms: 'none',
  };
};

describe('validateTopology', () => {
  it('accepts the built-in bookinfo topology and a minimal one', () => {
    expect(() => validateTopology(bookinfoTopology())).not.toThrow();
    expect(() => validateTopology(base())).not.toThrow();
  });

  it('rejects references to workloads that do not exist', () => {
    const t = base();
    t.flows[0].destination = { kind: 'workload', workload: 'ns/missing' };
    expect(() => validateTopology(t)).toThrow(new TopologyError('flow a->b: unknown destination workload ns/missing'));
    const u = base();
    u.flows[0].source = { kind: 'workload', workload: 'other/a' };
    expect(() => validateTopology(u)).toThrow(/unknown source workload other\/a/);
  });

  it('rejects response shares that do not add up to 1', () => {
    const t = base();
    t.flows[0].responses = [
      { code: '200', fraction: 0.9 },
      { code: '500', fraction: 0.05 },
    ];
    expect(() => validateTopology(t)).toThrow(/fractions add up to 0\.95/);
  });

  it('rejects duplicate workloads and flows, negative or missing rates, tcp flows without byte rates', () => {
    const dupW = base();
    dupW.workloads.push({ ...dupW.workloads[0] });
    expect(() => validateTopology(dupW)).toThrow(/defined twice/);
    const dupF = base();
    dupF.flows.push({ ...dupF.flows[0] });
    expect(() => validateTopology(dupF)).toThrow(/flow a->b is defined twice/);
    const neg = base();
    neg.flows[0].requestsPerSecond = -1;
    expect(() => validateTopology(neg)).toThrow(/requestsPerSecond/);
    const tcp = base();
    tcp.flows[0].protocol = 'tcp';
    expect(() => validateTopology(tcp)).toThrow(/tcp flow needs tcp rates/);
  });

  it('rejects a destination workload without a service', () => {
    const t = base();
    delete t.workloads[1].service;
    expect(() => validateTopology(t)).toThrow(/has no service/);
  });
});

describe('workload helpers', () => {
  it('builds SPIFFE principals with the cluster.local trust domain', () => {
    expect(principalOf('bookinfo', 'bookinfo-reviews')).toBe('spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews');
  });

  it('lists istio-proxy only for workloads with a sidecar, and only istio-proxy for gateways', () => {
    const t = bookinfoTopology();
    const get = (name: string) => t.workloads.find((w) => w.name === name)!;
    expect(containersOf(get('productpage-v1'))).toEqual(['productpage', 'istio-proxy']);
    expect(containersOf(get('loadgen'))).toEqual(['loadgen']);
    expect(containersOf(get('istio-ingressgateway'))).toEqual(['istio-proxy']);
  });
});
