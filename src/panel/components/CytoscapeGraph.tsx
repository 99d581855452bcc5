/**
 * The traffic graph: one Cytoscape instance per panel, made of small parts (./graph): the instance lifecycle
 * (useCyInstance), what it draws and the refresh path (useGraphContent, refresh.ts), find/hide classes and the
 * layout (useGraphLayout, savedPositions.ts), viewport and fit (useViewport), highlight and selection
 * (useHighlight), large-graph labels and arrowheads by zoom (useZoomDetail), the traffic animation
 * (useTrafficAnimation) and keyboard navigation (useGraphKeyboard). Positions survive refreshes: same ids update
 * data in place; a few nodes more or fewer are added or removed around the kept ones; a larger change lays out
 * again.
 *
 * Test hook (read-only, documented): the container element has data-testid="meshgraph-graph" and the attributes
 * data-node-count, data-edge-count (elements in Cytoscape, hidden ones included), data-visible-node-count,
 * data-layout (the layout actually used), data-status ("empty" | "layout" | "ready"), data-renderer ("canvas" |
 * "webgl", the renderer actually drawing), data-focused (the keyboard-focused element), data-content-version (grows
 * each time the graph takes a new answer's elements); the Cytoscape instance is reachable as the non-enumerable
 * property `__cy` of that element (no globals), and an element's highlight mark ('lit', 'dim' or undefined) as
 * `__mark(id)`. Cytoscape itself draws into an element inside it.
 *
 * Large-graph mode gives labels only from the zoom level where they are readable (Cytoscape measures and places
 * every label it is given, drawn or not); below it a hint says so and hovering an element shows its label.
 */
