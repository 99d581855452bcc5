/**
 * The Meshgraph datasource, built (dist/) and loaded in Chromium by the sandbox: the browser part sends the panel's
 * queries to Grafana's /api/ds/query, the sandbox hands them to the real backend plugin process, and the backend
 * queries a real Prometheus that holds the simulated Bookinfo mesh. Grafana's Node Graph contract, dashboard
 * variables and the time range driving the graph, hostile variable values, and Prometheus going away and coming
 * back. What Prometheus received is read from the sandbox's proxy log (only the backend can reach it).
 *
 *   npm run build && npx jest -c jest.integration.config.js tests/browser/datasource.test.ts
 *
 * Expected graphs are derived from the simulator's flows with Kiali's rules (browserScenarios.ts), not copied
 * from the plugin's output.
 *
 * Long on purpose: the cases share one Prometheus, sandbox and Chromium (started once per file).
 */
import type { Request } from 'playwright-core';

import { bookinfoTopology } from '../../simulator/bookinfo';
import { screenshot } from '../support/browser';
import { startBackfilledPrometheus } from '../support/prometheusFixture';
import type { ProxyRecord } from '../support/sandboxServer';
import {
  BOOKINFO_NAMESPACES,
  type GraphSnapshot,
  type Harness,
  expectedVersionedAppGraph,
  frameRows,
  graphSnapshot,
  lastQuery,
  leaves,
  namespaceOfNode,
  openPanel,
  panelFrames,
  panelView,
  parseExpr,
  promRegex,
  refresh,
  setTimeRange,
  setVariable,
  type SentQuery,
  startHarness,
  windowParams,
} from '../support/browserScenarios';

const topology = bookinfoTopology();
let h: Harness;

/** One call the page made to Grafana's query API, with its JSON body. */
interface ApiCall {
  method: string;
  path: string;
  body: { queries?: Array<Record<string, unknown>>; from?: string; to?: string } | undefined;
}
/** The page's calls to /api/ds/query (the panel's queries, as the browser part sends them). */
const apiCalls: ApiCall[] = [];

function recordApiCall(request: Request) {
  const url = new URL(request.url());
  if (url.pathname === '/api/ds/query') {
    let body: ApiCall['body'];
    try {
      body = request.postDataJSON() as ApiCall['body'];
    } catch {
      body = undefined;
    }
    apiCalls.push({ method: request.method(), path: url.pathname, body });
  }
}

beforeAll(async () => {
  h = await startHarness({ topology });
  h.page.on('request', recordApiCall);
  await openPanel(h, windowParams(h.prometheus));
});

afterAll(async () => {
  await h?.stop();
});

/**
 * Set by a test that makes Prometheus fail on purpose: Grafana then answers /api/ds/query with 400 (a query
 * failed), and Chromium logs each failed request itself.
 */
