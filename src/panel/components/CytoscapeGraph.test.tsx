import React from 'react';
import { act, render } from '@testing-library/react';
import { createTheme } from '@grafana/data';
import type { Core } from 'cytoscape';
import { buildElements, topologyKey } from '../graph/elements';
import { fromFrames } from '../graph/fromFrames';
import { chooseLayout } from '../graph/layouts';
import { paletteFromTheme } from '../graph/palette';
import { buildStylesheet, CLASS } from '../graph/style';
import { meshEdgesFrame, meshNodesFrame } from '../graph/testing/frames';
import { CytoscapeGraph, CytoscapeGraphProps } from './CytoscapeGraph';

// jsdom has no canvas: the component gets a real Cytoscape instance, headless (same code path otherwise).
const created: Core[] = [];
/** Per instance: layouts started and stylesheets set (cy.style(sheet)), counted from creation on. */
const counts = new Map<Core, { layouts: number; stylesheets: number }>();
jest.mock('../graph/cy', () => {
  const actual = jest.requireActual('../graph/cy');
  const cytoscape = jest.requireActual('cytoscape');
  return {
    ...actual,
    createCy: (options: Record<string, unknown>) => {
      actual.registerLayouts(cytoscape);
      const cy = cytoscape({ ...options, container: undefined, headless: true, styleEnabled: true });
      created.push(cy);
      const c = { layouts: 0, stylesheets: 0 };
      counts.set(cy, c);
      cy.on('layoutstart', () => c.layouts++);
      const style = cy.style.bind(cy);
      cy.style = ((sheet?: unknown) => {
        if (sheet !== undefined) {
          c.stylesheets++;
        }
        return sheet === undefined ? style() : style(sheet as never);
      }) as typeof cy.style;
      return cy;
    },
  };
});

const palette = paletteFromTheme(createTheme());
const none = { nodes: new Set<string>(), edges: new Set<string>() };

function graph(rate: number, extraNode = false) {
  return fromFrames([
    meshNodesFrame([
      { id: 'a', nodeType: 'workload', workload: 'a', namespace: 'ns' },
      { id: 'b', nodeType: 'workload', workload: 'b', namespace: 'ns' },
      ...(extraNode ? [{ id: 'c', nodeType: 'workload', workload: 'c', namespace: 'ns' }] : []),
    ]),
    meshEdgesFrame([{ source: 'a', target: 'b', protocol: 'http', rates: { total: rate } }]),
  ]);
}

function props(g = graph(5), over: Partial<CytoscapeGraphProps> = {}): CytoscapeGraphProps {
  return {
    elements: buildElements(g, { edgeLabels: ['trafficRate'], showBadges: true }),
    topology: topologyKey(g),
    stylesheet: buildStylesheet(palette, { labelMinZoomedFontSize: 6, large: false }),
    layout: chooseLayout('grid', 2, 300),
    width: 600,
    height: 400,
    found: none,
    hidden: none,
    palette,
    animate: false,
    renderer: 'canvas',
    onSelect: jest.fn(),
    ariaLabel: 'Traffic graph: 2 nodes',
    ...over,
  };
}

function hook(el: HTMLElement): Core {
  return (el as unknown as { __cy: Core }).__cy;
}

beforeEach(() => {
  created.length = 0;
  counts.clear();
});

