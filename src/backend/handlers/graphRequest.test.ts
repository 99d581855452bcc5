/** @jest-environment node */
import { resolveSettings } from '../../datasource/settings';
import { planQueries } from '../../engine/planner';
import { expectValidPromQL } from '../../engine/promql/parse.testutil';

import { toGraphRequest } from './graphRequest';

const settings = resolveSettings({ scrapeInterval: '15s' } as never);
const range = { fromMs: 1_700_000_000_000, toMs: 1_700_003_600_000, intervalMs: 60_000 };

describe('toGraphRequest', () => {
  it('reads a saved MeshgraphQuery: namespaces, graph type, time window from the range', () => {
    const r = toGraphRequest(
      { refId: 'A', json: JSON.stringify({ namespaces: ['bookinfo', 'shop'], graphType: 'workload' }), ...range },
      settings
    );
    expect(r.queryType).toBe('graph');
    expect(r.options.namespaces).toEqual(['bookinfo', 'shop']);
    expect(r.options.graphType).toBe('workload');
    expect(r.options.queryTime).toBe(1_700_003_600);
    expect(r.options.duration).toBe(3600);
  });

  it('computes $__rate_interval and $__range itself (alert rules and the browser leave them)', () => {
    const rate = toGraphRequest(
      { refId: 'A', json: { namespaces: ['x'], duration: '$__rate_interval' }, ...range },
      settings
    );
    // Grafana's rule: max(interval + scrape interval, 4 × scrape interval) = max(75 s, 60 s).
    expect(rate.options.duration).toBe(75);
    const whole = toGraphRequest(
      { refId: 'A', json: { namespaces: ['x'], duration: '${__range}' }, ...range },
      settings
    );
    expect(whole.options.duration).toBe(3600);
  });

  it('keeps every other variable reference and hostile text literal: it reaches PromQL only escaped', () => {
    const hostile = 'a"} or vector(1) or {x="';
    const r = toGraphRequest({ refId: 'A', json: { namespaces: [hostile, '$namespace'] }, ...range }, settings);
    expect(r.options.namespaces).toEqual([hostile, '$namespace']);
    expect(r.notices.map((n) => n.text).join(' ')).toMatch(/Unknown variable \$namespace/);
    // Parsed by Prometheus' own grammar: the value is one matcher's value, never PromQL.
    const parsed = planQueries(r.options).queries.map((q) => expectValidPromQL(q.expr));
    expect(parsed.flatMap((p) => p.errors)).toEqual([]);
    const values = parsed
      .flatMap((p) => p.matchers)
      .filter((m) => m.name === 'destination_workload_namespace' && m.op === '=');
    expect(values.map((m) => m.value)).toContain(hostile);
  });

  it('takes the query type from the DataQuery or the JSON and checks the metric', () => {
    const edges = toGraphRequest(
      { refId: 'A', json: { namespaces: ['x'], metric: 'errorRate' }, queryType: 'edgeMetrics', ...range },
      settings
    );
    expect(edges).toMatchObject({ queryType: 'edgeMetrics', metric: 'errorRate' });
    const nodes = toGraphRequest(
      { refId: 'A', json: { namespaces: ['x'], queryType: 'nodeMetrics', metric: 'health', health: false }, ...range },
      settings
    );
    expect(nodes).toMatchObject({ queryType: 'nodeMetrics', metric: 'health' });
    expect(nodes.options.appenders.health).toBe(true);
    const latency = toGraphRequest(
      {
        refId: 'A',
        json: { namespaces: ['x'], queryType: 'edgeMetrics', metric: 'responseTime', responseTime: 'off' },
        ...range,
      },
      settings
    );
    expect(latency.options.appenders.responseTime).toBe('95');
    expect(() =>
      toGraphRequest(
        { refId: 'A', json: { namespaces: ['x'], queryType: 'edgeMetrics', metric: 'health' }, ...range },
        settings
      )
    ).toThrow(/Unknown metric "health" for edgeMetrics/);
    expect(() =>
      toGraphRequest({ refId: 'A', json: { namespaces: ['x'] }, queryType: 'logs', ...range }, settings)
    ).toThrow(/Unknown query type "logs"/);
  });

  it('rejects what cannot be a query with a sentence, not a crash', () => {
    expect(() => toGraphRequest({ refId: 'A', json: '{not json', ...range }, settings)).toThrow(
      'The query is not valid JSON.'
    );
    expect(() => toGraphRequest({ refId: 'A', json: '[1,2]', ...range }, settings)).toThrow(
      'The query is not a JSON object.'
    );
    expect(() => toGraphRequest({ refId: 'A', json: { namespaces: [] }, ...range }, settings)).toThrow(
      /No namespace selected/
    );
    expect(() =>
      toGraphRequest({ refId: 'A', json: { namespaces: ['x'] }, fromMs: NaN, toMs: NaN, intervalMs: 0 }, settings)
    ).toThrow(/time range/);
  });
  it('asks for a rollup: auto with the datasource budget by default, the query’s mode and expanded ids as given', () => {
    const auto = toGraphRequest({ refId: 'A', json: { namespaces: ['x'] }, ...range }, settings);
    expect(auto.options).toMatchObject({ rollup: 'auto', rollupNodeBudget: 500 });
    expect(auto.options).not.toHaveProperty('rollupExpand');
    const small = resolveSettings({ scrapeInterval: '15s', rollupNodeBudget: 40 } as never);
    const id = 'rollup_namespace_c1_$shop%5Fa';
    const ns = toGraphRequest(
      { refId: 'A', json: { namespaces: ['x'], rollup: 'namespace', rollupExpand: [id, 7, id] }, ...range },
      small
    );
    // Ids are data: kept literally (no variable substitution), non-strings dropped.
    expect(ns.options).toMatchObject({ rollup: 'namespace', rollupNodeBudget: 40, rollupExpand: [id] });
    const none = toGraphRequest({ refId: 'A', json: { namespaces: ['x'], rollup: 'none' }, ...range }, small);
    expect(none.options).not.toHaveProperty('rollup');
    const bad = toGraphRequest({ refId: 'A', json: { namespaces: ['x'], rollup: 'galaxy' }, ...range }, settings);
    expect(bad.options.rollup).toBe('auto');
    expect(bad.notices.map((n) => n.text)).toContain('Unknown rollup "galaxy"; using "auto".');
  });

  it('gives alert numbers for the unrolled graph whatever rollup the query asks for', () => {
    for (const queryType of ['edgeMetrics', 'nodeMetrics']) {
      const r = toGraphRequest(
        { refId: 'A', json: { namespaces: ['x'], rollup: 'namespace', rollupExpand: ['a'] }, queryType, ...range },
        settings
      );
      expect(r.options).not.toHaveProperty('rollup');
      expect(r.options).not.toHaveProperty('rollupExpand');
    }
  });
});
