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
import type { MeshVariation } from './syntheticMesh';
import { openBenchSession } from './session';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const WARMUP = 4;

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

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

/** Adds the profile's self and inclusive ms, divided by `share`, to the totals; returns the ms added. */
function addProfile(profile: Profile, share: number, self: Map<string, number>, inclusive: Map<string, number>) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) {
      parent.set(c, n.id);
    }
  }
  const nameOf = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}:${n.callFrame.lineNumber}`;
  let added = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const fn = node.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)') {
      return;
    }
    const ms = (profile.timeDeltas[i] ?? 0) / 1000 / share;
    added += ms;
    self.set(nameOf(node), (self.get(nameOf(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nameOf(byId.get(at)!);
      if (!seen.has(name)) {
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
      }
    }
  });
  return added;
}

async function main() {
  const args = process.argv.slice(2);
  // The workload count is the one argument that is neither an option nor an option's value.
  const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
  const workloads = Number(positional[0] ?? 1000);
  const kind = option(args, '--kind', 'few');
  const refreshes = Number(option(args, '--refreshes', '6'));
  const top = Number(option(args, '--top', '60'));
  variationOf(kind, 1, workloads);
  const s = await openBenchSession({ minify: false });
  try {
    await s.load();
    await s.call((api, n) => api.prepare(n), workloads);
    await s.call((api) => api.mountPanel({ options: { edgeLabels: ['trafficRate'] } }));
    await s.call((api) => api.frames(30));
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
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
        total += addProfile(profile, refreshes, self, inclusive);
      }
    }
    const rows = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([n, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${n}`)
        .join('\n');
    console.log(
      `${kind} refreshes at ${workloads} nodes, mean of ${refreshes}: ${total.toFixed(1)} ms of script and GC`
    );
    console.log(`--- self\n${rows(self, 30)}\n--- inclusive\n${rows(inclusive, top)}`);
  } finally {
    await s.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
