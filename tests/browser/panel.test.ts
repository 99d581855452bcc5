/**
 * The Meshgraph traffic panel, built (dist/) and loaded in Chromium by the sandbox, drawing the simulated Bookinfo
 * mesh read from a real Prometheus by the Meshgraph datasource: themes, Kiali's node shapes, the details drawer,
 * Find/Hide, layouts, stable positions, hover highlighting, the table view and the keyboard.
 *
 *   npm run build && npx jest -c jest.integration.config.js tests/browser/panel.test.ts
 *
 * Screenshots: test-results/screenshots/bookinfo-dark.png, bookinfo-light.png.
 *
 * Long on purpose: the cases share one Prometheus, sandbox and Chromium (started once per file).
 */
import { bookinfoTopology } from '../../simulator/bookinfo';
import { screenshot } from '../support/browser';
import {
  type GraphSnapshot,
  type Harness,
  act,
  drawerContent,
  frameRows,
  graphSnapshot,
  leaves,
  luminance,
  meshgraphTarget,
  openPanel,
  panelFrames,
  panelView,
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
  await openPanel(h, windowParams(h.prometheus, { theme: 'dark', title: 'Bookinfo traffic' }));
});

afterAll(async () => {
  await h?.stop();
});

beforeEach(() => h.browser.clearErrors());

afterEach(() => expectCleanPage(h));

const PRODUCTPAGE = 'vapp_cluster-1_bookinfo_productpage-v1';
const PRODUCTPAGE_SVC = 'svc_cluster-1_bookinfo_productpage';
const GATEWAY = 'vapp_cluster-1_istio-system_istio-ingressgateway';
const DETAILS = 'vapp_cluster-1_bookinfo_details-v1';
const UNKNOWN = 'unknown_unknown_source';

const node = (g: GraphSnapshot, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) {
    throw new Error(`node ${id} is not drawn; drawn: ${g.nodes.map((x) => x.id).join(', ')}`);
  }
  return n;
};
const edge = (g: GraphSnapshot, source: string, target: string) => {
  const e = g.edges.find((x) => x.source === source && x.target === target);
  if (!e) {
    throw new Error(`edge ${source} → ${target} is not drawn`);
  }
  return e;
};

/** Clicks the empty top-left corner of the graph (closes the drawer's selection the way a user would). */
async function clickBackground(): Promise<void> {
  const box = await h.page.locator('[data-testid="meshgraph-graph"]').boundingBox();
  await h.page.mouse.click(box!.x + 3, box!.y + 3);
}

/**
 * Clicks a graph control as a pointer does: moving onto it first. (The previous control's tooltip sits over the
 * next control until the pointer leaves it; a direct synthetic click would land on the tooltip.)
 */
async function clickControl(name: string): Promise<void> {
  const box = (await h.page.getByRole('button', { name }).boundingBox())!;
  await h.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await h.page.mouse.down();
  await h.page.mouse.up();
}

async function closeDrawer(): Promise<void> {
  if (await h.page.locator('[data-testid="meshgraph-details"]').count()) {
    await h.page.getByRole('button', { name: 'Close details' }).click();
  }
  await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ state: 'detached', timeout: 5000 });
}

/** Types an expression into the Find or Hide input and applies it with Enter. */
async function applyExpression(label: 'Find' | 'Hide', expression: string): Promise<void> {
  const input = h.page.getByLabel(label, { exact: true });
  await input.fill(expression);
  await input.press('Enter');
  await settle(h.page);
}

