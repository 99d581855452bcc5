/**
 * One request to Prometheus and its answer as it arrives: timeout and abort over the whole reading, the first
 * characters read at once (for the status checks and for messages), the rest handed out part by part.
 */
import { describeNetworkError, isBrokenConnection, statusError } from './answerProblems';
import { textHead } from './answerScanner';
import { abortError, PrometheusError } from './errors';
import type { HttpTransport, TransportResponse } from './transport';

export function form(params: Array<[string, string]>): string {
  return params.map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(v)).join('&');
}

/** What messages quote of an answer: its first few kilobytes are plenty. */
const HEAD_CHARS = 4096;

/** One answer being read: its status, its first characters (for messages) and its text as it arrives. */
export interface Reply {
  res: TransportResponse;
  head: string;
  /** The text in parts: those read to get `head`, then the rest as it arrives (each part once). */
  parts(): AsyncGenerator<string>;
  /** Bytes of the answer (all of them once the parts have been read). */
  bytes(): number;
  /** Stops the timer and any reading left (call once done, also after an error). */
  close(): Promise<void>;
}

export async function wholeText(reply: Reply): Promise<string> {
  const parts: string[] = [];
  for await (const p of reply.parts()) {
    parts.push(p);
  }
  return parts.length === 1 ? parts[0] : parts.join('');
}

function timeoutError(timeoutMs: number): PrometheusError {
  return new PrometheusError(`Prometheus did not answer within ${Number((timeoutMs / 1000).toFixed(3))}s`, 'timeout');
}

/**
 * Sends a request with timeout/abort handling, reads the first characters of the answer and maps HTTP-level
 * failures to PrometheusError. The timeout covers reading the whole answer: the caller reads `parts()` and calls
 * `close()`.
 */
export async function sendRequest(
  transport: HttpTransport,
  timeoutMs: number,
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
  }, timeoutMs);
  // Settled by an abort, or at the end of the request: a promise raced against and never settled would keep
  // every value raced with it (Promise.race adds a reaction per call), the whole answer included.
  let settle: (e: Error) => void = () => undefined;
  const aborted = new Promise<never>((_, reject) => {
    settle = reject;
  });
  aborted.catch(() => undefined);
  const onControllerAbort = () => settle(timedOut ? timeoutError(timeoutMs) : abortError());
  controller.signal.addEventListener('abort', onControllerAbort, { once: true });
  const stopTimer = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    controller.signal.removeEventListener('abort', onControllerAbort);
    settle(new Error('request finished'));
  };
  // Failures the request and the reading of its body report alike: the timeout, a cancelled query, our own errors.
  const throwIfKnown = (e: unknown): void => {
    if (timedOut) {
      throw timeoutError(timeoutMs);
    }
    if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) {
      throw abortError();
    }
    if (e instanceof PrometheusError) {
      throw e;
    }
  };
  let res: TransportResponse;
  try {
    res = await Promise.race([
      transport(
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
    throwIfKnown(e);
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
      throwIfKnown(e);
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
    const problem = statusError(path, res, head);
    if (problem) {
      throw problem;
    }
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