let queryFailuresExpected = false;
const BROWSER_400 =
  /^Failed to load resource: the server responded with a status of 400 \(Bad Request\) \(http:\/\/127\.0\.0\.1:\d+\/api\/ds\/query/;

beforeEach(() => {
  h.browser.clearErrors();
  queryFailuresExpected = false;
});

afterEach(async () => {
  // No scenario may crash the page or log errors, whatever it feeds the plugins.
  const renderErrors = await h.page.evaluate(
    () => (window as unknown as { sandbox: { renderErrors: string[] } }).sandbox.renderErrors
  );
  expect(renderErrors).toEqual([]);
  expect(h.browser.pageErrors).toEqual([]);
  expect(h.browser.consoleErrors.filter((e) => !(queryFailuresExpected && BROWSER_400.test(e)))).toEqual([]);
  // The browser never talks to Prometheus: only Grafana's APIs, which the backend plugin answers.
  expect(h.sent).toEqual([]);
  expect(h.sandbox.refusedProxyRequests).toEqual([]);
  const requests = await h.page.evaluate(() =>
    (window as unknown as { sandbox: { requests(): Array<{ url: string }> } }).sandbox.requests()
  );
  for (const r of requests) {
    expect({ url: r.url, grafanaApi: /^\/api\/(ds\/query|datasources\/uid\/meshgraph\/)/.test(r.url) }).toEqual({
      url: r.url,
      grafanaApi: true,
    });
  }
});

const sorted = (xs: Iterable<string>) => [...xs].sort();
const ALL = ['$__all'];

/** Node ids of drawn traffic nodes (idle nodes come from Kubernetes state, not traffic). */
const trafficNodeIds = (g: GraphSnapshot) =>
  leaves(g)
    .filter((n) => !n.isIdle)
    .map((n) => n.id);

/** What Prometheus received from the backend, decoded like the page's requests used to be. */
function decodeProxied(r: ProxyRecord): SentQuery & { status: number } {
  const url = new URL(r.path, 'http://prometheus');
  const params = new URLSearchParams(url.search);
  const form = new URLSearchParams(r.body);
  const all = (name: string) => [...params.getAll(name), ...form.getAll(name)];
  const time = all('time')[0];
  return {
    method: r.method,
    path: url.pathname,
    exprs: [...all('query'), ...all('match[]')],
    ...(time !== undefined ? { time } : {}),
    body: r.body,
    status: r.status,
  };
}

/**
 * The backend shares one evaluation among identical graph requests for a scrape interval, so asking for the same
 * graph again soon may not reach Prometheus. Before a test that checks what Prometheus received, this narrows the
 * window by one more second (the traffic is steady, so the graph is the same): the next query is a new request.
 */
let windowNudgeS = 0;
async function freshWindow(): Promise<void> {
  windowNudgeS += 1;
  const end = h.prometheus.queryTime;
  await setTimeRange(h.page, (end - 600 + windowNudgeS) * 1000, end * 1000);
}

/** A mark in Prometheus' request log (pass it to sentSince). */
const promMark = () => h.sandbox.proxyLog.length;
/** Requests Prometheus received since `mark`. */
const sentSince = (mark: number) => h.sandbox.proxyLog.slice(mark).map(decodeProxied);
/** The queries the page sent to /api/ds/query since `mark` (index into apiCalls). */
const queriesSince = (mark: number) => apiCalls.slice(mark).flatMap((c) => c.body?.queries ?? []);

/** Parses "25.0 rps" (Kiali's node mainstat) into requests per second. */
function rps(text: unknown): number {
  const m = /^([\d.]+) rps$/.exec(String(text));
  if (!m) {
    throw new Error(`not a request rate: ${String(text)}`);
  }
  return Number(m[1]);
}

describe('the browser sends structured queries to Grafana; the backend queries Prometheus', () => {
  it('posts the panel query with literal namespaces and no PromQL, and the backend runs the PromQL', async () => {
    const api = apiCalls.length;
    const prom = promMark();
    await setVariable(h.page, 'namespace', ['bookinfo', 'tools']);
    expect(await panelView(h.page)).toBe('graph');
    const calls = apiCalls.slice(api);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.method === 'POST')).toBe(true);
    const [query] = queriesSince(api).slice(-1);
    expect(query).toMatchObject({
      refId: 'A',
      namespaces: ['bookinfo', 'tools'],
      datasource: { type: 'meshgraph-istio-datasource', uid: 'meshgraph' },
    });
    expect(JSON.stringify(calls.map((c) => c.body))).not.toMatch(/istio_requests_total|rate\(/);
    const sent = sentSince(prom);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((q) => q.status === 200)).toBe(true);
    expect(sent.some((q) => q.exprs.some((e) => e.includes('istio_requests_total')))).toBe(true);
  });
});

