/**
 * The panel benchmark page (bundled by build.ts): the Meshgraph panel component from src/panel, rendered the way
 * Grafana renders a panel (ThemeContext + PanelProps, data.series = DataFrames), fed with synthetic frames made by
 * the engine's own toFrames, so first paint is measured without a datasource or Prometheus in the loop. Also a
 * plain Cytoscape baseline (same Cytoscape, same element definitions and labels, grid layout) for ratios in one run.
 * API: window.panelBench (api.ts). Over 400 lines on purpose: the bundle's one entry keeps the panel host, the
 * baseline and the API that drives both side by side, since each API call touches both.
 */
import React, { useLayoutEffect } from 'react';
import { createRoot, Root } from 'react-dom/client';
import cytoscape from 'cytoscape';
import {
  createTheme,
  DataFrame,
  FieldConfigSource,
  LoadingState,
  PanelData,
  PanelProps,
  ThemeContext,
  dateTime,
  toDataFrame,
} from '@grafana/data';
import { toFrames } from '../../src/engine/output/frames';
import { plugin } from '../../src/panel/module';
import { buildElements } from '../../src/panel/graph/elements';
import { drawnDimmingOf } from '../../src/panel/graph/drawnDimming';
import { CLASS } from '../../src/panel/graph/style';
import { fromFrames, FrameLike } from '../../src/panel/graph/fromFrames';
import type { EdgeLabelMode } from '../../src/panel/graph/edgeLabels';
import { MeshVariation, syntheticMesh } from './syntheticMesh';
import type { DomCounts, GraphSize, PanKind, PanResult, PanelBenchApi, TimerCounts } from './api';

const theme = createTheme({ colors: { mode: 'dark' } });
document.body.style.margin = '0';
document.body.style.background = theme.colors.background.primary;
document.body.style.color = theme.colors.text.primary;
document.body.style.fontFamily = theme.typography.fontFamily;

const panelHost = document.createElement('div');
panelHost.id = 'panel-host';
const baselineHost = document.createElement('div');
baselineHost.id = 'baseline-host';
document.body.append(panelHost, baselineHost);

type HookedElement = HTMLElement & { __cy?: cytoscape.Core };

function nextFrame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}
async function frames(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await nextFrame();
  }
}

// ---- data ----

interface Prepared {
  workloads: number;
  boxes: boolean;
  frames: DataFrame[];
  size: GraphSize;
}
let prepared: Prepared | undefined;
/** Frames of a refresh built ahead (stageRefresh), so a timed refresh measures the panel, not the mesh generator. */
let staged: { variant: number; frames: DataFrame[] } | undefined;

function makeFrames(
  workloads: number,
  variant: number,
  withBoxes = true,
  variation: MeshVariation = {}
): { frames: DataFrame[]; size: GraphSize } {
  const model = syntheticMesh(workloads, 10, variant, withBoxes, variation);
  const boxes = model.nodes.filter((n) => n.nodeType === 'box').length;
  return {
    frames: toFrames(model, { refId: 'A' }).map((f) => toDataFrame(f)),
    size: { nodes: model.nodes.length - boxes, boxes, edges: model.edges.length },
  };
}

function panelData(series: DataFrame[]): PanelData {
  const now = dateTime();
  const from = dateTime(now.valueOf() - 3600_000);
  return { series, state: LoadingState.Done, timeRange: { from, to: now, raw: { from: 'now-1h', to: 'now' } } };
}

// ---- the panel ----

const EMPTY_FIELD_CONFIG: FieldConfigSource = { defaults: {}, overrides: [] };
const Panel = plugin.panel as unknown as React.ComponentType<PanelProps<Record<string, unknown>>>;

interface HostProps {
  data: PanelData;
  width: number;
  height: number;
  options: Record<string, unknown>;
  renderCounter: number;
  onCommit: () => void;
}

function PanelHost(p: HostProps) {
  useLayoutEffect(() => {
    p.onCommit();
  });
  return (
    <ThemeContext.Provider value={theme}>
      <Panel
        id={1}
        data={p.data}
        timeRange={p.data.timeRange}
        timeZone="utc"
        options={p.options}
        fieldConfig={EMPTY_FIELD_CONFIG}
        transparent={false}
        width={p.width}
        height={p.height}
        renderCounter={p.renderCounter}
        title="Traffic"
        eventBus={undefined as never}
        onOptionsChange={() => undefined}
        onFieldConfigChange={() => undefined}
        replaceVariables={((s: string) => s) as never}
        onChangeTimeRange={() => undefined}
      />
    </ThemeContext.Provider>
  );
}

