/**
 * Runs work when the page is idle: requestIdleCallback where the browser has it, else a short timer with a deadline
 * of a few milliseconds (jsdom, older engines).
 */

/** How much of the idle period is left, ms (the browser's IdleDeadline, or the timer's stand-in). */
export interface IdleDeadline {
  timeRemaining(): number;
}

/** The budget of a timer's run where the browser does not tell of idle periods. */
const FALLBACK_BUDGET_MS = 8;
const FALLBACK_DELAY_MS = 50;

/** Calls `work` in the page's next idle period. */
export function whenIdle(work: (deadline: IdleDeadline) => void): void {
  const g = globalThis as { requestIdleCallback?: (cb: (deadline: IdleDeadline) => void) => number };
  if (typeof g.requestIdleCallback === 'function') {
    g.requestIdleCallback(work);
    return;
  }
  setTimeout(() => {
    const end = Date.now() + FALLBACK_BUDGET_MS;
    work({ timeRemaining: () => Math.max(0, end - Date.now()) });
  }, FALLBACK_DELAY_MS);
}