describe('Grafana Node Graph contract', () => {
  beforeAll(async () => {
    await setVariable(h.page, 'namespace', ALL);
  });

  it('delivers nodes and edges frames with the Node Graph fields and consistent values', async () => {
    const summary = await lastQuery(h.page);
    expect(summary.state).toBe('Done');
    expect(summary.errors).toEqual([]);
    expect(summary.nodeGraph.missing).toEqual([]);
    // Every field carries Grafana's own Node Graph name exactly (no match that relies on case folding).
    expect(summary.nodeGraph.caseOnlyMatches).toEqual([]);

    const frames = await panelFrames(h.page);
    const nodes = frames.find((f) => f.name === 'nodes');
    const edges = frames.find((f) => f.name === 'edges');
    expect(nodes).toBeDefined();
    expect(edges).toBeDefined();
    for (const frame of [nodes!, edges!]) {
      expect({ frame: frame.name, vis: frame.preferredVisualisationType }).toEqual({
        frame: frame.name,
        vis: 'nodeGraph',
      });
    }

    // Matched as Grafana's Node Graph does: case-insensitively.
    const fieldType = (frame: typeof nodes, name: string) =>
      frame!.fields.find((f) => f.name.toLowerCase() === name)?.type;
    for (const name of ['id', 'title', 'subtitle', 'mainstat', 'secondarystat', 'color']) {
      expect({ name, type: fieldType(nodes, name) }).toEqual({ name, type: 'string' });
    }
    for (const name of ['id', 'source', 'target', 'mainstat', 'secondarystat', 'color', 'strokedasharray']) {
      expect({ name, type: fieldType(edges, name) }).toEqual({ name, type: 'string' });
    }
    expect(fieldType(edges, 'thickness')).toBe('number');

    // Arcs: numbers with a fixed colour each (Node Graph draws the circle from them), summing to 1 on every row.
    const arcs = nodes!.fields.filter((f) => f.name.startsWith('arc__'));
    expect(arcs.length).toBeGreaterThanOrEqual(2);
    for (const arc of arcs) {
      expect({ arc: arc.name, type: arc.type }).toEqual({ arc: arc.name, type: 'number' });
      expect({ arc: arc.name, color: arc.config.color }).toEqual({
        arc: arc.name,
        color: expect.objectContaining({ mode: 'fixed', fixedColor: expect.any(String) }),
      });
    }
    const nodeRows = frameRows(nodes!);
    expect(nodeRows.length).toBeGreaterThan(0);
    for (const row of nodeRows) {
      const sum = arcs.reduce((acc, arc) => acc + Number(row[arc.name]), 0);
      expect({ id: row.id, sum }).toEqual({ id: row.id, sum: expect.closeTo(1, 6) });
    }

    // Ids are unique, and every edge joins two nodes of the nodes frame.
    const nodeIds = nodeRows.map((r) => String(r.id));
    expect(new Set(nodeIds).size).toBe(nodeIds.length);
    const edgeRows = frameRows(edges!);
    expect(edgeRows.length).toBeGreaterThan(0);
    expect(new Set(edgeRows.map((r) => r.id)).size).toBe(edgeRows.length);
    const known = new Set(nodeIds);
    for (const e of edgeRows) {
      expect({ id: e.id, source: known.has(String(e.source)), target: known.has(String(e.target)) }).toEqual({
        id: e.id,
        source: true,
        target: true,
      });
      expect(Number(e.thickness)).toBeGreaterThan(0);
    }

    // Values follow the traffic: with every namespace, productpage-v1 receives the gateway's 20/s (its client-side
    // 503 UF share included: the gateway's own outbound series are read), loadgen's 2/s and frontend's 3/s.
    const productpage = nodeRows.find((r) => r.id === 'vapp_cluster-1_bookinfo_productpage-v1');
    expect(productpage).toBeDefined();
    expect(rps(productpage!.mainstat)).toBeCloseTo(25, 1);
    expect(productpage!.title).toContain('productpage');
  });
});

