/**
 * `npm run bench`: speed and memory figures, measured in one run and printed as ratios (these machines are
 * shared and noisy, so absolute numbers vary by ±30 %; ratios taken in the same run are what to compare).
 * Writes bench/results.json. Sections: engine (query counts, engine vs JSON.parse, end to end vs Kiali's
 * query set on the 10×100 and 100×100 meshes, rollup) and panel (Chromium). `--only engine|panel|rollup` (rollup:
 * the rollup figures alone at 100×100), `--quick`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchMesh, queryCounts, MeshFigures } from './engineBench';
import { AnswerMemoryFigure, benchAnswerMemory } from './answerMemory';
import { benchRollupMesh, RollupFigures } from './rollupBench';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const quick = args.includes('--quick');
const results: Record<string, unknown> = { measuredAt: new Date().toISOString(), quick };

const pct = (x: number) => `${(x * 100).toFixed(0)} %`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

function table(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) {
    process.stdout.write(r.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n');
  }
  process.stdout.write('\n');
}

type QueryFigures = Pick<MeshFigures['kiali'], 'queries' | 'seconds' | 'prometheusCpuSeconds' | 'bytes' | 'samples'>;

/** One row of the per-mesh table: a query set's figures and, for Meshgraph's, the ratios to Kiali's. */
function queryRow(label: string, f: QueryFigures, timeRatio = '', bytesRatio = ''): string[] {
  return [
    label,
    String(f.queries),
    f.seconds.toFixed(3),
    f.prometheusCpuSeconds.toFixed(2),
    String(f.bytes),
    String(f.samples),
    timeRatio,
    bytesRatio,
  ];
}

function printRollup(mesh: string, r: RollupFigures) {
  const kb = (b: number) => `${(b / 1000).toFixed(0)} kB`;
  process.stdout.write(`Rollup by namespace, ${mesh} (dashboard graph: versioned apps with service nodes)\n`);
  table([
    ['', 'nodes', 'edges', 'Arrow (plugin → Grafana)', 'JSON (Grafana → browser)', 'share of Prometheus bytes'],
    [
      'unrolled',
      String(r.full.nodes),
      String(r.full.edges),
      kb(r.full.arrowBytes),
      kb(r.full.browserBytes),
      pct(r.fullBrowserShare),
    ],
    [
      'rolled up',
      String(r.rolledUp.nodes),
      String(r.rolledUp.edges),
      kb(r.rolledUp.arrowBytes),
      kb(r.rolledUp.browserBytes),
      pct(r.rolledUpBrowserShare),
    ],
    ['goal', '', '', '', '', '≤ 10 % at 100 × 100'],
  ]);
  table([
    ['rollup', 'figure'],
    [
      'applyRollup on the finished graph',
      `${r.rollupMs.toFixed(1)} ms (building the graph: ${r.buildMs.toFixed(0)} ms)`,
    ],
    ['rolled-up / unrolled browser bytes', pct(r.browserRatio)],
    [
      `plugin, datasource default (auto → ${r.backend.autoBy}): browser bytes / Prometheus bytes`,
      `${r.backend.autoBrowserBytes} / ${r.backend.prometheusBytes} = ${pct(r.backend.autoBrowserShare)} (unrolled ${r.backend.fullBrowserBytes})`,
    ],
    ['plugin, auto view of a graph just evaluated unrolled', `${r.backend.autoAfterFullMs.toFixed(0)} ms`],
  ]);
}

