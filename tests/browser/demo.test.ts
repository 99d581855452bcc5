/**
 * The demo page as `npm run demo` opens it (scripts/demo.ts): the app's dashboard panel with Grafana-style
 * chrome — datasource, namespace (multi, All) and graph-type pickers, time range, refresh, the panel options pane —
 * edge labels on, every toolbar icon present, and drawer links that resolve inside the demo.
 *
 *   npm run build && npx jest -c jest.integration.config.js --runInBand tests/browser/demo.test.ts
 */
import fs from 'fs';
import path from 'path';

import { bookinfoTopology } from '../../simulator/bookinfo';
import { screenshot } from '../support/browser';
import {
  type Harness,
  REPO_ROOT,
  BOOKINFO_NAMESPACES,
  graphSnapshot,
  leaves,
  openPanel,
  settle,
  startHarness,
} from '../support/browserScenarios';

let h: Harness;

/** The demo's parameters, as scripts/demo.ts builds them from the app's dashboard. */
function demoParams() {
  const dashboard = JSON.parse(
    fs.readFileSync(path.join(REPO_ROOT, 'src', 'dashboards', 'istio-traffic-graph.json'), 'utf8')
  );
  const panel = dashboard.panels.find((p: { type: string }) => p.type === 'meshgraph-traffic-panel');
  const graphType = dashboard.templating.list.find((v: { name: string }) => v.name === 'graphType');
  return {
    targets: panel.targets.map(({ datasource: _ds, ...target }: Record<string, unknown>) => target),
    options: { ...panel.options, edgeLabels: ['trafficRate'] },
    controls: true,
    variables: [
      {
        name: 'graphType',
        label: 'Graph type',
        type: 'custom' as const,
        options: graphType.options.map((o: { value: string }) => o.value),
        current: [graphType.current.value],
      },
    ],
    theme: 'dark' as const,
    from: (h.prometheus.queryTime - 600) * 1000,
    to: h.prometheus.queryTime * 1000,
    width: 1100,
    height: 700,
    title: 'Istio traffic graph: bookinfo',
    namespaces: BOOKINFO_NAMESPACES,
    vars: { namespace: ['bookinfo'] },
  };
}