import React, { useEffect, useId, useLayoutEffect, useMemo, useRef } from 'react';
import { css } from '@emotion/css';
import type cytoscape from 'cytoscape';
import { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';
import type { ElementDefs } from '../graph/elements';
import type { Selection } from '../graph/findHide';
import type { LayoutChoice } from '../graph/layouts';
import type { Point } from '../graph/fastLayout';
import type { Palette } from '../graph/palette';
import type { RendererOption } from '../graph/renderer';
import type { StyleBlock } from '../graph/style';
import { hasSaved, leafPositions } from './graph/savedPositions';
import { useCyInstance } from './graph/useCyInstance';
import { useGraphContent } from './graph/useGraphContent';
import { useGraphKeyboard } from './graph/useGraphKeyboard';
import { useGraphLayout } from './graph/useGraphLayout';
import { SelectedElement, useHighlight } from './graph/useHighlight';
import { useTrafficAnimation } from './graph/useTrafficAnimation';
import { useViewport } from './graph/useViewport';
import { detailHint, useZoomDetail } from './graph/useZoomDetail';

export type { SelectedElement } from './graph/useHighlight';

/** What the panel may ask of the graph (export, save layout, fit). */
export interface GraphApi {
  cy(): cytoscape.Core | undefined;
  /** Model positions of the leaf nodes. */
  positions(): Record<string, Point>;
  fit(): void;
}

export interface CytoscapeGraphProps {
  elements: ElementDefs;
  /** Changes only when node/edge ids (or parents) change: then elements are added or removed (or laid out). */
  topology: string;
  stylesheet: StyleBlock[];
  layout: LayoutChoice;
  width: number;
  height: number;
  found: Selection;
  hidden: Selection;
  palette: Palette;
  /** Animation wanted (option on, under the node limit); reduced motion and visibility are checked here. */
  animate: boolean;
  /** The renderer asked for (resolved from the panel option); WebGL falls back to canvas if it cannot start, its
   * context is lost or a frame fails to draw. The container's data-renderer attribute says which one draws. */
  renderer: RendererOption;
  selected?: SelectedElement;
  onSelect: (sel: SelectedElement | undefined) => void;
  ariaLabel: string;
  /** Labels smaller than this on screen are not drawn (and, in large-graph mode, not given). */
  labelMinZoomedFontSize?: number;
  /** Positions a user saved (panel options): kept nodes stay there, new ones are placed around them. */
  savedPositions?: Readonly<Record<string, Point>>;
  /** The Reset layout control with saved positions: the panel drops them (the automatic layout returns). */
  onResetLayout?: () => void;
  /** A node activated: double-clicked, or X pressed on the keyboard-focused node (the panel expands or collapses
   * a rolled-up namespace with it). */
  onNodeActivate?: (id: string) => void;
  apiRef?: React.MutableRefObject<GraphApi | undefined>;
}

function CytoscapeGraph(props: CytoscapeGraphProps) {
  const styles = useStyles2(getStyles);
  const keysHelpId = `${useId()}-keys`;
  const containerRef = useRef<HTMLDivElement>(null);
  const cyHostRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(props);
  // Listeners and the layout read the latest props through this ref (updated before other effects run).
  useLayoutEffect(() => {
    latest.current = props;
  });
  const { elements, topology, layout, width, height, hidden, palette, animate, apiRef } = props;
  const nodeCount = elements.nodes.length;

  const { inst } = useCyInstance(containerRef, cyHostRef, latest, props.renderer === 'webgl');
  const hasEdgeLabels = useMemo(() => elements.edges.some((e) => !!e.data.label), [elements]);
  const { detailRef, detailShown, beforeFit } = useZoomDetail(
    inst,
    layout.large,
    props.labelMinZoomedFontSize,
    hasEdgeLabels
  );
  const viewport = useViewport(inst, width, height, beforeFit);
  const placedTopology = useGraphContent(inst, props, containerRef, detailRef, viewport);
  const { runLayout } = useGraphLayout(inst, props, latest, containerRef, viewport, placedTopology);
  const hoverLabel = useHighlight(inst, props, latest, topology);
  useTrafficAnimation(inst, canvasRef, containerRef, animate, palette, elements, hidden);
  const keyboard = useGraphKeyboard(inst, latest, topology);

  const { fitView, zoomBy } = viewport;
  useEffect(() => {
    if (!apiRef || !inst) {
      return;
    }
    apiRef.current = { cy: () => inst.cy, positions: () => leafPositions(inst.cy), fit: fitView };
    return () => {
      apiRef.current = undefined;
    };
  }, [apiRef, inst, fitView]);

  const hint = layout.large ? detailHint(detailShown, hasEdgeLabels) : undefined;
  const { focusedId, announcement } = keyboard;

  return (
    <div className={styles.wrapper} style={{ width, height }}>
      <div
        ref={containerRef}
        className={styles.graph}
        data-testid="meshgraph-graph"
        data-node-count={0}
        data-edge-count={0}
        data-status="empty"
        data-layout={layout.effective}
        data-node-total={nodeCount}
        role="application"
        aria-roledescription="traffic graph"
        aria-label={props.ariaLabel}
        aria-describedby={keysHelpId}
        data-focused={focusedId ?? ''}
        tabIndex={0}
        onKeyDown={keyboard.onKeyDown}
        onBlur={keyboard.onBlur}
      >
        {/* Cytoscape redraws everything 100 ms after any attribute of its container changes (it watches them for
            size changes): the attributes above change with every refresh, focus and click, so it draws in here. */}
        <div ref={cyHostRef} className={styles.cyHost} />
      </div>
      <div id={keysHelpId} className={styles.srOnly}>
        Arrow keys move between nodes, E moves along the edges of the focused node (Shift+E back), Enter opens the
        details, X expands or collapses a rolled-up namespace, Escape closes the details, slash goes to Find.
      </div>
      <div className={styles.srOnly} aria-live="polite" data-testid="meshgraph-announcement">
        {announcement}
      </div>
      <canvas ref={canvasRef} className={styles.overlay} aria-hidden="true" width={width} height={height} />
      {hoverLabel && (
        <div
          className={styles.hoverLabel}
          style={{ left: hoverLabel.x, top: hoverLabel.y }}
          role="tooltip"
          data-testid="meshgraph-hover-label"
        >
          {hoverLabel.text}
        </div>
      )}
      {hint && (
        <div className={styles.labelHint} data-testid="meshgraph-label-hint">
          {hint}
        </div>
      )}
      <div className={styles.controls}>
        <IconButton
          name="plus"
          aria-label="Zoom in"
          tooltip="Zoom in"
          tooltipPlacement="left"
          onClick={() => zoomBy(1.25)}
        />
        <IconButton
          name="minus"
          aria-label="Zoom out"
          tooltip="Zoom out"
          tooltipPlacement="left"
          onClick={() => zoomBy(0.8)}
        />
        <IconButton
          name="capture"
          aria-label="Fit to panel"
          tooltip="Fit to panel"
          tooltipPlacement="left"
          onClick={fitView}
        />
        <IconButton
          name="sync"
          aria-label="Reset layout"
          tooltip={props.savedPositions ? 'Reset layout (drop the saved positions)' : 'Reset layout'}
          tooltipPlacement="left"
          onClick={() => (hasSaved(props.savedPositions) && props.onResetLayout ? props.onResetLayout() : runLayout())}
        />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ position: 'relative', overflow: 'hidden' }),
  graph: css({
    position: 'absolute',
    inset: 0,
    '&:focus-visible:not([data-pointer-focus])': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: -2,
    },
  }),
  cyHost: css({ position: 'absolute', inset: 0 }),
  overlay: css({ position: 'absolute', inset: 0, pointerEvents: 'none' }),
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
  }),
  hoverLabel: css({
    position: 'absolute',
    transform: 'translate(12px, -100%)',
    pointerEvents: 'none',
    whiteSpace: 'pre-line',
    maxWidth: 320,
    padding: theme.spacing(0.5, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.primary,
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    zIndex: 1,
  }),
  labelHint: css({
    position: 'absolute',
    left: theme.spacing(1),
    bottom: theme.spacing(1),
    pointerEvents: 'none',
    padding: theme.spacing(0.25, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    opacity: 0.9,
  }),
  controls: css({
    position: 'absolute',
    right: theme.spacing(1),
    bottom: theme.spacing(1),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.5),
    background: theme.colors.background.secondary,
    borderRadius: theme.shape.radius.default,
    border: `1px solid ${theme.colors.border.weak}`,
  }),
});

/**
 * Memoised: a parent render that changes none of its props (the render that brings a new answer: its frames are
 * read a task later) skips the graph.
 */
const MemoCytoscapeGraph = React.memo(CytoscapeGraph);
export { MemoCytoscapeGraph as CytoscapeGraph };
