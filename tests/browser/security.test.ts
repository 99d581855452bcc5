/**
 * Label values are data, never markup: a mesh whose app, version, service, namespace and egress host labels hold
 * HTML/script payloads is backfilled into a real Prometheus, then drawn by the built panel in Chromium. Every place
 * that shows a label (graph, details drawer for nodes and edges, table view, Find) must show the payload as text
 * and run none of it.
 *
 *   npm run build && npx jest -c jest.integration.config.js tests/browser/security.test.ts
 */
import type { Topology, Workload } from '../../simulator/topology';
import { screenshot } from '../support/browser';
import {
  type GraphSnapshot,
  type Harness,
  drawerContent,
  emitOn,
  graphSnapshot,
  leaves,
  meshgraphTarget,
  openPanel,
  panelView,
  settle,
  startHarness,
  windowParams,
} from '../support/browserScenarios';

// Each payload sets window.__xss to a distinct number if it ever runs.
const IMG_APP = '<img src=x onerror="window.__xss=1">';
const SCRIPT_VERSION = '<script>window.__xss=2</script>';
const IFRAME_SERVICE = '<iframe src="javascript:window.__xss=3"></iframe>';
const SVG_NAMESPACE = '<svg onload="window.__xss=4">';
const HOST = '<img src=x onerror="window.__xss=5">.example.com';
const PAYLOADS = [IMG_APP, SCRIPT_VERSION, IFRAME_SERVICE, SVG_NAMESPACE, HOST];

const CLUSTER = 'cluster-1';
const NS = 'evil';

function hostileTopology(): Topology {
  const wl = (w: Omit<Workload, 'cluster' | 'replicas' | 'sidecar'>): Workload => ({
    cluster: CLUSTER,
    replicas: { desired: 1, available: 1 },
    sidecar: true,
    ...w,
  });
  return {
    name: 'hostile-labels',
    cluster: CLUSTER,
    histograms: 'duration',
    workloads: [
      wl({ namespace: NS, name: 'client-v1', app: 'client', version: 'v1', serviceAccount: 'client' }),
      wl({ namespace: NS, name: 'img-v1', app: IMG_APP, version: 'v1', service: 'img', serviceAccount: 'img' }),
      wl({
        namespace: NS,
        name: 'script-v1',
        app: 'script',
        version: SCRIPT_VERSION,
        service: IFRAME_SERVICE,
        serviceAccount: 'script',
      }),
      wl({
        namespace: SVG_NAMESPACE,
        name: 'svg-v1',
        app: 'svg',
        version: 'v1',
        service: 'svg',
        serviceAccount: 'svg',
      }),
    ],
    services: [`${NS}/img`, `${NS}/${IFRAME_SERVICE}`, `${SVG_NAMESPACE}/svg`],
    flows: [
      {
        id: 'client->img',
        source: { kind: 'workload', workload: `${NS}/client-v1` },
        destination: { kind: 'workload', workload: `${NS}/img-v1` },
        protocol: 'http',
        requestsPerSecond: 5,
        mtls: true,
        responses: [
          { code: '200', fraction: 0.9 },
          { code: '500', fraction: 0.1 },
        ],
      },
      {
        id: 'client->script',
        source: { kind: 'workload', workload: `${NS}/client-v1` },
        destination: { kind: 'workload', workload: `${NS}/script-v1` },
        protocol: 'http',
        requestsPerSecond: 3,
        mtls: true,
      },
      {
        id: 'client->svg',
        source: { kind: 'workload', workload: `${NS}/client-v1` },
        destination: { kind: 'workload', workload: `${SVG_NAMESPACE}/svg-v1` },
        protocol: 'http',
        requestsPerSecond: 2,
        mtls: true,
      },
      {
        id: 'client->egress',
        source: { kind: 'workload', workload: `${NS}/client-v1` },
        destination: { kind: 'passthrough', host: HOST },
        protocol: 'http',
        requestsPerSecond: 1,
        mtls: false,
      },
    ],
  };
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ topology: hostileTopology() });
  await openPanel(
    h,
    windowParams(h.prometheus, {
      namespaces: [NS],
      targets: [meshgraphTarget()],
      title: 'Hostile labels',
    })
  );
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => h.browser.clearErrors());

