/** The traffic map's storage: counters in rate columns, responses in the arena, destination services. */
import { addTraffic, subtractTraffic } from './trafficCounts';
import { TrafficMap, TrafficNode } from './trafficMap';

function workload(map: TrafficMap, name: string): TrafficNode {
  return map.node(`wl_c1_ns_${name}`, 'workload', 'c1', 'ns', '', name, name, 'v1');
}

describe('TrafficMap storage', () => {
  it('keeps every edge and node its own numbers while the columns grow', () => {
    const map = new TrafficMap('workload');
    const hub = workload(map, 'hub');
    const leaves = Array.from({ length: 300 }, (_, i) => workload(map, `leaf-${i}`));
    leaves.forEach((leaf, i) => {
      addTraffic(map.edge(hub, leaf, 'http'), hub, leaf, i + 1, '200', '', '');
      addTraffic(map.edge(hub, leaf, 'http'), hub, leaf, 0.5, '503', '', '');
      addTraffic(map.edge(leaf, hub, 'tcp'), leaf, hub, 2 * i, '-', '', '');
    });
    leaves.forEach((leaf, i) => {
      const e = map.edge(hub, leaf, 'http');
      expect(e.total).toBeCloseTo(i + 1.5);
      expect(e.http5xx).toBeCloseTo(0.5);
      expect(e.responses().map((r) => [r.code, r.rate])).toEqual([
        ['200', i + 1],
        ['503', 0.5],
      ]);
      expect(leaf.rates.httpIn).toBeCloseTo(i + 1.5);
      expect(leaf.rates.httpIn5xx).toBeCloseTo(0.5);
      expect(leaf.rates.tcpOut).toBe(2 * i);
    });
    const sum = leaves.reduce((s, _, i) => s + i + 1.5, 0);
    expect(hub.rates.httpOut).toBeCloseTo(sum);
    expect(hub.rates.tcpIn).toBe(leaves.reduce((s, _, i) => s + 2 * i, 0));
  });

  it('gives a copy of the node rates, so writing to it changes nothing', () => {
    const map = new TrafficMap('workload');
    const [a, b] = [workload(map, 'a'), workload(map, 'b')];
    addTraffic(map.edge(a, b, 'grpc'), a, b, 4, '0', '', '');
    (b.rates as { grpcIn: number }).grpcIn = 100;
    expect(b.rates.grpcIn).toBe(4);
    b.addRate('grpcIn', 1);
    expect(b.rates.grpcIn).toBe(5);
  });

  it('keeps flag and host sums only for responses that carry them', () => {
    const map = new TrafficMap('workload');
    const [a, b] = [workload(map, 'a'), workload(map, 'b')];
    const e = map.edge(a, b, 'http');
    addTraffic(e, a, b, 1, '200', '', '');
    addTraffic(e, a, b, 2, '503', 'UF', 'b.ns.svc.cluster.local');
    addTraffic(e, a, b, 0.5, '503', 'URX', 'b.ns.svc.cluster.local');
    const [ok, failed] = e.responses();
    expect(ok.flags).toEqual({});
    expect(ok.hosts).toEqual({});
    expect(failed.flags).toEqual({ UF: 2, URX: 0.5 });
    expect(failed.hosts).toEqual({ 'b.ns.svc.cluster.local': 2.5 });
  });

  it('unlinks a response taken away entirely and appends it again when it comes back', () => {
    const map = new TrafficMap('workload');
    const [a, b] = [workload(map, 'a'), workload(map, 'b')];
    const e = map.edge(a, b, 'http');
    addTraffic(e, a, b, 1, '200', '', '');
    addTraffic(e, a, b, 2, '404', '', '');
    addTraffic(e, a, b, 3, '-', '', '');
    subtractTraffic(e, a, b, 2, '404');
    expect(e.responses().map((r) => r.code)).toEqual(['200', '-']);
    expect(e.http4xx).toBe(0);
    expect(b.rates.httpIn4xx).toBe(0);
    subtractTraffic(e, a, b, 1, '200');
    expect(e.responses().map((r) => r.code)).toEqual(['-']);
    expect(e.responseCount).toBe(1);
    addTraffic(e, a, b, 5, '404', '', '');
    expect(e.responses().map((r) => [r.code, r.rate])).toEqual([
      ['-', 3],
      ['404', 5],
    ]);
    expect(e.total).toBeCloseTo(8);
    expect(a.rates.httpOut).toBeCloseTo(8);
  });

  it('lists destination services once each in first-seen order, past the size where it indexes them', () => {
    const map = new TrafficMap('workload');
    const n = workload(map, 'a');
    const names = Array.from({ length: 12 }, (_, i) => `svc-${i}`);
    for (let round = 0; round < 3; round++) {
      for (const name of names) {
        n.addDestService('c1', 'ns', name);
        n.addDestService('c2', 'ns', name);
      }
    }
    n.addDestService('c1', 'ns', '');
    expect(n.destServices?.map((s) => `${s.cluster}/${s.name}`)).toEqual(
      names.flatMap((name) => [`c1/${name}`, `c2/${name}`])
    );
  });

  it('finds nodes that share a namespace and name but differ in prefix or cluster', () => {
    const map = new TrafficMap('versionedApp');
    const parts = (prefix: 'wl' | 'svc', namespace = 'ns') => ({
      prefix,
      nodeType: prefix === 'wl' ? ('workload' as const) : ('service' as const),
      namespace,
      name: 'cart',
    });
    const wl = map.nodeOf(parts('wl'), 'c1', '', 'cart', '', '');
    const svc = map.nodeOf(parts('svc'), 'c1', 'cart', '', '', '');
    const svc2 = map.nodeOf(parts('svc'), 'c2', 'cart', '', '', '');
    const other = map.nodeOf(parts('svc', 'other'), 'c1', 'cart', '', '', '');
    expect(new Set([wl.id, svc.id, svc2.id, other.id]).size).toBe(4);
    expect(map.nodeOf(parts('svc'), 'c2', 'cart', '', '', '')).toBe(svc2);
    expect(map.nodeOf(parts('wl'), 'c1', '', 'cart', '', '')).toBe(wl);
    expect(map.nodeOf(parts('svc', 'other'), 'c1', 'cart', '', '', '')).toBe(other);
    expect(map.nodes.size).toBe(4);
  });
});
