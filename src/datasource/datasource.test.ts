// Long on purpose: the datasource's calls through Grafana's API (queries, resources, health) share one fake backend.
import {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceInstanceSettings,
  dateTime,
  FieldType,
  LoadingState,
} from '@grafana/data';
import { lastValueFrom, Observable } from 'rxjs';

import { DataSource } from './datasource';
import { installFakeBackendSrv, RecordedCall, Reply, Route } from './testing/fakeBackendSrv';
import { FakeTemplateSrv, FakeVariable } from './testing/fakeTemplateSrv';
import { NAMES_RESOURCE, PLAN_RESOURCE, PlanRequest } from './resources';
import { ALL_NAMESPACES, DEFAULT_QUERY, MeshgraphOptions, MeshgraphQuery } from './types';

const TO = Date.UTC(2026, 10, 21, 12, 0, 0);
const FROM = TO - 3_600_000;
const UID = 'meshgraph';
const RESOURCES = `/api/datasources/uid/${UID}/resources`;

function settings(jsonData: Partial<MeshgraphOptions> = {}): DataSourceInstanceSettings<MeshgraphOptions> {
  return {
    id: 1,
    uid: UID,
    type: 'meshgraph-istio-datasource',
    name: 'Meshgraph',
    url: 'http://prometheus:9090',
    access: 'proxy',
    jsonData: { scrapeInterval: '15s', ...jsonData },
    meta: { id: 'meshgraph-istio-datasource', info: { version: '1.0.0' } } as DataSourceInstanceSettings['meta'],
    readOnly: false,
  };
}

function makeDs(route: Route, vars: FakeVariable[] = []) {
  const backend = installFakeBackendSrv(route);
  const srv = new FakeTemplateSrv(vars);
  const ds = new DataSource(settings(), { templateSrv: () => srv, now: () => TO });
  return { ds, srv, calls: backend.calls };
}

