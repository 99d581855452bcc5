/**
 * What a dashboard viewer does with the panel beyond looking, in Chromium on the built plugins with the
 * bookinfo mesh through the real backend: the Display menu (kept per panel in the browser, never in the
 * dashboard), saved layouts (explicit save into the panel options, incremental placement, reset), export (PNG,
 * SVG, Kiali JSON), keyboard-only use with visible focus and announcements, and the colour-blind palette.
 * Screenshots of each go to test-results/screenshots/ (the README's come from these).
 *
 *   npm run build && npx jest -c jest.integration.config.js --runInBand tests/browser/panel-features.test.ts
 *
 * Long on purpose: the features share one Prometheus, sandbox and Chromium (started once per file).
 */
import fs from 'fs';
import type { Page } from 'playwright-core';

import { bookinfoTopology } from '../../simulator/bookinfo';
import { screenshot } from '../support/browser';
import {
  type Harness,
  act,
  drawerContent,
  frameRows,
  graphSnapshot,
  leaves,
  openPanel,
  panelFrames,
  refresh,
  setOptions,
  settle,
  startHarness,
  windowParams,
  expectCleanPage,
} from '../support/browserScenarios';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ topology: bookinfoTopology() });
  await h.page.setViewportSize({ width: 1300, height: 950 });
  await openPanel(h, windowParams(h.prometheus, { theme: 'dark', title: 'Bookinfo traffic' }));
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => h.browser.clearErrors());

afterEach(() => expectCleanPage(h));

const PRODUCTPAGE = 'vapp_cluster-1_bookinfo_productpage-v1';

function cyEval<R, A>(page: Page, fn: (cy: any, arg: A) => R, arg?: A): Promise<R> {
  return page.evaluate(
    ({ source, value }) => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: unknown };
      const f = new Function(`return (${source})`)() as (cy: unknown, a: unknown) => unknown;
      return f(el.__cy, value);
    },
    { source: fn.toString(), value: arg as A }
  ) as Promise<R>;
}

const options = (page: Page) =>
  page.evaluate(() => (window as unknown as { sandbox: { options(): Record<string, any> } }).sandbox.options());

async function openDisplay(): Promise<void> {
  if ((await h.page.locator('[data-testid="meshgraph-display-menu"]').count()) === 0) {
    await h.page.getByRole('button', { name: 'Display' }).click();
  }
  await h.page.locator('[data-testid="meshgraph-display-menu"]').waitFor({ timeout: 5000 });
}

async function closeDisplay(): Promise<void> {
  if (await h.page.locator('[data-testid="meshgraph-display-menu"]').count()) {
    await h.page.keyboard.press('Escape');
    await h.page.locator('[data-testid="meshgraph-display-menu"]').waitFor({ state: 'detached', timeout: 5000 });
  }
}

const menu = () => h.page.locator('[data-testid="meshgraph-display-menu"]');

/** Sets a Display menu checkbox the way a person does: clicking its label (Grafana's Checkbox hides the box). */
async function setCheck(label: string, on: boolean): Promise<void> {
  const box = menu().getByLabel(label, { exact: true });
  if ((await box.isChecked()) !== on) {
    await menu().getByText(label, { exact: true }).click();
  }
  expect(await box.isChecked()).toBe(on);
}

