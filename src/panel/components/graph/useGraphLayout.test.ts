import { renderHook } from '@testing-library/react';
import { chooseLayout } from '../../graph/layouts';
import { CLASS } from '../../graph/style';
import { LayoutInputs, useGraphLayout } from './useGraphLayout';
import { useViewport } from './useViewport';
import { NONE, testElements, testInstance } from './testGraph';
import type { CyInstance } from './shared';

const content = testElements(['a', 'b', 'c'], [{ source: 'a', target: 'b', rate: 1 }]);

function setup(
  inst: CyInstance,
  first: LayoutInputs,
  placed: { current: string | undefined } = { current: undefined }
) {
  const container = document.createElement('div');
  const latest = { current: first };
  let layouts = 0;
  inst.cy.on('layoutstart', () => layouts++);
  const hook = renderHook(
    (p: LayoutInputs) => {
      latest.current = p;
      const viewport = useViewport(inst, p.width, p.height);
      return useGraphLayout(inst, p, latest, { current: container }, viewport, placed);
    },
    { initialProps: first }
  );
  return { container, hook, layouts: () => layouts };
}

function inputs(over: Partial<LayoutInputs> = {}): LayoutInputs {
  return {
    ...content,
    layout: chooseLayout('grid', 3, 300),
    found: NONE,
    hidden: NONE,
    width: 600,
    height: 400,
    ...over,
  };
}

describe('useGraphLayout', () => {
  it('lays out an instance created without positions, and again when what is hidden changes, not on find', () => {
    const inst = testInstance(content);
    const { container, hook, layouts } = setup(inst, inputs());
    expect(layouts()).toBe(1);
    expect(container.getAttribute('data-status')).toBe('ready');
    hook.rerender(inputs({ found: { nodes: new Set(['a']), edges: new Set() } }));
    expect(inst.cy.getElementById('a').hasClass(CLASS.find)).toBe(true);
    expect(layouts()).toBe(1);
    hook.rerender(inputs({ hidden: { nodes: new Set(['c']), edges: new Set() } }));
    expect(inst.cy.getElementById('c').hasClass(CLASS.hidden)).toBe(true);
    expect(container.getAttribute('data-visible-node-count')).toBe('2');
    expect(layouts()).toBe(2);
  });

  it('skips the layout for a topology whose new nodes the refresh placed itself', () => {
    const first = inputs();
    const key = `${first.topology}#grid#|#auto`;
    const inst = testInstance(content, { layoutKey: key });
    const placed = { current: undefined as string | undefined };
    const { hook, layouts } = setup(inst, first, placed);
    expect(layouts()).toBe(0);
    const next = testElements(['a', 'b', 'd'], [{ source: 'a', target: 'b', rate: 1 }]);
    placed.current = next.topology;
    hook.rerender(inputs(next));
    expect(layouts()).toBe(0);
    const other = testElements(['a', 'b', 'e'], [{ source: 'a', target: 'b', rate: 1 }]);
    hook.rerender(inputs(other));
    expect(layouts()).toBe(1);
  });
});
