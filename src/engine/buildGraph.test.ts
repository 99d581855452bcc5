import { buildGraph } from './buildGraph';
import { PrometheusClient } from './client/prometheusClient';
import { HttpTransport } from './client/transport';
import { meshSeries } from './fold/meshFixture.testutil';
import { comparable, lean, testOptions } from './fold/planRunner.testutil';
import { evaluate } from './promql/evaluate.testutil';
import { planQueries } from './planner/planQueries';

/** A Prometheus stand-in answering instant queries from the fixture with the test evaluator. */
function meshTransport(fail: (query: string) => boolean = () => false): HttpTransport {
  return async (req) => {
    const form = new URLSearchParams(req.body);
    const q = form.get('query')!;
    if (fail(q)) {
      return {
        status: 422,
        body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'query timed out' }),
      };
    }
    const result = evaluate(q, meshSeries()).map((s) => ({ metric: s.metric, value: [1700000000, String(s.value)] }));
    return { status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }) };
  };
}

describe('buildGraph', () => {
  const options = testOptions({ namespaces: ['shop', 'pay'] });

  it('runs the plan through the client and returns the same graph as the in-memory fold, with stats', async () => {
    const m = await buildGraph(options, new PrometheusClient(meshTransport()));
    expect(comparable(m)).toEqual(comparable(lean(options, meshSeries())));
    expect(m.stats.queries).toBe(planQueries(options).queries.length);
    expect(m.stats.queries).toBe(4); // requests and TCP, each in two destination-namespace parts
    expect(m.stats.samples).toBeGreaterThan(10);
    expect(m.stats.bytes).toBeGreaterThan(1000);
    expect(m.notices.some((n) => /skipped: bad source telemetry/.test(n.text))).toBe(true);
  });

  it('builds what it can when one query fails and says which part is missing', async () => {
    const m = await buildGraph(options, new PrometheusClient(meshTransport((q) => q.includes('istio_tcp'))));
    expect(m.edges.some((e) => e.protocol === 'http')).toBe(true);
    expect(m.edges.some((e) => e.protocol === 'tcp')).toBe(false);
    expect(m.notices.find((n) => n.text.startsWith('Part of the graph is missing'))?.text).toMatch(
      /istio_tcp_received_bytes_total.*query timed out/
    );
  });

  it('throws the first error when every query fails', async () => {
    await expect(buildGraph(options, new PrometheusClient(meshTransport(() => true)))).rejects.toThrow(
      'Prometheus error (execution): query timed out'
    );
  });

  it('stops with an AbortError when cancelled', async () => {
    const ctl = new AbortController();
    ctl.abort();
    await expect(buildGraph(options, new PrometheusClient(meshTransport()), ctl.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
