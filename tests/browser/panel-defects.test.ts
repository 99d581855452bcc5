/**
 * Defects a person meets when changing things in the panel, each checked in Chromium on the built
 * plugins against the simulated bookinfo mesh in a real Prometheus, through the real backend plugin:
 *  1 layouts with boxes, 2 resize and the drawer in a small panel, 3 sizing with notices and Find errors,
 *  4 labels (sizes, overlaps, icons), 5 Kiali's visual language, 6 drawer content and Esc, 7 table view,
 *  8 "/" after clicking the graph, 9 the panel editor's options, 10 animation dots against the legend.
 *
 *   npm run build && npx jest -c jest.integration.config.js --runInBand tests/browser/panel-defects.test.ts
 *
 * Long on purpose: the ten defects share one Prometheus, sandbox and Chromium (started once per file).
 */
import type { Page } from 'playwright-core';

import { bookinfoTopology } from '../../simulator/bookinfo';
import { screenshot } from '../support/browser';
import {
  type Harness,
  act,
  drawerContent,
  graphSnapshot,
  meshgraphTarget,
  openPanel,
  setOptions,
  settle,
  startHarness,
  windowParams,
  expectCleanPage,
} from '../support/browserScenarios';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ topology: bookinfoTopology() });
  await h.page.setViewportSize({ width: 1900, height: 1150 });
  await openPanel(h, windowParams(h.prometheus, DEFAULT_VIEW));
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => h.browser.clearErrors());

afterEach(() => expectCleanPage(h));

const PRODUCTPAGE = 'vapp_cluster-1_bookinfo_productpage-v1';
/** Boxed by namespace and by app, so layouts meet nested boxes. */
const DEFAULT_VIEW = { theme: 'dark' as const, targets: [meshgraphTarget({ boxBy: ['namespace', 'app'] })] };

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface Geometry {
  id: string;
  parent?: string;
  isBox?: string;
  visible: boolean;
  /** Model coordinates: the body, and the label alone. */
  body: Rect;
  label: Rect | null;
  position: { x: number; y: number };
}

/** Bodies and label boxes (model coordinates) of every node, from Cytoscape's own bounding boxes. */
function geometry(page: Page): Promise<Geometry[]> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
    return el.__cy.nodes().map((n: any) => {
      const body = n.boundingBox({ includeLabels: false, includeOverlays: false });
      const hasLabel = String(n.style('label') ?? '') !== '';
      const label = hasLabel
        ? n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })
        : null;
      return {
        id: n.id(),
        parent: n.data('parent'),
        isBox: n.data('isBox'),
        visible: n.visible(),
        body: { x1: body.x1, y1: body.y1, x2: body.x2, y2: body.y2 },
        label: label && label.w > 0 ? { x1: label.x1, y1: label.y1, x2: label.x2, y2: label.y2 } : null,
        position: { ...n.position() },
      };
    });
  });
}

const overlap = (a: Rect, b: Rect, slack = 0) =>
  a.x1 < b.x2 - slack && b.x1 < a.x2 - slack && a.y1 < b.y2 - slack && b.y1 < a.y2 - slack;
const inside = (p: { x: number; y: number }, r: Rect) => p.x >= r.x1 && p.x <= r.x2 && p.y >= r.y1 && p.y <= r.y2;

function styleOf(page: Page, id: string, props: string[]): Promise<Record<string, string>> {
  return page.evaluate(
    ({ id, props }) => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
      const e = el.__cy.getElementById(id);
      return Object.fromEntries(props.map((p) => [p, String(e.style(p))]));
    },
    { id, props }
  );
}

function edgeData(
  page: Page
): Promise<Array<{ id: string; healthStatus?: string; hasTraffic?: boolean; visible: boolean }>> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
    return el.__cy.edges().map((e: any) => ({
      id: e.id(),
      healthStatus: e.data('healthStatus'),
      hasTraffic: e.data('hasTraffic'),
      visible: e.visible(),
    }));
  });
}

async function rect(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) {
    throw new Error(`${selector} has no box`);
  }
  return { x1: box.x, y1: box.y, x2: box.x + box.width, y2: box.y + box.height };
}

async function closeDrawer(): Promise<void> {
  if (await h.page.locator('[data-testid="meshgraph-details"]').count()) {
    await h.page.getByRole('button', { name: 'Close details' }).click();
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ state: 'detached', timeout: 5000 });
  }
}

async function clickNode(id: string): Promise<void> {
  const g = await graphSnapshot(h.page);
  const n = g.nodes.find((x) => x.id === id)!;
  await h.page.mouse.click(n.page.x, n.page.y);
  await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
}

