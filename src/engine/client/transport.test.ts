/** @jest-environment node */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { PrometheusClient } from './prometheusClient';
import { fetchTransport } from './transport';

/** A loopback server whose answers each test scripts. */
async function server(handler: http.RequestListener) {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

const VECTOR = JSON.stringify({
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: { a: 'b' }, value: [1, '2'] }] },
});

describe('fetchTransport (the CLI)', () => {
  it('follows a same-origin redirect keeping POST and the PromQL', async () => {
    const seen: string[] = [];
    const s = await server((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${new URLSearchParams(body).get('query')}`);
        if (req.url?.startsWith('/old')) {
          res.writeHead(302, { Location: '/new/api/v1/query' }).end();
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(VECTOR);
        }
      });
    });
    const client = new PrometheusClient(fetchTransport(`${s.url}/old`));
    const answer = await client.instantQuery('up', 1);
    expect(answer.samples).toEqual([{ metric: { a: 'b' }, value: 2 }]);
    expect(seen).toEqual(['POST /old/api/v1/query up', 'POST /new/api/v1/query up']);
    await s.stop();
  });

  it('refuses a redirect to another host, naming it', async () => {
    const s = await server((_req, res) => res.writeHead(301, { Location: 'http://login.example/sso' }).end());
    const client = new PrometheusClient(fetchTransport(s.url));
    await expect(client.instantQuery('up', 1)).rejects.toThrow(
      /redirected \(HTTP 301\) to http:\/\/login\.example\/sso/
    );
    await s.stop();
  });

  it('stops reading an answer past the size limit, saying so', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [], pad: 'x'.repeat(3_000_000) } })
      );
    });
    const client = new PrometheusClient(fetchTransport(s.url, { maxAnswerBytes: 1_000_000 }));
    await expect(client.instantQuery('up', 1)).rejects.toThrow(/larger than the limit of 1 MB/);
    await s.stop();
  });

  it('says which server sent an HTML error page, its status and what the page says', async () => {
    const s = await server((_req, res) =>
      res
        .writeHead(502, { 'Content-Type': 'text/html' })
        .end('<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>')
    );
    const client = new PrometheusClient(fetchTransport(s.url));
    await expect(client.instantQuery('up', 1)).rejects.toThrow(
      new RegExp(
        `^${s.url.replace(/\./g, '\\.')} answered HTTP 502 Bad Gateway with an HTML page \\("502 Bad Gateway"\\)`
      )
    );
    await s.stop();
  });
});

describe('JSON errors from a proxy in front of Prometheus', () => {
  it('names the server, the status and its message', async () => {
    const s = await server((_req, res) =>
      res
        .writeHead(502, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ message: 'upstream unreachable' }))
    );
    const client = new PrometheusClient(fetchTransport(s.url));
    const e = await client.instantQuery('up', 1).catch((x: Error) => x);
    expect(String((e as Error).message)).toBe(
      `${s.url} answered HTTP 502 Bad Gateway instead of Prometheus: upstream unreachable`
    );
    expect(String((e as Error).message)).not.toMatch(/undefined/);
    await s.stop();
  });
});
