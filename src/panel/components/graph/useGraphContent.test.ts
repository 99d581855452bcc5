import { act, renderHook } from '@testing-library/react';
import { FULL_DETAIL } from '../../graph/cyContent';
import { chooseLayout } from '../../graph/layouts';
import { arrowZoomThreshold, CLASS } from '../../graph/style';
import { ContentInputs, useGraphContent } from './useGraphContent';
import { useViewport } from './useViewport';
import { useZoomDetail } from './useZoomDetail';
import {
  NONE,
  ROLLUP_NAMESPACES,
  rolledUpId,
  rolledUpView,
  testElements,
  testInstance,
  testStylesheet,
} from './testGraph';

const ids = 'abcdefghijklmnopqrstuvwxy'.split('');
const chain = (nodes: string[], rate: number) =>
  nodes.slice(1).map((id, i) => ({ source: nodes[i], target: id, rate }));

function setup() {
  const first = testElements(ids, chain(ids, 5));
  const inst = testInstance(first);
  const container = document.createElement('div');
  const inputs = (c: ReturnType<typeof testElements>): ContentInputs => ({
    ...c,
    stylesheet: inst.created.stylesheet,
    layout: chooseLayout('grid', ids.length, 300),
    found: NONE,
    hidden: NONE,
  });
  const hook = renderHook(
    (p: ContentInputs) => useGraphContent(inst, p, { current: container }, { current: FULL_DETAIL }),
    { initialProps: inputs(first) }
  );
  return { inst, container, inputs, hook };
}

