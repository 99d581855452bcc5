/**
 * Reading Prometheus instant-query answers. JSON.parse is used as is (a hand-written scanner measured slower
 * than V8's parser on 2 MB answers); each vector element is then handed to a visitor as parallel label
 * name/value arrays reused between elements, so folding needs no intermediate objects.
 */

export type SampleVisitor = (names: string[], values: string[], count: number, value: number) => void;

export interface VectorEnvelope {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
  infos?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

export class AnswerShapeError extends Error {}

export function parseSampleValue(s: unknown): number {
  switch (s) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      return typeof s === 'string' || typeof s === 'number' ? Number(s) : NaN;
  }
}

/**
 * Visits every element of a vector result; returns [elements visited, native-histogram elements skipped].
 * `release`: drop each element from `result` once visited. A just-parsed answer is young garbage-collector
 * generation; while the visitor builds a graph, every minor collection copies whatever part of the answer is still
 * reachable, and at 100 namespaces that copying cost as much as the fold. Released elements are not copied.
 */
export function visitVector(result: unknown, visit: SampleVisitor, release = false): [number, number] {
  if (!Array.isArray(result)) {
    throw new AnswerShapeError('the answer has no result list');
  }
  const names: string[] = [];
  const values: string[] = [];
  let visited = 0;
  let histograms = 0;
  for (let i = 0; i < result.length; i++) {
    const el = result[i] as { metric?: Record<string, unknown>; value?: unknown[]; histogram?: unknown };
    if (release) {
      result[i] = undefined;
    }
    if (el === null || typeof el !== 'object' || Array.isArray(el)) {
      throw new AnswerShapeError('a result element is not an object');
    }
    const v = el.value;
    if (!Array.isArray(v)) {
      if (el.histogram !== undefined) {
        histograms++;
        continue;
      }
      throw new AnswerShapeError('a result element has no value');
    }
    let k = 0;
    const m = el.metric;
    if (m) {
      for (const key in m) {
        const lv = m[key];
        names[k] = key;
        values[k] = typeof lv === 'string' ? lv : String(lv);
        k++;
      }
    }
    visited++;
    visit(names, values, k, parseSampleValue(v[1]));
  }
  return [visited, histograms];
}
