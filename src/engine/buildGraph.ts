/**
 * The engine pipeline: plan → run queries in parallel → fold traffic → telemetry appenders → finalizers →
 * service-graph reduction → GraphModel → kube state → health → boxes.
 */
import { GraphModel, GraphOptions, Notice } from './model';
import { PrometheusClient } from './client/prometheusClient';
import { VectorSample } from './client/types';
import { SampleVisitor } from './client/vectorAnswer';
import { planQueries } from './planner/planQueries';
import { EngineQuery, QueryPlan } from './planner/types';
import { SkipCounts, trafficVisitor } from './fold/foldTraffic';
import { TrafficMap } from './fold/trafficMap';
import { mergeTrafficMap } from './fold/merge';
import { reduceToServiceGraph } from './fold/serviceGraph';
import { toModelElements } from './fold/toModel';
import { effectiveInjection } from './options';
import { responseTimeVisitor } from './appenders/responseTime';
import { throughputVisitor } from './appenders/throughput';
import { securityPolicyVisitor } from './appenders/securityPolicy';
import { aggregateVisitor } from './appenders/aggregate';
import { applyOutsider, applyTrafficGenerator } from './appenders/finalizers';
import { applyBoxes } from './appenders/boxes';
import { applyHealth } from './appenders/health';
import { applyKubeState, planKubeStateQueries } from './appenders/kubeState';

export interface BuildGraphExtras {
  /** Run this plan instead of planQueries(options) (the benchmark passes planKialiBaseline). */
  plan?: QueryPlan;
}

/** Replays parsed samples through a visitor (for answers folded after the traffic is complete). */
export function visitSamples(samples: VectorSample[], visit: SampleVisitor): void {
  const names: string[] = [];
  const values: string[] = [];
  for (const s of samples) {
    let i = 0;
    for (const k of Object.keys(s.metric).sort()) {
      names[i] = k;
      values[i] = s.metric[k];
      i++;
    }
    visit(names, values, i, s.value);
  }
}

