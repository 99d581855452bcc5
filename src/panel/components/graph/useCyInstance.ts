/**
 * The instance lifecycle: one Cytoscape instance per panel, created with its content (elements with their
 * Find/Hide classes and, when the panel computed them, positions and the fitted zoom and pan) so Cytoscape styles
 * every element once, in its first frame, and no layout or fit pass follows; destroyed on unmount. A new instance
 * only when options that Cytoscape fixes at creation change (large-graph mode, flat boxes, the renderer).
 *
 * WebGL falls back to canvas when its context cannot be made, is lost, or a frame fails to draw.
 */
import { MutableRefObject, RefObject, useEffect, useState } from 'react';
import type cytoscape from 'cytoscape';
import { readCachedBoundsDirectly } from '../../graph/cachedBounds';
import { createCy } from '../../graph/cy';
import { installCyFixes } from '../../graph/cyFixes';
import { installDrawnDimming } from '../../graph/drawnDimming';
import { sortDrawingOrderByKeys } from '../../graph/drawingOrder';
import { installLayerReplacement } from '../../graph/layerReplacement';
import { drawPlainEdgeLines } from '../../graph/plainEdgeLines';
import { skipEmptyLabelPortions } from '../../graph/skipEmptyLabels';
import { applyStylesWithoutRepeats } from '../../graph/styleApplication';
import { elementDefinitions, LEAST_DETAIL, visibleLayoutInput } from '../../graph/cyContent';
import type { ElementDefs } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import { boxRects } from '../../graph/flatBoxes';
import type { LayoutChoice } from '../../graph/layouts';
import type { Palette } from '../../graph/palette';
import type { StyleBlock } from '../../graph/style';
import { fitViewport } from '../../graph/viewport';
import { boxDepthOf, usesFlatBoxes } from './flatBoxLayout';
import { markOf } from './highlightMarks';
import { knownPositions, SavedPositions, savedKeyOf } from './savedPositions';
import {
  CyInstance,
  elementCounts,
  FIT_PADDING,
  fitVisible,
  HookedElement,
  MAX_ZOOM,
  MIN_ZOOM,
  setAttr,
  visibleNodeCount,
} from './shared';
import { hiddenKeyOf } from './useGraphLayout';

export interface InstanceInputs {
  elements: ElementDefs;
  topology: string;
  stylesheet: StyleBlock[];
  layout: LayoutChoice;
  width: number;
  height: number;
  found: Selection;
  hidden: Selection;
  palette: Palette;
  savedPositions?: SavedPositions;
}

export interface InstanceResult {
  inst: CyInstance | undefined;
  /** The renderer actually drawing (also the container's data-renderer). */
  webglFailed: boolean;
}

/** Cytoscape's WebGL mode draws through this method; a failing frame turns it off for the instance. */
function guardWebglFrames(cy: cytoscape.Core, onFail: () => void): void {
  // Cytoscape's WebGL drawing is experimental (3.34 throws in its label atlas on some graphs).
  const r = (cy as unknown as { renderer(): { render(o?: unknown): void } }).renderer();
  const render = r.render;
  r.render = function (o?: unknown) {
    try {
      render.call(this, o);
    } catch (err) {
      r.render = () => undefined;
      console.warn('Meshgraph: WebGL drawing failed, drawing with canvas instead:', err);
      onFail();
    }
  };
}

/**
 * The instance, created in `cyHostRef`'s element (Cytoscape's container) and hooked on `containerRef`'s (the test
 * hook, with the attributes the hooks write and the keyboard focus): Cytoscape redraws 100 ms after any attribute of
 * its own container changes.
 */
