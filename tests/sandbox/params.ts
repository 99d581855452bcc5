/**
 * The sandbox page's setup travels in its URL query, like a Grafana dashboard URL carries `from`, `to`,
 * `theme` and `var-<name>`. This module is shared by the page (decode) and the Node test helpers (encode);
 * it has no DOM or Grafana imports.
 */

export type ThemeMode = 'dark' | 'light';

/** A dashboard variable as the sandbox models it (text = value for every option). */
export interface SandboxVariable {
  name: string;
  type: 'custom' | 'query' | 'constant' | 'textbox';
  label?: string;
  multi?: boolean;
  includeAll?: boolean;
  /** Custom "All" value (e.g. `.*`); without it "All" expands to every option. */
  allValue?: string | null;
  options: string[];
  /** Selected values; `['$__all']` selects "All". */
  current: string[];
  query?: string;
}

/** What a test may set. Everything is optional; see DEFAULTS for the values used otherwise. */
export interface SandboxParams {
  theme?: ThemeMode;
  /** Epoch milliseconds, or Grafana relative time such as `now-1h`. */
  from?: number | string;
  to?: number | string;
  width?: number;
  height?: number;
  title?: string;
  /** instanceSettings.url of the datasource (the server proxies it to Prometheus). */
  dsUrl?: string;
  /** instanceSettings.jsonData of the datasource. */
  jsonData?: Record<string, unknown>;
  /** Queries of the panel; without them the datasource's default query with `namespace: ['$namespace']`. */
  targets?: Array<Record<string, unknown>>;
  /** Panel options merged over the panel plugin's defaults. */
  options?: Record<string, unknown>;
  /** Panel fieldConfig (`{defaults, overrides}`) merged over the plugin's field-config defaults. */
  fieldConfig?: Record<string, unknown>;
  /** Options of the `namespace` variable. */
  namespaces?: string[];
  /** Selected values per variable name (`var-<name>` in the URL); `['$__all']` selects All. */
  vars?: Record<string, string[]>;
  /** Extra variables besides `namespace` and `duration`. */
  variables?: SandboxVariable[];
  /** Pick a plugin by id when dist/ holds several of a type. */
  datasourcePluginId?: string;
  panelPluginId?: string;
  /** Grafana's dashboard chrome around the panel (variable pickers, time range, refresh, options pane): the demo. */
  controls?: boolean;
}

export interface SandboxSetup {
  theme: ThemeMode;
  from: number | string;
  to: number | string;
  width: number;
  height: number;
  title: string;
  dsUrl: string;
  jsonData: Record<string, unknown>;
  targets?: Array<Record<string, unknown>>;
  options: Record<string, unknown>;
  fieldConfig?: Record<string, unknown>;
  variables: SandboxVariable[];
  datasourcePluginId?: string;
  panelPluginId?: string;
  controls: boolean;
}

export const DEFAULT_DS_URL = '/prometheus-proxy';
export const ALL_VALUE = '$__all';
export const DURATION_OPTIONS = ['1m', '5m', '10m', '30m', '1h', '3h', '6h', '12h', '1d'];

const DEFAULTS = {
  theme: 'dark' as ThemeMode,
  from: 'now-1h',
  to: 'now',
  width: 1200,
  height: 800,
  title: 'Traffic',
};

const JSON_KEYS = ['jsonData', 'targets', 'options', 'fieldConfig', 'variables'] as const;

/** Encodes params as a URL query string (without `?`). */
export function encodeSandboxParams(params: SandboxParams): string {
  const q = new URLSearchParams();
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== null) {
      q.set(key, String(value));
    }
  };
  put('theme', params.theme);
  put('from', params.from);
  put('to', params.to);
  put('width', params.width);
  put('height', params.height);
  put('title', params.title);
  put('dsUrl', params.dsUrl);
  put('datasourcePluginId', params.datasourcePluginId);
  put('panelPluginId', params.panelPluginId);
  if (params.controls) {
    q.set('controls', '1');
  }
  for (const key of JSON_KEYS) {
    if (params[key] !== undefined) {
      q.set(key, JSON.stringify(params[key]));
    }
  }
  if (params.namespaces) {
    q.set('namespaces', params.namespaces.join(','));
  }
  for (const [name, values] of Object.entries(params.vars ?? {})) {
    for (const value of values) {
      q.append(`var-${name}`, value);
    }
  }
  return q.toString();
}

