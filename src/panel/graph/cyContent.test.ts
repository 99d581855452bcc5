import cytoscape from 'cytoscape';
import v8 from 'v8';
import { createTheme } from '@grafana/data';
import { detailAtZoom, elementDefinitions, visibleLayoutInput } from './cyContent';
import { buildElements } from './elements';
import { fromFrames } from './fromFrames';
import { paletteFromTheme } from './palette';
import { arrowZoomThreshold, buildStylesheet, CLASS } from './style';
import { meshEdgesFrame, meshNodesFrame } from './testing/frames';

const none = { nodes: new Set<string>(), edges: new Set<string>() };

function els() {
  return buildElements(
    fromFrames([
      meshNodesFrame([
        { id: 'box_ns', nodeType: 'box', isBox: 'namespace', namespace: 'ns' },
        { id: 'a', nodeType: 'workload', workload: 'a', namespace: 'ns', parent: 'box_ns' },
        { id: 'b', nodeType: 'workload', workload: 'b', namespace: 'ns', parent: 'box_ns' },
        { id: 'c', nodeType: 'workload', workload: 'c', namespace: 'other' },
      ]),
      meshEdgesFrame([
        { source: 'a', target: 'b', protocol: 'http', rates: { total: 5 } },
        { source: 'b', target: 'c', protocol: 'http', rates: { total: 1 } },
      ]),
    ]),
    { edgeLabels: ['trafficRate'], showBadges: false }
  );
}

describe('elementDefinitions', () => {
  it('with flat boxes: no parents, boxes placed and sized as given, not draggable, in Cytoscape no compound', () => {
    const defs = elementDefinitions(els(), {
      found: none,
      hidden: none,
      positions: new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 100, y: 0 }],
      ]),
      flatBoxes: new Map([['box_ns', { x: 50, y: 0, w: 153, h: 53 }]]),
    });
    const byId = new Map(defs.map((d) => [d.data.id, d]));
    expect(defs.filter((d) => 'parent' in d.data)).toEqual([]);
    expect(byId.get('box_ns')).toMatchObject({
      position: { x: 50, y: 0 },
      grabbable: false,
      data: { boxW: 153, boxH: 53 },
    });
    // The element data the panel keeps is not changed (its parents drive highlight, find and hide).
    expect(els().nodeData.get('a')!.parent).toBe('box_ns');
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      elements: defs as cytoscape.ElementDefinition[],
      style: buildStylesheet(paletteFromTheme(createTheme()), { labelMinZoomedFontSize: 6, large: true }) as never,
    });
    expect(cy.nodes(':parent').length).toBe(0);
    expect(cy.getElementById('box_ns').width()).toBe(153);
    expect(cy.getElementById('box_ns').height()).toBe(53);
    expect(cy.getElementById('box_ns').grabbable()).toBe(false);
    cy.destroy();
  });

  it('gives Cytoscape data objects in fast mode with flat boxes (V8 turns an object it deleted from into a hash table)', () => {
    // Cytoscape keeps these objects as the nodes' data, read by every style and data access.
    v8.setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    v8.setFlagsFromString('--no-allow-natives-syntax');
    const defs = elementDefinitions(els(), {
      found: none,
      hidden: none,
      flatBoxes: new Map([['box_ns', { x: 50, y: 0, w: 153, h: 53 }]]),
    });
    // The check tells: deleting a property that is not the last one added turns an object into a hash table.
    const dictionary: Record<string, unknown> = { ...defs[1].data };
    delete dictionary.id;
    expect(hasFastProperties(dictionary)).toBe(false);
    expect(defs.filter((d) => !hasFastProperties(d.data)).map((d) => d.data.id)).toEqual([]);
  });

  it('carries the find, hide, label and arrow classes and the given positions, parents before children', () => {
    const defs = elementDefinitions(els(), {
      found: { nodes: new Set(['a']), edges: new Set(['a b http']) },
      hidden: { nodes: new Set(['c']), edges: new Set(['b c http']) },
      detail: { node: true, edge: false, arrows: true },
      positions: new Map([['a', { x: 10, y: 20 }]]),
    });
    const byId = new Map(defs.map((d) => [d.data.id, d]));
    expect(defs.map((d) => d.data.id).indexOf('box_ns')).toBeLessThan(defs.map((d) => d.data.id).indexOf('a'));
    expect(byId.get('a')!.classes).toEqual([CLASS.find, CLASS.labels]);
    expect(byId.get('a')!.position).toEqual({ x: 10, y: 20 });
    expect(byId.get('b')!.position).toBeUndefined();
    expect(byId.get('c')!.classes).toEqual([CLASS.hidden, CLASS.labels]);
    expect(byId.get('a b http')!.classes).toEqual([CLASS.find, CLASS.arrows]);
    expect(byId.get('b c http')!.classes).toEqual([CLASS.hidden, CLASS.arrows]);
    expect(byId.get('a b http')!.group).toBe('edges');
  });

  it('gives no element a class when nothing is found, hidden or labelled (normal mode), and copies data', () => {
    const e = els();
    const defs = elementDefinitions(e, { found: none, hidden: none });
    expect(defs.filter((d) => d.classes !== undefined)).toEqual([]);
    defs[0].data.label = 'changed';
    expect(e.nodes[0].data.label).not.toBe('changed');
  });

  it('loads into Cytoscape with positions kept (preset) and large-mode labels and arrows only where the class is', () => {
    const palette = paletteFromTheme(createTheme());
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      layout: { name: 'preset', fit: false },
      style: buildStylesheet(palette, {
        labelMinZoomedFontSize: 6,
        large: true,
      }) as unknown as cytoscape.StylesheetJson,
      elements: elementDefinitions(els(), {
        found: none,
        hidden: none,
        detail: { node: true, edge: false, arrows: false },
        positions: new Map([['a', { x: 10, y: 20 }]]),
      }) as cytoscape.ElementDefinition[],
    });
    expect(cy.getElementById('a').position()).toEqual({ x: 10, y: 20 });
    expect(cy.getElementById('a').style('label')).toBe(cy.getElementById('a').data('label'));
    expect(cy.getElementById('a b http').style('label')).toBe('');
    cy.getElementById('a b http').addClass(CLASS.labels);
    expect(cy.getElementById('a b http').style('label')).toBe('5');
    expect(cy.getElementById('a b http').style('target-arrow-shape')).toBe('none');
    cy.getElementById('a b http').addClass(CLASS.arrows);
    expect(cy.getElementById('a b http').style('target-arrow-shape')).toBe('vee');
    cy.destroy();
  });
});