function request(
  targets: Array<Partial<MeshgraphQuery>>,
  extra: Partial<DataQueryRequest<MeshgraphQuery>> = {}
): DataQueryRequest<MeshgraphQuery> {
  return {
    requestId: 'Q1',
    interval: '15s',
    intervalMs: 15_000,
    maxDataPoints: 500,
    range: { from: dateTime(FROM), to: dateTime(TO), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {
      __interval: { text: '15s', value: '15s' },
      __interval_ms: { text: '15000', value: 15000 },
    },
    targets: targets.map((t, i) => ({ ...DEFAULT_QUERY, refId: String.fromCharCode(65 + i), ...t })),
    timezone: 'utc',
    app: 'dashboard',
    startTime: TO,
    panelId: 7,
    dashboardUID: 'dash',
    ...extra,
  };
}

/** Frames as the backend's QueryData answer carries them (Grafana's data frame JSON). */
const NODES_JSON = {
  schema: {
    name: 'nodes',
    refId: 'A',
    meta: {
      preferredVisualisationType: 'nodeGraph',
      notices: [{ severity: 'info', text: 'kube-state-metrics not found' }],
    },
    fields: [
      { name: 'id', type: 'string', config: { links: [{ title: 'Istio workload dashboard', url: '/d/x' }] } },
      { name: 'mainstat', type: 'number', config: {} },
    ],
  },
  data: {
    values: [
      ['n1', 'n2'],
      [10, 9.5],
    ],
  },
};
const EDGES_JSON = {
  schema: {
    name: 'edges',
    refId: 'A',
    meta: { preferredVisualisationType: 'nodeGraph' },
    fields: [
      { name: 'id', type: 'string', config: {} },
      { name: 'source', type: 'string', config: {} },
      { name: 'target', type: 'string', config: {} },
    ],
  },
  data: { values: [['e1'], ['n1'], ['n2']] },
};

const isQuery = (c: RecordedCall) => c.path === '/api/ds/query';
const sentQueries = (calls: RecordedCall[]) =>
  (calls.find(isQuery)!.data as { queries: Array<MeshgraphQuery & Record<string, unknown>> }).queries;

/** Answers /api/ds/query with the two frames for every query sent. */
const graphBackend: Route = (call) => {
  if (isQuery(call)) {
    const { queries } = call.data as { queries: Array<{ refId: string }> };
    return {
      data: {
        results: Object.fromEntries(queries.map((q) => [q.refId, { status: 200, frames: [NODES_JSON, EDGES_JSON] }])),
      },
    };
  }
  return { status: 404, data: { message: 'Not found' } };
};

const WORKLOAD_QUERY: Partial<MeshgraphQuery> = { namespaces: ['$namespace'], graphType: 'workload' };
const BOOKINFO: FakeVariable = { name: 'namespace', current: { value: 'bookinfo' } };

describe('DataSource.query (the backend builds the graph)', () => {
  it("posts the queries to Grafana's /api/ds/query and decodes the frames it answers", async () => {
    const { ds, calls } = makeDs(graphBackend, [BOOKINFO]);
    const res: DataQueryResponse = await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));

    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe('/api/ds/query?ds_type=meshgraph-istio-datasource&requestId=Q1');
    expect(calls[0].headers).toMatchObject({ 'X-Datasource-Uid': UID, 'X-Plugin-Id': 'meshgraph-istio-datasource' });
    const body = calls[0].data as { from: string; to: string; queries: Array<Record<string, unknown>> };
    expect(body.from).toBe(String(FROM));
    expect(body.to).toBe(String(TO));
    expect(body.queries).toHaveLength(1);
    expect(body.queries[0]).toMatchObject({
      refId: 'A',
      namespaces: ['bookinfo'],
      graphType: 'workload',
      datasource: { type: 'meshgraph-istio-datasource', uid: UID },
      intervalMs: 15_000,
      maxDataPoints: 500,
    });

    expect(res.state).toBe(LoadingState.Done);
    expect(res.errors ?? []).toEqual([]);
    const [nodes, edges] = res.data as DataFrame[];
    expect(nodes.name).toBe('nodes');
    expect(edges.name).toBe('edges');
    expect(nodes.refId).toBe('A');
    expect(nodes.meta?.preferredVisualisationType).toBe('nodeGraph');
    expect(nodes.meta?.notices).toEqual([{ severity: 'info', text: 'kube-state-metrics not found' }]);
    expect(nodes.fields.map((f) => [f.name, f.type])).toEqual([
      ['id', FieldType.string],
      ['mainstat', FieldType.number],
    ]);
    expect([...nodes.fields[1].values]).toEqual([10, 9.5]);
    expect(nodes.fields[0].config.links?.[0].title).toBe('Istio workload dashboard');
    expect(edges.length).toBe(1);
  });

  it('sends the query type and metric of an alert-ready query as they are', async () => {
    const { ds, calls } = makeDs(graphBackend, [BOOKINFO]);
    await lastValueFrom(ds.query(request([{ ...WORKLOAD_QUERY, queryType: 'edgeMetrics', metric: 'errorRate' }])));
    expect(sentQueries(calls)[0]).toMatchObject({ queryType: 'edgeMetrics', metric: 'errorRate' });
  });

  it('sends dashboard variables as literal values, hostile ones included, never as PromQL', async () => {
    const hostile = '"} or vector(1) #';
    const { ds, calls } = makeDs(graphBackend, [
      { name: 'namespace', current: { value: ['bookinfo', hostile] }, multi: true },
      { name: 'graphType', current: { value: 'app' } },
      { name: 'mesh', current: { value: 'm"1' } },
      { name: 'workload', current: { value: 'reviews-v1' } },
    ]);
    await lastValueFrom(
      ds.query(
        request([
          {
            namespaces: ['$namespace', 'shop'],
            graphType: '$graphType',
            scope: [{ key: 'mesh_id', value: '$mesh' }],
            node: { kind: 'workload', namespace: 'bookinfo', name: '$workload' },
          },
        ])
      )
    );
    const [sent] = sentQueries(calls);
    expect(sent.namespaces).toEqual(['bookinfo', hostile, 'shop']);
    expect(sent.graphType).toBe('app');
    expect(sent.scope).toEqual([{ key: 'mesh_id', value: 'm"1' }]);
    expect(sent.node).toEqual({ kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' });
    expect(JSON.stringify(sent)).not.toMatch(/istio_|\{[a-z_]+=/);
  });

  it('sends "All" as the all-namespaces token', async () => {
    const { ds, calls } = makeDs(graphBackend, [
      { name: 'namespace', current: { value: '$__all' }, includeAll: true, options: [{ value: 'a' }, { value: 'b' }] },
    ]);
    await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));
    expect(sentQueries(calls)[0].namespaces).toEqual([ALL_NAMESPACES]);
  });

  it.each(['$__rate_interval', '${__rate_interval}', '$__range', '$__range_s'])(
    'leaves the interval variable %s of the duration to the backend',
    async (duration) => {
      const { ds, calls } = makeDs(graphBackend, [BOOKINFO]);
      await lastValueFrom(ds.query(request([{ ...WORKLOAD_QUERY, duration }])));
      expect(sentQueries(calls)[0].duration).toBe(duration.replace(/[{}]/g, ''));
    }
  );

  it("resolves dashboard variables and Grafana's $__interval in the duration", async () => {
    const { ds, calls } = makeDs(graphBackend, [BOOKINFO, { name: 'window', current: { value: '10m' } }]);
    await lastValueFrom(
      ds.query(
        request([
          { ...WORKLOAD_QUERY, duration: '$window' },
          { ...WORKLOAD_QUERY, duration: '$__interval' },
        ])
      )
    );
    expect(sentQueries(calls).map((q) => q.duration)).toEqual(['10m', '15s']);
  });

  it('does not send hidden queries, and sends nothing when every query is hidden', async () => {
    const { ds, calls } = makeDs(graphBackend, [BOOKINFO]);
    await lastValueFrom(ds.query(request([{ ...WORKLOAD_QUERY, hide: true }, WORKLOAD_QUERY])));
    expect(sentQueries(calls).map((q) => q.refId)).toEqual(['B']);
    const res = await lastValueFrom(ds.query(request([{ ...WORKLOAD_QUERY, hide: true }])));
    expect(res.data).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("keeps the other queries' frames when the backend fails one query", async () => {
    const { ds } = makeDs(
      (call) => ({
        data: {
          results: {
            A: { status: 200, frames: [NODES_JSON, EDGES_JSON] },
            B: { status: 400, error: 'No namespace selected: choose one or more namespaces.' },
          },
        },
      }),
      [BOOKINFO]
    );
    const res = await lastValueFrom(ds.query(request([WORKLOAD_QUERY, { ...WORKLOAD_QUERY, namespaces: [] }])));
    expect(res.state).toBe(LoadingState.Error);
    expect(res.errors).toEqual([
      expect.objectContaining({ refId: 'B', message: expect.stringMatching(/No namespace selected/) }),
    ]);
    expect((res.data as DataFrame[]).map((f) => f.name)).toEqual(['nodes', 'edges']);
  });

  it.each<[string, Reply, RegExp]>([
    [
      'the plugin is not running',
      { status: 500, statusText: 'Internal Server Error', data: { message: 'Plugin unavailable' } },
      /Plugin unavailable/,
    ],
    ['Grafana answers without a body', { status: 502, statusText: 'Bad Gateway' }, /Bad Gateway/],
  ])('reports a readable error when %s', async (_case, reply, message) => {
    const { ds } = makeDs(() => reply, [BOOKINFO]);
    const res = await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));
    expect(res.state).toBe(LoadingState.Error);
    expect(res.error?.message).toMatch(message);
  });
});

