import { ICON } from './iconFont';
import { healthGlyph } from './nodeLabels';
import cytoscape from 'cytoscape';
import { createTheme } from '@grafana/data';
import { buildElements, eachDataChange, topologyKey } from './elements';
import { fromFrames } from './fromFrames';
import { edgeTotals } from './lazyCells';
import { paletteFromTheme } from './palette';
import { buildStylesheet, CLASS } from './style';
import { meshEdgesFrame, meshNodesFrame, tempoFrames } from './testing/frames';

const XSS = '<img src=x onerror=alert(1)>';

function meshGraph() {
  return fromFrames([
    meshNodesFrame([
      { id: 'box_ns_a', nodeType: 'box', isBox: 'namespace', namespace: 'a' },
      { id: 'box_app_a_reviews', nodeType: 'box', isBox: 'app', namespace: 'a', app: 'reviews', parent: 'box_ns_a' },
      { id: 'app_v1', nodeType: 'app', namespace: 'a', app: 'reviews', version: 'v1', parent: 'box_app_a_reviews' },
      { id: 'app_v2', nodeType: 'app', namespace: 'a', app: 'reviews', version: 'v2', parent: 'box_app_a_reviews' },
      {
        id: 'gw',
        nodeType: 'workload',
        namespace: 'istio-system',
        workload: 'istio-ingressgateway',
        flags: 'isRoot isGateway isOutside',
      },
      { id: 'svc', nodeType: 'service', namespace: 'b', service: 'ratings', flags: 'isIdle', healthStatus: 'Failure' },
      { id: 'nosc', nodeType: 'workload', namespace: 'b', workload: 'legacy', flags: 'isOutOfMesh isDead' },
      { id: 'unk', nodeType: 'unknown', namespace: 'unknown' },
    ]),
    meshEdgesFrame([
      {
        source: 'gw',
        target: 'app_v1',
        protocol: 'http',
        rates: { total: 10, percentErr: 20 },
        healthStatus: 'Failure',
      },
      { source: 'app_v1', target: 'svc', protocol: 'tcp', rates: { total: 2048 } },
      { source: 'unk', target: 'app_v2', protocol: 'grpc', rates: { total: 0 }, hasTraffic: false },
    ]),
  ]);
}

