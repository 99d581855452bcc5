/**
 * What the panel bench's parts share (bench/panelBench.ts, bench/panelPage/refreshBench.ts, comparePairs.ts): the
 * viewport and panel options, frame statistics, a CDP reading of the page's main-thread CPU time, a first paint on a
 * fresh page, and the table printer.
 */
import type { BenchSession } from './session';

export const VIEWPORT = { width: 1400, height: 900 };
export const DRAG_FRAMES = 40;
/** What the panel is asked to show: labels on nodes and on edges (request rates), like the reference figures. */
export const PANEL_OPTIONS = { edgeLabels: ['trafficRate'] };

export interface FrameStats {
  medianMs: number;
  p95Ms: number;
  fps: number;
  frames: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

export function frameStats(intervals: number[]): FrameStats {
  const m = median(intervals);
  return { medianMs: m, p95Ms: p95(intervals), fps: 1000 / m, frames: intervals.length };
}

export function table(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) {
    process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
  }
  process.stdout.write('\n');
}

export const ms = (x: number) => x.toFixed(0);

/** The value after `--name` on a script's command line, else `fallback`. */
export function optionValue(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}
export const frames = (f: FrameStats) => `${ms(f.medianMs)}/${ms(f.p95Ms)} (${f.fps.toFixed(0)} fps)`;

/** The page's main-thread CPU time so far, seconds (Chromium's ThreadTime metric). */
export async function threadTime(s: BenchSession): Promise<number> {
  const m = (await s.cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return m.metrics.find((x) => x.name === 'ThreadTime')?.value ?? NaN;
}

/**
 * A first paint as a dashboard opens: a freshly loaded page (fresh heap, cold JIT), the frames of a mesh of `workloads`
 * prepared, then `mount`; what it returned and the main-thread CPU it took, seconds.
 */
export async function mountOnFreshPage<R>(
  s: BenchSession,
  workloads: number,
  mount: () => Promise<R>
): Promise<{ mounted: R; cpuSeconds: number }> {
  await s.load();
  await s.call((api, n) => api.prepare(n), workloads);
  const t0 = await threadTime(s);
  const mounted = await mount();
  return { mounted, cpuSeconds: (await threadTime(s)) - t0 };
}

/** Panel options for the canvas or the WebGL renderer. */
export function variantOptions(which: 'panel' | 'webgl' | 'baseline'): Record<string, unknown> {
  return which === 'webgl' ? { ...PANEL_OPTIONS, renderer: 'webgl' } : { ...PANEL_OPTIONS, renderer: 'canvas' };
}