describe('Display menu', () => {
  afterAll(async () => {
    await openDisplay();
    const reset = menu().getByRole('button', { name: 'Panel defaults' });
    if (await reset.isEnabled()) {
      await reset.click();
    }
    await closeDisplay();
    await settle(h.page);
  });

  it('edge labels, idle nodes and layout are the viewer’s, kept in this browser and not in the dashboard', async () => {
    const before = await options(h.page);
    await openDisplay();
    await screenshot(h.page, 'display-menu-dark');
    await setCheck('Traffic rate', true);
    await setCheck('Idle nodes', true);
    await settle(h.page);
    const labelled = await cyEval(
      h.page,
      (cy) => cy.edges().filter((e: any) => e.visible() && String(e.style('label')) !== '').length
    );
    expect(labelled).toBeGreaterThan(5);
    const idle = await cyEval(h.page, (cy) => cy.nodes('[?isIdle]').map((n: any) => n.visible()));
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every(Boolean)).toBe(true);
    // The dashboard's panel options did not change…
    expect(await options(h.page)).toEqual(before);
    // …the choices are in local storage, per panel.
    const stored = await h.page.evaluate(() =>
      Object.entries(localStorage).filter(([k]) => k.startsWith('meshgraph.display:'))
    );
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0][1])).toEqual({ edgeLabels: ['trafficRate'], showIdleNodes: true });
    await closeDisplay();

    // A reload of the dashboard keeps them.
    await openPanel(h, windowParams(h.prometheus, { theme: 'dark', title: 'Bookinfo traffic' }));
    const again = await cyEval(
      h.page,
      (cy) => cy.edges().filter((e: any) => e.visible() && String(e.style('label')) !== '').length
    );
    expect(again).toBe(labelled);
    await screenshot(h.page, 'display-edge-labels-dark');

    // Layout from the menu.
    await openDisplay();
    await menu().getByLabel('Layout').click();
    await h.page.getByText('Grid', { exact: true }).click();
    await settle(h.page);
    expect((await graphSnapshot(h.page)).attrs.layout).toBe('grid');
    await closeDisplay();
  });

  it('service nodes and boxes ask the datasource again, with the dashboard’s query otherwise unchanged', async () => {
    const queries = h.sandbox.backendLog.filter((r) => r.kind === 'query').length;
    await openDisplay();
    await setCheck('Service nodes', false);
    await h.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy?: any };
        // Injected service nodes are gone (egress clusters and unreached services stay service nodes).
        return !!el?.__cy && el.__cy.getElementById('svc_cluster-1_bookinfo_productpage').empty();
      },
      undefined,
      { timeout: 20000 }
    );
    await settle(h.page);
    expect(h.sandbox.backendLog.filter((r) => r.kind === 'query').length).toBeGreaterThan(queries);
    const g = await graphSnapshot(h.page);
    expect(
      leaves(g)
        .filter((n) => n.nodeType === 'service' && n.visible && !n.id.startsWith('svc_unknown_unknown_'))
        .map((n) => n.id)
    ).toEqual(['svc_cluster-1_bookinfo_inventory']);
    // productpage now calls details directly.
    expect(g.edges.some((e) => e.source === PRODUCTPAGE && e.target === 'vapp_cluster-1_bookinfo_details-v1')).toBe(
      true
    );
    await menu().getByRole('radio', { name: 'None' }).check({ force: true });
    await h.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy?: any };
        return !!el?.__cy && el.__cy.nodes('[nodeType="box"]').length === 0;
      },
      undefined,
      { timeout: 20000 }
    );
    await screenshot(h.page, 'display-no-service-nodes-no-boxes');
    await menu().getByRole('button', { name: 'Panel defaults' }).click();
    await h.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy?: any };
        return (
          !!el?.__cy &&
          el.__cy.getElementById('svc_cluster-1_bookinfo_productpage').nonempty() &&
          el.__cy.nodes('[nodeType="box"]').length > 0
        );
      },
      undefined,
      { timeout: 20000 }
    );
    await closeDisplay();
    await settle(h.page);
  });
});