describe('CytoscapeGraph', () => {
  it('exposes a read-only state snapshot and the instance as a non-enumerable test hook', () => {
    const { getByTestId } = render(<CytoscapeGraph {...props()} />);
    const el = getByTestId('meshgraph-graph');
    expect(el.getAttribute('data-node-count')).toBe('2');
    expect(el.getAttribute('data-edge-count')).toBe('1');
    expect(el.getAttribute('data-layout')).toBe('grid');
    expect(el.getAttribute('data-status')).toBe('ready');
    // An interactive graph (arrow keys, Enter) with its summary as the label.
    expect(el.getAttribute('role')).toBe('application');
    expect(el.getAttribute('aria-label')).toBe('Traffic graph: 2 nodes');
    expect(Object.keys(el)).not.toContain('__cy');
    expect(hook(el)).toBe(created[0]);
    expect(hook(el).getElementById('a b http').data('label')).toBe('5');
  });

  it('updates data in place and keeps positions when the ids are unchanged', () => {
    const { getByTestId, rerender } = render(<CytoscapeGraph {...props(graph(5))} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    cy.getElementById('a').position({ x: 1234, y: 567 });
    rerender(<CytoscapeGraph {...props(graph(7.5))} />);
    expect(hook(getByTestId('meshgraph-graph'))).toBe(cy);
    expect(cy.getElementById('a').position()).toEqual({ x: 1234, y: 567 });
    expect(cy.getElementById('a b http').data('label')).toBe('7.5');
  });

  it('re-runs the layout when nodes are added', () => {
    const { getByTestId, rerender } = render(<CytoscapeGraph {...props(graph(5))} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    cy.getElementById('a').position({ x: 1234, y: 567 });
    rerender(<CytoscapeGraph {...props(graph(5, true))} />);
    expect(getByTestId('meshgraph-graph').getAttribute('data-node-count')).toBe('3');
    expect(cy.getElementById('a').position()).not.toEqual({ x: 1234, y: 567 });
  });

  it('applies find and hide classes', () => {
    const found = { nodes: new Set(['a']), edges: new Set<string>() };
    const hidden = { nodes: new Set(['b']), edges: new Set(['a b http']) };
    const { getByTestId } = render(<CytoscapeGraph {...props(graph(5), { found, hidden })} />);
    const el = getByTestId('meshgraph-graph');
    const cy = hook(el);
    expect(cy.getElementById('a').hasClass(CLASS.find)).toBe(true);
    expect(cy.getElementById('b').hasClass(CLASS.hidden)).toBe(true);
    expect(el.getAttribute('data-visible-node-count')).toBe('1');
  });

  it('selects and highlights the selected element, dimming the rest', () => {
    const g = fromFrames([
      meshNodesFrame([
        { id: 'a', nodeType: 'workload' },
        { id: 'b', nodeType: 'workload' },
        { id: 'z', nodeType: 'workload' },
      ]),
      meshEdgesFrame([{ source: 'a', target: 'b', protocol: 'http', rates: { total: 1 } }]),
    ]);
    const { getByTestId } = render(<CytoscapeGraph {...props(g, { selected: { kind: 'node', id: 'a' } })} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    expect(cy.getElementById('a').selected()).toBe(true);
    expect(cy.getElementById('b').hasClass(CLASS.highlight)).toBe(true);
    expect(cy.getElementById('z').hasClass(CLASS.dim)).toBe(true);
  });

  it('reports taps through onSelect', () => {
    const onSelect = jest.fn();
    const { getByTestId } = render(<CytoscapeGraph {...props(graph(5), { onSelect })} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    cy.getElementById('a b http').emit('tap');
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'edge', id: 'a b http' });
    cy.emit('tap');
    expect(onSelect).toHaveBeenLastCalledWith(undefined);
  });

  it('destroys its instance and removes the hook on unmount', () => {
    const { getByTestId, unmount } = render(<CytoscapeGraph {...props()} />);
    const el = getByTestId('meshgraph-graph');
    const cy = hook(el);
    const destroy = jest.spyOn(cy, 'destroy');
    unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect((el as unknown as { __cy?: Core }).__cy).toBeUndefined();
  });

  it('two panels get two independent instances', () => {
    const one = render(<CytoscapeGraph {...props()} />);
    const two = render(<CytoscapeGraph {...props(graph(5, true))} />);
    const [el1, el2] = [one.getAllByTestId('meshgraph-graph')[0], two.getAllByTestId('meshgraph-graph')[1]];
    expect(hook(el1)).not.toBe(hook(el2));
    expect(hook(el1).nodes().length).toBe(2);
    expect(hook(el2).nodes().length).toBe(3);
  });

  it('uses the large-graph renderer options and the layered layout above the threshold', () => {
    const { getByTestId } = render(
      <CytoscapeGraph {...props(graph(5), { layout: chooseLayout('dagre', 500, 300) })} />
    );
    const el = getByTestId('meshgraph-graph');
    expect(el.getAttribute('data-layout')).toBe('layered');
    expect(el.getAttribute('data-status')).toBe('ready');
    // Cytoscape keeps its init options; check the ones that make pan/zoom cheap.
    const opts = (created[0] as unknown as { _private: { options: Record<string, unknown> } })._private.options;
    expect(opts.textureOnViewport).toBe(true);
    expect(opts.hideEdgesOnViewport).toBe(true);
    expect(opts.pixelRatio).toBe(1);
    expect(opts.webgl).toBeUndefined();
  });

  it('draws boxes as flat nodes sized around their members with the layered layout, and they follow a drag', () => {
    const g = fromFrames([
      meshNodesFrame([
        { id: 'box_ns', nodeType: 'box', isBox: 'namespace', namespace: 'ns' },
        { id: 'a', nodeType: 'workload', workload: 'a', namespace: 'ns', parent: 'box_ns' },
        { id: 'b', nodeType: 'workload', workload: 'b', namespace: 'ns', parent: 'box_ns' },
      ]),
      meshEdgesFrame([{ source: 'a', target: 'b', protocol: 'http', rates: { total: 1 } }]),
    ]);
    const layout = chooseLayout('dagre', 500, 300);
    render(
      <CytoscapeGraph
        {...props(g, {
          elements: buildElements(g, { edgeLabels: [], showBadges: true }),
          topology: topologyKey(g),
          layout,
          stylesheet: buildStylesheet(palette, { labelMinZoomedFontSize: 6, large: true }),
        })}
      />
    );
    const cy = created[created.length - 1];
    const box = cy.getElementById('box_ns');
    const a = cy.getElementById('a');
    const b = cy.getElementById('b');
    expect(cy.nodes(':parent').length).toBe(0);
    const inside = (n: typeof a) => {
      const bb = box.boundingBox({ includeLabels: false });
      const p = n.position();
      return p.x > bb.x1 && p.x < bb.x2 && p.y > bb.y1 && p.y < bb.y2;
    };
    expect(inside(a) && inside(b)).toBe(true);
    act(() => {
      a.position({ x: a.position().x + 500, y: a.position().y + 300 });
      a.emit('drag');
    });
    expect(inside(a) && inside(b)).toBe(true);
  });

  it('lays out once and sets no second stylesheet when mounting (the effects re-run after creation do nothing)', () => {
    for (const layout of [chooseLayout('grid', 2, 300), chooseLayout('dagre', 2, 300)]) {
      created.length = 0;
      const { getByTestId, unmount } = render(<CytoscapeGraph {...props(graph(5), { layout })} />);
      expect(getByTestId('meshgraph-graph').getAttribute('data-status')).toBe('ready');
      expect(created).toHaveLength(1);
      expect(counts.get(created[0])).toEqual({ layouts: 1, stylesheets: 0 });
      unmount();
    }
  });

  it("creates a large graph with the fast layout's positions and its classes: no layout pass, no class toggles", () => {
    const found = { nodes: new Set(['a']), edges: new Set<string>() };
    const hidden = { nodes: new Set(['c']), edges: new Set<string>() };
    const layout = chooseLayout('dagre', 500, 300);
    const { getByTestId } = render(<CytoscapeGraph {...props(graph(5, true), { layout, found, hidden })} />);
    const el = getByTestId('meshgraph-graph');
    const cy = created[0];
    expect(el.getAttribute('data-status')).toBe('ready');
    expect(el.getAttribute('data-layout')).toBe('layered');
    expect(el.getAttribute('data-visible-node-count')).toBe('2');
    expect(counts.get(cy)).toEqual({ layouts: 0, stylesheets: 0 });
    // a → b: the layered layout puts the target one column to the right of its source.
    expect(cy.getElementById('b').position().x).toBeGreaterThan(cy.getElementById('a').position().x);
    expect(cy.getElementById('a').hasClass(CLASS.find)).toBe(true);
    expect(cy.getElementById('c').hasClass(CLASS.hidden)).toBe(true);
  });

  it('a refresh with new but equal data touches no element, a changed rate only its edge', () => {
    const { getByTestId, rerender } = render(<CytoscapeGraph {...props(graph(5, true))} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    const touched: string[] = [];
    cy.on('data', (e) => {
      touched.push(e.target.id());
    });
    rerender(<CytoscapeGraph {...props(graph(5, true))} />);
    expect(touched).toEqual([]);
    rerender(<CytoscapeGraph {...props(graph(6, true))} />);
    expect([...new Set(touched)]).toEqual(['a b http']);
    expect(cy.getElementById('a b http').data('label')).toBe('6');
    expect(counts.get(cy)?.layouts).toBe(1);
  });

  it('a new stylesheet is applied to the live instance', () => {
    const p = props();
    const { getByTestId, rerender } = render(<CytoscapeGraph {...p} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    rerender(
      <CytoscapeGraph {...p} stylesheet={buildStylesheet(palette, { labelMinZoomedFontSize: 9, large: false })} />
    );
    expect(counts.get(cy)?.stylesheets).toBe(1);
    expect(cy.getElementById('a').style('min-zoomed-font-size')).toBe('9px');
  });

  it('clearing a hover highlight touches only the highlighted and dimmed elements', () => {
    const { getByTestId } = render(<CytoscapeGraph {...props(graph(5, true))} />);
    const cy = hook(getByTestId('meshgraph-graph'));
    cy.getElementById('a').emit('mouseover');
    expect(cy.getElementById('b').hasClass(CLASS.highlight)).toBe(true);
    expect(cy.getElementById('c').hasClass(CLASS.dim)).toBe(true);
    cy.getElementById('a').emit('mouseout');
    expect(cy.elements(`.${CLASS.highlight}, .${CLASS.dim}`).length).toBe(0);
  });

  describe('large-graph labels', () => {
    const layout = chooseLayout('dagre', 500, 300);
    const stylesheet = buildStylesheet(palette, { labelMinZoomedFontSize: 6, large: true });

    it('gives no labels or arrowheads while zoomed out, says so, and gives them once zoomed in far enough', () => {
      const { getByTestId, queryByTestId } = render(
        <CytoscapeGraph {...props(graph(5), { layout, stylesheet, labelMinZoomedFontSize: 6 })} />
      );
      const cy = hook(getByTestId('meshgraph-graph'));
      act(() => {
        cy.zoom(0.3);
      });
      expect(cy.nodes(`.${CLASS.labels}`).length).toBe(0);
      expect(cy.getElementById('a').style('label')).toBe('');
      expect(cy.getElementById('a b http').style('target-arrow-shape')).toBe('none');
      expect(queryByTestId('meshgraph-label-hint')?.textContent).toMatch(
        /^Labels and arrowheads are hidden at this zoom/
      );
      // Arrowheads (7.8 px long at zoom 1) are 3 px from zoom 0.38; node labels (13 px) are 6 px on screen from
      // zoom 0.46, edge labels (10.4 px) from 0.58.
      act(() => {
        cy.zoom(0.5);
      });
      expect(cy.getElementById('a').style('label')).toBe(cy.getElementById('a').data('label'));
      expect(cy.getElementById('a b http').style('label')).toBe('');
      expect(cy.getElementById('a b http').style('target-arrow-shape')).toBe('vee');
      expect(queryByTestId('meshgraph-label-hint')?.textContent).toMatch(/^Edge labels are hidden/);
      act(() => {
        cy.zoom(1);
      });
      expect(cy.getElementById('a b http').style('label')).toBe('5');
      expect(queryByTestId('meshgraph-label-hint')).toBeNull();
      act(() => {
        cy.zoom(0.3);
      });
      expect(cy.elements(`.${CLASS.labels}, .${CLASS.arrows}`).length).toBe(0);
    });

    it('shows the label of the element under the pointer as text', () => {
      const { getByTestId, queryByTestId } = render(<CytoscapeGraph {...props(graph(5), { layout, stylesheet })} />);
      const cy = hook(getByTestId('meshgraph-graph'));
      act(() => {
        cy.getElementById('a').emit('mouseover');
      });
      expect(getByTestId('meshgraph-hover-label').textContent).toBe(cy.getElementById('a').data('label'));
      // No graph-wide highlight in large mode.
      expect(cy.elements(`.${CLASS.dim}`).length).toBe(0);
      act(() => {
        cy.getElementById('a').emit('mouseout');
      });
      expect(queryByTestId('meshgraph-hover-label')).toBeNull();
      act(() => {
        cy.getElementById('a b http').emit('mouseover');
      });
      expect(getByTestId('meshgraph-hover-label').textContent).toBe(cy.getElementById('a b http').data('labelVerbose'));
      act(() => {
        cy.panBy({ x: 10, y: 0 });
      });
      expect(queryByTestId('meshgraph-hover-label')).toBeNull();
    });

    it('labels everything from the start in normal mode, without classes or a hint', () => {
      const { getByTestId, queryByTestId } = render(<CytoscapeGraph {...props(graph(5))} />);
      const cy = hook(getByTestId('meshgraph-graph'));
      act(() => {
        cy.zoom(0.1);
      });
      expect(cy.getElementById('a b http').style('label')).toBe('5');
      expect(cy.elements(`.${CLASS.labels}`).length).toBe(0);
      expect(queryByTestId('meshgraph-label-hint')).toBeNull();
    });
  });
});
