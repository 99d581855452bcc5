import { bookinfoTopology } from './bookinfo';
import { familiesOf, SeriesSpec } from './series';
import { podNames } from './names';

const all = (name: string, topology = bookinfoTopology()): SeriesSpec[] => {
  const f = familiesOf(topology).find((x) => x.family.name === name);
  if (!f) {
    throw new Error(`no family ${name}`);
  }
  return [...f.series()];
};
const labelsOf = (s: SeriesSpec): Record<string, string> =>
  Object.fromEntries([...s.labels.matchAll(/([a-z_]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));

describe('kube-state-metrics series', () => {
  it('reports desired and available replicas, including the deployment scaled to zero and the crash-looping one', () => {
    const spec = new Map(all('kube_deployment_spec_replicas').map((s) => [labelsOf(s).deployment, s.gauge]));
    const available = new Map(
      all('kube_deployment_status_replicas_available').map((s) => [labelsOf(s).deployment, s.gauge])
    );
    expect(spec.get('reviews-v4')).toBe(0);
    expect(available.get('reviews-v4')).toBe(0);
    expect(spec.get('inventory-v1')).toBe(1);
    expect(available.get('inventory-v1')).toBe(0);
    expect(spec.get('ratings-v1')).toBe(2);
    expect(spec.size).toBe(bookinfoTopology().workloads.length);
  });

  it('lists one istio-proxy container per pod of meshed workloads and none for the unmeshed client', () => {
    const containers = all('kube_pod_container_info').map(labelsOf);
    const t = bookinfoTopology();
    const ratingsPods = podNames(t.workloads.find((w) => w.name === 'ratings-v1')!);
    expect(ratingsPods).toHaveLength(2);
    for (const pod of ratingsPods) {
      expect(containers.filter((c) => c.pod === pod).map((c) => c.container)).toEqual(['ratings', 'istio-proxy']);
    }
    const loadgen = containers.filter((c) => c.namespace === 'tools');
    expect(loadgen.map((c) => c.container)).toEqual(['loadgen']);
    expect(containers.some((c) => c.pod.startsWith('reviews-v4-'))).toBe(false);
  });

  it('lists services, including the idle one', () => {
    const services = all('kube_service_info')
      .map(labelsOf)
      .map((l) => `${l.namespace}/${l.service}`);
    expect(services).toContain('bookinfo/legacy');
    expect(services).toContain('shop/cart');
  });

  it('links pods to deployments through owner metrics', () => {
    const podOwner = all('kube_pod_owner').map(labelsOf);
    const rsOwner = new Map(
      all('kube_replicaset_owner')
        .map(labelsOf)
        .map((l) => [l.replicaset, l.owner_name])
    );
    for (const p of podOwner) {
      expect(p.pod.startsWith(`${rsOwner.get(p.owner_name)}-`)).toBe(true);
    }
  });
});

describe('TCP series', () => {
  it('carry request_protocol tcp, response_flags, the scrape app and no response_code', () => {
    const tcp = all('istio_tcp_sent_bytes').map((s): Record<string, string | number> => ({
      ...labelsOf(s),
      slope: s.slope,
    }));
    expect(tcp).toHaveLength(2);
    for (const l of tcp) {
      expect(l.request_protocol).toBe('tcp');
      expect(l.response_flags).toBe('-');
      expect(l.response_code).toBeUndefined();
      expect(l.slope).toBe(12000);
    }
    expect(tcp.map((l) => `${l.reporter}:${l.app}`).sort()).toEqual(['destination:mysqldb', 'source:ratings']);
  });
});
