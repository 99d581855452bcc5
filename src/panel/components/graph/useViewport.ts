/**
 * Viewport and fit: the panel fits the visible graph into itself; a pan or zoom by the user keeps the view from
 * then on (a resize fits again only while the view is the last fit). Moves the panel makes itself (fit, layout)
 * run inside programmatic() so they do not count as the user's.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { CyInstance, elementCounts, fitVisible } from './shared';

export interface ViewportControl {
  /** Fits the visible graph into the panel. */
  fitView(): void;
  /** Zooms about the panel's centre. */
  zoomBy(factor: number): void;
  /** Runs a view change the panel makes itself; it leaves the view "fitted". */
  programmatic<T>(move: () => T): T;
  /** Marks the view as the last fit (a layout that fitted). */
  markFitted(): void;
  /** Fits again when the view is still the last fit (the user has not zoomed or panned since). */
  refit(): void;
}

/**
 * `beforeFit`: called before each fit the panel makes, to prepare what depends on the zoom it will set (the level of
 * detail) before the fit measures the elements.
 */
export function useViewport(
  inst: CyInstance | undefined,
  width: number,
  height: number,
  beforeFit?: () => void
): ViewportControl {
  const fitted = useRef(true);
  const depth = useRef(0);

  const programmatic = useCallback(<T>(move: () => T): T => {
    depth.current++;
    try {
      return move();
    } finally {
      depth.current--;
      fitted.current = true;
    }
  }, []);

  const fitView = useCallback(() => {
    const cy = inst?.cy;
    if (cy) {
      programmatic(() => {
        beforeFit?.();
        fitVisible(cy);
      });
    }
  }, [inst, programmatic, beforeFit]);

  const markFitted = useCallback(() => {
    fitted.current = true;
  }, []);

  const refit = useCallback(() => {
    // Counted in place: refit follows every expansion and collapse, and nodes() would copy them all.
    if (fitted.current && inst && elementCounts(inst.cy).nodes > 0) {
      fitView();
    }
  }, [inst, fitView]);

  const size = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!inst) {
      return;
    }
    const cy = inst.cy;
    size.current = inst.created.size;
    fitted.current = true;
    // A pan or zoom that the panel did not make is the user's: from then on a resize keeps the view.
    const onViewport = () => {
      if (depth.current === 0) {
        fitted.current = false;
      }
    };
    cy.on('viewport', onViewport);
    return () => {
      cy.off('viewport', onViewport);
    };
  }, [inst]);

  useEffect(() => {
    const s = `${width}x${height}`;
    if (!inst || size.current === s) {
      return;
    }
    size.current = s;
    inst.cy.resize();
    // The panel was resized: fit again, unless the user has zoomed or panned since the last fit.
    refit();
  }, [inst, width, height, refit]);

  const zoomBy = useCallback(
    (factor: number) => {
      const cy = inst?.cy;
      if (cy) {
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
      }
    },
    [inst, width, height]
  );

  // One object while its functions stay the same, so hooks that take it do not redo their work.
  return useMemo(
    () => ({ fitView, zoomBy, programmatic, markFitted, refit }),
    [fitView, zoomBy, programmatic, markFitted, refit]
  );
}
