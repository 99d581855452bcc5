import type cytoscape from 'cytoscape';
import { act, renderHook } from '@testing-library/react';
import { highlightSet } from '../../graph/highlight';
import { CLASS } from '../../graph/style';
import { applyHighlight, HighlightInputs, indexOf, useHighlight } from './useHighlight';
import { testElements, testInstance } from './testGraph';

const content = testElements(['a', 'b', 'z'], [{ source: 'a', target: 'b', rate: 1 }]);

function setup(over: Partial<HighlightInputs> = {}) {
  const inst = testInstance(content);
  const inputs: HighlightInputs = {
    elements: content.elements,
    layout: { large: false },
    onSelect: jest.fn(),
    onNodeActivate: jest.fn(),
    ...over,
  };
  const latest = { current: inputs };
  const hook = renderHook((p: HighlightInputs) => useHighlight(inst, p, latest, content.topology), {
    initialProps: inputs,
  });
  return { inst, inputs, latest, hook };
}

describe('useHighlight', () => {
  it('highlights what a hovered node reaches and dims the rest, then clears', () => {
    const { inst } = setup();
    const edge = inst.cy.getElementById('a b http');
    const width = edge.style('width');
    inst.cy.getElementById('a').emit('mouseover');
    expect(inst.cy.getElementById('b').hasClass(CLASS.highlight)).toBe(true);
    // As Kiali's: a highlighted edge keeps its width (a new width would also make Cytoscape measure it again).
    expect(edge.hasClass(CLASS.highlight)).toBe(true);
    expect(edge.style('width')).toBe(width);
    expect(inst.cy.getElementById('z').hasClass(CLASS.dim)).toBe(true);
    inst.cy.getElementById('a').emit('mouseout');
    expect(inst.cy.elements(`.${CLASS.highlight}, .${CLASS.dim}`).length).toBe(0);
  });

  it('makes the reachability index at the first highlight of a topology, from the latest elements', () => {
    const inst = testInstance(content);
    let reads = 0;
    const counted = (): HighlightInputs['elements'] => ({
      ...content.elements,
      get nodeData() {
        reads++;
        return content.elements.nodeData;
      },
    });
    const inputs: HighlightInputs = { elements: counted(), layout: { large: false }, onSelect: jest.fn() };
    const latest = { current: inputs };
    const hook = renderHook((t: string) => useHighlight(inst, latest.current, latest, t), { initialProps: 'v1' });
    // New topologies with nothing highlighted: no index made.
    hook.rerender('v2');
    hook.rerender('v3');
    expect(reads).toBe(0);
    inst.cy.getElementById('a').emit('mouseover');
    expect(reads).toBe(1);
    expect(inst.cy.getElementById('b').hasClass(CLASS.highlight)).toBe(true);
    inst.cy.getElementById('a').emit('mouseout');
    inst.cy.getElementById('b').emit('mouseover');
    expect(reads).toBe(1);
    expect(inst.cy.getElementById('a').hasClass(CLASS.highlight)).toBe(true);
    inst.cy.getElementById('b').emit('mouseout');
    // A new topology: made again, at its first highlight.
    hook.rerender('v4');
    expect(reads).toBe(1);
    inst.cy.getElementById('z').emit('mouseover');
    expect(reads).toBe(2);
    expect(inst.cy.getElementById('a').hasClass(CLASS.dim)).toBe(true);
  });

  it('selects and highlights the selected element; taps select, a double tap activates', () => {
    const { inst, inputs, hook, latest } = setup();
    const selected = { kind: 'edge' as const, id: 'a b http' };
    latest.current = { ...inputs, selected };
    hook.rerender(latest.current);
    expect(inst.cy.getElementById('a b http').selected()).toBe(true);
    expect(inst.cy.getElementById('z').hasClass(CLASS.dim)).toBe(true);
    inst.cy.getElementById('b').emit('tap');
    expect(inputs.onSelect).toHaveBeenLastCalledWith({ kind: 'node', id: 'b' });
    inst.cy.emit('tap');
    expect(inputs.onSelect).toHaveBeenLastCalledWith(undefined);
    inst.cy.getElementById('b').emit('dbltap');
    expect(inputs.onNodeActivate).toHaveBeenCalledWith('b');
  });

  it('shows the label under the pointer as text in large-graph mode, without a graph-wide highlight', () => {
    const { inst, hook } = setup({ layout: { large: true } });
    act(() => {
      inst.cy.getElementById('a').emit('mouseover');
    });
    expect(hook.result.current?.text).toBe('a');
    expect(inst.cy.elements(`.${CLASS.dim}`).length).toBe(0);
    act(() => {
      inst.cy.panBy({ x: 5, y: 0 });
    });
    expect(hook.result.current).toBeUndefined();
  });

  it('restyles only the elements whose marks change when the selection moves, and marks as a fresh graph would', () => {
    // a → b → c, x → y, and w, z alone: selecting a, then x, leaves w and z dimmed as they were.
    const chain = testElements(
      ['a', 'b', 'c', 'x', 'y', 'w', 'z'],
      [
        { source: 'a', target: 'b', rate: 1 },
        { source: 'b', target: 'c', rate: 1 },
        { source: 'x', target: 'y', rate: 1 },
      ]
    );
    const built = indexOf(chain.elements);
    const index = () => built;
    const first = { kind: 'node' as const, id: 'a' };
    const second = { kind: 'node' as const, id: 'x' };
    const before = highlightSet(built, first);
    const after = highlightSet(built, second);
    const { cy } = testInstance(chain);
    const ids = cy.elements().map((e) => e.id());
    const changing = ids.filter((id) => before.has(id) !== after.has(id)).sort();
    // The case is a real test: some marks change and some do not.
    expect(changing.length).toBeGreaterThan(0);
    expect(changing.length).toBeLessThan(ids.length);

    applyHighlight(cy, index, first);
    const restyled: string[] = [];
    cy.on('class', (e) => {
      restyled.push(e.target.id());
    });
    const changed = applyHighlight(cy, index, second);
    expect([...new Set(restyled)].sort()).toEqual(changing);
    // What it returns: the elements whose mark changed.
    expect(changed.map((e) => e.id()).sort()).toEqual(changing);
    const marks = (c: cytoscape.Core) =>
      c
        .elements()
        .map((e) => `${e.id()}:${e.hasClass(CLASS.highlight) ? 'lit' : ''}${e.hasClass(CLASS.dim) ? 'dim' : ''}`);
    const fresh = testInstance(chain).cy;
    applyHighlight(fresh, index, second);
    expect(marks(cy)).toEqual(marks(fresh));
    expect(marks(cy).filter((m) => m.endsWith(':lit')).length).toBe(after.size);
    applyHighlight(cy, index, undefined);
    expect(cy.elements(`.${CLASS.highlight}, .${CLASS.dim}`).length).toBe(0);
  });
});
