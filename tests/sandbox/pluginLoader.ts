/**
 * Loads the built plugins the way Grafana does: the plugin list (Grafana gets it from /api/plugins; here the
 * sandbox server scans dist/ for plugin.json), then `System.import(<baseUrl>/module.js)` and the `plugin`
 * export, with `plugin.meta` set from plugin.json.
 */
import type { DataSourceApi, DataSourcePlugin, PanelPlugin } from '@grafana/data';

import type { PluginSummary } from './api';
import type { SystemJSLike } from './sharedModules';

/** One entry of /sandbox/plugins.json (served by tests/support/sandboxServer.ts). */
export interface DistPlugin {
  /** plugin.json as built (with %VERSION% etc. replaced). */
  json: { id: string; type: string; name: string; info?: { logos?: { small?: string; large?: string } } } & Record<
    string,
    unknown
  >;
  /** URL path of the plugin folder, e.g. /public/plugins/meshgraph-traffic-app/datasource */
  baseUrl: string;
  /** Whether module.js exists next to plugin.json. */
  hasModule: boolean;
}

export async function fetchDistPlugins(): Promise<DistPlugin[]> {
  const response = await fetch('/sandbox/plugins.json');
  if (!response.ok) {
    throw new Error(`sandbox: /sandbox/plugins.json answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

export function pickPlugin(plugins: DistPlugin[], type: string, id?: string): DistPlugin {
  const candidates = plugins.filter((p) => p.json.type === type && (!id || p.json.id === id));
  const found = candidates.find((p) => p.hasModule);
  if (!found) {
    const seen = plugins.map((p) => `${p.json.id} (${p.json.type}${p.hasModule ? '' : ', no module.js'})`).join(', ');
    throw new Error(
      `sandbox: no built ${type} plugin${id ? ` with id ${id}` : ''} with a module.js in dist/ (found: ${seen || 'nothing'}). ` +
        'Run npm run build first.'
    );
  }
  return found;
}

/** plugin.json turned into the PluginMeta Grafana hands to plugins (module, baseUrl, logo URLs). */
export function toPluginMeta(plugin: DistPlugin): Record<string, unknown> & { id: string; type: string; name: string } {
  const logos = plugin.json.info?.logos ?? {};
  const resolve = (path?: string) => (path ? `${plugin.baseUrl}/${path}` : undefined);
  return {
    ...plugin.json,
    module: `${plugin.baseUrl}/module.js`,
    baseUrl: plugin.baseUrl,
    info: { ...(plugin.json.info ?? {}), logos: { small: resolve(logos.small), large: resolve(logos.large) } },
  };
}

export function summarize(plugin: DistPlugin): PluginSummary {
  const meta = toPluginMeta(plugin);
  return {
    id: meta.id,
    type: meta.type,
    name: meta.name,
    baseUrl: plugin.baseUrl,
    module: String(meta.module),
    logos: (meta.info as { logos: PluginSummary['logos'] }).logos,
  };
}

async function importPlugin<T>(system: SystemJSLike, plugin: DistPlugin): Promise<T> {
  const url = `${plugin.baseUrl}/module.js`;
  let exports: Record<string, unknown>;
  try {
    exports = await system.import(url);
  } catch (err) {
    throw new Error(`sandbox: loading ${url} failed: ${(err as Error)?.message ?? err}`);
  }
  const pluginExport = (exports.plugin ?? (exports.default as Record<string, unknown> | undefined)?.plugin) as
    (T & { meta?: unknown }) | undefined;
  if (!pluginExport) {
    throw new Error(`sandbox: ${url} has no "plugin" export (exports: ${Object.keys(exports).join(', ')})`);
  }
  pluginExport.meta = toPluginMeta(plugin);
  return pluginExport;
}

export async function importDataSourcePlugin(
  system: SystemJSLike,
  plugin: DistPlugin
): Promise<DataSourcePlugin<DataSourceApi>> {
  const ds = await importPlugin<DataSourcePlugin<DataSourceApi>>(system, plugin);
  if (typeof ds.DataSourceClass !== 'function') {
    throw new Error(`sandbox: ${plugin.json.id}: the plugin export is not a DataSourcePlugin (no DataSourceClass)`);
  }
  return ds;
}

export async function importPanelPlugin(system: SystemJSLike, plugin: DistPlugin): Promise<PanelPlugin> {
  const panel = await importPlugin<PanelPlugin>(system, plugin);
  if (!panel.panel) {
    throw new Error(`sandbox: ${plugin.json.id}: the plugin export is not a PanelPlugin with a panel component`);
  }
  return panel;
}
