/**
 * This checkout against another, in alternated pairs within one process: the two benchmark pages open side by side
 * (each built from its own checkout's sources), then the same measure on one and on the other, pair after pair. On
 * these shared machines the speed of the whole machine drifts by a third within minutes, so two runs minutes apart
 * differ by more than most changes do; a pair's two sides are measured seconds apart (each side first in every other
 * pair), and the count of pairs in which this checkout was lower says more than either median.
 *
 *   npx tsx bench/panelPage/comparePairs.ts --base <checkout> [--pairs 8] [--measure first-paint|refresh]
 *
 * `<checkout>`: another working tree of this repository with its node_modules (a `git worktree` whose node_modules
 * links to this one's). first-paint: the main-thread CPU of mounting the panel at 1,000 nodes on a freshly loaded page
 * (as the panel bench's first paint). refresh: the refresh bench's rows (refreshBench.ts), one whole run per side and
 * pair.
 */
import path from 'node:path';
import { median, mountOnFreshPage, optionValue, variantOptions } from './benchStats';
import { measureRefresh } from './refreshBench';
import { type BenchSession, openBenchSession } from './session';

interface Side {
  open(): Promise<BenchSession>;
  measureRefresh(s: BenchSession, workloads: number): ReturnType<typeof measureRefresh>;
}

/** The other checkout's own session and refresh bench (its page is built from its sources). */
function sideFrom(checkout: string): Side {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const session = require(path.join(checkout, 'bench', 'panelPage', 'session.ts'));
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const refresh = require(path.join(checkout, 'bench', 'panelPage', 'refreshBench.ts'));
  return { open: () => session.openBenchSession(), measureRefresh: refresh.measureRefresh };
}

const WORKLOADS = 1000;

async function firstPaintCpuMs(s: BenchSession): Promise<Record<string, number>> {
  const { cpuSeconds } = await mountOnFreshPage(s, WORKLOADS, () =>
    s.call((api, options) => api.mountPanel({ options }), variantOptions('panel'))
  );
  return { 'first paint CPU': cpuSeconds * 1000 };
}

async function refreshRows(side: Side, s: BenchSession): Promise<Record<string, number>> {
  const r = await side.measureRefresh(s, WORKLOADS);
  return {
    'first paint CPU': r.firstPaintCpuSeconds * 1000,
    'rates only': r.ratesOnly.cpuMs,
    '1 % change health': r.fewHealthChanges.cpuMs,
    'a third change health': r.sameTopology.cpuMs,
    '1 % replaced': r.topologyChange.cpuMs,
    'longest task, same ids': r.longestTask.cpuMs,
    'longest task, topology': r.topologyChange.longestTask.cpuMs,
    'kept nodes moved': r.topologyChange.keptMoved,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const base = optionValue(args, '--base', '');
  const pairs = Number(optionValue(args, '--pairs', '8'));
  const measure = optionValue(args, '--measure', 'first-paint');
  if (!base || !['first-paint', 'refresh'].includes(measure)) {
    throw new Error('usage: comparePairs.ts --base <checkout> [--pairs N] [--measure first-paint|refresh]');
  }
  const sides: Array<{ name: string; side: Side }> = [
    { name: 'base', side: sideFrom(path.resolve(base)) },
    { name: 'this', side: { open: () => openBenchSession(), measureRefresh } },
  ];
  const sessions = [];
  for (const { side } of sides) {
    sessions.push(await side.open());
  }
  const figures: Array<Array<Record<string, number>>> = [[], []];
  try {
    for (let p = 1; p <= pairs; p++) {
      // Each side goes first in every other pair: whichever goes second measured lower in most pairs of a run of
      // this checkout against itself (7 of 8, by 57 ms of a 1 s first paint).
      const order = p % 2 === 1 ? [0, 1] : [1, 0];
      for (const i of order) {
        const s = sessions[i];
        figures[i][p - 1] = measure === 'refresh' ? await refreshRows(sides[i].side, s) : await firstPaintCpuMs(s);
      }
      const row = (i: number) =>
        Object.entries(figures[i][p - 1])
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join(', ');
      console.log(`pair ${p}\n  base: ${row(0)}\n  this: ${row(1)}`);
    }
  } finally {
    for (const s of sessions) {
      await s.close();
    }
  }
  const firstPaint = (i: number, p: number) => figures[i][p]['first paint CPU'];
  console.log(
    `\nmedians over ${pairs} pairs (range; share of the same run's first paint), the pairs this was lower in, and the ` +
      'median of the differences within pairs (this − base):'
  );
  for (const key of Object.keys(figures[0][0])) {
    const at = (i: number) => figures[i].map((f) => f[key]);
    const share = (i: number) => median(figures[i].map((f, p) => (100 * f[key]) / firstPaint(i, p)));
    const summary = (i: number) =>
      `${Math.round(median(at(i)))} (${Math.round(Math.min(...at(i)))}–${Math.round(Math.max(...at(i)))}` +
      (key === 'first paint CPU' || key === 'kept nodes moved' ? ')' : `; ${share(i).toFixed(1)} %)`);
    const lower = figures[1].filter((f, p) => f[key] < figures[0][p][key]).length;
    const difference = median(figures[1].map((f, p) => f[key] - figures[0][p][key]));
    console.log(
      `  ${key}: base ${summary(0)}, this ${summary(1)}; lower in ${lower} of ${pairs}, ` +
        `median difference ${difference > 0 ? '+' : ''}${Math.round(difference)}`
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
