import { renderHook } from '@testing-library/react';
import { NONE, palette, testElements, testInstance } from './testGraph';
import { dotColour, useTrafficAnimation } from './useTrafficAnimation';

describe('useTrafficAnimation', () => {
  it('colours dots by the edge health, TCP apart', () => {
    expect(dotColour(palette, 'Failure', 'http')).toBe(palette.failure);
    expect(dotColour(palette, 'Degraded', 'grpc')).toBe(palette.degraded);
    expect(dotColour(palette, 'Failure', 'tcp')).toBe(palette.tcp);
    expect(dotColour(palette, 'Healthy', 'http')).toBe(palette.healthy);
  });

  it('keeps one running animator across refreshes and hands it the new rates; stops when switched off', () => {
    const first = testElements(['a', 'b'], [{ source: 'a', target: 'b', rate: 1 }]);
    const inst = testInstance(first);
    const canvasRef = { current: document.createElement('canvas') };
    const containerRef = { current: document.createElement('div') };
    const { result, rerender } = renderHook(
      ({ elements, animate }) => useTrafficAnimation(inst, canvasRef, containerRef, animate, palette, elements, NONE),
      { initialProps: { elements: first.elements, animate: true } }
    );
    const animator = result.current.current;
    expect(animator?.isRunning).toBe(true);
    const setEdges = jest.spyOn(animator!, 'setEdges');
    const next = testElements(['a', 'b'], [{ source: 'a', target: 'b', rate: 50 }]);
    rerender({ elements: next.elements, animate: true });
    expect(result.current.current).toBe(animator);
    expect(setEdges).toHaveBeenCalledTimes(1);
    expect(setEdges.mock.calls[0][0].map((p) => p.id)).toEqual(['a b http']);
    rerender({ elements: next.elements, animate: false });
    expect(animator?.isRunning).toBe(false);
    expect(result.current.current).toBeUndefined();
  });
});
