/**
 * Node side of the panel benchmark page: builds the bundle when stale, serves it on 127.0.0.1 (a free port) with
 * @grafana/ui's icons, opens it in Debian's Chromium (tests/support/browser.ts) with a CDP session for heap and
 * DOM metrics. Used by bench/panelBench.ts and tests/browser/panel-leaks.test.ts.
 */
import fs from 'fs';
import http from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import type { CDPSession, Page } from 'playwright-core';

import { launchBrowser, type LaunchedBrowser } from '../../tests/support/browser';
import type { PanelBenchApi } from './api';
import { buildPanelPage } from './build';
import { installTimerCounters } from './instrument';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ICON_DIR = path.join(REPO_ROOT, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
const ICON_PREFIXES = ['/public/build/img/icons/', '/public/img/icons/'];
const EMPTY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg>';
const TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
};
const INDEX_HTML =
  '<!doctype html><html><head><meta charset="utf-8"><title>Meshgraph panel benchmark</title>' +
  '<link rel="stylesheet" href="/page.css"></head><body><script src="/page.js"></script></body></html>';

function fileUnder(root: string, urlPath: string): string | null {
  const file = path.resolve(root, '.' + decodeURIComponent(urlPath));
  return file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile() ? file : null;
}

async function servePage(outDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const reply = (status: number, body: string | Buffer, type: string) =>
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);
    const icon = ICON_PREFIXES.find((p) => pathname.startsWith(p));
    const file = icon ? fileUnder(ICON_DIR, '/' + pathname.slice(icon.length)) : fileUnder(outDir, pathname);
    if (pathname === '/') {
      reply(200, INDEX_HTML, 'text/html; charset=utf-8');
    } else if (icon) {
      // Icons @grafana/ui's package lacks get an empty SVG, as Grafana would serve some picture.
      reply(200, file ? fs.readFileSync(file) : EMPTY_SVG, TYPES['.svg']);
    } else if (file) {
      reply(200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
    } else if (pathname === '/favicon.ico' || pathname.startsWith('/public/fonts/')) {
      res.writeHead(204).end();
    } else {
      reply(404, `not found: ${pathname}`, 'text/plain');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BenchSession {
  browser: LaunchedBrowser;
  page: Page;
  cdp: CDPSession;
  /** (Re)loads the page: a fresh JS heap and cold JIT, like opening a dashboard. */
  load(): Promise<void>;
  /** Runs fn(window.panelBench, arg) in the page. */
  call<R, A = undefined>(fn: (api: PanelBenchApi, arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Forced GC, then the JS heap in use (bytes) and Chromium's Performance metrics (JSEventListeners, Nodes, …). */
  measure(): Promise<{ heapUsed: number; metrics: Record<string, number> }>;
  close(): Promise<void>;
}

export interface BenchSessionOptions {
  viewport?: { width: number; height: number };
  /** false: the unminified bundle, for readable CPU profiles. */
  minify?: boolean;
}

export async function openBenchSession(options: BenchSessionOptions = {}): Promise<BenchSession> {
  const built = await buildPanelPage({ minify: options.minify });
  const server = await servePage(built.outDir);
  let browser: LaunchedBrowser | undefined;
  try {
    browser = await launchBrowser({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    const page = browser.page;
    // As source text: the function must run before any page script. `__name` is the helper some TypeScript
    // runners insert into compiled functions to keep their names; the page has none, so it gets a no-op.
    // Grafana sets grafanaBootData before its bundles load; @grafana/runtime's config reads it at import.
    await page.addInitScript({
      content:
        `(() => { var __name = (f) => f; (${installTimerCounters.toString()})(); })();` +
        'window.grafanaBootData = { settings: {}, user: {}, navTree: [] };',
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const b = browser;
    const session: BenchSession = {
      browser: b,
      page,
      cdp,
      async load() {
        await page.goto(`${server.url}/`, { waitUntil: 'load', timeout: 60000 });
        await page.waitForFunction(
          () => Boolean((window as unknown as { panelBench?: unknown }).panelBench),
          undefined,
          {
            timeout: 60000,
          }
        );
        // Performance metrics are per target: re-enable after navigation.
        await cdp.send('Performance.enable');
      },
      call(fn, arg) {
        return page.evaluate(
          ({ source, value }) => {
            const f = new Function(`return (${source})`)() as (api: unknown, a: unknown) => unknown;
            return f((window as unknown as { panelBench: unknown }).panelBench, value);
          },
          { source: fn.toString(), value: arg }
        ) as never;
      },
      async measure() {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        const perf = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
        return { heapUsed: heap.usedSize, metrics: Object.fromEntries(perf.metrics.map((m) => [m.name, m.value])) };
      },
      async close() {
        try {
          await b.close();
        } finally {
          await server.stop();
        }
      },
    };
    return session;
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw err;
  }
}
