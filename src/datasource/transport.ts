/**
 * The engine's HTTP transport over Grafana's backendSrv and data proxy: every request goes to
 * `<instanceSettings.url><path>` (e.g. /api/datasources/proxy/uid/<uid>/api/v1/query), so Grafana applies the
 * datasource's URL, auth, headers and TLS. HTTP errors come back as `{status, body}` (never thrown), so the engine's
 * client turns every Prometheus answer into errors the same way.
 */
import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { abortError } from '../engine/client/errors';
import type { HttpTransport } from '../engine/client/transport';

type FetchLike = Pick<BackendSrv, 'fetch'> & { resolveCancelerIfExists?: (requestId: string) => void };

export interface BackendSrvTransportOptions {
  /** instanceSettings.url: the data-proxy base URL. */
  baseUrl: string;
  /** Returns the backendSrv (getBackendSrv); a function so tests and late initialisation both work. */
  backendSrv: () => FetchLike;
  /**
   * Prefix of the requestId of every call (e.g. per panel and query). Calls get `<prefix>-<n>`, so the n-th request
   * of a new refresh cancels the n-th of the previous one, while the parallel requests of one run never cancel
   * each other (backendSrv cancels any in-flight request with the same id).
   */
  requestIdPrefix?: string;
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') {
    return data;
  }
  if (data === undefined || data === null) {
    return '';
  }
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}

interface FetchErrorShape {
  status?: number;
  statusText?: string;
  data?: unknown;
  message?: string;
  cancelled?: boolean;
}

function asFetchError(e: unknown): FetchErrorShape | undefined {
  return e !== null && typeof e === 'object' && ('status' in e || 'cancelled' in e) ? (e as FetchErrorShape) : undefined;
}

export function createBackendSrvTransport(options: BackendSrvTransportOptions): HttpTransport {
  let counter = 0;
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (req) => {
    if (req.signal?.aborted) {
      throw abortError();
    }
    const requestId = options.requestIdPrefix ? `${options.requestIdPrefix}-${counter++}` : undefined;
    const srv = options.backendSrv();
    const request: BackendSrvRequest = {
      url: `${base}${req.path.startsWith('/') ? '' : '/'}${req.path}`,
      method: req.method,
      responseType: 'text',
      showErrorAlert: false,
      showSuccessAlert: false,
      ...(requestId ? { requestId } : {}),
      ...(req.signal ? { abortSignal: req.signal } : {}),
      ...(req.body !== undefined ? { data: req.body } : {}),
      ...(req.contentType ? { headers: { 'Content-Type': req.contentType } } : {}),
    };
    const onAbort = () => {
      if (requestId && typeof srv.resolveCancelerIfExists === 'function') {
        srv.resolveCancelerIfExists(requestId);
      }
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response: FetchResponse<unknown> = await lastValueFrom(srv.fetch<unknown>(request));
      return { status: response.status, statusText: response.statusText, body: bodyText(response.data) };
    } catch (e) {
      if (req.signal?.aborted) {
        throw abortError();
      }
      const fe = asFetchError(e);
      if (fe?.cancelled) {
        throw abortError();
      }
      if (fe && typeof fe.status === 'number' && fe.status > 0) {
        return { status: fe.status, statusText: fe.statusText, body: bodyText(fe.data) };
      }
      if (e instanceof Error && e.name === 'EmptyError') {
        // backendSrv completes without a value when a request is superseded by one with the same id.
        throw abortError();
      }
      const detail = fe?.message ?? fe?.statusText ?? (e instanceof Error ? e.message : String(e));
      // The client wraps this as "Cannot reach Prometheus: <detail>".
      throw new Error(detail || 'network error (no answer from Grafana)');
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}
