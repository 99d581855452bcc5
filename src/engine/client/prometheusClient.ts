/** Prometheus HTTP API client over an injected transport (instant queries by POST form, label values). */
import { apiError, snippet } from './answerProblems';
import { PrometheusError } from './errors';
import { byteLength, form, type Reply, sendRequest, wholeText } from './reply';
import { HttpTransport } from './transport';
import { VectorSample } from './types';
import { newVisitCounts, parseSampleValue, ProblemCounts, SampleVisitor } from './vectorAnswer';
import { readVector, VisitedAnswer } from './vectorReader';

export { byteLength };
export type { VisitedAnswer };

export interface ClientOptions {
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
  /**
   * Answers up to this many characters are parsed whole, larger ones element batch by batch as they arrive
   * (default STREAM_ABOVE_CHARS; 0 streams every answer).
   */
  streamAboveChars?: number;
}

/**
 * 8 MiB: below it one JSON.parse of the whole answer is fastest and costs a few tens of MB at most; above it the
 * answer is read as it arrives, so that its memory does not grow with its size.
 */
export const STREAM_ABOVE_CHARS = 8 * 1024 * 1024;

export interface QueryAnswer {
  /** Every sample, those whose value cannot be used included (with `problem` set). */
  samples: VectorSample[];
  bytes: number;
  warnings: string[];
  /** Samples whose value cannot be used, and elements that are not samples, by problem. */
  problems: ProblemCounts;
}

/** A range query's answer: series with their [unix s, value] points. */
export interface RangeAnswer {
  series: Array<{ metric: Record<string, string>; values: Array<[number, number]> }>;
  bytes: number;
  warnings: string[];
}

export class PrometheusClient {
  private readonly timeoutMs: number;
  private readonly streamAboveChars: number;

  constructor(
    private readonly transport: HttpTransport,
    options: ClientOptions = {}
  ) {
    this.timeoutMs = options.timeoutMs ?? 30000;
    this.streamAboveChars = options.streamAboveChars ?? STREAM_ABOVE_CHARS;
  }

  /** Sends a request (reply.ts); the caller reads `parts()` and calls `close()`. */
  private send(
    path: string,
    params: Array<[string, string]>,
    signal?: AbortSignal,
    method: 'GET' | 'POST' = 'POST'
  ): Promise<Reply> {
    return sendRequest(this.transport, this.timeoutMs, path, params, signal, method);
  }

  /**
   * Runs an instant query and hands each vector element to `visit` (no per-element objects). The answer is read
   * batch by batch (answerScanner.ts): its envelope (status, errors, result type) is checked before any element is
   * visited, and an answer cut off or broken anywhere outside its elements is refused before any is. Should a batch
   * be broken JSON after others were visited, the error says so (`partial`): its caller decides what to keep.
   */
  async instantQueryVisit(
    expr: string,
    timeUnixS: number,
    visit: SampleVisitor,
    signal?: AbortSignal
  ): Promise<VisitedAnswer> {
    const reply = await this.send(
      '/api/v1/query',
      [
        ['query', expr],
        ['time', String(timeUnixS)],
      ],
      signal
    );
    const counts = newVisitCounts();
    try {
      return await readVector(reply, visit, counts, this.streamAboveChars);
    } catch (e) {
      if (e instanceof PrometheusError && counts.visited > 0) {
        e.partial = true;
      }
      throw e;
    } finally {
      await reply.close();
    }
  }

  /** Runs an instant query and returns its samples as objects (those whose value cannot be used with `problem`). */
  async instantQuery(expr: string, timeUnixS: number, signal?: AbortSignal): Promise<QueryAnswer> {
    const samples: VectorSample[] = [];
    const a = await this.instantQueryVisit(
      expr,
      timeUnixS,
      (names, values, count, value, problem) => {
        const metric: Record<string, string> = {};
        for (let i = 0; i < count; i++) {
          metric[names[i]] = values[i];
        }
        samples.push(problem === undefined ? { metric, value } : { metric, value, problem });
      },
      signal
    );
    return { samples, bytes: a.bytes, warnings: a.warnings, problems: a.problems };
  }