/** Kiali's highlight set (model §10.7) of a node: itself, its transitive predecessors and successors, their edges. */
function reachable(g: GraphSnapshot, start: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set([start]);
  const edges = new Set<string>();
  for (const dir of ['in', 'out'] as const) {
    const seen = new Set([start]);
    const queue = [start];
    while (queue.length > 0) {
      const id = queue.pop()!;
      for (const e of g.edges) {
        const from = dir === 'out' ? e.source : e.target;
        const to = dir === 'out' ? e.target : e.source;
        if (from === id) {
          edges.add(e.id);
          nodes.add(to);
          if (!seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
    }
  }
  return { nodes, edges };
}

describe('bookinfo with the default query', () => {
  it('draws every node and edge of the query in dark and light themes', async () => {
    const g = await graphSnapshot(h.page);
    const nodesFrame = (await panelFrames(h.page)).find((f) => f.name === 'nodes')!;
    const edgesFrame = (await panelFrames(h.page)).find((f) => f.name === 'edges')!;
    expect(g.attrs.status).toBe('ready');
    expect(g.attrs.layout).toBe('dagre');
    expect(Number(g.attrs['node-count'])).toBe(frameRows(nodesFrame).length);
    expect(Number(g.attrs['edge-count'])).toBe(frameRows(edgesFrame).length);
    // Idle nodes are hidden unless asked for (Kiali); everything else is drawn.
    expect(Number(g.attrs['visible-node-count'])).toBe(g.nodes.filter((n) => !n.isIdle).length);
    expect(g.nodes.filter((n) => !n.visible).every((n) => n.isIdle)).toBe(true);
    expect(g.nodes.filter((n) => n.isIdle).length).toBeGreaterThan(0);

    const dashboardBackground = () =>
      h.page.evaluate(
        () => getComputedStyle(document.querySelector('[data-testid="sandbox-dashboard"]')!).backgroundColor
      );
    const labelColour = () =>
      h.page.evaluate((id) => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
          __cy: { getElementById(id: string): { style(k: string): string } };
        };
        return el.__cy.getElementById(id).style('color');
      }, PRODUCTPAGE);

    await screenshot(h.page, 'bookinfo-dark');
    const dark = { background: await dashboardBackground(), label: await labelColour() };
    await act(h.page, (s) => s.setTheme('light'), undefined);
    await screenshot(h.page, 'bookinfo-light');
    const light = { background: await dashboardBackground(), label: await labelColour() };

    expect(luminance(dark.background)).toBeLessThan(0.1);
    expect(luminance(light.background)).toBeGreaterThan(0.8);
    // The graph follows the theme too: light labels on dark, dark labels on light.
    expect(luminance(dark.label)).toBeGreaterThan(luminance(light.label));
    // Switching the theme re-styles in place: nothing was re-queried or re-laid out.
    // (Leaves: a box's position follows its members' drawn extent, labels included.)
    const after = await graphSnapshot(h.page);
    expect(leaves(after).map((n) => n.position)).toEqual(leaves(g).map((n) => n.position));

    await act(h.page, (s) => s.setTheme('dark'), undefined);
  });

  it('draws Kiali’s shapes per node type and boxes namespaces', async () => {
    const g = await graphSnapshot(h.page);
    // versionedApp graph: app nodes are rounded rectangles, services triangles, the unmeshed client an ellipse.
    expect(node(g, PRODUCTPAGE)).toMatchObject({ nodeType: 'app', shape: 'round-rectangle' });
    expect(node(g, PRODUCTPAGE_SVC)).toMatchObject({ nodeType: 'service', shape: 'round-triangle' });
    expect(node(g, UNKNOWN)).toMatchObject({
      nodeType: 'unknown',
      shape: 'ellipse',
      isInaccessible: true,
      isRoot: true,
    });
    for (const n of leaves(g)) {
      const want = { app: 'round-rectangle', service: 'round-triangle', unknown: 'ellipse', workload: 'ellipse' }[
        n.nodeType as string
      ];
      expect({ id: n.id, shape: n.shape }).toEqual({ id: n.id, shape: want });
    }
    // One namespace box per namespace with at least two drawn members; bookinfo holds productpage.
    const boxes = g.nodes.filter((n) => n.isBox === 'namespace');
    expect(boxes.map((b) => b.label.split('\n')[0]).sort()).toEqual(['bookinfo', 'istio-system', 'shop']);
    expect(node(g, PRODUCTPAGE).parent).toBe(boxes.find((b) => b.label.startsWith('bookinfo'))!.id);
    for (const b of boxes) {
      expect(b.shape).toBe('round-rectangle');
      expect(g.nodes.filter((n) => n.parent === b.id).length).toBeGreaterThanOrEqual(2);
    }
    // Boxed by namespace only (the query's boxBy): reviews' versions sit in the bookinfo box, without an app box.
    expect(g.nodes.filter((n) => n.isBox === 'app')).toEqual([]);
    for (const v of ['v1', 'v2', 'v3']) {
      expect(node(g, `vapp_cluster-1_bookinfo_reviews-${v}`).parent).toBe(
        boxes.find((b) => b.label.startsWith('bookinfo'))!.id
      );
    }
  });
});

describe('details drawer', () => {
  afterEach(closeDrawer);

  it('clicking a node shows its inbound and outbound traffic', async () => {
    const g = await graphSnapshot(h.page);
    const pp = node(g, PRODUCTPAGE);
    await h.page.mouse.click(pp.page.x, pp.page.y);
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
    const d = (await drawerContent(h.page))!;
    expect(d.title).toContain('productpage');
    expect(d.fields.Namespace).toBe('bookinfo');
    expect(d.fields.Type).toBe('app');
    // Inbound: 20/s from the gateway + 2/s from loadgen + 3/s from frontend, all HTTP. Errors (4xx, 5xx, no
    // response): gateway 404 2 % + 500 1 % + 503 1 % of 20/s = 0.8/s, loadgen 500 2 % of 2/s = 0.04/s, frontend
    // no response 1 % of 3/s = 0.03/s → 0.87/s of 25/s = 3.48 %.
    const inbound = d.tables.Inbound;
    expect(inbound[0]).toEqual(['Protocol', 'Rate', 'Errors', 'Responses', 'Edges']);
    // Kiali's response classes, largest first: mostly 2xx, and every error class of the table above.
    expect(inbound.slice(1)).toEqual([
      ['HTTP', '25 rps', '3.5%', expect.stringMatching(/^2xx 9\d/), expect.any(String)],
    ]);
    expect(inbound[1][3]).toEqual(expect.stringContaining('5xx'));
    expect(inbound[1][3]).toEqual(expect.stringContaining('no response'));
    // Outbound: HTTP to details 25/s + reviews 3 × 8/s; gRPC to recommendations 5/s.
    const outbound = Object.fromEntries(d.tables.Outbound.slice(1).map((r) => [r[0], r[1]]));
    expect(outbound).toEqual({ HTTP: '49 rps', GRPC: '5 rps' });
    // The selection is drawn.
    const selected = await h.page.evaluate((id) => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
        __cy: { getElementById(id: string): { selected(): boolean } };
      };
      return el.__cy.getElementById(id).selected();
    }, PRODUCTPAGE);
    expect(selected).toBe(true);
  });

  it('clicking an edge shows its protocol and response codes with flags', async () => {
    const g = await graphSnapshot(h.page);
    const e = edge(g, GATEWAY, PRODUCTPAGE_SVC);
    await h.page.mouse.click(e.page.x, e.page.y);
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
    const d = (await drawerContent(h.page))!;
    expect(d.title).toBe('Edge');
    expect(d.fields.From).toContain('istio-ingressgateway');
    expect(d.fields.To).toContain('productpage');
    expect(d.fields.Protocol).toBe('HTTP');
    expect(d.fields.Rate).toBe('20 rps');
    // The gateway's flow: 200 94 %, 302 2 %, 404 2 %, 500 1 %, 503 UF 1 % (the last one reported by the gateway).
    const rows = d.tables.Responses;
    expect(rows[0]).toEqual(['Code', 'Share', 'Flags', 'Hosts']);
    const byCode = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(Object.keys(byCode).sort()).toEqual(['200', '302', '404', '500', '503']);
    expect(byCode['200'][1]).toBe('94%');
    expect(byCode['503'][2]).toContain('UF');
    expect(byCode['200'][3]).toContain('productpage.bookinfo.svc.cluster.local');
  });

  it('clicking the background or Close details closes it', async () => {
    const g = await graphSnapshot(h.page);
    await h.page.mouse.click(node(g, DETAILS).page.x, node(g, DETAILS).page.y);
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ timeout: 5000 });
    await clickBackground();
    await h.page.locator('[data-testid="meshgraph-details"]').waitFor({ state: 'detached', timeout: 5000 });
  });
});

