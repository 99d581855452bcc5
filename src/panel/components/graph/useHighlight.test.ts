import { act, renderHook } from '@testing-library/react';
import { CLASS } from '../../graph/style';
import { HighlightInputs, useHighlight } from './useHighlight';
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
    inst.cy.getElementById('a').emit('mouseover');
    expect(inst.cy.getElementById('b').hasClass(CLASS.highlight)).toBe(true);
    expect(inst.cy.getElementById('z').hasClass(CLASS.dim)).toBe(true);
    inst.cy.getElementById('a').emit('mouseout');
    expect(inst.cy.elements(`.${CLASS.highlight}, .${CLASS.dim}`).length).toBe(0);
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
});
