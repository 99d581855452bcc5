import { get } from 'node:http';
import { bookinfoTopology } from './bookinfo';
import { startMetricsServer } from './server';

function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', reject);
  });
}

const value = (body: string, prefix: string): number => {
  const line = body.split('\n').find((l) => l.startsWith(prefix));
  if (!line) {
    throw new Error(`no line starting with ${prefix}`);
  }
  return Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('live /metrics server', () => {
  it('serves counters that grow at the flow rate on loopback', async () => {
    let now = 1000;
    const server = await startMetricsServer(bookinfoTopology(), { now: () => now, origin: 1000 });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const series = 'istio_requests_total{reporter="destination",source_workload="productpage-v1"';
      now = 1010;
      const first = await fetchText(server.metricsUrl);
      expect(first.status).toBe(200);
      expect(first.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      now = 1070;
      const second = await fetchText(server.metricsUrl);
      // productpage → details: 25 req/s, the 99 % answered 200 are seen by details' proxy
      const prefix = `${series},source_canonical_service="productpage"`;
      const lines = second.body
        .split('\n')
        .filter(
          (l) =>
            l.startsWith(prefix) && l.includes('destination_workload="details-v1"') && l.includes('response_code="200"')
        );
      expect(lines).toHaveLength(1);
      const key = lines[0].slice(0, lines[0].lastIndexOf(' '));
      expect((value(second.body, key) - value(first.body, key)) / 60).toBeCloseTo(25 * 0.99, 9);
      expect(
        value(second.body, 'kube_deployment_status_replicas_available{namespace="bookinfo",deployment="reviews-v4"}')
      ).toBe(0);
      expect((await fetchText(`${server.url}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
