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
  body: string;
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

/** Reads a fetch body as text, failing as soon as it passes the limit. */
async function limitedText(res: Response, limit: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel();
    throw tooLargeError(limit);
  }
  if (!res.body) {
    return '';
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel();
      throw tooLargeError(limit);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
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
      return {
        status: res.status,
        statusText: res.statusText,
        body: await limitedText(res, limit),
        origin: url.origin,
      };
    }
  };
}
