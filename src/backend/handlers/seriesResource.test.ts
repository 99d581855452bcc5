/** @jest-environment node */
import { expectValidPromQL } from '../../engine/promql/parse.testutil';
import { parseSeriesRequest, planSeries, SeriesRequestError } from './seriesResource';

const NOW = 1_700_000_000_000;
const HOSTILE = 'a"} or vector(1) #\\\n.*';

describe('series resource', () => {
  it('plans three parseable queries for an app node, values only as literal matchers', () => {
    const req = parseSeriesRequest(
      {
        node: { nodeType: 'app', cluster: 'c1', namespace: HOSTILE, app: 'productpage', version: 'v1' },
        from: NOW - 3_600_000,
        to: NOW,
        maxPoints: 60,
      },
      NOW
    );
    const plan = planSeries(req, { mesh_id: HOSTILE });
    expect(plan.stepS).toBe(60);
    for (const expr of [plan.requestRate, plan.errorRate!, plan.responseTime!]) {
      const parsed = expectValidPromQL(expr);
      const ns = parsed.matchers.filter((m) => m.name === 'destination_workload_namespace');
      expect(ns.length).toBeGreaterThan(0);
      expect(ns.every((m) => m.op === '=' && m.value === HOSTILE)).toBe(true);
      expect(parsed.matchers.filter((m) => m.name === 'mesh_id').every((m) => m.value === HOSTILE)).toBe(true);
      // Both reporters, one at a time (never summed together).
      expect(expr).toContain('reporter="destination"');
      expect(expr).toContain(' or sum(rate(');
    }
  });

  it('plans an edge between a workload and a service, and TCP edges by bytes', () => {
    const http = planSeries(
      parseSeriesRequest(
        {
          edge: {
            source: { nodeType: 'workload', namespace: 'shop', workload: 'frontend' },
            target: { nodeType: 'service', namespace: 'bookinfo', service: 'productpage' },
            protocol: 'grpc',
          },
          from: NOW - 600_000,
          to: NOW,
        },
        NOW
      ),
      undefined
    );
    const parsed = expectValidPromQL(http.errorRate!);
    expect(parsed.matchers.map((m) => `${m.name}${m.op}${m.value}`)).toEqual(
      expect.arrayContaining([
        'source_workload=frontend',
        'destination_service_name=productpage',
        'request_protocol=grpc',
      ])
    );
    const tcp = planSeries(
      parseSeriesRequest(
        {
          edge: {
            source: { nodeType: 'app', namespace: 'bookinfo', app: 'ratings' },
            target: { nodeType: 'service', namespace: 'bookinfo', service: 'mysqldb' },
            protocol: 'tcp',
          },
          from: NOW - 600_000,
          to: NOW,
        },
        NOW
      ),
      undefined
    );
    expect(tcp.rateUnit).toBe('Bps');
    expect(tcp.errorRate).toBeUndefined();
    expectValidPromQL(tcp.requestRate);
  });

  it('refuses malformed requests in words', () => {
    expect(() => parseSeriesRequest({ from: NOW, to: NOW - 1, node: { nodeType: 'app' } }, NOW)).toThrow(/range/);
    expect(() => parseSeriesRequest({ node: { nodeType: 'box' } }, NOW)).not.toThrow();
    expect(() => planSeries(parseSeriesRequest({ node: { nodeType: 'box' } }, NOW), undefined)).toThrow(
      SeriesRequestError
    );
    expect(() => parseSeriesRequest({ edge: { source: {}, target: {} } }, NOW)).toThrow(/nodeType/);
    expect(() => parseSeriesRequest({}, NOW)).toThrow(/node or an edge/);
  });
});
