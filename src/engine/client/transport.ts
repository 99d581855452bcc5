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
  /** The answer's text ('' when it is given in `parts`). */
  body: string;
  /**
   * The answer's text in parts, in order (TextCollector): a large answer is never joined into one string, and the
   * client reads it part by part. When set, `body` is ignored.
   */
  parts?: readonly string[];
  /** The answer's size in bytes, when the transport counted it (else computed from the text). */
  bytes?: number;
  /** The server that answered (scheme, host and port), for messages about what it sent. */
  origin?: string;
}
export type HttpTransport = (req: TransportRequest) => Promise<TransportResponse>;

export interface FetchTransportOptions {
  headers?: Record<string, string>;
  /** Answers larger than this many bytes are refused while they are read (default DEFAULT_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
}

/** 256 MB: a 100 × 100 mesh answers about 25 MB; an answer this size takes about a gigabyte to read. */
export const DEFAULT_MAX_ANSWER_BYTES = 256e6;

/** Characters per part of a collected answer: few parts to walk, and joining a part's pieces costs little. */
export const PART_CHARS = 8 * 1024 * 1024;

/**
 * Decodes an answer's bytes as they arrive into text parts of about PART_CHARS characters: each network chunk is
 * decoded and dropped at once, so reading an answer holds its text once (about its size for ASCII JSON) and never
 * a joined copy or the raw bytes as well. Both transports (fetchTransport, the backend's node:http one) can use it.
 */
export class TextCollector {
  private readonly decoder = new TextDecoder();
  private pending: string[] = [];
  private pendingChars = 0;
  readonly parts: string[] = [];
  bytes = 0;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    const s = this.decoder.decode(chunk, { stream: true });
    if (s.length > 0) {
      this.pending.push(s);
      this.pendingChars += s.length;
      if (this.pendingChars >= PART_CHARS) {
        this.flush();
      }
    }
  }

  private flush(): void {
    if (this.pending.length > 0) {
      this.parts.push(this.pending.length === 1 ? this.pending[0] : this.pending.join(''));
      this.pending = [];
      this.pendingChars = 0;
    }
  }

  /** The text parts (call once, after the last chunk). */
  finish(): string[] {
    const tail = this.decoder.decode();
    if (tail.length > 0) {
      this.pending.push(tail);
    }
    this.flush();
    return this.parts;
  }
}

/** The text of an answer as parts (one part for a transport that gives a string). */
export function answerText(res: TransportResponse): readonly string[] {
  return res.parts ?? [res.body];
}

/** Reads a fetch body as text parts, failing as soon as it passes the limit. */
async function limitedText(res: Response, limit: number): Promise<TextCollector> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel();
    throw tooLargeError(limit);
  }
  const text = new TextCollector();
  if (!res.body) {
    return text;
  }
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    if (text.bytes + value.byteLength > limit) {
      await reader.cancel();
      throw tooLargeError(limit);
    }
    text.push(value);
  }
  text.finish();
  return text;
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
      const text = await limitedText(res, limit);
      return {
        status: res.status,
        statusText: res.statusText,
        body: '',
        parts: text.parts,
        bytes: text.bytes,
        origin: url.origin,
      };
    }
  };
}
