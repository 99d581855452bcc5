import { renderHook } from '@testing-library/react';
import type { Core } from 'cytoscape';
import { chooseLayout } from '../../graph/layouts';
import { CLASS } from '../../graph/style';
import { InstanceInputs, useCyInstance } from './useCyInstance';
import { NONE, palette, testElements, testStylesheet } from './testGraph';

// jsdom has no canvas: a headless instance, created through the same createCy the hook calls (the container it was
// given is kept to be checked).
const given: { container?: unknown } = {};
jest.mock('../../graph/cy', () => {
  const actual = jest.requireActual('../../graph/cy');
  const cytoscape = jest.requireActual('cytoscape');
  return {
    ...actual,
    createCy: (options: Record<string, unknown>) => {
      given.container = options.container;
      actual.registerLayouts(cytoscape);
      return cytoscape({ ...options, container: undefined, headless: true, styleEnabled: true });
    },
  };
});

const content = testElements(['a', 'b', 'c'], [{ source: 'a', target: 'b', rate: 1 }]);

function inputs(over: Partial<InstanceInputs> = {}): InstanceInputs {
  return {
    ...content,
    stylesheet: testStylesheet(true),
    layout: chooseLayout('dagre', 500, 300), // large: the layered layout, positions known before creation
    width: 600,
    height: 400,
    found: { nodes: new Set(['a']), edges: new Set() },
    hidden: NONE,
    palette,
    ...over,
  };
}

describe('useCyInstance', () => {
  it('creates one instance with its content, positions and classes, hooks it on the container, and destroys it', () => {
    const container = document.createElement('div');
    const host = container.appendChild(document.createElement('div'));
    const latest = { current: inputs() };
    const { result, unmount, rerender } = renderHook(() =>
      useCyInstance({ current: container }, { current: host }, latest, false)
    );
    const inst = result.current.inst!;
    const cy = inst.cy;
    expect(cy.nodes().length).toBe(3);
    expect(cy.getElementById('a').hasClass(CLASS.find)).toBe(true);
    expect(cy.getElementById('b').position().x).toBeGreaterThan(cy.getElementById('a').position().x);
    expect((container as unknown as { __cy: Core }).__cy).toBe(cy);
    // Cytoscape draws into the inner element: the attributes the hooks write on the outer one are not its.
    expect(given.container).toBe(host);
    expect(Object.keys(container)).not.toContain('__cy');
    expect(container.getAttribute('data-status')).toBe('ready');
    expect(container.getAttribute('data-renderer')).toBe('canvas');
    expect(inst.created.layout).toMatchObject({ topology: content.topology, effective: 'layered' });
    // Re-rendering with other data keeps the instance (the content hook updates it).
    latest.current = inputs({ width: 700 });
    rerender();
    expect(result.current.inst).toBe(inst);
    const destroy = jest.spyOn(cy, 'destroy');
    unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect((container as unknown as { __cy?: Core }).__cy).toBeUndefined();
  });

  it('leaves the layout due when no positions are known beforehand', () => {
    const container = document.createElement('div');
    const host = container.appendChild(document.createElement('div'));
    const latest = { current: inputs({ layout: chooseLayout('grid', 3, 300), stylesheet: testStylesheet(false) }) };
    const { result } = renderHook(() => useCyInstance({ current: container }, { current: host }, latest, false));
    expect(result.current.inst?.created.layout).toBeUndefined();
    expect(container.getAttribute('data-status')).toBeNull();
  });
});