function printMesh(m: MeshFigures) {
  process.stdout.write(`Mesh ${m.mesh}: ${m.series} series, ${m.ours.nodes} nodes, ${m.ours.edges} edges\n`);
  table([
    ['', 'queries', 'seconds', 'Prometheus CPU s', 'bytes', 'samples', 'time ratio', 'bytes ratio'],
    queryRow('Kiali query set (sequential)', m.kiali),
    queryRow('Meshgraph, graph as shown', m.ours, ratio(m.endToEndRatio), pct(m.bytesRatio)),
    queryRow(
      'Meshgraph, with flags and hosts',
      m.oursWithDetails,
      ratio(m.endToEndRatioWithDetails),
      pct(m.bytesRatioWithDetails)
    ),
    ['goal', '', '', '', '', '', '≤ 1.00×', '≤ 50 %'],
  ]);
  table([
    ['engine on the same answers', 'ms', 'ratio to JSON.parse (goal ≤ 1.0×)'],
    ['JSON.parse of the answers', m.jsonParseMs.toFixed(1), ''],
    ['JSON.parse of the traffic answers', m.trafficJsonParseMs.toFixed(1), ''],
    ['client read of the traffic answers (parse, checks)', m.readMs.toFixed(1), ratio(m.readMs / m.trafficJsonParseMs)],
    [
      'read + fold of the traffic answers',
      m.readAndFoldMs.toFixed(1),
      `fold alone ${ratio(m.foldOverJsonParse)} (read + fold − read)`,
    ],
    ['whole engine (read, fold, appenders, model, health)', m.engineMs.toFixed(1), ratio(m.engineOverJsonParse)],
    [
      '… and the frames as Arrow (the backend, goal ≤ 2.0×)',
      m.engineToArrowMs.toFixed(1),
      ratio(m.engineToArrowOverJsonParse),
    ],
  ]);
  const b = m.backend;
  table([
    ['backend plugin (as Grafana starts it)', 'figure', 'goal'],
    ['spawn → handshake', `${b.spawnToHandshakeMs.toFixed(0)} ms`, '≤ 1000 ms'],
    ['idle RSS', `${b.idleRssMB.toFixed(0)} MB`, '≤ 100 MB'],
    ['peak RSS', `${b.peakRssMB.toFixed(0)} MB`, '≤ 500 MB at 100 × 100'],
    [
      'bytes to the browser / bytes from Prometheus',
      `${b.browserBytes} / ${b.prometheusBytes} = ${pct(b.browserShare)}`,
      '≤ 10 % at 100 × 100',
    ],
    [
      'first viewer / second viewer',
      `${b.firstViewerMs.toFixed(0)} ms / ${b.secondViewerMs.toFixed(0)} ms (go-plugin's Go client: ${b.secondViewerGoClientMs.toFixed(0)} ms; default rolled-up view ${b.secondViewerGoClientAutoMs.toFixed(0)} ms)`,
      'second ≤ 50 ms',
    ],
    [
      'Prometheus for 20 viewers / one viewer',
      `${b.twentyViewers.requests} / ${b.oneViewer.requests} requests = ${ratio(b.prometheusWorkRatio)} (CPU ${b.twentyViewers.prometheusCpuSeconds.toFixed(2)} / ${b.oneViewer.prometheusCpuSeconds.toFixed(2)} s)`,
      '≤ 1.1×',
    ],
  ]);
  process.stdout.write(
    `CLI cold start: ${m.cli.coldSeconds.toFixed(2)} s, peak memory ${m.cli.peakRssMB.toFixed(0)} MB\n\n`
  );
  printRollup(m.mesh, m.rollup);
}

function printAnswerMemory(figures: AnswerMemoryFigure[]) {
  process.stdout.write('Reading one large answer (client + fold, a fresh process each; peak resident memory)\n');
  table([
    ['answer', 'samples', 'RSS before', 'peak RSS', '(peak − before) / answer', 'peak / answer', 'seconds'],
    ...figures.map((f) => [
      `${f.answerMB.toFixed(0)} MB`,
      String(f.samples),
      `${f.beforeMB.toFixed(0)} MB`,
      `${f.peakMB.toFixed(0)} MB`,
      ratio(f.ratio),
      ratio(f.peakRatio),
      f.seconds.toFixed(2),
    ]),
    ['goal', '', '', '', '≤ 2.50×', '', ''],
  ]);
}

async function main() {
  if (!only || only === 'engine') {
    const counts = queryCounts();
    results.queryCounts = counts;
    process.stdout.write('PromQL queries per graph (default options)\n');
    table([
      ['namespaces', 'Meshgraph', 'Kiali'],
      ...counts.map((c) => [String(c.namespaces), String(c.ours), String(c.kiali)]),
    ]);

    const meshes: MeshFigures[] = [];
    meshes.push(await benchMesh(10, 100, quick ? 1200 : 3600, quick ? 3 : 5));
    printMesh(meshes[0]);
    if (!quick) {
      meshes.push(await benchMesh(100, 100, 1200, 3));
      printMesh(meshes[1]);
    }
    results.meshes = meshes;

    const memory = await benchAnswerMemory([50, 100, 200]);
    results.answerMemory = memory;
    printAnswerMemory(memory);
  }
  if (only === 'rollup') {
    const r = await benchRollupMesh(quick ? 10 : 100, 100, 1200, quick ? 3 : 5);
    results.rollup = r;
    printRollup(r.mesh, r);
  }
  if (!only || only === 'drilldown') {
    const { benchDrilldown, printDrilldown } = await import('./drilldownBench');
    results.drilldown = await benchDrilldown(quick ? 10 : 100, 100);
    printDrilldown(results.drilldown as Awaited<ReturnType<typeof benchDrilldown>>, table);
  }
  if (!only || only === 'panel') {
    const { benchPanel } = await import('./panelBench');
    results.panel = await benchPanel({ quick });
  }
  const out = path.join(__dirname, 'results.json');
  // With --only, keep the other section's last figures.
  const previous = only && existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : {};
  writeFileSync(out, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
  process.stdout.write(`figures written to ${path.relative(process.cwd(), out)}\n`);
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