describe('$namespace drives the graph', () => {
  const cases: Array<[string, string[]]> = [
    ['bookinfo', ['bookinfo']],
    ['shop', ['shop']],
    ['bookinfo + shop', ['bookinfo', 'shop']],
    ['All', ALL],
  ];
  const seen = new Map<string, Set<string>>();

  it.each(cases)('%s: exactly the nodes and edges of the flows touching the selection', async (label, selection) => {
    await freshWindow();
    const mark = promMark();
    await setVariable(h.page, 'namespace', selection);
    expect(await panelView(h.page)).toBe('graph');
    const g = await graphSnapshot(h.page);
    const expected = expectedVersionedAppGraph(topology, selection === ALL ? 'all' : selection);

    expect(sorted(trafficNodeIds(g))).toEqual(sorted(expected.nodes));
    expect(sorted(g.edges.map((e) => e.id))).toEqual(sorted(expected.edges));
    // Idle nodes (Kubernetes objects without traffic) only for the selected namespaces.
    for (const idle of leaves(g).filter((n) => n.isIdle)) {
      const ns = namespaceOfNode(g, idle.id);
      expect({
        idle: idle.id,
        selected: selection === ALL ? BOOKINFO_NAMESPACES.includes(ns) : selection.includes(ns),
      }).toEqual({
        idle: idle.id,
        selected: true,
      });
    }
    // The drawn boxes put every expected node in its namespace (Kiali boxes a namespace only when it has at
    // least two members, so a lone node from another namespace stays unboxed).
    for (const id of expected.nodes) {
      const ns = expected.namespaceOf.get(id)!;
      const members = leaves(g).filter((n) => expected.namespaceOf.get(n.id) === ns || namespaceOfNode(g, n.id) === ns);
      const want = ns !== '' && members.length >= 2 ? ns : namespaceOfNode(g, id) === '' ? '' : ns;
      expect({ id, ns: namespaceOfNode(g, id) }).toEqual({ id, ns: want });
    }
    expect(Number(g.attrs['node-count'])).toBe(g.nodes.length);

    // The PromQL the backend sent restricts namespace labels to the selection (and not at all for All).
    const sent = sentSince(mark).filter((q) => q.path === '/api/v1/query');
    expect(sent.length).toBeGreaterThan(0);
    const nsMatchers = sent
      .flatMap((q) => q.exprs.flatMap((e) => parseExpr(e).matchers))
      .filter((m) => /namespace$/.test(m.name));
    if (selection === ALL) {
      // Only the first-letter split of the parallel parts (e.g. [0-9a-m].*) and the literal "unknown" remain.
      const split = (m: { name: string; value: string }) =>
        m.name === 'destination_workload_namespace' && /^\[[0-9a-z-]+\]\.\*$/.test(m.value);
      expect(
        nsMatchers.filter((m) => m.op === '=' || m.op === '=~').filter((m) => m.value !== 'unknown' && !split(m))
      ).toEqual([]);
    } else {
      expect(nsMatchers.length).toBeGreaterThan(0);
      for (const m of nsMatchers.filter((x) => x.op === '=' || x.op === '=~')) {
        const re = m.op === '=' ? undefined : promRegex(m.value);
        const matches = (ns: string) => (re ? re.test(ns) : m.value === ns);
        const picked = BOOKINFO_NAMESPACES.filter(matches);
        expect({ matcher: m, picked: picked.every((ns) => selection.includes(ns)) }).toEqual({
          matcher: m,
          picked: true,
        });
      }
    }
    seen.set(label, new Set(trafficNodeIds(g)));
  });

  it('shop alone: frontend and cart, with the bookinfo services they call drawn outside', async () => {
    await setVariable(h.page, 'namespace', ['shop']);
    const g = await graphSnapshot(h.page);
    const ids = new Set(leaves(g).map((n) => n.id));
    for (const id of [
      'vapp_cluster-1_shop_frontend-v1',
      'vapp_cluster-1_shop_cart-v1',
      'svc_cluster-1_shop_cart',
      'svc_cluster-1_bookinfo_productpage',
      'svc_cluster-1_bookinfo_inventory',
    ]) {
      expect({ id, drawn: ids.has(id) }).toEqual({ id, drawn: true });
    }
    // Nothing that neither starts nor ends in shop: no details, reviews, gateway or unmeshed client.
    for (const id of [
      'vapp_cluster-1_bookinfo_details-v1',
      'svc_cluster-1_bookinfo_reviews',
      'unknown_unknown_source',
    ]) {
      expect({ id, drawn: ids.has(id) }).toEqual({ id, drawn: false });
    }
    expect(namespaceOfNode(g, 'svc_cluster-1_bookinfo_productpage')).toBe('bookinfo');
  });

  it('bookinfo alone reads only destination-side series of the gateway: productpage receives 24.8/s, not 25', async () => {
    // The gateway's 1 % client-side 503 UF (0.2/s) is only in istio-system's outbound series, not queried here.
    await setVariable(h.page, 'namespace', ['bookinfo']);
    const rows = frameRows((await panelFrames(h.page)).find((f) => f.name === 'nodes')!);
    const mainstat = rows.find((r) => r.id === 'vapp_cluster-1_bookinfo_productpage-v1')?.mainstat;
    expect(rps(mainstat)).toBeCloseTo(24.8, 1);
  });

  it('selections nest: bookinfo ∪ shop ⊆ bookinfo + shop ⊆ All', () => {
    const get = (k: string) => seen.get(k) ?? new Set<string>();
    const both = get('bookinfo + shop');
    const all = get('All');
    expect(both.size).toBeGreaterThan(0);
    for (const id of [...get('bookinfo'), ...get('shop')]) {
      expect({ id, inBoth: both.has(id) }).toEqual({ id, inBoth: true });
    }
    for (const id of both) {
      expect({ id, inAll: all.has(id) }).toEqual({ id, inAll: true });
    }
    expect(get('shop').size).toBeLessThan(get('bookinfo').size);
  });
});

