/**
 * The engine pipeline: plan → run queries in parallel → fold traffic → telemetry appenders → finalizers →
 * service-graph reduction → GraphModel → kube state → health → boxes → rollup. The fold of answers in memory is in
 * assembleModel.ts, the accounting of unused samples in sampleAccounting.ts.
 */
import { applyBoxes } from './appenders/boxes';
import { applyHealth } from './appenders/health';
import { applyKubeState, planKubeStateQueries } from './appenders/kubeState';
import { appenderVisitor, assembleModel, finishMap, visitSamples } from './assembleModel';
import { PrometheusError } from './client/errors';
import { PrometheusClient } from './client/prometheusClient';
import { VectorSample } from './client/types';
import { SkipCounts, trafficVisitor } from './fold/foldTraffic';
import { toModelElements } from './fold/toModel';
import { TrafficMap } from './fold/trafficMap';
import { GraphModel, GraphOptions, Notice } from './model';
import { planQueries } from './planner/planQueries';
import { EngineQuery, QueryPlan } from './planner/types';
import { applyRollup } from './rollup/rollup';
import { countProblems, countSampleProblems, queryMetrics, skipNotice, unreadableNotice } from './sampleAccounting';

export { assembleModel, visitSamples } from './assembleModel';

export interface BuildGraphExtras {
  /** Run this plan instead of planQueries(options) (the benchmark passes planKialiBaseline). */
  plan?: QueryPlan;
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
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
