/**
 * Command line of the mesh simulator.
 *   npx tsx simulator/cli.ts serve  --topology bookinfo|synthetic [--port 0] [synthetic options] [--label k=v]...
 *   npx tsx simulator/cli.ts export --topology bookinfo|synthetic --start <unix> --end <unix> [--step 15] --out file.om
 * Synthetic options: --namespaces N --workloads M --fanout F|MIN-MAX --seed S [--cross 0.22] [--ingress 50]
 *   (or --topology-file topology.json: a Topology object as JSON)
 * Common: --cluster NAME, --histograms all|duration|none, --kube-state on|off, --label name=value (extra label on
 * every series).
 */
import { bookinfoTopology } from './bookinfo';
import { exportOpenMetricsFile } from './export';
import { countSeries, familiesOf } from './series';
import { startMetricsServer } from './server';
import { syntheticTopology } from './synthetic';
import { readFileSync } from 'node:fs';
import { HistogramSet, Topology, validateTopology } from './topology';

const USAGE = `usage:
  cli.ts serve  --topology bookinfo|synthetic [--port 0] [--host 127.0.0.1] [options]
  cli.ts export --topology bookinfo|synthetic --start <unix> --end <unix> [--step 15] [--origin <unix>] --out <file.om> [options]
  cli.ts count  --topology bookinfo|synthetic [options]
  --topology-file <topology.json> instead of --topology
options: --cluster NAME  --histograms all|duration|none  --kube-state on|off  --label name=value (repeatable)
synthetic: --namespaces N --workloads M --fanout F|MIN-MAX --seed S [--cross RATIO] [--ingress N]`;

class UsageError extends Error {}

interface Args {
  command: string;
  values: Map<string, string[]>;
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!command || command.startsWith('-')) {
    throw new UsageError('missing command');
  }
  const values = new Map<string, string[]>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) {
      throw new UsageError(`unexpected argument "${a}"`);
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const value = eq > 0 ? a.slice(eq + 1) : rest[++i];
    if (value === undefined) {
      throw new UsageError(`--${key} needs a value`);
    }
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return { command, values };
}

function one(args: Args, key: string, fallback?: string): string {
  const v = args.values.get(key);
  if (v === undefined) {
    if (fallback === undefined) {
      throw new UsageError(`--${key} is required`);
    }
    return fallback;
  }
  return v[v.length - 1];
}

function num(args: Args, key: string, fallback?: number): number {
  const text = one(args, key, fallback === undefined ? undefined : String(fallback));
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${key} must be a number, got "${text}"`);
  }
  return n;
}

function histograms(args: Args): HistogramSet | undefined {
  const h = args.values.get('histograms');
  if (!h) {
    return undefined;
  }
  const v = h[h.length - 1];
  if (v !== 'all' && v !== 'duration' && v !== 'none') {
    throw new UsageError(`--histograms must be all, duration or none, got "${v}"`);
  }
  return v;
}

function extraLabels(args: Args): Record<string, string> | undefined {
  const list = args.values.get('label');
  if (!list) {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(`--label must look like name=value, got "${item}"`);
    }
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export function topologyFromArgs(args: Args): Topology {
  if (args.values.has('topology-file')) {
    const file = one(args, 'topology-file');
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`--topology-file ${file}: ${(e as Error).message}`);
    }
    const t = parsed as Topology;
    if (!t || !Array.isArray(t.workloads) || !Array.isArray(t.flows) || !Array.isArray(t.services)) {
      throw new UsageError(`--topology-file ${file}: not a topology (needs workloads, services and flows)`);
    }
    validateTopology(t);
    return t;
  }
  const kind = one(args, 'topology', 'bookinfo');
  const cluster = args.values.has('cluster') ? one(args, 'cluster') : undefined;
  if (kind === 'bookinfo') {
    return bookinfoTopology({ cluster });
  }
  if (kind === 'synthetic') {
    const fan = one(args, 'fanout', '2-4');
    const m = /^(\d+)(?:-(\d+))?$/.exec(fan);
    if (!m) {
      throw new UsageError(`--fanout must be N or MIN-MAX, got "${fan}"`);
    }
    return syntheticTopology({
      namespaces: num(args, 'namespaces', 10),
      workloadsPerNamespace: num(args, 'workloads', 100),
      fanOut: m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])],
      seed: num(args, 'seed', 1),
      crossNamespaceRatio: args.values.has('cross') ? num(args, 'cross') : undefined,
      ingressEdges: args.values.has('ingress') ? num(args, 'ingress') : undefined,
      cluster,
    });
  }
  throw new UsageError(`--topology must be bookinfo or synthetic, got "${kind}"`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const topology = topologyFromArgs(args);
  const kubeState = one(args, 'kube-state', 'on');
  if (kubeState !== 'on' && kubeState !== 'off') {
    throw new UsageError(`--kube-state must be on or off, got "${kubeState}"`);
  }
  const emit = { extraLabels: extraLabels(args), histograms: histograms(args), omitKubeState: kubeState === 'off' };
  switch (args.command) {
    case 'serve': {
      const server = await startMetricsServer(topology, { ...emit, port: num(args, 'port', 0), host: one(args, 'host', '127.0.0.1') });
      process.stdout.write(`${server.metricsUrl}\n`);
      process.stderr.write(`serving ${topology.name} (${server.seriesCount} series); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          server.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    case 'export': {
      const result = await exportOpenMetricsFile(
        topology,
        {
          ...emit,
          start: num(args, 'start'),
          end: num(args, 'end'),
          step: num(args, 'step', 15),
          origin: args.values.has('origin') ? num(args, 'origin') : undefined,
        },
        one(args, 'out')
      );
      process.stdout.write(
        `${result.file}: ${result.series} series, ${result.samples} samples, ${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(2)} s\n`
      );
      return 0;
    }
    case 'count': {
      const families = familiesOf(topology, emit);
      process.stdout.write(
        `${topology.name}: ${topology.workloads.length} workloads, ${topology.flows.length} flows, ${countSeries(families)} series\n`
      );
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${args.command}"`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      process.stderr.write(`error: ${e.message}\n${e instanceof UsageError ? `${USAGE}\n` : ''}`);
      process.exit(2);
    }
  );
}
