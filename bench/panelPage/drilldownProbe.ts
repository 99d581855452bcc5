/**
 * In-page measurements of the drill-down bench (bench/drilldownBench.ts), run in the sandbox page on the panel's
 * Cytoscape instance (the `__cy` hook of `[data-testid="meshgraph-graph"]`). Times are the page's own clock
 * (performance.now), so the round trips of the driver are not in them.
 */
import type { Page } from 'playwright-core';

export interface ProbeResults {
  /** The panel's first /api/ds/query request → the graph ready (laid out) + two animation frames. */
  firstPaint: {
    ms: number;
    nodes: number;
    /** First query request → the last answer before ready fully received (backend, transfer). */
    answerMs: number;
    /** That answer received → ready (the sandbox's frame reading and the panel's drawing). */
    drawMs: number;
  } & AnswerTiming;
  rolledUpIds: { ids: string[] };
  /**
   * Double-click on a rolled-up node (or its box) → the other state drawn and laid out + two frames; with
   * `{ id, select: true }`, the second click of a person's double-click, the first having selected the node.
   */
  toggle: { ms: number; requestAfterMs: number; answerMs: number; drawMs: number } & AnswerTiming;
  /** cy.panBy once per animation frame. */
  pan: { medianMs: number; p95Ms: number; fps: number; frames: number };
}

/** The last /api/ds/query of the measurement: request → first byte (server), first byte → last (transfer). */
export interface AnswerTiming {
  serverMs: number;
  transferMs: number;
}

type Kind = keyof ProbeResults;

/** Records when the graph first reports ready: install before navigating (it runs before the page's scripts). */
export async function installReadyProbe(page: Page): Promise<void> {
  const flagged = page as Page & { __mgProbe?: boolean };
  if (flagged.__mgProbe) {
    return;
  }
  flagged.__mgProbe = true;
  await page.addInitScript(`
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]');
      if (window.__mgReadyAt === undefined && el && el.getAttribute('data-status') === 'ready') {
        window.__mgReadyAt = performance.now();
      }
    }).observe(document, { subtree: true, attributes: true, childList: true });
  `);
}

export async function measureInPage<K extends Kind>(
  page: Page,
  kind: K,
  arg: unknown,
  timeoutMs = 120000
): Promise<ProbeResults[K]> {
  // The page function is sent as text: the bench runs under tsx, whose esbuild wraps named functions in a
  // `__name` helper the page does not have.
  return page.evaluate(`(${PROBE})(${JSON.stringify({ kind, arg, timeoutMs })})`) as Promise<ProbeResults[K]>;
}

/** The in-page part, plain JavaScript. */
const PROBE = `async ({ kind, arg, timeoutMs }) => {
      const frames = (n) =>
        new Promise((resolve) => {
          const step = (k) => (k === 0 ? resolve() : requestAnimationFrame(() => step(k - 1)));
          step(n);
        });
      const until = async (test, what) => {
        const start = performance.now();
        while (!test()) {
          if (performance.now() - start > timeoutMs) {
            throw new Error(\`timed out waiting for \${what}\`);
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      const lastAnswer = (queries) => {
        const q = queries[queries.length - 1];
        return q
          ? { serverMs: q.responseStart - q.startTime, transferMs: q.responseEnd - q.responseStart }
          : { serverMs: 0, transferMs: 0 };
      };
      const graph = () =>
        document.querySelector('[data-testid="meshgraph-graph"]');
      if (kind === 'firstPaint') {
        const w = window;
        await until(() => w.__mgReadyAt !== undefined, 'the graph');
        await frames(2);
        const end = w.__mgReadyAt;
        const queries = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/ds/query') && e.startTime < end);
        const start = queries.length > 0 ? Math.min(...queries.map((e) => e.startTime)) : 0;
        const answered = Math.max(start, ...queries.map((e) => e.responseEnd).filter((t) => t <= end));
        return {
          ms: end - start,
          answerMs: answered - start,
          drawMs: end - answered,
          ...lastAnswer(queries),
          nodes: Number(graph()?.getAttribute('data-node-count') ?? 0),
        };
      }
      const cy = graph()?.__cy;
      if (!cy) {
        throw new Error('no graph');
      }
      if (kind === 'rolledUpIds') {
        return {
          ids: cy
            .nodes()
            .filter((n) => n.id().startsWith('rollup_') && n.data('nodeType') !== 'box')
            .map((n) => n.id())
            .sort(),
        };
      }
      if (kind === 'toggle') {
        // arg: the node's id, or { id, select: true } for a person's double-click, whose first click selects the
        // node (the highlight of what it reaches, everything else dimmed) and whose second expands it.
        const id = typeof arg === 'string' ? arg : arg.id;
        const select = typeof arg === 'object' && arg.select === true;
        const wasBox = cy.getElementById(id).data('nodeType') === 'box';
        if (select) {
          cy.getElementById(id).emit('tap');
          await frames(2);
          // About the interval between a double-click's two clicks.
          await new Promise((r) => setTimeout(r, 200));
        }
        const t0 = performance.now();
        if (select) {
          cy.getElementById(id).emit('tap');
        }
        cy.getElementById(id).emit('dbltap');
        await until(
          () => {
            const c = graph()?.__cy;
            const n = c?.getElementById(id);
            return (
              !!n &&
              n.nonempty() &&
              (n.data('nodeType') === 'box') !== wasBox &&
              graph()?.getAttribute('data-status') === 'ready'
            );
          },
          \`\${id} to \${wasBox ? 'collapse' : 'expand'}\`
        );
        await frames(2);
        const end = performance.now();
        if (select) {
          // Untimed: the selection cleared (a tap on the background), as the plain toggles leave none.
          graph().__cy.emit('tap');
          await frames(2);
        }
        const queries = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/ds/query') && e.startTime >= t0);
        const q = queries[queries.length - 1];
        return {
          ms: end - t0,
          requestAfterMs: q ? q.startTime - t0 : 0,
          answerMs: q ? q.responseEnd - q.startTime : 0,
          drawMs: q ? end - q.responseEnd : 0,
          ...lastAnswer(queries),
        };
      }
      // pan
      const count = arg;
      const intervals = [];
      await new Promise((resolve) => {
        let last = performance.now();
        let k = 0;
        const step = () => {
          const now = performance.now();
          if (k > 0) {
            intervals.push(now - last);
          }
          last = now;
          if (k++ >= count) {
            resolve();
            return;
          }
          cy.panBy({ x: k % 2 === 0 ? 4 : -3, y: 2 });
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      });
      const sorted = [...intervals].sort((a, b) => a - b);
      const medianMs = sorted[Math.floor(sorted.length / 2)];
      return {
        medianMs,
        p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))],
        fps: 1000 / medianMs,
        frames: intervals.length,
      };
    }`;