describe('the time range sets the evaluation instant and the rate window', () => {
  beforeAll(async () => {
    await setVariable(h.page, 'namespace', ALL);
  });

  it('a range ending at the data’s end shows traffic, evaluated at the range end over the range length', async () => {
    const end = h.prometheus.queryTime;
    const mark = promMark();
    const api = apiCalls.length;
    await setTimeRange(h.page, (end - 900) * 1000, end * 1000);
    // The browser hands the range to Grafana; the backend turns it into the instant and the window.
    const last = apiCalls.slice(api).slice(-1)[0];
    expect({ from: last?.body?.from, to: last?.body?.to }).toEqual({
      from: String((end - 900) * 1000),
      to: String(end * 1000),
    });
    expect(await panelView(h.page)).toBe('graph');
    expect(leaves(await graphSnapshot(h.page)).length).toBeGreaterThan(0);

    const sent = sentSince(mark);
    expect(sent.length).toBeGreaterThan(0);
    for (const q of sent) {
      expect({ method: q.method, path: q.path, time: q.time }).toEqual({
        method: 'POST',
        path: '/api/v1/query',
        time: String(end),
      });
    }
    const ranges = sent.flatMap((q) => q.exprs.flatMap((e) => parseExpr(e).ranges));
    expect(ranges.length).toBeGreaterThan(0);
    expect(new Set(ranges)).toEqual(new Set(['900s']));
    // Prometheus accepted every one.
    for (const q of sent) {
      expect({ path: q.path, status: q.status }).toEqual({ path: '/api/v1/query', status: 200 });
    }
  });

  it('a range entirely before the backfilled data shows the empty state, queried at that earlier instant', async () => {
    const before = h.prometheus.start - 3600;
    const mark = promMark();
    await setTimeRange(h.page, (before - 1800) * 1000, before * 1000);
    expect(await panelView(h.page)).toBe('empty');
    const summary = await lastQuery(h.page);
    expect(summary.state).toBe('Done');
    expect(summary.errors).toEqual([]);
    const text = await h.page.textContent('[data-testid="meshgraph-empty"]');
    expect(text).toMatch(/No Istio traffic/);

    const sent = sentSince(mark);
    expect(sent.length).toBeGreaterThan(0);
    for (const q of sent) {
      expect(q.time).toBe(String(before));
    }
    expect(new Set(sent.flatMap((q) => q.exprs.flatMap((e) => parseExpr(e).ranges)))).toEqual(new Set(['1800s']));
  });

  afterAll(async () => {
    await setTimeRange(h.page, (h.prometheus.queryTime - 600) * 1000, h.prometheus.queryTime * 1000);
  });
});