describe('buildElements', () => {
  const g = meshGraph();
  const els = buildElements(g, { edgeLabels: ['trafficRate'], showBadges: true });
  const byId = new Map(els.nodes.map((n) => [n.data.id, n.data]));

  it('puts boxes first, outer before inner, so parents exist before children', () => {
    expect(els.nodes.slice(0, 2).map((n) => n.data.id)).toEqual(['box_ns_a', 'box_app_a_reviews']);
  });

  it('labels nodes with Kiali rules', () => {
    expect(byId.get('box_ns_a')!.label).toBe('a');
    expect(byId.get('box_app_a_reviews')!.label).toBe('reviews');
    // inside an app box: only the version; no namespace line (boxed by namespace/app)
    expect(byId.get('app_v1')!.label).toBe('v1');
    // several namespaces: namespace line; badges for traffic source, gateway, outside
    // Badges are icons of the panel's font, after the health icon of an unhealthy node.
    const gw = g.nodes.find((n) => n.id === 'gw')!;
    expect(byId.get('gw')!.label).toBe(
      `${healthGlyph(gw.healthStatus)}${ICON.trafficSource}${ICON.gateway}${ICON.outside} istio-ingressgateway\n(istio-system)`
    );
    const svc = g.nodes.find((n) => n.id === 'svc')!;
    expect(healthGlyph(svc.healthStatus)).not.toBe('');
    expect(byId.get('svc')!.label).toBe(`${healthGlyph(svc.healthStatus)} ratings\n(b)`);
    const nosc = g.nodes.find((n) => n.id === 'nosc')!;
    expect(byId.get('nosc')!.label).toBe(
      `${healthGlyph(nosc.healthStatus)}${ICON.missingSidecar}${ICON.dead} legacy\n(b)`
    );
    expect(byId.get('unk')!.label).toBe('unknown');
  });

  it('drops badges when they are off', () => {
    const plain = buildElements(g, { edgeLabels: [], showBadges: false });
    expect(plain.nodes.find((n) => n.data.id === 'gw')!.data.label).toBe('istio-ingressgateway\n(istio-system)');
  });

  it('maps data the way Kiali flattens it', () => {
    const gw = els.nodeData.get('gw')!;
    expect(gw.isRoot).toBe(true);
    expect(gw.isGateway).toBe(true);
    expect(gw.httpOut).toBe(0);
    // Cytoscape gets only what styles and layouts read
    expect(byId.get('gw')!.isRoot).toBe(true);
    expect(byId.get('gw')!.httpOut).toBeUndefined();
    const http = els.edgeData.get('gw app_v1 http')!;
    expect(http.http).toBe(10);
    expect(http.httpPercentErr).toBe(20);
    expect(Number.isNaN(http.tcp)).toBe(true);
    expect(http.isMTLS).toBe(-1);
    expect(els.edgeData.get('app_v1 svc tcp')!.tcp).toBe(2048);
    const tcp = els.edges.find((e) => e.data.id === 'app_v1 svc tcp')!.data;
    expect(tcp.label).toBe('2');
    expect(tcp.labelVerbose).toBe('tcp\n2 kps');
    const rate = els.edges.find((e) => e.data.id === 'gw app_v1 http')!.data;
    expect(rate.label).toBe('10\n20% err');
  });

  it('ranks nodes (boxes excluded)', () => {
    expect(els.nodeData.get('app_v1')!.rank).toBe(1);
    expect(els.nodeData.get('box_ns_a')!.rank).toBeUndefined();
  });

  it('topology key changes only with ids', () => {
    const again = meshGraph();
    expect(topologyKey(again)).toBe(topologyKey(g));
    again.edges[0] = { ...again.edges[0], totals: { ...edgeTotals(again.edges[0])!, total: 99 } };
    expect(topologyKey(again)).toBe(topologyKey(g));
    again.nodes.pop();
    expect(topologyKey(again)).not.toBe(topologyKey(g));
  });

  it('keeps a hostile label value as text in element data', () => {
    const hostile = fromFrames([meshNodesFrame([{ id: 'x', nodeType: 'workload', workload: XSS, namespace: 'ns' }])]);
    const e = buildElements(hostile, { edgeLabels: [], showBadges: true });
    expect(e.nodes[0].data.label).toBe(XSS);
    expect(typeof e.nodes[0].data.label).toBe('string');
  });

  it('marks an edge with the circuit-breaker glyph only when its target has one and a response tripped it', () => {
    // 4 rps from source to target, all answered `code` with these Envoy flags.
    const flow = (source: string, target: string, protocol: 'http' | 'grpc', code: string, flags: string) => ({
      source,
      target,
      protocol,
      rates: { total: 4 },
      responses: { [code]: { rate: 4, hosts: { [`${target}.a.svc.cluster.local`]: 4 }, flags: { [flags]: 4 } } },
    });
    const graph = fromFrames([
      meshNodesFrame([
        { id: 'src', nodeType: 'workload', namespace: 'a', workload: 'src' },
        { id: 'cb', nodeType: 'service', namespace: 'a', service: 'cb', flags: 'hasCB' },
        { id: 'plain', nodeType: 'service', namespace: 'a', service: 'plain' },
      ]),
      meshEdgesFrame([
        flow('src', 'cb', 'http', '503', 'UO'),
        flow('src', 'plain', 'grpc', '14', 'UO'),
        flow('cb', 'plain', 'http', '200', '-'),
      ]),
    ]);
    const els = buildElements(graph, { edgeLabels: ['trafficRate'], showBadges: true });
    const label = (id: string) => String(els.edges.find((e) => e.data.id === id)?.data.label);
    expect(label('src cb http').startsWith(ICON.circuitBreaker)).toBe(true);
    expect(label('src plain grpc')).not.toContain(ICON.circuitBreaker);
    expect(label('cb plain http')).not.toContain(ICON.circuitBreaker);
    // The selected edge's label says it too, and only there.
    const verbose = (id: string) => String(els.edges.find((e) => e.data.id === id)?.data.labelVerbose);
    expect(verbose('src cb http')).toContain(ICON.circuitBreaker);
    expect(verbose('src plain grpc')).not.toContain(ICON.circuitBreaker);
  });

  it('gives Cytoscape only the edge fields the stylesheet reads, without undefined values', () => {
    const meshEdge = els.edges.find((e) => e.data.id === 'gw app_v1 http')!.data;
    expect(Object.keys(meshEdge).sort()).toEqual(
      ['hasTraffic', 'healthStatus', 'id', 'label', 'labelVerbose', 'protocol', 'source', 'target'].sort()
    );
    const styled = fromFrames([
      {
        name: 'edges',
        fields: [
          { name: 'id', values: ['a_b', 'b_c'] },
          { name: 'source', values: ['a', 'b'] },
          { name: 'target', values: ['b', 'c'] },
          { name: 'color', values: ['red', null] },
          { name: 'thickness', values: [30, null] },
          { name: 'strokeDasharray', values: ['4 2', null] },
        ],
      },
    ]);
    const [drawn, plain] = buildElements(styled, { edgeLabels: [], showBadges: true }).edges.map((e) => e.data);
    expect(drawn).toMatchObject({ color: 'red', thickness: 10, dashed: true });
    expect(Object.values(plain).includes(undefined)).toBe(false);
    expect(['color', 'thickness', 'dashed'].filter((k) => k in plain)).toEqual([]);
  });

  it('labels Tempo-like nodes from title and subtitle', () => {
    const t = buildElements(fromFrames(tempoFrames()), { edgeLabels: ['trafficRate'], showBadges: true });
    expect(t.nodes[0].data.label).toBe('frontend\nshop');
    expect(t.edges[0].data.label).toBe('10 ms\n5 r/s');
  });
});

