/** Argument parsing for the meshgraph CLI (pure, tested). Usage errors throw UsageError (exit code 2). */
import { DEFAULT_MAX_ANSWER_BYTES } from '../engine/client/transport';
import { BoxBy, GraphOptions, GraphType, NodeFocus } from '../engine/model';
import { defaultGraphOptions } from '../engine/options';
import { reservedScopeLabel } from '../engine/planner/labels';
import { isValidQueryShards, MAX_QUERY_SHARDS } from '../engine/planner/planQueries';
import { isValidLabelName } from '../engine/promql/escape';
import { DEFAULT_ROLLUP_NODE_BUDGET, isValidRollupBudget } from '../engine/rollup/rollup';

export class UsageError extends Error {}

export type Command =
  | { kind: 'help' }
  | {
      kind: 'graph' | 'plan';
      prometheus?: string;
      options: GraphOptions;
      format: 'kiali' | 'frames';
      timeoutS: number;
      /** Largest Prometheus answer read, in MB. */
      maxAnswerMB: number;
      baseline: boolean;
    };

export const USAGE = `meshgraph — Istio traffic graph from Prometheus (Kiali-compatible)

Usage:
  meshgraph graph --prometheus <url> (--namespaces <ns1,ns2,...> | --all-namespaces) [options]
  meshgraph plan  (--namespaces <ns1,...> | --all-namespaces) [options]   print the planned PromQL, one per line
  meshgraph --help

Options (defaults as Kiali's graph API):
  --graph-type <app|versionedApp|workload|service>   default workload
  --duration <N>s|<N>m|<N>h                          rate window, default 600s
  --time <unix-seconds>                              evaluation time, default now
  --inject-service-nodes | --no-inject-service-nodes default off (forced on for service graphs)
  --rate-http requests|none                          default requests
  --rate-grpc requests|sent|received|total|none      default requests
  --rate-tcp sent|received|total|none                default sent
  --ambient total|waypoint|ztunnel|none              default total
  --include-idle-edges
  --scope label=value                                repeatable; added to every selector
  --box-by namespace,app,cluster
  --node workload:<ns>/<name> | app:<ns>/<app>[/<version>] | service:<ns>/<name>
  --response-time avg|50|95|99
  --throughput request|response
  --security                                         mTLS share and principals
  --operations <label>                               operation nodes by this request label
  --no-health  --no-kube-state  --no-response-details
  --timeout <seconds>                                per Prometheus request, default 30
  --max-answer-mb <MB>                               refuse Prometheus answers larger than this, default 256
  --shards <n>                                       traffic queries per metric, split by destination namespace and
                                                     run in parallel (1-16, default 2; 1 = one query per metric)
  --rollup none|namespace|cluster|auto               fold the graph into one node per namespace or cluster; auto:
                                                     by namespace above the node budget (default none)
  --rollup-budget <n>                                node budget of --rollup auto (default ${DEFAULT_ROLLUP_NODE_BUDGET})
  --rollup-expand <id>                               repeatable; a rolled-up node id to show expanded (a box of
                                                     its members)
  --kiali-plan                                       use Kiali's per-namespace query set (comparison)
  --format kiali|frames                              default kiali

JSON goes to stdout, notices to stderr. Exit 2 on bad arguments, 1 on runtime errors.`;

