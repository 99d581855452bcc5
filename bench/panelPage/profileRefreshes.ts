/**
 * Where a refresh's main-thread time goes, steady state: a CPU profile of each of several refreshes of one kind in a
 * row (after four unprofiled ones, the page settled before each), averaged per refresh, per function of the
 * unminified benchmark bundle. One refresh's profile (profileMount.ts --refresh) swings by half with the machine;
 * the average of six does not.
 *
 *   npx tsx bench/panelPage/profileRefreshes.ts [workloads=1000] [--kind rates|few|third|topology] [--refreshes 6]
 *     [--top 60]
 *
 * Kinds, as the refresh bench's rows: rates (same ids, new rates only), few (1 % of the nodes change health: 5
 * workloads fail anew and 5 recover per 1,000), third (a third change health), topology (5 more workloads per 1,000
 * renamed at each refresh). "(program)" and idle time are left out of the figures.
 */
import { optionValue, PANEL_OPTIONS } from './benchStats';
import { addFunctionTimes, functionRows, newFunctionTimes, type Profile } from './cpuProfile';
import type { MeshVariation } from './syntheticMesh';
import { openBenchSession } from './session';

const WARMUP = 4;

/** The staged answer of refresh `v` for the kind. */
function variationOf(kind: string, v: number, workloads: number): MeshVariation {
  const step = Math.max(1, Math.round(workloads / 200));
  switch (kind) {
    case 'rates':
      return { stableHealth: true };
    case 'few':
      return { stableHealth: true, failing: step };
    case 'third':
      return {};
    case 'topology':
      return { stableHealth: true, renamed: step * v };
    default:
      throw new Error(`unknown --kind ${kind}: rates, few, third or topology`);
  }
}

async function main() {
  const args = process.argv.slice(2);
  // The workload count is the one argument that is neither an option nor an option's value.
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  const workloads = Number(positional[0] ?? 1000);
  const kind = optionValue(args, '--kind', 'few');
  const refreshes = Number(optionValue(args, '--refreshes', '6'));
  const top = Number(optionValue(args, '--top', '60'));
  // An unknown kind fails before the browser starts.
  variationOf(kind, 1, workloads);
  const s = await openBenchSession({ minify: false });
  try {
    await s.load();
    await s.call((api, n) => api.prepare(n), workloads);
    await s.call((api, options) => api.mountPanel({ options }), PANEL_OPTIONS);
    await s.call((api) => api.frames(30));
    const times = newFunctionTimes();
    let total = 0;
    for (let v = 1; v <= WARMUP + refreshes; v++) {
      await s.call((api, a) => api.stageRefresh(a.v, a.variation), { v, variation: variationOf(kind, v, workloads) });
      await s.call((api) => api.frames(20));
      const profiled = v > WARMUP;
      if (profiled) {
        await s.cdp.send('Profiler.enable');
        await s.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await s.cdp.send('Profiler.start');
      }
      await s.call((api, x) => api.refreshPanel(x), v);
      // What comes late (Cytoscape's deferred redraws, the patch's frames) is the refresh's too.
      await s.call((_api, ms) => new Promise((resolve) => setTimeout(resolve, ms)), 300);
      if (profiled) {
        const { profile } = (await s.cdp.send('Profiler.stop')) as unknown as { profile: Profile };
        // The unminified bundle's names, with their line to tell closures apart.
        total += addFunctionTimes(
          profile,
          times,
          (frame) => `${frame.functionName || '(anonymous)'}:${frame.lineNumber}`,
          { share: refreshes, skip: (name) => name.startsWith('(idle)') || name.startsWith('(program)') }
        );
      }
    }
    console.log(
      `${kind} refreshes at ${workloads} nodes, mean of ${refreshes}: ${total.toFixed(1)} ms of script and GC`
    );
    console.log(`--- self\n${functionRows(times.self, 30)}\n--- inclusive\n${functionRows(times.inclusive, top)}`);
  } finally {
    await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
