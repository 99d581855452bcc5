/**
 * The sandbox host: plays Grafana's part for the built plugins in dist/. Bundled by tests/sandbox/build.ts;
 * SystemJS (system.js + extras/amd.js) is loaded by index.html after this bundle, and start() runs on
 * DOMContentLoaded.
 */
import './bootData';

import {
  type DataQuery,
  type DataSourceApi,
  type DataSourceInstanceSettings,
  type DataSourcePlugin,
  EventBusSrv,
  type FieldConfigSource,
  LoadingState,
  type PanelData,
  type PanelPlugin,
  applyFieldOverrides,
  createTheme,
  patchArrayVectorProrotypeMethods,
} from '@grafana/data';
import {
  config,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
  type DataSourceSrv,
} from '@grafana/runtime';
import { mergeWith } from 'lodash';
import React from 'react';
import { createRoot, type Root } from 'react-dom/client';

import { DEFAULT_CONTAINER_SELECTOR, type QuerySummary, type SandboxApi } from './api';
import { SandboxBackendSrv } from './backendSrv';
import { decodeSandboxParams, type SandboxSetup, type ThemeMode } from './params';
import { SandboxPanelDataErrorView } from './PanelDataErrorView';
import { DashboardControls, OptionsPane, optionItems } from './DashboardControls';
import { PanelView } from './PanelView';
import {
  type DistPlugin,
  fetchDistPlugins,
  importDataSourcePlugin,
  importPanelPlugin,
  pickPlugin,
  summarize,
  toPluginMeta,
} from './pluginLoader';
import { buildRequest, runRequest, toTimeRange } from './queryRunner';
import { initOptionRegistries } from './registries';
import { registerSharedModules, type SystemJSLike } from './sharedModules';
import { summarizeQuery } from './summary';
import { SandboxTemplateSrv } from './templateSrv';

// Grafana applies this at start-up (Array.prototype get/set/add/toArray, writable since grafana#71315).
patchArrayVectorProrotypeMethods();

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface ViewState {
  theme: ThemeMode;
  data: PanelData;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  width: number;
  height: number;
  renderCounter: number;
}

// Arrays in saved options replace the defaults (Grafana's getPanelOptionsWithDefaults does the same).
const mergeOptions = <T extends object>(base: T, over: object): T =>
  mergeWith({}, base, over, (_a: unknown, b: unknown) => (Array.isArray(b) ? b : undefined));

function applyTheme(mode: ThemeMode) {
  const theme = createTheme({ colors: { mode } });
  const c = config as unknown as Mutable<typeof config>;
  c.theme2 = theme;
  c.theme = theme.v1;
  c.bootData.user.lightTheme = mode === 'light';
  document.body.style.background = theme.colors.background.canvas;
  document.body.style.margin = '0';
  return theme;
}

function showLoadError(message: string) {
  const el = document.getElementById('sandbox-error') ?? document.body.appendChild(document.createElement('pre'));
  el.id = 'sandbox-error';
  el.textContent = message;
  el.style.color = '#f55';
  el.style.whiteSpace = 'pre-wrap';
}

function createDataSourceSrv(settings: DataSourceInstanceSettings, instance: DataSourceApi): DataSourceSrv {
  const matches = (ref: unknown) =>
    ref === null ||
    ref === undefined ||
    ref === settings.uid ||
    ref === settings.name ||
    (typeof ref === 'object' && ((ref as { uid?: string }).uid === settings.uid || !(ref as { uid?: string }).uid));
  return {
    get: async (ref) => {
      if (!matches(ref)) {
        throw new Error(`sandbox: unknown datasource ${JSON.stringify(ref)}`);
      }
      return instance;
    },
    getList: () => [settings],
    getInstanceSettings: (ref) => (matches(ref) ? settings : undefined),
    reload: () => {},
    registerRuntimeDataSource: () => {
      throw new Error('sandbox: runtime datasources are not supported');
    },
  } as DataSourceSrv;
}

