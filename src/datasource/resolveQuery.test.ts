// Long on purpose: every query field group, each with its hostile and hand-edited values, against one fake template service.
import { parsePromQL } from '../engine/promql/parse.testutil';

import { planQueries } from '../engine/planner';
import { escapeRegex } from '../engine/promql/escape';

import {
  FieldContext,
  fieldContext,
  resolveAppenders,
  resolveBoxBy,
  resolveDuration,
  resolveGraphType,
  resolveNamespaces,
  resolveNodeFocus,
  resolveRollup,
  resolveScope,
  resolveTraffic,
} from './resolveFields';
import { QueryValidationError, resolveQuery, toGraphOptions, toInterpolatedQuery } from './resolveQuery';
import { FakeTemplateSrv, FakeVariable } from './testing/fakeTemplateSrv';
import { ALL_NAMESPACES, DEFAULT_GRAPH_TYPE, DEFAULT_QUERY, MeshgraphQuery } from './types';

const HOSTILE = ['"} or vector(1)', 'a"b', 'back\\slash', 'line\nbreak', '.*', 'a|b', "x') or up{", '}[5m]) + 1 #'];

const query = (over: Partial<MeshgraphQuery> = {}): MeshgraphQuery => ({ refId: 'A', ...DEFAULT_QUERY, ...over });
const window = { queryTime: 1_800_000_000, duration: 600 };
const nsVar = (value: string | string[]): FakeVariable => ({
  name: 'namespace',
  current: { value },
  multi: Array.isArray(value),
});

function resolve(q: MeshgraphQuery, vars: FakeVariable[] = [], scope: Array<{ key: string; value: string }> = []) {
  return resolveQuery(q, {}, new FakeTemplateSrv(vars), { scope });
}

/** The expression's structure with every string literal blanked, and whether the parser met an error. */
function shape(expr: string): { skeleton: string; error: boolean } {
  const p = parsePromQL(expr);
  return { skeleton: p.skeleton, error: p.errors.length > 0 };
}

/** Every label matcher of a PromQL expression with its decoded string value. */
function matchers(expr: string): Array<{ label: string; op: string; value: string }> {
  return parsePromQL(expr).matchers.map((m) => ({ label: m.name, op: m.op, value: m.value }));
}

describe('resolveQuery: namespaces', () => {
  it('resolves a multi-value $namespace into literal namespaces', () => {
    const { query: r } = resolve(query({ namespaces: ['$namespace'] }), [nsVar(['bookinfo', 'shop'])]);
    expect(r.namespaces).toEqual(['bookinfo', 'shop']);
  });

  it('unions literal entries and variables without duplicates', () => {
    const { query: r } = resolve(query({ namespaces: ['shop', '$namespace'] }), [nsVar(['bookinfo', 'shop'])]);
    expect(r.namespaces).toEqual(['shop', 'bookinfo']);
  });

  it('maps "All" to no namespace matcher', () => {
    const all: FakeVariable = {
      name: 'namespace',
      current: { value: ['$__all'] },
      includeAll: true,
      options: [{ value: 'a' }],
    };
    expect(resolve(query({ namespaces: ['$namespace'] }), [all]).query.namespaces).toBe('all');
    expect(resolve(query({ namespaces: [ALL_NAMESPACES] })).query.namespaces).toBe('all');
  });

  it('refuses a query without any namespace, with a readable message', () => {
    expect(() => resolve(query({ namespaces: [] }))).toThrow(QueryValidationError);
    expect(() => resolve(query({ namespaces: ['$namespace'] }), [nsVar([])])).toThrow(/No namespace selected/);
  });

  it('warns about an unknown variable', () => {
    const { notices, query: r } = resolve(query({ namespaces: ['$nope'] }));
    expect(r.namespaces).toEqual(['$nope']);
    expect(notices.map((n) => n.text).join()).toContain('$nope');
  });

  it.each(HOSTILE)('hands the hostile value %j to the engine as one literal namespace', (value) => {
    const { query: r } = resolve(query({ namespaces: ['$namespace'] }), [nsVar(value)]);
    expect(r.namespaces).toEqual([value]);
  });

  it.each(HOSTILE)('keeps the planned PromQL structure unchanged for the hostile namespace %j', (value) => {
    const benign = toGraphOptions(
      resolve(query({ namespaces: ['$namespace'] }), [nsVar('bookinfo')]).query,
      window,
      {}
    );
    const hostile = toGraphOptions(resolve(query({ namespaces: ['$namespace'] }), [nsVar(value)]).query, window, {});
    const benignPlan = planQueries(benign).queries;
    const hostilePlan = planQueries(hostile).queries;
    expect(hostilePlan.map((q) => q.id)).toEqual(benignPlan.map((q) => q.id));
    hostilePlan.forEach((q, i) => {
      const s = shape(q.expr);
      expect(s.error).toBe(false);
      expect(s.skeleton).toEqual(shape(benignPlan[i].expr).skeleton);
      // Where the benign plan matches "bookinfo" exactly, the hostile plan matches the hostile value exactly.
      const b = matchers(benignPlan[i].expr);
      const h = matchers(q.expr);
      b.forEach((m, j) => {
        if (m.value === 'bookinfo') {
          expect(h[j]).toEqual({ label: m.label, op: m.op, value });
        }
      });
    });
    // At least the traffic query holds an exact namespace matcher.
    expect(matchers(hostilePlan[0].expr).some((m) => m.op === '=' && m.value === value)).toBe(true);
  });

  it('keeps two hostile values as a literal alternation', () => {
    const values = ['a|b', '.*'];
    const opts = toGraphOptions(resolve(query({ namespaces: ['$namespace'] }), [nsVar(values)]).query, window, {});
    const expr = planQueries(opts).queries[0].expr;
    expect(shape(expr).error).toBe(false);
    // The source-reported part selects the whole namespace set (the destination side is split in parallel parts).
    const regexes = matchers(expr).filter((m) => m.label === 'source_workload_namespace' && m.op === '=~');
    expect(regexes[0].value).toBe(`^(${values.map(escapeRegex).join('|')})$`);
    expect(new RegExp(regexes[0].value).test('a|b')).toBe(true);
    expect(new RegExp(regexes[0].value).test('a')).toBe(false);
  });
});

