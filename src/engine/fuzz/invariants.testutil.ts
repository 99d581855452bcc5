/**
 * What must hold for any answer Prometheus (or anything in front of it) sends: the engine either gives a clean
 * error or a graph whose edges join existing nodes, whose ids are unique (in the model, the frames and the Kiali
 * JSON), whose rates are finite and never negative, whose percentages stay within 0–100, and which counts every
 * sample it did not use.
 */
import { buildGraph } from '../buildGraph';
import { PrometheusClient } from '../client/prometheusClient';
import { PrometheusError } from '../client/errors';
import { PROBLEM_TEXT, SampleProblem } from '../client/vectorAnswer';
import { GraphModel } from '../model';
import { planKialiBaseline } from '../planner/kialiBaseline';
import { toFrames } from '../output/frames';
import { toKialiJson } from '../../contract/kiali/kialiJson';
import { FuzzCase, fuzzCase } from './answers.testutil';

export interface CaseResult {
  /** 'graph': a graph came back; 'error': a clean error. */
  outcome: 'graph' | 'error';
  violations: string[];
  answers: number;
}

function finiteNonNegative(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

function isPercent(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
}

/** The graph's own invariants. */
export function graphViolations(m: GraphModel): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  for (const n of m.nodes) {
    if (typeof n.id !== 'string' || n.id === '') {
      out.push(`node without id`);
    } else if (ids.has(n.id)) {
      out.push(`duplicate node id ${JSON.stringify(n.id)}`);
    }
    ids.add(n.id);
    for (const [k, v] of Object.entries(n.rates)) {
      if (!finiteNonNegative(v)) {
        out.push(`node ${n.id} rate ${k} = ${v}`);
      }
    }
    if (n.health) {
      if (!isPercent(n.health.errorRatio)) {
        out.push(`node ${n.id} errorRatio ${n.health.errorRatio}`);
      }
      if (!finiteNonNegative(n.health.totalRequestRate)) {
        out.push(`node ${n.id} totalRequestRate ${n.health.totalRequestRate}`);
      }
      for (const dir of [n.health.inbound, n.health.outbound]) {
        for (const codes of Object.values(dir)) {
          for (const [c, v] of Object.entries(codes)) {
            if (!finiteNonNegative(v)) {
              out.push(`node ${n.id} health requests ${c} = ${v}`);
            }
          }
        }
      }
    }
  }
  for (const n of m.nodes) {
    if (n.parent !== undefined && !ids.has(n.parent)) {
      out.push(`node ${n.id} in a box that is not in the graph: ${n.parent}`);
    }
  }
  const edgeIds = new Set<string>();
  for (const e of m.edges) {
    if (edgeIds.has(e.id)) {
      out.push(`duplicate edge id ${JSON.stringify(e.id)}`);
    }
    edgeIds.add(e.id);
    if (!ids.has(e.source) || !ids.has(e.target)) {
      out.push(`edge ${e.id} joins a node that is not in the graph`);
    }
    for (const [k, v] of Object.entries(e.rates)) {
      if (!finiteNonNegative(v)) {
        out.push(`edge ${e.id} rate ${k} = ${v}`);
      }
    }
    if (!isPercent(e.rates.percentErr) || !isPercent(e.rates.percentReq)) {
      out.push(`edge ${e.id} percentages ${e.rates.percentErr} / ${e.rates.percentReq}`);
    }
    if (e.isMTLS !== undefined && !isPercent(e.isMTLS)) {
      out.push(`edge ${e.id} isMTLS ${e.isMTLS}`);
    }
    for (const [k, v] of [
      ['responseTime', e.responseTime],
      ['throughput', e.throughput],
    ] as const) {
      if (v !== undefined && !finiteNonNegative(v)) {
        out.push(`edge ${e.id} ${k} ${v}`);
      }
    }
    for (const [code, r] of Object.entries(e.responses)) {
      if (!finiteNonNegative(r.rate)) {
        out.push(`edge ${e.id} response ${code} rate ${r.rate}`);
      }
      for (const v of [...Object.values(r.flags), ...Object.values(r.hosts)]) {
        if (!finiteNonNegative(v) || v > r.rate * (1 + 1e-9) + 1e-12) {
          out.push(`edge ${e.id} response ${code} flag or host rate ${v} (of ${r.rate})`);
        }
      }
    }
  }
  return out;
}

