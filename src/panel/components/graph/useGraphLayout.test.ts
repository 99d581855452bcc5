import { renderHook } from '@testing-library/react';
import { chooseLayout } from '../../graph/layouts';
import { CLASS } from '../../graph/style';
import { changedIds, hiddenKeyOf, LayoutInputs, useGraphLayout } from './useGraphLayout';
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
    const inst = testInstance(content, {
      layout: { topology: first.topology, effective: 'grid', hiddenKey: '|', savedKey: 'auto' },
    });
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

  it('a refresh that hides or shows a few nodes keeps the layout and places the shown ones beside a neighbour', () => {
    const ids = 'abcdefghijklmnopqrst'.split('');
    const chain = ids.slice(1).map((id, i) => ({ source: ids[i], target: id, rate: 1 }));
    const c = testElements(ids, chain);
    const hideT = { nodes: new Set(['t']), edges: new Set(['s t http']) };
    const first = inputs({ ...c, hidden: hideT });
    const inst = testInstance(c, {
      layout: { topology: c.topology, effective: 'grid', hiddenKey: hiddenKeyOf(hideT), savedKey: 'auto' },
    });
    // Hidden since long ago, wherever an old layout left it.
    inst.cy.getElementById('t').addClass(CLASS.hidden).position({ x: 50000, y: 50000 });
    inst.cy.getElementById('s t http').addClass(CLASS.hidden);
    const { hook, layouts } = setup(inst, first);
    const before = new Map(ids.map((id) => [id, { ...inst.cy.getElementById(id).position() }]));
    // Traffic came back to t (a refresh: new elements), and a's node went idle.
    const next = testElements(ids, chain);
    hook.rerender(inputs({ ...next, hidden: { nodes: new Set(['a']), edges: new Set(['a b http']) } }));
    expect(layouts()).toBe(0);
    expect(inst.cy.getElementById('a').hasClass(CLASS.hidden)).toBe(true);
    for (const id of ids.slice(1, -1)) {
      expect(inst.cy.getElementById(id).position()).toEqual(before.get(id));
    }
    const s = inst.cy.getElementById('s').position();
    const t = inst.cy.getElementById('t').position();
    expect(Math.hypot(t.x - s.x, t.y - s.y)).toBeLessThanOrEqual(400);
    // The viewer hiding a node (no refresh) lays out, as Kiali does.
    hook.rerender(
      inputs({ ...next, hidden: { nodes: new Set(['a', 'b']), edges: new Set(['a b http', 'b c http']) } })
    );
    expect(layouts()).toBe(1);
  });
});

describe('changedIds', () => {
  it('gives the ids in one set of a pair and not the other, over all pairs', () => {
    const a = new Set(['x', 'y']);
    const b = new Set(['y', 'z']);
    expect(
      [
        ...changedIds([
          [a, b],
          [a, a],
        ]),
      ].sort()
    ).toEqual(['x', 'z']);
    expect([
      ...changedIds([
        [a, a],
        [new Set<string>(), new Set(['w'])],
      ]),
    ]).toEqual(['w']);
  });
});