describe('resolveQuery: other fields', () => {
  it('takes the graph type from a dashboard variable such as $graphType', () => {
    const vars = [{ name: 'graphType', current: { value: 'service' } }];
    const { query: r, notices } = resolve(query({ graphType: '$graphType' }), vars);
    expect(r.graphType).toBe('service');
    expect(notices).toEqual([]);
  });

  it('warns and falls back when a graph type variable holds something else', () => {
    const vars = [{ name: 'graphType', current: { value: '"} or vector(1)' } }];
    const { query: r, notices } = resolve(query({ graphType: '$graphType' }), vars);
    expect(r.graphType).toBe('versionedApp');
    expect(notices.map((n) => n.text).join()).toMatch(/graph type/);
  });

  it('takes the duration from a variable such as $__range', () => {
    const { query: r } = resolveQuery(
      query({ duration: '$__range' }),
      { __range: { text: '3600s', value: '3600s' } },
      new FakeTemplateSrv(),
      {
        scope: [],
      }
    );
    expect(r.durationS).toBe(3600);
  });

  it('falls back to the range for a bad duration, with a warning', () => {
    const { query: r, notices } = resolve(query({ duration: 'soon' }));
    expect(r.durationS).toBeUndefined();
    expect(notices[0].severity).toBe('warning');
  });

  it('merges the query scope labels over the datasource defaults', () => {
    const { query: r } = resolve(
      query({
        scope: [
          { key: 'mesh_id', value: 'mesh2' },
          { key: 'region', value: '$region' },
        ],
      }),
      [{ name: 'region', current: { value: 'eu"west' } }],
      [
        { key: 'mesh_id', value: 'mesh1' },
        { key: 'tenant', value: 't1' },
      ]
    );
    expect(r.scope).toEqual({ mesh_id: 'mesh2', tenant: 't1', region: 'eu"west' });
  });

  it('ignores a scope label with an invalid name, with a warning', () => {
    const { query: r, notices } = resolve(query({ scope: [{ key: 'bad-key"', value: 'x' }] }));
    expect(r.scope).toEqual({});
    expect(notices).toHaveLength(1);
  });

  it('builds a workload node focus in the node namespace', () => {
    const { query: r } = resolve(
      query({ namespaces: ['a', 'b'], node: { kind: 'workload', namespace: '$namespace', name: 'reviews-v1' } }),
      [nsVar('bookinfo')]
    );
    expect(r.node).toEqual({ kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' });
    expect(r.namespaces).toEqual(['bookinfo']);
  });

  it('switches an app node focus to an app graph type', () => {
    const { query: r, notices } = resolve(
      query({ graphType: 'workload', node: { kind: 'app', namespace: 'bookinfo', name: 'reviews', version: 'v2' } })
    );
    expect(r.node).toEqual({ kind: 'app', namespace: 'bookinfo', app: 'reviews', version: 'v2' });
    expect(r.graphType).toBe('versionedApp');
    expect(notices).toHaveLength(1);
  });

  it('ignores an incomplete node focus, with a warning', () => {
    const { query: r, notices } = resolve(query({ node: { kind: 'service', namespace: 'bookinfo', name: '' } }));
    expect(r.node).toBeUndefined();
    expect(notices[0].severity).toBe('warning');
  });

  it('replaces unknown enum values from a hand-edited query with defaults, with warnings', () => {
    const bad = query({
      graphType: 'everything' as never,
      rates: { http: 'x' as never, grpc: 'sent', tcp: 'total' },
      boxBy: ['planet' as never],
    });
    const { query: r, notices } = resolve(bad);
    expect(r.graphType).toBe(DEFAULT_QUERY.graphType);
    expect(r.rates).toEqual({ http: 'requests', grpc: 'sent', tcp: 'total' });
    expect(r.boxBy).toEqual([]);
    expect(notices).toHaveLength(3);
  });

  it('forces service injection for the service graph, as Kiali does', () => {
    expect(resolve(query({ graphType: 'service', injectServiceNodes: false })).query.injectServiceNodes).toBe(true);
  });

  it('turns appender choices into the engine options', () => {
    const { query: r } = resolve(
      query({ responseTime: 'off', throughput: 'request', aggregate: 'request_operation', kubeState: false })
    );
    expect(r.appenders).toMatchObject({
      responseTime: false,
      throughput: 'request',
      aggregate: 'request_operation',
      kubeState: false,
    });
  });

  it('refuses an invalid operation label', () => {
    const { query: r, notices } = resolve(query({ aggregate: 'op"){' }));
    expect(r.appenders.aggregate).toBe(false);
    expect(notices).toHaveLength(1);
  });

  it('fills missing fields of an old query with defaults', () => {
    const { query: r } = resolveQuery({ refId: 'A' }, {}, new FakeTemplateSrv(), { scope: [] });
    expect(r.namespaces).toBe('all');
    expect(r.graphType).toBe(DEFAULT_QUERY.graphType);
  });
});

describe('toGraphOptions and toInterpolatedQuery', () => {
  it('puts the window, the tolerances and the parallel queries into GraphOptions', () => {
    const tolerances = [{ code: '5XX', protocol: 'http', direction: '.*', degraded: 1, failure: 2 }];
    const opts = toGraphOptions(resolve(query({ namespaces: ['bookinfo'] })).query, window, {
      healthTolerances: tolerances,
      queryShards: 3,
    });
    expect(opts).toMatchObject({
      namespaces: ['bookinfo'],
      duration: 600,
      queryTime: 1_800_000_000,
      healthTolerances: tolerances,
      queryShards: 3,
    });
    expect(toGraphOptions(resolve(query({ namespaces: ['bookinfo'] })).query, window, {}).queryShards).toBeUndefined();
  });

  it('writes variables back as literal values', () => {
    const q = query({ namespaces: ['$namespace'], duration: '$d' });
    const r = resolve(q, [nsVar(['a', 'b']), { name: 'd', current: { value: '90s' } }]).query;
    expect(toInterpolatedQuery(q, r)).toMatchObject({ namespaces: ['a', 'b'], duration: '1m30s' });
  });
});

describe('resolveQuery: rollup', () => {
  it('takes the mode from the query or a dashboard variable; auto by default; expanded ids stay literal', () => {
    expect(resolve(query()).query.rollup).toBe('auto');
    const v: FakeVariable = { name: 'rollup', current: { value: 'cluster' } };
    const { query: r, notices } = resolve(
      query({ rollup: '$rollup', rollupExpand: ['rollup_namespace_c_$namespace', 'rollup_cluster_c'] }),
      [v, nsVar('shop')]
    );
    expect(notices).toEqual([]);
    expect(r.rollup).toBe('cluster');
    expect(r.rollupExpand).toEqual(['rollup_namespace_c_$namespace', 'rollup_cluster_c']);
    const options = toGraphOptions(r, window, { rollupNodeBudget: 42 });
    expect(options).toMatchObject({ rollup: 'cluster', rollupNodeBudget: 42, rollupExpand: r.rollupExpand });
    expect(toInterpolatedQuery(query({ rollup: '$rollup' }), r).rollup).toBe('cluster');
    // The rollup never changes what is asked of Prometheus.
    expect(planQueries(options).queries.map((q) => q.expr)).toEqual(
      planQueries(toGraphOptions({ ...r, rollup: 'none' }, window, {})).queries.map((q) => q.expr)
    );
  });

  it('falls back to auto for an unknown mode, with a notice', () => {
    const { query: r, notices } = resolve(query({ rollup: 'galaxy' as never }));
    expect(r.rollup).toBe('auto');
    expect(notices.map((n) => n.text)).toEqual(['Unknown rollup "galaxy"; using "auto".']);
  });
});

describe('field groups, one resolver each', () => {
  const ctxWith = (vars: FakeVariable[] = []) => fieldContext({}, new FakeTemplateSrv(vars));
  const texts = (ctx: FieldContext) => ctx.notices.map((n) => n.text);

  it('fieldContext collects variables referenced but not defined, once each', () => {
    const ctx = ctxWith([nsVar('shop')]);
    expect(ctx.scalar('$namespace').value).toBe('shop');
    ctx.scalar('$nope');
    ctx.values('$nope-$other');
    expect([...ctx.unknown]).toEqual(['nope', 'other']);
    expect(ctx.notices).toEqual([]);
  });

  it('resolveNamespaces: literals and variables, deduplicated; any All wins; non-strings skipped', () => {
    expect(resolveNamespaces(['a', '$namespace', 7, 'b'], ctxWith([nsVar(['b', 'a'])]))).toEqual(['a', 'b']);
    expect(resolveNamespaces(['a', ALL_NAMESPACES], ctxWith())).toBe('all');
    expect(resolveNamespaces([], ctxWith())).toEqual([]);
  });

  it('resolveDuration: a duration or a variable holding one; empty or bad = the time range', () => {
    expect(resolveDuration('$d', ctxWith([{ name: 'd', current: { value: '5m' } }]))).toBe(300);
    const ctx = ctxWith();
    expect(resolveDuration('  ', ctx)).toBeUndefined();
    expect(resolveDuration(undefined, ctx)).toBeUndefined();
    expect(ctx.notices).toEqual([]);
    expect(resolveDuration('soon', ctx)).toBeUndefined();
    expect(texts(ctx)).toEqual([
      'Duration "soon" is not a Prometheus duration (e.g. 10m); using the dashboard time range.',
    ]);
  });

  it('resolveGraphType: literal or variable; anything else = the default, with a warning', () => {
    expect(resolveGraphType('$t', ctxWith([{ name: 't', current: { value: 'workload' } }]))).toBe('workload');
    const ctx = ctxWith();
    expect(resolveGraphType('galaxy', ctx)).toBe(DEFAULT_GRAPH_TYPE);
    expect(texts(ctx)).toEqual([`Unknown graph type "galaxy"; using "${DEFAULT_GRAPH_TYPE}".`]);
  });

  it('resolveTraffic: rates per protocol and ambient traffic, unknown ones replaced by defaults', () => {
    const ctx = ctxWith();
    const r = resolveTraffic(
      { rates: { http: 'none', grpc: 'x' as never, tcp: 'total' }, ambientTraffic: 'y' as never },
      ctx
    );
    expect(r).toEqual({
      rates: { http: 'none', grpc: DEFAULT_QUERY.rates.grpc, tcp: 'total' },
      ambientTraffic: DEFAULT_QUERY.ambientTraffic,
    });
    expect(texts(ctx)).toEqual([
      `Unknown gRPC rate "x"; using "${DEFAULT_QUERY.rates.grpc}".`,
      `Unknown ambient traffic "y"; using "${DEFAULT_QUERY.ambientTraffic}".`,
    ]);
  });

  it('resolveBoxBy: known boxes kept in order, unknown ones dropped with a warning', () => {
    const ctx = ctxWith();
    expect(resolveBoxBy(['app', 'planet' as never, 'cluster'], ctx)).toEqual(['app', 'cluster']);
    expect(texts(ctx)).toEqual(['Unknown box "planet"; ignored.']);
  });

  it('resolveRollup: mode from a variable, auto by default; expanded ids literal, deduplicated, strings only', () => {
    const ctx = ctxWith([{ name: 'r', current: { value: 'namespace' } }]);
    expect(resolveRollup({ rollup: '$r', rollupExpand: ['x_$r', 'x_$r', '', 3 as never] }, ctx)).toEqual({
      rollup: 'namespace',
      rollupExpand: ['x_$r'],
    });
    expect(resolveRollup({}, ctx)).toEqual({ rollup: 'auto', rollupExpand: [] });
    expect(ctx.notices).toEqual([]);
  });

  it('resolveAppenders: off turns an appender off; the operation label must be a label name', () => {
    const ctx = ctxWith([{ name: 'op', current: { value: 'request_operation' } }]);
    const base = { ...DEFAULT_QUERY, responseTime: 'off' as const, throughput: 'request' as const };
    expect(resolveAppenders({ ...base, aggregate: ' $op ', health: false }, ctx)).toEqual({
      responseTime: false,
      throughput: 'request',
      securityPolicy: true,
      aggregate: 'request_operation',
      health: false,
      kubeState: true,
      responseDetails: true,
    });
    expect(resolveAppenders({ ...base, responseTime: '42' as never, aggregate: 'op"' }, ctx)).toMatchObject({
      responseTime: '95',
      aggregate: false,
    });
    expect(texts(ctx)).toEqual([
      'Unknown response time "42"; using "95".',
      'Operation label "op\\"" is not a valid Prometheus label name; operation nodes are off.',
    ]);
  });

  it('resolveScope: the query over the datasource; invalid, reserved and empty keys dropped; All = no matcher', () => {
    const ctx = ctxWith([
      { name: 'm', current: { value: ['m1', 'm2'] }, multi: true },
      { name: 'all', current: { value: ['$__all'] }, includeAll: true, options: [{ value: 'x' }] },
    ]);
    const scope = resolveScope(
      [
        { key: 'tenant', value: 't1' },
        { key: 'region', value: 'eu' },
      ],
      [
        { key: ' mesh_id ', value: '$m' },
        { key: 'bad-key', value: 'x' },
        { key: 'reporter', value: 'x' },
        { key: '', value: 'x' },
        { key: 'region', value: '$all' },
      ],
      ctx
    );
    expect(scope).toEqual({ tenant: 't1', mesh_id: 'm1' });
    expect(ctx.notices).toHaveLength(3);
    expect(texts(ctx)[0]).toBe('Scope label mesh_id got several values; using "m1".');
    expect(texts(ctx)[1]).toMatch(/"bad-key" is not a valid label name/);
    expect(texts(ctx)[2]).toMatch(/^Scope label ignored: /);
  });

  it('resolveNodeFocus: one namespace and one name; an app focus switches to an app graph type', () => {
    const ctx = ctxWith([nsVar(['a', 'b'])]);
    expect(resolveNodeFocus({ kind: 'none', namespace: '', name: '' }, 'workload', ctx)).toEqual({
      graphType: 'workload',
    });
    expect(resolveNodeFocus({ kind: 'service', namespace: '$namespace', name: 'web' }, 'workload', ctx)).toEqual({
      node: { kind: 'service', namespace: 'a', name: 'web' },
      graphType: 'workload',
    });
    expect(resolveNodeFocus({ kind: 'app', namespace: 'shop', name: 'cart' }, 'service', ctx)).toEqual({
      node: { kind: 'app', namespace: 'shop', app: 'cart' },
      graphType: 'app',
    });
    expect(resolveNodeFocus({ kind: 'workload', namespace: 'shop', name: '' }, 'app', ctx)).toEqual({
      graphType: 'app',
    });
    expect(resolveNodeFocus({ kind: 'planet' as never, namespace: 'shop', name: 'x' }, 'app', ctx)).toEqual({
      graphType: 'app',
    });
    expect(ctx.notices.map((n) => n.severity)).toEqual(['warning', 'info', 'warning', 'warning']);
    expect(texts(ctx)[0]).toBe('Node focus takes one namespace and one name; using a/web.');
  });
});