describe('Find and Hide', () => {
  afterEach(async () => {
    await applyExpression('Find', '');
    await applyExpression('Hide', '');
  });

  it('Find "name = productpage" marks exactly the nodes named productpage', async () => {
    const rows = frameRows((await panelFrames(h.page)).find((f) => f.name === 'nodes')!);
    // name = app, service, workload or title (Kiali's name operand, plus the Node Graph title).
    const expected = rows
      .filter((r) => ['app', 'service', 'workload', 'title'].some((k) => r[k] === 'productpage'))
      .map((r) => String(r.id))
      .sort();
    expect(expected).toEqual(expect.arrayContaining([PRODUCTPAGE, PRODUCTPAGE_SVC]));

    await applyExpression('Find', 'name = productpage');
    const g = await graphSnapshot(h.page);
    expect(
      g.nodes
        .filter((n) => n.classes.includes('mg-find'))
        .map((n) => n.id)
        .sort()
    ).toEqual(expected);
    expect(g.edges.filter((e) => e.classes.includes('mg-find'))).toEqual([]);
    // Finding hides nothing (idle nodes stay hidden, as before).
    expect(Number(g.attrs['visible-node-count'])).toBe(g.nodes.filter((n) => !n.isIdle).length);
    expect(await h.page.getByText(`${expected.length} found`, { exact: true }).count()).toBe(1);
  });

  it('a bad Find expression shows a readable error and finds nothing', async () => {
    await applyExpression('Find', 'colour = blue');
    const error = h.page.locator('[data-testid="meshgraph-find-error"]');
    await error.waitFor({ timeout: 5000 });
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/colour/);
    expect(text).toMatch(/unknown operand/i);
    expect(text).not.toMatch(/\bat \S+ \(|Error:|undefined|\[object/);
    expect(await h.page.getByLabel('Find', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    const g = await graphSnapshot(h.page);
    expect(g.nodes.filter((n) => n.classes.includes('mg-find'))).toEqual([]);

    await applyExpression('Find', 'rt >');
    expect((await error.textContent()) ?? '').not.toBe('');
  });

  it('Hide "name = unknown" removes the unmeshed client and nothing else', async () => {
    const before = await graphSnapshot(h.page);
    const rows = frameRows((await panelFrames(h.page)).find((f) => f.name === 'nodes')!);
    const matched = rows.filter((r) => ['app', 'service', 'workload', 'title'].some((k) => r[k] === 'unknown'));
    expect(matched.map((r) => r.id)).toEqual([UNKNOWN]);
    // Kiali's hide rules: the node, its edges, then nodes left with only hidden edges (none here: productpage's
    // service still has the gateway's and frontend's traffic).
    const hiddenEdges = before.edges.filter((e) => e.source === UNKNOWN || e.target === UNKNOWN).map((e) => e.id);
    expect(hiddenEdges.length).toBe(1);

    await applyExpression('Hide', 'name = unknown');
    const after = await graphSnapshot(h.page);
    const idle = before.nodes.filter((n) => n.isIdle).map((n) => n.id);
    expect(Number(after.attrs['visible-node-count'])).toBe(before.nodes.length - 1 - idle.length);
    expect(
      after.nodes
        .filter((n) => !n.visible)
        .map((n) => n.id)
        .sort()
    ).toEqual([UNKNOWN, ...idle].sort());
    expect(
      after.edges
        .filter((e) => !e.visible)
        .map((e) => e.id)
        .sort()
    ).toEqual(hiddenEdges.sort());
    expect(await h.page.getByText(`${1 + hiddenEdges.length} hidden`, { exact: true }).count()).toBe(1);
    // Hiding re-runs the layout, as Kiali does.
    expect(after.attrs.status).toBe('ready');
  });
});

describe('layout', () => {
  it('the layout option switches the layout and moves the nodes; dagre comes back', async () => {
    const dagre = await graphSnapshot(h.page);
    expect(dagre.attrs.layout).toBe('dagre');
    const positions = (g: GraphSnapshot) => new Map(leaves(g).map((n) => [n.id, `${n.position.x},${n.position.y}`]));
    for (const layout of ['grid', 'concentric', 'breadthfirst']) {
      await setOptions(h.page, { layout });
      const g = await graphSnapshot(h.page);
      expect(g.attrs.layout).toBe(layout);
      const before = positions(dagre);
      const moved = [...positions(g)].filter(([id, p]) => before.get(id) !== p).length;
      expect({ layout, moved: moved > leaves(g).length / 2 }).toEqual({ layout, moved: true });
    }
    await setOptions(h.page, { layout: 'grid' });
    const grid = await graphSnapshot(h.page);
    // A grid puts the nodes on few distinct rows and columns.
    const xs = new Set(leaves(grid).map((n) => Math.round(n.position.x)));
    const ys = new Set(leaves(grid).map((n) => Math.round(n.position.y)));
    expect(xs.size * ys.size).toBeGreaterThanOrEqual(leaves(grid).length);
    expect(xs.size + ys.size).toBeLessThan(leaves(grid).length);

    await setOptions(h.page, { layout: 'dagre' });
    expect((await graphSnapshot(h.page)).attrs.layout).toBe('dagre');
  });

  it('Zoom in, Zoom out and Fit to panel change the viewport, not the layout', async () => {
    const viewport = () =>
      h.page.evaluate(() => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
          __cy: { zoom(): number; pan(): { x: number; y: number } };
        };
        return { zoom: el.__cy.zoom(), pan: { ...el.__cy.pan() } };
      });
    const fitted = await viewport();
    const before = await graphSnapshot(h.page);
    await clickControl('Zoom in');
    const zoomedIn = await viewport();
    expect(zoomedIn.zoom).toBeCloseTo(fitted.zoom * 1.25, 6);
    await clickControl('Zoom out');
    await clickControl('Zoom out');
    expect((await viewport()).zoom).toBeCloseTo(fitted.zoom * 1.25 * 0.8 * 0.8, 6);
    await clickControl('Fit to panel');
    // Fit frames the whole graph again (with its own padding, so the zoom is close to the first fit's).
    const refitted = await viewport();
    expect(Math.abs(refitted.zoom / fitted.zoom - 1)).toBeLessThan(0.02);
    const box = (await h.page.locator('[data-testid="meshgraph-graph"]').boundingBox())!;
    const after = await graphSnapshot(h.page);
    for (const n of after.nodes) {
      const inside =
        n.page.x >= box.x && n.page.x <= box.x + box.width && n.page.y >= box.y && n.page.y <= box.y + box.height;
      expect({ id: n.id, inside }).toEqual({ id: n.id, inside: true });
    }
    expect(leaves(after).map((n) => n.position)).toEqual(leaves(before).map((n) => n.position));
  });

  it('keeps every position across a refresh when the graph did not change', async () => {
    const before = await graphSnapshot(h.page);
    const queries = h.sandbox.backendLog.filter((r) => r.kind === 'query').length;
    await refresh(h.page);
    // It really re-queried (the backend may answer from the evaluation it shares for one scrape interval).
    expect(h.sandbox.backendLog.filter((r) => r.kind === 'query').length).toBeGreaterThan(queries);
    const after = await graphSnapshot(h.page);
    expect(leaves(after).map((n) => [n.id, n.position])).toEqual(leaves(before).map((n) => [n.id, n.position]));
  });
});

describe('hover highlight', () => {
  it('hovering a node highlights its upstream and downstream and dims the rest; leaving clears it', async () => {
    await closeDrawer();
    const g = await graphSnapshot(h.page);
    const target = node(g, DETAILS);
    const { nodes, edges } = reachable(g, DETAILS);
    // details-v1 is called through its service by productpage (called by the gateway, loadgen and frontend)
    // and calls PassthroughCluster; reviews and ratings are neither upstream nor downstream.
    expect(nodes.has(GATEWAY) && nodes.has(UNKNOWN) && nodes.has('svc_unknown_unknown_PassthroughCluster')).toBe(true);
    expect(nodes.has('svc_cluster-1_bookinfo_reviews')).toBe(false);

    await h.page.mouse.move(target.page.x, target.page.y);
    await h.page.waitForFunction(
      (id) => {
        const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
          __mark(id: string): string | undefined;
        };
        return el.__mark(id) === 'lit';
      },
      DETAILS,
      { timeout: 5000 }
    );
    const lit = await graphSnapshot(h.page);
    for (const n of leaves(lit)) {
      expect({ id: n.id, mark: n.mark }).toEqual({ id: n.id, mark: nodes.has(n.id) ? 'lit' : 'dim' });
    }
    for (const e of lit.edges) {
      expect({ id: e.id, mark: e.mark }).toEqual({ id: e.id, mark: edges.has(e.id) ? 'lit' : 'dim' });
    }

    await clickBackground();
    await h.page.mouse.move(1, 1);
    const cleared = await graphSnapshot(h.page);
    expect(
      [...cleared.nodes, ...cleared.edges].filter((x) => x.mark !== undefined || x.classes.some((c) => c === 'mg-dim'))
    ).toEqual([]);
  });
});

