/**
 * Panel options: their type, defaults and the options editor. Every default the panel uses lives here.
 */
import type { PanelOptionsEditorBuilder, SelectableValue } from '@grafana/data';
import { EDGE_LABEL_MODES, EdgeLabelMode } from './graph/edgeLabels';
import { LAYOUTS, LayoutName } from './graph/layouts';
import { isRendererOption, RENDERER_OPTIONS, RendererOption } from './graph/renderer';

export type ResponseTimeStatLabel = 'auto' | 'avg' | '50' | '95' | '99';

export interface TrafficPanelOptions {
  layout: LayoutName;
  edgeLabels: EdgeLabelMode[];
  /** Which statistic the datasource delivers as response time (shown in the drawer and legend). */
  responseTimeStat: ResponseTimeStatLabel;
  animation: boolean;
  findExpression: string;
  hideExpression: string;
  showLegend: boolean;
  showBadges: boolean;
  /** Labels smaller than this many screen pixels are not drawn (zoomed out). */
  labelMinZoomedFontSize: number;
  /** No traffic animation above this many nodes. */
  animationNodeLimit: number;
  /** Large-graph mode (fast layout, cheaper drawing) above this many nodes. */
  largeGraphThreshold: number;
  /** Cytoscape's 2D canvas renderer or its experimental WebGL mode (graph/renderer.ts says why canvas is the default). */
  renderer: RendererOption;
  /** Kiali hides idle nodes (no traffic in the range) and idle edges unless asked. */
  showIdleNodes: boolean;
  showIdleEdges: boolean;
  /** Edge width from the frames' thickness (traffic); off: one width, as Kiali. */
  widthByTraffic: boolean;
  /** The theme's health colours, or a colour-blind-safe palette. */
  palette: PaletteChoice;
  /** Node positions a user saved with "Save layout" (only written on that explicit save). */
  savedLayout?: SavedLayout;
}

export type PaletteChoice = 'theme' | 'colorBlind';

export interface SavedLayout {
  /** Model coordinates of leaf nodes by id. */
  positions: Record<string, { x: number; y: number }>;
  /** The layout the positions were made from (informational). */
  layout?: string;
  savedAt?: string;
}

export const DEFAULT_OPTIONS: TrafficPanelOptions = {
  layout: 'dagre',
  edgeLabels: [],
  responseTimeStat: 'auto',
  animation: false,
  findExpression: '',
  hideExpression: '',
  showLegend: false,
  showBadges: true,
  labelMinZoomedFontSize: 6,
  animationNodeLimit: 500,
  largeGraphThreshold: 300,
  renderer: 'canvas',
  showIdleNodes: false,
  showIdleEdges: false,
  widthByTraffic: false,
  palette: 'theme',
};

/** Options as saved may be partial or from an older version: fill in the defaults. */
export function withDefaults(options: Partial<TrafficPanelOptions> | undefined): TrafficPanelOptions {
  const o = { ...DEFAULT_OPTIONS, ...(options ?? {}) };
  // Earlier versions saved a boolean `webgl` switch: on meant WebGL always.
  const legacy = (options as { webgl?: unknown } | undefined)?.webgl;
  if (options?.renderer === undefined && typeof legacy === 'boolean') {
    o.renderer = legacy ? 'webgl' : 'canvas';
  }
  delete (o as { webgl?: unknown }).webgl;
  if (!isRendererOption(o.renderer)) {
    o.renderer = DEFAULT_OPTIONS.renderer;
  }
  o.edgeLabels = Array.isArray(o.edgeLabels)
    ? o.edgeLabels.filter((m) => EDGE_LABEL_MODES.some((x) => x.value === m))
    : [];
  if (o.palette !== 'theme' && o.palette !== 'colorBlind') {
    o.palette = DEFAULT_OPTIONS.palette;
  }
  const saved = o.savedLayout as SavedLayout | undefined;
  if (saved !== undefined && (typeof saved !== 'object' || !saved || typeof saved.positions !== 'object' || !saved.positions)) {
    delete o.savedLayout;
  }
  for (const key of ['labelMinZoomedFontSize', 'animationNodeLimit', 'largeGraphThreshold'] as const) {
    const v = Number(o[key]);
    o[key] = Number.isFinite(v) && v >= 0 ? v : DEFAULT_OPTIONS[key];
  }
  return o;
}

/**
 * Only the panel's own options: the frames it draws are not formatted by field config (no units, thresholds or
 * value mappings), so the plugin registers no field options (module.tsx). The viewer's Display menu starts from
 * these values. Saved layouts are written by the panel's Save layout button, not edited here.
 */
