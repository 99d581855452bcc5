/**
 * Debian's Chromium driven by playwright-core, for browser tests. Each launch uses a fresh user-data directory
 * (removed by close()). Console errors and uncaught page errors of every page are collected so tests can
 * assert there are none.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import type { QuerySummary, SandboxApi } from '../sandbox/api';
import { encodeSandboxParams, type SandboxParams } from '../sandbox/params';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Default 1280 × 900 (fits the sandbox's default 1200 × 800 panel plus padding). */
  viewport?: { width: number; height: number };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The context's first page. */
  page: Page;
  /** `console.error` messages of all pages, as "<text> (<url>:<line>)". */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections of all pages. */
  pageErrors: string[];
  /** Empties both lists (e.g. between scenarios of one test). */
  clearErrors(): void;
  close(): Promise<void>;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium)`);
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshgraph-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
  } catch (err) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        consoleErrors.push(`${msg.text()}${loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => pageErrors.push(err.stack ?? String(err)));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    clearErrors() {
      consoleErrors.length = 0;
      pageErrors.length = 0;
    },
    async close() {
      try {
        await context.close();
      } finally {
        fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Saves a PNG to test-results/screenshots/<name>.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) {
    throw new Error(`screenshot name must be [A-Za-z0-9_.-]+, got "${name}"`);
  }
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

/**
 * Opens the sandbox page with params and waits for `window.sandbox.ready` (plugins loaded, first query rendered).
 * Rejects with the page's own error message when loading failed. Returns the first query's summary.
 */
export async function openSandbox(
  page: Page,
  sandboxUrl: string,
  params: SandboxParams = {},
  options: { timeoutMs?: number } = {}
): Promise<QuerySummary> {
  const timeout = options.timeoutMs ?? 60000;
  await page.goto(`${sandboxUrl}/?${encodeSandboxParams(params)}`, { waitUntil: 'load', timeout });
  await page.waitForFunction(() => Boolean((window as unknown as { sandbox?: SandboxApi }).sandbox), undefined, {
    timeout,
  });
  const summary = await page.evaluate(async () => {
    const sandbox = (window as unknown as { sandbox: SandboxApi }).sandbox;
    try {
      await sandbox.ready;
    } catch (err) {
      return { error: String((err as Error)?.message ?? err) };
    }
    return { summary: sandbox.lastQuery };
  });
  if ('error' in summary) {
    throw new Error(`sandbox failed to start: ${summary.error}`);
  }
  if (!summary.summary) {
    throw new Error('sandbox reported ready without a query summary');
  }
  return summary.summary;
}

/** Runs `fn(window.sandbox, arg)` in the page and returns its (JSON-serialisable) result. */
export function withSandbox<R, A = undefined>(
  page: Page,
  fn: (sandbox: SandboxApi, arg: A) => R | Promise<R>,
  arg?: A
): Promise<R> {
  return page.evaluate(
    // Playwright serialises the function source; rebuild it in the page.
    ({ source, value }) => {
      const f = new Function(`return (${source})`)() as (s: unknown, a: unknown) => unknown;
      return f((window as unknown as { sandbox: unknown }).sandbox, value);
    },
    { source: fn.toString(), value: arg as A }
  ) as Promise<R>;
}
