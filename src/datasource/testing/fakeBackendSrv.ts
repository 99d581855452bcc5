/**
 * A scripted Grafana backendSrv for unit tests (installed with setBackendSrv): records every call the
 * datasource makes (/api/ds/query, resources, health) and answers it like Grafana does — a FetchResponse on
 * 2xx, a FetchError `{status, statusText, data}` otherwise, `{cancelled: true}` when the abort signal fires.
 */
import { BackendSrv, BackendSrvRequest, FetchError, FetchResponse, setBackendSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';

export interface RecordedCall {
  method: string;
  /** Path and the query string built from `params` (arrays repeat the key, as Grafana's serializeParams does). */
  url: string;
  path: string;
  params: URLSearchParams;
  data?: unknown;
  headers: Record<string, string>;
  abortSignal?: AbortSignal;
}

/** An answer: a status with JSON data, a network failure, or never (until aborted). */
export type Reply = { status?: number; statusText?: string; data?: unknown } | 'network-error' | 'hang';

export type Route = (call: RecordedCall) => Reply | Promise<Reply>;

function toQueryString(params: BackendSrvRequest['params']): URLSearchParams {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null) {
        q.append(key, String(v));
      }
    }
  }
  return q;
}

export function installFakeBackendSrv(route: Route) {
  const calls: RecordedCall[] = [];
  const fetch = <T>(options: BackendSrvRequest): Observable<FetchResponse<T>> =>
    new Observable<FetchResponse<T>>((subscriber) => {
      const [path, inline = ''] = options.url.split('?');
      const params = new URLSearchParams(inline);
      toQueryString(options.params).forEach((v, k) => params.append(k, v));
      const query = params.toString();
      const call: RecordedCall = {
        method: (options.method ?? 'GET').toUpperCase(),
        url: query ? `${path}?${query}` : path,
        path,
        params,
        data: options.data,
        headers: { ...(options.headers ?? {}) },
        abortSignal: options.abortSignal,
      };
      calls.push(call);
      const cancelled = () =>
        subscriber.error({
          cancelled: true,
          status: -1,
          statusText: 'Request was aborted',
          data: null,
          config: options,
        } as FetchError);
      if (options.abortSignal?.aborted) {
        cancelled();
        return;
      }
      options.abortSignal?.addEventListener('abort', cancelled, { once: true });
      Promise.resolve(route(call)).then((reply) => {
        if (reply === 'hang' || subscriber.closed) {
          return;
        }
        options.abortSignal?.removeEventListener('abort', cancelled);
        if (reply === 'network-error') {
          subscriber.error({
            status: 0,
            statusText: '',
            data: undefined,
            message: 'Failed to fetch',
            config: options,
          } as FetchError);
          return;
        }
        const status = reply.status ?? 200;
        if (status >= 200 && status < 300) {
          subscriber.next({
            data: reply.data as T,
            status,
            statusText: reply.statusText ?? 'OK',
            ok: true,
            headers: new Map<string, string>() as unknown as Headers,
            redirected: false,
            type: 'basic',
            url: call.url,
            config: options,
          });
          subscriber.complete();
        } else {
          subscriber.error({
            status,
            statusText: reply.statusText ?? '',
            data: reply.data,
            config: options,
          } as FetchError);
        }
      });
    });
  setBackendSrv({ fetch } as unknown as BackendSrv);
  return { calls };
}
