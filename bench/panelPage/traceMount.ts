/**
 * Where the wall time of one panel mount goes: a Chromium trace (devtools.timeline) of the mount, summarised per
 * thread (busy ms) and, on the renderer main thread, as a timeline of top-level tasks and the idle gaps between them.
 *
 *   npx tsx bench/panelPage/traceMount.ts [workloads=1000] [--options '{"renderer":"canvas"}'] [--baseline]
 *   … --refresh [--stable] [--renamed N] [--failing N] [--tail ms]: trace one refresh of the mounted panel instead
 *   (new rates; --stable: health unchanged; --renamed: N workloads get new ids; --failing: with --stable, N workloads
 *   fail anew and N recover), after two untraced ones and a quiet pause, until 300 ms (--tail) after its two frames,
 *   so late work such as a deferred redraw shows.
 */
import { openBenchSession } from './session';
import type { TraceEvent } from './traceSelfTime';

async function main() {
  const args = process.argv.slice(2);
  const workloads = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  const baseline = args.includes('--baseline');
  const optIdx = args.indexOf('--options');
  const options = { edgeLabels: ['trafficRate'], ...(optIdx >= 0 ? JSON.parse(args[optIdx + 1]) : {}) };
  const s = await openBenchSession();
  try {
    await s.load();
    await s.call((api, n) => api.prepare(n), workloads);
    const refresh = args.includes('--refresh');
    const stableHealth = args.includes('--stable');
    const renamedIdx = args.indexOf('--renamed');
    const renamed = renamedIdx >= 0 ? Number(args[renamedIdx + 1]) : 0;
    const failingIdx = args.indexOf('--failing');
    const failing = failingIdx >= 0 ? Number(args[failingIdx + 1]) : 0;
    const tailIdx = args.indexOf('--tail');
    const tailMs = tailIdx >= 0 ? Number(args[tailIdx + 1]) : 300;
    if (refresh) {
      await s.call((api, o) => api.mountPanel({ options: o }), options);
      for (const v of [1, 2, 3]) {
        // --renamed: the traced refresh (the third) renames that many workloads (new ids, the same neighbours).
        const variation = { stableHealth, renamed: v === 3 ? renamed : 0, failing };
        await s.call((api, a) => api.stageRefresh(a.v, a.variation), { v, variation });
        if (v < 3) {
          await s.call((api, v) => api.refreshPanel(v), v);
        }
      }
      // Refreshes come every 10 s or more: the one traced starts from a quiet page.
      await s.page.waitForTimeout(1500);
    }
    // Warm nothing for a mount: a fresh page, as the bench's first paint.
    const events: TraceEvent[] = [];
    s.cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const done = new Promise<void>((resolve) => s.cdp.once('Tracing.tracingComplete', () => resolve()));
    await s.cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'toplevel',
          'v8',
          'blink',
          'cc',
          'gpu',
          'viz',
          'blink.user_timing',
        ],
      },
      transferMode: 'ReportEvents',
    });
    const t = await s.call(
      async (api, a) => {
        const t0 = performance.now();
        performance.mark('mount-start');
        const r = a.refresh
          ? await api.refreshPanel(3).then(() => new Promise((done) => setTimeout(() => done('refresh'), a.tail)))
          : a.baseline
            ? await api.mountBaseline()
            : await api.mountPanel({ options: a.options });
        performance.mark('mount-end');
        return { ms: performance.now() - t0, r };
      },
      { baseline, options, refresh, tail: tailMs }
    );
    await s.cdp.send('Tracing.end');
    await done;
    const threadNames = new Map<string, string>();
    for (const e of events) {
      if (e.ph === 'M' && e.name === 'thread_name') {
        threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
      }
    }
    const start = events.find((e) => e.name === 'mount-start')?.ts;
    const end = events.find((e) => e.name === 'mount-end')?.ts;
    process.stdout.write(
      `mount ${t.ms.toFixed(0)} ms (${JSON.stringify(t.r)}); marks found: ${start !== undefined && end !== undefined}\n`
    );
    if (start === undefined || end === undefined) {
      return;
    }
    // Busy time per thread: top-level complete events (ThreadControllerImpl::RunTask etc.) within the span.
    const busy = new Map<string, number>();
    const topLevel = events.filter(
      (e) =>
        e.ph === 'X' &&
        e.dur !== undefined &&
        e.ts >= start &&
        e.ts <= end &&
        /RunTask|ThreadControllerImpl|TaskQueueManager/.test(e.name)
    );
    for (const e of topLevel) {
      const k = `${e.pid}:${e.tid}`;
      busy.set(k, (busy.get(k) ?? 0) + (e.dur ?? 0) / 1000);
    }
    process.stdout.write(`span ${((end - start) / 1000).toFixed(0)} ms; busy per thread (top-level tasks):\n`);
    for (const [k, v] of [...busy].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
      process.stdout.write(`  ${(threadNames.get(k) ?? k).padEnd(28)} ${v.toFixed(0)} ms\n`);
    }
    // What the busiest other threads run: event names by total duration.
    for (const [k] of [...busy].sort((a, b) => b[1] - a[1]).slice(1, 4)) {
      const byName = new Map<string, number>();
      for (const e of events) {
        if (
          e.ph === 'X' &&
          `${e.pid}:${e.tid}` === k &&
          e.ts >= start &&
          e.ts <= end &&
          !/RunTask|ThreadControllerImpl/.test(e.name)
        ) {
          byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
        }
      }
      const top = [...byName]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([n, v]) => `${n} ${v.toFixed(0)}`);
      process.stdout.write(`  ${threadNames.get(k) ?? k}: ${top.join(', ')}
`);
    }
    const mainKey = [...threadNames].find(([, n]) => n === 'CrRendererMain')?.[0];
    const main = topLevel.filter((e) => `${e.pid}:${e.tid}` === mainKey).sort((a, b) => a.ts - b.ts);
    process.stdout.write('main thread tasks ≥ 2 ms and gaps ≥ 2 ms (ms from mount start):\n');
    let prevEnd = start;
    for (const e of main) {
      const gap = (e.ts - prevEnd) / 1000;
      if (gap >= 2) {
        process.stdout.write(`  gap  ${((prevEnd - start) / 1000).toFixed(0).padStart(5)}  ${gap.toFixed(1)}\n`);
      }
      if ((e.dur ?? 0) / 1000 >= 2) {
        // What ran inside: the longest direct child events.
        const inner = events
          .filter(
            (x) =>
              x.ph === 'X' &&
              x.pid === e.pid &&
              x.tid === e.tid &&
              x.ts >= e.ts &&
              x.ts + (x.dur ?? 0) <= e.ts + (e.dur ?? 0) &&
              x !== e &&
              (x.dur ?? 0) >= 1000
          )
          .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
          .slice(0, 4)
          .map(
            (x) =>
              `${x.name}${x.args?.data?.functionName ? `(${x.args.data.functionName})` : ''}${x.args?.data?.type ? `[${x.args.data.type}]` : ''} ${((x.dur ?? 0) / 1000).toFixed(0)}`
          );
        process.stdout.write(
          `  task ${((e.ts - start) / 1000).toFixed(0).padStart(5)}  ${((e.dur ?? 0) / 1000).toFixed(1)}  ${inner.join(', ')}\n`
        );
      }
      prevEnd = Math.max(prevEnd, e.ts + (e.dur ?? 0));
    }
    const tail = (end - prevEnd) / 1000;
    if (tail >= 2) {
      process.stdout.write(
        `  gap  ${((prevEnd - start) / 1000).toFixed(0).padStart(5)}  ${tail.toFixed(1)} (to the end)\n`
      );
    }
  } finally {
    await s.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
