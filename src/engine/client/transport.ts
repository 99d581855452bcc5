/** HTTP transport contract: the backend uses node's http (src/backend), the CLI uses fetchTransport. */
import { MAX_REDIRECTS, PrometheusError, redirectTarget, tooLargeError } from './errors';

export interface TransportRequest {
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
}
export interface TransportResponse {
  status: number;
  statusText?: string;
  /** The answer's text (a transport that reads it whole); ignored when `parts` or `stream` is set. */
  body: string;
  /** The answer's text in parts, in order. */
  parts?: readonly string[];
  /**
   * The answer's text as it arrives (textSource): the client reads it while it arrives, so a large answer is never
   * held whole. It must be read to the end or cancelled.
   */
  stream?: TextSource;
  /** The answer's size in bytes, when the transport counted it (a stream counts its own). */
  bytes?: number;
  /** The server that answered (scheme, host and port), for messages about what it sent. */
  origin?: string;
}

/** An answer's text as it arrives, in parts of about PART_CHARS characters. */
export interface TextSource extends AsyncIterable<string> {
  /** Bytes read so far (all of them once the parts have all been read). */
  readonly bytes: number;
  /** Stops reading: the rest of the answer is not wanted. */
  cancel(): Promise<void>;
}

export type HttpTransport = (req: TransportRequest) => Promise<TransportResponse>;

export interface FetchTransportOptions {
  headers?: Record<string, string>;
  /** Answers larger than this many bytes are refused while they are read (default DEFAULT_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
}

/** 256 MB: a 100 × 100 mesh answers about 25 MB; an answer this size takes about a gigabyte to read. */
export const DEFAULT_MAX_ANSWER_BYTES = 256e6;

/**
 * Characters per part of an answer's text. Network chunks (16–64 kB) are joined into parts of this size: the
 * chunks of one part are young garbage once joined (collected cheaply, never copied to the old generation), and an
 * element crosses a part boundary once every few hundred elements.
 */
export const PART_CHARS = 64 * 1024;

/**
 * An answer's bytes as text parts, decoded as they arrive: each chunk is decoded and dropped at once, and more than
 * `limit` bytes are refused (tooLargeError) as soon as they arrive. `chunks` is any async iterable of bytes: a fetch
 * body, or node's http.IncomingMessage (the backend's transport can hand its response over the same way).
 * `cancel` stops the underlying read.
 */
export function textSource(
  chunks: AsyncIterable<Uint8Array>,
  limit: number,
  cancel: () => Promise<void> | void
): TextSource {
  let stopped = false;
  const source = {
    bytes: 0,
    cancel: async () => {
      if (!stopped) {
        stopped = true;
        await cancel();
      }
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<string> {
      const decoder = new TextDecoder();
      let pending: string[] = [];
      let chars = 0;
      for await (const chunk of chunks) {
        if (source.bytes + chunk.byteLength > limit) {
          await source.cancel();
          throw tooLargeError(limit);
        }
        source.bytes += chunk.byteLength;
        const s = decoder.decode(chunk, { stream: true });
        if (s.length > 0) {
          pending.push(s);
          chars += s.length;
          if (chars >= PART_CHARS) {
            yield pending.length === 1 ? pending[0] : pending.join('');
            pending = [];
            chars = 0;
          }
        }
      }
      const tail = decoder.decode();
      if (tail.length > 0) {
        pending.push(tail);
      }
      if (pending.length > 0) {
        yield pending.join('');
      }
    },
  };
  return source;
}

/** A web ReadableStream's chunks as an async iterable (not every runtime's streams are async iterable). */
async function* streamChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * A transport over the global fetch (Node 18+ or a browser); `baseUrl` like http://127.0.0.1:9090. Redirects are
 * followed on the same origin with the same method and body (fetch would turn a POST into a GET on 301/302).
 */
export function fetchTransport(baseUrl: string, opts: FetchTransportOptions = {}): HttpTransport {
  const base = baseUrl.replace(/\/+$/, '');
  const limit = opts.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  return async (req) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (req.contentType) {
      headers['Content-Type'] = req.contentType;
    }
    let url = new URL(base + req.path);
    for (let hop = 0; ; hop++) {
      const res = await fetch(url, {
        method: req.method,
        body: req.body,
        headers,
        signal: req.signal,
        redirect: 'manual',
      });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) {
          throw new PrometheusError(
            `Prometheus' URL redirected more than ${MAX_REDIRECTS} times`,
            'redirect',
            res.status
          );
        }
        url = redirectTarget(url, res.headers.get('location') ?? undefined, res.status);
        continue;
      }
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limit) {
        await res.body?.cancel();
        throw tooLargeError(limit);
      }
      const body = res.body;
      return {
        status: res.status,
        statusText: res.statusText,
        body: '',
        stream: body ? textSource(streamChunks(body), limit, () => body.cancel().catch(() => undefined)) : undefined,
        origin: url.origin,
      };
    }
  };
}
