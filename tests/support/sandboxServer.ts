/**
 * HTTP server for the browser sandbox (tests/sandbox/). On 127.0.0.1, a free port:
 *   /                                   the sandbox page (query string = setup, see tests/sandbox/params.ts)
 *   /sandbox/host.js|css, system.js, amd.js   the host bundle and SystemJS
 *   /sandbox/plugins.json               every plugin.json under dist/ with its URL (Grafana's /api/plugins, reduced)
 *   /public/plugins/<app id>/...        dist/ (nested plugins at .../datasource/, .../panel/), as Grafana serves it
 *   /api/ds/query                       Grafana's query API: QueryData on the real backend plugin process
 *   /api/datasources/uid/<uid>/health   Grafana's "Save & test": CheckHealth on the plugin
 *   /api/datasources/uid/<uid>/resources/...  CallResource on the plugin
 *   PUT /sandbox/datasource             the page's datasource settings (Grafana keeps them server-side)
 *   /prometheus-proxy/...               forwarded to Prometheus for the plugin only (its URL setting), recorded
 *   /public/build/img/icons/...         @grafana/ui's icons, as Grafana serves them
 *   /public/fonts/...                   stand-in fonts (see standInFont)
 * Over 400 lines: one router for all of Grafana's server routes above, each short; split, they would share most state.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';

import { buildSandboxHost, SANDBOX_DIR } from '../sandbox/build';

import { toDataFrameJSON } from './grafanaFrames';
import { BUILT_PLUGIN, DatasourceSettings, PluginHost, startPlugin } from './grafanaHost';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SYSTEMJS_DIST = path.join(REPO_ROOT, 'node_modules', 'systemjs', 'dist');

export interface SandboxServerOptions {
  /** Base URL of the real Prometheus (http://127.0.0.1:<port>); null answers 502 like a proxy to a dead host. */
  prometheusUrl: string | null;
  /** Built plugin directory, relative to the repository root or absolute. Default `dist`. */
  distDir?: string;
  /** The backend executable Grafana would start for the datasource. Default: the one npm run build makes. */
  pluginExecutable?: string;
  /**
   * Keep the settings' version when a page load PUTs unchanged settings, as Grafana does (it bumps the version
   * only on a save), so a second page load shares the plugin instance and its evaluations. Default false: every
   * page load is a new version, as the browser tests were written against.
   */
  keepSettingsVersion?: boolean;
}

/** One call the sandbox made to the backend plugin, as Grafana's server would. */
export interface BackendRecord {
  kind: 'query' | 'health' | 'resource';
  /** Query refIds, the resource path, or the datasource uid. */
  what: string;
  /** HTTP status Grafana answered the browser with. */
  status: number;
  /**
   * Queries only, ms: the plugin's answer with its Arrow frames read (the host reads them as it receives them),
   * FrameToJSON and the JSON text; bytes sent. Reading and JSON are this Node stand-in's work (Grafana's server
   * does them in Go).
   */
  timing?: { pluginMs: number; toJsonMs: number; stringifyMs: number; bytes: number };
}

export interface ProxyRecord {
  method: string;
  /** Path and query after the proxy prefix, e.g. /api/v1/query?x=1 */
  path: string;
  status: number;
  /** Request body as sent (the form-encoded PromQL of instant queries). */
  body: string;
}

export interface SandboxServer {
  /** http://127.0.0.1:<port> (no trailing slash); open `${url}/?<params>`. */
  url: string;
  port: number;
  distDir: string;
  /** id of dist/plugin.json (the app), which names the /public/plugins/<id>/ path. */
  appId: string;
  /** Requests the backend plugin sent to Prometheus, oldest first. */
  proxyLog: ProxyRecord[];
  /** Requests from anything but the plugin (the browser) that tried to reach Prometheus; refused. */
  refusedProxyRequests: string[];
  /** What the browser asked of the backend through Grafana's APIs. */
  backendLog: BackendRecord[];
  /** The backend plugin process. */
  plugin: PluginHost;
  /** Grafana assets the sandbox cannot serve and answered with a stand-in (icons missing from @grafana/ui). */
  missingAssets: string[];
  /** Re-points the proxy (e.g. after Prometheus restarted on a new port); null makes it answer 502. */
  setPrometheusUrl(url: string | null): void;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.md': 'text/markdown; charset=utf-8',
  '.wasm': 'application/wasm',
};

// Hop-by-hop and browser-context headers the data proxy does not forward.
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'cookie',
  'origin',
  'referer',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
]);
const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'set-cookie']);

