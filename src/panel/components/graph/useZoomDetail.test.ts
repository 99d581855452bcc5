import { act, renderHook } from '@testing-library/react';
import { CLASS } from '../../graph/style';
import { detailHint, useZoomDetail } from './useZoomDetail';
import { testElements, testInstance, testStylesheet } from './testGraph';

const content = testElements(['a', 'b'], [{ source: 'a', target: 'b', rate: 1 }]);

describe('useZoomDetail', () => {
  it('gives arrowheads, then node labels, then edge labels as the zoom makes them visible', () => {
    const inst = testInstance(content, { stylesheet: testStylesheet(true) });
    inst.cy.zoom(0.3);
    const { result } = renderHook(() => useZoomDetail(inst, true, 6, true));
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

  it('leaves the edges alone while no edge has label text, and gives them labels once one has', () => {
    const inst = testInstance(content, { stylesheet: testStylesheet(true) });
    inst.cy.zoom(0.3);
    let restyledEdges = 0;
    inst.cy.on('style', 'edge', () => restyledEdges++);
    const { result, rerender } = renderHook(({ text }) => useZoomDetail(inst, true, 6, text), {
      initialProps: { text: false },
    });
    act(() => {
      inst.cy.zoom(0.5);
    });
    expect(inst.cy.edges(`.${CLASS.arrows}`).length).toBe(1);
    restyledEdges = 0;
    // Across the edge-label threshold: the nodes keep their labels, nothing to give the edges.
    act(() => {
      inst.cy.zoom(1);
    });
    expect(inst.cy.nodes(`.${CLASS.labels}`).length).toBe(2);
    expect(inst.cy.edges(`.${CLASS.labels}`).length).toBe(0);
    expect(restyledEdges).toBe(0);
    expect(result.current.detailShown.edge).toBe(false);
    rerender({ text: true });
    expect(inst.cy.edges(`.${CLASS.labels}`).length).toBe(1);
    expect(result.current.detailRef.current).toEqual({ node: true, edge: true, arrows: true });
    rerender({ text: false });
    expect(inst.cy.edges(`.${CLASS.labels}`).length).toBe(0);
  });

  it('gives everything without classes in normal mode', () => {
    const inst = testInstance(content);
    const { result } = renderHook(() => useZoomDetail(inst, false, 6, true));
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
