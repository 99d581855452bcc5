import { act, renderHook } from '@testing-library/react';
import { useViewport } from './useViewport';
import { testElements, testInstance } from './testGraph';

const content = testElements(['a', 'b', 'c'], [{ source: 'a', target: 'b', rate: 1 }]);

describe('useViewport', () => {
  it('fits again on a resize while the view is the last fit, and keeps a view the user moved', () => {
    const inst = testInstance(content);
    const { result, rerender } = renderHook(({ w, h }) => useViewport(inst, w, h), {
      initialProps: { w: 600, h: 400 },
    });
    act(() => result.current.fitView());
    const fitted = inst.cy.zoom();
    // Headless Cytoscape has no size of its own: the resize is what the panel says.
    inst.cy.resize = () => inst.cy;
    rerender({ w: 1200, h: 800 });
    expect(inst.cy.zoom()).toBeCloseTo(fitted, 5); // headless: same extent, same zoom; the fit ran without error
    act(() => {
      inst.cy.zoom(fitted * 2); // the user zooms
    });
    const fit = jest.spyOn(inst.cy, 'fit');
    rerender({ w: 900, h: 600 });
    expect(fit).not.toHaveBeenCalled();
    act(() => result.current.fitView());
    expect(fit).toHaveBeenCalledTimes(1);
    // A fit is the panel's own move: the next resize fits again.
    rerender({ w: 600, h: 400 });
    expect(fit).toHaveBeenCalledTimes(2);
  });

  it('refits (after an expansion) only while the view is the last fit', () => {
    const inst = testInstance(content);
    const { result } = renderHook(() => useViewport(inst, 600, 400));
    const fit = jest.spyOn(inst.cy, 'fit');
    act(() => result.current.refit());
    expect(fit).toHaveBeenCalledTimes(1);
    act(() => {
      inst.cy.panBy({ x: 30, y: 0 }); // the user pans
    });
    act(() => result.current.refit());
    expect(fit).toHaveBeenCalledTimes(1);
  });

  it('zooms about the centre of the panel', () => {
    const inst = testInstance(content);
    const { result } = renderHook(() => useViewport(inst, 600, 400));
    const z = inst.cy.zoom();
    act(() => result.current.zoomBy(1.25));
    expect(inst.cy.zoom()).toBeCloseTo(z * 1.25, 5);
  });
});
