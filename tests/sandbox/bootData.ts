/**
 * Grafana's index.html defines `window.grafanaBootData` before any Grafana code runs; @grafana/runtime's
 * `config` is built from it when the module is first evaluated. This module must therefore be the first import
 * of the host bundle. The theme comes from the page URL so that `config.theme2` matches from the start.
 */
const theme = new URLSearchParams(window.location.search).get('theme') === 'light' ? 'light' : 'dark';

(window as unknown as { grafanaBootData: unknown }).grafanaBootData = {
  assets: { dark: '', light: '' },
  navTree: [],
  user: {
    id: 1,
    login: 'admin',
    name: 'admin',
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: 'Admin',
    isSignedIn: true,
    isGrafanaAdmin: true,
    theme,
    lightTheme: theme === 'light',
    timezone: 'utc',
    weekStart: 'browser',
    locale: 'en-US',
    language: 'en-US',
    permissions: {},
  },
  settings: {
    appSubUrl: '',
    appUrl: `${window.location.origin}/`,
    buildInfo: {
      version: '12.4.10',
      commit: 'sandbox',
      env: 'production',
      edition: 'Open Source',
      latestVersion: '',
      hasUpdate: false,
      hideVersion: false,
    },
    featureToggles: {},
    datasources: {},
    panels: {},
    apps: {},
    minRefreshInterval: '5s',
    defaultDatasource: 'meshgraph',
  },
};

export const bootTheme: 'dark' | 'light' = theme;