export function useCyInstance(
  containerRef: RefObject<HTMLDivElement>,
  cyHostRef: RefObject<HTMLDivElement>,
  latest: MutableRefObject<InstanceInputs>,
  wantWebgl: boolean
): InstanceResult {
  const [inst, setInst] = useState<CyInstance | undefined>(undefined);
  // WebGL that was lost or failed to draw is not tried again by this panel: canvas from then on.
  const [webglFailed, setWebglFailed] = useState(false);
  const webgl = wantWebgl && !webglFailed;
  const p0 = latest.current;
  const large = p0.layout.large;
  const flat = usesFlatBoxes(p0.layout);
  const webglBackground = webgl ? p0.palette.background : '';

  useEffect(() => {
    const el = containerRef.current as HookedElement | null;
    const host = cyHostRef.current;
    if (!el || !host) {
      return;
    }
    const p = latest.current;
    // Layouts computed without Cytoscape (layered; dagre per box) run before the instance exists: their
    // positions go in with the elements.
    const input = visibleLayoutInput(p.elements, p.hidden);
    const positions = knownPositions(p.savedPositions, p.layout, input.nodes, input.edges);
    // With positions known, the fit is computed here: cy.fit() would style and measure every element up front.
    const fitted = positions
      ? fitViewport({
          positions,
          boxDepth: boxDepthOf(input.nodes),
          width: p.width,
          height: p.height,
          padding: FIT_PADDING,
          minZoom: MIN_ZOOM,
          maxZoom: MAX_ZOOM,
        })
      : undefined;
    const options: cytoscape.CytoscapeOptions & Record<string, unknown> = {
      container: host,
      elements: elementDefinitions(p.elements, {
        found: p.found,
        hidden: p.hidden,
        // Large mode: labels only once the zoom makes them readable (useZoomDetail decides, after the fit).
        detail: large ? LEAST_DETAIL : undefined,
        positions,
        flatBoxes: flat ? boxRects(input.nodes, positions ?? new Map()) : undefined,
      }),
      style: p.stylesheet as unknown as cytoscape.StylesheetJson,
      // Cytoscape's default is a grid pass over the elements: keep what the definitions say; the layout hook
      // lays out when no positions were given.
      layout: { name: 'preset', fit: false },
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      ...(fitted ? { zoom: fitted.zoom, pan: fitted.pan } : {}),
      boxSelectionEnabled: false,
      motionBlur: false,
      ...(large
        ? { textureOnViewport: true, hideEdgesOnViewport: true, hideLabelsOnViewport: true, pixelRatio: 1 }
        : {}),
      ...(webgl ? { webgl: true } : {}),
    };
    // Cytoscape's WebGL mode reads the background from the container's inline style (it masks edges under arrows
    // with it); the canvas renderer draws on a transparent canvas over whatever the panel shows.
    host.style.backgroundColor = webgl ? p.palette.background : '';
    let cy: cytoscape.Core;
    let renderer = webgl ? 'webgl' : 'canvas';
    try {
      cy = createCy(options);
    } catch (err) {
      if (!webgl) {
        throw err;
      }
      // Cytoscape throws when its WebGL 2 context cannot be made: this instance draws with canvas instead.
      host.replaceChildren();
      cy = createCy({ ...options, webgl: false });
      renderer = 'canvas';
    }
    installCyFixes(cy);
    applyStylesWithoutRepeats(cy);
    setAttr(el, 'data-renderer', renderer);
    const glCanvas = renderer === 'webgl' ? host.querySelector('canvas[data-id$="-webgl"]') : null;
    const onContextLost = () => setWebglFailed(true);
    glCanvas?.addEventListener('webglcontextlost', onContextLost);
    if (renderer === 'webgl') {
      guardWebglFrames(cy, () => setWebglFailed(true));
    } else {
      skipEmptyLabelPortions(cy);
      readCachedBoundsDirectly(cy);
      sortDrawingOrderByKeys(cy);
      drawPlainEdgeLines(cy);
      installDrawnDimming(cy);
      if (large) {
        // A small graph redraws in a few ms: it shows a refresh's new styles at once, not about 0.2 s later.
        installLayerReplacement(cy);
      }
    }
    const counts = elementCounts(cy);
    setAttr(el, 'data-node-count', counts.nodes);
    setAttr(el, 'data-edge-count', counts.edges);
    setAttr(el, 'data-visible-node-count', visibleNodeCount(p.elements, p.hidden));
    let layout: CyInstance['created']['layout'];
    if (positions) {
      if (!fitted) {
        fitVisible(cy);
      }
      layout = {
        topology: p.topology,
        effective: p.layout.effective,
        hiddenKey: hiddenKeyOf(p.hidden),
        savedKey: savedKeyOf(p.savedPositions),
      };
      setAttr(el, 'data-layout', p.layout.effective);
      setAttr(el, 'data-status', 'ready');
    }
    Object.defineProperty(el, '__cy', { value: cy, configurable: true, enumerable: false, writable: false });
    // The highlight's marks are not all in Cytoscape's state (graph/drawnDimming.ts): read by id.
    Object.defineProperty(el, '__mark', {
      value: (id: string) => markOf(cy, id),
      configurable: true,
      enumerable: false,
      writable: false,
    });
    // Clicking the graph gives it the keyboard focus ("/" then reaches Find, arrows move between nodes).
    cy.on('tapstart', () => {
      // Focus from the pointer: no focus ring (as :focus-visible would not show one for a click).
      el.setAttribute('data-pointer-focus', '');
      if (document.activeElement !== el) {
        el.focus({ preventScroll: true });
      }
    });
    setInst({
      cy,
      created: {
        elements: p.elements,
        topology: p.topology,
        stylesheet: p.stylesheet,
        found: p.found,
        hidden: p.hidden,
        size: `${p.width}x${p.height}`,
        layout,
      },
    });
    return () => {
      glCanvas?.removeEventListener('webglcontextlost', onContextLost);
      setInst(undefined);
      cy.removeAllListeners();
      cy.destroy();
      delete (el as HookedElement).__cy;
      delete (el as HookedElement).__mark;
    };
    // Creation options only: data, style and layout are applied by the other hooks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [large, flat, webgl, webglBackground]);

  return { inst, webglFailed };
}
