/**
 * meshgraph CLI: `npx tsx src/cli/meshgraph.ts graph --prometheus http://127.0.0.1:9090 --namespaces shop`.
 * JSON on stdout, notices on stderr; exit 2 for usage errors, 1 for runtime errors.
 */
import { buildGraph } from '../engine/buildGraph';
import { PrometheusClient } from '../engine/client/prometheusClient';
import { fetchTransport } from '../engine/client/transport';
import { planKialiBaseline } from '../engine/planner/kialiBaseline';
import { planQueries } from '../engine/planner/planQueries';
import { toFrames } from '../engine/output/frames';
import { toKialiJson } from '../contract/kiali/kialiJson';
import { USAGE, UsageError, parseArgs } from './args';

export async function main(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let cmd;
  try {
    cmd = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`meshgraph: ${e.message}\nRun 'meshgraph --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
  if (cmd.kind === 'help') {
    out(USAGE + '\n');
    return 0;
  }
  try {
    const plan = cmd.baseline ? planKialiBaseline(cmd.options) : planQueries(cmd.options);
    if (cmd.kind === 'plan') {
      out(plan.queries.map((q) => q.expr).join('\n') + '\n');
      return 0;
    }
    const transport = fetchTransport(cmd.prometheus!, { maxAnswerBytes: cmd.maxAnswerMB * 1e6 });
    const client = new PrometheusClient(transport, { timeoutMs: cmd.timeoutS * 1000 });
    const model = await buildGraph(cmd.options, client, undefined, { plan });
    for (const n of model.notices) {
      err(`${n.severity}: ${n.text}\n`);
    }
    const s = model.stats;
    err(
      `info: ${s.queries} queries, ${s.samples} samples, ${s.bytes} bytes, ${model.nodes.length} nodes, ${model.edges.length} edges\n`
    );
    const body = cmd.format === 'frames' ? toFrames(model) : toKialiJson(model);
    out(JSON.stringify(body) + '\n');
    return 0;
  } catch (e) {
    err(`meshgraph: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(
    process.argv.slice(2),
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(s)
  ).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`meshgraph: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    }
  );
}
