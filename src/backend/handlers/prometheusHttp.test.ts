/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { TransportResponse } from '../../engine/client/transport';

import { createPrometheusHttp } from './prometheusHttp';

/** The answer's text, read from its stream as the client reads it. */
async function text(res: TransportResponse): Promise<string> {
  if (!res.stream) {
    return res.body;
  }
  let out = '';
  for await (const part of res.stream) {
    out += part;
  }
  return out;
}

describe('createPrometheusHttp', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (req.url?.includes('slow')) {
          return; // never answers
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"status":"success","data":"ü"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends the request under the URL path prefix with the auth headers and the form body', async () => {
    const p = createPrometheusHttp({
      url: `${base}/prom/`,
      headers: { Authorization: 'Bearer x' },
      tls: {},
      userAgent: 'ua',
    });
    const res = await p.transport({
      path: '/api/v1/query',
      method: 'POST',
      body: 'query=up&time=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(await text(res)).toBe('{"status":"success","data":"ü"}');
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({ method: 'POST', url: '/prom/api/v1/query', body: 'query=up&time=1' });
    expect(last.headers.authorization).toBe('Bearer x');
    expect(last.headers['user-agent']).toBe('ua');
    const get = await p.transport({ path: '/api/v1/label/a/values?match%5B%5D=x', method: 'GET' });
    expect(get.status).toBe(200);
    expect(seen[seen.length - 1].url).toBe('/prom/api/v1/label/a/values?match%5B%5D=x');
    p.close();
  });

  it('aborts a request in flight with an AbortError', async () => {
    const p = createPrometheusHttp({ url: base, headers: {}, tls: {}, userAgent: 'ua' });
    const controller = new AbortController();
    const pending = p.transport({ path: '/slow', method: 'GET', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    p.close();
  });

  it('reports a refused connection as an error the client can word', async () => {
    const p = createPrometheusHttp({ url: 'http://127.0.0.1:1', headers: {}, tls: {}, userAgent: 'ua' });
    await expect(p.transport({ path: '/api/v1/query', method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
    p.close();
  });
});

describe('createPrometheusHttp redirects and limits', () => {
  it('follows same-origin redirects with method, body and credentials; refuses other hosts', async () => {
    const seen: string[] = [];
    const s = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${body} ${req.headers.authorization}`);
        if (req.url === '/a/api/v1/query') {
          res.writeHead(307, { Location: '/b/api/v1/query' }).end();
        } else if (req.url === '/away/api/v1/query') {
          res.writeHead(302, { Location: 'http://127.0.0.2:1/x' }).end();
        } else {
          res.writeHead(200).end('{}');
        }
      });
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    const p = createPrometheusHttp({
      url: `${url}/a`,
      headers: { Authorization: 'Bearer t' },
      tls: {},
      userAgent: 'ua',
    });
    const res = await p.transport({ path: '/api/v1/query', method: 'POST', body: 'query=up' });
    expect(res.status).toBe(200);
    expect(seen).toEqual(['POST /a/api/v1/query query=up Bearer t', 'POST /b/api/v1/query query=up Bearer t']);
    const away = createPrometheusHttp({ url: `${url}/away`, headers: {}, tls: {}, userAgent: 'ua' });
    await expect(away.transport({ path: '/api/v1/query', method: 'POST', body: 'query=up' })).rejects.toThrow(
      /redirected \(HTTP 302\) to http:\/\/127\.0\.0\.2:1\/x/
    );
    const small = createPrometheusHttp({ url, headers: {}, tls: {}, userAgent: 'ua', maxAnswerBytes: 1 });
    // No declared length (chunked): refused while the answer streams in.
    const streamed = await small.transport({ path: '/api/v1/query', method: 'GET' });
    await expect(text(streamed)).rejects.toThrow(/larger than the limit/);
    [p, away, small].forEach((x) => x.close());
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  });
});