describe('DataSource variables and interpolation', () => {
  it('interpolateVariablesInQueries writes literal values for Explore and the inspector', () => {
    const { ds } = makeDs(graphBackend, [{ name: 'namespace', current: { value: ['a', 'b'] }, multi: true }]);
    const q = ds.applyTemplateVariables({ ...DEFAULT_QUERY, refId: 'A', namespaces: ['$namespace'] }, {});
    expect(q.namespaces).toEqual(['a', 'b']);
    const [i] = ds.interpolateVariablesInQueries([{ ...DEFAULT_QUERY, refId: 'A', namespaces: ['$namespace'] }], {});
    expect(i.namespaces).toEqual(['a', 'b']);
    expect(i.datasource).toEqual({ type: 'meshgraph-istio-datasource', uid: UID });
  });

  it('fills an older saved query with the defaults', () => {
    const { ds } = makeDs(graphBackend);
    const q = ds.applyTemplateVariables({ refId: 'A', namespaces: ['bookinfo'] } as MeshgraphQuery, {});
    expect(q).toEqual({ ...DEFAULT_QUERY, refId: 'A', namespaces: ['bookinfo'] });
  });

  it('offers the dashboard variables by name', () => {
    const { ds } = makeDs(graphBackend, [BOOKINFO, { name: 'graphType', current: { value: 'app' } }]);
    expect(ds.templateVariableNames()).toEqual(['$namespace', '$graphType']);
  });
});

