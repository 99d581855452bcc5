/**
 * CPU profile of one panel mount in the benchmark page (unminified bundle): self time by function and the
 * inclusive time of a few Cytoscape entry points, to see where first paint goes.
 *
 *   npx tsx bench/panelPage/profileMount.ts [workloads=1000] [--baseline] [--no-boxes] [--top 60] [--pan drag|panBy] [--options '{"layout":"dagre"}']
 *   … --refresh [--stable] [--renamed N] [--failing N]: profile one refresh (new rates; --stable: health unchanged;
 *   --renamed: N workloads get new ids; --failing: with --stable, N workloads fail anew and N recover; frames built
 *   beforehand) after the mount instead.
 */
import { addFunctionTimes, functionRows, newFunctionTimes, parentsOf, type Profile } from './cpuProfile';
import { openBenchSession } from './session';

async function main() {
  const args = process.argv.slice(2);
  const workloads = Number(args.find((a) => /^\d+$/.test(a)) ?? 1000);
  const baseline = args.includes('--baseline');
  const optIdx = args.indexOf('--options');
  const options = optIdx >= 0 ? JSON.parse(args[optIdx + 1]) : { edgeLabels: ['trafficRate'] };
  const s = await openBenchSession({ minify: false });
  try {
    await s.load();
    await s.call((api, a) => api.prepare(a.n, 0, a.boxes), { n: workloads, boxes: !args.includes('--no-boxes') });
    const panIdx = args.indexOf('--pan');
    const pan = panIdx >= 0 ? (args[panIdx + 1] as 'drag' | 'panBy') : undefined;
    const mount = () =>
      baseline ? s.call((api) => api.mountBaseline()) : s.call((api, o) => api.mountPanel({ options: o }), options);
    await s.cdp.send('Profiler.enable');
    await s.cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    // --pan drag|panBy: profile 20 frames of panning after the mount instead of the mount.
    const refresh = args.includes('--refresh');
    const mounted = pan || refresh ? await mount() : undefined;
    if (refresh) {
      // Two refreshes first: what fills once (JIT, style caches) is not the refresh's cost.
      const failingIdx = args.indexOf('--failing');
      const failing = failingIdx >= 0 ? Number(args[failingIdx + 1]) : 0;
      for (const v of [1, 2]) {
        await s.call((api, a) => api.stageRefresh(a.v, { stableHealth: a.st, failing: a.failing }), {
          v,
          st: args.includes('--stable'),
          failing,
        });
        await s.call((api, x) => api.refreshPanel(x), v);
      }
      const renamedIdx = args.indexOf('--renamed');
      await s.call((api, a) => api.stageRefresh(3, { stableHealth: a.st, renamed: a.renamed, failing: a.failing }), {
        st: args.includes('--stable'),
        failing,
        renamed: renamedIdx >= 0 ? Number(args[renamedIdx + 1]) : 0,
      });
      await s.call((api) => api.frames(30));
    }
    await s.cdp.send('Profiler.start');
    const r = mounted ?? (await mount());
    if (refresh) {
      const t = await s.call(async (api) => {
        const t0 = performance.now();
        await api.refreshPanel(3);
        return performance.now() - t0;
      });
      console.log(`refresh: ${t.toFixed(0)} ms wall (render + 2 frames)`);
    }
    if (pan) {
      const p = await s.call((api, a) => api.pan(a.target, a.kind, 20), {
        target: baseline ? ('baseline' as const) : ('panel' as const),
        kind: pan,
      });
      const sorted = [...p.intervals].sort((a, b) => a - b);
      console.log(`${pan}: median frame ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms`);
    }
    const { profile } = (await s.cdp.send('Profiler.stop')) as { profile: Profile };
    const times = newFunctionTimes();
    const total = addFunctionTimes(profile, times, (frame) => `${frame.functionName || '(anon)'}:${frame.lineNumber}`);
    console.log(
      `${baseline ? 'baseline' : 'panel'} ${workloads}: ${r.ms.toFixed(0)} ms wall, layout ${r.layout}; profile ${total.toFixed(0)} ms`
    );
    console.log('--- self\n' + functionRows(times.self, 35));
    const topIdx = args.indexOf('--top');
    console.log('--- inclusive\n' + functionRows(times.inclusive, topIdx >= 0 ? Number(args[topIdx + 1]) : 60));
    // --callers fnName: the call paths (3 frames up) that lead to it, by time.
    const callIdx = args.indexOf('--callers');
    if (callIdx >= 0) {
      const want = args[callIdx + 1];
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = parentsOf(profile);
      const paths = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const dt = (profile.timeDeltas[i] ?? 0) / 1000;
        const chain: string[] = [];
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          chain.push(byId.get(cur)!.callFrame.functionName || '(anon)');
        }
        const at = chain.findIndex((f) => f === want);
        if (at >= 0) {
          const key = chain.slice(at, at + 6).join(' < ');
          paths.set(key, (paths.get(key) ?? 0) + dt);
        }
      });
      console.log(`--- callers of ${want}\n` + functionRows(paths, 25));
    }
  } finally {
    await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
