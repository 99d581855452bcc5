/**
 * The engine pipeline: plan → run queries in parallel → fold traffic → telemetry appenders → finalizers →
 * service-graph reduction → GraphModel → kube state → health → boxes.
 */
import { GraphModel, GraphOptions, Notice } from './model';
import { PrometheusClient } from './client/prometheusClient';
import { PrometheusError } from './client/errors';
import { VectorSample } from './client/types';
import { PROBLEM_TEXT, ProblemCounts, SampleProblem, SampleVisitor, numberProblem } from './client/vectorAnswer';
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
import { applyRollup } from './rollup/rollup';

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
    const problem = s.problem ?? numberProblem(s.value);
    if (problem === undefined) {
      visit(names, values, i, s.value);
    } else {
      visit(names, values, i, NaN, problem);
    }
  }
}

/** The metrics a query reads, for naming them in notices (`istio_requests_total`, …). */
export function queryMetrics(q: { expr: string; role?: { kind: string; metric?: string } }): string {
  if (q.role?.kind === 'traffic' && q.role.metric) {
    return q.role.metric;
  }
  const names = [...new Set(q.expr.match(/\b(?:istio|kube)_[a-zA-Z0-9_]+/g) ?? [])];
  return names.length > 0 ? names.join(', ') : 'the answer';
}

/**
 * Samples whose value could not be read (NaN, infinite, negative, non-numeric) or that were not samples at all, by
 * problem and metric: added to `unreadable` and to `skipped` (which lists every sample not used).
 */
export function countProblems(
  skipped: SkipCounts,
  unreadable: SkipCounts,
  metric: string,
  problems: ProblemCounts
): void {
  for (const [p, n] of Object.entries(problems) as Array<[SampleProblem, number]>) {
    if (n > 0) {
      const reason = `${PROBLEM_TEXT[p]} in ${metric}`;
      unreadable[reason] = (unreadable[reason] ?? 0) + n;
      skipped[reason] = (skipped[reason] ?? 0) + n;
    }
  }
}

/** Counts the unusable samples of in-memory answers (marking them, so that visitSamples hands them on as such). */
function countSampleProblems(
  samples: VectorSample[],
  metric: string,
  skipped: SkipCounts,
  unreadable: SkipCounts
): void {
  const problems: ProblemCounts = {};
  for (const s of samples) {
    const p = s.problem ?? numberProblem(s.value);
    if (p !== undefined) {
      s.problem = p;
      problems[p] = (problems[p] ?? 0) + 1;
    }
  }
  countProblems(skipped, unreadable, metric, problems);
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

/** The notice for samples skipped for their labels (those in `unreadable` have their own notice). */
export function skipNotice(skipped: SkipCounts, unreadable: SkipCounts = {}): Notice | undefined {
  const entries = Object.entries(skipped).filter(([r]) => !(r in unreadable));
  if (entries.length === 0) {
    return undefined;
  }
  const total = entries.reduce((s, [, n]) => s + n, 0);
  return {
    severity: 'warning',
    text: `${total} telemetry sample(s) skipped: ${entries.map(([r, n]) => `${r} (${n})`).join(', ')}`,
  };
}

/** The notice for samples whose value could not be read, naming each problem and metric. */
export function unreadableNotice(unreadable: SkipCounts): Notice | undefined {
  const entries = Object.entries(unreadable);
  if (entries.length === 0) {
    return undefined;
  }
  const total = entries.reduce((s, [, n]) => s + n, 0);
  return {
    severity: 'warning',
    text:
      `${total} sample(s) from Prometheus could not be read as rates and are left out of the graph: ` +
      `${entries.map(([r, n]) => `${r} (${n})`).join(', ')}. The edges and nodes they belong to are not shown as healthy.`,
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
  const unreadable: SkipCounts = {};
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
        countProblems(skipped, unreadable, queryMetrics(q), a.problems);
        a.warnings.forEach((w) => notices.push({ severity: 'warning', text: `Prometheus (${q.id}): ${w}` }));
      } else {
        const a = await client.instantQuery(q.expr, t, signal);
        samples += a.samples.length;
        bytes += a.bytes;
        countProblems(skipped, unreadable, queryMetrics(q), a.problems);
        a.warnings.forEach((w) => notices.push({ severity: 'warning', text: `Prometheus (${q.id}): ${w}` }));
        answers.set(q.id, a.samples);
      }
    } catch (e) {
      if (isAbort(e) || signal?.aborted) {
        throw e;
      }
      if (e instanceof PrometheusError && e.partial) {
        // Part of this answer is already in the graph: a graph missing the rest would look complete and be wrong.
        partial ??= new PrometheusError(
          `Prometheus' answer for ${q.purpose} broke off after part of it was read, so the graph is not shown: ${e.message}`,
          e.kind,
          e.status
        );
      }
      errors.push({ q, e });
    }
  };
  let partial: PrometheusError | undefined;
  const runKube = async (q: { id: string; expr: string }) => {
    try {
      const a = await client.instantQuery(q.expr, t, signal);
      samples += a.samples.length;
      bytes += a.bytes;
      countProblems(skipped, unreadable, queryMetrics(q), a.problems);
      a.warnings.forEach((w) => notices.push({ severity: 'warning', text: `Prometheus (${q.id}): ${w}` }));
      kubeAnswers.set(
        q.id,
        a.samples.filter((x) => x.problem === undefined)
      );
    } catch (e) {
      if (isAbort(e) || signal?.aborted) {
        throw e;
      }
      notices.push({ severity: 'warning', text: `Kubernetes state query ${q.id} failed: ${message(e)}` });
    }
  };
  await Promise.all([...plan.queries.map(run), ...kubeQueries.map(runKube)]);

  if (partial) {
    throw partial;
  }
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
    stats: { queries: plan.queries.length + kubeQueries.length, samples, bytes, skipped, unreadable },
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
  const un = unreadableNotice(extra.stats.unreadable ?? {});
  if (un) {
    notices.push(un);
  }
  const sn = skipNotice(extra.stats.skipped, extra.stats.unreadable);
  if (sn) {
    notices.push(sn);
  }
  // The rollup (GraphOptions.rollup, src/engine/rollup) runs last, on the complete graph.
  return applyRollup(model, options);
}

/** Builds a model from in-memory answers (tests, replays): same stages as buildGraph without the network. */
export function buildGraphFromAnswers(
  options: GraphOptions,
  plan: QueryPlan,
  answers: Map<string, VectorSample[]>,
  kubeAnswers?: Map<string, VectorSample[]>
): GraphModel {
  const skipped: SkipCounts = {};
  const unreadable: SkipCounts = {};
  for (const q of plan.queries) {
    const a = answers.get(q.id);
    if (a) {
      countSampleProblems(a, queryMetrics(q), skipped, unreadable);
    }
  }
  const map = assembleModel(options, plan, answers, skipped);
  return toGraphModel(options, map, [], {
    stats: {
      queries: plan.queries.length,
      samples: [...answers.values()].reduce((s, a) => s + a.length, 0),
      bytes: 0,
      skipped,
      unreadable,
    },
    kubeAnswers,
  });
}
