/** Test helper: run a query plan over raw series with the test evaluator and build the model. */
import { buildGraphFromAnswers } from '../buildGraph';
import { VectorSample } from '../client/types';
import { GraphModel, GraphOptions } from '../model';
import { defaultGraphOptions } from '../options';
import { planKialiBaseline } from '../planner/kialiBaseline';
import { planQueries } from '../planner/planQueries';
import { QueryPlan } from '../planner/types';
import { RawSeries, evaluate } from '../promql/evaluate.testutil';
import { expectValidPromQL } from '../promql/parse.testutil';

export function runPlan(options: GraphOptions, plan: QueryPlan, series: RawSeries[]): GraphModel {
  const answers = new Map<string, VectorSample[]>();
  for (const q of plan.queries) {
    expectValidPromQL(q.expr);
    answers.set(q.id, evaluate(q.expr, series));
  }
  return buildGraphFromAnswers(options, plan, answers);
}

export const lean = (o: GraphOptions, s: RawSeries[]) => runPlan(o, planQueries(o), s);
export const kiali = (o: GraphOptions, s: RawSeries[]) => runPlan(o, planKialiBaseline(o), s);

/** Options for fold tests: no Kubernetes state, no health, fixed time. */
export function testOptions(overrides: Parameters<typeof defaultGraphOptions>[0] = {}): GraphOptions {
  return defaultGraphOptions({
    queryTime: 1700000000,
    duration: 300,
    ...overrides,
    appenders: { health: false, kubeState: false, ...overrides.appenders },
  });
}

const round = (v: unknown): unknown => {
  if (typeof v === 'number') {
    return Math.round(v * 1e9) / 1e9;
  }
  if (Array.isArray(v)) {
    return v.map(round);
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, round(x)]));
  }
  return v;
};

/** The graph part of a model, order-independent and with float noise removed. */
export function comparable(m: GraphModel) {
  return {
    nodes: round([...m.nodes].sort((a, b) => (a.id < b.id ? -1 : 1))),
    edges: round([...m.edges].sort((a, b) => (a.id < b.id ? -1 : 1))),
  };
}

export function node(m: GraphModel, id: string) {
  const n = m.nodes.find((x) => x.id === id);
  if (!n) {
    throw new Error(`no node ${id}; have ${m.nodes.map((x) => x.id).join(', ')}`);
  }
  return n;
}

export function edge(m: GraphModel, source: string, target: string, protocol = 'http') {
  const e = m.edges.find((x) => x.source === source && x.target === target && x.protocol === protocol);
  if (!e) {
    throw new Error(`no edge ${source} -> ${target} ${protocol}; have\n${m.edges.map((x) => x.id).join('\n')}`);
  }
  return e;
}
