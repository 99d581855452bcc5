import { resolveFlows } from './telemetry';
import { mulberry32, syntheticTopology } from './synthetic';

describe('mulberry32', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect([c(), c(), c()]).not.toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('syntheticTopology', () => {
  const options = { namespaces: 10, workloadsPerNamespace: 100, fanOut: [2, 4] as [number, number], seed: 7 };
  const t = syntheticTopology(options);

  it('is deterministic for a seed', () => {
    expect(JSON.stringify(syntheticTopology(options))).toBe(JSON.stringify(t));
    expect(JSON.stringify(syntheticTopology({ ...options, seed: 8 }))).not.toBe(JSON.stringify(t));
  });

  it('has N × M workloads, each calling 2-4 distinct others, and the requested ingress edges', () => {
    expect(t.workloads).toHaveLength(1000);
    const mesh = t.flows.filter((f) => f.source.kind === 'workload');
    const perSource = new Map<string, Set<string>>();
    for (const f of mesh) {
      const src = (f.source as { workload: string }).workload;
      const dst = (f.destination as { workload: string }).workload;
      expect(dst).not.toBe(src);
      const set = perSource.get(src) ?? new Set();
      set.add(dst);
      perSource.set(src, set);
    }
    expect(perSource.size).toBe(1000);
    const sizes = [...perSource.values()].map((s) => s.size);
    expect(Math.min(...sizes)).toBe(2);
    expect(Math.max(...sizes)).toBe(4);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(mesh.length); // no duplicate edges
    // about 3 calls per workload on average
    expect(mesh.length).toBeGreaterThan(2800);
    expect(mesh.length).toBeLessThan(3200);
    expect(t.flows.filter((f) => f.source.kind === 'external')).toHaveLength(50);
  });

  it('mixes protocols about 68/15/17 % and crosses namespaces on about 22 % of calls', () => {
    const mesh = t.flows.filter((f) => f.source.kind === 'workload');
    const share = (p: string) => mesh.filter((f) => f.protocol === p).length / mesh.length;
    expect(share('http')).toBeGreaterThan(0.6);
    expect(share('http')).toBeLessThan(0.76);
    expect(share('grpc')).toBeGreaterThan(0.1);
    expect(share('grpc')).toBeLessThan(0.2);
    expect(share('tcp')).toBeGreaterThan(0.12);
    expect(share('tcp')).toBeLessThan(0.22);
    const ns = (id: string) => id.split('/')[0];
    const cross =
      mesh.filter(
        (f) => ns((f.source as { workload: string }).workload) !== ns((f.destination as { workload: string }).workload)
      ).length / mesh.length;
    expect(cross).toBeGreaterThan(0.18);
    expect(cross).toBeLessThan(0.26);
  });

  it('has every mesh edge reported by both proxies and every ingress edge by the destination only', () => {
    for (const rf of resolveFlows(t)) {
      const reporters = rf.views.map((v) => v.reporter);
      if (rf.flow.source.kind === 'external') {
        expect(reporters).toEqual(['destination']);
        expect(rf.views[0].source.source_workload).toBe('unknown');
      } else {
        expect(reporters).toEqual(['source', 'destination']);
      }
    }
  });

  it('honours crossNamespaceRatio 0 and a fixed fan-out', () => {
    const local = syntheticTopology({
      namespaces: 3,
      workloadsPerNamespace: 10,
      fanOut: 2,
      seed: 1,
      crossNamespaceRatio: 0,
      ingressEdges: 0,
    });
    expect(local.flows).toHaveLength(60);
    for (const f of local.flows) {
      const s = (f.source as { workload: string }).workload.split('/')[0];
      const d = (f.destination as { workload: string }).workload.split('/')[0];
      expect(d).toBe(s);
    }
  });

  it('rejects nonsensical options with a clear message', () => {
    expect(() => syntheticTopology({ namespaces: 0, workloadsPerNamespace: 1, seed: 1 })).toThrow(
      /namespaces must be an integer >= 1/
    );
    expect(() => syntheticTopology({ namespaces: 1, workloadsPerNamespace: 5, seed: 1, fanOut: [3, 2] })).toThrow(
      /fanOut max/
    );
    expect(() =>
      syntheticTopology({ namespaces: 1, workloadsPerNamespace: 5, seed: 1, crossNamespaceRatio: 2 })
    ).toThrow(/crossNamespaceRatio/);
  });

  it('builds the 100 × 100 mesh', () => {
    const big = syntheticTopology({ namespaces: 100, workloadsPerNamespace: 100, seed: 1 });
    expect(big.workloads).toHaveLength(10000);
    expect(big.workloads[9999].namespace).toBe('mesh-99');
    expect(big.flows.length).toBeGreaterThan(28000);
  });
});
