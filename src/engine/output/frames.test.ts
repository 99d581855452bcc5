import { both, dst, req, src } from '../fold/meshFixture.testutil';
import { lean, testOptions } from '../fold/planRunner.testutil';
import { EdgeField, NODE_TRAFFIC, NodeField } from '../../contract/frameFields';
import { edgeThickness, formatByteRate, formatRequestRate, toFrames } from './frames';

function column(frame: { fields: Array<{ name: string; values: unknown[] }> }, name: string): unknown[] {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error('no field ' + name);
  }
  return f.values;
}

describe('toFrames', () => {
  const web = src('shop', 'web-v1');
  const m = lean(testOptions({ namespaces: ['shop'] }), [
    ...both(web, dst('shop', 'cart-v1'), '200', 12),
    req('source', web, dst('shop', 'cart-v1'), '503', 0.5, { flags: 'UF' }),
    ...both(web, dst('shop', 'idle-v1'), '200', 0.0001),
  ]);
  m.edges.find((e) => e.target === 'wl_c1_shop_cart-v1')!.healthStatus = 'Degraded';
  m.notices.push({ severity: 'warning', text: 'something is missing' });
  const [nodes, edges] = toFrames(m);

  it('emits the Node Graph frames with notices on the nodes frame', () => {
    expect(nodes.name).toBe('nodes');
    expect(edges.name).toBe('edges');
    expect(nodes.meta?.preferredVisualisationType).toBe('nodeGraph');
    expect(nodes.meta?.notices).toEqual([{ severity: 'warning', text: 'something is missing' }]);
    for (const name of Object.values(NodeField)) {
      expect(column(nodes, name)).toHaveLength(m.nodes.length);
    }
    for (const name of Object.values(EdgeField)) {
      expect(column(edges, name)).toHaveLength(m.edges.length);
    }
  });

  it('titles, stats and arcs follow the node traffic', () => {
    const i = (column(nodes, 'id') as string[]).indexOf('wl_c1_shop_cart-v1');
    expect(column(nodes, 'title')[i]).toBe('cart-v1');
    expect(column(nodes, 'subtitle')[i]).toBe('shop');
    expect(column(nodes, 'mainstat')[i]).toBe('12.5 rps');
    expect(column(nodes, 'secondarystat')[i]).toBe(`${((0.5 / 12.5) * 100).toFixed(1)}% err`);
    // its only inbound edge is Degraded: the whole arc is degraded
    expect([
      column(nodes, 'arc__healthy')[i],
      column(nodes, 'arc__degraded')[i],
      column(nodes, 'arc__failure')[i],
      column(nodes, 'arc__idle')[i],
    ]).toEqual([0, 1, 0, 0]);
    const idle = (column(nodes, 'id') as string[]).indexOf('wl_c1_shop_idle-v1');
    expect(column(nodes, 'arc__idle')[idle]).toBe(1);
    const sums = (column(nodes, 'id') as string[]).map((_, k) =>
      ['arc__healthy', 'arc__degraded', 'arc__failure', 'arc__idle'].reduce(
        (s, f) => s + (column(nodes, f)[k] as number),
        0
      )
    );
    sums.forEach((s) => expect(s).toBeCloseTo(1));
  });

  it('gives each node its rates in and out as numbers, equal to those of its rates text', () => {
    const texts = column(nodes, NodeField.rates) as string[];
    m.nodes.forEach((node, row) => {
      const rates = JSON.parse(texts[row]);
      for (const key of NODE_TRAFFIC) {
        expect(column(nodes, NodeField[key])[row]).toBe(node.rates[key]);
        expect(column(nodes, NodeField[key])[row]).toBe(rates[key]);
      }
    });
    const cart = (column(nodes, 'id') as string[]).indexOf('wl_c1_shop_cart-v1');
    expect(column(nodes, NodeField.httpIn)[cart]).toBe(12.5);
  });

  it('dashes idle edges and colours edges by health', () => {
    const targets = column(edges, 'target') as string[];
    const idle = targets.indexOf('wl_c1_shop_idle-v1');
    const busy = targets.indexOf('wl_c1_shop_cart-v1');
    expect(column(edges, 'strokedasharray')[idle]).toBe('5 5');
    expect(column(edges, 'strokedasharray')[busy]).toBe('');
    expect(column(edges, 'color')[busy]).toBe('orange');
    expect(column(edges, 'color')[idle]).toBe('gray');
    expect(column(edges, 'mainstat')[busy]).toBe('12.5 rps');
    expect(JSON.parse(column(edges, 'responses')[busy] as string)['503'].flags).toEqual({ UF: 0.5 });
    expect(column(edges, 'thickness')[busy] as number).toBeGreaterThan(column(edges, 'thickness')[idle] as number);
  });

  it('formats rates for people', () => {
    expect(formatRequestRate(0.004)).toBe('0.004 rps');
    expect(formatRequestRate(250)).toBe('250 rps');
    expect(formatByteRate(2048)).toBe('2.0 kB/s');
    expect(edgeThickness({ ...m.edges[0], hasTraffic: false })).toBe(1);
  });
});
