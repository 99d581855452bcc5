/**
 * The engine's HTTP transport on Grafana's server: node's http/https with the datasource's authentication
 * (basic, bearer token, custom headers) and TLS options (CA, client certificate, skip-verify, server name).
 * Keep-alive connections are reused across queries of the same datasource instance.
 */
import http from 'node:http';
import https from 'node:https';

import { abortError, MAX_REDIRECTS, PrometheusError, redirectTarget, tooLargeError } from '../../engine/client/errors';
import {
  DEFAULT_MAX_ANSWER_BYTES,
  HttpTransport,
  textSource,
  TransportRequest,
  TransportResponse,
} from '../../engine/client/transport';

export interface TlsOptions {
  caCert?: string;
  clientCert?: string;
  clientKey?: string;
  skipVerify?: boolean;
  serverName?: string;
}

export interface PrometheusHttpOptions {
  /** Base URL, e.g. https://prometheus.example:9090/prefix */
  url: string;
  /** Headers sent with every request (Authorization, custom headers). */
  headers: Record<string, string>;
  tls: TlsOptions;
  userAgent: string;
  /** Answers larger than this are refused while they are read (default DEFAULT_MAX_ANSWER_BYTES). */
  maxAnswerBytes?: number;
}

export interface PrometheusHttp {
  transport: HttpTransport;
  /** Closes idle keep-alive connections (the instance's settings changed or the plugin stops). */
  close(): void;
}

export function createPrometheusHttp(options: PrometheusHttpOptions): PrometheusHttp {
  const base = new URL(options.url);
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        maxSockets: 16,
        ...(options.tls.caCert ? { ca: options.tls.caCert } : {}),
        ...(options.tls.clientCert ? { cert: options.tls.clientCert } : {}),
        ...(options.tls.clientKey ? { key: options.tls.clientKey } : {}),
        ...(options.tls.serverName ? { servername: options.tls.serverName } : {}),
        rejectUnauthorized: !options.tls.skipVerify,
      })
    : new http.Agent({ keepAlive: true, maxSockets: 16 });
  const prefix = base.pathname.replace(/\/+$/, '');

  const limit = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;

  /** One request to one URL; a redirect comes back as `{redirect}` for the caller to follow or refuse. */
  const once = (
    req: TransportRequest,
    target: URL
  ): Promise<TransportResponse | { redirect: number; location?: string }> =>
    new Promise((resolve, reject) => {
      if (req.signal?.aborted) {
        reject(abortError());
        return;
      }
      const headers: Record<string, string> = {
        Accept: 'application/json',
        'User-Agent': options.userAgent,
        ...options.headers,
      };
      if (req.contentType) {
        headers['Content-Type'] = req.contentType;
      }
      const body = req.body !== undefined ? Buffer.from(req.body, 'utf8') : undefined;
      if (body) {
        headers['Content-Length'] = String(body.length);
      }
      let settled = false;
      const settle = (e: Error | undefined, answer?: TransportResponse | { redirect: number; location?: string }) => {
        if (settled) {
          return;
        }
        settled = true;
        if (e || !answer || !('stream' in answer)) {
          // A streamed answer keeps listening: an abort while its body arrives must still stop the request.
          req.signal?.removeEventListener('abort', onAbort);
        }
        if (e) {
          reject(req.signal?.aborted ? abortError() : e);
        } else {
          resolve(answer!);
        }
      };
      const request = (secure ? https : http).request(target, { method: req.method, headers, agent }, (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304) {
          response.resume();
          settle(undefined, { redirect: status, location: response.headers.location });
          return;
        }
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) {
          settle(tooLargeError(limit));
          response.destroy();
          request.destroy();
          return;
        }
        // The body as it arrives: the client reads a large answer while it streams in, never holding it whole.
        settle(undefined, {
          status,
          statusText: response.statusMessage,
          body: '',
          stream: textSource(response, limit, () => {
            response.destroy();
            request.destroy();
          }),
          origin: target.origin,
        });
      });
      function onAbort() {
        request.destroy(abortError());
      }
      req.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (e) => settle(e));
      request.end(body);
    });

  const transport: HttpTransport = async (req) => {
    let target = new URL(base.origin);
    const [pathOnly, query = ''] = req.path.split(/\?(.*)/s, 2);
    target.pathname = prefix + (pathOnly.startsWith('/') ? pathOnly : '/' + pathOnly);
    target.search = query;
    for (let hop = 0; ; hop++) {
      const answer = await once(req, target);
      if (!('redirect' in answer)) {
        return answer;
      }
      if (hop >= MAX_REDIRECTS) {
        throw new PrometheusError(
          `Prometheus' URL redirected more than ${MAX_REDIRECTS} times`,
          'redirect',
          answer.redirect
        );
      }
      // Same origin only, keeping method, body and credentials (a POST must stay a POST with its PromQL).
      target = redirectTarget(target, answer.location, answer.redirect);
    }
  };

  return { transport, close: () => agent.destroy() };
}
