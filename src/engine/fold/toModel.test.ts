import { toModelElements } from './toModel';
import { addTraffic } from './trafficCounts';
import { TrafficMap, TrafficNode } from './trafficMap';

function twoNodes(map: TrafficMap): [TrafficNode, TrafficNode] {
  const a = map.node('wl_c1_ns_a', 'workload', 'c1', 'ns', '', 'a', 'a', 'v1');
  const b = map.node('wl_c1_ns_b', 'workload', 'c1', 'ns', '', 'b', 'b', 'v1');
  return [a, b];
}

describe('toModelElements', () => {
  it('copies responses by code with flags and hosts as plain records, codes in object key order', () => {
    const map = new TrafficMap('workload');
    const [a, b] = twoNodes(map);
    const e = map.edge(a, b, 'http');
    addTraffic(e, a, b, 3, '503', 'UF', 'b.ns.svc.cluster.local');
    addTraffic(e, a, b, 1, '-', 'DC', 'b.ns.svc.cluster.local');
    addTraffic(e, a, b, 6, '200', '-', 'b.ns.svc.cluster.local');
    addTraffic(e, a, b, 2, '200', '-', 'b');
    const { edges } = toModelElements(map);
    expect(edges).toHaveLength(1);
    const r = edges[0].responses;
    expect(Object.keys(r)).toEqual(['200', '503', '-']);
    expect(r['200']).toEqual({ rate: 8, flags: { '-': 8 }, hosts: { 'b.ns.svc.cluster.local': 6, b: 2 } });
    expect(r['503']).toEqual({ rate: 3, flags: { UF: 3 }, hosts: { 'b.ns.svc.cluster.local': 3 } });
    expect(r['-']).toEqual({ rate: 1, flags: { DC: 1 }, hosts: { 'b.ns.svc.cluster.local': 1 } });
    expect(edges[0].rates.total).toBe(12);
    expect(edges[0].rates.percentErr).toBeCloseTo((4 / 12) * 100);
  });

  it('keeps a host named like an object prototype key as an ordinary own key', () => {
    const map = new TrafficMap('workload');
    const [a, b] = twoNodes(map);
    addTraffic(map.edge(a, b, 'http'), a, b, 2, '200', '-', '__proto__');
    const hosts = toModelElements(map).edges[0].responses['200'].hosts;
    expect(Object.keys(hosts)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(hosts)).toBe(Object.prototype);
    expect(JSON.stringify(hosts)).toBe('{"__proto__":2}');
  });
});