describe('table view and keyboard', () => {
  it('Show as table lists every node and edge; Show as graph brings the graph back', async () => {
    const g = await graphSnapshot(h.page);
    // The table lists what the graph shows (idle nodes are hidden by default).
    const leafCount = leaves(g).filter((n) => n.visible).length;
    await h.page.getByRole('button', { name: 'Show as table' }).click();
    const table = h.page.locator('[data-testid="meshgraph-table"]');
    await table.waitFor({ timeout: 5000 });
    expect(await h.page.locator('[data-testid="meshgraph-graph"]').count()).toBe(0);
    const captions = await table.locator('caption').allTextContents();
    expect(captions[0]).toBe(`Nodes (${leafCount})`);
    expect(captions[1]).toBe(`Edges (${g.edges.filter((e) => e.visible).length})`);
    const nodeRows = table.locator('table').first().locator('tbody tr');
    expect(await nodeRows.count()).toBe(leafCount);
    const names = await nodeRows.locator('th').allTextContents();
    for (const name of ['productpage', 'details', 'unknown', 'PassthroughCluster', 'frontend', 'cart']) {
      expect({ name, listed: names.some((n) => n.includes(name)) }).toEqual({ name, listed: true });
    }
    await screenshot(h.page, 'bookinfo-table');

    await h.page.getByRole('button', { name: 'Show as graph' }).click();
    await settle(h.page);
    expect(await panelView(h.page)).toBe('graph');
  });

  it('"/" focuses the Find input', async () => {
    await h.page.locator('[data-testid="meshgraph-graph"]').focus();
    await h.page.keyboard.press('/');
    const focused = await h.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.placeholder);
    expect(focused).toMatch(/^Find/);
    // The slash was not typed into it.
    expect(await h.page.getByLabel('Find', { exact: true }).inputValue()).toBe('');
  });
});

describe('workload graph, opened with a layout in the URL', () => {
  it('draws workloads as ellipses with the URL’s layout', async () => {
    await openPanel(
      h,
      windowParams(h.prometheus, {
        targets: [meshgraphTarget({ graphType: 'workload' })],
        options: { layout: 'breadthfirst' },
      })
    );
    const g = await graphSnapshot(h.page);
    expect(g.attrs.layout).toBe('breadthfirst');
    const workloads = leaves(g).filter((n) => n.nodeType === 'workload');
    expect(workloads.map((n) => n.id)).toEqual(expect.arrayContaining(['wl_cluster-1_bookinfo_productpage-v1']));
    for (const w of workloads) {
      expect({ id: w.id, shape: w.shape }).toEqual({ id: w.id, shape: 'ellipse' });
    }
    expect(leaves(g).some((n) => n.nodeType === 'app')).toBe(false);
    expect(node(g, 'svc_cluster-1_bookinfo_productpage').shape).toBe('round-triangle');
  });
});
