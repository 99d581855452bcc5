/**
 * Drill-down into a rolled-up mesh, in Chromium on the built plugins through the real backend and a real Prometheus
 * fed by the simulator: a small synthetic mesh above a low rollup budget (the datasource's `rollupNodeBudget`)
 * opens rolled up by namespace; a namespace expands by double-click and by the X key, collapses from the details
 * drawer, two stay expanded at once, Find names the collapsed namespace holding a match, the expanded ids survive a
 * refresh (local storage and URL), and the rates of every rolled-up edge are the sums of its members' edges in the
 * unrolled graph the backend answers for the same query.
 *
 *   npm run build && npx jest -c jest.integration.config.js --runInBand tests/browser/panel-drilldown.test.ts
 */
import type { Page } from 'playwright-core';

import { syntheticTopology } from '../../simulator/synthetic';
import { screenshot } from '../support/browser';
import { framesWithWork, takeFrameWork, watchFrameWork } from '../support/frameWork';

import {
  type Harness,
  type FrameValues,
  expectCleanPage,
  frameRows,
  graphSnapshot,
  openPanel,
  panelFrames,
  refresh,
  settle,
  startHarness,
  windowParams,
} from '../support/browserScenarios';

const topology = syntheticTopology({ namespaces: 4, workloadsPerNamespace: 5, seed: 11 });
const NAMESPACES = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
const TARGET = { refId: 'A', namespaces: ['$namespace'], graphType: 'workload', boxBy: ['namespace'] };

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ topology });
  await h.page.setViewportSize({ width: 1300, height: 900 });
  await openPanel(
    h,
    windowParams(h.prometheus, {
      title: 'Rolled-up mesh',
      namespaces: NAMESPACES,
      targets: [TARGET],
      // Far fewer nodes than the mesh has: the datasource's 'auto' rollup folds it by namespace.
      jsonData: { rollupNodeBudget: 10 },
      width: 1200,
      height: 800,
    })
  );
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => h.browser.clearErrors());

afterEach(() => expectCleanPage(h));

const rolledUpIds = async () =>
  (await graphSnapshot(h.page)).nodes.filter((n) => n.id.startsWith('rollup_namespace_') && n.nodeType !== 'box');
const boxIds = async () =>
  (await graphSnapshot(h.page)).nodes
    .filter((n) => n.id.startsWith('rollup_namespace_') && n.nodeType === 'box')
    .map((n) => n.id)
    .sort();

/** Waits until the expanded boxes are exactly `ids` and the graph is laid out. */
async function waitForBoxes(page: Page, ids: string[]): Promise<void> {
  const want = [...ids].sort().join(',');
  await page.waitForFunction(
    (w) => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as
        (HTMLElement & { __cy?: { nodes(sel: string): { map(f: (n: { id(): string }) => string): string[] } } }) | null;
      if (!el?.__cy || el.getAttribute('data-status') !== 'ready') {
        return false;
      }
      const boxes = el.__cy.nodes('[nodeType = "box"]').map((n) => n.id());
      return (
        boxes
          .filter((id) => id.startsWith('rollup_namespace_'))
          .sort()
          .join(',') === w
      );
    },
    want,
    { timeout: 30000 }
  );
  await settle(page);
}

async function collapseAll(): Promise<void> {
  await h.page.evaluate(() => {
    for (const k of Object.keys(localStorage)) {
      if (k.startsWith('meshgraph.expanded:')) {
        localStorage.removeItem(k);
      }
    }
  });
  for (const id of await boxIds()) {
    await toggleFromDrawer(id, 'Collapse');
  }
  await waitForBoxes(h.page, []);
}

/** Selects a node by clicking it and presses the drawer's expand/collapse button (by keyboard: focus + Enter). */
async function toggleFromDrawer(id: string, label: RegExp | string): Promise<void> {
  const node = (await graphSnapshot(h.page)).nodes.find((n) => n.id === id);
  if (!node) {
    throw new Error(`no node ${id}`);
  }
  // A box is clicked on its top edge area (its centre may be a member).
  await h.page.evaluate((nid) => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as HTMLElement & { __cy?: any };
    el.__cy.getElementById(nid).emit('tap');
  }, id);
  const button = h.page.locator('[data-testid="meshgraph-rollup-toggle"]');
  await button.waitFor({ timeout: 10000 });
  expect(await button.textContent()).toMatch(label);
  await button.focus();
  await h.page.keyboard.press('Enter');
}