describe('DataSource.listNames (the names resource)', () => {
  const names =
    (list: string[]): Route =>
    (call) =>
      call.path === `${RESOURCES}/${NAMES_RESOURCE}`
        ? { data: { names: list } }
        : { status: 404, data: { message: 'no' } };

  it('asks for namespaces over the given range', async () => {
    const { ds, calls } = makeDs(names(['bookinfo', 'shop']));
    expect(await ds.listNames('namespaces', '', { from: FROM, to: TO }, undefined)).toEqual(['bookinfo', 'shop']);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('GET');
    expect(calls[0].url).toBe(`${RESOURCES}/names?kind=namespaces&from=${FROM}&to=${TO}`);
  });

  it('defaults to the last hour', async () => {
    const { ds, calls } = makeDs(names([]));
    await ds.listNames('clusters', '', undefined, undefined);
    expect(calls[0].params.get('from')).toBe(String(TO - 3_600_000));
    expect(calls[0].params.get('to')).toBe(String(TO));
  });

  it('sends each value of a multi-value $namespace as one literal parameter', async () => {
    const { ds, calls } = makeDs(names(['productpage-v1']), [
      { name: 'namespace', current: { value: ['bookinfo', '"} or vector(1)'] }, multi: true },
    ]);
    expect(await ds.listNames('workloads', '$namespace', undefined, undefined)).toEqual(['productpage-v1']);
    expect(calls[0].params.get('kind')).toBe('workloads');
    expect(calls[0].params.getAll('namespace')).toEqual(['bookinfo', '"} or vector(1)']);
  });

  it('sends no namespace for "All", and asks nothing for an empty selection', async () => {
    const { ds, calls } = makeDs(names(['a']), [
      { name: 'all', current: { value: '$__all' }, includeAll: true },
      { name: 'none', current: { value: [] }, multi: true },
    ]);
    await ds.listNames('services', '$all', undefined, undefined);
    expect(calls[0].params.has('namespace')).toBe(false);
    expect(await ds.listNames('services', '$none', undefined, undefined)).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("rejects with the backend's message", async () => {
    const { ds } = makeDs(() => ({ status: 502, data: { message: 'Cannot reach Prometheus: connection refused' } }));
    await expect(ds.listNames('namespaces', '', undefined, undefined)).rejects.toThrow(
      'Cannot reach Prometheus: connection refused'
    );
  });

  it("rejects readably when Grafana's server cannot be reached", async () => {
    const { ds } = makeDs(() => 'network-error');
    await expect(ds.listNames('namespaces', '', undefined, undefined)).rejects.toThrow(
      /Listing namespaces failed: Grafana's server could not be reached/
    );
  });

  it('rejects an answer without names', async () => {
    const { ds } = makeDs(() => ({ data: '<html>login</html>' }));
    await expect(ds.listNames('namespaces', '', undefined, undefined)).rejects.toThrow(/has no names/);
  });

  it('answers variable queries through the custom variable support, and aborts on unsubscribe', async () => {
    const { ds, calls } = makeDs(names(['reviews', 'ratings']), [BOOKINFO]);
    const variables = ds.variables as unknown as { query: (r: unknown) => Observable<DataQueryResponse> };
    const res = await lastValueFrom(
      variables.query({
        targets: [{ refId: 'v', kind: 'services', namespace: '$namespace' }],
        range: { from: FROM, to: TO },
      })
    );
    expect(res.data).toEqual([
      { text: 'reviews', value: 'reviews' },
      { text: 'ratings', value: 'ratings' },
    ]);
    expect(calls[0].params.getAll('namespace')).toEqual(['bookinfo']);

    const hanging = makeDs(() => 'hang');
    const v2 = hanging.ds.variables as unknown as { query: (r: unknown) => Observable<DataQueryResponse> };
    const sub = v2.query({ targets: ['namespaces'] }).subscribe({ error: () => undefined });
    await new Promise((r) => setTimeout(r, 0));
    sub.unsubscribe();
    expect(hanging.calls[0].abortSignal?.aborted).toBe(true);
  });

  it('turns a failed variable look-up into an error with the message', async () => {
    const { ds } = makeDs(() => ({
      status: 500,
      data: { message: 'Prometheus answered HTTP 401: check the credentials' },
    }));
    const variables = ds.variables as unknown as { query: (r: unknown) => Observable<DataQueryResponse> };
    await expect(lastValueFrom(variables.query({ targets: ['namespaces'] }))).rejects.toEqual({
      message: 'Prometheus answered HTTP 401: check the credentials',
    });
  });
});

describe('DataSource.previewQueries (the plan resource)', () => {
  const plan: Route = (call) =>
    call.path === `${RESOURCES}/${PLAN_RESOURCE}`
      ? { data: { queries: [{ id: 'http', purpose: 'HTTP traffic', expr: 'sum(rate(x[1h]))' }], notices: [] } }
      : { status: 404, data: { message: 'no' } };

  it('posts the query with literal values, the range and the interval', async () => {
    const { ds, calls } = makeDs(plan, [BOOKINFO]);
    const preview = await ds.previewQueries(
      { ...DEFAULT_QUERY, refId: 'A', namespaces: ['$namespace'], duration: '$__rate_interval' },
      { from: FROM, to: TO },
      30_000
    );
    expect(preview).toEqual({
      queries: [{ id: 'http', purpose: 'HTTP traffic', expr: 'sum(rate(x[1h]))' }],
      notices: [],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    const body = calls[0].data as PlanRequest;
    expect(body.from).toBe(FROM);
    expect(body.to).toBe(TO);
    expect(body.intervalMs).toBe(30_000);
    expect(body.query.namespaces).toEqual(['bookinfo']);
    expect(body.query.duration).toBe('$__rate_interval');
  });

  it("returns the backend's reason when no plan can be made", async () => {
    const { ds } = makeDs(() => ({ data: { queries: [], notices: [], error: 'No namespace selected' } }));
    expect((await ds.previewQueries({ ...DEFAULT_QUERY, refId: 'A', namespaces: [] })).error).toBe(
      'No namespace selected'
    );
  });

  it.each<[string, Reply, RegExp]>([
    ['an error answer', { status: 400, data: { message: 'The query is not a JSON object.' } }, /not a JSON object/],
    ['an unreachable server', 'network-error', /could not be reached/],
    ['a bare HTTP error', { status: 503, statusText: 'Service Unavailable' }, /HTTP 503 Service Unavailable/],
  ])('never rejects on %s', async (_case, reply, message) => {
    const { ds } = makeDs(() => reply);
    const preview = await ds.previewQueries({ ...DEFAULT_QUERY, refId: 'A' });
    expect(preview.queries).toEqual([]);
    expect(preview.error).toMatch(message);
  });
});

describe('DataSource.testDatasource (the backend health check)', () => {
  it('succeeds with the message of the backend', async () => {
    const { ds, calls } = makeDs(() => ({ data: { status: 'OK', message: 'Istio metrics found: 12 series.' } }));
    await expect(ds.testDatasource()).resolves.toEqual({
      status: 'success',
      message: 'Istio metrics found: 12 series.',
    });
    expect(calls[0].method).toBe('GET');
    expect(calls[0].path).toBe(`/api/datasources/uid/${UID}/health`);
  });

  it("fails with the backend's message", async () => {
    const { ds } = makeDs(() => ({
      status: 400,
      data: { status: 'ERROR', message: 'Prometheus has no Istio metrics' },
    }));
    await expect(ds.testDatasource()).rejects.toMatchObject({
      status: 'error',
      message: 'Prometheus has no Istio metrics',
    });
  });

  it('fails readably when the backend does not answer', async () => {
    const { ds } = makeDs(() => ({ status: 503, statusText: 'Service Unavailable' }));
    await expect(ds.testDatasource()).rejects.toMatchObject({
      status: 'error',
      message: expect.stringMatching(/no answer from the Meshgraph backend/),
    });
  });
});
