/**
 * The test API the sandbox page exposes as `window.sandbox`. Types only, shared by the page and the Node-side
 * helpers (values cross page.evaluate as JSON, so everything returned is plain data).
 */
import type { ThemeMode } from './params';

export interface FieldSummary {
  name: string;
  type: string;
  /** `config.displayName`, when set (Node Graph shows it for detail__ fields). */
  displayName?: string;
}

export interface FrameSummary {
  name?: string;
  refId?: string;
  length: number;
  fields: FieldSummary[];
  preferredVisualisationType?: string;
}

export interface NoticeSummary {
  severity: string;
  text: string;
  frame?: string;
}

export interface ErrorSummary {
  message: string;
  status?: number;
  refId?: string;
  type?: string;
}

/**
 * Grafana's Node Graph contract check (field names per @grafana/data NodeGraphDataFrameFieldNames): which frames
 * Node Graph would take as nodes/edges, and what it would miss.
 */
export interface NodeGraphCheck {
  nodesFrame?: string;
  edgesFrame?: string;
  nodeFields: string[];
  edgeFields: string[];
  /** Required fields that are absent (edges: id, source, target; nodes: id). Empty when Node Graph can draw it. */
  missing: string[];
  /** Fields matching a contract name only when case is ignored (e.g. `mainStat`). */
  caseOnlyMatches: string[];
}

export interface QuerySummary {
  /** LoadingState of the PanelData handed to the panel: Done, Error, Loading, Streaming, NotStarted. */
  state: string;
  series: FrameSummary[];
  errors: ErrorSummary[];
  /** `meta.notices` of every frame. */
  notices: NoticeSummary[];
  request: {
    requestId: string;
    targets: Array<Record<string, unknown>>;
    range: { from: number; to: number };
    interval: string;
    intervalMs: number;
  };
  nodeGraph: NodeGraphCheck;
}

export interface PluginSummary {
  id: string;
  type: string;
  name: string;
  baseUrl: string;
  module: string;
  logos: { small?: string; large?: string };
}

export interface SandboxApi {
  /** Resolves once plugins are loaded and the first query has rendered; rejects with a readable load error. */
  ready: Promise<void>;
  /** Re-runs the query and re-renders, like a dashboard refresh. */
  refresh(): Promise<void>;
  /** Selects variable values (`['$__all']` for All) and refreshes. */
  setVariable(name: string, values: string | string[]): Promise<void>;
  /** Sets an absolute time range (epoch ms) and refreshes. */
  setTimeRange(fromMs: number, toMs: number): Promise<void>;
  /** Switches the theme (config.theme2, ThemeContext, page background) and re-renders. */
  setTheme(mode: ThemeMode): Promise<void>;
  /** Merges panel options and re-renders (no new query, like editing options in Grafana). */
  setOptions(options: Record<string, unknown>): Promise<void>;
  /** Resizes the panel and re-renders. */
  setSize(width: number, height: number): Promise<void>;
  /** Summary of the last query; null before the first one finished. */
  lastQuery: QuerySummary | null;
  /** The frames handed to the panel in its last render (PanelProps.data.series). */
  panelSeries(): unknown[];
  /** data-* attributes (without the `data-` prefix) of the panel container, or null when it is absent. */
  state(selector?: string): Record<string, string> | null;
  /** Resolves when the container's `data-<name>` attribute equals value; rejects after timeoutMs. */
  waitForAttribute(name: string, value: string, timeoutMs?: number, selector?: string): Promise<void>;
  /** The options object the panel received last. */
  options(): Record<string, unknown>;
  /** Loaded plugins (from dist/), with resolved logo URLs. */
  plugins: PluginSummary[];
  /** Every HTTP request the datasource made through getBackendSrv(). */
  requests(): Array<{ method: string; url: string; status?: number; cancelled?: boolean; error?: string }>;
  /** Errors caught by the panel's error boundary. */
  renderErrors: string[];
  /** How many times the panel was rendered (PanelProps.renderCounter). */
  renderCount: number;
}

export const DEFAULT_CONTAINER_SELECTOR = '[data-testid="meshgraph-graph"]';