/** FrameToJSON frames (schema + data.values) as rows. */
function rowsOfWire(frame: { schema: { fields: Array<{ name: string }> }; data: { values: unknown[][] } }) {
  const names = frame.schema.fields.map((f) => f.name);
  const n = frame.data.values[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) =>
    Object.fromEntries(names.map((name, k) => [name, frame.data.values[k][i]]))
  );
}

/** A node's model position, its bounding box (a box's encloses its members), and the collapsed rolled-up nodes. */
function modelGeometry(id: string): Promise<{
  position: { x: number; y: number };
  box: { x1: number; y1: number; x2: number; y2: number };
  others: Array<{ id: string; x: number; y: number }>;
}> {
  return h.page.evaluate((nodeId) => {
    type N = {
      id(): string;
      data(k: string): unknown;
      position(): { x: number; y: number };
      boundingBox(o: object): { x1: number; y1: number; x2: number; y2: number };
    };
    const cy = (
      document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
        __cy: { getElementById(i: string): N; nodes(): N[] };
      }
    ).__cy;
    const n = cy.getElementById(nodeId);
    const others = cy
      .nodes()
      .filter((o) => o.id() !== nodeId && o.id().startsWith('rollup_') && !o.data('isBox'))
      .map((o) => ({ id: o.id(), ...o.position() }));
    return { position: { ...n.position() }, box: n.boundingBox({ includeLabels: false }), others };
  }, id);
}