  /** Values of `label` on series matching the selectors (all series when none). */
  async labelValues(
    label: string,
    matchSelectors: string[] = [],
    startS?: number,
    endS?: number,
    signal?: AbortSignal
  ): Promise<string[]> {
    const params: Array<[string, string]> = matchSelectors.map((m) => ['match[]', m]);
    if (startS !== undefined) {
      params.push(['start', String(startS)]);
    }
    if (endS !== undefined) {
      params.push(['end', String(endS)]);
    }
    // The label-values endpoint is GET-only in Prometheus 2.x; parameters go in the query string.
    const path = `/api/v1/label/${encodeURIComponent(label)}/values` + (params.length ? '?' + form(params) : '');
    const reply = await this.send(path, [], signal, 'GET');
    let text: string;
    try {
      text = await wholeText(reply);
    } finally {
      await reply.close();
    }
    const env = tryParse(text);
    if (!env) {
      throw new PrometheusError(`Unexpected answer from Prometheus for ${path}: ${snippet(reply.head)}`, 'format');
    }
    if (env.status === 'error') {
      throw apiError(env.errorType, env.error, reply.res.status);
    }
    if (!Array.isArray(env.data)) {
      throw new PrometheusError(`Unexpected label values answer: ${snippet(reply.head)}`, 'format');
    }
    return env.data.map(String);
  }

  /** True when at least one series of the selector exists at the time. */
  async seriesExists(selectorExpr: string, timeUnixS: number, signal?: AbortSignal): Promise<boolean> {
    const a = await this.instantQuery(`count(${selectorExpr})`, timeUnixS, signal);
    return a.samples.length > 0 && a.samples[0].value > 0;
  }

  /**
   * Runs a range query (`/api/v1/query_range`, POST form). Returns each series' labels and its [unix s, value]
   * points as Prometheus gives them (steps without a value are absent).
   */
  async rangeQuery(
    expr: string,
    startS: number,
    endS: number,
    stepS: number,
    signal?: AbortSignal
  ): Promise<RangeAnswer> {
    const reply = await this.send(
      '/api/v1/query_range',
      [
        ['query', expr],
        ['start', String(startS)],
        ['end', String(endS)],
        ['step', String(stepS)],
      ],
      signal
    );
    let text: string;
    try {
      text = await wholeText(reply);
    } finally {
      await reply.close();
    }
    const res = reply.res;
    const env = tryParse(text);
    if (!env) {
      throw new PrometheusError(
        `Unexpected answer from Prometheus for a range query: ${snippet(reply.head)}`,
        'format'
      );
    }
    if (env.status === 'error') {
      throw apiError(env.errorType, env.error, res.status);
    }
    const data = (env as { data?: { resultType?: unknown; result?: unknown } }).data;
    if (!data || data.resultType !== 'matrix' || !Array.isArray(data.result)) {
      throw new PrometheusError(`Unexpected range query answer: ${snippet(reply.head)}`, 'format');
    }
    const series = data.result.map((r: { metric?: Record<string, string>; values?: unknown }) => ({
      metric: r.metric ?? {},
      values: (Array.isArray(r.values) ? r.values : []).map(
        (p: [unknown, unknown]) => [Number(p[0]), parseSampleValue(p[1])] as [number, number]
      ),
    }));
    const rawWarnings = (env as { warnings?: unknown }).warnings;
    const warnings = Array.isArray(rawWarnings) ? rawWarnings.map(String) : [];
    return { series, bytes: reply.bytes(), warnings };
  }
}

interface Envelope {
  status?: string;
  errorType?: string;
  error?: string;
  data?: unknown;
}

function tryParse(body: string): Envelope | undefined {
  try {
    const v = JSON.parse(body);
    return v && typeof v === 'object' ? (v as Envelope) : undefined;
  } catch {
    return undefined;
  }
}
