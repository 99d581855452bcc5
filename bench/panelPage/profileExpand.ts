/**
 * Where an expansion's time goes, without the whole drill-down bench: the 100 × 100 synthetic mesh backfilled into
 * Prometheus, the built plugins in the sandbox (its backend plugin as Grafana starts it), Chromium. After two loads of
 * the rolled-up panel it expands five namespaces for the first time (each view new to the plugin), then collapses and
 * expands them again (views the plugin has: the panel's own work), and prints each toggle's split: request, answer
 * (server), drawing after the answer.
 *
 *   npx tsx bench/panelPage/profileExpand.ts [--rounds 2] [--select 3] [--profile first|fresh|again|select] [--top 40]
 *
 * --select N: N expansions as a person double-clicks (the first click selects the namespace, whose highlight dims
 * what it does not reach). --profile: a CPU profile of one more toggle of that kind (first: of the page's first
 * expansion, in place of its unprofiled one), summed per original function (the bundles' source maps), self and
 * inclusive. Needs `npm run build` first (it reads dist/).
 */
import path from 'node:path';
import { syntheticTopology } from '../../simulator';
import { rollupNodeId } from '../../src/contract';
import { launchBrowser } from '../../tests/support/browser';
import { BUILT_PLUGIN } from '../../tests/support/grafanaHost';
import { startBackfilledPrometheus } from '../../tests/support/prometheusFixture';
import { encodeSandboxParams } from '../../tests/sandbox/params';
import { startSandbox } from '../../tests/support/sandboxServer';
import { median, optionValue } from './benchStats';
import { functionProfile, functionRows } from './cpuProfile';
import { installReadyProbe, measureInPage } from './drilldownProbe';

const WINDOW = 600;
const DIST = path.resolve(__dirname, '..', '..', 'dist');

async function main() {
  const args = process.argv.slice(2);
  const rounds = Number(optionValue(args, '--rounds', '2'));
  const selects = Number(optionValue(args, '--select', '0'));
  const profile = optionValue(args, '--profile', '');
  const top = Number(optionValue(args, '--top', '40'));

  const topology = syntheticTopology({ namespaces: 100, workloadsPerNamespace: 100, seed: 42 });
  const namespaces = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
  const cluster = topology.workloads[0]?.cluster ?? 'cluster-1';
  const end = 1767225600 - 15;
  process.stderr.write('backfilling Prometheus (about two minutes)\n');
  const prom = await startBackfilledPrometheus({ topology, start: end - 1200, end, step: 15, histograms: 'none' });
  const sandbox = await startSandbox({
    prometheusUrl: prom.url,
    distDir: DIST,
    pluginExecutable: BUILT_PLUGIN,
    keepSettingsVersion: true,
  });
  const browser = await launchBrowser({ viewport: { width: 1500, height: 1000 } });
  try {
    const page = browser.page;
    const t = prom.queryTime - 60;
    const params = {
      from: (t - WINDOW) * 1000,
      to: t * 1000,
      namespaces,
      targets: [
        { refId: 'A', namespaces: ['$namespace'], graphType: 'workload', injectServiceNodes: false, kubeState: false },
      ],
      width: 1400,
      height: 900,
      options: { edgeLabels: [] },
    };
    for (const load of ['cold', 'warm']) {
      await installReadyProbe(page);
      await page.goto(`${sandbox.url}/?${encodeSandboxParams(params)}`, { waitUntil: 'load', timeout: 120000 });
      const first = await measureInPage(page, 'firstPaint', undefined, 600000);
      process.stdout.write(`first paint (${load}): ${first.ms.toFixed(0)} ms, ${first.nodes} nodes\n`);
    }
    await page.evaluate(() => localStorage.clear());
    const ids = namespaces.map((ns) => rollupNodeId('namespace', cluster, ns));
    const toggle = async (label: string, arg: string | { id: string; select: true }) => {
      const r = await measureInPage(page, 'toggle', arg);
      process.stdout.write(
        `${label}: ${r.ms.toFixed(0)} ms (request after ${r.requestAfterMs.toFixed(0)}, answer ${r.answerMs.toFixed(0)}, ` +
          `drawn ${r.drawMs.toFixed(0)} ms after it)\n`
      );
      return r;
    };
    const maps: Record<string, string> = {};
    for (const file of ['panel/module.js', 'panel/fcose.js', 'datasource/module.js']) {
      maps[file] = path.join(DIST, `${file}.map`);
    }
    const printProfile = (fns: Awaited<ReturnType<typeof functionProfile>>) =>
      process.stdout.write(
        `--- self\n${functionRows(fns.self, top)}\n--- inclusive\n${functionRows(fns.inclusive, top)}\n`
      );
    const fresh = [];
    for (const [i, id] of ids.slice(0, 5).entries()) {
      if (i === 0 && profile === 'first') {
        // The first expansion of the page: what it pays once.
        let r: Awaited<ReturnType<typeof toggle>> | undefined;
        printProfile(
          await functionProfile(page, maps, async () => (r = await toggle(`expand ${id} (first, profiled)`, id)))
        );
        fresh.push(r as Awaited<ReturnType<typeof toggle>>);
        continue;
      }
      fresh.push(await toggle(`expand ${id} (first time)`, id));
    }
    const again = [];
    for (let round = 0; round < rounds; round++) {
      for (const id of ids.slice(0, 5)) {
        await measureInPage(page, 'toggle', id);
        again.push(await toggle(`expand ${id} again`, id));
      }
    }
    const selected = [];
    for (const id of ids.slice(10, 10 + selects)) {
      selected.push(await toggle(`expand ${id} under its selection`, { id, select: true }));
      await measureInPage(page, 'toggle', id);
    }
    const summary = (name: string, xs: Array<{ ms: number; answerMs: number; drawMs: number }>) =>
      xs.length === 0
        ? ''
        : `${name}: median ${median(xs.map((x) => x.ms)).toFixed(0)} ms, answer ${median(xs.map((x) => x.answerMs)).toFixed(0)}, ` +
          `drawing ${median(xs.map((x) => x.drawMs)).toFixed(0)} (n=${xs.length})\n`;
    process.stdout.write(
      summary('first-time expansions', fresh) +
        summary('expansions again', again) +
        summary('under a selection', selected)
    );

    if (profile && profile !== 'first') {
      const id = profile === 'fresh' ? ids[20] : profile === 'select' ? ids[21] : ids[0];
      if (profile === 'again') {
        await measureInPage(page, 'toggle', id);
      }
      const arg = profile === 'select' ? { id, select: true as const } : id;
      printProfile(await functionProfile(page, maps, () => toggle(`profiled (${profile})`, arg)));
    }
  } finally {
    await browser.close();
    await sandbox.stop();
    await prom.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
