/**
 * Large-graph mode's level of detail: labels are given (the `labels` class) when the zoom makes them readable, and
 * arrowheads (the `arrows` class) when it makes them visible, and taken away below that: Cytoscape measures and
 * places every label it is given and draws every arrowhead, however small. Normal mode gives everything.
 *
 * Edges get the `labels` class only while some edge has label text (edge labels chosen, or a circuit-breaker mark):
 * a class change restyles every edge, and a rolled-up mesh with a namespace open has thousands. Without edge labels,
 * a zoom across the edge-label threshold (an expansion's refit often is one) restyled them all for nothing.
 */
import { MutableRefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { detailAtZoom, FULL_DETAIL, LEAST_DETAIL, ZoomDetail } from '../../graph/cyContent';
import { CLASS } from '../../graph/style';
import { DEFAULT_OPTIONS } from '../../options';
import { Core, CyInstance, fitZoomOfNodes, setClass } from './shared';

export interface ZoomDetailState {
  /** Which elements carry the detail classes now (new elements get the same). */
  detailRef: MutableRefObject<ZoomDetail>;
  /** The same, as state (the hint below the graph). */
  detailShown: ZoomDetail;
  /**
   * Gives the detail classes for the zoom a fit of the graph is about to set (worked out from the nodes' bounds), so
   * that the fit does not measure the elements with the old zoom's detail; the zoom itself then changes nothing more.
   * An expansion's refit zooms out past the arrowheads' threshold: measured first as arrowed straight lines, about a
   * thousand edges were then restyled and measured again as haystack lines. Stable.
   */
  beforeFit: () => void;
}

/** The hint below the graph: what large-graph mode leaves out at this zoom; undefined when nothing is. */
export function detailHint(shown: ZoomDetail, hasEdgeLabels: boolean): string | undefined {
  const labels = !shown.node ? 'Labels' : hasEdgeLabels && !shown.edge ? 'Edge labels' : undefined;
  if (labels === undefined) {
    return shown.arrows ? undefined : 'Arrowheads are hidden at this zoom: zoom in to see them.';
  }
  const what = shown.arrows ? labels : `${labels} and arrowheads`;
  return `${what} are hidden at this zoom: zoom in, or point at an element to read its label.`;
}

export function useZoomDetail(
  inst: CyInstance | undefined,
  large: boolean,
  minZoomedFontSize: number | undefined,
  edgeLabelText: boolean
): ZoomDetailState {
  const detailRef = useRef<ZoomDetail>(FULL_DETAIL);
  const [detailShown, setDetailShown] = useState<ZoomDetail>(FULL_DETAIL);
  const minFont = minZoomedFontSize ?? DEFAULT_OPTIONS.labelMinZoomedFontSize;
  const latest = useRef({ large, minFont, edgeLabelText });
  useLayoutEffect(() => {
    latest.current = { large, minFont, edgeLabelText };
  });
  const sync = useRef<(force: boolean, zoomOf?: (cy: Core) => number) => void>(() => undefined);
  const beforeFit = useCallback(() => sync.current(false, fitZoomOfNodes), []);

  useEffect(() => {
    if (!inst) {
      return;
    }
    const cy = inst.cy;
    // An instance starts with no detail classes in large mode (decided here, after the fit).
    detailRef.current = latest.current.large ? LEAST_DETAIL : FULL_DETAIL;
    const syncDetail = (force: boolean, zoomOf = (c: Core) => c.zoom()) => {
      if (!latest.current.large) {
        return;
      }
      const atZoom = detailAtZoom(zoomOf(cy), latest.current.minFont);
      const want = { ...atZoom, edge: atZoom.edge && latest.current.edgeLabelText };
      const had = detailRef.current;
      if (!force && want.node === had.node && want.edge === had.edge && want.arrows === had.arrows) {
        return;
      }
      detailRef.current = want;
      cy.batch(() => {
        if (force || want.node !== had.node) {
          setClass(cy.nodes(), CLASS.labels, want.node);
        }
        if (force || want.edge !== had.edge) {
          setClass(cy.edges(), CLASS.labels, want.edge);
        }
        if (force || want.arrows !== had.arrows) {
          setClass(cy.edges(), CLASS.arrows, want.arrows);
        }
      });
      setDetailShown(want);
    };
    sync.current = syncDetail;
    if (!latest.current.large) {
      setDetailShown(FULL_DETAIL);
      return;
    }
    syncDetail(true);
    const onZoom = () => syncDetail(false);
    cy.on('zoom', onZoom);
    return () => {
      cy.off('zoom', onZoom);
      sync.current = () => undefined;
    };
  }, [inst]);

  // A new label threshold (panel option), or edge label text appearing or gone, may give or take labels at the
  // current zoom.
  useEffect(() => {
    sync.current(false);
  }, [minFont, edgeLabelText]);

  return { detailRef, detailShown, beforeFit };
}