/** Decodes a URL query; bad JSON or numbers throw an Error naming the parameter. */
export function decodeSandboxParams(search: string): SandboxSetup {
  const q = new URLSearchParams(search);
  const json = <T>(key: string): T | undefined => {
    const raw = q.get(key);
    if (raw === null || raw === '') {
      return undefined;
    }
    try {
      return JSON.parse(raw) as T;
    } catch (e) {
      throw new Error(`sandbox: URL parameter "${key}" is not valid JSON: ${(e as Error).message}`);
    }
  };
  const positive = (key: string, fallback: number): number => {
    const raw = q.get(key);
    if (raw === null || raw === '') {
      return fallback;
    }
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) {
      throw new Error(`sandbox: URL parameter "${key}" must be a positive number, got "${raw}"`);
    }
    return Math.round(n);
  };
  const time = (key: string, fallback: string): number | string => {
    const raw = q.get(key);
    if (raw === null || raw === '') {
      return fallback;
    }
    return /^\d+$/.test(raw) ? Number(raw) : raw;
  };
  const theme = q.get('theme') ?? DEFAULTS.theme;
  if (theme !== 'dark' && theme !== 'light') {
    throw new Error(`sandbox: URL parameter "theme" must be dark or light, got "${theme}"`);
  }

  const selected = (name: string): string[] | undefined => {
    const values = q.getAll(`var-${name}`);
    return values.length > 0 ? values : undefined;
  };
  const namespaces = (q.get('namespaces') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const variables: SandboxVariable[] = [
    {
      name: 'namespace',
      label: 'Namespace',
      type: 'query',
      multi: true,
      includeAll: true,
      allValue: null,
      options: namespaces,
      current: selected('namespace') ?? [ALL_VALUE],
      query: 'label_values(istio_requests_total, destination_service_namespace)',
    },
    {
      name: 'duration',
      label: 'Duration',
      type: 'custom',
      multi: false,
      includeAll: false,
      options: DURATION_OPTIONS,
      current: selected('duration') ?? ['10m'],
      query: DURATION_OPTIONS.join(','),
    },
  ];
  for (const extra of json<SandboxVariable[]>('variables') ?? []) {
    if (!extra || typeof extra.name !== 'string' || !Array.isArray(extra.options)) {
      throw new Error('sandbox: every entry of "variables" needs a name and an options array');
    }
    const v: SandboxVariable = { ...extra, current: selected(extra.name) ?? extra.current ?? [] };
    const at = variables.findIndex((existing) => existing.name === v.name);
    if (at >= 0) {
      variables[at] = v;
    } else {
      variables.push(v);
    }
  }

  return {
    theme,
    from: time('from', DEFAULTS.from),
    to: time('to', DEFAULTS.to),
    width: positive('width', DEFAULTS.width),
    height: positive('height', DEFAULTS.height),
    title: q.get('title') ?? DEFAULTS.title,
    dsUrl: q.get('dsUrl') || DEFAULT_DS_URL,
    jsonData: json<Record<string, unknown>>('jsonData') ?? {},
    targets: json<Array<Record<string, unknown>>>('targets'),
    options: json<Record<string, unknown>>('options') ?? {},
    fieldConfig: json<Record<string, unknown>>('fieldConfig'),
    variables,
    datasourcePluginId: q.get('datasourcePluginId') ?? undefined,
    panelPluginId: q.get('panelPluginId') ?? undefined,
    controls: q.get('controls') === '1',
  };
}