/** The frames' and the Kiali JSON's invariants. */
export function outputViolations(m: GraphModel): string[] {
  const out: string[] = [];
  const frames = toFrames(m);
  for (const f of frames) {
    const id = f.fields.find((x) => x.name === 'id')!.values;
    if (new Set(id).size !== id.length) {
      out.push(`${f.name} frame: duplicate ids`);
    }
    for (const field of f.fields) {
      if (
        field.type === 'number' &&
        field.values.some((v) => v !== null && !(typeof v === 'number' && Number.isFinite(v)))
      ) {
        out.push(`${f.name} frame: ${field.name} holds a value that is not a finite number`);
      }
    }
  }
  const nodes = frames[0].fields;
  const arcs = nodes.filter((x) => x.name.startsWith('arc__'));
  for (let i = 0; i < (nodes[0]?.values.length ?? 0); i++) {
    const sum = arcs.reduce((s, a) => s + (a.values[i] as number), 0);
    if (Math.abs(sum - 1) > 1e-9) {
      out.push(`node row ${i}: arcs sum to ${sum}`);
    }
  }
  const kiali = toKialiJson(m);
  const kn = kiali.elements.nodes.map((n) => n.data.id);
  if (new Set(kn).size !== kn.length) {
    out.push('Kiali JSON: duplicate node ids');
  }
  const knSet = new Set(kn);
  const ke = kiali.elements.edges.map((e) => e.data.id);
  if (new Set(ke).size !== ke.length) {
    out.push('Kiali JSON: duplicate edge ids');
  }
  for (const e of kiali.elements.edges) {
    if (!knSet.has(e.data.source) || !knSet.has(e.data.target)) {
      out.push('Kiali JSON: an edge joins a node that is not in the graph');
    }
  }
  const text = JSON.stringify(kiali);
  const rateSets = [
    ...kiali.elements.nodes.flatMap((n) => (n.data.traffic ?? []).map((t) => t.rates)),
    ...kiali.elements.edges.map((e) => e.data.traffic.rates ?? {}),
  ];
  for (const rates of rateSets) {
    for (const [k, v] of Object.entries(rates)) {
      if (!finiteNonNegative(Number(v)) || v.trim() === '') {
        out.push(`Kiali JSON rate ${k} = ${JSON.stringify(v)}`);
      }
    }
  }
  for (const [, k, v] of text.matchAll(/"(\w*Percent\w*)":"([^"]*)"/g)) {
    if (!isPercent(Number(v))) {
      out.push(`Kiali JSON ${k} = ${v}`);
    }
  }
  for (const e of kiali.elements.edges) {
    for (const d of Object.values(e.data.traffic.responses ?? {})) {
      for (const v of [...Object.values(d.flags ?? {}), ...Object.values(d.hosts ?? {})]) {
        if (!isPercent(Number(v))) {
          out.push(`Kiali JSON response share ${v}`);
        }
      }
    }
  }
  return out;
}

/** Every element of every answer read is a visited sample, a counted malformed element or a noticed histogram. */
export function accountingViolations(c: FuzzCase, m: GraphModel): string[] {
  const out: string[] = [];
  const read = c.served.filter((s) => s.readable);
  const elements = read.reduce((n, s) => n + s.elements, 0);
  const histograms = read.reduce((n, s) => n + s.histograms, 0);
  const expected: Partial<Record<SampleProblem, number>> = {};
  for (const s of read) {
    for (const [p, n] of Object.entries(s.problems) as Array<[SampleProblem, number]>) {
      expected[p] = (expected[p] ?? 0) + n;
    }
  }
  const counted: Partial<Record<SampleProblem, number>> = {};
  for (const [reason, n] of Object.entries(m.stats.unreadable ?? {})) {
    const p = (Object.keys(PROBLEM_TEXT) as SampleProblem[]).find((k) => reason.startsWith(PROBLEM_TEXT[k] + ' in '));
    if (!p) {
      out.push(`unreadable reason not a known problem: ${reason}`);
      continue;
    }
    counted[p] = (counted[p] ?? 0) + n;
    if (m.stats.skipped[reason] !== n) {
      out.push(`unreadable ${reason} (${n}) not in the skipped samples`);
    }
  }
  for (const p of Object.keys(PROBLEM_TEXT) as SampleProblem[]) {
    if ((counted[p] ?? 0) !== (expected[p] ?? 0)) {
      out.push(`${p}: ${expected[p] ?? 0} sent, ${counted[p] ?? 0} counted`);
    }
  }
  const noticed = m.notices.reduce((n, x) => n + Number(/(\d+) native-histogram sample/.exec(x.text)?.[1] ?? 0), 0);
  if (noticed !== histograms) {
    out.push(`native histograms: ${histograms} sent, ${noticed} in notices`);
  }
  if (m.stats.samples + (counted.malformed ?? 0) + histograms !== elements) {
    out.push(
      `${elements} elements read, ${m.stats.samples} samples + ${counted.malformed ?? 0} malformed + ${histograms} histograms accounted`
    );
  }
  const unread = Object.values(m.stats.unreadable ?? {}).reduce((a, b) => a + b, 0);
  if (unread > 0 && !m.notices.some((n) => /could not be read as rates/.test(n.text))) {
    out.push('unreadable samples without a notice');
  }
  const skippedForLabels = Object.entries(m.stats.skipped).filter(([r]) => !(r in (m.stats.unreadable ?? {})));
  if (skippedForLabels.length > 0 && !m.notices.some((n) => /telemetry sample\(s\) skipped/.test(n.text))) {
    out.push('skipped samples without a notice');
  }
  for (const [r, n] of Object.entries(m.stats.skipped)) {
    if (!(Number.isInteger(n) && n > 0) || r === '') {
      out.push(`skip count ${JSON.stringify(r)} = ${n}`);
    }
  }
  return out;
}

/** A clean error: a PrometheusError whose message says something. */
export function errorViolations(e: unknown): string[] {
  if (!(e instanceof PrometheusError)) {
    return [`threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`];
  }
  if (!e.message || /undefined|\[object Object\]/.test(e.message)) {
    return [`unclear error message: ${e.message}`];
  }
  return [];
}

/** Runs case `index` of `seed` through the real client and engine and checks every invariant. */
export async function runCase(seed: number, index: number): Promise<CaseResult> {
  const c = fuzzCase(seed, index);
  const client = new PrometheusClient(c.transport, { timeoutMs: 10000, streamAboveChars: c.streamAll ? 0 : undefined });
  let model: GraphModel;
  try {
    model = await buildGraph(c.options, client, undefined, c.kialiPlan ? { plan: planKialiBaseline(c.options) } : {});
  } catch (e) {
    return { outcome: 'error', violations: errorViolations(e), answers: c.served.length };
  }
  const violations = [...graphViolations(model)];
  try {
    violations.push(...outputViolations(model));
  } catch (e) {
    violations.push(`output threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  violations.push(...accountingViolations(c, model));
  return { outcome: 'graph', violations, answers: c.served.length };
}
