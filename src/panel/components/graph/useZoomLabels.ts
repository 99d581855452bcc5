/**
 * Large-graph mode: labels are given (the `labels` class) when the zoom makes them readable and taken away below
 * that, since Cytoscape measures and places every label it is given, drawn or not. Normal mode labels all.
 */
import { MutableRefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ALL_LABELS, LabelState, labelsAtZoom } from '../../graph/cyContent';
import { CLASS } from '../../graph/style';
import { DEFAULT_OPTIONS } from '../../options';
import { CyInstance, setClass } from './shared';

export const NO_LABELS: LabelState = { node: false, edge: false };

export interface ZoomLabels {
  /** Which elements carry the labels class now (new elements get the same). */
  labelsRef: MutableRefObject<LabelState>;
  /** The same, as state (the hint below the graph). */
  labelsShown: LabelState;
}

export function useZoomLabels(inst: CyInstance | undefined, large: boolean, minZoomedFontSize?: number): ZoomLabels {
  const labelsRef = useRef<LabelState>(ALL_LABELS);
  const [labelsShown, setLabelsShown] = useState<LabelState>(ALL_LABELS);
  const minFont = minZoomedFontSize ?? DEFAULT_OPTIONS.labelMinZoomedFontSize;
  const latest = useRef({ large, minFont });
  useLayoutEffect(() => {
    latest.current = { large, minFont };
  });
  const sync = useRef<(force: boolean) => void>(() => undefined);

  useEffect(() => {
    if (!inst) {
      return;
    }
    const cy = inst.cy;
    // An instance starts with no labels class in large mode (labels decided here, after the fit).
    labelsRef.current = latest.current.large ? NO_LABELS : ALL_LABELS;
    const syncLabels = (force: boolean) => {
      if (!latest.current.large) {
        return;
      }
      const want = labelsAtZoom(cy.zoom(), latest.current.minFont);
      const had = labelsRef.current;
      if (!force && want.node === had.node && want.edge === had.edge) {
        return;
      }
      labelsRef.current = want;
      cy.batch(() => {
        if (force || want.node !== had.node) {
          setClass(cy.nodes(), CLASS.labels, want.node);
        }
        if (force || want.edge !== had.edge) {
          setClass(cy.edges(), CLASS.labels, want.edge);
        }
      });
      setLabelsShown(want);
    };
    sync.current = syncLabels;
    if (!latest.current.large) {
      setLabelsShown(ALL_LABELS);
      return;
    }
    syncLabels(true);
    const onZoom = () => syncLabels(false);
    cy.on('zoom', onZoom);
    return () => {
      cy.off('zoom', onZoom);
      sync.current = () => undefined;
    };
  }, [inst]);

  // A new label threshold (panel option) may give or take labels at the current zoom.
  useEffect(() => {
    sync.current(false);
  }, [minFont]);

  return { labelsRef, labelsShown };
}