async function start(api: Mutable<SandboxApi>, setup: SandboxSetup): Promise<void> {
  const system = (window as unknown as { System?: SystemJSLike }).System;
  if (!system || typeof (window as unknown as { define?: { amd?: unknown } }).define?.amd !== 'object') {
    throw new Error('sandbox: SystemJS with the AMD extra is not loaded (index.html must load system.js and amd.js)');
  }
  setAppEvents(new EventBusSrv());
  // Grafana calls setPanelDataErrorView(...) at boot; that setter is internal to @grafana/runtime 12.4's package
  // (not exported), so the sandbox puts its view into the shared module plugins import instead.
  registerSharedModules(system, { '@grafana/runtime': { PanelDataErrorView: SandboxPanelDataErrorView } });
  initOptionRegistries();

  const templateSrv = new SandboxTemplateSrv(setup.variables);
  setTemplateSrv(templateSrv);
  const backendSrv = new SandboxBackendSrv();
  setBackendSrv(backendSrv);
  api.requests = () => backendSrv.log.map((r) => ({ ...r }));

  let theme = applyTheme(setup.theme);

  const distPlugins: DistPlugin[] = await fetchDistPlugins();
  const dsEntry = pickPlugin(distPlugins, 'datasource', setup.datasourcePluginId);
  const panelEntry = pickPlugin(distPlugins, 'panel', setup.panelPluginId);
  api.plugins = distPlugins.map(summarize);

  const dsPlugin: DataSourcePlugin<DataSourceApi> = await importDataSourcePlugin(system, dsEntry);
  const panelPlugin: PanelPlugin = await importPanelPlugin(system, panelEntry);

  // Grafana keeps the datasource's settings on its server, where the backend plugin reads them.
  await fetch('/sandbox/datasource', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ uid: 'meshgraph', jsonData: setup.jsonData }),
  });
  const instanceSettings = {
    id: 1,
    uid: 'meshgraph',
    type: dsEntry.json.id,
    name: 'Meshgraph',
    url: setup.dsUrl,
    access: 'proxy',
    jsonData: setup.jsonData,
    meta: toPluginMeta(dsEntry),
    readOnly: false,
  } as unknown as DataSourceInstanceSettings;
  const datasource = new dsPlugin.DataSourceClass(instanceSettings) as DataSourceApi;
  (datasource as unknown as { components?: unknown }).components = dsPlugin.components;
  setDataSourceSrv(createDataSourceSrv(instanceSettings, datasource));

  let targets: DataQuery[] = (setup.targets as DataQuery[] | undefined) ?? [
    {
      refId: 'A',
      ...(datasource.getDefaultQuery?.(0 as never) ?? {}),
      namespaces: ['$namespace'],
    } as DataQuery,
  ];
  targets = targets.map((t, i) => ({ ...t, refId: t.refId ?? String.fromCharCode(65 + i) }));

  let range = toTimeRange(setup.from, setup.to);
  const eventBus = new EventBusSrv();
  const root: Root = createRoot(document.getElementById('sandbox-root')!);

  const view: ViewState = {
    theme: setup.theme,
    data: { state: LoadingState.NotStarted, series: [], timeRange: range },
    options: mergeOptions(panelPlugin.defaults as Record<string, unknown>, setup.options),
    fieldConfig: mergeOptions(panelPlugin.fieldConfigDefaults, setup.fieldConfig ?? {}),
    width: setup.width,
    height: setup.height,
    renderCounter: 0,
  };
  let rawData: PanelData = view.data;
  let optionsOpen = false;
  const optionList = setup.controls
    ? optionItems(panelPlugin.getPanelOptionsSupplier() as unknown as (b: unknown, c: unknown) => void)
    : [];

  const replaceVariables = (value: string, scopedVars?: object, format?: string | Function) =>
    templateSrv.replace(value, { ...(rawData.request?.scopedVars ?? {}), ...(scopedVars ?? {}) }, format);

  // Grafana's PanelQueryRunner applies field config (display processors, overrides) before the panel sees data.
  const withFieldConfig = (data: PanelData): PanelData => {
    try {
      return {
        ...data,
        series: applyFieldOverrides({
          data: data.series,
          fieldConfig: view.fieldConfig,
          fieldConfigRegistry: panelPlugin.fieldConfigRegistry,
          replaceVariables: replaceVariables as never,
          theme,
          timeZone: 'utc',
        }),
      };
    } catch (err) {
      api.renderErrors.push(`applyFieldOverrides: ${(err as Error).message}`);
      return data;
    }
  };

  let commitWaiter: { counter: number; resolve: () => void } | undefined;
  const onCommitted = (counter: number) => {
    if (commitWaiter && counter >= commitWaiter.counter) {
      const { resolve } = commitWaiter;
      commitWaiter = undefined;
      // Two frames: the panel's effects ran and the browser painted.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
    }
  };

  const render = (): Promise<void> => {
    view.renderCounter += 1;
    api.renderCount = view.renderCounter;
    const committed = new Promise<void>((resolve) => {
      commitWaiter = { counter: view.renderCounter, resolve };
    });
    root.render(
      <PanelView
        plugin={panelPlugin}
        theme={theme}
        data={view.data}
        options={view.options}
        fieldConfig={view.fieldConfig}
        width={view.width}
        height={view.height}
        title={setup.title}
        renderCounter={view.renderCounter}
        eventBus={eventBus}
        replaceVariables={replaceVariables}
        onOptionsChange={(options) => {
          view.options = options;
          void render();
        }}
        onFieldConfigChange={(fieldConfig) => {
          view.fieldConfig = fieldConfig;
          view.data = withFieldConfig(rawData);
          void render();
        }}
        onChangeTimeRange={(r) => void api.setTimeRange(r.from, r.to)}
        onRenderError={(error) => api.renderErrors.push(error.message)}
        onCommitted={onCommitted}
        header={
          setup.controls ? (
            <DashboardControls
              variables={templateSrv.getSandboxVariables()}
              datasources={[{ uid: instanceSettings.uid, name: instanceSettings.name }]}
              range={range}
              loading={view.data.state === LoadingState.Loading}
              onVariable={(name, values) => void api.setVariable(name, values)}
              onTimeRange={(from, to) => {
                setup.from = from;
                setup.to = to;
                range = toTimeRange(from, to);
                void refresh();
              }}
              onRefresh={() => void refresh()}
              optionsOpen={optionsOpen}
              onToggleOptions={() => {
                optionsOpen = !optionsOpen;
                void render();
              }}
            />
          ) : undefined
        }
        aside={
          setup.controls && optionsOpen ? (
            <OptionsPane
              items={optionList}
              values={view.options}
              onChange={(path, value) => void api.setOptions({ [path]: value })}
            />
          ) : undefined
        }
      />
    );
    return committed;
  };

  let cancelRunning: (() => void) | undefined;
  const refresh = async (): Promise<void> => {
    cancelRunning?.();
    if (typeof setup.from === 'string' || typeof setup.to === 'string') {
      range = toTimeRange(setup.from, setup.to); // relative ranges move with "now", as on a dashboard refresh
    }
    templateSrv.updateTimeRange(range);
    const request = buildRequest({
      datasource,
      targets,
      range,
      maxDataPoints: view.width,
      panelPluginId: panelEntry.json.id,
    });
    rawData = { ...rawData, state: LoadingState.Loading, timeRange: range, request };
    view.data = withFieldConfig(rawData);
    await render();

    const run = runRequest(datasource, request, (partial) => {
      rawData = partial;
      view.data = withFieldConfig(partial);
      void render();
    });
    cancelRunning = run.cancel;
    const data = await run.done;
    rawData = data;
    const summary: QuerySummary = summarizeQuery(data, request);
    api.lastQuery = summary;
    view.data = withFieldConfig(data);
    await render();
  };

  api.panelSeries = () => view.data.series;
  api.refresh = refresh;
  api.setVariable = async (name, values) => {
    templateSrv.setVariable(name, values);
    await refresh();
  };
  api.setTimeRange = async (fromMs, toMs) => {
    setup.from = fromMs;
    setup.to = toMs;
    range = toTimeRange(fromMs, toMs);
    await refresh();
  };
  api.setTheme = async (mode) => {
    theme = applyTheme(mode);
    view.theme = mode;
    view.data = withFieldConfig(rawData);
    await render();
  };
  api.setOptions = async (options) => {
    view.options = mergeOptions(view.options, options);
    await render();
  };
  api.setSize = async (width, height) => {
    view.width = width;
    view.height = height;
    await render();
  };
  api.options = () => JSON.parse(JSON.stringify(view.options));

  await refresh();
}

