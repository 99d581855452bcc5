import { act, renderHook } from '@testing-library/react';
import { CLASS } from '../../graph/style';
import { detailHint, useZoomDetail } from './useZoomDetail';
import { testElements, testInstance, testStylesheet } from './testGraph';

const content = testElements(['a', 'b'], [{ source: 'a', target: 'b', rate: 1 }]);

describe('useZoomDetail', () => {
  it('gives arrowheads, then node labels, then edge labels as the zoom makes them visible', () => {
    const inst = testInstance(content, { stylesheet: testStylesheet(true) });
    inst.cy.zoom(0.3);
    const { result } = renderHook(() => useZoomDetail(inst, true, 6));
    expect(inst.cy.elements(`.${CLASS.labels}, .${CLASS.arrows}`).length).toBe(0);
    expect(inst.cy.edges()[0].style('target-arrow-shape')).toBe('none');
    expect(result.current.detailShown).toEqual({ node: false, edge: false, arrows: false });
    act(() => {
      inst.cy.zoom(0.4);
    });
    expect(inst.cy.edges(`.${CLASS.arrows}`).length).toBe(1);
    expect(inst.cy.edges()[0].style('target-arrow-shape')).toBe('vee');
    expect(inst.cy.elements(`.${CLASS.labels}`).length).toBe(0);
    act(() => {
      inst.cy.zoom(0.5);
    });
    expect(inst.cy.nodes(`.${CLASS.labels}`).length).toBe(2);
    expect(inst.cy.edges(`.${CLASS.labels}`).length).toBe(0);
    expect(result.current.detailRef.current).toEqual({ node: true, edge: false, arrows: true });
    act(() => {
      inst.cy.zoom(1);
    });
    expect(result.current.detailShown).toEqual({ node: true, edge: true, arrows: true });
    act(() => {
      inst.cy.zoom(0.2);
    });
    expect(inst.cy.edges(`.${CLASS.arrows}`).length).toBe(0);
    expect(inst.cy.edges()[0].style('target-arrow-shape')).toBe('none');
  });

  it('gives everything without classes in normal mode', () => {
    const inst = testInstance(content);
    const { result } = renderHook(() => useZoomDetail(inst, false, 6));
    act(() => {
      inst.cy.zoom(0.1);
    });
    expect(inst.cy.elements(`.${CLASS.labels}, .${CLASS.arrows}`).length).toBe(0);
    expect(inst.cy.edges()[0].style('target-arrow-shape')).toBe('vee');
    expect(result.current.detailShown).toEqual({ node: true, edge: true, arrows: true });
  });
});

describe('detailHint', () => {
  it('names what is hidden, and says pointing reads a label only when labels are hidden', () => {
    expect(detailHint({ node: false, edge: false, arrows: false }, true)).toBe(
      'Labels and arrowheads are hidden at this zoom: zoom in, or point at an element to read its label.'
    );
    expect(detailHint({ node: true, edge: false, arrows: true }, true)).toMatch(/^Edge labels are hidden/);
    // Edges without label text: nothing to hide there.
    expect(detailHint({ node: true, edge: false, arrows: true }, false)).toBeUndefined();
    expect(detailHint({ node: true, edge: true, arrows: false }, true)).toBe(
      'Arrowheads are hidden at this zoom: zoom in to see them.'
    );
    expect(detailHint({ node: true, edge: true, arrows: true }, true)).toBeUndefined();
  });
});