describe('saved layouts', () => {
  it('saves dragged positions into the panel options only on Save, keeps them, places new nodes around them, resets', async () => {
    await setOptions(h.page, { layout: 'dagre' });
    const g = await graphSnapshot(h.page);
    const pp = g.nodes.find((n) => n.id === PRODUCTPAGE)!;
    // Drag productpage 120 px right and 60 px down.
    await h.page.mouse.move(pp.page.x, pp.page.y);
    await h.page.mouse.down();
    await h.page.mouse.move(pp.page.x + 60, pp.page.y + 30, { steps: 4 });
    await h.page.mouse.move(pp.page.x + 120, pp.page.y + 60, { steps: 4 });
    await h.page.mouse.up();
    const dragged = (await graphSnapshot(h.page)).nodes.find((n) => n.id === PRODUCTPAGE)!.position;
    expect(Math.hypot(dragged.x - pp.position.x, dragged.y - pp.position.y)).toBeGreaterThan(20);
    // Dragging alone writes nothing into the dashboard.
    expect((await options(h.page)).savedLayout).toBeUndefined();

    await h.page.getByRole('button', { name: 'Save layout' }).click();
    await settle(h.page);
    const saved = (await options(h.page)).savedLayout;
    expect(saved.positions[PRODUCTPAGE].x).toBeCloseTo(dragged.x, 0);
    expect(saved.positions[PRODUCTPAGE].y).toBeCloseTo(dragged.y, 0);
    expect(Object.keys(saved.positions).length).toBe(leaves(g).filter((n) => n.visible).length);

    // A refresh keeps them.
    await refresh(h.page);
    const kept = (await graphSnapshot(h.page)).nodes.find((n) => n.id === PRODUCTPAGE)!.position;
    expect(kept.x).toBeCloseTo(dragged.x, 0);

    // A node without a saved position (new since the save) is placed next to a kept neighbour; a saved node that
    // is gone is ignored.
    const details = 'vapp_cluster-1_bookinfo_details-v1';
    const positions = { ...saved.positions, gone_node: { x: 1, y: 1 } };
    delete positions[details];
    // (The sandbox merges options deeply, as Grafana does not: clear them first so the node is really absent.)
    await setOptions(h.page, { savedLayout: null });
    await setOptions(h.page, { savedLayout: { ...saved, positions } });
    const inc = await graphSnapshot(h.page);
    const byId = new Map(inc.nodes.map((n) => [n.id, n]));
    for (const [id, p] of Object.entries(positions)) {
      if (byId.has(id)) {
        expect({ id, p: byId.get(id)!.position }).toEqual({ id, p });
      }
    }
    const placed = byId.get(details)!.position;
    const neighbour = byId.get('svc_cluster-1_bookinfo_details')!.position;
    expect(Math.abs(placed.x - neighbour.x)).toBeLessThanOrEqual(200);
    expect(Math.abs(placed.y - neighbour.y)).toBeLessThanOrEqual(400);
    for (const n of leaves(inc).filter((x) => x.visible && x.id !== details)) {
      const d = Math.hypot(n.position.x - placed.x, n.position.y - placed.y);
      expect({ id: n.id, apart: d > 20 }).toEqual({ id: n.id, apart: true });
    }
    await screenshot(h.page, 'saved-layout');

    // Reset layout drops the saved positions from the options and lays out automatically again.
    await h.page.getByRole('button', { name: 'Reset layout' }).click();
    await settle(h.page);
    expect((await options(h.page)).savedLayout).toBeUndefined();
    const auto = (await graphSnapshot(h.page)).nodes.find((n) => n.id === PRODUCTPAGE)!.position;
    expect(auto.x).toBeCloseTo(pp.position.x, 0);
    expect(auto.y).toBeCloseTo(pp.position.y, 0);
  });
});

