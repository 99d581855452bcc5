import type { BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable, of, throwError } from 'rxjs';

import { createBackendSrvTransport } from './transport';

function response(data: string, status = 200): FetchResponse<string> {
  return { data, status, statusText: 'OK', ok: status < 300 } as FetchResponse<string>;
}

function fakeSrv(answer: (req: BackendSrvRequest) => Observable<FetchResponse<unknown>>) {
  const requests: BackendSrvRequest[] = [];
  const cancelled: string[] = [];
  const srv = {
    fetch: <T>(req: BackendSrvRequest) => {
      requests.push(req);
      return answer(req) as Observable<FetchResponse<T>>;
    },
    resolveCancelerIfExists: (id: string) => cancelled.push(id),
  };
  return { srv, requests, cancelled };
}

describe('createBackendSrvTransport', () => {
  it('POSTs the form to the data-proxy URL as text, without error alerts', async () => {
    const { srv, requests } = fakeSrv(() => of(response('{"status":"success"}')));
    const t = createBackendSrvTransport({ baseUrl: '/api/datasources/proxy/uid/x/', backendSrv: () => srv, requestIdPrefix: 'p' });
    const res = await t({ path: '/api/v1/query', method: 'POST', body: 'query=up&time=1', contentType: 'application/x-www-form-urlencoded' });
    expect(res).toEqual({ status: 200, statusText: 'OK', body: '{"status":"success"}' });
    expect(requests[0]).toMatchObject({
      url: '/api/datasources/proxy/uid/x/api/v1/query',
      method: 'POST',
      data: 'query=up&time=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      responseType: 'text',
      showErrorAlert: false,
      requestId: 'p-0',
    });
  });

  it('gives each call of a run its own request id, so parallel calls never cancel each other', async () => {
    const { srv, requests } = fakeSrv(() => of(response('{}')));
    const t = createBackendSrvTransport({ baseUrl: '/u', backendSrv: () => srv, requestIdPrefix: 'meshgraph-d-panel1-A' });
    await Promise.all([t({ path: '/a', method: 'GET' }), t({ path: '/b', method: 'GET' })]);
    expect(requests.map((r) => r.requestId)).toEqual(['meshgraph-d-panel1-A-0', 'meshgraph-d-panel1-A-1']);
  });

  it('returns HTTP errors as status and body (text or parsed JSON)', async () => {
    const { srv } = fakeSrv((req) =>
      throwError(() =>
        req.url.endsWith('/json')
          ? { status: 400, statusText: 'Bad Request', data: { status: 'error', error: 'parse error' } }
          : { status: 401, statusText: 'Unauthorized', data: 'no' }
      )
    );
    const t = createBackendSrvTransport({ baseUrl: '/u', backendSrv: () => srv });
    expect(await t({ path: '/json', method: 'GET' })).toEqual({
      status: 400,
      statusText: 'Bad Request',
      body: '{"status":"error","error":"parse error"}',
    });
    expect(await t({ path: '/text', method: 'GET' })).toEqual({ status: 401, statusText: 'Unauthorized', body: 'no' });
  });

  it('throws a network error when there is no HTTP status', async () => {
    const { srv } = fakeSrv(() => throwError(() => ({ status: 0, message: 'Failed to fetch' })));
    const t = createBackendSrvTransport({ baseUrl: '/u', backendSrv: () => srv });
    await expect(t({ path: '/a', method: 'GET' })).rejects.toThrow('Failed to fetch');
  });

  it('maps a cancelled request to an AbortError', async () => {
    const { srv } = fakeSrv(() => throwError(() => ({ status: -1, cancelled: true, data: null })));
    const t = createBackendSrvTransport({ baseUrl: '/u', backendSrv: () => srv });
    await expect(t({ path: '/a', method: 'GET' })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('passes the abort signal and cancels the request id on abort', async () => {
    const { srv, requests, cancelled } = fakeSrv(
      (req) =>
        new Observable((sub) => {
          req.abortSignal?.addEventListener('abort', () => sub.error({ status: -1, cancelled: true }));
        })
    );
    const t = createBackendSrvTransport({ baseUrl: '/u', backendSrv: () => srv, requestIdPrefix: 'p' });
    const controller = new AbortController();
    const pending = t({ path: '/a', method: 'GET', signal: controller.signal });
    expect(requests[0].abortSignal).toBe(controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled).toEqual(['p-0']);
  });

  it('does not send a request whose signal is already aborted', async () => {
    const { srv, requests } = fakeSrv(() => of(response('{}')));
    const t = createBackendSrvTransport({ baseUrl: '/u', backendSrv: () => srv });
    const controller = new AbortController();
    controller.abort();
    await expect(t({ path: '/a', method: 'GET', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(requests).toEqual([]);
  });
});
