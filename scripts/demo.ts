/**
 * The demo: an hour of bookinfo history backfilled into Debian's Prometheus, then live scraping of the mesh
 * simulator (same counter origin, so history and live samples join), and the sandbox that loads dist/.
 * Options: --port <n> for the sandbox (default: a free port), --topology bookinfo|synthetic.
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

async function main() {
  ensurePrometheusInstalled();
  const synthetic = arg('topology') === 'synthetic';
  const topology = synthetic
    ? syntheticTopology({ namespaces: 5, workloadsPerNamespace: 20, seed: 7 })
    : bookinfoTopology();
  const dir = mkdtempSync(path.join(tmpdir(), 'meshgraph-demo-'));
  const now = Math.floor(Date.now() / 1000);
  const origin = now - HISTORY_SECONDS;

  process.stdout.write(`backfilling ${HISTORY_SECONDS / 60} min of ${topology.name} telemetry…\n`);
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
    options: { ...panel.options, edgeLabels: ['trafficRate'] },
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
    vars: { namespace: synthetic ? namespaces.slice(0, 2) : ['bookinfo'] },
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
