/** Prometheus HTTP API client over an injected transport (instant queries by POST form, label values). */
import {
  AnswerScanner,
  AnswerSyntaxError,
  ScannedAnswer,
  Span,
  batchText,
  scanAnswer,
  textHead,
} from './answerScanner';
import { PrometheusError, abortError } from './errors';
import { HttpTransport, TransportResponse } from './transport';
import { VectorSample } from './types';
import {
  AnswerShapeError,
  ProblemCounts,
  SampleVisitor,
  VectorEnvelope,
  VisitCounts,
  newVisitCounts,
  parseSampleValue,
  visitVector,
} from './vectorAnswer';

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

export interface VisitedAnswer {
  samples: number;
  bytes: number;
  warnings: string[];
  /** Samples whose value cannot be used (visited with their problem), and elements that are not samples. */
  problems: ProblemCounts;
}

function form(params: Array<[string, string]>): string {
  return params.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

function snippet(body: string): string {
  const head = body.slice(0, 400);
  // Bytes that are not text (a compressed body whose encoding header a proxy dropped, say) are described, not quoted.
  const unreadable = head.match(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  if (unreadable > 0 && unreadable * 10 > head.length) {
    return head.charCodeAt(0) === 0x1f && head.charCodeAt(1) === 0x8b
      ? 'binary data (gzip, sent without its Content-Encoding header)'
      : 'binary data, not text';
  }
  const s = body.replace(/\s+/g, ' ').trim();
  return s.length > 120 ? s.slice(0, 120) + '…' : s;
}

/**
 * A JSON answer that is not Prometheus' envelope: an error from a proxy or gateway in front of it (which server,
 * the status and its message), or something else entirely.
 */
function notPrometheusAnswer(
  res: TransportResponse,
  env: { status?: unknown; message?: unknown; error?: unknown },
  head: string
): PrometheusError {
  const httpText = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`;
  const who = res.origin ?? 'The server';
  const said =
    typeof env.message === 'string' ? env.message : typeof env.error === 'string' ? env.error : snippet(head);
  if (res.status >= 400) {
    return new PrometheusError(`${who} answered ${httpText} instead of Prometheus: ${said}`, 'http', res.status);
  }
  const status = typeof env.status === 'string' ? ` with status "${env.status}"` : ' without a status';
  return new PrometheusError(
    `Unexpected answer from Prometheus (${httpText}${status}): ${snippet(head)}`,
    'format',
    res.status
  );
}

/** The title of an HTML page, or its first words: what a person would read on it. */
export function pageWords(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const text = (
    title && title.trim() !== '' ? title : html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
  )
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}

function looksLikeJson(head: string): boolean {
  const t = head.trimStart();
  return t.startsWith('{');
}

/** What messages quote of an answer: its first few kilobytes are plenty. */
const HEAD_CHARS = 4096;

/** One answer being read: its status, its first characters (for messages) and its text as it arrives. */
interface Reply {
  res: TransportResponse;
  head: string;
  /** The text in parts: those read to get `head`, then the rest as it arrives (each part once). */
  parts(): AsyncGenerator<string>;
  /** Bytes of the answer (all of them once the parts have been read). */
  bytes(): number;
  /** Stops the timer and any reading left (call once done, also after an error). */
  close(): Promise<void>;
}

async function wholeText(reply: Reply): Promise<string> {
  const parts: string[] = [];
  for await (const p of reply.parts()) {
    parts.push(p);
  }
  return parts.length === 1 ? parts[0] : parts.join('');
}

function invalidJson(reply: Reply, reason: string): PrometheusError {
  return new PrometheusError(
    `Prometheus answered with invalid JSON (HTTP ${reply.res.status}): ${reason}; the answer begins ${JSON.stringify(snippet(reply.head))}`,
    'format',
    reply.res.status
  );
}

/** Prometheus' usual head (`{"status":"success","data":{"resultType":"vector","result":[`): elements can be read at once. */
function headIsVector(head: string): boolean {
  try {
    const env = JSON.parse(head + ']}}') as VectorEnvelope;
    return env.status === 'success' && env.data?.resultType === 'vector';
  } catch {
    return false;
  }
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

  /**
   * Sends a request with timeout/abort handling, reads the first characters of the answer and maps HTTP-level
   * failures to PrometheusError. The timeout covers reading the whole answer: the caller reads `parts()` and calls
   * `close()`.
   */
  private async send(
    path: string,
    params: Array<[string, string]>,
    signal?: AbortSignal,
    method: 'GET' | 'POST' = 'POST'
  ): Promise<Reply> {
    if (signal?.aborted) {
      throw abortError();
    }
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    // Settled by an abort, or at the end of the request: a promise raced against and never settled would keep
    // every value raced with it (Promise.race adds a reaction per call), the whole answer included.
    let settle: (e: Error) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      settle = reject;
    });
    aborted.catch(() => undefined);
    const onControllerAbort = () => settle(timedOut ? this.timeoutError() : abortError());
    controller.signal.addEventListener('abort', onControllerAbort, { once: true });
    const stopTimer = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      controller.signal.removeEventListener('abort', onControllerAbort);
      settle(new Error('request finished'));
    };
    let res: TransportResponse;
    try {
      res = await Promise.race([
        this.transport(
          method === 'POST'
            ? {
                path,
                method,
                body: form(params),
                contentType: 'application/x-www-form-urlencoded',
                signal: controller.signal,
              }
            : { path, method, signal: controller.signal }
        ),
        aborted,
      ]);
    } catch (e) {
      stopTimer();
      if (timedOut) {
        throw this.timeoutError();
      }
      if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) {
        throw abortError();
      }
      if (e instanceof PrometheusError) {
        throw e;
      }
      if (isBrokenConnection(e)) {
        throw new PrometheusError(
          `Cannot reach Prometheus: the connection was closed before its answer was complete (${describeNetworkError(e)}); Prometheus or a proxy in front of it dropped it`,
          'network'
        );
      }
      throw new PrometheusError(`Cannot reach Prometheus: ${describeNetworkError(e)}`, 'network');
    }
    const stream = res.stream;
    const iterator = stream?.[Symbol.asyncIterator]();
    // An abort (timeout, cancelled query) stops the reading: the read waiting for more ends, and next() says why.
    const onBodyAbort = () => void stream?.cancel().catch(() => undefined);
    controller.signal.addEventListener('abort', onBodyAbort, { once: true });
    const buffered: string[] = stream ? [] : [...(res.parts ?? [res.body])];
    let ended = !stream;
    let closed = false;
    const close = async () => {
      if (!closed) {
        closed = true;
        stopTimer();
        controller.signal.removeEventListener('abort', onBodyAbort);
        if (stream && !ended) {
          await stream.cancel().catch(() => undefined);
        }
      }
    };
    const next = async (): Promise<string | undefined> => {
      try {
        const r = await iterator!.next();
        if (controller.signal.aborted) {
          throw abortError();
        }
        if (r.done) {
          ended = true;
          return undefined;
        }
        return r.value;
      } catch (e) {
        ended = true;
        if (timedOut) {
          throw this.timeoutError();
        }
        if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) {
          throw abortError();
        }
        if (e instanceof PrometheusError) {
          throw e;
        }
        throw new PrometheusError(
          `Prometheus' answer broke off after ${(stream?.bytes ?? 0).toLocaleString('en-US')} bytes: ${describeNetworkError(e)}`,
          'network'
        );
      }
    };
    let head = '';
    try {
      let chars = buffered.reduce((n, p) => n + p.length, 0);
      while (!ended && chars < HEAD_CHARS) {
        const p = await next();
        if (p !== undefined) {
          buffered.push(p);
          chars += p.length;
        }
      }
      head = textHead(buffered, HEAD_CHARS);
      this.checkStatus(path, res, head);
    } catch (e) {
      await close();
      throw e;
    }
    let bytes = res.bytes;
    return {
      res,
      head,
      close,
      bytes: () => {
        if (stream) {
          return stream.bytes;
        }
        bytes ??= (res.parts ?? [res.body]).reduce((n, p) => n + byteLength(p), 0);
        return bytes;
      },
      async *parts() {
        while (buffered.length > 0) {
          yield buffered.shift()!;
        }
        while (!ended) {
          const p = await next();
          if (p !== undefined) {
            yield p;
          }
        }
      },
    };
  }

  /** HTTP-level failures, and answers that are not JSON, as messages a user can act on. */
  private checkStatus(path: string, res: TransportResponse, head: string): void {
    const status = res.status;
    const httpText = `HTTP ${status}${res.statusText ? ' ' + res.statusText : ''}`;
    if (status === 401 || status === 403) {
      throw new PrometheusError(
        `Prometheus refused the request (${httpText}): check the credentials or the datasource's authentication settings`,
        'auth',
        status
      );
    }
    if (status === 404) {
      throw new PrometheusError(
        `${httpText} for ${path}: the URL does not point at a Prometheus API (use the server's base URL, e.g. http://host:9090)`,
        'notFound',
        status
      );
    }
    if (!looksLikeJson(head)) {
      const html = /^\s*</.test(head);
      const who = res.origin ?? 'The server';
      throw new PrometheusError(
        html
          ? `${who} answered ${httpText} with an HTML page (${JSON.stringify(pageWords(head))}) instead of Prometheus' JSON: ` +
              (status >= 500
                ? 'a proxy in front of Prometheus probably failed to reach it'
                : 'the URL probably points at a proxy, login page or web UI, not the Prometheus API')
          : status >= 400
            ? `Prometheus answered ${httpText}: ${snippet(head) || 'no details'}`
            : `Prometheus answered with something that is not JSON (${httpText}): ${snippet(head)}`,
        status >= 400 ? 'http' : 'format',
        status
      );
    }
  }

  private timeoutError(): PrometheusError {
    return new PrometheusError(
      `Prometheus did not answer within ${Number((this.timeoutMs / 1000).toFixed(3))}s`,
      'timeout'
    );
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
      return await this.readVector(reply, visit, counts);
    } catch (e) {
      if (e instanceof PrometheusError && counts.visited > 0) {
        e.partial = true;
      }
      throw e;
    } finally {
      await reply.close();
    }
  }

  /**
   * Reads a vector answer. Up to `streamAboveChars` it is parsed whole once it has arrived. A larger one is read as
   * it arrives: in Prometheus' layout (status and result type before the result list) each batch of elements is
   * visited as soon as it has arrived, and every part of the text is dropped once read, so the answer is never held
   * whole, as text or as objects; in any other layout the batches wait for the end of the answer and its checks.
   * Anything wrong after some elements were visited is flagged `partial` by the caller.
   */
  private async readVector(reply: Reply, visit: SampleVisitor, counts: VisitCounts): Promise<VisitedAnswer> {
    const res = reply.res;
    const text: string[] = [];
    const scanner = new AnswerScanner(text);
    const scan = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof AnswerSyntaxError) {
          throw invalidJson(reply, `${e.message} (at character ${e.offset.toLocaleString('en-US')})`);
        }
        throw e;
      }
    };
    const run = (batches: Span[][]) => {
      for (const batch of batches) {
        let elements: unknown;
        try {
          elements = JSON.parse(batchText(text, batch));
        } catch (e) {
          throw invalidJson(reply, `${e instanceof Error ? e.message : String(e)} in its result list`);
        }
        // Each parsed batch is this method's own: released element by element as it is folded.
        visitVector(elements, visit, true, counts);
      }
    };
    let streaming: boolean | undefined;
    const held: Span[][] = [];
    let free = 0;
    let chars = 0;
    let scanning = false;
    for await (const part of reply.parts()) {
      text.push(part);
      chars += part.length;
      if (!scanning) {
        if (chars <= this.streamAboveChars) {
          continue;
        }
        scanning = true;
      }
      const done = scan(() => scanner.feed());
      if (streaming === undefined && scanner.head !== undefined) {
        streaming = headIsVector(scanner.head);
      }
      if (streaming) {
        run(done);
        // Parts before what is still needed are read: let them go.
        for (const keep = scanner.keepFrom(); free < keep; free++) {
          text[free] = '';
        }
      } else {
        held.push(...done);
      }
    }
    // A small answer is parsed whole, as one JSON.parse is fastest; a large one has been scanned as it arrived.
    const end: ScannedAnswer | undefined = scanning ? scan(() => scanner.finish()) : undefined;
    let env: VectorEnvelope;
    try {
      env = JSON.parse(end ? end.envelope : text.length === 1 ? text[0] : text.join('')) as VectorEnvelope;
    } catch (e) {
      // The scanner says what is wrong in words (an answer cut off, two result lists); the parser's words differ
      // from one JavaScript engine to another.
      if (!end) {
        scan(() => scanAnswer(text));
      }
      throw invalidJson(reply, e instanceof Error ? e.message : String(e));
    }
    if (!end) {
      text.length = 0;
    }
    if (env === null || typeof env !== 'object' || Array.isArray(env)) {
      throw new PrometheusError(`Unexpected answer from Prometheus: ${snippet(reply.head)}`, 'format', res.status);
    }
    if (env.status === 'error') {
      throw apiError(str(env.errorType), str(env.error), res.status);
    }
    if (env.status !== 'success') {
      throw notPrometheusAnswer(res, env, reply.head);
    }
    const data = env.data;
    const resultType = data !== null && typeof data === 'object' ? data.resultType : undefined;
    if (resultType !== 'vector') {
      throw new PrometheusError(
        `Prometheus returned a ${typeof resultType === 'string' ? resultType : 'missing'} result where an instant vector was expected`,
        'format',
        res.status
      );
    }
    try {
      if (end?.batches) {
        run(held);
        run(end.batches);
      } else {
        // The parsed answer is this method's own: released element by element as it is folded.
        visitVector(data!.result, visit, true, counts);
      }
    } catch (e) {
      if (e instanceof AnswerShapeError) {
        throw new PrometheusError(`Unexpected answer from Prometheus: ${e.message}`, 'format', res.status);
      }
      throw e;
    }
    const warnings = Array.isArray(env.warnings) ? env.warnings.map(String) : [];
    if (counts.histograms > 0) {
      warnings.push(`${counts.histograms} native-histogram sample(s) ignored`);
    }
    return { samples: counts.visited, bytes: reply.bytes(), warnings, problems: counts.problems };
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

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function apiError(errorType: string | undefined, error: string | undefined, status: number): PrometheusError {
  return new PrometheusError(
    `Prometheus error${errorType ? ` (${errorType})` : ''}: ${error ?? 'no message'}`,
    'api',
    status,
    errorType
  );
}

/** A connection that was made and then reset or closed early, as opposed to one that could not be made. */
function isBrokenConnection(e: unknown): boolean {
  if (!(e instanceof Error)) {
    return false;
  }
  const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
  const code = (e as Error & { code?: string }).code ?? cause?.code;
  if (code !== undefined && ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'].includes(code)) {
    return true;
  }
  return /socket hang up|aborted|terminated|other side closed|premature close/i.test(
    `${e.message} ${cause?.message ?? ''}`
  );
}

function describeNetworkError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) {
      return 'connection refused (is Prometheus running at that address?)';
    }
    if (cause?.code === 'ENOTFOUND') {
      return 'host not found';
    }
    return cause?.message ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}

/** UTF-8 byte length without allocating an encoded copy. */
export function byteLength(s: string): number {
  const B = (globalThis as { Buffer?: { byteLength(s: string): number } }).Buffer;
  if (B) {
    return B.byteLength(s);
  }
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      n += c >= 0x800 && !(c >= 0xd800 && c <= 0xdfff) ? 2 : c >= 0xd800 && c <= 0xdbff ? 2 : c < 0x800 ? 1 : 0;
    }
  }
  return n;
}