describe('1. every layout keeps nodes in their own boxes and boxes apart', () => {
  afterAll(async () => {
    await setOptions(h.page, { layout: 'dagre' });
  });

  it.each(['grid', 'concentric', 'breadthfirst', 'dagre', 'fcose'])('%s', async (layout) => {
    await setOptions(h.page, { layout });
    const g = await geometry(h.page);
    expect((await graphSnapshot(h.page)).attrs.layout).toBe(layout);
    const byId = new Map(g.map((n) => [n.id, n]));
    const ancestors = (id: string) => {
      const out = new Set<string>();
      for (let p = byId.get(id)?.parent; p && !out.has(p); p = byId.get(p)?.parent) {
        out.add(p);
      }
      return out;
    };
    const boxes = g.filter((n) => n.isBox && n.visible);
    expect(boxes.length).toBeGreaterThanOrEqual(4);
    expect(boxes.some((b) => b.isBox === 'app')).toBe(true);
    const wrong: string[] = [];
    for (const n of g.filter((x) => !x.isBox && x.visible)) {
      const own = ancestors(n.id);
      for (const b of boxes) {
        if (own.has(b.id) !== inside(n.position, b.body)) {
          wrong.push(`${n.id} ${own.has(b.id) ? 'outside its box' : 'inside the foreign box'} ${b.id}`);
        }
      }
    }
    for (const a of boxes) {
      for (const b of boxes) {
        const related = ancestors(a.id).has(b.id) || ancestors(b.id).has(a.id);
        if (a.id < b.id && !related && overlap(a.body, b.body)) {
          wrong.push(`boxes ${a.id} and ${b.id} overlap`);
        }
      }
    }
    if (layout !== 'dagre') {
      await screenshot(h.page, `layout-${layout}-boxes`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('2. resize', () => {
  afterAll(async () => {
    await closeDrawer();
    await act(h.page, (s) => s.setSize(1200, 800), undefined);
  });

  /** The drawn graph's extent on the page against the graph container. */
  async function fill() {
    const box = await rect(h.page, '[data-testid="meshgraph-graph"]');
    const g = await graphSnapshot(h.page);
    const xs = g.nodes.filter((n) => n.visible).map((n) => n.page.x);
    const ys = g.nodes.filter((n) => n.visible).map((n) => n.page.y);
    const within = g.nodes.filter((n) => n.visible).every((n) => inside(n.page, box));
    return {
      within,
      wide: (Math.max(...xs) - Math.min(...xs)) / (box.x2 - box.x1),
      high: (Math.max(...ys) - Math.min(...ys)) / (box.y2 - box.y1),
    };
  }

  it('re-fits when the panel shrinks or grows, unless the user zoomed since', async () => {
    await act(h.page, (s) => s.setSize(420, 300), undefined);
    const small = await fill();
    expect(small.within).toBe(true);
    expect(Math.max(small.wide, small.high)).toBeGreaterThan(0.6);
    await screenshot(h.page, 'resize-420x300');

    await act(h.page, (s) => s.setSize(1800, 1000), undefined);
    const big = await fill();
    expect(big.within).toBe(true);
    // Not a small drawing in a corner: the graph spans most of the width or height.
    expect(Math.max(big.wide, big.high)).toBeGreaterThan(0.6);

    // After the user zooms, a resize keeps the user's zoom.
    const zoom = () =>
      h.page.evaluate(() =>
        (document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any }).__cy.zoom()
      );
    const zoomIn = h.page.getByRole('button', { name: 'Zoom in' });
    await zoomIn.click();
    const z = await zoom();
    await act(h.page, (s) => s.setSize(1500, 900), undefined);
    expect(await zoom()).toBeCloseTo(z, 6);
  });

  it('the drawer leaves most of a small panel to the graph', async () => {
    await act(h.page, (s) => s.setSize(420, 300), undefined);
    await h.page.getByRole('button', { name: 'Fit to panel' }).click();
    await clickNode(PRODUCTPAGE);
    const graph = await rect(h.page, '[data-testid="meshgraph-graph"]');
    const drawer = await rect(h.page, '[data-testid="meshgraph-details"]');
    const area = (r: Rect) => Math.max(0, r.x2 - r.x1) * Math.max(0, r.y2 - r.y1);
    const covered = {
      x1: Math.max(graph.x1, drawer.x1),
      y1: Math.max(graph.y1, drawer.y1),
      x2: Math.min(graph.x2, drawer.x2),
      y2: Math.min(graph.y2, drawer.y2),
    };
    await screenshot(h.page, 'resize-420x300-drawer');
    expect(area(covered) / area(graph)).toBeLessThanOrEqual(0.45);
  });
});

describe('3. sizing with notices and Find errors', () => {
  afterAll(async () => {
    await openPanel(h, windowParams(h.prometheus, DEFAULT_VIEW));
  });

  it('a notice and a Find error keep the graph and its controls inside the panel', async () => {
    // A threshold below bookinfo's size: the large-graph notice shows from the first render with data.
    await openPanel(
      h,
      windowParams(h.prometheus, { ...DEFAULT_VIEW, width: 900, height: 500, options: { largeGraphThreshold: 10 } })
    );
    await h.page.locator('[data-testid="meshgraph-notices"]').waitFor({ timeout: 5000 });
    const panel = await rect(h.page, '[data-testid="sandbox-panel"]');
    const check = async () => {
      const graph = await rect(h.page, '[data-testid="meshgraph-graph"]');
      const fit = await rect(h.page, 'button[aria-label="Fit to panel"]');
      return {
        graphBottom: graph.y2 <= panel.y2 + 0.5,
        fitBottom: fit.y2 <= panel.y2 + 0.5,
        graphHeight: graph.y2 - graph.y1,
      };
    };
    expect(await check()).toMatchObject({ graphBottom: true, fitBottom: true });
    const input = h.page.getByLabel('Find', { exact: true });
    await input.fill('colour = blue');
    await input.press('Enter');
    await h.page.locator('[data-testid="meshgraph-find-error"]').waitFor({ timeout: 5000 });
    await screenshot(h.page, 'notice-and-find-error');
    expect(await check()).toMatchObject({ graphBottom: true, fitBottom: true });
    await input.fill('');
    await input.press('Enter');
  });
});

describe('4. labels', () => {
  it('Kiali’s label sizes; no label over another in dagre; icons instead of emoji and arrows', async () => {
    await setOptions(h.page, { edgeLabels: ['trafficRate', 'mtls'], showBadges: true });
    const g = await graphSnapshot(h.page);
    const edge = g.edges.find((e) => e.visible)!;
    expect((await styleOf(h.page, PRODUCTPAGE, ['font-size']))['font-size']).toBe('13px');
    expect((await styleOf(h.page, edge.id, ['font-size']))['font-size']).toBe('10.4px');

    const geo = (await geometry(h.page)).filter((n) => !n.isBox && n.visible);
    const clashes: string[] = [];
    for (const a of geo) {
      for (const b of geo) {
        if (a.id < b.id && a.label && b.label && overlap(a.label, b.label, 1)) {
          clashes.push(`${a.id} / ${b.id}`);
        }
        if (a.id !== b.id && a.label && overlap(a.label, b.body, 1)) {
          clashes.push(`label of ${a.id} over ${b.id}`);
        }
      }
    }
    expect(clashes).toEqual([]);

    // No emoji (outside the Basic Multilingual Plane) and no Unicode arrows in any label: badges and the lock
    // are icons of the panel's own font.
    const labels = await h.page.evaluate(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
      return el.__cy.elements().map((e: any) => String(e.style('label') ?? ''));
    });
    const bad = labels.filter((l: string) => /[\u{10000}-\u{10FFFF}\u2190-\u21FF\u25B6\u26A0\u2716\u25C6]/u.test(l));
    expect(bad).toEqual([]);
    expect(labels.some((l: string) => /[\uE000-\uF8FF]/.test(l))).toBe(true);
    expect(await h.page.evaluate(() => document.fonts.check('12px MeshgraphIcons', '\uE000'))).toBe(true);
    const family = (await styleOf(h.page, PRODUCTPAGE, ['font-family']))['font-family'];
    expect(family).toMatch(/^MeshgraphIcons/);
    // The legend draws the lock as a picture, not as text.
    await h.page.getByRole('button', { name: 'Show legend' }).click();
    const legend = h.page.locator('[data-testid="meshgraph-legend"]');
    expect(await legend.innerText()).not.toMatch(/[\u{10000}-\u{10FFFF}]/u);
    expect(await legend.locator('li', { hasText: 'mTLS' }).locator('svg').count()).toBe(1);
    await screenshot(h.page, 'labels-icons');
    await h.page.getByRole('button', { name: 'Hide legend' }).click();
    await setOptions(h.page, { edgeLabels: [] });
  });
});

describe('5. Kiali’s visual language', () => {
  afterEach(closeDrawer);

  it('failure edges are solid red; edges keep one width', async () => {
    const edges = (await edgeData(h.page)).filter((e) => e.visible);
    const failures = edges.filter((e) => e.healthStatus === 'Failure');
    expect(failures.length).toBeGreaterThan(0);
    for (const e of failures) {
      expect({ id: e.id, style: (await styleOf(h.page, e.id, ['line-style']))['line-style'] }).toEqual({
        id: e.id,
        style: 'solid',
      });
    }
    const widths = new Set<string>();
    for (const e of edges) {
      widths.add((await styleOf(h.page, e.id, ['width'])).width);
    }
    expect([...widths]).toHaveLength(1);
  });

  it('a selected failing node keeps its health colour', async () => {
    const nodes = await h.page.evaluate(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
      return el.__cy
        .nodes()
        .filter((n: any) => n.data('healthStatus') === 'Failure' && n.visible() && !n.data('isBox'))
        .map((n: any) => n.id());
    });
    expect(nodes.length).toBeGreaterThan(0);
    const before = (await styleOf(h.page, nodes[0], ['border-color']))['border-color'];
    await clickNode(nodes[0]);
    const after = await styleOf(h.page, nodes[0], ['border-color']);
    expect(after['border-color']).toBe(before);
  });

  it('idle nodes are hidden unless asked for', async () => {
    const idle = await h.page.evaluate(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
      return el.__cy.nodes('[?isIdle]').map((n: any) => ({ id: n.id(), visible: n.visible() }));
    });
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.filter((n: { visible: boolean }) => n.visible)).toEqual([]);
  });

  it('hovering an edge shows its label', async () => {
    await setOptions(h.page, { edgeLabels: [] });
    const g = await graphSnapshot(h.page);
    const e = g.edges.find((x) => x.visible && x.protocol === 'http')!;
    expect((await styleOf(h.page, e.id, ['label'])).label).toBe('');
    await h.page.mouse.move(e.page.x, e.page.y);
    await h.page.waitForTimeout(300);
    const label = (await styleOf(h.page, e.id, ['label'])).label;
    await h.page.mouse.move(1, 1);
    expect(label).toMatch(/rps|%|ms/);
  });
});

describe('6. drawer', () => {
  afterEach(closeDrawer);

  it('shows Kiali’s side-panel content, no Node Graph internals, and closes on Esc', async () => {
    await clickNode(PRODUCTPAGE);
    const d = (await drawerContent(h.page))!;
    expect(Object.keys(d.fields)).not.toEqual(expect.arrayContaining(['Main stat']));
    expect(d.text).not.toMatch(/Main stat|Secondary stat|degraded 100|healthy 100/);
    // Health with its reason, in the figures of the traffic tables.
    expect(d.fields.Health).toMatch(/Degraded|Failure|Healthy/);
    expect(d.fields.Health).toMatch(/%/);
    const inboundErrors = d.tables.Inbound[1][2];
    expect(d.fields.Health).toContain(inboundErrors);
    expect(d.tables.Inbound).toBeDefined();
    expect(d.tables.Outbound).toBeDefined();
    await h.page.keyboard.press('Escape');
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ state: 'detached', timeout: 5000 });
  });

  it('charts request rate, errors and response time over the range for the selection', async () => {
    await clickNode(PRODUCTPAGE);
    const charts = h.page.locator('[data-testid="meshgraph-drawer-charts"]');
    await charts.waitFor({ timeout: 15000 });
    await h.page.waitForFunction(
      () => document.querySelector('[data-testid="meshgraph-drawer-charts"]')?.getAttribute('data-state') === 'done',
      undefined,
      { timeout: 15000 }
    );
    const titles = await charts
      .locator('[data-testid="meshgraph-chart"]')
      .evaluateAll((els) =>
        els.map((e) => ({ title: e.getAttribute('data-title'), points: Number(e.getAttribute('data-points')) }))
      );
    expect(titles.map((t) => t.title)).toEqual(['Request rate', 'Error rate', 'Response time']);
    expect(titles[0].points).toBeGreaterThan(5);
    expect(h.sandbox.backendLog.some((r) => r.kind === 'resource' && /series/.test(JSON.stringify(r)))).toBe(true);
  });
});