/** Nothing ran and nothing became markup: checked after every step. */
async function expectInert(step: string): Promise<void> {
  const state = await h.page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    imgX: document.querySelectorAll('img[src="x"]').length,
    iframes: document.querySelectorAll('iframe').length,
    svgOnload: document.querySelectorAll('svg[onload]').length,
    handlers: document.querySelectorAll('[onerror],[onload],[onmouseover],[onclick]').length,
    scripts: Array.from(document.querySelectorAll('script')).filter((s) => (s.textContent ?? '').includes('__xss'))
      .length,
  }));
  expect({ step, ...state }).toEqual({
    step,
    xss: undefined,
    imgX: 0,
    iframes: 0,
    svgOnload: 0,
    handlers: 0,
    scripts: 0,
  });
  expect(h.browser.pageErrors).toEqual([]);
  expect(h.browser.consoleErrors).toEqual([]);
}

const byLabel = (g: GraphSnapshot, text: string) => leaves(g).find((n) => n.label.includes(text));

const drawerHrefs = () =>
  h.page
    .locator('[data-testid="meshgraph-details"] a[href]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));

describe('hostile label values', () => {
  it('draws the graph with the payloads as plain labels', async () => {
    expect(await panelView(h.page)).toBe('graph');
    const g = await graphSnapshot(h.page);
    // Cytoscape draws labels on a canvas: the payloads are label strings, nothing is parsed.
    expect(byLabel(g, IMG_APP)).toBeDefined();
    expect(byLabel(g, SCRIPT_VERSION)).toBeDefined();
    expect(byLabel(g, IFRAME_SERVICE)).toBeDefined();
    expect(g.nodes.some((n) => n.label.includes(SVG_NAMESPACE))).toBe(true);
    await screenshot(h.page, 'security-hostile-labels');
    await expectInert('graph');
  });

  it('the details drawer of a node shows its hostile app, version and service as text', async () => {
    const g = await graphSnapshot(h.page);
    const img = byLabel(g, IMG_APP)!;
    await emitOn(h.page, img.id, 'tap');
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
    let d = (await drawerContent(h.page))!;
    expect(d.title).toContain(IMG_APP);
    expect(d.fields.App).toBe(IMG_APP);
    expect(await h.page.locator('[data-testid="meshgraph-details"]').getByText(IMG_APP).first().isVisible()).toBe(true);
    await expectInert('img drawer');

    const script = leaves(g).find((n) => n.nodeType === 'app' && n.label.includes(SCRIPT_VERSION))!;
    await emitOn(h.page, script.id, 'tap');
    await h.page.locator('[data-testid="meshgraph-details"] h3', { hasText: 'script' }).waitFor({ timeout: 5000 });
    d = (await drawerContent(h.page))!;
    expect(d.fields.Version).toBe(SCRIPT_VERSION);
    await expectInert('script drawer');

    const service = leaves(g).find((n) => n.nodeType === 'service' && n.label.includes(IFRAME_SERVICE))!;
    await emitOn(h.page, service.id, 'tap');
    await h.page
      .locator('[data-testid="meshgraph-details"] h3', { hasText: IFRAME_SERVICE })
      .waitFor({ timeout: 5000 });
    d = (await drawerContent(h.page))!;
    expect(d.fields.Service).toBe(IFRAME_SERVICE);
    await expectInert('service drawer');

    const svg = leaves(g).find((n) => n.nodeType === 'app' && n.id.includes('svg-v1'))!;
    await emitOn(h.page, svg.id, 'tap');
    await h.page.locator('[data-testid="meshgraph-details"] h3', { hasText: 'svg' }).waitFor({ timeout: 5000 });
    d = (await drawerContent(h.page))!;
    expect(d.fields.Namespace).toBe(SVG_NAMESPACE);
    // The drawer's data links are web links whatever the labels hold (the payload stays out of the markup).
    const hrefs = await drawerHrefs();
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^(\/|https?:)/);
      expect(href).not.toMatch(/[<>"\s]/);
    }
    await screenshot(h.page, 'security-hostile-drawer');
    await expectInert('namespace drawer');
  });

  // Known sandbox gap, hence `.failing`: Grafana's templateSrv resolves ${__data.fields.<name>:percentencode} through
  // its __data macro (reading scopedVars.__dataContext, which field.getLinks passes); tests/sandbox/templateSrv.ts
  // has no such macro, so the links keep the placeholders there. Drop `.failing` once the sandbox resolves them.
  it('data links of a node carry its hostile namespace URL-encoded, as the dashboard variable value', async () => {
    const g = await graphSnapshot(h.page);
    const svg = leaves(g).find((n) => n.nodeType === 'app' && n.id.includes('svg-v1'))!;
    await emitOn(h.page, svg.id, 'tap');
    await h.page.locator('[data-testid="meshgraph-details"] h3', { hasText: 'svg' }).waitFor({ timeout: 5000 });
    const workloadLink = (await drawerHrefs()).find((href) => href.includes('var-workload='));
    expect(workloadLink).toBeDefined();
    const params = new URL(workloadLink!, 'http://grafana.invalid').searchParams;
    expect({ namespace: params.get('var-namespace'), workload: params.get('var-workload') }).toEqual({
      namespace: SVG_NAMESPACE,
      workload: 'svg-v1',
    });
    expect(workloadLink).not.toContain('${');
    await expectInert('links');
  });

  it('the details drawer of an edge shows a hostile egress host as text', async () => {
    const g = await graphSnapshot(h.page);
    const egress = g.edges.find((e) => e.target.includes('PassthroughCluster'));
    expect(egress).toBeDefined();
    await emitOn(h.page, egress!.id, 'tap');
    await h.page.locator('[data-testid="meshgraph-details"] h3', { hasText: 'Edge' }).waitFor({ timeout: 5000 });
    const d = (await drawerContent(h.page))!;
    const hosts = d.tables.Responses.slice(1).map((r) => r[3]);
    expect(hosts.some((cell) => cell.includes(HOST))).toBe(true);
    await expectInert('edge drawer');
    await h.page.getByRole('button', { name: 'Close details' }).click();
  });

  it('the table view lists the hostile names as text', async () => {
    await h.page.getByRole('button', { name: 'Show as table' }).click();
    const table = h.page.locator('[data-testid="meshgraph-table"]');
    await table.waitFor({ timeout: 5000 });
    const text = (await table.innerText()) ?? '';
    expect(text).toContain(IMG_APP);
    expect(text).toContain(IFRAME_SERVICE);
    await screenshot(h.page, 'security-hostile-table');
    await expectInert('table');
    await h.page.getByRole('button', { name: 'Show as graph' }).click();
    await settle(h.page);
  });

  it('Find with a hostile value matches the node and runs nothing', async () => {
    const input = h.page.getByLabel('Find', { exact: true });
    await input.fill(`app = ${IMG_APP}`);
    await input.press('Enter');
    await settle(h.page);
    const g = await graphSnapshot(h.page);
    const found = g.nodes.filter((n) => n.classes.includes('mg-find'));
    expect(found.map((n) => n.label.includes(IMG_APP))).toEqual([true]);
    await expectInert('find');
  });

  it('every payload was in the data (the test would see them if they were rendered as markup)', async () => {
    // The screen-reader table holds every node as text: the payloads are there as text nodes (as markup they would
    // have become elements, and their text would be gone). The egress host shows only in the edge's drawer (above).
    const text = await h.page.evaluate(() => document.body.textContent ?? '');
    for (const p of PAYLOADS.filter((x) => x !== HOST)) {
      expect({ p, present: text.includes(p) }).toEqual({ p, present: true });
    }
    await expectInert('end');
  });
});