function createApi(): { api: Mutable<SandboxApi>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const ready = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Keep an unhandled rejection out of the console; tests read it through `await sandbox.ready`.
  ready.catch(() => {});
  const notReady = () => Promise.reject(new Error('sandbox: not ready'));
  const api: Mutable<SandboxApi> = {
    ready,
    refresh: notReady,
    setVariable: notReady,
    setTimeRange: notReady,
    setTheme: notReady,
    setOptions: notReady,
    setSize: notReady,
    lastQuery: null,
    panelSeries: () => [],
    state(selector = DEFAULT_CONTAINER_SELECTOR) {
      const el = document.querySelector(selector);
      if (!el) {
        return null;
      }
      const out: Record<string, string> = {};
      for (const attr of Array.from(el.attributes)) {
        if (attr.name.startsWith('data-')) {
          out[attr.name.slice('data-'.length)] = attr.value;
        }
      }
      return out;
    },
    waitForAttribute(name, value, timeoutMs = 30000, selector = DEFAULT_CONTAINER_SELECTOR) {
      return new Promise<void>((res, rej) => {
        const started = performance.now();
        const poll = () => {
          if (document.querySelector(selector)?.getAttribute(`data-${name}`) === value) {
            res();
          } else if (performance.now() - started > timeoutMs) {
            const actual = document.querySelector(selector)?.getAttribute(`data-${name}`);
            rej(new Error(`sandbox: data-${name} is ${JSON.stringify(actual)}, expected "${value}" (${selector})`));
          } else {
            setTimeout(poll, 25);
          }
        };
        poll();
      });
    },
    options: () => ({}),
    plugins: [],
    requests: () => [],
    renderErrors: [],
    renderCount: 0,
  };
  return { api, resolve, reject };
}

function boot() {
  const { api, resolve, reject } = createApi();
  (window as unknown as { sandbox: SandboxApi }).sandbox = api;
  const go = () => {
    let setup: SandboxSetup;
    try {
      setup = decodeSandboxParams(window.location.search);
    } catch (err) {
      showLoadError(String((err as Error).message));
      reject(err as Error);
      return;
    }
    start(api, setup).then(resolve, (err: unknown) => {
      const message = (err as Error)?.message ?? String(err);
      showLoadError(message);
      reject(err instanceof Error ? err : new Error(message));
    });
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', go);
  } else {
    go();
  }
}

boot();