// Grafana serves Inter and Roboto Mono from /public/fonts/ (GlobalStyles' @font-face). They are not installed
// here; Debian's DejaVu fonts stand in so that the page loads without 404s (text metrics differ slightly).
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
function standInFont(fileName: string): string | null {
  const name = /mono/i.test(fileName)
    ? 'DejaVuSansMono.ttf'
    : /bold|medium|semibold|black|heavy/i.test(fileName)
      ? 'DejaVuSans-Bold.ttf'
      : 'DejaVuSans.ttf';
  const file = path.join(FONT_DIR, name);
  return fs.existsSync(file) ? file : null;
}

// Grafana serves @grafana/ui's icons from /public/build/img/icons/ (older paths: /public/img/icons/). The npm
// package ships most of them; the few it lacks (e.g. unicons/spinner.svg) get an empty SVG and are recorded.
const ICON_DIR = path.join(REPO_ROOT, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
const ICON_PREFIXES = ['/public/build/img/icons/', '/public/img/icons/'];
const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>';

const PROXY_PREFIX = /^\/prometheus-proxy(?=\/|$)/;
/** The plugin's User-Agent (src/backend/handlers/instance.ts): the proxy serves the plugin only. */
const PLUGIN_USER_AGENT = 'meshgraph-istio-datasource';
const DATASOURCE_API = /^\/api\/datasources\/uid\/([^/]+)\/(health|resources)(?:\/(.*))?$/;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface DistPluginEntry {
  json: Record<string, unknown>;
  baseUrl: string;
  hasModule: boolean;
}

function findPluginJsons(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) {
      out.push(...findPluginJsons(dir, child));
    } else if (entry.name === 'plugin.json') {
      out.push(child);
    }
  }
  return out;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Returns the file under root for a URL path, or null when it escapes root or does not exist. */
function safeFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) {
    return null;
  }
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

