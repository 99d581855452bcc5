/**
 * A loopback HTTP server in front of a real Prometheus that answers the way broken infrastructure does, one fault
 * at a time (`state.fault`): an upstream proxy's HTML 502 page, a redirect to another host or to another path of the
 * same one, a body cut off (connection closed, or a shorter body that ends cleanly), garbage JSON, an answer larger
 * than any limit (declared or streamed), an answer that comes too late or stalls half-way, a connection reset, and
 * Prometheus' own answers with every sample value replaced by +Inf (`nonFinite`). `pass` forwards to Prometheus.
 * Every request is logged with the fault it met.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | 'pass'
  | 'html502'
  | 'redirectOtherHost'
  | 'redirectSameHost'
  | 'truncated'
  | 'truncatedClean'
  | 'garbageJson'
  | 'notJson'
  | 'hugeDeclared'
  | 'hugeStreamed'
  | 'slow'
  | 'stalledBody'
  | 'reset'
  | 'nonFinite';

export interface FaultRequest {
  method: string;
  path: string;
  body: string;
  fault: Fault;
}

export interface FaultProxy {
  url: string;
  log: FaultRequest[];
  state: { fault: Fault; delayMs: number };
  stop(): Promise<void>;
}

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

/** Where a same-host redirect sends a request: the proxy forwards these paths to Prometheus with the prefix removed. */
const MOVED = '/moved';

function forward(target: string, req: http.IncomingMessage, path: string, body: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    // Asked uncompressed, so that a cut-off or stalled body is cut in its JSON, not in gzip.
    const upstream = http.request(
      new URL(path, target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host, 'accept-encoding': 'identity' } },
      resolve
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function readAll(res: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks)));
    res.on('error', reject);
  });
}

/** A valid vector answer's elements, streamed until `bytes` have gone out. */
function streamHugeVector(res: http.ServerResponse, bytes: number): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const element =
    '{"metric":{"destination_workload":"reviews-v1","destination_workload_namespace":"bookinfo","source_workload":"productpage-v1"},"value":[1700000000,"1"]}';
  const block = Buffer.from(Array.from({ length: 500 }, () => element).join(',') + ',');
  let sent = 0;
  res.write('{"status":"success","data":{"resultType":"vector","result":[');
  const pump = () => {
    while (sent < bytes) {
      sent += block.length;
      if (!res.write(block)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(element + ']}}');
  };
  res.on('error', () => undefined);
  pump();
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const log: FaultRequest[] = [];
  const state: FaultProxy['state'] = { fault: 'pass', delayMs: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const fault = state.fault;
      const path = req.url ?? '/';
      log.push({ method: req.method ?? '', path, body, fault });
      res.on('error', () => undefined);
      try {
        if (path.startsWith(MOVED)) {
          const up = await forward(target, req, path.slice(MOVED.length), body);
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
          return;
        }
        switch (fault) {
          case 'pass': {
            const up = await forward(target, req, path, body);
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            return;
          }
          case 'html502':
            res.writeHead(502, 'Bad Gateway', { 'Content-Type': 'text/html' });
            res.end(HTML_502);
            return;
          case 'redirectOtherHost': {
            const port = (server.address() as AddressInfo).port;
            res.writeHead(302, { Location: `http://localhost:${port}/prometheus${path}` });
            res.end();
            return;
          }
          case 'redirectSameHost':
            res.writeHead(307, { Location: MOVED + path });
            res.end();
            return;
          case 'truncated':
          case 'truncatedClean': {
            const up = await forward(target, req, path, body);
            const whole = await readAll(up);
            const half = whole.subarray(0, Math.floor(whole.length / 2));
            if (fault === 'truncatedClean') {
              res.writeHead(up.statusCode ?? 200, {
                'Content-Type': 'application/json',
                'Content-Length': half.length,
              });
              res.end(half);
            } else {
              res.writeHead(up.statusCode ?? 200, {
                'Content-Type': 'application/json',
                'Content-Length': whole.length,
              });
              res.write(half, () => res.destroy());
            }
            return;
          }
          case 'garbageJson':
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(
              '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1,"1"]},{oops: 1}]}}'
            );
            return;
          case 'notJson':
            res.writeHead(200, { 'Content-Type': 'text/plain' });
            res.end('upstream says: everything is fine');
            return;
          case 'hugeDeclared':
            res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(3e9) });
            res.write('{"status":"success","data":{"resultType":"vector","result":[');
            setTimeout(() => res.destroy(), 2000);
            return;
          case 'hugeStreamed':
            streamHugeVector(res, 8e6);
            return;
          case 'slow': {
            await new Promise((r) => setTimeout(r, state.delayMs));
            if (res.destroyed) {
              return;
            }
            const up = await forward(target, req, path, body);
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            return;
          }
          case 'stalledBody': {
            const up = await forward(target, req, path, body);
            const whole = await readAll(up);
            res.writeHead(up.statusCode ?? 200, { 'Content-Type': 'application/json', 'Content-Length': whole.length });
            res.write(whole.subarray(0, Math.floor(whole.length / 2)));
            setTimeout(() => res.destroy(), state.delayMs);
            return;
          }
          case 'reset':
            req.socket.destroy();
            return;
          case 'nonFinite': {
            const up = await forward(target, req, path, body);
            const text = (await readAll(up)).toString('utf8').replace(/("value":\[[^,\]]+,)"[^"]*"\]/g, '$1"+Inf"]');
            res.writeHead(up.statusCode ?? 200, { 'Content-Type': 'application/json' });
            res.end(text);
            return;
          }
        }
      } catch {
        res.destroy();
      }
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
