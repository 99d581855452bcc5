import type React from 'react';
import { act, renderHook } from '@testing-library/react';
import { CLASS } from '../../graph/style';
import { KeyboardInputs, useGraphKeyboard } from './useGraphKeyboard';
import { testElements, testInstance } from './testGraph';

const content = testElements(['a', 'b'], [{ source: 'a', target: 'b', rate: 1 }]);

function key(k: string, shiftKey = false): React.KeyboardEvent<HTMLDivElement> {
  return {
    key: k,
    shiftKey,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    preventDefault: jest.fn(),
    currentTarget: document.createElement('div'),
  } as unknown as React.KeyboardEvent<HTMLDivElement>;
}

describe('useGraphKeyboard', () => {
  it('moves with the arrows, along edges with E, selects with Enter and activates with X', () => {
    const inst = testInstance(content); // a at x 0, b at x 100
    const inputs: KeyboardInputs = {
      elements: content.elements,
      width: 600,
      height: 400,
      onSelect: jest.fn(),
      onNodeActivate: jest.fn(),
    };
    const { result } = renderHook(() => useGraphKeyboard(inst, { current: inputs }, content.topology));
    act(() => result.current.onKeyDown(key('ArrowRight')));
    expect(result.current.focusedId).toBe('a'); // from nothing: the top-left node
    expect(inst.cy.getElementById('a').hasClass(CLASS.focus)).toBe(true);
    expect(result.current.announcement).toMatch(/^a, workload/);
    act(() => result.current.onKeyDown(key('ArrowRight')));
    expect(result.current.focusedId).toBe('b');
    act(() => result.current.onKeyDown(key('x')));
    expect(inputs.onNodeActivate).toHaveBeenCalledWith('b');
    act(() => result.current.onKeyDown(key('e')));
    expect(result.current.focusedId).toBe('a b http');
    expect(result.current.announcement).toMatch(/^Edge from a to b/);
    act(() => result.current.onKeyDown(key('Enter')));
    expect(inputs.onSelect).toHaveBeenCalledWith({ kind: 'edge', id: 'a b http' });
  });

  it('keeps the focus ring on one element: moved with the focus, put again on an element that comes back', () => {
    const inst = testInstance(content);
    const inputs: KeyboardInputs = { elements: content.elements, width: 600, height: 400, onSelect: jest.fn() };
    const { result, rerender } = renderHook((t: string) => useGraphKeyboard(inst, { current: inputs }, t), {
      initialProps: 'v1',
    });
    const ringed = () => inst.cy.elements(`.${CLASS.focus}`).map((e) => e.id());
    expect(ringed()).toEqual([]);
    act(() => result.current.onKeyDown(key('ArrowRight')));
    act(() => result.current.onKeyDown(key('ArrowRight')));
    expect(ringed()).toEqual(['b']);
    // A refresh removes b and brings it back (a new element): the new topology's effect rings it again.
    const b = inst.cy.getElementById('b');
    const data = { ...b.data() };
    const at = { ...b.position() };
    inst.cy.remove(b);
    inst.cy.add({ group: 'nodes', data, position: at });
    inst.cy.add({ group: 'edges', data: { id: 'a b http', source: 'a', target: 'b' } });
    expect(ringed()).toEqual([]);
    rerender('v2');
    expect(ringed()).toEqual(['b']);
    act(() => result.current.onKeyDown(key('ArrowLeft')));
    expect(ringed()).toEqual(['a']);
  });
});