describe('stylesheet', () => {
  const dark = paletteFromTheme(createTheme());
  const light = paletteFromTheme(createTheme({ colors: { mode: 'light' } }));

  it('derives colours from the theme (dark and light differ)', () => {
    expect(dark.mode).toBe('dark');
    expect(light.mode).toBe('light');
    expect(dark.text).not.toBe(light.text);
    expect(dark.background).not.toBe(light.background);
    for (const p of [dark, light]) {
      for (const c of [p.healthy, p.degraded, p.failure, p.tcp, p.idle, p.text, p.background]) {
        expect(c).toMatch(/^(#|rgb)/);
      }
    }
  });

  it('gives Cytoscape styles that resolve per element kind and state', () => {
    const g = meshGraph();
    const els = buildElements(g, { edgeLabels: ['trafficRate'], showBadges: true });
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements: [...els.nodes, ...els.edges] as cytoscape.ElementDefinition[],
      style: buildStylesheet(dark, { labelMinZoomedFontSize: 6, large: false }) as unknown as cytoscape.StylesheetJson,
    });
    const color = (sel: string, prop: string) => cy.getElementById(sel).style(prop);
    expect(cy.getElementById('app_v1').style('shape')).toBe('round-rectangle');
    expect(cy.getElementById('svc').style('shape')).toBe('round-triangle');
    expect(cy.getElementById('gw').style('shape')).toBe('ellipse');
    expect(cy.getElementById('svc').style('border-style')).toBe('dotted'); // idle
    expect(cy.getElementById('gw').style('background-image')).toContain('data:image/svg+xml'); // outside
    const failure = cy.getElementById('gw app_v1 http');
    // Failure: solid red as Kiali (dashes mean idle), with a square mark so it is not told by colour alone.
    expect(failure.style('line-style')).toBe('solid');
    expect(failure.style('mid-target-arrow-shape')).toBe('square');
    expect(color('app_v1 svc tcp', 'target-arrow-shape')).toBe('triangle-cross');
    expect(color('unk app_v2 grpc', 'line-style')).toBe('dotted'); // idle edge
    expect(failure.style('label')).toBe('10\n20% err');
    failure.addClass(CLASS.hidden);
    expect(failure.style('display')).toBe('none');
    cy.destroy();
  });

  it('uses haystack lines, straight once arrowheads are given, and no shadows in large-graph mode', () => {
    const s = buildStylesheet(dark, { labelMinZoomedFontSize: 6, large: true });
    expect(s.find((b) => b.selector === 'edge')!.style['curve-style']).toBe('haystack');
    expect(s.find((b) => b.selector === `edge.${CLASS.arrows}`)!.style['curve-style']).toBe('straight');
    expect(s.find((b) => b.selector === 'node')!.style.ghost).toBeUndefined();
  });
});

