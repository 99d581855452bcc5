/**
 * HTTP server for the browser sandbox (tests/sandbox/). On 127.0.0.1, a free port:
 *   /                                   the sandbox page (query string = setup, see tests/sandbox/params.ts)
 *   /sandbox/host.js|css, system.js, amd.js   the host bundle and SystemJS
 *   /sandbox/plugins.json               every plugin.json under dist/ with its URL (Grafana's /api/plugins, reduced)
 *   /public/plugins/<app id>/...        dist/ (nested plugins at .../datasource/, .../panel/), as Grafana serves it
 *   /prometheus-proxy/...               forwarded to Prometheus, like Grafana's data proxy
 *   /api/datasources/proxy/uid/<uid>/...  the same, under Grafana's own data-proxy path
 *   /public/build/img/icons/...         @grafana/ui's icons, as Grafana serves them
 *   /public/fonts/...                   stand-in fonts (see standInFont)
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';

import { buildSandboxHost, SANDBOX_DIR } from '../sandbox/build';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SYSTEMJS_DIST = path.join(REPO_ROOT, 'node_modules', 'systemjs', 'dist');

export interface SandboxServerOptions {
  /** Base URL of the real Prometheus (http://127.0.0.1:<port>); null answers 502 like a proxy to a dead host. */
  prometheusUrl: string | null;
  /** Built plugin directory, relative to the repository root or absolute. Default `dist`. */
  distDir?: string;
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
  /** Requests forwarded to Prometheus, oldest first. */
  proxyLog: ProxyRecord[];
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

const PROXY_PREFIXES = [/^\/prometheus-proxy(?=\/|$)/, /^\/api\/datasources\/proxy\/uid\/[^/]+(?=\/|$)/];

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

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    for (const prefix of PROXY_PREFIXES) {
      const m = prefix.exec(pathname);
      if (m) {
        proxy(req, res, pathname.slice(m[0].length) + url.search);
        return;
      }
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
    send(res, 404, `not found: ${pathname}`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    distDir,
    appId,
    proxyLog,
    missingAssets,
    setPrometheusUrl(next) {
      prometheusUrl = next;
    },
    stop() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
