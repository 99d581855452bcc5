/**
 * Shared pieces of the browser end-to-end tests (tests/browser/*.test.ts): one real Prometheus + one sandbox +
 * one Chromium per test file, reading the panel's state through its documented test hook, capturing the PromQL
 * the datasource sends, and the graph Kiali's rules expect from a simulator topology (derived here from the
 * topology's flows, independently of the engine's code).
 *
 * Long on purpose: the shared setup and readers of every browser test file, in one place.
 */
import fs from 'fs';
import path from 'path';
import type { Page, Request } from 'playwright-core';

import { hasProxy, type Topology, type Workload, workloadId } from '../../simulator/topology';
import type { QuerySummary, SandboxApi } from '../sandbox/api';
import type { SandboxParams } from '../sandbox/params';
import { launchBrowser, openSandbox, type LaunchedBrowser } from './browser';
import { startBackfilledPrometheus, type BackfilledPrometheus, type BackfillOptions } from './prometheusFixture';
import { startSandbox, type SandboxServer } from './sandboxServer';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DIST = path.resolve(REPO_ROOT, process.env.SANDBOX_DIST ?? 'dist');
/** Upper bound for any single wait in the page (layout, query, render). */
export const WAIT_MS = 30000;

/** Throws a readable message when dist/ lacks the built plugins. */
export function assertBuilt(): void {
  const required = ['plugin.json', 'datasource/module.js', 'panel/module.js'];
  const missing = required.filter((f) => !fs.existsSync(path.join(DIST, f)));
  if (missing.length > 0) {
    throw new Error(`${DIST} lacks ${missing.join(', ')}: run npm run build first`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Harness: Prometheus + sandbox + browser, with a recorder of the PromQL the page sends.

/** One request the page sent through the data proxy, with its PromQL decoded from the URL or the form body. */
export interface SentQuery {
  method: string;
  /** Path after the proxy prefix, e.g. /api/v1/query. */
  path: string;
  /** `query` (instant/range queries) or each `match[]` (series and label APIs). */
  exprs: string[];
  /** `time=` of an instant query, as sent. */
  time?: string;
  body: string;
}

export interface Harness {
  /** Replace it (and re-point the sandbox) when a test restarts Prometheus; stop() stops the current one. */
  prometheus: BackfilledPrometheus;
  sandbox: SandboxServer;
  browser: LaunchedBrowser;
  page: Page;
  /** Every request the page sent through the data proxy since the harness started (oldest first). */
  sent: SentQuery[];
  stop(): Promise<void>;
}

const PROXY_PATH = /\/(?:prometheus-proxy|api\/datasources\/proxy\/uid\/[^/]+)(\/[^?]*)(\?.*)?$/;

function decodeSent(request: Request): SentQuery | undefined {
  const url = new URL(request.url());
  const m = PROXY_PATH.exec(url.pathname + url.search);
  if (!m) {
    return undefined;
  }
  const body = request.postData() ?? '';
  const params = new URLSearchParams(url.search);
  const form = new URLSearchParams(body);
  const all = (name: string) => [...params.getAll(name), ...form.getAll(name)];
  const exprs = [...all('query'), ...all('match[]')];
  const time = all('time')[0];
  return { method: request.method(), path: m[1], exprs, ...(time !== undefined ? { time } : {}), body };
}

export async function startHarness(options: BackfillOptions): Promise<Harness> {
  assertBuilt();
  const prometheus = await startBackfilledPrometheus(options);
  let sandbox: SandboxServer | undefined;
  try {
    sandbox = await startSandbox({ prometheusUrl: prometheus.url, distDir: DIST });
    const browser = await launchBrowser();
    const sent: SentQuery[] = [];
    browser.page.on('request', (request) => {
      const q = decodeSent(request);
      if (q) {
        sent.push(q);
      }
    });
    const s = sandbox;
    const harness: Harness = {
      prometheus,
      sandbox: s,
      browser,
      page: browser.page,
      sent,
      async stop() {
        await browser.close().catch(() => undefined);
        await s.stop();
        await harness.prometheus.stop();
      },
    };
    return harness;
  } catch (e) {
    await sandbox?.stop();
    await prometheus.stop();
    throw e;
  }
}

/** No render error, page error or console error since the last clearErrors: checked after every browser test. */
export async function expectCleanPage(h: Harness): Promise<void> {
  const renderErrors = await h.page.evaluate(
    () => (window as unknown as { sandbox: { renderErrors: string[] } }).sandbox.renderErrors
  );
  expect(renderErrors).toEqual([]);
  expect(h.browser.pageErrors).toEqual([]);
  expect(h.browser.consoleErrors).toEqual([]);
}

/**
 * The panel's query: the datasource's defaults (filled in by the datasource) with the namespaces taken from the
 * dashboard's `namespace` variable, as a dashboard built from the app's template has it.
 */
export function meshgraphTarget(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { refId: 'A', namespaces: ['$namespace'], ...extra };
}

export const BOOKINFO_NAMESPACES = ['bookinfo', 'shop', 'tools', 'istio-system'];

/** Sandbox parameters for the backfilled window: the range ends at the data's end (never "now"). */
export function windowParams(
  prometheus: BackfilledPrometheus,
  extra: SandboxParams = {},
  seconds = 600
): SandboxParams {
  return {
    from: (prometheus.queryTime - seconds) * 1000,
    to: prometheus.queryTime * 1000,
    namespaces: BOOKINFO_NAMESPACES,
    targets: [meshgraphTarget()],
    ...extra,
  };
}

/** Opens the sandbox and, when the panel drew a graph, waits for its layout to finish. */
export async function openPanel(h: Harness, params: SandboxParams): Promise<QuerySummary> {
  const summary = await openSandbox(h.page, h.sandbox.url, params);
  await settle(h.page);
  return summary;
}

/** Runs fn(window.sandbox, arg) in the page, then waits for the panel to settle. */
export async function act<A>(page: Page, fn: (s: SandboxApi, arg: A) => Promise<unknown>, arg: A): Promise<void> {
  await page.evaluate(
    ({ source, value }) => {
      const f = new Function(`return (${source})`)() as (s: unknown, a: unknown) => Promise<unknown>;
      return f((window as unknown as { sandbox: unknown }).sandbox, value).then(() => undefined);
    },
    { source: fn.toString(), value: arg }
  );
  await settle(page);
}

export const refresh = (page: Page) => act(page, (s) => s.refresh(), undefined);
export const setVariable = (page: Page, name: string, values: string[]) =>
  act(page, (s, a) => s.setVariable(a.name, a.values), { name, values });
export const setTimeRange = (page: Page, fromMs: number, toMs: number) =>
  act(page, (s, a) => s.setTimeRange(a.fromMs, a.toMs), { fromMs, toMs });
export const setOptions = (page: Page, options: Record<string, unknown>) =>
  act(page, (s, a) => s.setOptions(a), options);

export function lastQuery(page: Page): Promise<QuerySummary> {
  return page.evaluate(() => {
    const q = (window as unknown as { sandbox: SandboxApi }).sandbox.lastQuery;
    if (!q) {
      throw new Error('no query has finished yet');
    }
    return q;
  });
}

/** Which panel state is on screen. */
export type PanelView = 'graph' | 'empty' | 'error' | 'loading' | 'none';

export function panelView(page: Page): Promise<PanelView> {
  return page.evaluate(() => {
    const has = (id: string) => document.querySelector(`[data-testid="${id}"]`) !== null;
    return has('meshgraph-graph')
      ? 'graph'
      : has('meshgraph-error')
        ? 'error'
        : has('meshgraph-empty')
          ? 'empty'
          : has('meshgraph-loading')
            ? 'loading'
            : 'none';
  });
}

/** Waits until the graph (when shown) is laid out: data-status leaves "layout". Bounded by WAIT_MS. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]');
      if (!el) {
        return document.querySelector('[data-testid^="meshgraph-"]') !== null;
      }
      const status = el.getAttribute('data-status');
      return status === 'ready' || (status === 'empty' && el.getAttribute('data-node-count') === '0');
    },
    undefined,
    { timeout: WAIT_MS }
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The graph as Cytoscape holds it (through the panel's test hook `__cy`).

export interface CyNode {
  id: string;
  parent?: string;
  nodeType?: string;
  isBox?: string;
  isIdle?: boolean;
  isRoot?: boolean;
  isInaccessible?: boolean;
  label: string;
  classes: string[];
  /** The highlight's mark: 'lit', 'dim' or none. */
  mark?: string;
  shape: string;
  visible: boolean;
  position: { x: number; y: number };
  /** Page coordinates of the node's centre (for mouse events). */
  page: { x: number; y: number };
}

export interface CyEdge {
  id: string;
  source: string;
  target: string;
  protocol?: string;
  classes: string[];
  mark?: string;
  visible: boolean;
  /** Page coordinates of the edge's midpoint. */
  page: { x: number; y: number };
}

export interface GraphSnapshot {
  attrs: Record<string, string>;
  nodes: CyNode[];
  edges: CyEdge[];
}

export function graphSnapshot(page: Page): Promise<GraphSnapshot> {
  return page.evaluate(() => {
    type Ele = {
      id(): string;
      data(k?: string): any;
      classes(): string[];
      style(k: string): string;
      visible(): boolean;
      position(): { x: number; y: number };
      renderedPosition(): { x: number; y: number };
      renderedMidpoint(): { x: number; y: number };
    };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as
      | (HTMLElement & {
          __cy?: { nodes(): Ele[] & { map: any }; edges(): Ele[] & { map: any } };
          __mark?: (id: string) => string | undefined;
        })
      | null;
    if (!el || !el.__cy || !el.__mark) {
      throw new Error('the graph container or its __cy and __mark hooks are absent');
    }
    const markOf = el.__mark;
    const box = el.getBoundingClientRect();
    const attrs: Record<string, string> = {};
    for (const a of Array.from(el.attributes)) {
      if (a.name.startsWith('data-')) {
        attrs[a.name.slice(5)] = a.value;
      }
    }
    const cy = el.__cy;
    const nodes = cy.nodes().map((n: Ele) => {
      const d = n.data();
      const r = n.renderedPosition();
      return {
        id: n.id(),
        parent: d.parent,
        nodeType: d.nodeType,
        isBox: d.isBox,
        isIdle: d.isIdle,
        isRoot: d.isRoot,
        isInaccessible: d.isInaccessible,
        label: String(d.label ?? ''),
        classes: n.classes(),
        mark: markOf(n.id()),
        shape: n.style('shape'),
        visible: n.visible(),
        position: { ...n.position() },
        page: { x: box.left + r.x, y: box.top + r.y },
      };
    });
    const edges = cy.edges().map((e: Ele) => {
      const d = e.data();
      // Hidden edges (display: none) have no rendered geometry.
      const r = e.visible() ? e.renderedMidpoint() : { x: NaN, y: NaN };
      return {
        id: e.id(),
        source: d.source,
        target: d.target,
        protocol: d.protocol,
        classes: e.classes(),
        mark: markOf(e.id()),
        visible: e.visible(),
        page: { x: box.left + r.x, y: box.top + r.y },
      };
    });
    return { attrs, nodes, edges };
  });
}

/** Leaf (non-box) nodes. */
export const leaves = (g: GraphSnapshot) => g.nodes.filter((n) => n.nodeType !== 'box');

/** Emits a Cytoscape event on an element (e.g. 'tap', 'mouseover'), as a pointer on it would. */
export function emitOn(page: Page, id: string, event: string): Promise<void> {
  return page.evaluate(
    ({ id, event }) => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as
        (HTMLElement & { __cy?: { getElementById(id: string): { empty(): boolean; emit(e: string): void } } }) | null;
      const ele = el?.__cy?.getElementById(id);
      if (!ele || ele.empty()) {
        throw new Error(`no element ${id}`);
      }
      ele.emit(event);
    },
    { id, event }
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The frames the panel received (PanelProps.data.series), read from React's fiber of the panel's root element.

export interface FrameValues {
  name?: string;
  refId?: string;
  preferredVisualisationType?: string;
  fields: Array<{ name: string; type: string; values: unknown[]; config: { displayName?: string; color?: unknown } }>;
}

/** Frames handed to the panel, with their values (the sandbox's lastQuery summarises fields only). */
export function panelFrames(page: Page): Promise<FrameValues[]> {
  return page.evaluate(() =>
    (window as unknown as { sandbox: { panelSeries(): any[] } }).sandbox.panelSeries().map((f: any) => ({
      name: f.name,
      refId: f.refId,
      preferredVisualisationType: f.meta?.preferredVisualisationType,
      fields: f.fields.map((x: any) => ({
        name: x.name,
        type: String(x.type),
        values: Array.from(x.values),
        config: { displayName: x.config?.displayName, color: x.config?.color },
      })),
    }))
  );
}

/** Rows of a frame as objects. */
export function frameRows(frame: FrameValues): Array<Record<string, unknown>> {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}

// ---------------------------------------------------------------------------------------------------------------
// PromQL inspection with Prometheus' own lezer grammar.

export { parsePromQL as parseExpr, unquotePromString } from '../../src/engine/promql/parse.testutil';
export type { ParsedMatcher as PromMatcher, ParsedQuery as ParsedExpr } from '../../src/engine/promql/parse.testutil';

/** An RE2 pattern as Prometheus applies it (fully anchored), approximated with a JS RegExp. */
export function promRegex(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

// ---------------------------------------------------------------------------------------------------------------
// The graph Kiali's rules give for a topology: versionedApp graph with injected service nodes (the datasource's
// default query), rates > 0 only (no idle edges). Idle nodes from Kubernetes state are not included.

export interface ExpectedGraph {
  nodes: Set<string>;
  edges: Set<string>;
  /** Namespace of each expected node ('' for nodes outside any namespace: unknown source, egress clusters). */
  namespaceOf: Map<string, string>;
}

function hasTraffic(flow: Topology['flows'][number]): boolean {
  if (flow.protocol === 'tcp') {
    const t = flow.tcp!;
    return t.requestBytesPerSecond > 0 || t.responseBytesPerSecond > 0 || t.connectionsPerSecond > 0;
  }
  return (flow.requestsPerSecond ?? 0) > 0;
}

/** Kiali §5.1 rule 7 (versionedApp; the canonical service always falls back to the workload name). */
function appNodeId(w: Workload): string {
  return `vapp_${w.cluster}_${w.namespace}_${w.name}`;
}

/**
 * Kiali §3.3 namespace selection: a flow belongs to the graph when its (visible) source workload's namespace or
 * its destination's namespace (workload, or the service of an unreached destination) is selected. Egress to
 * PassthroughCluster/BlackHoleCluster is reported by the source only, so it needs the source's namespace.
 * `namespaces` = 'all' selects every namespace.
 */
export function expectedVersionedAppGraph(topology: Topology, namespaces: string[] | 'all'): ExpectedGraph {
  const byId = new Map(topology.workloads.map((w) => [workloadId(w), w]));
  const selected = (ns: string | undefined) => ns !== undefined && (namespaces === 'all' || namespaces.includes(ns));
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const namespaceOf = new Map<string, string>();
  const addNode = (id: string, ns: string) => {
    nodes.add(id);
    namespaceOf.set(id, ns);
  };
  for (const flow of topology.flows) {
    if (!hasTraffic(flow)) {
      continue;
    }
    const srcWl = flow.source.kind === 'workload' ? byId.get(flow.source.workload) : undefined;
    const srcVisible = srcWl !== undefined && hasProxy(srcWl);
    const srcNs = srcVisible ? srcWl!.namespace : undefined;
    const d = flow.destination;
    const dstWl = d.kind === 'workload' ? byId.get(d.workload) : undefined;
    const dstNs = d.kind === 'workload' ? dstWl!.namespace : d.kind === 'unreached' ? d.namespace : undefined;
    // Who reports it: the destination proxy for a workload destination; the source proxy for the rest.
    const reported = d.kind === 'workload' ? hasProxy(dstWl!) || srcVisible : srcVisible;
    if (!reported || !(selected(srcNs) || selected(dstNs))) {
      continue;
    }
    const srcId = srcVisible ? appNodeId(srcWl!) : 'unknown_unknown_source';
    addNode(srcId, srcVisible ? srcWl!.namespace : '');
    const p = flow.protocol;
    if (d.kind === 'workload') {
      const svc = d.service ?? dstWl!.service!;
      const svcId = `svc_${dstWl!.cluster}_${dstWl!.namespace}_${svc}`;
      const dstId = appNodeId(dstWl!);
      addNode(svcId, dstWl!.namespace);
      addNode(dstId, dstWl!.namespace);
      edges.add(`${srcId} ${svcId} ${p}`);
      edges.add(`${svcId} ${dstId} ${p}`);
    } else if (d.kind === 'unreached') {
      // The destination cluster is unknown; Kiali takes the source's (istio#29373 work-around, §4.4).
      const svcId = `svc_${d.cluster ?? srcWl!.cluster}_${d.namespace}_${d.service}`;
      addNode(svcId, d.namespace);
      edges.add(`${srcId} ${svcId} ${p}`);
    } else {
      const svcId = `svc_unknown_unknown_${d.kind === 'passthrough' ? 'PassthroughCluster' : 'BlackHoleCluster'}`;
      addNode(svcId, '');
      edges.add(`${srcId} ${svcId} ${p}`);
    }
  }
  return { nodes, edges, namespaceOf };
}

/** The namespace a drawn node sits in: its namespace box ('' when it is in none). */
export function namespaceOfNode(g: GraphSnapshot, id: string): string {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  let p = byId.get(id)?.parent;
  while (p) {
    const box = byId.get(p);
    if (!box) {
      break;
    }
    if (box.isBox === 'namespace') {
      return box.label.split('\n')[0];
    }
    p = box.parent;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------------------------

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
export function luminance(css: string): number {
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

// ---------------------------------------------------------------------------------------------------------------
// The details drawer as data.

export interface DrawerContent {
  title: string;
  /** Definition list: label → text. */
  fields: Record<string, string>;
  /** Tables by their section heading (Inbound, Outbound, Responses…): header row first. */
  tables: Record<string, string[][]>;
  text: string;
}

/** The open details drawer, or null when none is open. */
export function drawerContent(page: Page): Promise<DrawerContent | null> {
  return page.evaluate(() => {
    const aside = document.querySelector('[data-testid="meshgraph-details"]') as HTMLElement | null;
    if (!aside) {
      return null;
    }
    const fields: Record<string, string> = {};
    for (const dt of Array.from(aside.querySelectorAll('dt'))) {
      const dd = dt.nextElementSibling;
      if (dd && dd.tagName === 'DD') {
        fields[dt.textContent ?? ''] = dd.textContent ?? '';
      }
    }
    const tables: Record<string, string[][]> = {};
    for (const table of Array.from(aside.querySelectorAll('table'))) {
      const heading = table.parentElement?.querySelector('h4')?.textContent ?? `table${Object.keys(tables).length}`;
      tables[heading] = Array.from(table.querySelectorAll('tr')).map((tr) =>
        Array.from(tr.querySelectorAll('th,td')).map((c) => c.textContent ?? '')
      );
    }
    return { title: aside.querySelector('h3')?.textContent ?? '', fields, tables, text: aside.innerText };
  });
}