interface Mounted {
  root: Root;
  props: Omit<HostProps, 'onCommit'>;
}
let panel: Mounted | undefined;

/** Renders and resolves once React committed (layout effects ran). */
function renderPanel(m: Mounted): Promise<void> {
  return new Promise((resolve) => {
    m.root.render(<PanelHost {...m.props} onCommit={resolve} />);
  });
}

function graphContainer(): HookedElement | null {
  return panelHost.querySelector('[data-testid="meshgraph-graph"]');
}

/** Resolves once the graph container's attribute `name` satisfies `ok` (watched as it changes). */
function whenAttribute(name: string, ok: (value: string | null) => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => ok(graphContainer()?.getAttribute(name) ?? null);
    if (check()) {
      resolve();
      return;
    }
    const obs = new MutationObserver(() => {
      if (check()) {
        obs.disconnect();
        clearTimeout(timer);
        resolve();
      }
    });
    obs.observe(panelHost, { subtree: true, childList: true, attributes: true, attributeFilter: [name] });
    const timer = setTimeout(() => {
      obs.disconnect();
      reject(
        new Error(
          `panel: ${name} not as awaited after ${timeoutMs} ms (${graphContainer()?.getAttribute(name) ?? 'no graph'})`
        )
      );
    }, timeoutMs);
  });
}

/** Resolves when the panel's graph container says data-status="ready". */
function whenReady(timeoutMs: number): Promise<void> {
  return whenAttribute('data-status', (v) => v === 'ready', timeoutMs);
}

/** Resolves when the graph container's attribute `name` differs from `before`. */
function whenAttributeChanges(name: string, before: string | null | undefined, timeoutMs: number): Promise<void> {
  return whenAttribute(name, (v) => v !== (before ?? null), timeoutMs);
}

// ---- the baseline ----

/** Same look as the panel in plain Cytoscape terms: labels on nodes and edges, bezier edges with arrows, boxes. */
const BASELINE_STYLE = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      'font-size': 10,
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-wrap': 'wrap',
      color: '#ccccdc',
      'text-outline-color': '#181b1f',
      'text-outline-width': 2,
      width: 25,
      height: 25,
      'background-color': '#22252b',
      'border-width': 1,
      'border-color': '#8e8e8e',
    },
  },
  {
    selector: ':parent',
    style: {
      shape: 'round-rectangle',
      'text-valign': 'top',
      'font-size': 11,
      'font-weight': 'bold',
      'background-color': '#2c3235',
      'border-color': '#5a5f66',
      padding: '12px',
    },
  },
  {
    selector: 'edge',
    style: {
      label: 'data(label)',
      'font-size': 8,
      color: '#ccccdc',
      'text-outline-color': '#181b1f',
      'text-outline-width': 2,
      'curve-style': 'bezier',
      width: 2,
      'line-color': '#3eb15b',
      'target-arrow-shape': 'vee',
      'target-arrow-color': '#3eb15b',
    },
  },
];

let baseline: { cy: cytoscape.Core; el: HookedElement } | undefined;

// ---- the API ----

function target(which: 'panel' | 'baseline'): { el: HookedElement; cy: cytoscape.Core } {
  if (which === 'baseline') {
    if (!baseline) {
      throw new Error('no baseline mounted');
    }
    return baseline;
  }
  const el = graphContainer();
  if (!el?.__cy) {
    throw new Error('no panel graph mounted');
  }
  return { el, cy: el.__cy };
}

function intervalsOf(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]);
}

async function dragPan(
  el: HTMLElement,
  cy: cytoscape.Core,
  n: number,
  /** Called at each frame of the drag (i = 0 … n), before the mouse moves. */
  during?: (i: number) => void
): Promise<PanResult> {
  const rect = el.getBoundingClientRect();
  // The top-left corner lies in the fit padding (30 px): background, so a drag there pans.
  let x = rect.left + 10;
  let y = rect.top + 10;
  const hit = document.elementFromPoint(x, y);
  if (!hit || !el.contains(hit)) {
    throw new Error(`drag start (${x}, ${y}) is not on the graph canvas (${hit?.tagName ?? 'nothing'})`);
  }
  const mouse = (type: string, buttons: number) =>
    new MouseEvent(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 0, buttons });
  const pan0 = { ...cy.pan() };
  hit.dispatchEvent(mouse('mousedown', 1));
  await nextFrame();
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
    times.push(await nextFrame());
    during?.(i);
    x += 4;
    y += 2;
    hit.dispatchEvent(mouse('mousemove', 1));
  }
  times.push(await nextFrame());
  const moved = cy.pan().x - pan0.x;
  const t0 = performance.now();
  hit.dispatchEvent(mouse('mouseup', 0));
  await frames(2);
  const releaseMs = performance.now() - t0;
  if (moved < n * 2) {
    throw new Error(`the drag did not pan the graph (pan moved ${moved.toFixed(1)} px)`);
  }
  return { intervals: intervalsOf(times).slice(1), releaseMs };
}

