/** The live mode: an HTTP server on loopback whose /metrics shows the topology's counters at the current time. */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { writePrometheusText } from './exposition';
import { EmitOptions, FamilyDef, familiesOf, SeriesSpec } from './series';
import { Topology } from './topology';

export interface MetricsServerOptions extends EmitOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind: loopback by default; docker-compose passes 0.0.0.0 so Prometheus' container can scrape. */
  host?: string;
  /** Unix seconds at which counters were 0 (default: when the server starts). */
  origin?: number;
  /** Clock in unix seconds (tests may pass a fake one). */
  now?: () => number;
}

export interface MetricsServer {
  url: string;
  metricsUrl: string;
  port: number;
  /** "127.0.0.1:<port>", the form Prometheus' static_configs take. */
  target: string;
  seriesCount: number;
  close(): Promise<void>;
}

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export async function startMetricsServer(
  topology: Topology,
  options: MetricsServerOptions = {}
): Promise<MetricsServer> {
  const now = options.now ?? (() => Date.now() / 1000);
  const origin = options.origin ?? now();
  // Rendered once: every scrape only multiplies slopes by the elapsed time.
  const families: Array<{ family: FamilyDef; series: SeriesSpec[] }> = familiesOf(topology, options).map((f) => ({
    family: f.family,
    series: [...f.series()],
  }));
  const seriesCount = families.reduce((n, f) => n + f.series.length, 0);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'Content-Type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'Content-Type': CONTENT_TYPE });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const elapsed = Math.max(0, now() - origin);
      await writePrometheusText(families, elapsed, async (chunk) => {
        if (!res.write(chunk)) {
          await once(res, 'drain');
        }
      });
      res.end();
      return;
    }
    if (path === '/' || path === '/-/healthy') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`Istio mesh simulator: topology ${topology.name}, ${seriesCount} series at /metrics\n`);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
      }
      res.end(`error: ${e.message}\n`);
    });
  });
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    url,
    metricsUrl: `${url}/metrics`,
    port,
    target: `127.0.0.1:${port}`,
    seriesCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