describe('export', () => {
  async function exportAs(label: string): Promise<{ name: string; body: Buffer }> {
    await h.page.getByRole('button', { name: 'Export' }).click();
    const [download] = await Promise.all([
      h.page.waitForEvent('download', { timeout: 15000 }),
      h.page.getByRole('menuitem', { name: label }).click(),
    ]);
    const file = await download.path();
    return { name: download.suggestedFilename(), body: fs.readFileSync(file!) };
  }

  it('PNG and SVG of the view, the graph as Kiali JSON; the exporters load on demand', async () => {
    const before = h.sandbox.backendLog.length;
    const chunkRequests: string[] = [];
    const onRequest = (r: { url(): string }) => {
      if (/\/panel\/export\.js/.test(r.url())) {
        chunkRequests.push(r.url());
      }
    };
    h.page.on('request', onRequest);
    const png = await exportAs('PNG image of the view');
    h.page.off('request', onRequest);
    expect(chunkRequests).toHaveLength(1);
    expect(chunkRequests[0]).toMatch(/\/public\/plugins\/meshgraph-traffic-app\/panel\/export\.js/);
    expect(png.name).toMatch(/^Bookinfo-traffic-.*\.png$/);
    expect(png.body.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.body.length).toBeGreaterThan(10000);

    const svg = await exportAs('SVG image of the view');
    const text = svg.body.toString('utf8');
    expect(text).toMatch(/^<\?xml[^>]*>\s*<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(text).toContain('productpage');
    expect(text).toContain('@font-face{font-family:MeshgraphIcons');
    // Well-formed: the browser's XML parser reads it without error, with one shape per visible node.
    const parsed = await h.page.evaluate((src) => {
      const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        shapes: doc.querySelectorAll('ellipse, polygon, rect').length,
        paths: doc.querySelectorAll('path').length,
      };
    }, text);
    expect(parsed.error).toBeNull();
    const g = await graphSnapshot(h.page);
    expect(parsed.paths).toBe(g.edges.filter((e) => e.visible).length);
    expect(parsed.shapes).toBeGreaterThan(g.nodes.filter((n) => n.visible).length);

    const json = await exportAs('Graph as JSON (Kiali format)');
    const kiali = JSON.parse(json.body.toString('utf8'));
    const rows = frameRows((await panelFrames(h.page)).find((f) => f.name === 'nodes')!);
    expect(kiali.graphType).toBe('versionedApp');
    expect(kiali.elements.nodes).toHaveLength(rows.length);
    expect(kiali.elements.nodes.every((n: { data: { id: string } }) => /^[0-9a-f]{64}$/.test(n.data.id))).toBe(true);
    const ppNode = kiali.elements.nodes.find(
      (n: { data: { app?: string; version?: string } }) => n.data.app === 'productpage' && n.data.version === 'v1'
    );
    expect(ppNode.data.traffic.find((t: { protocol: string }) => t.protocol === 'http').rates.httpIn).toBe('25.00');
    // No query was needed for any export.
    expect(h.sandbox.backendLog.filter((r, i) => i >= before && r.kind === 'query')).toEqual([]);
  });

  it('zoomed out in large-graph mode, edges are lines without arrowheads; the SVG still ends them on the nodes', async () => {
    await setOptions(h.page, { largeGraphThreshold: 10 });
    try {
      // Below the zoom where an arrowhead is 3 px long (0.38): Cytoscape's haystack lines, centre to centre.
      const drawn = await cyEval(h.page, (cy) => {
        cy.zoom({ level: 0.3, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        const edges = cy.edges().filter((e: any) => e.visible());
        return {
          curves: [...new Set(edges.map((e: any) => e.style('curve-style')))],
          arrows: edges.filter((e: any) => e.style('target-arrow-shape') !== 'none').length,
        };
      });
      expect(drawn).toEqual({ curves: ['haystack'], arrows: 0 });
      await screenshot(h.page, 'large-mode-zoomed-out');

      const svg = (await exportAs('SVG image of the view')).body.toString('utf8');
      const lines = await h.page.evaluate((src) => {
        const doc = new DOMParser().parseFromString(src, 'image/svg+xml');
        return Array.from(doc.querySelectorAll('path')).map((p) =>
          (p.getAttribute('d') ?? '').match(/-?[\d.]+/g)!.map(Number)
        );
      }, svg);
      // The truth: where Cytoscape ends the same edges drawn straight (as the panel draws them from 0.38 on).
      type Ends = { curve: string; ends: Array<{ x: number; y: number }>; centres: Array<{ x: number; y: number }> };
      const straight = await cyEval(h.page, (cy): Ends[] => {
        const edges = cy.edges().filter((e: any) => e.visible());
        edges.addClass('mg-arrows');
        const out = edges.map((e: any) => ({
          curve: e.style('curve-style'),
          ends: [e.renderedSourceEndpoint(), e.renderedTargetEndpoint()],
          centres: [e.source().renderedPosition(), e.target().renderedPosition()],
        }));
        edges.removeClass('mg-arrows');
        return out;
      });
      expect(lines).toHaveLength(straight.length);
      const off: number[] = [];
      const centreOff: number[] = [];
      straight.forEach((e, i) => {
        expect(e.curve).toBe('straight');
        const [sx, sy, tx, ty] = lines[i];
        off.push(Math.hypot(sx - e.ends[0].x, sy - e.ends[0].y), Math.hypot(tx - e.ends[1].x, ty - e.ends[1].y));
        centreOff.push(
          Math.hypot(e.centres[0].x - e.ends[0].x, e.centres[0].y - e.ends[0].y),
          Math.hypot(e.centres[1].x - e.ends[1].x, e.centres[1].y - e.ends[1].y)
        );
      });
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Nodes are 7.5 px across here; the export takes each outline as an ellipse (a triangle's side is nearer).
      expect(Math.max(...off)).toBeLessThan(2.5);
      expect(median(off)).toBeLessThan(median(centreOff) / 3);
    } finally {
      await setOptions(h.page, { largeGraphThreshold: 300 });
    }
  });
});

describe('keyboard only', () => {
  it('Tab reaches the graph; arrows move between nodes, E along edges, Enter opens details, Escape closes', async () => {
    await h.page.locator('body').click({ position: { x: 2, y: 2 } });
    let onGraph = false;
    for (let i = 0; i < 40 && !onGraph; i++) {
      await h.page.keyboard.press('Tab');
      onGraph = await h.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'meshgraph-graph');
    }
    expect(onGraph).toBe(true);
    // Visible focus on the graph itself.
    const outline = await h.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');

    await h.page.keyboard.press('ArrowRight');
    const first = await h.page.locator('[data-testid="meshgraph-graph"]').getAttribute('data-focused');
    expect(first).toBeTruthy();
    await h.page.keyboard.press('ArrowRight');
    const second = await h.page.locator('[data-testid="meshgraph-graph"]').getAttribute('data-focused');
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    const focusStyle = await cyEval(
      h.page,
      (cy, id: string) => ({
        cls: cy.getElementById(id).hasClass('mg-focus'),
        overlay: Number(cy.getElementById(id).style('overlay-opacity')),
      }),
      second!
    );
    expect(focusStyle.cls).toBe(true);
    expect(focusStyle.overlay).toBeGreaterThan(0);
    const said = await h.page.locator('[data-testid="meshgraph-announcement"]').textContent();
    expect(said).toMatch(/Enter for details/);

    await h.page.keyboard.press('Enter');
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
    await screenshot(h.page, 'keyboard-focus-details');
    await h.page.keyboard.press('Escape');
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ state: 'detached', timeout: 5000 });

    // E: along the node's edges; Enter opens the edge's details.
    await h.page.keyboard.press('e');
    const edgeId = await h.page.locator('[data-testid="meshgraph-graph"]').getAttribute('data-focused');
    expect(edgeId).toMatch(/ (http|grpc|tcp)$/);
    expect(await h.page.locator('[data-testid="meshgraph-announcement"]').textContent()).toMatch(/^Edge from /);
    await h.page.keyboard.press('Enter');
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
    expect((await drawerContent(h.page))!.title).toBe('Edge');
    await h.page.keyboard.press('Escape');
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ state: 'detached', timeout: 5000 });
  });

  it('every control has a name a screen reader reads', async () => {
    const unnamed = await h.page.evaluate(() =>
      Array.from(
        document.querySelectorAll('[data-testid="meshgraph-panel"] button, [data-testid="meshgraph-panel"] input')
      )
        .filter((el) => {
          const e = el as HTMLElement;
          const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent?.trim();
          const byLabel = e.id && document.querySelector(`label[for="${CSS.escape(e.id)}"]`);
          return !labelled && !byLabel && e.offsetParent !== null;
        })
        .map((e) => e.outerHTML.slice(0, 120))
    );
    expect(unnamed).toEqual([]);
  });
});

