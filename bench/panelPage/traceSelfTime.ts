/**
 * Where the page's main thread spends one action, by trace event: a Chromium trace (the DevTools timeline
 * categories) over the action, each event's self time (its duration minus its children's) summed by name on the
 * renderer's main thread. Native work that a V8 CPU profile shows only as "(program)" — style, layout, paint,
 * canvas, parsing, GC — gets its own names here.
 */
import type { Page } from 'playwright-core';

/** A Chromium trace event, the fields the bench reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

const CATEGORIES = ['devtools.timeline', 'toplevel', 'v8', 'blink', '__metadata', 'disabled-by-default-devtools.timeline'];

/** Runs `action` under a trace; returns ms of self time per event name (largest first), main thread only. */
export async function traceSelfTime(page: Page, action: () => Promise<unknown>): Promise<Array<[string, number]>> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: unknown[] }) => events.push(...(e.value as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
  try {
    await action();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  );
  const spans = events
    .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) > 0)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  // A stack of open spans: each span's time is given to it, less what its children take.
  const stack: Array<{ name: string; end: number }> = [];
  for (const e of spans) {
    while (stack.length > 0 && stack[stack.length - 1].end <= e.ts) {
      stack.pop();
    }
    const dur = e.dur ?? 0;
    const parent = stack[stack.length - 1];
    if (parent) {
      self.set(parent.name, (self.get(parent.name) ?? 0) - dur / 1000);
    }
    self.set(e.name, (self.get(e.name) ?? 0) + dur / 1000);
    stack.push({ name: e.name, end: e.ts + dur });
  }
  return [...self].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]);
}
