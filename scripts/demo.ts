/**
 * The demo: an hour of bookinfo history backfilled into Debian's Prometheus, then live scraping of the mesh
 * simulator (same counter origin, so history and live samples join), and the sandbox that loads dist/.
 * Options: --port <n> for the sandbox (default: a free port), --topology bookinfo|synthetic, --mesh <N>x<M> (a
 * synthetic mesh of N namespaces of M workloads each, all namespaces shown: above the datasource's rollup budget
 * of 500 nodes the graph opens rolled up by namespace, and double-click or X expands one).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bookinfoTopology, exportOpenMetricsFile, startMetricsServer, syntheticTopology } from '../simulator';
import { backfill, ensurePrometheusInstalled, startPrometheus } from './lib/prometheus';
import { startSandbox } from '../tests/support/sandboxServer';
import { encodeSandboxParams } from '../tests/sandbox/params';

const HISTORY_SECONDS = 3600;
/** The app's bundled dashboard: the demo shows its traffic panel with the same query, options and variables. */
const DASHBOARD = path.resolve(__dirname, '..', 'src', 'dashboards', 'istio-traffic-graph.json');
const STEP = 15;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--mesh 100x100` → 100 namespaces of 100 workloads; undefined without the option. */
export function parseMesh(value: string | undefined): { namespaces: number; workloads: number } | undefined {
  if (value === undefined) {
    return undefined;
  }
  const m = /^(\d+)x(\d+)$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new Error(`--mesh wants <namespaces>x<workloads>, e.g. 100x100; got ${value}`);
  }
  return { namespaces: Number(m[1]), workloads: Number(m[2]) };
}

async function main() {
  ensurePrometheusInstalled();
  const mesh = parseMesh(arg('mesh'));
  const synthetic = arg('topology') === 'synthetic' || mesh !== undefined;
  const topology = mesh
    ? syntheticTopology({ namespaces: mesh.namespaces, workloadsPerNamespace: mesh.workloads, seed: 7 })
    : synthetic
      ? syntheticTopology({ namespaces: 5, workloadsPerNamespace: 20, seed: 7 })
      : bookinfoTopology();
  // A large mesh gets a shorter history: backfilling an hour of 10,000 workloads takes long and shows nothing more.
  const historySeconds = mesh ? 900 : HISTORY_SECONDS;
  const dir = mkdtempSync(path.join(tmpdir(), 'meshgraph-demo-'));
  const now = Math.floor(Date.now() / 1000);
  const origin = now - historySeconds;

  process.stdout.write(`backfilling ${historySeconds / 60} min of ${topology.name} telemetry…\n`);
  const file = path.join(dir, 'history.om');
  await exportOpenMetricsFile(topology, { start: origin, end: now - STEP, step: STEP, origin }, file);
  await backfill(file, path.join(dir, 'data'));
  rmSync(file, { force: true });

  const simulator = await startMetricsServer(topology, { origin });
  const prometheus = await startPrometheus({
    dataDir: path.join(dir, 'data'),
    scrapeTargets: [simulator.target],
    scrapeInterval: '15s',
  });
  const sandbox = await startSandbox({ prometheusUrl: prometheus.url });
  const namespaces = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  const panel = dashboard.panels.find((p: { type: string }) => p.type === 'meshgraph-traffic-panel');
  const graphType = dashboard.templating.list.find((v: { name: string }) => v.name === 'graphType');
  const params = encodeSandboxParams({
    targets: panel.targets.map(({ datasource: _ds, ...target }: Record<string, unknown>) => target),
    // As the README's screenshot: edge labels on (a viewer can change them in the panel's Display menu).
    // (Not on a rolled-up mesh: hundreds of namespace edges labelled at once are unreadable.)
    options: { ...panel.options, edgeLabels: mesh ? [] : ['trafficRate'] },
    // Grafana's dashboard chrome: variable pickers, time range, refresh and the panel options pane.
    controls: true,
    variables: [
      {
        name: 'graphType',
        label: 'Graph type',
        type: 'custom',
        options: graphType.options.map((o: { value: string }) => o.value),
        current: [graphType.current.value],
      },
    ],
    theme: 'dark',
    from: 'now-10m',
    to: 'now',
    width: 1400,
    height: 850,
    title: `Istio traffic graph: ${topology.name}`,
    namespaces,
    // The mesh shows every namespace (rolled up); the small synthetic mesh two of them.
    vars: { namespace: mesh ? ['$__all'] : synthetic ? namespaces.slice(0, 2) : ['bookinfo'] },
  });

  process.stdout.write(`\nPrometheus:  ${prometheus.url}  (scraping the simulator at ${simulator.metricsUrl})\n`);
  process.stdout.write(`Meshgraph:   ${sandbox.url}/?${params}\n\n`);
  process.stdout.write(
    'Open the Meshgraph URL in a browser: pick namespaces, graph type and time range at the top, open "Panel options"\n' +
      'for what the panel editor offers, and the panel\'s Display menu for what a viewer may change. Add theme=light for\n' +
      'the light theme. Ctrl-C stops.\n'
  );

  const stop = async () => {
    await sandbox.stop();
    await prometheus.stop();
    await simulator.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