describe('hostile variable values cannot change the query', () => {
  // Baselines: plain names that exist nowhere, as many as the hostile cases select (the number of values decides
  // the query shapes: exact or regex matchers, and how the namespaces split into the parallel query parts).
  const BENIGN = 'no-such-namespace';
  const COUNTS = [1, 2, 3];
  const baseline = (count: number) =>
    count === 1 ? [BENIGN] : Array.from({ length: count }, (_, i) => `${BENIGN}-${i}`);
  /** Per (label, op): the values benign queries use that are not the selected namespace (constants). */
  const constants = new Map<string, Set<string>>();
  const skeletons = new Map<number, Set<string>>(COUNTS.map((c) => [c, new Set<string>()]));

  beforeAll(async () => {
    await setTimeRange(h.page, (h.prometheus.queryTime - 600) * 1000, h.prometheus.queryTime * 1000);
    for (const count of COUNTS) {
      const mark = promMark();
      await setVariable(h.page, 'namespace', baseline(count));
      expect(await panelView(h.page)).toBe('empty');
      for (const q of sentSince(mark)) {
        for (const e of q.exprs) {
          const p = parseExpr(e);
          skeletons.get(count)!.add(p.skeleton);
          for (const m of p.matchers) {
            if (!m.value.includes(BENIGN)) {
              const key = `${m.name}${m.op}`;
              constants.set(key, (constants.get(key) ?? new Set()).add(m.value));
            }
          }
        }
      }
    }
  });

  it('namespaces that do not exist give the empty state (the baselines)', async () => {
    for (const count of COUNTS) {
      expect(skeletons.get(count)!.size).toBeGreaterThan(0);
    }
    expect(await panelView(h.page)).toBe('empty');
  });

  const HOSTILE: Array<[string, string[]]> = [
    ['closing the selector', ['"} or vector(1)']],
    ['a trailing quote', ['bookinfo"']],
    ['a backslash', ['a\\b']],
    ['a regex matching everything', ['.*']],
    ['a regex alternation of real namespaces', ['bookinfo|shop']],
    ['a newline', ['bookinfo\nshop']],
    ['several hostile values at once', ['.*', 'bookinfo|shop', '") or on() vector(1) #']],
    ['a variable reference inside the value', ['$namespace', '${__all}']],
  ];

  it.each(HOSTILE)(
    '%s: no graph, and every query keeps its structure with the value as a literal',
    async (_label, values) => {
      const mark = promMark();
      const api = apiCalls.length;
      await setVariable(h.page, 'namespace', values);
      // The browser sent the values as they are, in the query's namespace list (literal data, no PromQL).
      expect(queriesSince(api).slice(-1)[0]?.namespaces).toEqual(values);

      // Nothing matches: not the whole mesh (.*), not bookinfo and shop (bookinfo|shop).
      expect(await panelView(h.page)).toBe('empty');
      const summary = await lastQuery(h.page);
      expect(summary.errors).toEqual([]);
      expect(summary.state).toBe('Done');

      const sent = sentSince(mark);
      expect(sent.length).toBeGreaterThan(0);
      const dataMatchers: Array<{ name: string; op: string; value: string }> = [];
      for (const q of sent) {
        expect(q.path).toBe('/api/v1/query');
        for (const expr of q.exprs) {
          const p = parseExpr(expr);
          expect({ expr, errors: p.errors }).toEqual({ expr, errors: [] });
          // Same structure as with a plain name: nothing was added to or cut from the expression.
          const shapes = skeletons.get(values.length)!;
          expect({ expr, sameStructure: shapes.has(p.skeleton) }).toEqual({ expr, sameStructure: true });
          for (const m of p.matchers) {
            const known = constants.get(`${m.name}${m.op}`);
            if (known?.has(m.value)) {
              continue; // a constant of the plan (reporter, "unknown", …)
            }
            dataMatchers.push(m);
            if (m.op === '=' || m.op === '!=') {
              // An exact matcher holds exactly one of the values, unescaped.
              expect({ matcher: m, isValue: values.includes(m.value) }).toEqual({ matcher: m, isValue: true });
            } else {
              // A regex matcher matches values literally (all of them, or the part of them its parallel query
              // covers) and no real namespace (or its service hosts).
              const re = promRegex(m.value);
              const host = m.name === 'destination_service';
              const probe = (ns: string) => (host ? `reviews.${ns}.svc.cluster.local` : ns);
              expect({ matcher: m, matchesValues: values.some((v) => re.test(probe(v))) }).toEqual({
                matcher: m,
                matchesValues: true,
              });
              const real = BOOKINFO_NAMESPACES.filter((ns) => re.test(probe(ns)));
              expect({ matcher: m, real }).toEqual({ matcher: m, real: [] });
            }
          }
        }
      }
      // Each value reached the query, as data.
      for (const v of values) {
        const carried = dataMatchers.some((m) =>
          m.op === '=' || m.op === '!=' ? m.value === v : promRegexMatchesSomewhere(m.value, v)
        );
        expect({ v, carried }).toEqual({ v, carried: true });
      }
      // Prometheus accepted every query (a broken one answers 400).
      for (const q of sent) {
        expect(q.status).toBe(200);
      }
    }
  );

  afterAll(async () => {
    await setVariable(h.page, 'namespace', ALL);
  });
});

