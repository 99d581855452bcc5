/**
 * What a dashboard viewer chose in the panel's Display menu (Kiali's display options). The panel options are the
 * defaults; a viewer's choices are kept per panel in the browser's local storage, never written into the dashboard.
 * Only the choices that differ from the options are stored, so a later change of the options still shows.
 */
import { EDGE_LABEL_MODES, EdgeLabelMode } from './graph/edgeLabels';
import { LAYOUTS, LayoutName } from './graph/layouts';
import type { TrafficPanelOptions } from './options';

export type BoxChoice = 'query' | 'none' | 'namespace' | 'app' | 'cluster';

export interface DisplaySettings {
  edgeLabels: EdgeLabelMode[];
  showBadges: boolean;
  showIdleNodes: boolean;
  showIdleEdges: boolean;
  animation: boolean;
  layout: LayoutName;
  /** Edge width by traffic (off: one width, as Kiali). */
  widthByTraffic: boolean;
  /** Colour-blind-safe palette (Okabe–Ito) instead of the theme's green/orange/red. */
  colorBlind: boolean;
  /** Query-level choices; undefined = as the query says. The panel re-asks the datasource when one is set. */
  serviceNodes?: boolean;
  operationNodes?: boolean;
  boxes?: BoxChoice;
}

export const DISPLAY_KEYS: Array<keyof DisplaySettings> = [
  'edgeLabels',
  'showBadges',
  'showIdleNodes',
  'showIdleEdges',
  'animation',
  'layout',
  'widthByTraffic',
  'colorBlind',
  'serviceNodes',
  'operationNodes',
  'boxes',
];

export function displayDefaults(o: TrafficPanelOptions): DisplaySettings {
  return {
    edgeLabels: o.edgeLabels,
    showBadges: o.showBadges,
    showIdleNodes: o.showIdleNodes,
    showIdleEdges: o.showIdleEdges,
    animation: o.animation,
    layout: o.layout,
    widthByTraffic: o.widthByTraffic,
    colorBlind: o.palette === 'colorBlind',
  };
}

/** Keeps only well-formed values (storage may hold anything: another version, a hand edit). */
export function sanitizeOverrides(raw: unknown): Partial<DisplaySettings> {
  if (!raw || typeof raw !== 'object') {
    return {};
  }
  const r = raw as Record<string, unknown>;
  const out: Partial<DisplaySettings> = {};
  if (Array.isArray(r.edgeLabels)) {
    out.edgeLabels = r.edgeLabels.filter((m): m is EdgeLabelMode => EDGE_LABEL_MODES.some((x) => x.value === m));
  }
  for (const k of [
    'showBadges',
    'showIdleNodes',
    'showIdleEdges',
    'animation',
    'widthByTraffic',
    'colorBlind',
    'serviceNodes',
    'operationNodes',
  ] as const) {
    if (typeof r[k] === 'boolean') {
      out[k] = r[k] as boolean;
    }
  }
  if (typeof r.layout === 'string' && LAYOUTS.some((l) => l.value === r.layout)) {
    out.layout = r.layout as LayoutName;
  }
  if (typeof r.boxes === 'string' && ['query', 'none', 'namespace', 'app', 'cluster'].includes(r.boxes)) {
    out.boxes = r.boxes as BoxChoice;
  }
  return out;
}

export function mergeDisplay(defaults: DisplaySettings, overrides: Partial<DisplaySettings>): DisplaySettings {
  return { ...defaults, ...overrides };
}

/** The storage key of one panel: the dashboard's path (its uid in Grafana's URLs) and the panel id. */
export function storageKey(path: string, panelId: number | string): string {
  return `meshgraph.display:${path}#${panelId}`;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readOverrides(storage: StorageLike | undefined, key: string): Partial<DisplaySettings> {
  try {
    const raw = storage?.getItem(key);
    return raw ? sanitizeOverrides(JSON.parse(raw)) : {};
  } catch {
    return {};
  }
}

export function writeOverrides(storage: StorageLike | undefined, key: string, o: Partial<DisplaySettings>): void {
  try {
    if (Object.keys(o).length === 0) {
      storage?.removeItem(key);
    } else {
      storage?.setItem(key, JSON.stringify(o));
    }
  } catch {
    // Storage full or disabled: the choice holds for this page only.
  }
}

/** The overrides after setting `key` to `value`: a value equal to the default is not kept. */
export function withChoice<K extends keyof DisplaySettings>(
  overrides: Partial<DisplaySettings>,
  defaults: DisplaySettings,
  key: K,
  value: DisplaySettings[K]
): Partial<DisplaySettings> {
  const next = { ...overrides };
  const same =
    Array.isArray(value) && Array.isArray(defaults[key])
      ? [...(value as unknown[])].sort().join(',') === [...(defaults[key] as unknown[])].sort().join(',')
      : value === defaults[key];
  if (same || value === undefined) {
    delete next[key];
  } else {
    next[key] = value;
  }
  return next;
}

/** Query fields a display choice changes (the panel asks the datasource again with these). */
export function queryOverrides(d: DisplaySettings): Record<string, unknown> | undefined {
  const o: Record<string, unknown> = {};
  if (d.serviceNodes !== undefined) {
    o.injectServiceNodes = d.serviceNodes;
  }
  if (d.operationNodes !== undefined) {
    o.aggregate = d.operationNodes ? 'request_operation' : '';
  }
  if (d.boxes !== undefined && d.boxes !== 'query') {
    o.boxBy = d.boxes === 'none' ? [] : [d.boxes];
  }
  if (d.showIdleEdges) {
    o.includeIdleEdges = true;
  }
  return Object.keys(o).length > 0 ? o : undefined;
}