describe('useGraphContent', () => {
  it('a refresh with the same ids updates the numbers shown in place', () => {
    const { inst, inputs, hook } = setup();
    const before = inst.cy.getElementById('a').position();
    hook.rerender(inputs(testElements(ids, chain(ids, 9))));
    expect(inst.cy.getElementById('a b http').data('label')).toBe('9');
    expect(inst.cy.getElementById('a b http').style('label')).toBe('9');
    expect(inst.cy.getElementById('a').position()).toEqual(before);
    expect(hook.result.current.current).toBeUndefined(); // no topology change placed
  });

  it('one node in 25 replaced: only it is removed and added, kept nodes stay, the new one sits by its caller', () => {
    const { inst, container, inputs, hook } = setup();
    const kept = new Map(ids.slice(0, -1).map((id) => [id, { ...inst.cy.getElementById(id).position() }]));
    const next = [...ids.slice(0, -1), 'new'];
    const content = testElements(next, chain(next, 5));
    hook.rerender(inputs(content));
    expect(inst.cy.getElementById('y').empty()).toBe(true);
    for (const [id, p] of kept) {
      expect(inst.cy.getElementById(id).position()).toEqual(p);
    }
    const caller = inst.cy.getElementById('x').position();
    const added = inst.cy.getElementById('new').position();
    expect(Math.hypot(added.x - caller.x, added.y - caller.y)).toBeLessThanOrEqual(400);
    expect(hook.result.current.current).toBe(content.topology); // the layout hook lays nothing out
    expect(container.getAttribute('data-node-count')).toBe('25');
  });

  it('a refresh landing while the pointer is down waits for its release', () => {
    const { inst, inputs, hook } = setup();
    act(() => {
      inst.cy.emit('tapstart');
    });
    hook.rerender(inputs(testElements(ids, chain(ids, 9))));
    expect(inst.cy.getElementById('a b http').data('label')).toBe('5');
    act(() => {
      inst.cy.emit('tapend');
    });
    expect(inst.cy.getElementById('a b http').data('label')).toBe('9');
  });

  it('does not wait for a release the graph never hears of', () => {
    jest.useFakeTimers();
    try {
      const { inst, inputs, hook } = setup();
      act(() => {
        inst.cy.emit('tapstart');
      });
      hook.rerender(inputs(testElements(ids, chain(ids, 9))));
      expect(inst.cy.getElementById('a b http').data('label')).toBe('5');
      act(() => {
        jest.advanceTimersByTime(10_000);
      });
      expect(inst.cy.getElementById('a b http').data('label')).toBe('9');
    } finally {
      jest.useRealTimers();
    }
  });

  it('a large change replaces the elements and leaves the layout to the layout hook', () => {
    const { inst, inputs, hook } = setup();
    const next = ['x', 'y', 'z'];
    hook.rerender(inputs(testElements(next, chain(next, 1))));
    expect(inst.cy.nodes().map((n) => n.id())).toEqual(next);
    expect(hook.result.current.current).toBeUndefined();
  });

  it('applies a new stylesheet to the live instance', () => {
    const { inst, inputs, hook } = setup();
    const style = jest.spyOn(inst.cy, 'style');
    hook.rerender({ ...inputs(testElements(ids, chain(ids, 5))), stylesheet: testStylesheet(true) });
    expect(style).toHaveBeenCalledTimes(1);
  });

  describe('an expansion that refits the view', () => {
    /** Rolled-up namespaces `spacing` apart in a 600 × 400 view at zoom 1, then `b` expanded (the view refitted). */
    function expandB(spacing: number) {
      const closed = rolledUpView([]);
      const positions = new Map(ROLLUP_NAMESPACES.map((ns, i) => [rolledUpId(ns), { x: spacing * i, y: 0 }]));
      const stylesheet = testStylesheet(true);
      const inst = testInstance(closed, { stylesheet, positions });
      const cy = inst.cy;
      // A headless instance is 1 × 1 px (and its preset layout fitted it).
      Object.assign(cy, { width: () => 600, height: () => 400 });
      cy.viewport({ zoom: 1, pan: { x: 0, y: 0 } });
      const arrowed = () =>
        cy
          .edges(`.${CLASS.arrows}`)
          .map((e) => e.id())
          .sort();
      const arrowedAtFit: string[][] = [];
      const fit = cy.fit.bind(cy);
      jest.spyOn(cy, 'fit').mockImplementation((...args) => {
        arrowedAtFit.push(arrowed());
        return fit(...args);
      });
      const layout = chooseLayout('grid', ROLLUP_NAMESPACES.length, 1);
      const container = document.createElement('div');
      const hook = renderHook(
        (content: ReturnType<typeof rolledUpView>) => {
          const detail = useZoomDetail(inst, true, undefined, false);
          const viewport = useViewport(inst, 600, 400, detail.beforeFit);
          const p = { ...content, stylesheet, layout, found: NONE, hidden: NONE };
          useGraphContent(inst, p, { current: container }, detail.detailRef, viewport);
        },
        { initialProps: closed }
      );
      expect(arrowed()).toHaveLength(ROLLUP_NAMESPACES.length - 1); // zoom 1 shows them
      hook.rerender(rolledUpView(['b']));
      expect(cy.getElementById('b/w1').nonempty()).toBe(true);
      return { cy, arrowed, arrowedAtFit };
    }

    it("past the arrowheads' level of detail: no edge has arrowheads when the fit measures the edges", () => {
      const { cy, arrowed, arrowedAtFit } = expandB(3000);
      expect(cy.zoom()).toBeLessThan(arrowZoomThreshold());
      expect(arrowedAtFit).toEqual([[]]);
      expect(arrowed()).toEqual([]);
    });

    it('within it: every edge, the new ones too, has them when the fit measures and after', () => {
      const { cy, arrowed, arrowedAtFit } = expandB(200);
      expect(cy.zoom()).toBeGreaterThanOrEqual(arrowZoomThreshold());
      const all = cy
        .edges()
        .map((e) => e.id())
        .sort();
      expect(all.length).toBeGreaterThan(ROLLUP_NAMESPACES.length - 1);
      expect(arrowedAtFit).toEqual([all]);
      expect(arrowed()).toEqual(all);
    });
  });
});
