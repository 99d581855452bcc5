/**
 * A BackendSrv over window.fetch that behaves like Grafana's (public/app/core/services/backend_srv.ts) in what
 * datasources observe: `fetch()` is a cold Observable of FetchResponse; `params` become the query string;
 * object bodies are JSON (or form-encoded when the content type says so); `responseType` picks the parser;
 * non-2xx responses error with a FetchError `{status, statusText, data, config}`; a new request with the
 * same `requestId` cancels the previous one, which errors with `{cancelled: true, status: -1}`;
 * unsubscribing aborts the HTTP request.
 */
import type { BackendSrv, BackendSrvRequest, FetchError, FetchResponse } from '@grafana/runtime';
import { lastValueFrom, Observable } from 'rxjs';

/** One line per request, for tests that check what the datasource sent. */
export interface RequestRecord {
  method: string;
  url: string;
  requestId?: string;
  status?: number;
  cancelled?: boolean;
  error?: string;
}

export class SandboxBackendSrv implements BackendSrv {
  readonly log: RequestRecord[] = [];
  private inFlight = new Map<string, () => void>();

  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      const method = (options.method ?? 'GET').toUpperCase();
      const url = withParams(options.url, options.params);
      const record: RequestRecord = { method, url, requestId: options.requestId };
      this.log.push(record);
      let settled = false;

      if (options.requestId) {
        this.resolveCancelerIfExists(options.requestId);
        this.inFlight.set(options.requestId, () => {
          settled = true;
          record.cancelled = true;
          controller.abort();
          subscriber.error(cancelledError(options));
        });
      }
      const onExternalAbort = () => controller.abort();
      options.abortSignal?.addEventListener('abort', onExternalAbort);

      const headers = requestHeaders(options);
      const init: RequestInit = {
        method,
        headers,
        body: requestBody(options.data, headers),
        signal: controller.signal,
        credentials: options.credentials ?? (options.withCredentials ? 'include' : 'same-origin'),
      };

      window
        .fetch(url, init)
        .then(async (response) => {
          const data = await parseBody(response, options.responseType, response.ok);
          record.status = response.status;
          if (settled) {
            return;
          }
          settled = true;
          if (response.ok) {
            subscriber.next({
              data: data as T,
              status: response.status,
              statusText: response.statusText,
              ok: response.ok,
              headers: response.headers,
              redirected: response.redirected,
              type: response.type,
              url: response.url,
              config: options,
            });
            subscriber.complete();
          } else {
            const error: FetchError = {
              status: response.status,
              statusText: response.statusText,
              data,
              message: errorMessage(data, response.statusText),
              config: options,
            };
            subscriber.error(error);
          }
        })
        .catch((err: unknown) => {
          record.error = String((err as Error)?.message ?? err);
          if (settled) {
            return;
          }
          settled = true;
          const aborted = (err as Error)?.name === 'AbortError';
          subscriber.error(
            aborted
              ? cancelledError(options)
              : ({
                  status: 0,
                  statusText: 'Network error',
                  data: { message: record.error },
                  message: record.error,
                  config: options,
                } satisfies FetchError)
          );
        })
        .finally(() => {
          options.abortSignal?.removeEventListener('abort', onExternalAbort);
        });

