/**
 * Owns one Cytoscape instance per panel (destroyed on unmount). Positions survive refreshes: when the set of node
 * and edge ids is unchanged the data is updated in place in one cy.batch and the layout is not re-run.
 *
 * Test hook (read-only, documented): the container element has data-testid="meshgraph-graph" and the attributes
 * data-node-count, data-edge-count (elements in Cytoscape, hidden ones included), data-visible-node-count,
 * data-layout (the layout actually used), data-status ("empty" | "layout" | "ready"), data-renderer ("canvas" |
 * "webgl", the renderer actually drawing); the Cytoscape instance is
 * reachable as the non-enumerable property `__cy` of that element (no globals).
 *
 * First paint: the instance is created with its content (elements with their Find/Hide classes and, for the fast
 * layered layout, their positions and the fitted zoom and pan), so Cytoscape styles every element once, in its
 * first frame, and no layout or fit pass follows. With the layered layout, boxes are flat nodes sized by the panel
 * (graph/flatBoxes.ts) rather than compound parents, which make Cytoscape's per-element work grow with the boxes. Large-graph
 * mode gives labels only from the zoom level where they are readable (Cytoscape measures and places every label it
 * is given, drawn or not); below it a hint says so and hovering an element shows its label.
 */
import React, { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import type cytoscape from 'cytoscape';
type Core = cytoscape.Core;
type EventObject = cytoscape.EventObject;
type StylesheetJson = cytoscape.StylesheetJson;
import { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2 } from '@grafana/ui';
import { createCy, hasLayout, loadFcose } from '../graph/cy';
import { installCyFixes } from '../graph/cyFixes';
import { ALL_LABELS, elementDefinitions, LabelState, labelsAtZoom, visibleLayoutInput } from '../graph/cyContent';
import { dataChanges, ElementDefs } from '../graph/elements';
import type { Selection } from '../graph/findHide';
import { GraphIndex, HighlightTarget, highlightSet, indexGraph } from '../graph/highlight';
import { LayoutChoice, layoutOptions, presetPositions } from '../graph/layouts';
import type { LayoutEdgeIn, LayoutNodeIn, Point } from '../graph/fastLayout';
import { incrementalPositions } from '../graph/savedLayout';
import { nextByArrow, describeElement } from '../graph/keyboard';
import type { Palette } from '../graph/palette';
import type { RendererOption } from '../graph/renderer';
import { fitViewport } from '../graph/viewport';
import { boxRects } from '../graph/flatBoxes';
import { CLASS, StyleBlock } from '../graph/style';
import { TrafficAnimator, planEdges } from '../graph/animation/TrafficAnimator';
import { DEFAULT_OPTIONS } from '../options';

export interface SelectedElement {
  kind: 'node' | 'edge';
  id: string;
}

/** What the panel may ask of the graph (export, save layout, fit). */
export interface GraphApi {
  cy(): Core | undefined;
  /** Model positions of the leaf nodes. */
  positions(): Record<string, Point>;
  fit(): void;
}

export interface CytoscapeGraphProps {
  elements: ElementDefs;
  /** Changes only when node/edge ids (or parents) change: then the layout re-runs. */
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

function hasSaved(p: { savedPositions?: Readonly<Record<string, Point>> }): boolean {
  return !!p.savedPositions && Object.keys(p.savedPositions).length > 0;
}

/** Leaf positions known before Cytoscape runs: saved ones (incremental), or the panel's own layouts. */
function knownPositions(
  p: CytoscapeGraphProps,
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): Map<string, Point> | undefined {
  if (hasSaved(p) && nodes.length > 0) {
    return incrementalPositions(p.savedPositions as Record<string, Point>, nodes, edges).positions;
  }
  return presetPositions(p.layout.effective, nodes, edges);
}

/** The label under the pointer, large-graph mode (rendered as text). */
interface HoverLabel {
  text: string;
  x: number;
  y: number;
}

const EMPTY_INDEX = indexGraph({ nodes: [], edges: [] });
const FIT_PADDING = 30;
const MIN_ZOOM = 0.05;
const MAX_ZOOM = 4;

/** Flat boxes (flatBoxes.ts) go with the fast layered layout, whose positions the panel computes itself. */
function usesFlatBoxes(layout: LayoutChoice): boolean {
  return layout.effective === 'layered';
}

/** Sizes and places the flat boxes around the visible leaves where they are now (after a layout or a drag). */
function fitFlatBoxes(cy: Core, elements: ElementDefs): void {
  const positions = new Map<string, { x: number; y: number }>();
  cy.nodes().forEach((n) => {
    if (!n.data('isBox') && !n.hasClass(CLASS.hidden)) {
      positions.set(n.id(), n.position());
    }
  });
  const rects = boxRects(
    elements.nodes.map((n) => ({ id: n.data.id, parent: n.data.parent as string | undefined, isBox: n.data.isBox })),
    positions
  );
  cy.batch(() => {
    for (const [id, r] of rects) {
      const box = cy.getElementById(id);
      if (box.nonempty() && (box.data('boxW') !== r.w || box.data('boxH') !== r.h)) {
        box.data({ boxW: r.w, boxH: r.h });
      }
      const at = box.position();
      if (box.nonempty() && (at.x !== r.x || at.y !== r.y)) {
        box.position({ x: r.x, y: r.y });
      }
    }
  });
}

/** How many boxes enclose the most deeply boxed visible leaf. */
function boxDepthOf(nodes: ReadonlyArray<{ id: string; parent?: string }>): number {
  const parentOf = new Map<string, string | undefined>(nodes.map((n) => [n.id, n.parent]));
  let max = 0;
  for (const n of nodes) {
    let d = 0;
    for (let p = n.parent; p !== undefined && d < 10; p = parentOf.get(p)) {
      d++;
    }
    max = Math.max(max, d);
  }
  return max;
}

function indexOf(elements: ElementDefs): GraphIndex {
  return indexGraph({
    nodes: [...elements.nodeData.values()].map((n) => ({ id: n.id, parent: n.parent, isBox: n.isBox })),
    edges: [...elements.edgeData.values()],
  });
}

function hiddenKeyOf(hidden: Selection): string {
  return [...hidden.nodes, '|', ...hidden.edges].join(',');
}

function visibleNodeCount(elements: ElementDefs, hidden: Selection): number {
  return elements.nodes.reduce((k, n) => (hidden.nodes.has(n.data.id) ? k : k + 1), 0);
}

function layoutKeyOf(topology: string, effective: string, hiddenKey: string, savedKey: string): string {
  return `${topology}#${effective}#${hiddenKey}#${savedKey}`;
}

/** A signature of saved positions (which nodes, where), so other saved positions lay out again. */
function savedKeyOf(saved: Readonly<Record<string, Point>> | undefined): string {
  if (!saved || Object.keys(saved).length === 0) {
    return 'auto';
  }
  let n = 0;
  let sx = 0;
  let sy = 0;
  let ids = 0;
  for (const [id, p] of Object.entries(saved)) {
    n++;
    sx += p.x * ((n % 7) + 1);
    sy += p.y * ((n % 5) + 1);
    for (let i = 0; i < id.length; i++) {
      ids = (ids * 31 + id.charCodeAt(i)) | 0;
    }
  }
  return `saved:${n}:${sx.toFixed(1)}:${sy.toFixed(1)}:${ids}`;
}

/** Whether every visible leaf is where the saved positions put it (then saving changes nothing on screen). */
function showsPositions(cy: Core, saved: Readonly<Record<string, Point>>): boolean {
  let all = true;
  cy.nodes().forEach((n) => {
    if (!all || n.data('isBox') || n.hasClass(CLASS.hidden)) {
      return;
    }
    const p = saved[n.id()];
    const at = n.position();
    all = !!p && Math.abs(at.x - p.x) < 0.5 && Math.abs(at.y - p.y) < 0.5;
  });
  return all;
}

/** Where a pointer on the element would be (nodes: centre; edges: between their ends). */
function renderedCentre(t: cytoscape.NodeSingular | cytoscape.EdgeSingular): { x: number; y: number } {
  if (t.isNode()) {
    return (t as cytoscape.NodeSingular).renderedPosition();
  }
  const e = t as cytoscape.EdgeSingular;
  const s = e.source().renderedPosition();
  const d = e.target().renderedPosition();
  return { x: (s.x + d.x) / 2, y: (s.y + d.y) / 2 };
}

/** Toggles a class only on the elements where it changes (Cytoscape restyles every element it is called on). */
function setClass(
  eles: cytoscape.CollectionReturnValue | cytoscape.NodeCollection | cytoscape.EdgeCollection,
  cls: string,
  on: boolean
): void {
  const change = eles.filter((e) => e.hasClass(cls) !== on);
  if (change.nonempty()) {
    change.toggleClass(cls, on);
  }
}

type HookedElement = HTMLDivElement & { __cy?: Core };

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}

function setAttr(el: HTMLElement | null, name: string, value: string | number): void {
  el?.setAttribute(name, String(value));
}

export function CytoscapeGraph(props: CytoscapeGraphProps) {
  const styles = useStyles2(getStyles);
  const keysHelpId = `${useId()}-keys`;
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cyRef = useRef<Core | undefined>(undefined);
  const appliedTopology = useRef<string | undefined>(undefined);
  const indexRef = useRef<GraphIndex>(EMPTY_INDEX);
  const animatorRef = useRef<TrafficAnimator | undefined>(undefined);
  const visibleRef = useRef(true);
  const highlightRef = useRef<(target: HighlightTarget | undefined) => void>(() => undefined);
  const syncLabelsRef = useRef<(force: boolean) => void>(() => undefined);
  const latest = useRef(props);
  // Listeners and the layout read the latest props through this ref (updated before other effects run).
  useLayoutEffect(() => {
    latest.current = props;
  });
  // Bumped when a Cytoscape instance is created, so the data effects re-apply to the new instance.
  const [generation, setGeneration] = useState(0);
  // What the current instance holds, so an effect re-run with the same inputs (the generation bump after
  // creation, an unrelated prop change) costs nothing: reset when an instance is created.
  const appliedElements = useRef<ElementDefs | undefined>(undefined);
  const appliedStylesheet = useRef<StyleBlock[] | undefined>(undefined);
  const appliedSize = useRef<string | undefined>(undefined);
  const appliedClasses = useRef<{ found: Selection; hidden: Selection; elements: ElementDefs } | undefined>(undefined);
  const lastLayoutKey = useRef<string | undefined>(undefined);
  /** Whether the view is the last fit: then a resize fits again; a pan or zoom by the user keeps the view. */
  const fittedRef = useRef(true);
  /** > 0 while the panel itself moves the view (fit, layout), so those moves do not count as the user's. */
  const programmatic = useRef(0);
  const [focusedId, setFocusedId] = useState<string | undefined>(undefined);
  const [fcoseLoaded, setFcoseLoaded] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  /** Large-graph mode: which elements carry the labels class now. */
  const labelsRef = useRef<LabelState>(ALL_LABELS);
  const [labelsShown, setLabelsShown] = useState<LabelState>(ALL_LABELS);
  const [hoverLabel, setHoverLabel] = useState<HoverLabel | undefined>(undefined);

  const { elements, topology, stylesheet, layout, width, height, found, hidden, palette, animate, selected } = props;
  // WebGL that was lost or failed to draw is not tried again by this panel: canvas from then on.
  const [webglFailed, setWebglFailed] = useState(false);
  const webgl = props.renderer === 'webgl' && !webglFailed;
  const webglBackground = webgl ? palette.background : '';
  const flatBoxes = usesFlatBoxes(layout);
  const nodeCount = elements.nodes.length;

  const runLayout = useCallback(() => {
    const cy = cyRef.current;
    const el = containerRef.current;
    if (!cy) {
      return;
    }
    const p = latest.current;
    const visible = cy.elements().filter((e) => !e.hasClass(CLASS.hidden));
    if (visible.length === 0) {
      setAttr(el, 'data-status', 'empty');
      return;
    }
    setAttr(el, 'data-status', 'layout');
    setAttr(el, 'data-layout', p.layout.effective);
    if (p.layout.effective === 'fcose' && !hasSaved(p) && !hasLayout('fcose')) {
      // fCoSE is loaded on first use; the layout runs when it is there (on this instance, if still current).
      // The layout effect lays out again once it is loaded (the key is cleared, the flag is one of its inputs).
      lastLayoutKey.current = undefined;
      loadFcose().then(
        () => setFcoseLoaded(true),
        () => {
          if (cyRef.current === cy) {
            visible.layout({ name: 'grid', fit: true, padding: 30, animate: false } as cytoscape.LayoutOptions).run();
            setAttr(containerRef.current, 'data-layout', 'grid');
            setAttr(containerRef.current, 'data-status', 'ready');
          }
        }
      );
      return;
    }
    const visibleNodes = visible.nodes();
    const nodesIn = visibleNodes.map((n) => ({
      id: n.id(),
      parent: n.data('parent'),
      isBox: n.data('isBox'),
      label: n.data('label'),
    }));
    const edgesIn = visible.edges().map((e) => ({ source: e.data('source'), target: e.data('target') }));
    const saved = hasSaved(p) ? knownPositions(p, nodesIn, edgesIn) : undefined;
    const opts = saved
      ? {
          name: 'preset',
          fit: true,
          padding: FIT_PADDING,
          animate: false,
          positions: (node: { id: () => string }) => saved.get(node.id()) ?? { x: 0, y: 0 },
        }
      : layoutOptions(p.layout.effective, {
          nodes: nodesIn,
          edges: edgesIn,
          boundingBox: { x1: 0, y1: 0, w: Math.max(p.width, 100), h: Math.max(p.height, 100) },
          rootIds: visibleNodes.filter((n) => !!n.data('isRoot')).map((n) => n.id()),
        });
    // Preset positions are for leaves only: Cytoscape (or fitFlatBoxes) sizes the boxes from their members, and the fit is over
    // everything visible (boxes too), as at creation and as the Fit button does.
    const preset = opts.name === 'preset';
    const flat = usesFlatBoxes(p.layout);
    const target = preset ? visibleNodes.filter((n) => !n.isParent() && !(flat && n.data('isBox'))) : visible;
    const l = target.layout({ ...opts, ...(preset ? { fit: false } : {}) } as unknown as cytoscape.LayoutOptions);
    l.one('layoutstop', () => {
      if (flat) {
        fitFlatBoxes(cy, latest.current.elements);
      }
      if (preset) {
        cy.fit(visible, FIT_PADDING);
      }
      fittedRef.current = true;
      setAttr(containerRef.current, 'data-status', 'ready');
    });
    programmatic.current++;
    try {
      l.run();
    } catch {
      // A layout failing on odd data must not take the panel down: fall back to a grid.
      visible.layout({ name: 'grid', fit: true, padding: 30, animate: false } as cytoscape.LayoutOptions).run();
      setAttr(containerRef.current, 'data-layout', 'grid');
      setAttr(containerRef.current, 'data-status', 'ready');
    } finally {
      programmatic.current--;
    }
    fittedRef.current = true;
  }, []);

  /** Fits the visible graph into the panel (programmatically: the user has not moved the view since). */
  const fitView = useCallback(() => {
    const cy = cyRef.current;
    if (!cy) {
      return;
    }
    programmatic.current++;
    try {
      cy.fit(cy.elements().not(`.${CLASS.hidden}`), FIT_PADDING);
    } finally {
      programmatic.current--;
    }
    fittedRef.current = true;
  }, []);

  // One instance per panel; a new one only when renderer options that Cytoscape fixes at creation change.
  useEffect(() => {
    const el = containerRef.current as HookedElement | null;
    if (!el) {
      return;
    }
    const p = latest.current;
    const large = p.layout.large;
    const minFont = p.labelMinZoomedFontSize ?? DEFAULT_OPTIONS.labelMinZoomedFontSize;
    // Layouts computed without Cytoscape (layered; dagre per box) run before the instance exists: their
    // positions go in with the elements.
    const input = visibleLayoutInput(p.elements, p.hidden);
    const positions = knownPositions(p, input.nodes, input.edges);
    // Labels from the start only if the graph will be shown at a zoom where they are readable: decided after
    // the fit below, so none are given now (large mode).
    const labels: LabelState = large ? { node: false, edge: false } : ALL_LABELS;
    const flat = usesFlatBoxes(p.layout);
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
      container: el,
      elements: elementDefinitions(p.elements, {
        found: p.found,
        hidden: p.hidden,
        labels: large ? labels : undefined,
        positions,
        flatBoxes: flat ? boxRects(input.nodes, positions ?? new Map()) : undefined,
      }),
      style: p.stylesheet as unknown as StylesheetJson,
      // Cytoscape's default is a grid pass over the elements (null, i.e. all at 0,0, when headless): keep what the
      // definitions say; the layout effect lays out when no positions were given.
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
    el.style.backgroundColor = webgl ? p.palette.background : '';
    let cy: Core;
    let renderer: RendererOption = webgl ? 'webgl' : 'canvas';
    try {
      cy = createCy(options);
    } catch (err) {
      if (!webgl) {
        throw err;
      }
      // Cytoscape throws when its WebGL 2 context cannot be made: this instance draws with canvas instead.
      el.replaceChildren();
      cy = createCy({ ...options, webgl: false });
      renderer = 'canvas';
    }
    installCyFixes(cy);
    setAttr(el, 'data-renderer', renderer);
    const glCanvas = renderer === 'webgl' ? el.querySelector('canvas[data-id$="-webgl"]') : null;
    const onContextLost = () => setWebglFailed(true);
    glCanvas?.addEventListener('webglcontextlost', onContextLost);
    if (renderer === 'webgl') {
      // Cytoscape's WebGL drawing is experimental (3.34 throws in its label atlas on some graphs): a frame that
      // fails stops WebGL drawing for this instance and the panel re-creates the graph with canvas.
      const r = (cy as unknown as { renderer(): { render(o?: unknown): void } }).renderer();
      const render = r.render;
      r.render = function (o?: unknown) {
        try {
          render.call(this, o);
        } catch (err) {
          r.render = () => undefined;
          console.warn('Meshgraph: WebGL drawing failed, drawing with canvas instead:', err);
          setWebglFailed(true);
        }
      };
    }
    cyRef.current = cy;
    // What the instance holds now; the effects below skip what is already in place.
    appliedTopology.current = p.topology;
    appliedElements.current = p.elements;
    appliedStylesheet.current = p.stylesheet;
    appliedSize.current = `${p.width}x${p.height}`; // measured at creation
    appliedClasses.current = { found: p.found, hidden: p.hidden, elements: p.elements };
    labelsRef.current = labels;
    indexRef.current = indexOf(p.elements);
    setAttr(el, 'data-node-count', cy.nodes().length);
    setAttr(el, 'data-edge-count', cy.edges().length);
    setAttr(el, 'data-visible-node-count', visibleNodeCount(p.elements, p.hidden));
    fittedRef.current = true;
    if (positions) {
      if (!fitted) {
        cy.fit(cy.elements().not(`.${CLASS.hidden}`), FIT_PADDING);
      }
      lastLayoutKey.current = layoutKeyOf(p.topology, p.layout.effective, hiddenKeyOf(p.hidden), savedKeyOf(p.savedPositions));
      setAttr(el, 'data-layout', p.layout.effective);
      setAttr(el, 'data-status', 'ready');
    } else {
      lastLayoutKey.current = undefined; // the layout effect lays out (or settles the empty case)
    }
    Object.defineProperty(el, '__cy', { value: cy, configurable: true, enumerable: false, writable: false });
    // A pan or zoom that the panel did not make is the user's: from then on a resize keeps the view.
    cy.on('viewport', () => {
      if (programmatic.current === 0) {
        fittedRef.current = false;
      }
    });
    // Clicking the graph gives it the keyboard focus ("/" then reaches Find, arrows move between nodes).
    cy.on('tapstart', () => {
      // Focus from the pointer: no focus ring (as :focus-visible would not show one for a click).
      el.setAttribute('data-pointer-focus', '');
      if (document.activeElement !== el) {
        el.focus({ preventScroll: true });
      }
    });
    if (p.apiRef) {
      p.apiRef.current = {
        cy: () => cyRef.current,
        positions: () => {
          const out: Record<string, Point> = {};
          cyRef.current?.nodes().forEach((n) => {
            if (!n.data('isBox') && !n.hasClass(CLASS.hidden)) {
              const at = n.position();
              out[n.id()] = { x: Math.round(at.x * 10) / 10, y: Math.round(at.y * 10) / 10 };
            }
          });
          return out;
        },
        fit: () => fitView(),
      };
    }

    // Large-graph mode: labels are given when the zoom makes them readable, taken away below that.
    const syncLabels = (force: boolean) => {
      if (!latest.current.layout.large) {
        return;
      }
      const want = labelsAtZoom(cy.zoom(), latest.current.labelMinZoomedFontSize ?? minFont);
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
    syncLabelsRef.current = syncLabels;
    if (large) {
      syncLabels(true);
      cy.on('zoom', () => syncLabels(false));
      // The hover label belongs to a place on screen: gone when the view moves.
      cy.on('viewport', () => setHoverLabel(undefined));
    }

    const applyHighlight = (target: HighlightTarget | undefined) => {
      cy.batch(() => {
        // Cytoscape restyles every element removeClass is called on, changed or not: only the marked ones.
        cy.elements(`.${CLASS.dim}, .${CLASS.highlight}`).removeClass(`${CLASS.dim} ${CLASS.highlight}`);
        if (!target) {
          return;
        }
        const set = highlightSet(indexRef.current, target);
        if (set.size === 0) {
          return;
        }
        cy.elements().forEach((e) => {
          e.addClass(set.has(e.id()) ? CLASS.highlight : CLASS.dim);
        });
      });
    };
    const selectedTarget = (): HighlightTarget | undefined => latest.current.selected;
    const onOver = (evt: EventObject) => {
      if (latest.current.layout.large) {
        // No graph-wide highlight here (it restyles everything); the element's label instead, as text.
        const t = evt.target;
        const text = String((t.isNode() ? t.data('label') : t.data('labelVerbose') || t.data('label')) ?? '');
        const at = evt.renderedPosition ?? renderedCentre(t);
        setHoverLabel(text ? { text, x: at.x, y: at.y } : undefined);
        return;
      }
      if (evt.target.isEdge()) {
        // Kiali shows an edge's label while the pointer is on it.
        evt.target.addClass(CLASS.hover);
      }
      if (!selectedTarget()) {
        applyHighlight({ kind: evt.target.isNode() ? 'node' : 'edge', id: evt.target.id() });
      }
    };
    const onOut = (evt: EventObject) => {
      if (latest.current.layout.large) {
        setHoverLabel(undefined);
        return;
      }
      if (evt.target.isEdge() && evt.target.hasClass(CLASS.hover)) {
        evt.target.removeClass(CLASS.hover);
      }
      if (!selectedTarget()) {
        applyHighlight(undefined);
      }
    };
    const onTap = (evt: EventObject) => {
      if (evt.target === cy) {
        latest.current.onSelect(undefined);
        return;
      }
      latest.current.onSelect({ kind: evt.target.isNode() ? 'node' : 'edge', id: evt.target.id() });
    };
    if (flat) {
      // A dragged member takes its boxes along (their size follows, as compound boxes would).
      cy.on('drag', 'node', () => fitFlatBoxes(cy, latest.current.elements));
    }
    cy.on('mouseover', 'node,edge', onOver);
    cy.on('mouseout', 'node,edge', onOut);
    cy.on('tap', onTap);
    cy.on('dbltap', 'node', (evt: EventObject) => latest.current.onNodeActivate?.(evt.target.id()));
    highlightRef.current = applyHighlight;
    setGeneration((g) => g + 1);

    return () => {
      glCanvas?.removeEventListener('webglcontextlost', onContextLost);
      animatorRef.current?.stop();
      animatorRef.current = undefined;
      cy.removeAllListeners();
      cy.destroy();
      cyRef.current = undefined;
      if (p.apiRef) {
        p.apiRef.current = undefined;
      }
      highlightRef.current = () => undefined;
      syncLabelsRef.current = () => undefined;
      setHoverLabel(undefined);
      delete (el as HookedElement).__cy;
    };
    // Renderer options only: data, style and layout are applied by the effects below (fitView is stable).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layout.large, flatBoxes, webgl, webglBackground]);

  // Elements: replace and lay out when the topology changed, else update data in place.
  useEffect(() => {
    const cy = cyRef.current;
    const el = containerRef.current;
    if (!cy || appliedElements.current === elements) {
      return;
    }
    appliedElements.current = elements;
    const changed = appliedTopology.current !== topology;
    cy.batch(() => {
      if (changed) {
        cy.elements().remove();
        // With their classes (as they stand now), so the find/hide effect below finds nothing to toggle.
        cy.add(
          elementDefinitions(elements, {
            found,
            hidden,
            labels: layout.large ? labelsRef.current : undefined,
            // Flat boxes are sized by the layout that follows.
            flatBoxes: flatBoxes ? new Map() : undefined,
          }) as cytoscape.ElementDefinition[]
        );
        appliedClasses.current = { found, hidden, elements };
      } else {
        for (const def of [...elements.nodes, ...elements.edges]) {
          const ele = cy.getElementById(def.data.id);
          const diff = ele.nonempty() ? dataChanges(ele.data(), def.data) : undefined;
          if (diff) {
            ele.data(diff);
          }
        }
      }
    });
    indexRef.current = indexOf(elements);
    setAttr(el, 'data-node-count', cy.nodes().length);
    setAttr(el, 'data-edge-count', cy.edges().length);
    if (changed) {
      appliedTopology.current = topology;
      setAttr(el, 'data-visible-node-count', visibleNodeCount(elements, hidden));
      // The find/hide effect, which runs next, lays out; here only the empty case is settled.
      if (cy.elements().length === 0) {
        setAttr(el, 'data-status', 'empty');
      }
    }
    // found/hidden are read for new elements only; their changes are the find/hide effect's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [elements, topology, generation]);

  useEffect(() => {
    // Setting a stylesheet restyles every element: only when it is not the one the instance has.
    if (!cyRef.current || appliedStylesheet.current === stylesheet) {
      return;
    }
    appliedStylesheet.current = stylesheet;
    cyRef.current.style(stylesheet as unknown as StylesheetJson);
  }, [stylesheet, generation]);

  // Find and hide classes; hiding re-runs the layout (as Kiali does), finding does not.
  const hiddenKey = useMemo(() => hiddenKeyOf(hidden), [hidden]);
  // A new instance resets lastLayoutKey, so the generation need not be part of the key.
  const savedKey = savedKeyOf(props.savedPositions);
  const layoutKey = layoutKeyOf(topology, layout.effective, hiddenKey, savedKey);
  useEffect(() => {
    const cy = cyRef.current;
    const el = containerRef.current;
    if (!cy) {
      return;
    }
    const a = appliedClasses.current;
    if (!a || a.found !== found || a.hidden !== hidden || a.elements !== elements) {
      appliedClasses.current = { found, hidden, elements };
      cy.batch(() => {
        cy.elements().forEach((e) => {
          const id = e.id();
          const isHidden = e.isNode() ? hidden.nodes.has(id) : hidden.edges.has(id);
          const isFound = e.isNode() ? found.nodes.has(id) : found.edges.has(id);
          // toggleClass(c, bool) restyles the element even when nothing changes: only on a change.
          if (e.hasClass(CLASS.hidden) !== isHidden) {
            e.toggleClass(CLASS.hidden, isHidden);
          }
          if (e.hasClass(CLASS.find) !== isFound) {
            e.toggleClass(CLASS.find, isFound);
          }
        });
      });
      setAttr(el, 'data-visible-node-count', cy.nodes().filter((n) => !n.hasClass(CLASS.hidden)).length);
    }
    if (lastLayoutKey.current !== layoutKey) {
      const previous = lastLayoutKey.current;
      lastLayoutKey.current = layoutKey;
      // Saving the positions on screen changes nothing on screen: no layout pass (and no re-fit).
      const sameGraph = previous !== undefined && previous.replace(/#[^#]*$/, '') === layoutKey.replace(/#[^#]*$/, '');
      const saved = latest.current.savedPositions;
      const justSaved = sameGraph && !!saved && showsPositions(cy, saved);
      if (!justSaved) {
        runLayout();
      }
    }
  }, [found, hidden, layoutKey, runLayout, elements, generation, fcoseLoaded]);

  // A new label threshold (panel option) may give or take labels at the current zoom.
  useEffect(() => {
    syncLabelsRef.current(false);
  }, [props.labelMinZoomedFontSize, generation]);

  // Selection highlight (hover highlight is handled by the listeners).
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) {
      return;
    }
    cy.batch(() => {
      cy.elements(':selected').unselect();
      if (selected) {
        cy.getElementById(selected.id).select();
      }
    });
    highlightRef.current(selected);
  }, [selected, topology, generation]);

  useEffect(() => {
    const cy = cyRef.current;
    const size = `${width}x${height}`;
    if (!cy || appliedSize.current === size) {
      return;
    }
    appliedSize.current = size;
    cy.resize();
    const canvas = canvasRef.current;
    if (canvas) {
      canvas.width = width;
      canvas.height = height;
    }
    // The panel was resized: fit again, unless the user has zoomed or panned since the last fit.
    if (fittedRef.current && cy.nodes().length > 0) {
      fitView();
    }
  }, [width, height, generation, fitView]);

  // Traffic animation: per panel, paused off screen, never under prefers-reduced-motion.
  useEffect(() => {
    const canvas = canvasRef.current;
    const cy = cyRef.current;
    const el = containerRef.current;
    if (!animate || !canvas || !cy || !el || prefersReducedMotion()) {
      animatorRef.current?.stop();
      animatorRef.current = undefined;
      return;
    }
    const colorOf = (status: unknown, protocol: unknown) =>
      protocol === 'tcp'
        ? palette.tcp
        : status === 'Failure'
          ? palette.failure
          : status === 'Degraded'
            ? palette.degraded
            : palette.healthy;
    const animator = new TrafficAnimator(
      {
        canvas,
        requestFrame: (cb) => window.requestAnimationFrame(cb),
        cancelFrame: (h) => window.cancelAnimationFrame(h),
        segment: (id) => {
          const e = cy.getElementById(id);
          if (e.empty() || !e.visible()) {
            return undefined;
          }
          const s = e.renderedSourceEndpoint();
          const t = e.renderedTargetEndpoint();
          return { sx: s.x, sy: s.y, tx: t.x, ty: t.y, color: colorOf(e.data('healthStatus'), e.data('protocol')) };
        },
      },
      palette
    );
    animator.setEdges(planEdges([...elements.edgeData.values()].filter((e) => !hidden.edges.has(e.id))));
    animatorRef.current = animator;
    let observer: IntersectionObserver | undefined;
    if (typeof IntersectionObserver !== 'undefined') {
      observer = new IntersectionObserver((entries) => {
        visibleRef.current = entries.some((en) => en.isIntersecting);
        if (visibleRef.current) {
          animator.start();
        } else {
          animator.stop();
        }
      });
      observer.observe(el);
    } else {
      animator.start();
    }
    return () => {
      observer?.disconnect();
      animator.stop();
      if (animatorRef.current === animator) {
        animatorRef.current = undefined;
      }
    };
  }, [animate, elements, hidden, palette, generation]);

  const hasEdgeLabels = useMemo(() => elements.edges.some((e) => !!e.data.label), [elements]);
  const labelHint = layout.large && (!labelsShown.node || (hasEdgeLabels && !labelsShown.edge));

  const zoomBy = (factor: number) => {
    const cy = cyRef.current;
    if (cy) {
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: width / 2, y: height / 2 } });
    }
  };

  // The keyboard focus ring on the graph (a class on the element the arrows moved to).
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) {
      return;
    }
    cy.batch(() => {
      cy.elements(`.${CLASS.focus}`).removeClass(CLASS.focus);
      if (focusedId) {
        cy.getElementById(focusedId).addClass(CLASS.focus);
      }
    });
  }, [focusedId, generation, topology]);

  /** Arrow keys move between nodes, E along the edges of the node, Enter opens the details. */
  const onGraphKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    e.currentTarget.removeAttribute('data-pointer-focus');
    const cy = cyRef.current;
    if (!cy || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    const current = focusedId ? cy.getElementById(focusedId) : undefined;
    const alive = current && current.nonempty() && current.visible() ? current : undefined;
    const move = (id: string | undefined) => {
      if (!id) {
        return;
      }
      setFocusedId(id);
      const ele = cy.getElementById(id);
      setAnnouncement(describeElement(ele, latest.current.elements));
      // Keep it in view.
      const bb = ele.renderedBoundingBox({ includeLabels: false });
      if (bb.x1 < 0 || bb.y1 < 0 || bb.x2 > width || bb.y2 > height) {
        cy.center(ele);
      }
    };
    if (e.key.startsWith('Arrow')) {
      e.preventDefault();
      move(nextByArrow(cy, alive, e.key as 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight'));
    } else if (e.key === 'e' || e.key === 'E') {
      e.preventDefault();
      const node = alive?.isEdge() ? alive.source() : alive;
      const edges = node ? node.connectedEdges().filter((x) => x.visible()) : cy.collection();
      if (edges.nonempty()) {
        const ids = edges.map((x) => x.id()).sort();
        const at = alive?.isEdge() ? ids.indexOf(alive.id()) : -1;
        move(ids[(at + (e.shiftKey ? ids.length - 1 : 1)) % ids.length]);
      }
    } else if ((e.key === 'x' || e.key === 'X') && alive?.isNode() && latest.current.onNodeActivate) {
      e.preventDefault();
      latest.current.onNodeActivate(alive.id());
    } else if ((e.key === 'Enter' || e.key === ' ') && alive) {
      e.preventDefault();
      latest.current.onSelect({ kind: alive.isNode() ? 'node' : 'edge', id: alive.id() });
    }
  };

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
        onKeyDown={onGraphKeyDown}
        onBlur={(e) => {
          setAnnouncement('');
          e.currentTarget.removeAttribute('data-pointer-focus');
        }}
      />
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
      {labelHint && (
        <div className={styles.labelHint} data-testid="meshgraph-label-hint">
          {labelsShown.node ? 'Edge labels' : 'Labels'} are hidden at this zoom: zoom in or point at an element to read
          them.
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
          onClick={() => (hasSaved(props) && props.onResetLayout ? props.onResetLayout() : runLayout())}
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
    '&:focus-visible:not([data-pointer-focus])': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
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
