/**
 * The simulator against real Prometheus: bookinfo backfilled with promtool and queried with PromQL, and the live
 * /metrics endpoint scraped by Prometheus. Expected values are derived from the topology's declared rates.
 */
import { durationMs, prometheusConfig, scrapeJobs } from '../../scripts/lib/prometheus';
import { bookinfoTopology } from '../../simulator/bookinfo';
import {
  BACKFILL_END,
  BACKFILL_START,
  BackfilledPrometheus,
  expectedFlows,
  instantQuery,
  LiveMesh,
  startBackfilledPrometheus,
  startLiveMesh,
} from '../support/prometheusFixture';

const relClose = (actual: number, expected: number, tolerance = 1e-6): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * tolerance);
};

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('prometheus library', () => {
  it('only scrapes loopback targets, grouping them by path', () => {
    expect(scrapeJobs(['127.0.0.1:9100', 'http://127.0.0.1:9200/metrics', 'http://127.0.0.1:9300/custom'])).toEqual([
      { scheme: 'http', path: '/metrics', targets: ['127.0.0.1:9100', '127.0.0.1:9200'] },
      { scheme: 'http', path: '/custom', targets: ['127.0.0.1:9300'] },
    ]);
    expect(() => scrapeJobs(['10.0.0.1:9100'])).toThrow(/not on loopback/);
    expect(() => scrapeJobs(['127.0.0.1'])).toThrow(/no port/);
  });

  it('keeps the scrape timeout within a short scrape interval', () => {
    const config = JSON.parse(prometheusConfig(['127.0.0.1:9100'], '1s'));
    expect(config.global).toEqual({ scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '1s' });
    expect(JSON.parse(prometheusConfig([], '30s')).global.scrape_timeout).toBe('10s');
    expect(durationMs('500ms')).toBe(500);
    expect(() => durationMs('1 minute')).toThrow(/not a Prometheus duration/);
  });
});

describe('bookinfo backfilled into Prometheus', () => {
  let prom: BackfilledPrometheus;
  const topology = bookinfoTopology();
  const q = (expr: string) => instantQuery(prom.url, expr, prom.queryTime);

  beforeAll(async () => {
    prom = await startBackfilledPrometheus({ topology, start: BACKFILL_START, end: BACKFILL_END, step: 15 });
  });
  afterAll(async () => {
    await prom?.stop();
  });

  it('queries at the end of the window', () => {
    expect(prom.queryTime).toBe(BACKFILL_END);
    expect(prom.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('gives the simulated inbound rate of productpage', async () => {
    const [r] = await q(
      'sum(rate(istio_requests_total{reporter="destination",destination_workload="productpage-v1"}[10m]))'
    );
    // gateway 20/s less the 1 % 503 UF its own proxy produced, loadgen 2/s, shop frontend 3/s
    relClose(r.value, 20 * 0.99 + 2 + 3);
  });

  it('gives every flow its expected rate per reporter', async () => {
    const result = await q(
      'sum by (reporter, source_workload_namespace, source_workload, destination_service, destination_workload) (rate(istio_requests_total[10m]))'
    );
    const key = (l: Record<string, string>) =>
      [l.reporter, l.source_workload_namespace, l.source_workload, l.destination_service, l.destination_workload].join(
        '|'
      );
    const actual = new Map(result.map((s) => [key(s.metric), s.value]));
    const expected = new Map<string, number>();
    for (const f of expectedFlows(topology)) {
      for (const r of f.reporters) {
        if (f.protocol !== 'tcp') {
          const k = key({ reporter: r.reporter, ...r.source, ...r.destination });
          expected.set(k, (expected.get(k) ?? 0) + r.requestsPerSecond);
        }
      }
    }
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [k, v] of expected) {
      relClose(actual.get(k)!, v);
    }
  });

  it("has source-only series for requests that never reached a workload, found by Kiali's unserviced query", async () => {
    const bySource = await q(
      'sum by (source_workload) (rate(istio_requests_total{reporter="source",source_workload_namespace!="bookinfo",destination_workload_namespace="unknown",destination_workload="unknown",destination_service=~"^.+\\\\.bookinfo\\\\..+$"}[600s]))'
    );
    expect(bySource.map((s) => s.metric.source_workload)).toEqual(['frontend-v1']);
    relClose(bySource[0].value, 1.5);
    expect(await q('istio_requests_total{reporter="destination",destination_workload="unknown"}')).toEqual([]);
  });

  it('has unknown-source series only as reported by the destination', async () => {
    const reporters = await q('count by (reporter) (istio_requests_total{source_workload="unknown"})');
    expect(reporters.map((s) => s.metric.reporter)).toEqual(['destination']);
    const [rate] = await q(
      'sum(rate(istio_requests_total{source_workload="unknown",source_canonical_service="unknown"}[10m]))'
    );
    relClose(rate.value, 2);
  });

  it('reports the mTLS policy as Istio does: unknown on the source side, mutual_tls or none on the server side', async () => {
    const policies = await q('count by (reporter, connection_security_policy) (istio_requests_total)');
    const pairs = policies.map((s) => `${s.metric.reporter}:${s.metric.connection_security_policy}`).sort();
    expect(pairs).toEqual(['destination:mutual_tls', 'destination:none', 'source:unknown']);
  });

  it('reports zero available replicas for the deployment scaled to zero and no istio-proxy for the unmeshed client', async () => {
    const [available] = await q(
      'kube_deployment_status_replicas_available{namespace="bookinfo",deployment="reviews-v4"}'
    );
    expect(available.value).toBe(0);
    const proxies = await q('count(kube_pod_container_info{namespace="tools",container="istio-proxy"})');
    expect(proxies).toEqual([]);
  });

  it('gives TCP bytes with Istio naming and histogram-derived latencies', async () => {
    const [sent] = await q(
      'sum(rate(istio_tcp_sent_bytes_total{reporter="destination",destination_workload="mysqldb-v1"}[10m]))'
    );
    relClose(sent.value, 12000);
    const [mean] = await q(
      'sum(rate(istio_request_duration_milliseconds_sum{reporter="destination",destination_workload="details-v1"}[10m])) / sum(rate(istio_request_duration_milliseconds_count{reporter="destination",destination_workload="details-v1"}[10m]))'
    );
    relClose(mean.value, 0.8 * 3 + 0.2 * 12);
    // every reviews-v1 request takes 20 ms: the median interpolates inside the (10, 25] bucket, 10 + 15 × 0.5
    const [p50] = await q(
      'histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload="reviews-v1"}[10m])))'
    );
    relClose(p50.value, 17.5);
  });
});

describe('live simulator scraped by Prometheus', () => {
  let mesh: LiveMesh | undefined;
  afterAll(async () => {
    await mesh?.stop();
  });

  it('shows istio_requests_total with the target labels, then stops both processes', async () => {
    mesh = await startLiveMesh({ topology: bookinfoTopology(), scrapeInterval: '1s' });
    expect(mesh.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const samples = await mesh.waitForSeries(
      'istio_requests_total{reporter="destination",destination_workload="productpage-v1"}',
      60000
    );
    expect(samples.length).toBeGreaterThan(0);
    expect(samples[0].metric).toMatchObject({
      job: 'meshgraph-simulator',
      app: 'productpage',
      destination_service_name: 'productpage',
    });
    const pids = [mesh.simulatorPid, mesh.prometheus.pid];
    expect(pids.every(alive)).toBe(true);
    await mesh.stop();
    mesh = undefined;
    expect(pids.some(alive)).toBe(false);
  });
});