describe('7. table view', () => {
  afterAll(async () => {
    await closeDrawer();
  });

  it('sorts by column, colours health and selects a row’s element in the graph', async () => {
    await h.page.getByRole('button', { name: 'Show as table' }).click();
    const table = h.page.locator('[data-testid="meshgraph-table"] table').first();
    await table.waitFor({ timeout: 5000 });
    const names = () => table.locator('tbody tr th').allTextContents();
    await table.getByRole('button', { name: /^Name/ }).click();
    const asc = await names();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b)));
    expect(await table.locator('th[aria-sort="ascending"]').count()).toBe(1);
    await table.getByRole('button', { name: /^Name/ }).click();
    const desc = await names();
    expect(desc).toEqual([...asc].reverse());

    // Health is coloured (and says it in words).
    const failure = table.locator('tbody td[data-health="Failure"]').first();
    expect(await failure.count()).toBe(1);
    const colour = await failure.evaluate((e) => getComputedStyle(e).color);
    const normal = await table
      .locator('tbody td[data-health]')
      .first()
      .evaluate((e) => getComputedStyle(e.parentElement!.querySelector('th')!).color);
    expect(colour).not.toBe(normal);

    // Clicking a row selects the element in the graph.
    await table
      .getByRole('button', { name: /productpage/ })
      .first()
      .click();
    await settle(h.page);
    expect(await h.page.locator('[data-testid="meshgraph-graph"]').count()).toBe(1);
    const selected = await h.page.evaluate(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as { __cy: any };
      return el.__cy.$(':selected').map((e: any) => e.id());
    });
    expect(selected).toEqual([PRODUCTPAGE]);
  });
});

