import { act, renderHook } from '@testing-library/react';
import { CLASS } from '../../graph/style';
import { useZoomLabels } from './useZoomLabels';
import { testElements, testInstance, testStylesheet } from './testGraph';

const content = testElements(['a', 'b'], [{ source: 'a', target: 'b', rate: 1 }]);

describe('useZoomLabels', () => {
  it('gives the labels class from the zoom where labels are readable, node labels before edge labels', () => {
    const inst = testInstance(content, { stylesheet: testStylesheet(true) });
    inst.cy.zoom(0.3);
    const { result } = renderHook(() => useZoomLabels(inst, true, 6));
    expect(inst.cy.elements(`.${CLASS.labels}`).length).toBe(0);
    expect(result.current.labelsShown).toEqual({ node: false, edge: false });
    act(() => {
      inst.cy.zoom(0.5);
    });
    expect(inst.cy.nodes(`.${CLASS.labels}`).length).toBe(2);
    expect(inst.cy.edges(`.${CLASS.labels}`).length).toBe(0);
    expect(result.current.labelsRef.current).toEqual({ node: true, edge: false });
    act(() => {
      inst.cy.zoom(1);
    });
    expect(result.current.labelsShown).toEqual({ node: true, edge: true });
  });

  it('labels everything without classes in normal mode', () => {
    const inst = testInstance(content);
    const { result } = renderHook(() => useZoomLabels(inst, false, 6));
    act(() => {
      inst.cy.zoom(0.1);
    });
    expect(inst.cy.elements(`.${CLASS.labels}`).length).toBe(0);
    expect(result.current.labelsShown).toEqual({ node: true, edge: true });
  });
});