describe('colour-blind palette', () => {
  afterAll(async () => {
    await openDisplay();
    const reset = menu().getByRole('button', { name: 'Panel defaults' });
    if (await reset.isEnabled()) {
      await reset.click();
    }
    await closeDisplay();
  });

  it('switches health colours to Okabe–Ito, and health keeps its icons and marks', async () => {
    await openDisplay();
    await setCheck('Colour-blind-safe colours', true);
    await closeDisplay();
    await settle(h.page);
    const styles = await cyEval(h.page, (cy) => {
      const failure = cy.edges('[healthStatus="Failure"]').filter((e: any) => e.visible())[0];
      const healthy = cy.edges('[healthStatus="Healthy"][protocol="http"]').filter((e: any) => e.visible())[0];
      return {
        failure: failure.style('line-color'),
        failureMark: failure.style('mid-target-arrow-shape'),
        healthy: healthy.style('line-color'),
      };
    });
    expect(styles.failure).toBe('rgb(213,94,0)');
    expect(styles.failureMark).toBe('square');
    expect(styles.healthy).toBe('rgb(86,180,233)');
    await screenshot(h.page, 'colour-blind-dark');
    await act(h.page, (s) => s.setTheme('light'), undefined);
    await screenshot(h.page, 'colour-blind-light');
    const light = await cyEval(h.page, (cy) =>
      cy
        .edges('[healthStatus="Healthy"][protocol="http"]')
        .filter((e: any) => e.visible())[0]
        .style('line-color')
    );
    expect(light).toBe('rgb(0,114,178)');
    await act(h.page, (s) => s.setTheme('dark'), undefined);
  });
});