describe('8. keyboard', () => {
  it('"/" after clicking the graph focuses Find', async () => {
    const box = await rect(h.page, '[data-testid="meshgraph-graph"]');
    await h.page.mouse.click(box.x1 + 5, box.y1 + 5);
    await h.page.keyboard.press('/');
    const focused = await h.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder);
    expect(focused).toMatch(/^Find/);
    await h.page.keyboard.press('Escape');
  });
});

describe('9. panel editor', () => {
  it('offers only the options the panel uses', async () => {
    const ids = await h.page.evaluate(async () => {
      const s = (window as unknown as { sandbox: { plugins: Array<{ type: string; module: string }> } }).sandbox;
      const panel = s.plugins.find((p) => p.type === 'panel')!;
      const System = (window as unknown as { System: { import(u: string): Promise<any> } }).System;
      const mod = await System.import(panel.module);
      return {
        field: mod.plugin.fieldConfigRegistry.list().map((i: { id: string }) => i.id),
        fieldDefaults: JSON.stringify(mod.plugin.fieldConfigDefaults?.defaults ?? {}),
        options: Object.keys(mod.plugin.defaults ?? {}),
      };
    });
    expect(ids.field).toEqual([]);
    // No unit, thresholds, mappings, colour… defaults: only the (empty) custom section.
    expect(JSON.parse(ids.fieldDefaults)).toEqual({ custom: {} });
    expect(ids.options).toEqual(expect.arrayContaining(['layout', 'edgeLabels', 'showIdleNodes', 'palette']));
  });
});