describe('visibleLayoutInput', () => {
  it('leaves out hidden nodes and edges and keeps parents', () => {
    const input = visibleLayoutInput(els(), { nodes: new Set(['c']), edges: new Set(['b c http']) });
    expect(input.nodes).toEqual([
      { id: 'box_ns', parent: undefined, isBox: 'namespace', label: 'ns' },
      { id: 'a', parent: 'box_ns', isBox: undefined, label: 'a' },
      { id: 'b', parent: 'box_ns', isBox: undefined, label: 'b' },
    ]);
    expect(input.edges).toEqual([{ source: 'a', target: 'b' }]);
  });
});

describe('detailAtZoom', () => {
  it('gives labels from the zoom where they reach the minimum on-screen size (nodes 13 px, edges 10.4 px fonts)', () => {
    // 6.5 px minimum: nodes from zoom 0.5, edges from 0.625.
    expect(detailAtZoom(0.45, 6.5)).toEqual({ node: false, edge: false, arrows: true });
    expect(detailAtZoom(0.5, 6.5)).toEqual({ node: true, edge: false, arrows: true });
    expect(detailAtZoom(0.625, 6.5)).toEqual({ node: true, edge: true, arrows: true });
    // 0: always.
    expect(detailAtZoom(0.05, 0)).toEqual({ node: true, edge: true, arrows: false });
  });

  it('gives arrowheads from the zoom where they are 3 px long on screen', () => {
    // Cytoscape's vee at width 2 and arrow-scale 0.9: 0.3 × 29 × 0.9 = 7.83 px at zoom 1.
    expect(arrowZoomThreshold()).toBeCloseTo(3 / 7.83, 3);
    expect(detailAtZoom(0.38, 0).arrows).toBe(false);
    expect(detailAtZoom(0.39, 0).arrows).toBe(true);
  });
});