export function buildOptionsEditor(builder: PanelOptionsEditorBuilder<TrafficPanelOptions>): void {
  const graph = ['Graph'];
  const display = ['Display'];
  const findHide = ['Find and hide'];
  const perf = ['Large graphs'];
  builder
    .addSelect({
      path: 'layout',
      name: 'Layout',
      description:
        'Dagre follows the traffic direction. Above the large-graph threshold a fast layered layout replaces dagre and fCoSE.',
      category: graph,
      defaultValue: DEFAULT_OPTIONS.layout,
      settings: { options: LAYOUTS.map((l) => ({ value: l.value, label: l.label, description: l.description })) },
    })
    .addMultiSelect({
      path: 'edgeLabels',
      name: 'Edge labels',
      description: 'Several can be shown at once; units appear when more than one is on.',
      category: display,
      defaultValue: DEFAULT_OPTIONS.edgeLabels,
      // The multi-select editor lists single values although the option holds an array (Grafana's typing).
      settings: {
        options: EDGE_LABEL_MODES.map((m) => ({
          value: m.value,
          label: m.label,
          description: m.description,
        })) as unknown as Array<SelectableValue<EdgeLabelMode[]>>,
      },
    })
    .addSelect({
      path: 'responseTimeStat',
      name: 'Response time statistic',
      description: 'The statistic the query delivers (set in the query editor); used to name it.',
      category: display,
      defaultValue: DEFAULT_OPTIONS.responseTimeStat,
      settings: {
        options: [
          { value: 'auto', label: 'As delivered' },
          { value: 'avg', label: 'Average' },
          { value: '50', label: 'p50' },
          { value: '95', label: 'p95' },
          { value: '99', label: 'p99' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'showBadges',
      name: 'Badges',
      description: 'Traffic source, gateway, missing sidecar, dead and outside markers on node labels.',
      category: display,
      defaultValue: DEFAULT_OPTIONS.showBadges,
    })
    .addBooleanSwitch({
      path: 'showIdleNodes',
      name: 'Idle nodes',
      description: 'Nodes without traffic in the range (Kiali hides them unless asked).',
      category: display,
      defaultValue: DEFAULT_OPTIONS.showIdleNodes,
    })
    .addBooleanSwitch({
      path: 'showIdleEdges',
      name: 'Idle edges',
      description: 'Edges without traffic in the range; when the query leaves them out, the panel asks for them.',
      category: display,
      defaultValue: DEFAULT_OPTIONS.showIdleEdges,
    })
    .addBooleanSwitch({
      path: 'widthByTraffic',
      name: 'Edge width by traffic',
      description: 'Off: every edge has the same width, as in Kiali.',
      category: display,
      defaultValue: DEFAULT_OPTIONS.widthByTraffic,
    })
    .addRadio({
      path: 'palette',
      name: 'Health colours',
      description: 'The colour-blind-safe palette uses blue, orange and vermillion (Okabe–Ito).',
      category: display,
      defaultValue: DEFAULT_OPTIONS.palette,
      settings: {
        options: [
          { value: 'theme', label: 'Theme' },
          { value: 'colorBlind', label: 'Colour-blind safe' },
        ],
      },
    })
    .addBooleanSwitch({
      path: 'showLegend',
      name: 'Legend',
      category: display,
      defaultValue: DEFAULT_OPTIONS.showLegend,
    })
    .addBooleanSwitch({
      path: 'animation',
      name: 'Traffic animation',
      description:
        'Dots along edges (off when the panel is off screen, when reduced motion is asked for, and above the node limit).',
      category: display,
      defaultValue: DEFAULT_OPTIONS.animation,
    })
    .addNumberInput({
      path: 'labelMinZoomedFontSize',
      name: 'Hide labels below (px)',
      description: 'Labels smaller than this on screen are not drawn when zoomed out.',
      category: display,
      defaultValue: DEFAULT_OPTIONS.labelMinZoomedFontSize,
      settings: { min: 0, max: 30, integer: true },
    })
    .addTextInput({
      path: 'findExpression',
      name: 'Find',
      description: 'Highlight matching elements, e.g. "rt > 1000", "! healthy", "ns = bookinfo AND httpin > 1".',
      category: findHide,
      defaultValue: DEFAULT_OPTIONS.findExpression,
    })
    .addTextInput({
      path: 'hideExpression',
      name: 'Hide',
      description: 'Hide matching elements, e.g. "healthy", "name = unknown", "rank > 2".',
      category: findHide,
      defaultValue: DEFAULT_OPTIONS.hideExpression,
    })
    .addNumberInput({
      path: 'largeGraphThreshold',
      name: 'Large-graph threshold (nodes)',
      description: 'Above this: fast layout instead of dagre/fCoSE, straight edges, cheaper pan and zoom.',
      category: perf,
      defaultValue: DEFAULT_OPTIONS.largeGraphThreshold,
      settings: { min: 10, integer: true },
    })
    .addNumberInput({
      path: 'animationNodeLimit',
      name: 'Animation node limit',
      category: perf,
      defaultValue: DEFAULT_OPTIONS.animationNodeLimit,
      settings: { min: 0, integer: true },
    })
    .addRadio({
      path: 'renderer',
      name: 'Renderer',
      description:
        'WebGL (experimental in Cytoscape) may be faster with a GPU; it is much slower where the browser renders WebGL ' +
        'in software. Without WebGL 2, or when its context is lost or drawing fails, canvas draws.',
      category: perf,
      defaultValue: DEFAULT_OPTIONS.renderer,
      settings: { options: RENDERER_OPTIONS },
    });
}