describe('10. animation', () => {
  afterAll(async () => {
    await setOptions(h.page, { animation: false, showLegend: false });
  });

  it('the dots have the colours the legend gives them', async () => {
    await setOptions(h.page, { animation: true, showLegend: true });
    const legend = await h.page
      .locator('[data-testid="meshgraph-legend-animation"] svg [fill]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
    const toRgb = (c: string) => {
      const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(c);
      return m
        ? [1, 2, 3].map((i) => parseInt(m[i], 16)).join(',')
        : c
            .replace(/rgba?\(|\s|\)/g, '')
            .split(',')
            .slice(0, 3)
            .join(',');
    };
    const allowed = legend.map((c) => toRgb(String(c)).split(',').map(Number));
    // Opaque pixels of the dot canvas over a second of animation, by colour.
    const seen = new Map<string, number>();
    for (let i = 0; i < 10; i++) {
      await h.page.waitForTimeout(100);
      const colours = await h.page.evaluate(() => {
        const c = document.querySelector('[data-testid="meshgraph-graph"] ~ canvas') as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const out = new Map<string, number>();
        for (let p = 0; p < d.length; p += 4) {
          if (d[p + 3] === 255) {
            const k = `${d[p]},${d[p + 1]},${d[p + 2]}`;
            out.set(k, (out.get(k) ?? 0) + 1);
          }
        }
        return [...out];
      });
      colours.forEach(([c, n]) => seen.set(c, (seen.get(c) ?? 0) + n));
    }
    // Each pixel is a legend colour (within antialiasing and overlap blends, which are rare).
    const near = (c: string) => {
      const [r, g, b] = c.split(',').map(Number);
      return allowed.some(([x, y, z]) => Math.abs(r - x) + Math.abs(g - y) + Math.abs(b - z) <= 24);
    };
    const total = [...seen.values()].reduce((a, b) => a + b, 0);
    const off = [...seen].filter(([c]) => !near(c)).reduce((a, [, n]) => a + n, 0);
    expect(total).toBeGreaterThan(0);
    expect(off / total).toBeLessThan(0.03);
  });
});