beforeAll(async () => {
  h = await startHarness({ topology: bookinfoTopology() });
  await h.page.setViewportSize({ width: 1550, height: 900 });
  await openPanel(h, demoParams());
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => h.browser.clearErrors());

afterEach(() => {
  expect(h.browser.pageErrors).toEqual([]);
  expect(h.browser.consoleErrors).toEqual([]);
});

const controls = () => h.page.locator('[data-testid="sandbox-controls"]');
const queries = () => h.sandbox.backendLog.filter((r) => r.kind === 'query').length;

describe('the demo page', () => {
  it('opens like the dashboard: pickers, time range, refresh, edge labels on, every icon drawn', async () => {
    for (const label of ['Datasource', 'Namespace', 'Graph type']) {
      expect({ label, shown: await controls().getByLabel(label, { exact: true }).count() }).toEqual({
        label,
        shown: 1,
      });
    }
    expect(await controls().getByTestId('data-testid RefreshPicker run button').count()).toBe(1);
    expect(await controls().getByTestId('data-testid TimePicker Open Button').count()).toBe(1);
    const labelled = await h.page.evaluate(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
      return el.__cy.edges().filter((e: any) => e.visible() && String(e.style('label')) !== '').length;
    });
    expect(labelled).toBeGreaterThan(3);
    // No icon of the panel's toolbar or zoom controls is missing (the sandbox answers missing icons with a blank;
    // the "Fit" icon was one). The time picker's own arrows come from Grafana's build, which the sandbox lacks.
    const panelIcons = [
      'capture',
      'sliders-v-alt',
      'list-ul',
      'table',
      'save',
      'download-alt',
      'sync',
      'plus',
      'minus',
    ];
    expect(h.sandbox.missingAssets.filter((a) => panelIcons.some((i) => a.endsWith(`/${i}.svg`)))).toEqual([]);
    // Every icon of the panel's buttons is drawn (Grafana's icons load asynchronously: waited for).
    await h.page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[data-testid="meshgraph-panel"] button svg')).filter(
          (svg) => svg.getBoundingClientRect().width > 0 && svg.innerHTML.trim() === ''
        ).length === 0,
      undefined,
      { timeout: 10000 }
    );
    await screenshot(h.page, 'demo-dark');
  });

  it('the namespace picker with All and the graph-type picker re-run the query', async () => {
    const before = queries();
    await controls().getByLabel('Graph type', { exact: true }).click();
    await h.page.getByRole('option', { name: 'workload', exact: true }).click();
    await h.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy?: any };
        return !!el?.__cy && el.__cy.nodes('[nodeType="workload"]').length > 0;
      },
      undefined,
      { timeout: 20000 }
    );
    await settle(h.page);
    expect(queries()).toBeGreaterThan(before);
    expect(leaves(await graphSnapshot(h.page)).some((n) => n.nodeType === 'app')).toBe(false);

    // All namespaces: shop's box appears.
    await controls().getByLabel('Namespace', { exact: true }).click();
    await h.page.getByRole('option', { name: 'All', exact: true }).click();
    await h.page.keyboard.press('Escape');
    await h.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy?: any };
        return !!el?.__cy && el.__cy.nodes('[isBox="namespace"]').length >= 2;
      },
      undefined,
      { timeout: 20000 }
    );
    await settle(h.page);
    const namespaces = await h.page.evaluate(() =>
      (
        window as unknown as { sandbox: { lastQuery: { request: { targets: Array<Record<string, unknown>> } } } }
      ).sandbox.lastQuery.request.targets.map((t) => t.namespaces)
    );
    expect(JSON.stringify(namespaces)).toContain('$namespace');

    const n = queries();
    await controls().getByTestId('data-testid RefreshPicker run button').click();
    // The graph is already ready, so settle() alone could return before the new query reaches the backend.
    for (const t0 = Date.now(); queries() <= n && Date.now() - t0 < 20000;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await settle(h.page);
    expect(queries()).toBeGreaterThan(n);
  });

  it('the options pane is the panel editor’s: the legend switch shows the legend', async () => {
    await controls().getByRole('button', { name: 'Panel options' }).click();
    const pane = h.page.locator('[data-testid="sandbox-options-pane"]');
    await pane.waitFor({ timeout: 5000 });
    for (const name of ['Layout', 'Edge labels', 'Idle nodes', 'Health colours', 'Legend']) {
      expect({ name, shown: await pane.getByText(name, { exact: true }).count() }).toEqual({ name, shown: 1 });
    }
    await pane.getByLabel('Legend', { exact: true }).click({ force: true });
    await h.page.locator('[data-testid="meshgraph-legend"]').waitFor({ timeout: 5000 });
    await screenshot(h.page, 'demo-options-pane');
    await controls().getByRole('button', { name: 'Panel options' }).click();
  });

  it('drawer links open a page of the demo that says what Grafana would open', async () => {
    const g = await graphSnapshot(h.page);
    const productpage = g.nodes.find((x) => x.id === 'wl_cluster-1_bookinfo_productpage-v1')!;
    await h.page.mouse.click(productpage.page.x, productpage.page.y);
    const drawer = h.page.locator('[data-testid="meshgraph-details"]');
    await drawer.waitFor({ timeout: 5000 });
    const link = drawer.getByRole('link').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/d\//);
    const page = await h.page.context().newPage();
    try {
      const res = await page.goto(new URL(href!, h.sandbox.url).toString());
      expect(res!.status()).toBe(200);
      const text = await page.locator('body').innerText();
      expect(text).toMatch(/In Grafana, this link opens the dashboard/);
      expect(text).toContain('productpage');
    } finally {
      await page.close();
    }
  });
});