      return () => {
        if (options.requestId && this.inFlight.get(options.requestId)) {
          this.inFlight.delete(options.requestId);
        }
        if (!settled) {
          settled = true;
          record.cancelled = true;
          controller.abort();
        }
      };
    });
  }

  /** Cancels the in-flight request with this id, if any (Grafana's BackendSrv has the same method). */
  resolveCancelerIfExists(requestId: string): void {
    const cancel = this.inFlight.get(requestId);
    if (cancel) {
      this.inFlight.delete(requestId);
      cancel();
    }
  }

  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return new Observable((subscriber) => {
      const controller = new AbortController();
      const headers = requestHeaders(options);
      window
        .fetch(withParams(options.url, options.params), {
          method: (options.method ?? 'GET').toUpperCase(),
          headers,
          body: requestBody(options.data, headers),
          signal: controller.signal,
        })
        .then(async (response) => {
          const base = {
            status: response.status,
            statusText: response.statusText,
            ok: response.ok,
            headers: response.headers,
            redirected: response.redirected,
            type: response.type,
            url: response.url,
            config: options,
          };
          const reader = response.body?.getReader();
          if (!reader) {
            subscriber.next({ ...base, data: undefined });
            subscriber.complete();
            return;
          }
          for (;;) {
            const { done, value } = await reader.read();
            if (done) {
              break;
            }
            subscriber.next({ ...base, data: value });
          }
          subscriber.complete();
        })
        .catch((err) => subscriber.error(err));
      return () => controller.abort();
    });
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await this.datasourceRequest<T>(options)).data;
  }

  get<T = any>(url: string, params?: any, requestId?: string, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'GET', url, params, requestId });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'DELETE', url, data });
  }

  post<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'POST', url, data });
  }

  patch<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'PATCH', url, data });
  }

  put<T = any>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, method: 'PUT', url, data });
  }
}

function cancelledError(config: BackendSrvRequest): FetchError {
  // Grafana's shape (type: DataQueryErrorType.Cancelled).
  return {
    type: 'cancelled',
    cancelled: true,
    data: null,
    status: -1,
    statusText: 'Request was aborted',
    config,
  } as FetchError;
}

function withParams(url: string, params?: Record<string, unknown>): string {
  if (!params) {
    return url;
  }
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) {
      continue;
    }
    for (const v of Array.isArray(value) ? value : [value]) {
      q.append(key, String(v));
    }
  }
  const query = q.toString();
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

function requestHeaders(options: BackendSrvRequest): Headers {
  const headers = new Headers();
  headers.set('Accept', 'application/json, text/plain, */*');
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    if (value !== undefined && value !== null) {
      headers.set(key, String(value));
    }
  }
  const data = options.data;
  const plainObject = data !== null && typeof data === 'object' && !isBinaryOrForm(data);
  if (plainObject && !headers.has('Content-Type')) {
    headers.set('Content-Type', 'application/json');
  }
  return headers;
}

function isBinaryOrForm(data: unknown): boolean {
  return (
    data instanceof URLSearchParams ||
    data instanceof FormData ||
    data instanceof Blob ||
    data instanceof ArrayBuffer ||
    ArrayBuffer.isView(data)
  );
}

function requestBody(data: unknown, headers: Headers): BodyInit | undefined {
  if (data === undefined || data === null) {
    return undefined;
  }
  if (typeof data === 'string' || isBinaryOrForm(data)) {
    return data as BodyInit;
  }
  if ((headers.get('Content-Type') ?? '').includes('application/x-www-form-urlencoded')) {
    return withParams('', data as Record<string, unknown>).replace(/^\?/, '');
  }
  return JSON.stringify(data);
}

async function parseBody(response: Response, responseType: BackendSrvRequest['responseType'], ok: boolean) {
  switch (responseType) {
    case 'text':
      return response.text();
    case 'blob':
      return response.blob();
    case 'arraybuffer':
      return response.arrayBuffer();
    case 'json':
      if (response.headers.get('Content-Length') === '0') {
        return undefined;
      }
      if (!ok) {
        // Error bodies are not always JSON (a proxy's 502 page); keep them readable.
        return lenientJson(await response.text());
      }
      return response.json();
    default:
      return lenientJson(await response.text());
  }
}

function lenientJson(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorMessage(data: unknown, statusText: string): string {
  if (data && typeof data === 'object') {
    const d = data as { message?: unknown; error?: unknown };
    if (typeof d.message === 'string') {
      return d.message;
    }
    if (typeof d.error === 'string') {
      return d.error;
    }
  }
  if (typeof data === 'string' && data.trim()) {
    return data.trim().slice(0, 500);
  }
  return statusText;
}