/** The page a dashboard link (/d/<uid>?var-…&from=…&to=…) leads to in the sandbox: what Grafana would open. */
function dashboardLinkPage(url: URL): string {
  const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const uid = decodeURIComponent(url.pathname.slice('/d/'.length).split('/')[0] ?? '');
  const rows = [...url.searchParams.entries()]
    .map(([k, v]) => `<tr><th>${esc(k.startsWith('var-') ? `$${k.slice(4)}` : k)}</th><td>${esc(v)}</td></tr>`)
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Grafana would open ${esc(uid)}</title>` +
    `<style>body{font-family:sans-serif;background:#111217;color:#ccccdc;padding:2em}th{text-align:left;padding-right:2em}</style>` +
    `</head><body><h1>In Grafana, this link opens the dashboard <code>${esc(uid)}</code></h1>` +
    `<p>The sandbox has no Grafana server. With Istio's dashboards provisioned (see the README), Grafana shows that ` +
    `dashboard with these variables and this time range:</p><table>${rows}</table>` +
    `<p>Use the browser's Back button to return to the traffic graph.</p></body></html>`
  );
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendFile(res: http.ServerResponse, file: string) {
  const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  fs.createReadStream(file).pipe(res);
}

export async function startSandbox(options: SandboxServerOptions): Promise<SandboxServer> {
  const distDir = path.resolve(REPO_ROOT, options.distDir ?? 'dist');
  const rootPluginJson = path.join(distDir, 'plugin.json');
  if (!fs.existsSync(rootPluginJson)) {
    throw new Error(`sandbox: ${rootPluginJson} does not exist; run npm run build first`);
  }
  const appId = String(readJson(rootPluginJson).id);
  const pluginBase = `/public/plugins/${appId}`;
  const hostBuild = await buildSandboxHost();

  let prometheusUrl = options.prometheusUrl;
  const proxyLog: ProxyRecord[] = [];
  const missingAssets: string[] = [];

  const pluginsJson = (): DistPluginEntry[] =>
    findPluginJsons(distDir).map((rel) => {
      const folder = path.posix.dirname(rel);
      return {
        json: readJson(path.join(distDir, rel)),
        baseUrl: folder === '.' ? pluginBase : `${pluginBase}/${folder}`,
        hasModule: fs.existsSync(path.join(distDir, folder, 'module.js')),
      };
    });

  const proxy = (req: http.IncomingMessage, res: http.ServerResponse, rest: string) => {
    const record: ProxyRecord = { method: req.method ?? 'GET', path: rest, status: 0, body: '' };
    proxyLog.push(record);
    const fail = (message: string) => {
      record.status = 502;
      if (!res.headersSent) {
        send(res, 502, JSON.stringify({ message }), 'application/json; charset=utf-8');
      } else {
        res.destroy();
      }
    };
    if (!prometheusUrl) {
      fail('Bad Gateway: the sandbox data proxy has no Prometheus configured');
      return;
    }
    const target = new URL(rest || '/', prometheusUrl);
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost' && target.hostname !== '::1') {
      fail(`Bad Gateway: the sandbox proxies to loopback only, not ${target.hostname}`);
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [key, value] of Object.entries(req.headers)) {
      if (!DROPPED_REQUEST_HEADERS.has(key) && value !== undefined) {
        headers[key] = value;
      }
    }
    headers['x-forwarded-for'] = '127.0.0.1';
    const upstream = http.request(target, { method: req.method, headers }, (upRes) => {
      record.status = upRes.statusCode ?? 0;
      const outHeaders: http.OutgoingHttpHeaders = {};
      for (const [key, value] of Object.entries(upRes.headers)) {
        if (!DROPPED_RESPONSE_HEADERS.has(key) && value !== undefined) {
          outHeaders[key] = value;
        }
      }
      res.writeHead(upRes.statusCode ?? 502, outHeaders);
      upRes.pipe(res);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) =>
      fail(`Bad Gateway: Prometheus at ${prometheusUrl} is unreachable (${err.code ?? err.message})`)
    );
    req.on('data', (chunk: Buffer) => {
      record.body += chunk.toString('utf8');
    });
    req.pipe(upstream);
  };

  const refusedProxyRequests: string[] = [];
  const backendLog: BackendRecord[] = [];
  // Grafana's datasource store: the page registers its settings; the plugin reaches Prometheus through the proxy.
  const datasources = new Map<string, DatasourceSettings>();
  let plugin: PluginHost | undefined;
  let selfUrl = '';
  const datasourceFor = (uid: string): DatasourceSettings =>
    datasources.get(uid) ?? { uid, url: `${selfUrl}/prometheus-proxy`, jsonData: {}, lastUpdatedMS: 1 };

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) =>
    send(res, status, JSON.stringify(body), CONTENT_TYPES['.json']);

  /** /api/ds/query as Grafana answers it: per refId {status, frames (data.FrameToJSON), error, errorSource}. */
  const dsQuery = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
      queries?: Array<Record<string, unknown>>;
      from?: string;
      to?: string;
    };
    const queries = body.queries ?? [];
    const byUid = new Map<string, Array<Record<string, unknown>>>();
    for (const q of queries) {
      const uid = String((q.datasource as { uid?: string } | undefined)?.uid ?? 'meshgraph');
      byUid.set(uid, [...(byUid.get(uid) ?? []), q]);
    }
    const results: Record<string, unknown> = {};
    const timing = { pluginMs: 0, toJsonMs: 0, stringifyMs: 0, bytes: 0 };
    let failed = false;
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    for (const [uid, group] of byUid) {
      let t = performance.now();
      const answers = await plugin!.queryData(
        datasourceFor(uid),
        group.map((q) => ({
          refId: String(q.refId ?? 'A'),
          json: q,
          fromMs: Number(body.from),
          toMs: Number(body.to),
          intervalMs: Number(q.intervalMs ?? 0),
          maxDataPoints: Number(q.maxDataPoints ?? 0),
          queryType: typeof q.queryType === 'string' ? q.queryType : '',
        })),
        controller.signal
      );
      timing.pluginMs += performance.now() - t;
      for (const [refId, answer] of Object.entries(answers)) {
        failed = failed || answer.error !== '';
        t = performance.now();
        results[refId] = {
          status: answer.status || (answer.error ? 500 : 200),
          frames: answer.frames.map(toDataFrameJSON),
          ...(answer.error ? { error: answer.error, errorSource: answer.errorSource } : {}),
        };
        timing.toJsonMs += performance.now() - t;
      }
    }
    // Grafana answers 400 when a query failed (207 with the datasourceQueryMultiStatus toggle).
    const status = failed ? 400 : 200;
    const t = performance.now();
    const text = JSON.stringify({ results });
    timing.stringifyMs = performance.now() - t;
    timing.bytes = Buffer.byteLength(text);
    backendLog.push({ kind: 'query', what: queries.map((q) => q.refId).join(','), status, timing });
    send(res, status, text, CONTENT_TYPES['.json']);
  };

  const datasourceApi = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL, m: RegExpExecArray) => {
    const ds = datasourceFor(decodeURIComponent(m[1]));
    if (m[2] === 'health') {
      const health = await plugin!.checkHealth(ds);
      const status = health.status === 'OK' ? 200 : 400;
      backendLog.push({ kind: 'health', what: ds.uid ?? '', status });
      sendJson(res, status, {
        status: health.status,
        message: health.message,
        ...(health.details ? { details: health.details } : {}),
      });
      return;
    }
    const answer = await plugin!.callResource(ds, {
      path: m[3] ?? '',
      method: req.method ?? 'GET',
      query: url.search.replace(/^\?/, ''),
      body: await readBody(req),
    });
    backendLog.push({ kind: 'resource', what: m[3] ?? '', status: answer.code });
    const headers: http.OutgoingHttpHeaders = { 'Cache-Control': 'no-store' };
    for (const [key, values] of Object.entries(answer.headers)) {
      headers[key] = values;
    }
    res.writeHead(answer.code, headers);
    res.end(answer.body);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    const backendFailure = (e: unknown) => {
      if (!res.headersSent) {
        sendJson(res, 500, { message: `The plugin failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    };
    const proxied = PROXY_PREFIX.exec(pathname);
    if (proxied) {
      if (req.headers['user-agent'] !== PLUGIN_USER_AGENT) {
        refusedProxyRequests.push(`${req.method} ${pathname}`);
        sendJson(res, 403, { message: 'Only the backend plugin talks to Prometheus' });
        return;
      }
      proxy(req, res, pathname.slice(proxied[0].length) + url.search);
      return;
    }
    if (pathname === '/api/ds/query' && req.method === 'POST') {
      dsQuery(req, res).catch(backendFailure);
      return;
    }
    const api = DATASOURCE_API.exec(pathname);
    if (api) {
      datasourceApi(req, res, url, api).catch(backendFailure);
      return;
    }
    if (pathname === '/sandbox/datasource' && req.method === 'PUT') {
      readBody(req)
        .then((raw) => {
          const ds = JSON.parse(raw.toString('utf8')) as { uid: string; jsonData?: Record<string, unknown> };
          const jsonData = ds.jsonData ?? {};
          const known = datasources.get(ds.uid);
          // Grafana bumps this on every save, and the plugin then re-reads the settings (a new instance, a new
          // evaluation cache). Each page load PUTs its settings; unchanged ones are not a save in Grafana.
          const unchanged =
            options.keepSettingsVersion === true &&
            known !== undefined &&
            JSON.stringify(known.jsonData) === JSON.stringify(jsonData);
          datasources.set(ds.uid, {
            uid: ds.uid,
            url: `${selfUrl}/prometheus-proxy`,
            jsonData,
            lastUpdatedMS: unchanged ? known.lastUpdatedMS : Date.now() + datasources.size,
          });
          res.writeHead(204).end();
        })
        .catch(backendFailure);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed');
      return;
    }
    if (pathname === '/' || pathname === '/index.html') {
      sendFile(res, path.join(SANDBOX_DIR, 'index.html'));
      return;
    }
    if (pathname === '/sandbox/plugins.json') {
      send(res, 200, JSON.stringify(pluginsJson()), CONTENT_TYPES['.json']);
      return;
    }
    if (pathname === '/sandbox/system.js' || pathname === '/sandbox/amd.js') {
      sendFile(res, path.join(SYSTEMJS_DIST, pathname === '/sandbox/amd.js' ? 'extras/amd.js' : 'system.js'));
      return;
    }
    if (pathname.startsWith('/sandbox/')) {
      const file = safeFile(hostBuild.outDir, pathname.slice('/sandbox/'.length));
      if (file) {
        sendFile(res, file);
      } else if (pathname === '/sandbox/host.css') {
        res.writeHead(204).end();
      } else {
        send(res, 404, `not found: ${pathname}`);
      }
      return;
    }
    if (pathname === pluginBase || pathname.startsWith(`${pluginBase}/`)) {
      const file = safeFile(distDir, pathname.slice(pluginBase.length));
      if (file) {
        sendFile(res, file);
      } else {
        send(res, 404, `not found in ${distDir}: ${pathname}`);
      }
      return;
    }
    const iconPrefix = ICON_PREFIXES.find((prefix) => pathname.startsWith(prefix));
    if (iconPrefix) {
      const file = safeFile(ICON_DIR, pathname.slice(iconPrefix.length));
      if (file) {
        sendFile(res, file);
      } else {
        missingAssets.push(pathname);
        send(res, 200, EMPTY_SVG, CONTENT_TYPES['.svg']);
      }
      return;
    }
    if (pathname.startsWith('/public/fonts/')) {
      const font = standInFont(path.posix.basename(pathname));
      if (font) {
        res.writeHead(200, { 'Content-Type': 'font/ttf', 'Cache-Control': 'no-store' });
        fs.createReadStream(font).pipe(res);
      } else {
        res.writeHead(204).end();
      }
      return;
    }
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (pathname.startsWith('/d/')) {
      // Dashboard links of the drawer: there is no Grafana here, so say what it would open.
      send(res, 200, dashboardLinkPage(url), CONTENT_TYPES['.html']);
      return;
    }
    send(res, 404, `not found: ${pathname}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  selfUrl = `http://127.0.0.1:${port}`;
  try {
    plugin = await startPlugin(options.pluginExecutable ?? BUILT_PLUGIN);
  } catch (e) {
    server.closeAllConnections();
    server.close();
    throw e;
  }
  const started = plugin;

  return {
    url: selfUrl,
    port,
    distDir,
    appId,
    proxyLog,
    refusedProxyRequests,
    backendLog,
    plugin: started,
    missingAssets,
    setPrometheusUrl(next) {
      prometheusUrl = next;
    },
    async stop() {
      await started.shutdown();
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