describe('cluster in node labels', () => {
  const labelOf = (clusters: string[]) => {
    const graph = fromFrames([
      meshNodesFrame([
        { id: 'a', nodeType: 'workload', namespace: 'ns', workload: 'web', cluster: clusters[0] },
        { id: 'b', nodeType: 'service', namespace: 'unknown', service: 'PassthroughCluster', cluster: clusters[1] },
      ]),
      meshEdgesFrame([{ source: 'a', target: 'b', protocol: 'http', rates: { total: 1 } }]),
    ]);
    const els = buildElements(graph, { edgeLabels: [], showBadges: false });
    return String(els.nodes.find((n) => n.data.id === 'a')!.data.label);
  };

  it('is left out when the only other cluster is the unknown one of egress nodes', () => {
    expect(labelOf(['cluster-1', 'unknown'])).not.toContain('[cluster-1]');
  });

  it('is shown when the graph spans two real clusters', () => {
    expect(labelOf(['cluster-1', 'cluster-2'])).toContain('[cluster-1]');
  });
});

/** The fields eachDataChange visits, as the object ele.data() would be handed; undefined when none. */
function dataChanges(
  current: Record<string, unknown>,
  next: Readonly<Record<string, unknown>>
): Record<string, unknown> | undefined {
  let diff: Record<string, unknown> | undefined;
  eachDataChange(current, next, (k, v) => {
    (diff ??= {})[k] = v;
  });
  return diff;
}

describe('eachDataChange', () => {
  it('is undefined when every field is equal (no restyle for an unchanged element)', () => {
    expect(
      dataChanges({ id: 'e', label: '5', hasTraffic: true }, { id: 'e', label: '5', hasTraffic: true })
    ).toBeUndefined();
  });

  it('lists changed and new fields only', () => {
    expect(
      dataChanges({ id: 'e', label: '5', protocol: 'http' }, { id: 'e', label: '7.5', protocol: 'http', color: 'red' })
    ).toEqual({
      label: '7.5',
      color: 'red',
    });
  });

  it('clears fields the new data no longer has, so [field] selectors stop matching', () => {
    const diff = dataChanges({ id: 'e', label: '5', color: 'red' }, { id: 'e', label: '5' });
    expect(diff).toEqual({ color: undefined });
    expect(diff && 'color' in diff).toBe(true);
  });

  it('never touches the fields Cytoscape fixes at creation', () => {
    expect(
      dataChanges({ id: 'a', source: 'x', target: 'y', parent: 'p' }, { id: 'b', source: 'z', target: 'w' })
    ).toBeUndefined();
  });

  it('applied with ele.data(), makes the element hold the new data', () => {
    const cy = cytoscape({ headless: true, elements: [{ data: { id: 'n', label: 'a', color: 'red' } }] });
    const next = { id: 'n', label: 'b', isIdle: true };
    cy.getElementById('n').data(dataChanges(cy.getElementById('n').data(), next) ?? {});
    expect(cy.getElementById('n').data('label')).toBe('b');
    expect(cy.getElementById('n').data('isIdle')).toBe(true);
    expect(cy.nodes('[color]').length).toBe(0);
    cy.destroy();
  });
});