async function programmaticPan(cy: cytoscape.Core, n: number): Promise<PanResult> {
  const times: number[] = [];
  for (let i = 0; i <= n; i++) {
    times.push(await nextFrame());
    cy.panBy({ x: 4, y: 2 });
  }
  times.push(await nextFrame());
  return { intervals: intervalsOf(times).slice(1) };
}

const api: PanelBenchApi = {
  prepare(workloads, variant = 0, boxes = true) {
    const { frames: f, size } = makeFrames(workloads, variant, boxes);
    prepared = { workloads, boxes, frames: f, size };
    return size;
  },

  async mountPanel(opts = {}) {
    if (!prepared) {
      throw new Error('prepare() first');
    }
    if (panel) {
      await api.unmountPanel();
    }
    const m: Mounted = {
      root: createRoot(panelHost),
      props: {
        data: panelData(prepared.frames),
        width: opts.width ?? window.innerWidth,
        height: opts.height ?? window.innerHeight,
        options: opts.options ?? {},
        renderCounter: 1,
      },
    };
    panel = m;
    const t0 = performance.now();
    await renderPanel(m);
    await whenReady(120_000);
    await frames(2);
    const ms = performance.now() - t0;
    const el = graphContainer()!;
    return {
      ms,
      layout: el.getAttribute('data-layout') ?? '',
      status: el.getAttribute('data-status') ?? '',
      nodeCount: Number(el.getAttribute('data-node-count')),
    };
  },

  async refreshPanel(variant) {
    if (!panel || !prepared) {
      throw new Error('no panel mounted');
    }
    const f =
      staged?.variant === variant ? staged.frames : makeFrames(prepared.workloads, variant, prepared.boxes).frames;
    staged = undefined;
    const applied = graphContainer()?.getAttribute('data-content-version');
    panel.props = { ...panel.props, data: panelData(f), renderCounter: panel.props.renderCounter + 1 };
    await renderPanel(panel);
    // The panel reads a new answer's frames in a task after the render that brought them.
    await whenAttributeChanges('data-content-version', applied, 60000);
    await frames(2);
  },

  stageRefresh(variant, variation) {
    if (!prepared) {
      throw new Error('prepare() first');
    }
    staged = { variant, frames: makeFrames(prepared.workloads, variant, prepared.boxes, variation).frames };
  },

  stagedEdges() {
    if (!staged) {
      throw new Error('stageRefresh() first');
    }
    const defs = buildElements(fromFrames(staged.frames as unknown as FrameLike[]), {
      edgeLabels: ['trafficRate'] as EdgeLabelMode[],
      showBadges: true,
    });
    return defs.edges.map((e) => ({
      id: e.data.id,
      label: String(e.data.label ?? ''),
      healthStatus: String(e.data.healthStatus ?? ''),
    }));
  },

  async dragWhileRefreshing(frames, variant) {
    const { el, cy } = target('panel');
    let refreshed: Promise<void> | undefined;
    // The refresh starts a quarter into the drag; the drag goes on while React and Cytoscape apply it.
    const r = await dragPan(el, cy, frames, (i) => {
      if (i === Math.floor(frames / 4)) {
        refreshed = api.refreshPanel(variant);
      }
    });
    await refreshed;
    return r;
  },

  async resizePanel(width, height) {
    if (!panel) {
      throw new Error('no panel mounted');
    }
    panel.props = { ...panel.props, width, height, renderCounter: panel.props.renderCounter + 1 };
    await renderPanel(panel);
    await frames(2);
  },

  async unmountPanel() {
    panel?.root.unmount();
    panel = undefined;
  },

  async mountBaseline(opts = {}) {
    if (!prepared) {
      throw new Error('prepare() first');
    }
    await api.unmountBaseline();
    // The panel's own element definitions (same labels, same boxes), made before the clock starts.
    const graph = fromFrames(prepared.frames as unknown as FrameLike[]);
    const defs = buildElements(graph, { edgeLabels: ['trafficRate'] as EdgeLabelMode[], showBadges: true });
    const elements = [...defs.nodes, ...defs.edges].map((d) => ({ group: d.group, data: { ...d.data } }));
    const el = document.createElement('div') as HookedElement;
    el.style.width = `${opts.width ?? window.innerWidth}px`;
    el.style.height = `${opts.height ?? window.innerHeight}px`;
    el.setAttribute('data-testid', 'baseline-graph');
    baselineHost.append(el);

    const t0 = performance.now();
    let cy!: cytoscape.Core;
    await new Promise<void>((resolve) => {
      cy = cytoscape({
        container: el,
        elements: elements as cytoscape.ElementDefinition[],
        style: BASELINE_STYLE as unknown as cytoscape.StylesheetJson,
        layout: {
          name: 'grid',
          fit: true,
          padding: 30,
          animate: false,
          avoidOverlap: true,
          stop: () => resolve(),
        } as cytoscape.LayoutOptions,
      });
    });
    await frames(2);
    const ms = performance.now() - t0;
    Object.defineProperty(el, '__cy', { value: cy, configurable: true, enumerable: false });
    baseline = { cy, el };
    return { ms, layout: 'grid', status: 'ready', nodeCount: cy.nodes().length };
  },

  async unmountBaseline() {
    if (baseline) {
      baseline.cy.destroy();
      delete baseline.el.__cy;
      baseline.el.remove();
      baseline = undefined;
    }
  },

  pan(which, kind: PanKind, n) {
    const { el, cy } = target(which);
    return kind === 'drag' ? dragPan(el, cy, n) : programmaticPan(cy, n);
  },

  dim(ids, by) {
    const { cy } = target('panel');
    const dimming = drawnDimmingOf(cy);
    if (!dimming) {
      throw new Error('the panel instance draws no dimming');
    }
    const wanted = cy.collection();
    for (const id of by === 'none' ? [] : ids) {
      const e = cy.getElementById(id);
      if (e.empty()) {
        throw new Error(`${id} is not in the graph`);
      }
      wanted.merge(e);
    }
    // Only what changes (a class call restyles every element it touches, changed or not).
    const drawnOn: cytoscape.SingularElementArgument[] = [];
    const drawnOff: cytoscape.SingularElementArgument[] = [];
    cy.elements().forEach((e) => {
      const want = by === 'drawing' && wanted.has(e);
      if (dimming.isDimmed(e) !== want) {
        (want ? drawnOn : drawnOff).push(e);
      }
    });
    dimming.change(drawnOn, drawnOff);
    const styled = cy.elements(`.${CLASS.dim}`);
    const wantStyled = by === 'style' ? wanted : cy.collection();
    styled.difference(wantStyled).removeClass(CLASS.dim);
    wantStyled.difference(styled).addClass(CLASS.dim);
  },

  tweak(which, setting) {
    const { cy } = target(which);
    const r = (cy as unknown as { renderer(): Record<string, unknown> }).renderer();
    switch (setting) {
      case 'no-texture':
        r.textureOnViewport = false;
        break;
      case 'texture':
        r.textureOnViewport = true;
        break;
      case 'hide-edges-on-viewport':
        r.hideEdgesOnViewport = true;
        break;
      case 'show-edges-on-viewport':
        r.hideEdgesOnViewport = false;
        break;
      case 'hide-labels-on-viewport':
        r.hideLabelsOnViewport = true;
        break;
      case 'no-labels':
        cy.style().selector('node, edge').style({ label: '' }).update();
        break;
      case 'no-edge-labels':
        cy.style().selector('edge').style({ label: '' }).update();
        break;
      case 'haystack':
        cy.style().selector('edge').style({ 'curve-style': 'haystack' }).update();
        break;
      default:
        throw new Error(`unknown tweak ${setting}`);
    }
    cy.forceRender();
  },

  dom(): DomCounts {
    let cyContainers = 0;
    for (const el of document.querySelectorAll('*')) {
      if ('__cy' in el) {
        cyContainers++;
      }
    }
    return {
      cyContainers,
      canvases: document.querySelectorAll('canvas').length,
      elements: document.getElementsByTagName('*').length,
    };
  },

  timers(): TimerCounts | undefined {
    const f = (window as unknown as { __meshgraphTimers?: () => TimerCounts }).__meshgraphTimers;
    return f ? f() : undefined;
  },

  frames,
};

(window as unknown as { panelBench: PanelBenchApi }).panelBench = api;
// For profiling sessions: the bundled Cytoscape module (e.g. to wrap prototype methods and count calls).
(window as unknown as { benchCytoscape: typeof cytoscape }).benchCytoscape = cytoscape;
document.title = 'Meshgraph panel benchmark';