describe('a mesh above the rollup budget', () => {
  it('opens rolled up by namespace, one node per namespace with its member count', async () => {
    const rolled = await rolledUpIds();
    expect(rolled.map((n) => n.id.split('_').pop()).sort()).toEqual(NAMESPACES);
    const frames = await panelFrames(h.page);
    const nodes = frameRows(frames.find((f) => f.name === 'nodes') as FrameValues);
    const first = nodes.find((r) => r.id === rolled[0].id)!;
    expect(Number(first.memberCount)).toBeGreaterThanOrEqual(5);
    // The label says how many members (the engine's subtitle).
    expect(rolled[0].label).toMatch(/\d+ workloads?/);
  });

  it('rates on a rolled-up edge are the sums of its members’ edges in the unrolled graph', async () => {
    const frames = await panelFrames(h.page);
    const nodes = frameRows(frames.find((f) => f.name === 'nodes') as FrameValues);
    const edges = frameRows(frames.find((f) => f.name === 'edges') as FrameValues);
    const groupOf = new Map<string, string>();
    for (const n of nodes) {
      if (typeof n.members === 'string' && n.members !== '') {
        for (const m of JSON.parse(n.members) as string[]) {
          groupOf.set(m, String(n.id));
        }
      }
    }
    expect(groupOf.size).toBeGreaterThan(20);
    // The same query unrolled, asked of the backend as Grafana's query API does.
    const range = { from: String((h.prometheus.queryTime - 600) * 1000), to: String(h.prometheus.queryTime * 1000) };
    const answer = await h.page.evaluate(
      async ({ body }) => {
        const res = await fetch('/api/ds/query', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        return res.json();
      },
      {
        body: {
          ...range,
          queries: [{ ...TARGET, namespaces: NAMESPACES, rollup: 'none', datasource: { uid: 'meshgraph' } }],
        },
      }
    );
    const wire = answer.results.A.frames as Array<Parameters<typeof rowsOfWire>[0]>;
    const fullEdges = rowsOfWire(wire.find((f) => (f.schema as { name?: string }).name === 'edges')!);
    const sums = new Map<string, { total: number; count: number }>();
    for (const e of fullEdges) {
      const s = groupOf.get(String(e.source)) ?? String(e.source);
      const t = groupOf.get(String(e.target)) ?? String(e.target);
      if (s === t) {
        continue; // internal traffic of a namespace: no edge of its own
      }
      const key = `${s} ${t} ${e.protocol}`;
      const cur = sums.get(key) ?? { total: 0, count: 0 };
      cur.total += (JSON.parse(String(e.rates)) as { total: number }).total;
      cur.count += 1;
      sums.set(key, cur);
    }
    const between = edges.filter(
      (e) => String(e.source).startsWith('rollup_namespace_') && String(e.target).startsWith('rollup_namespace_')
    );
    expect(between.length).toBeGreaterThan(0);
    for (const e of edges) {
      const want = sums.get(`${e.source} ${e.target} ${e.protocol}`);
      expect(want).toBeDefined();
      const total = (JSON.parse(String(e.rates)) as { total: number }).total;
      expect(total).toBeCloseTo(want!.total, 9);
      expect(Number(e.memberEdges)).toBe(want!.count);
    }
    // Every unrolled edge between groups is in some rolled-up edge.
    expect(edges.length).toBe(sums.size);
  });
});

describe('expand and collapse', () => {
  afterAll(collapseAll);

  it('a double-click expands a namespace in place into its box of members', async () => {
    const [target] = await rolledUpIds();
    const before = (await graphSnapshot(h.page)).nodes.find((n) => n.id === target.id)!;
    const was = await modelGeometry(target.id);
    await watchFrameWork(h.page, 'add');
    await h.page.mouse.dblclick(before.page.x, before.page.y);
    await waitForBoxes(h.page, [target.id]);
    // Styles, places, bounds and drawing order are computed with the change: the frames after it only draw.
    const frames = await takeFrameWork(h.page);
    expect(frames.length).toBeGreaterThan(0);
    expect(framesWithWork(frames)).toEqual([]);
    // In place: the box opens where the node was, and no other node is left inside it.
    const now = await modelGeometry(target.id);
    const box = now.box;
    expect(Math.abs((box.x1 + box.x2) / 2 - was.position.x)).toBeLessThan(40);
    expect(Math.abs((box.y1 + box.y2) / 2 - was.position.y)).toBeLessThan(40);
    const inside = now.others.filter((p) => p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2);
    expect(inside).toEqual([]);
    await screenshot(h.page, 'drilldown-expanded-in-place');
    const g = await graphSnapshot(h.page);
    const members = g.nodes.filter(
      (n) => n.parent === target.id || g.nodes.find((p) => p.id === n.parent)?.parent === target.id
    );
    expect(members.length).toBeGreaterThanOrEqual(5);
    // Member edges reach the other (still rolled-up) namespaces.
    const memberIds = new Set(members.map((n) => n.id));
    expect(g.edges.some((e) => memberIds.has(e.source) && e.target.startsWith('rollup_namespace_'))).toBe(
      g.edges.some((e) => memberIds.has(e.source) && !memberIds.has(e.target))
    );
    expect(g.edges.some((e) => memberIds.has(e.source) || memberIds.has(e.target))).toBe(true);
  });

  it('X on the keyboard-focused rolled-up node expands a second one; both stay open', async () => {
    const open = await boxIds();
    const container = h.page.locator('[data-testid="meshgraph-graph"]');
    await container.focus();
    // Walk with the arrow keys towards a collapsed namespace, as a keyboard user does.
    const target = (await rolledUpIds()).find((n) => !open.includes(n.id))!;
    let focused = '';
    for (let i = 0; i < 40 && focused !== target.id; i++) {
      const g = await graphSnapshot(h.page);
      const at = g.nodes.find((n) => n.id === focused);
      const to = g.nodes.find((n) => n.id === target.id)!;
      const dx = at ? to.page.x - at.page.x : 1;
      const dy = at ? to.page.y - at.page.y : 0;
      const key =
        Math.abs(dx) >= Math.abs(dy) ? (dx >= 0 ? 'ArrowRight' : 'ArrowLeft') : dy >= 0 ? 'ArrowDown' : 'ArrowUp';
      await h.page.keyboard.press(key);
      focused = (await container.getAttribute('data-focused')) ?? '';
    }
    expect(focused).toBe(target.id);
    const asked: unknown[] = [];
    const record = (r: import('playwright-core').Request) => {
      if (r.url().includes('/api/ds/query')) {
        asked.push(...((r.postDataJSON() as { queries: unknown[] }).queries ?? []));
      }
    };
    h.page.on('request', record);
    await h.page.keyboard.press('x');
    await waitForBoxes(h.page, [...open, focused]);
    h.page.off('request', record);
    const both = await boxIds();
    expect(both).toHaveLength(2);
    // Asked as changes to the view on screen (one namespace open), and drawn as the whole answer draws.
    expect(asked).toContainEqual(
      expect.objectContaining({ rollupDeltaFrom: { evaluation: expect.any(String), expand: open } })
    );
    const range = { from: String((h.prometheus.queryTime - 600) * 1000), to: String(h.prometheus.queryTime * 1000) };
    const whole = await h.page.evaluate(
      async (body) => (await fetch('/api/ds/query', { method: 'POST', body: JSON.stringify(body) })).json(),
      {
        ...range,
        queries: [{ ...TARGET, namespaces: NAMESPACES, rollupExpand: both, datasource: { uid: 'meshgraph' } }],
      }
    );
    const wire = whole.results.A.frames as Array<Parameters<typeof rowsOfWire>[0]>;
    const frameOf = (name: string) => wire.find((f) => (f.schema as { name?: string }).name === name)!;
    expect(JSON.stringify(frameOf('nodes').schema)).not.toContain('"delta"');
    const wholeNodes = rowsOfWire(frameOf('nodes')).map((n) => String(n.id));
    const g = await graphSnapshot(h.page);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(wholeNodes.sort());
    // Every edge of the open namespaces' members is drawn (only edges between collapsed namespaces are thinned).
    const inBoxes = new Set(g.nodes.filter((n) => both.includes(n.parent ?? '')).map((n) => n.id));
    const touching = (e: { source?: unknown; target?: unknown }) =>
      inBoxes.has(String(e.source)) || inBoxes.has(String(e.target));
    const wholeEdges = rowsOfWire(frameOf('edges')).filter(touching);
    expect(wholeEdges.length).toBeGreaterThan(0);
    expect(
      g.edges
        .filter(touching)
        .map((e) => e.id)
        .sort()
    ).toEqual(wholeEdges.map((e) => String(e.id)).sort());
  });

  it('expanded namespaces survive a refresh, kept in local storage and in the URL', async () => {
    const open = await boxIds();
    await refresh(h.page);
    await waitForBoxes(h.page, open);
    const stored = await h.page.evaluate(() =>
      Object.entries(localStorage).filter(([k]) => k.startsWith('meshgraph.expanded:'))
    );
    expect(stored).toHaveLength(1);
    expect((JSON.parse(stored[0][1]) as string[]).sort()).toEqual(open);
    const url = new URL(h.page.url());
    const param = [...url.searchParams.entries()].find(([k]) => k.startsWith('meshgraph-expand-'));
    expect(param?.[1].split(',').sort()).toEqual(open);
  });

  it('the drawer’s Collapse button brings the rolled-up node back', async () => {
    const [first, second] = await boxIds();
    await toggleFromDrawer(first, 'Collapse');
    await waitForBoxes(h.page, [second]);
    const back = (await graphSnapshot(h.page)).nodes.find((n) => n.id === first)!;
    expect(back.nodeType).not.toBe('box');
    expect(back.visible).toBe(true);
  });
});

describe('Find across collapsed namespaces', () => {
  afterAll(async () => {
    const input = h.page.getByLabel('Find', { exact: true });
    await input.fill('');
    await input.press('Enter');
    await settle(h.page);
  });

  it('marks the rolled-up node holding a match and names it, with a button that expands it', async () => {
    // A workload member of a collapsed namespace, as the rolled-up node's member list names it.
    const nodes = frameRows((await panelFrames(h.page)).find((f) => f.name === 'nodes') as FrameValues);
    const memberId = nodes
      .flatMap((n) => (typeof n.members === 'string' && n.members !== '' ? (JSON.parse(n.members) as string[]) : []))
      .find((m) => m.startsWith('wl_'))!;
    const [, , namespace, name] = memberId.split('_');
    const workload = { namespace, name };
    const input = h.page.getByLabel('Find', { exact: true });
    // (Synthetic workload names repeat across namespaces: the namespace makes the match unique.)
    await input.fill(`workload = ${workload.name} AND namespace = ${workload.namespace}`);
    await input.press('Enter');
    const status = h.page.locator('[data-testid="meshgraph-find-collapsed"]');
    await status.waitFor({ timeout: 10000 });
    expect(await status.textContent()).toMatch(
      new RegExp(`^1 match in collapsed namespace ${workload.namespace}\\s*— expand ${workload.namespace}$`)
    );
    const holder = (await graphSnapshot(h.page)).nodes.find((n) => n.id.endsWith(`_${workload.namespace}`))!;
    expect(holder.classes).toContain('mg-find');
    await status.getByRole('button').click();
    await waitForBoxes(
      h.page,
      [...(await boxIds()), holder.id].filter((v, i, a) => a.indexOf(v) === i)
    );
    // Expanded, the member itself is found.
    await h.page.waitForFunction(
      (name) => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as HTMLElement & { __cy?: any };
        return el.__cy
          .nodes('.mg-find')
          .some((n: any) => n.data('nodeType') === 'workload' && String(n.data('label')).includes(name));
      },
      workload.name,
      { timeout: 10000 }
    );
    await collapseAll();
  });
});
