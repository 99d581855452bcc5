/**
 * Reading Prometheus instant-query answers: each vector element is handed to a visitor as parallel label
 * name/value arrays reused between elements, so folding needs no intermediate objects. The answer's text is cut
 * into batches of whole elements (answerScanner.ts) and each batch is JSON.parsed on its own: V8's parser does the
 * work, and the answer never exists as one parsed tree.
 *
 * Every sample value is checked before it is used: a rate or a duration is a finite number from 0 up. A value
 * that is NaN, ±Inf (or a number beyond 1.8e308, which JSON turns into Infinity), larger than MAX_SAMPLE_VALUE,
 * negative or not a number at all is a "problem": the visitor gets it flagged (the fold leaves it out of every rate
 * and keeps the edge it belongs to from looking healthy), and the counts per problem go back to the caller, which
 * reports them with the metric's name. An element that is not a sample at all (not an object, no value, a label
 * value that is not a string) is counted as malformed and not visited.
 */

/** Why a sample was not used: its value cannot be a rate, or the element is not a sample. */
export type SampleProblem = 'NaN' | 'non-finite' | 'too large' | 'negative' | 'non-numeric' | 'malformed';
/** The problems a visited sample can have (malformed elements are never visited). */
export type ValueProblem = Exclude<SampleProblem, 'malformed'>;

/**
 * The largest value read as a rate. No mesh sends 1e300 requests or bytes per second; below it, sums of millions of
 * samples (and sums of those sums) stay finite, so no rate, total or percentage can overflow to Infinity.
 */
export const MAX_SAMPLE_VALUE = 1e300;

/** How each problem is named in notices and skip counts. */
export const PROBLEM_TEXT: Record<SampleProblem, string> = {
  NaN: 'NaN value',
  'non-finite': 'infinite value (±Inf, or a number past 1.8e308)',
  'too large': 'value above 1e300',
  negative: 'negative value',
  'non-numeric': 'non-numeric value',
  malformed: 'malformed result element (not a sample)',
};

export type SampleVisitor = (
  names: string[],
  values: string[],
  count: number,
  /** The sample's value; NaN when `problem` is set. */
  value: number,
  /** Set when the value cannot be used (the sample is counted by the reader; visitors only decide what it touches). */
  problem?: ValueProblem
) => void;

export type ProblemCounts = Partial<Record<SampleProblem, number>>;

export interface VisitCounts {
  /** Elements handed to the visitor (with or without a value problem). */
  visited: number;
  /** Native-histogram elements skipped (the engine reads classic histograms only). */
  histograms: number;
  problems: ProblemCounts;
}

export function newVisitCounts(): VisitCounts {
  return { visited: 0, histograms: 0, problems: {} };
}

export interface VectorEnvelope {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
  infos?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

export class AnswerShapeError extends Error {}

/** A sample value as Prometheus writes it ("1.5", "NaN", "+Inf"); NaN for anything that is not a number. */
export function parseSampleValue(s: unknown): number {
  if (typeof s === 'number') {
    return s;
  }
  if (typeof s !== 'string') {
    return NaN;
  }
  switch (s) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
  }
  const v = Number(s);
  if (v !== v) {
    return NaN;
  }
  // Number() also reads '' and blanks as 0, and hex, octal and binary literals; Prometheus writes none of them.
  const c = s.charCodeAt(0);
  if (c >= 49 && c <= 57) {
    return v;
  }
  if (c === 48) {
    const d = s.charCodeAt(1) | 0x20;
    return d === 120 || d === 111 || d === 98 ? NaN : v;
  }
  if (c === 45 || c === 43 || c === 46) {
    return v;
  }
  const t = s.trim();
  return t === '' ? NaN : t === s ? v : parseSampleValue(t);
}

/** The problem of a raw sample value and its parsed number, or undefined when it is a usable rate. */
export function valueProblem(raw: unknown, value: number): ValueProblem | undefined {
  if (value >= 0 && value <= MAX_SAMPLE_VALUE) {
    return undefined;
  }
  if (value !== value) {
    return raw === 'NaN' || (typeof raw === 'number' && raw !== raw) ? 'NaN' : 'non-numeric';
  }
  if (value === Infinity || value === -Infinity) {
    return 'non-finite';
  }
  return value < 0 ? 'negative' : 'too large';
}

/** The problem of an already parsed value (answers held as numbers). */
export function numberProblem(value: number): ValueProblem | undefined {
  return valueProblem(value, value);
}

export function addProblem(counts: ProblemCounts, p: SampleProblem, n = 1): void {
  counts[p] = (counts[p] ?? 0) + n;
}

const NAMES: string[] = [];
const VALUES: string[] = [];

/**
 * Visits every element of a vector result, adding to `counts`. `release`: drop each element from `result` once
 * visited. A just-parsed answer is young garbage-collector generation; while the visitor builds a graph, every
 * minor collection copies whatever part of the answer is still reachable. Released elements are not copied.
 */
export function visitVector(
  result: unknown,
  visit: SampleVisitor,
  release = false,
  counts = newVisitCounts()
): VisitCounts {
  if (!Array.isArray(result)) {
    throw new AnswerShapeError('the answer has no result list');
  }
  const names = NAMES;
  const values = VALUES;
  for (let i = 0; i < result.length; i++) {
    const el = result[i] as { metric?: Record<string, unknown>; value?: unknown[]; histogram?: unknown };
    if (release) {
      result[i] = undefined;
    }
    if (el === null || typeof el !== 'object' || Array.isArray(el)) {
      addProblem(counts.problems, 'malformed');
      continue;
    }
    const v = el.value;
    if (!Array.isArray(v)) {
      if (el.histogram !== undefined) {
        counts.histograms++;
      } else {
        addProblem(counts.problems, 'malformed');
      }
      continue;
    }
    let k = 0;
    const m = el.metric;
    let bad = m !== undefined && (m === null || typeof m !== 'object' || Array.isArray(m));
    if (!bad && m) {
      for (const key in m) {
        const lv = m[key];
        if (typeof lv !== 'string') {
          bad = true;
          break;
        }
        names[k] = key;
        values[k] = lv;
        k++;
      }
    }
    if (bad) {
      addProblem(counts.problems, 'malformed');
      continue;
    }
    counts.visited++;
    const raw = v[1];
    const value = parseSampleValue(raw);
    if (value >= 0 && value <= MAX_SAMPLE_VALUE) {
      visit(names, values, k, value);
    } else {
      const p = valueProblem(raw, value)!;
      addProblem(counts.problems, p);
      visit(names, values, k, NaN, p);
    }
  }
  return counts;
}
