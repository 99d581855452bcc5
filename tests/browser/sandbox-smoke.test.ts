/**
 * The built plugins (dist/) loaded in Chromium the way Grafana loads them (SystemJS + AMD, shared modules),
 * querying a real Prometheus holding the simulated Bookinfo mesh through the sandbox's data proxy.
 *
 *   npm run build && npx jest -c jest.integration.config.js tests/browser/sandbox-smoke.test.ts
 *
 * SANDBOX_DIST=<dir> points the sandbox at another build output (default dist/).
 */
import fs from 'fs';
import path from 'path';

import { bookinfoTopology } from '../../simulator/bookinfo';
import type { SandboxApi } from '../sandbox/api';
import { launchBrowser, openSandbox, screenshot, type LaunchedBrowser } from '../support/browser';
import { startBackfilledPrometheus, type BackfilledPrometheus } from '../support/prometheusFixture';
import { startSandbox, type SandboxServer } from '../support/sandboxServer';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.resolve(REPO_ROOT, process.env.SANDBOX_DIST ?? 'dist');
const THEMES = ['dark', 'light'] as const;

function assertBuilt(): void {
  const required = [
    'plugin.json',
    'datasource/plugin.json',
    'datasource/module.js',
    'panel/plugin.json',
    'panel/module.js',
  ];
  const missing = required.filter((f) => !fs.existsSync(path.join(DIST, f)));
  if (missing.length > 0) {
    throw new Error(`${DIST} lacks ${missing.join(', ')}: run npm run build first`);
  }
}

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
function luminance(css: string): number {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  if (!m) {
    throw new Error(`not an rgb colour: ${css}`);
  }
  const [r, g, b] = m.slice(1, 4).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('sandbox: built plugins in Chromium against real Prometheus', () => {
  let prometheus: BackfilledPrometheus;
  let sandbox: SandboxServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    assertBuilt();
    prometheus = await startBackfilledPrometheus({ topology: bookinfoTopology() });
    sandbox = await startSandbox({ prometheusUrl: prometheus.url, distDir: DIST });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    await prometheus?.stop();
  });

  const params = (theme: 'dark' | 'light') => ({
    theme,
    // The backfilled hour ends at queryTime (data lies in the past; never "now").
    from: (prometheus.queryTime - 3600) * 1000,
    to: prometheus.queryTime * 1000,
    namespaces: ['bookinfo', 'shop', 'tools', 'istio-system'],
    title: 'Bookinfo traffic',
  });

  const backgrounds: Record<string, string> = {};

  it.each(THEMES)('loads dist/ modules, queries and renders the panel (%s theme)', async (theme) => {
    browser.clearErrors();
    const proxiedBefore = sandbox.proxyLog.length;
    const summary = await openSandbox(browser.page, sandbox.url, params(theme));

    // The plugins came from dist/ through SystemJS, under Grafana's plugin path.
    const plugins = await browser.page.evaluate(() => (window as unknown as { sandbox: SandboxApi }).sandbox.plugins);
    const types = plugins.map((p) => p.type).sort();
    expect(types).toEqual(expect.arrayContaining(['app', 'datasource', 'panel']));
    for (const plugin of plugins) {
      expect(plugin.baseUrl.startsWith(`/public/plugins/${sandbox.appId}`)).toBe(true);
      // Every plugin's logo is served (nested logos are copied by the root webpack.config.ts).
      for (const logo of new Set(Object.values(plugin.logos).filter(Boolean) as string[])) {
        const res = await fetch(`${sandbox.url}${logo}`);
        expect({ logo, status: res.status }).toEqual({ logo, status: 200 });
      }
    }

    // The datasource answered with frames and no error.
    expect(summary.errors).toEqual([]);
    expect(summary.state).toBe('Done');
    // Meshgraph's datasource answers its default query with the nodes and edges frames.
    expect(summary.request.targets.length).toBeGreaterThan(0);
    expect(summary.series.map((f) => f.name).sort()).toEqual(['edges', 'nodes']);
    expect(summary.request.range).toEqual({ from: params(theme).from, to: params(theme).to });

    // The backend plugin asked the real Prometheus, and every request succeeded; the browser asked only the backend.
    const proxied = sandbox.proxyLog.slice(proxiedBefore);
    expect(proxied.length).toBeGreaterThan(0);
    for (const record of proxied) {
      expect({ path: record.path, status: record.status }).toEqual({ path: record.path, status: 200 });
    }
    expect(sandbox.refusedProxyRequests).toEqual([]);
    expect(sandbox.backendLog.some((r) => r.kind === 'query' && r.status === 200)).toBe(true);

    // The panel rendered inside the panel chrome.
    const panel = await browser.page.evaluate(() => {
      const host = document.querySelector('[data-testid="sandbox-panel"]');
      const graph = document.querySelector('[data-testid="meshgraph-graph"]') as
        (Element & { __cy?: { nodes(): { length: number } } }) | null;
      return {
        childElements: host ? host.querySelectorAll('*').length : 0,
        graphPresent: Boolean(graph),
        cyNodes: graph?.__cy ? graph.__cy.nodes().length : null,
        renderErrors: (window as unknown as { sandbox: SandboxApi }).sandbox.renderErrors,
        background: getComputedStyle(document.querySelector('[data-testid="sandbox-dashboard"]')!).backgroundColor,
      };
    });
    expect(panel.renderErrors).toEqual([]);
    expect(panel.childElements).toBeGreaterThan(0);
    expect(panel.graphPresent).toBe(true);
    expect(panel.cyNodes).toBeGreaterThan(0);
    backgrounds[theme] = panel.background;

    await screenshot(browser.page, `sandbox-smoke-${theme}`);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('draws the dark theme darker than the light one', () => {
    expect(Object.keys(backgrounds).sort()).toEqual(['dark', 'light']);
    expect(luminance(backgrounds.dark)).toBeLessThan(0.1);
    expect(luminance(backgrounds.light)).toBeGreaterThan(0.8);
  });

  it('switches the theme and re-queries in place', async () => {
    browser.clearErrors();
    await openSandbox(browser.page, sandbox.url, params('dark'));
    const after = await browser.page.evaluate(async () => {
      const s = (window as unknown as { sandbox: SandboxApi }).sandbox;
      const before = s.renderCount;
      await s.setTheme('light');
      await s.refresh();
      return {
        rendersAdded: s.renderCount - before,
        state: s.lastQuery?.state,
        background: getComputedStyle(document.querySelector('[data-testid="sandbox-dashboard"]')!).backgroundColor,
      };
    });
    // setTheme renders once; refresh renders the loading state and the result.
    expect(after.rendersAdded).toBeGreaterThanOrEqual(3);
    expect(after.state).toBe('Done');
    expect(luminance(after.background)).toBeGreaterThan(0.8);
    expect(browser.pageErrors).toEqual([]);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('shows Prometheus failing behind the backend as a panel error', async () => {
    browser.clearErrors();
    const before = sandbox.proxyLog.length;
    await openSandbox(browser.page, sandbox.url, params('dark'));
    expect(sandbox.proxyLog.length).toBeGreaterThan(before);
    sandbox.setPrometheusUrl(null);
    try {
      // A new time range: the same graph would be answered from the evaluation shared for one scrape interval.
      const { from, to } = params('dark');
      const summary = await browser.page.evaluate(
        async ([f, t]) => {
          const s = (window as unknown as { sandbox: SandboxApi }).sandbox;
          await s.setTimeRange(f - 60_000, t - 60_000);
          await s.refresh();
          return s.lastQuery!;
        },
        [from, to]
      );
      expect(summary.state).toBe('Error');
      expect(summary.errors.length).toBeGreaterThan(0);
      expect(sandbox.proxyLog.slice(before).some((r) => r.status === 502)).toBe(true);
      expect(browser.pageErrors).toEqual([]);
      await screenshot(browser.page, 'sandbox-smoke-proxy-down');
    } finally {
      sandbox.setPrometheusUrl(prometheus.url);
    }
  });
});
