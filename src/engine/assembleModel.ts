/**
 * The fold of answers already in memory: traffic answers in plan order, then the telemetry appenders, then the
 * finalizers (outsiders, traffic generators) and the service-graph reduction.
 */
import type { VectorSample } from './client/types';
import { numberProblem, SampleVisitor } from './client/vectorAnswer';
import { aggregateVisitor } from './appenders/aggregate';
import { applyOutsider, applyTrafficGenerator } from './appenders/finalizers';
import { responseTimeVisitor } from './appenders/responseTime';
import { securityPolicyVisitor } from './appenders/securityPolicy';
import { throughputVisitor } from './appenders/throughput';
import { SkipCounts, trafficVisitor } from './fold/foldTraffic';
import { mergeTrafficMap } from './fold/merge';
import { reduceToServiceGraph } from './fold/serviceGraph';
import { TrafficMap } from './fold/trafficMap';
import type { GraphOptions } from './model';
import { effectiveInjection } from './options';
import type { EngineQuery, QueryPlan } from './planner/types';

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

export function appenderVisitor(
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

/** The merged map of a plan (per-namespace maps of Kiali-style plans in namespace order), finalized. */
export function finishMap(options: GraphOptions, plan: QueryPlan, maps: Map<string, TrafficMap>): TrafficMap {
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