const GRAPH_TYPES: GraphType[] = ['app', 'versionedApp', 'workload', 'service'];

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) {
    throw new UsageError(`${flag}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** "600s", "10m", "1h", or a bare number of seconds. */
export function parseDuration(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)?$/.exec(v.trim());
  if (!m) {
    throw new UsageError(`--duration: expected e.g. 600s, 10m or 1h, got ${JSON.stringify(v)}`);
  }
  const mult = { s: 1, m: 60, h: 3600, d: 86400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  const secs = Math.floor(Number(m[1]) * mult);
  if (secs < 1) {
    throw new UsageError('--duration must be at least 1s');
  }
  return secs;
}

function nonEmpty(flag: string, v: string): string {
  if (v === '') {
    throw new UsageError(`${flag}: empty value`);
  }
  return v;
}

export function parseNode(v: string): NodeFocus {
  const m = /^(workload|app|service):([^/]+)\/([^/]+)(?:\/([^/]+))?$/.exec(v);
  if (!m || (m[4] !== undefined && m[1] !== 'app')) {
    throw new UsageError(
      `--node: expected workload:<ns>/<name>, app:<ns>/<app>[/<version>] or service:<ns>/<name>, got ${JSON.stringify(v)}`
    );
  }
  if (m[1] === 'workload') {
    return { kind: 'workload', namespace: m[2], name: m[3] };
  }
  if (m[1] === 'service') {
    return { kind: 'service', namespace: m[2], name: m[3] };
  }
  return m[4] !== undefined
    ? { kind: 'app', namespace: m[2], app: m[3], version: m[4] }
    : { kind: 'app', namespace: m[2], app: m[3] };
}

export function parseArgs(argv: string[], nowS: number = Math.floor(Date.now() / 1000)): Command {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    return { kind: 'help' };
  }
  const [cmd, ...rest] = argv;
  if (cmd !== 'graph' && cmd !== 'plan') {
    throw new UsageError(`Unknown command ${JSON.stringify(cmd)} (expected graph or plan)`);
  }
  const o = defaultGraphOptions({ queryTime: nowS });
  let prometheus: string | undefined;
  let format: 'kiali' | 'frames' = 'kiali';
  let timeoutS = 30;
  let maxAnswerMB = DEFAULT_MAX_ANSWER_BYTES / 1e6;
  let namespaces: string[] | 'all' | undefined;
  let baseline = false;
  let i = 0;
  const value = (flag: string): string => {
    const v = rest[++i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) {
      throw new UsageError(`${flag} needs a value`);
    }
    return v;
  };
  for (; i < rest.length; i++) {
    let a = rest[i];
    // --flag=value form
    const eqIdx = a.startsWith('--') ? a.indexOf('=') : -1;
    if (eqIdx > 0) {
      rest.splice(i, 1, a.slice(0, eqIdx), a.slice(eqIdx + 1));
      a = rest[i];
    }
    switch (a) {
      case '--prometheus':
        prometheus = value(a);
        if (!/^https?:\/\/[^\s]+$/.test(prometheus)) {
          throw new UsageError(`--prometheus: expected an http(s) URL, got ${JSON.stringify(prometheus)}`);
        }
        break;
      case '--namespaces': {
        const list = value(a)
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        if (list.length === 0) {
          throw new UsageError('--namespaces: at least one namespace');
        }
        namespaces = [...new Set(list)];
        break;
      }
      case '--all-namespaces':
        namespaces = 'all';
        break;
      case '--graph-type':
        o.graphType = oneOf(a, value(a), GRAPH_TYPES);
        break;
      case '--duration':
        o.duration = parseDuration(value(a));
        break;
      case '--time': {
        const v = value(a);
        if (!/^\d+(\.\d+)?$/.test(v)) {
          throw new UsageError(`--time: expected unix seconds, got ${JSON.stringify(v)}`);
        }
        o.queryTime = Math.floor(Number(v));
        break;
      }
      case '--inject-service-nodes':
        o.injectServiceNodes = true;
        break;
      case '--no-inject-service-nodes':
        o.injectServiceNodes = false;
        break;
      case '--rate-http':
        o.rates.http = oneOf(a, value(a), ['requests', 'none'] as const);
        break;
      case '--rate-grpc':
        o.rates.grpc = oneOf(a, value(a), ['requests', 'sent', 'received', 'total', 'none'] as const);
        break;
      case '--rate-tcp':
        o.rates.tcp = oneOf(a, value(a), ['sent', 'received', 'total', 'none'] as const);
        break;
      case '--ambient':
        o.ambientTraffic = oneOf(a, value(a), ['total', 'waypoint', 'ztunnel', 'none'] as const);
        break;
      case '--include-idle-edges':
        o.includeIdleEdges = true;
        break;
      case '--scope': {
        const v = value(a);
        const k = v.indexOf('=');
        const name = k > 0 ? v.slice(0, k) : '';
        if (!isValidLabelName(name)) {
          throw new UsageError(`--scope: expected label=value with a valid label name, got ${JSON.stringify(v)}`);
        }
        const reserved = reservedScopeLabel(name);
        if (reserved) {
          throw new UsageError(`--scope ${name}: ${reserved}`);
        }
        o.scope[name] = v.slice(k + 1);
        break;
      }
      case '--box-by': {
        const v = value(a);
        o.boxBy = v
          .split(',')
          .filter((s) => s !== '')
          .map((s) => oneOf<BoxBy>(a, s.trim(), ['namespace', 'app', 'cluster']));
        break;
      }
      case '--node':
        o.node = parseNode(value(a));
        break;
      case '--response-time':
        o.appenders.responseTime = oneOf(a, value(a), ['avg', '50', '95', '99'] as const);
        break;
      case '--throughput':
        o.appenders.throughput = oneOf(a, value(a), ['request', 'response'] as const);
        break;
      case '--security':
        o.appenders.securityPolicy = true;
        break;
      case '--operations': {
        const v = nonEmpty(a, value(a));
        if (!isValidLabelName(v)) {
          throw new UsageError(`--operations: ${JSON.stringify(v)} is not a valid label name`);
        }
        o.appenders.aggregate = v;
        break;
      }
      case '--no-health':
        o.appenders.health = false;
        break;
      case '--no-kube-state':
        o.appenders.kubeState = false;
        break;
      case '--no-response-details':
        o.appenders.responseDetails = false;
        break;
      case '--timeout': {
        const v = Number(value(a));
        if (!(v > 0)) {
          throw new UsageError('--timeout: expected a positive number of seconds');
        }
        timeoutS = v;
        break;
      }
      case '--max-answer-mb': {
        const v = Number(value(a));
        if (!(v > 0)) {
          throw new UsageError('--max-answer-mb: expected a positive number of megabytes');
        }
        maxAnswerMB = v;
        break;
      }
      case '--shards': {
        const v = Number(value(a));
        if (!isValidQueryShards(v)) {
          throw new UsageError(`--shards: expected a whole number from 1 to ${MAX_QUERY_SHARDS}`);
        }
        o.queryShards = v;
        break;
      }
      case '--rollup':
        o.rollup = oneOf(a, value(a), ['none', 'namespace', 'cluster', 'auto'] as const);
        break;
      case '--rollup-budget': {
        const v = value(a);
        const n = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!isValidRollupBudget(n)) {
          throw new UsageError(
            `--rollup-budget: expected a whole number of nodes (at least 1), got ${JSON.stringify(v)}`
          );
        }
        o.rollupNodeBudget = n;
        break;
      }
      case '--rollup-expand': {
        // One id per flag: ids hold label values, which may hold commas.
        const id = nonEmpty(a, value(a));
        o.rollupExpand = [...new Set([...(o.rollupExpand ?? []), id])];
        break;
      }
      case '--format':
        format = oneOf(a, value(a), ['kiali', 'frames'] as const);
        break;
      case '--kiali-plan':
        baseline = true;
        break;
      default:
        throw new UsageError(`Unknown option ${JSON.stringify(a)}`);
    }
  }
  if (namespaces === undefined) {
    if (o.node) {
      namespaces = [o.node.namespace];
    } else {
      throw new UsageError('Give --namespaces <ns1,ns2,...> or --all-namespaces');
    }
  }
  o.namespaces = namespaces;
  if (cmd === 'graph' && !prometheus) {
    throw new UsageError('--prometheus <url> is required');
  }
  if (baseline && namespaces === 'all' && !o.node) {
    throw new UsageError("--kiali-plan needs explicit --namespaces (Kiali's plan is per namespace)");
  }
  return { kind: cmd, prometheus, options: o, format, timeoutS, maxAnswerMB, baseline };
}