function appenderVisitor(
  q: EngineQuery,
  map: TrafficMap,
  options: GraphOptions,
  skipped: SkipCounts
): SampleVisitor | undefined {
  switch (q.role.kind) {
    case 'responseTime':
      return responseTimeVisitor(map, options, skipped);
    case 'throughput':
      return throughputVisitor(map, options, skipped);
    case 'securityPolicy':
      return securityPolicyVisitor(map, options, skipped);
    case 'aggregate':
      return aggregateVisitor(map, options, q.role.label, skipped);
    default:
      return undefined;
  }
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Assembles a model from answers that are already in memory: traffic answers in plan order, then appenders.
 * `answers` maps query id → samples (missing ids are treated as failed/absent parts).
 */
export function assembleModel(
  options: GraphOptions,
  plan: QueryPlan,
  answers: Map<string, VectorSample[]>,
  skipped: SkipCounts = {}
): TrafficMap {
  const details = plan.style === 'kiali' || options.appenders.responseDetails;
  const maps = new Map<string, TrafficMap>();
  const dedups = new Map<string, Set<string>>();
  const mapFor = (ns: string | undefined) => {
    const key = ns ?? '';
    let m = maps.get(key);
    if (!m) {
      m = new TrafficMap(options.graphType === 'service' ? 'workload' : options.graphType);
      maps.set(key, m);
      dedups.set(key, new Set());
    }
    return m;
  };
  for (const q of plan.queries) {
    const a = answers.get(q.id);
    if (q.role.kind === 'traffic') {
      const m = mapFor(q.role.namespace);
      if (a) {
        const dedup = plan.style === 'kiali' ? dedups.get(q.role.namespace ?? '') : undefined;
        visitSamples(a, trafficVisitor(m, options, q.role.metric, details, skipped, dedup));
      }
    }
  }
  for (const q of plan.queries) {
    const a = answers.get(q.id);
    if (q.role.kind !== 'traffic' && a) {
      const v = appenderVisitor(q, mapFor(q.role.namespace), options, skipped);
      if (v) {
        visitSamples(a, v);
      }
    }
  }
  return finishMap(options, plan, maps);
}

function finishMap(options: GraphOptions, plan: QueryPlan, maps: Map<string, TrafficMap>): TrafficMap {
  let map: TrafficMap;
  if (plan.style === 'kiali' && maps.size > 0) {
    map = new TrafficMap(options.graphType === 'service' ? 'workload' : options.graphType);
    const order = options.node ? [options.node.namespace] : options.namespaces === 'all' ? [] : options.namespaces;
    for (const ns of order) {
      const m = maps.get(ns);
      if (m) {
        mergeTrafficMap(map, m, ns);
      }
    }
  } else {
    map = maps.get('') ?? new TrafficMap(options.graphType === 'service' ? 'workload' : options.graphType);
  }
  applyOutsider(map, options.node ? [options.node.namespace] : options.namespaces);
  applyTrafficGenerator(map);
  if (options.graphType === 'service' && !options.node && effectiveInjection(options)) {
    map = reduceToServiceGraph(map);
  }
  return map;
}

export function skipNotice(skipped: SkipCounts): Notice | undefined {
  const entries = Object.entries(skipped);
  if (entries.length === 0) {
    return undefined;
  }
  const total = entries.reduce((s, [, n]) => s + n, 0);
  return {
    severity: 'warning',
    text: `${total} telemetry sample(s) skipped: ${entries.map(([r, n]) => `${r} (${n})`).join(', ')}`,
  };
}

export async function buildGraph(
  options: GraphOptions,
  client: PrometheusClient,
  signal?: AbortSignal,
  extras: BuildGraphExtras = {}
): Promise<GraphModel> {
  const plan = extras.plan ?? planQueries(options);
  const notices: Notice[] = [];
  const skipped: SkipCounts = {};
  let samples = 0;
  let bytes = 0;
  const details = plan.style === 'kiali' || options.appenders.responseDetails;
  const t = options.queryTime;

  // Lean traffic answers are folded while they are read (no de-dup needed); everything else is kept in order.
  const leanMap = new TrafficMap(options.graphType === 'service' ? 'workload' : options.graphType);
  const answers = new Map<string, VectorSample[]>();
  const errors: Array<{ q: { id: string; purpose: string }; e: unknown }> = [];
  const kubeQueries = options.appenders.kubeState ? planKubeStateQueries(options) : [];
  const kubeAnswers = new Map<string, VectorSample[]>();

  const run = async (q: EngineQuery) => {
    try {
      if (plan.style === 'lean' && q.role.kind === 'traffic') {
        const a = await client.instantQueryVisit(
          q.expr,
          t,
          trafficVisitor(leanMap, options, q.role.metric, details, skipped),
          signal
        );
        samples += a.samples;
        bytes += a.bytes;
        a.warnings.forEach((w) => notices.push({ severity: 'warning', text: `Prometheus (${q.id}): ${w}` }));
      } else {
        const a = await client.instantQuery(q.expr, t, signal);
        samples += a.samples.length;
        bytes += a.bytes;
        a.warnings.forEach((w) => notices.push({ severity: 'warning', text: `Prometheus (${q.id}): ${w}` }));
        answers.set(q.id, a.samples);
      }
    } catch (e) {
      if (isAbort(e) || signal?.aborted) {
        throw e;
      }
      errors.push({ q, e });
    }
  };
  const runKube = async (q: { id: string; expr: string }) => {
    try {
      const a = await client.instantQuery(q.expr, t, signal);
      samples += a.samples.length;
      bytes += a.bytes;
      kubeAnswers.set(q.id, a.samples);
    } catch (e) {
      if (isAbort(e) || signal?.aborted) {
        throw e;
      }
      notices.push({ severity: 'warning', text: `Kubernetes state query ${q.id} failed: ${message(e)}` });
    }
  };
  await Promise.all([...plan.queries.map(run), ...kubeQueries.map(runKube)]);

  if (errors.length > 0 && errors.length === plan.queries.length) {
    throw errors[0].e;
  }
  for (const { q, e } of errors) {
    notices.push({ severity: 'warning', text: `Part of the graph is missing (${q.purpose}): ${message(e)}` });
  }

  let map: TrafficMap;
  if (plan.style === 'lean') {
    for (const q of plan.queries) {
      const a = answers.get(q.id);
      if (q.role.kind !== 'traffic' && a) {
        const v = appenderVisitor(q, leanMap, options, skipped);
        if (v) {
          visitSamples(a, v);
        }
      }
    }
    map = finishMap(options, plan, new Map([['', leanMap]]));
  } else {
    map = assembleModel(options, plan, answers, skipped);
  }

  return toGraphModel(options, map, notices, {
    stats: { queries: plan.queries.length + kubeQueries.length, samples, bytes, skipped },
    kubeAnswers: options.appenders.kubeState ? kubeAnswers : undefined,
  });
}

/**
 * The stages after the fold, shared by buildGraph and buildGraphFromAnswers: the public model, then the
 * Kubernetes-state, health and box appenders, and a notice for skipped samples.
 */
function toGraphModel(
  options: GraphOptions,
  map: TrafficMap,
  notices: Notice[],
  extra: { stats: GraphModel['stats']; kubeAnswers?: Map<string, VectorSample[]> }
): GraphModel {
  const { nodes, edges } = toModelElements(map);
  const model: GraphModel = {
    timestamp: options.queryTime,
    duration: options.duration,
    graphType: options.graphType,
    namespaces: options.namespaces,
    nodes,
    edges,
    notices,
    stats: extra.stats,
  };
  if (options.appenders.kubeState && extra.kubeAnswers) {
    notices.push(...applyKubeState(model, extra.kubeAnswers, options));
  }
  if (options.appenders.health) {
    // With gRPC measured in messages there are no gRPC status codes to judge (Kiali's health appender sums
    // response flags, which message metrics do not have): those edges stay unjudged.
    applyHealth(model, options.healthTolerances, options);
  }
  applyBoxes(model, options.boxBy);
  const sn = skipNotice(extra.stats.skipped);
  if (sn) {
    notices.push(sn);
  }
  return model;
}

/** Builds a model from in-memory answers (tests, replays): same stages as buildGraph without the network. */
export function buildGraphFromAnswers(
  options: GraphOptions,
  plan: QueryPlan,
  answers: Map<string, VectorSample[]>,
  kubeAnswers?: Map<string, VectorSample[]>
): GraphModel {
  const skipped: SkipCounts = {};
  const map = assembleModel(options, plan, answers, skipped);
  return toGraphModel(options, map, [], {
    stats: {
      queries: plan.queries.length,
      samples: [...answers.values()].reduce((s, a) => s + a.length, 0),
      bytes: 0,
      skipped,
    },
    kubeAnswers,
  });
}
