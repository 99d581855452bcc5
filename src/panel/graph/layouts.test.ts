import cytoscape from 'cytoscape';
import { loadFcose, registerLayouts } from './cy';
import { buildElements } from './elements';
import { fastLayeredPositions, layerize, CELL_H, CELL_W } from './fastLayout';
import { fromFrames } from './fromFrames';
import { chooseLayout, layoutOptions } from './layouts';
import { createTheme } from '@grafana/data';
import { paletteFromTheme } from './palette';
import { buildStylesheet } from './style';
import { syntheticMeshFrames } from './testing/frames';

describe('chooseLayout', () => {
  it('keeps the requested layout below the threshold, dagre by default', () => {
    expect(chooseLayout(undefined, 50, 300)).toEqual({ requested: 'dagre', effective: 'dagre', large: false });
    expect(chooseLayout('fcose', 300, 300).effective).toBe('fcose');
  });

  it('replaces dagre and fcose above the threshold, with a notice', () => {
    const c = chooseLayout('dagre', 1000, 300);
    expect(c.effective).toBe('layered');
    expect(c.large).toBe(true);
    expect(c.notice).toContain('1000 nodes');
    expect(chooseLayout('fcose', 301, 300).effective).toBe('layered');
  });

  it('keeps the fast layouts at any size', () => {
    for (const name of ['grid', 'concentric', 'breadthfirst'] as const) {
      const c = chooseLayout(name, 5000, 300);
      expect(c.effective).toBe(name);
      expect(c.large).toBe(true);
      expect(c.notice).toBeUndefined();
    }
  });

  it('falls back to dagre for an unknown saved value', () => {
    expect(chooseLayout('cola' as never, 10, 300).effective).toBe('dagre');
  });
});

describe('layerize', () => {
  it('puts sources first and follows edges left to right, surviving cycles', () => {
    const layers = layerize(['a', 'b', 'c', 'd'], [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'b'],
      ['d', 'd'],
    ]);
    expect(layers[0]).toEqual(['a', 'd']);
    expect(layers[1]).toEqual(['b']);
    expect(layers[2]).toEqual(['c']);
  });

  it('places every member exactly once even when all are in a cycle', () => {
    const layers = layerize(['x', 'y', 'z'], [
      ['x', 'y'],
      ['y', 'z'],
      ['z', 'x'],
    ]);
    expect(layers.flat().sort()).toEqual(['x', 'y', 'z']);
  });
});

describe('fastLayeredPositions', () => {
  it('lays out a chain left to right', () => {
    const p = fastLayeredPositions([{ id: 'a' }, { id: 'b' }, { id: 'c' }], [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
    ]);
    expect(p.get('a')!.x).toBeLessThan(p.get('b')!.x);
    expect(p.get('b')!.x).toBeLessThan(p.get('c')!.x);
  });

  it('keeps box members together and boxes apart, with no two leaves on one cell', () => {
    const g = fromFrames(syntheticMeshFrames(4, 30));
    const nodes = g.nodes.map((n) => ({ id: n.id, parent: n.parent, isBox: n.isBox }));
    const p = fastLayeredPositions(nodes, g.edges);
    const leaves = g.nodes.filter((n) => n.nodeType !== 'box');
    expect(p.size).toBe(leaves.length);
    const cells = new Set([...p.values()].map((q) => `${Math.round(q.x / (CELL_W / 2))},${Math.round(q.y / (CELL_H / 2))}`));
    expect(cells.size).toBe(leaves.length);
    // Bounding boxes of the namespaces do not overlap.
    const boxes = g.nodes
      .filter((n) => n.isBox)
      .map((b) => {
        const pts = leaves.filter((l) => l.parent === b.id).map((l) => p.get(l.id)!);
        return {
          x1: Math.min(...pts.map((q) => q.x)),
          x2: Math.max(...pts.map((q) => q.x)),
          y1: Math.min(...pts.map((q) => q.y)),
          y2: Math.max(...pts.map((q) => q.y)),
        };
      });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const overlap = a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;
        expect(overlap).toBe(false);
      }
    }
  });
});

describe('layouts in headless Cytoscape', () => {
  beforeAll(async () => {
    registerLayouts(cytoscape);
    await loadFcose(cytoscape);
  });

  it('the large-graph path lays out 1,000 nodes / ~3,000 edges with the fast layout', () => {
    const g = fromFrames(syntheticMeshFrames(10, 100));
    const leafCount = g.nodes.filter((n) => n.nodeType !== 'box').length;
    expect(leafCount).toBe(1000);
    expect(g.edges.length).toBeGreaterThan(2500);
    const choice = chooseLayout('dagre', leafCount, 300);
    expect(choice.effective).toBe('layered');
    const els = buildElements(g, { edgeLabels: ['trafficRate'], showBadges: true });
    const cy = cytoscape({ headless: true, elements: [...els.nodes, ...els.edges] as cytoscape.ElementDefinition[] });
    let stopped = false;
    const layout = cy.elements().layout(
      layoutOptions(choice.effective, {
        nodes: g.nodes.map((n) => ({ id: n.id, parent: n.parent, isBox: n.isBox })),
        edges: g.edges,
        boundingBox: { x1: 0, y1: 0, w: 1400, h: 900 },
      }) as unknown as cytoscape.LayoutOptions
    );
    layout.one('layoutstop', () => (stopped = true));
    layout.run();
    expect(stopped).toBe(true);
    const positions = cy.nodes().not(':parent').nodes().map((n) => `${n.position('x')},${n.position('y')}`);
    expect(new Set(positions).size).toBe(1000);
    cy.destroy();
  });

  it('runs every named layout on a small boxed graph', () => {
    const g = fromFrames(syntheticMeshFrames(2, 6));
    const els = buildElements(g, { edgeLabels: [], showBadges: false });
    // With the stylesheet, so nodes have sizes (fcose needs them).
    const style = buildStylesheet(paletteFromTheme(createTheme()), { labelMinZoomedFontSize: 6, large: false });
    for (const name of ['dagre', 'fcose', 'grid', 'concentric', 'breadthfirst', 'layered'] as const) {
      const cy = cytoscape({
        headless: true,
        styleEnabled: true,
        style: style as unknown as cytoscape.StylesheetJson,
        elements: [...els.nodes, ...els.edges] as cytoscape.ElementDefinition[],
      });
      let stopped = false;
      const l = cy.elements().layout(
        layoutOptions(name, {
          nodes: g.nodes,
          edges: g.edges,
          boundingBox: { x1: 0, y1: 0, w: 800, h: 600 },
          rootIds: [g.nodes[1].id],
        }) as unknown as cytoscape.LayoutOptions
      );
      l.one('layoutstop', () => (stopped = true));
      l.run();
      expect({ name, stopped }).toEqual({ name, stopped: true });
      cy.destroy();
    }
  });
});
