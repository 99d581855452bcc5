/**
 * The README's pictures of the panel, taken on the built plugins with the bookinfo mesh (both themes): the graph
 * with edge labels, a node's details with its charts and the legend, a small panel, a notice with a Find error.
 * Each view is checked before it is taken. Written to test-results/screenshots/readme-*.png; copy them to
 * docs/screenshots/ when the look changes.
 *
 *   npm run build && npx jest -c jest.integration.config.js --runInBand tests/browser/panel-screenshots.test.ts
 */
import { bookinfoTopology } from '../../simulator/bookinfo';
import { screenshot } from '../support/browser';
import {
  type Harness,
  act,
  drawerContent,
  graphSnapshot,
  meshgraphTarget,
  openPanel,
  startHarness,
  windowParams,
} from '../support/browserScenarios';

let h: Harness;

const VIEW = {
  title: 'Istio traffic graph: bookinfo',
  width: 1400,
  height: 820,
  options: { edgeLabels: ['trafficRate'] },
  targets: [meshgraphTarget({ boxBy: ['namespace', 'app'] })],
};

beforeAll(async () => {
  h = await startHarness({ topology: bookinfoTopology() });
  await h.page.setViewportSize({ width: 1432, height: 852 });
});

afterAll(async () => {
  await h?.stop();
});

afterEach(() => {
  expect(h.browser.pageErrors).toEqual([]);
  expect(h.browser.consoleErrors).toEqual([]);
});

async function labelledEdges(): Promise<number> {
  return h.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
    return el.__cy.edges().filter((e: any) => e.visible() && String(e.style('label')) !== '').length;
  });
}

it('the graph with edge labels, dark and light', async () => {
  for (const theme of ['dark', 'light'] as const) {
    await openPanel(h, windowParams(h.prometheus, { ...VIEW, theme }));
    expect(await labelledEdges()).toBeGreaterThan(10);
    expect((await graphSnapshot(h.page)).attrs.status).toBe('ready');
    await screenshot(h.page, `readme-bookinfo-${theme}`);
  }
});

it('a node’s details with charts, and the legend (light)', async () => {
  await openPanel(
    h,
    windowParams(h.prometheus, { ...VIEW, theme: 'light', options: { ...VIEW.options, showLegend: true } })
  );
  const g = await graphSnapshot(h.page);
  const pp = g.nodes.find((n) => n.id === 'vapp_cluster-1_bookinfo_productpage-v1')!;
  await h.page.mouse.click(pp.page.x, pp.page.y);
  await h.page.waitForFunction(
    () => document.querySelector('[data-testid="meshgraph-drawer-charts"]')?.getAttribute('data-state') === 'done',
    undefined,
    { timeout: 15000 }
  );
  const d = (await drawerContent(h.page))!;
  expect(d.fields.Health).toMatch(/%/);
  expect(await h.page.locator('[data-testid="meshgraph-legend"]').count()).toBe(1);
  await h.page.mouse.move(5, 5);
  await screenshot(h.page, 'readme-bookinfo-details');
});

it('a small panel and a panel with a notice and a Find error (dark)', async () => {
  await openPanel(h, windowParams(h.prometheus, { ...VIEW, theme: 'dark', width: 420, height: 300 }));
  await screenshot(h.page, 'readme-small-panel');
  await act(h.page, (s) => s.setSize(900, 520), undefined);
  await openPanel(
    h,
    windowParams(h.prometheus, {
      ...VIEW,
      theme: 'dark',
      width: 900,
      height: 520,
      options: { largeGraphThreshold: 10 },
    })
  );
  const input = h.page.getByLabel('Find', { exact: true });
  await input.fill('colour = blue');
  await input.press('Enter');
  await h.page.locator('[data-testid="meshgraph-find-error"]').waitFor({ timeout: 5000 });
  const panel = (await h.page.locator('[data-testid="sandbox-panel"]').boundingBox())!;
  const graph = (await h.page.locator('[data-testid="meshgraph-graph"]').boundingBox())!;
  expect(graph.y + graph.height).toBeLessThanOrEqual(panel.y + panel.height + 0.5);
  await screenshot(h.page, 'readme-notice-find-error');
});
