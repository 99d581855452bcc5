/**
 * A loopback HTTP proxy in front of Prometheus for tests and the bench: records every request, and can drop
 * requests (Prometheus down) or delay them (Prometheus slow). Records whether the client gave up on a request
 * before Prometheus answered (a cancelled query).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  path: string;
  body: string;
  /** Bytes of Prometheus' answer passed back. */
  answerBytes: number;
  /** The client closed the request before Prometheus answered. */
  abandoned: boolean;
}

export interface CountingProxy {
  url: string;
  log: ProxiedRequest[];
  state: { down: boolean; delayMs: number };
  stop(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const log: ProxiedRequest[] = [];
  const state = { down: false, delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const record: ProxiedRequest = { path: req.url ?? '', body, answerBytes: 0, abandoned: false };
      log.push(record);
      if (state.down) {
        req.socket.destroy();
        return;
      }
      let answered = false;
      res.on('close', () => {
        if (!answered) {
          record.abandoned = true;
        }
      });
      setTimeout(() => {
        if (res.destroyed) {
          return;
        }
        const upstream = http.request(
          new URL(req.url ?? '/', target),
          { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
          (up) => {
            answered = true;
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.on('data', (chunk: Buffer) => (record.answerBytes += chunk.length));
            up.pipe(res);
          }
        );
        upstream.on('error', () => res.destroy());
        upstream.end(body);
      }, state.delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    state,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
