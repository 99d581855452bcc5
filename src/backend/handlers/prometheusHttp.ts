/**
 * The engine's HTTP transport on Grafana's server: node's http/https with the datasource's authentication
 * (basic, bearer token, custom headers) and TLS options (CA, client certificate, skip-verify, server name).
 * Keep-alive connections are reused across queries of the same datasource instance.
 */
import http from 'node:http';
import https from 'node:https';

import { abortError } from '../../engine/client/errors';
import type { HttpTransport } from '../../engine/client/transport';

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

  const transport: HttpTransport = (req) =>
    new Promise((resolve, reject) => {
      if (req.signal?.aborted) {
        reject(abortError());
        return;
      }
      const target = new URL(base.origin);
      const [pathOnly, query = ''] = req.path.split(/\?(.*)/s, 2);
      target.pathname = prefix + (pathOnly.startsWith('/') ? pathOnly : '/' + pathOnly);
      target.search = query;
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
      const request = (secure ? https : http).request(target, { method: req.method, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          req.signal?.removeEventListener('abort', onAbort);
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
        response.on('error', fail);
      });
      function fail(e: Error) {
        req.signal?.removeEventListener('abort', onAbort);
        reject(req.signal?.aborted ? abortError() : e);
      }
      function onAbort() {
        request.destroy(abortError());
      }
      req.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', fail);
      request.end(body);
    });

  return { transport, close: () => agent.destroy() };
}