/** Whether a regex literal matches the value literally (the value may be escaped inside it). */
function promRegexMatchesSomewhere(pattern: string, value: string): boolean {
  try {
    return promRegex(pattern).test(value) || promRegex(pattern).test(`reviews.${value}.svc.cluster.local`);
  } catch {
    return false;
  }
}

describe('Prometheus down, then back', () => {
  it('shows a readable error while Prometheus is stopped and renders again after it restarts', async () => {
    await setVariable(h.page, 'namespace', ALL);
    const before = await graphSnapshot(h.page);
    expect(leaves(before).length).toBeGreaterThan(0);

    // Stop the real server: the backend's connection fails (the sandbox's proxy in front of Prometheus answers it
    // 502), the backend reports the query as failed and Grafana answers /api/ds/query with 400.
    queryFailuresExpected = true;
    await h.prometheus.stop();
    const mark = promMark();
    await freshWindow();
    await refresh(h.page);
    expect(await panelView(h.page)).toBe('error');
    const summary = await lastQuery(h.page);
    expect(summary.state).toBe('Error');
    expect(summary.errors.length).toBeGreaterThan(0);
    expect(sentSince(mark).some((r) => r.status === 502)).toBe(true);
    const text = (await h.page.textContent('[data-testid="meshgraph-error"]')) ?? '';
    expect(text).toMatch(/Prometheus|reach|502/i);
    // A sentence, not a stack trace or an object dump.
    expect(text).not.toMatch(/\bat \S+ \(|\.js:\d+|\[object Object\]|undefined|TypeError/);
    expect(text.length).toBeLessThan(1000);
    await screenshot(h.page, 'datasource-prometheus-down');

    // Restart on the same data (a new server on a new port) and point the datasource at it.
    h.prometheus = await startBackfilledPrometheus({ topology });
    h.sandbox.setPrometheusUrl(h.prometheus.url);
    await refresh(h.page);
    expect(await panelView(h.page)).toBe('graph');
    expect((await lastQuery(h.page)).errors).toEqual([]);
    const after = await graphSnapshot(h.page);
    expect(sorted(after.nodes.map((n) => n.id))).toEqual(sorted(before.nodes.map((n) => n.id)));
    expect(sorted(after.edges.map((e) => e.id))).toEqual(sorted(before.edges.map((e) => e.id)));
  });
});
