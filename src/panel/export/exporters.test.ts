import { fromFrames } from '../graph/fromFrames';
import { meshEdgesFrame, meshNodesFrame, syntheticMeshFrames, tempoFrames } from '../graph/testing/frames';
import { fileName, kialiJson, xmlEscape } from './exporters';

describe('exports', () => {
  it('writes the graph as Kiali JSON: every node and edge, sha256 ids, parents and edges by hashed id', () => {
    const g = fromFrames(syntheticMeshFrames(2, 5));
    const k = JSON.parse(kialiJson(g, 600));
    expect(k.duration).toBe(600);
    expect(k.elements.nodes).toHaveLength(g.nodes.length);
    expect(k.elements.edges).toHaveLength(g.edges.length);
    const ids = new Set(k.elements.nodes.map((n: { data: { id: string } }) => n.data.id));
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const e of k.elements.edges) {
      expect(ids.has(e.data.source) && ids.has(e.data.target)).toBe(true);
    }
    for (const n of k.elements.nodes) {
      if (n.data.parent) {
        expect(ids.has(n.data.parent)).toBe(true);
      }
    }
  });

  it('carries the responses, rates and health the frames gave, though the panel reads those cells only when shown', () => {
    const nodes = meshNodesFrame([
      { id: 'a', nodeType: 'workload', namespace: 'ns', workload: 'a', healthStatus: 'Degraded' },
      { id: 'b', nodeType: 'workload', namespace: 'ns', workload: 'b' },
    ]);
    const health = { status: 'Degraded', workloadStatus: { desiredReplicas: 3, availableReplicas: 1 } };
    (nodes.fields.find((f) => f.name === 'health')!.values as unknown[])[0] = JSON.stringify(health);
    const edges = meshEdgesFrame([
      {
        source: 'a',
        target: 'b',
        protocol: 'http',
        rates: { total: 4, http5xx: 1, percentErr: 25 },
        responses: { '503': { rate: 1, flags: { UF: 1 }, hosts: { 'b.ns.svc.cluster.local': 1 } } },
      },
    ]);
    const k = JSON.parse(kialiJson(fromFrames([nodes, edges])));
    expect(k.elements.edges[0].data.traffic.rates).toEqual({ http: '4.00', http5xx: '1.00', httpPercentErr: '25.0' });
    expect(k.elements.edges[0].data.traffic.responses).toEqual({
      '503': { flags: { UF: '25.0' }, hosts: { 'b.ns.svc.cluster.local': '25.0' } },
    });
    const a = k.elements.nodes.find((n: { data: { workload?: string } }) => n.data.workload === 'a');
    expect(a.data.healthData.workloadStatus).toEqual(health.workloadStatus);
  });

  it('takes other sources’ Node Graph frames too', () => {
    const g = fromFrames(tempoFrames());
    expect(() => JSON.parse(kialiJson(g))).not.toThrow();
  });

  it('escapes label text for SVG and makes safe file names', () => {
    expect(xmlEscape('<b a="1">&\'</b>')).toBe('&#60;b a=&#34;1&#34;&#62;&#38;&#39;&#60;/b&#62;');
    expect(fileName('Istio / traffic: <prod>')).toMatch(/^Istio-traffic-prod-\d{4}-\d{2}-\d{2}T\d{6}$/);
    expect(fileName(undefined)).toMatch(/^meshgraph-/);
  });
});
