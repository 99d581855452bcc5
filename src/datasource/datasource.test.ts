import {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceInstanceSettings,
  dateTime,
  FieldType,
  LoadingState,
} from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import type { HttpTransport } from '../engine/client/transport';
import { EdgeField, NodeField } from '../engine/output/frameFields';

import { DataSource } from './datasource';
import { fakePrometheus, requestSeries, Sample } from './testing/fakePrometheus';
import { FakeTemplateSrv, FakeVariable } from './testing/fakeTemplateSrv';
import { DEFAULT_QUERY, MeshgraphOptions, MeshgraphQuery } from './types';

const TO = Date.UTC(2026, 10, 21, 12, 0, 0);
const FROM = TO - 3_600_000;

const productpage = { ns: 'bookinfo', workload: 'productpage-v1', app: 'productpage', version: 'v1' };
const reviews = { ns: 'bookinfo', workload: 'reviews-v1', app: 'reviews', version: 'v1', service: 'reviews' };
const ratings = { ns: 'bookinfo', workload: 'ratings-v1', app: 'ratings', version: 'v1', service: 'ratings' };
const reviewsSource = { ns: 'bookinfo', workload: 'reviews-v1', app: 'reviews', version: 'v1' };

/** productpage → reviews (10 rps, all 200) and reviews → ratings (9 rps 200 + 1 rps 500). */
const TRAFFIC: Sample[] = [
  requestSeries(productpage, reviews, '200', 10),
  requestSeries(reviewsSource, ratings, '200', 9),
  requestSeries(reviewsSource, ratings, '500', 1),
];

/** The traffic query of istio_requests_total (not the mTLS, response-time or kube-state ones). */
const isRequestTraffic = (expr: string) =>
  expr.includes('istio_requests_total') && !expr.includes('connection_security_policy') && !expr.includes('vector(1)');

function settings(jsonData: Partial<MeshgraphOptions> = {}): DataSourceInstanceSettings<MeshgraphOptions> {
  return {
    id: 1,
    uid: 'meshgraph',
    type: 'meshgraph-istio-datasource',
    name: 'Meshgraph',
    url: '/api/datasources/proxy/uid/meshgraph',
    access: 'proxy',
    jsonData: { scrapeInterval: '15s', ...jsonData },
    meta: {} as DataSourceInstanceSettings['meta'],
    readOnly: false,
  };
}

function makeDs(transport: HttpTransport, vars: FakeVariable[] = [], jsonData: Partial<MeshgraphOptions> = {}) {
  const srv = new FakeTemplateSrv(vars);
  const prefixes: Array<string | undefined> = [];
  const ds = new DataSource(settings(jsonData), {
    transport: (prefix) => {
      prefixes.push(prefix);
      return transport;
    },
    templateSrv: () => srv,
    now: () => TO,
  });
  return { ds, srv, prefixes };
}

function request(targets: Array<Partial<MeshgraphQuery>>): DataQueryRequest<MeshgraphQuery> {
  return {
    requestId: 'Q1',
    interval: '15s',
    intervalMs: 15_000,
    range: { from: dateTime(FROM), to: dateTime(TO), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ ...DEFAULT_QUERY, refId: String.fromCharCode(65 + i), ...t })),
    timezone: 'utc',
    app: 'dashboard',
    startTime: TO,
    panelId: 7,
    dashboardUID: 'dash',
  };
}

/** A workload graph without appenders that need more fixtures: the traffic alone decides the nodes. */
const WORKLOAD_QUERY: Partial<MeshgraphQuery> = {
  namespaces: ['$namespace'],
  graphType: 'workload',
  injectServiceNodes: false,
  boxBy: [],
};

const field = (frame: DataFrame, name: string) => frame.fields.find((f) => f.name === name);

describe('DataSource.query', () => {
  it('builds Node Graph frames from the Istio telemetry', async () => {
    const prom = fakePrometheus({ query: (expr) => (isRequestTraffic(expr) ? TRAFFIC : []) });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const res: DataQueryResponse = await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));

    expect(res.errors ?? []).toEqual([]);
    expect(res.state).toBe(LoadingState.Done);
    const [nodes, edges] = res.data as DataFrame[];
    expect(nodes.name).toBe('nodes');
    expect(edges.name).toBe('edges');
    for (const frame of [nodes, edges]) {
      expect(frame.refId).toBe('A');
      expect(frame.meta?.preferredVisualisationType).toBe('nodeGraph');
    }
    // Node Graph contract fields.
    for (const name of ['id', 'title', 'subtitle', 'mainstat', 'secondarystat', 'arc__healthy', 'arc__degraded', 'arc__failure', 'arc__idle', 'color']) {
      expect(field(nodes, name)).toBeDefined();
    }
    for (const name of ['id', 'source', 'target', 'mainstat', 'secondarystat', 'thickness', 'color', 'strokedasharray']) {
      expect(field(edges, name)).toBeDefined();
    }
    expect(field(nodes, 'arc__healthy')!.type).toBe(FieldType.number);
    // Three workloads and two edges, from the three series (two share source and destination).
    expect(nodes.length).toBe(3);
    expect(edges.length).toBe(2);
    expect([...field(nodes, NodeField.workload)!.values].sort()).toEqual(['productpage-v1', 'ratings-v1', 'reviews-v1']);
    // productpage → reviews: 10 rps, no errors; reviews → ratings: 9 + 1 = 10 rps of which 1 is a 500 → 10 % errors.
    expect([...field(edges, EdgeField.rate)!.values]).toEqual([10, 10]);
    const errs = field(edges, EdgeField.percentErr)!.values as number[];
    expect([...errs].sort((a, b) => a - b)).toEqual([0, 10]);
  });

  it('queries at the end of the range over the whole range, with the namespace as a literal', async () => {
    const prom = fakePrometheus({ query: () => [] });
    const { ds, prefixes } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'book"info' } }]);
    await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));
    const traffic = prom.requests.find((r) => r.expr && isRequestTraffic(r.expr))!;
    expect(traffic.time).toBe(String(TO / 1000));
    expect(traffic.expr).toContain('[3600s]');
    expect(traffic.expr).toContain('destination_workload_namespace="book\\"info"');
    expect(traffic.method).toBe('POST');
    expect(traffic.contentType).toBe('application/x-www-form-urlencoded');
    // One transport per query, with a request-id prefix bound to the panel and refId.
    expect(prefixes).toEqual(['meshgraph-dash-panel7-A']);
  });

  it('adds data links to the Istio dashboards on the node id field', async () => {
    const prom = fakePrometheus({ query: (expr) => (isRequestTraffic(expr) ? TRAFFIC : []) });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }], {
      workloadDashboardUid: 'wl-uid',
      serviceDashboardUid: 'svc-uid',
    });
    const res = await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));
    const links = field((res.data as DataFrame[])[0], 'id')!.config.links!;
    expect(links.map((l) => l.title)).toEqual(['Istio workload dashboard', 'Istio service dashboard']);
    expect(links[0].url).toBe(
      '/d/wl-uid?var-namespace=${__data.fields.namespace:percentencode}&var-workload=${__data.fields.workload:percentencode}&${__url_time_range}'
    );
    expect(links[1].url).toContain('/d/svc-uid?var-service=${__data.fields.service:percentencode}.${__data.fields.namespace:percentencode}.svc.cluster.local');
  });

  it('renders the rest and warns when one planned query fails', async () => {
    const prom = fakePrometheus({
      query: (expr) => {
        // The TCP traffic query (Kiali reads "sent" TCP rates from istio_tcp_received_bytes_total).
        if (expr.includes('istio_tcp_') && !expr.includes('connection_security_policy')) {
          return { status: 422, body: JSON.stringify({ status: 'error', errorType: 'execution', error: 'query too heavy' }) };
        }
        return isRequestTraffic(expr) ? TRAFFIC : [];
      },
    });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const res = await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));
    expect(res.errors ?? []).toEqual([]);
    const nodes = (res.data as DataFrame[])[0];
    expect(nodes.length).toBe(3);
    const warnings = (nodes.meta?.notices ?? []).filter((n) => n.severity === 'warning').map((n) => n.text);
    expect(warnings.some((t) => t.includes('query too heavy'))).toBe(true);
  });

  it('reports an error with a readable message when every planned query fails', async () => {
    const prom = fakePrometheus({ query: () => ({ status: 401, statusText: 'Unauthorized', body: 'Unauthorized' }) });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const res = await lastValueFrom(ds.query(request([WORKLOAD_QUERY])));
    expect(res.state).toBe(LoadingState.Error);
    expect(res.data).toEqual([]);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].refId).toBe('A');
    expect(res.errors![0].message).toMatch(/credentials/);
  });

  it('keeps the other queries when one query is invalid', async () => {
    const prom = fakePrometheus({ query: (expr) => (isRequestTraffic(expr) ? TRAFFIC : []) });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const res = await lastValueFrom(ds.query(request([WORKLOAD_QUERY, { ...WORKLOAD_QUERY, namespaces: [] }])));
    expect(res.errors!.map((e) => e.refId)).toEqual(['B']);
    expect(res.errors![0].message).toMatch(/No namespace selected/);
    expect((res.data as DataFrame[]).map((f) => f.refId)).toEqual(['A', 'A']);
  });

  it('shows the window clamp and settings problems as notices', async () => {
    const prom = fakePrometheus({ query: (expr) => (isRequestTraffic(expr) ? TRAFFIC : []) });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const res = await lastValueFrom(ds.query(request([{ ...WORKLOAD_QUERY, duration: '10s' }])));
    const texts = ((res.data as DataFrame[])[0].meta?.notices ?? []).map((n) => n.text);
    expect(texts.some((t) => t.includes('twice the scrape interval'))).toBe(true);
    const traffic = prom.requests.find((r) => r.expr && isRequestTraffic(r.expr))!;
    expect(traffic.expr).toContain('[30s]');
  });

  it('skips hidden queries', async () => {
    const prom = fakePrometheus({ query: () => [] });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const res = await lastValueFrom(ds.query(request([{ ...WORKLOAD_QUERY, hide: true }])));
    expect(res.data).toEqual([]);
    expect(prom.requests).toEqual([]);
  });

  it('aborts the in-flight requests when the subscriber unsubscribes', async () => {
    const signals: AbortSignal[] = [];
    let settled = 0;
    const hanging: HttpTransport = (req) =>
      new Promise((_, reject) => {
        signals.push(req.signal!);
        req.signal!.addEventListener('abort', () => {
          settled++;
          const e = new Error('aborted');
          e.name = 'AbortError';
          reject(e);
        });
      });
    const { ds } = makeDs(hanging, [{ name: 'namespace', current: { value: 'bookinfo' } }]);
    const next = jest.fn();
    const error = jest.fn();
    const sub = ds.query(request([WORKLOAD_QUERY])).subscribe({ next, error });
    // Let every planned query reach the transport.
    await new Promise((r) => setTimeout(r, 10));
    expect(signals.length).toBeGreaterThan(1);
    expect(signals.every((s) => !s.aborted)).toBe(true);
    sub.unsubscribe();
    await new Promise((r) => setTimeout(r, 10));
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(settled).toBe(signals.length);
    expect(next).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});

describe('DataSource variables and interpolation', () => {
  it('applyTemplateVariables writes literal namespaces for the inspector and Explore', () => {
    const prom = fakePrometheus({});
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: ['a', 'b'] }, multi: true }]);
    const q = ds.applyTemplateVariables({ ...DEFAULT_QUERY, refId: 'A', namespaces: ['$namespace'] }, {});
    expect(q.namespaces).toEqual(['a', 'b']);
    const [i] = ds.interpolateVariablesInQueries([{ ...DEFAULT_QUERY, refId: 'A', namespaces: ['$namespace'] }], {});
    expect(i.namespaces).toEqual(['a', 'b']);
    expect(i.datasource).toEqual({ type: 'meshgraph-istio-datasource', uid: 'meshgraph' });
  });

  it('previews the planned PromQL without calling Prometheus', () => {
    const prom = fakePrometheus({});
    const { ds } = makeDs(prom.transport);
    const preview = ds.previewQueries({ ...DEFAULT_QUERY, refId: 'A', namespaces: ['bookinfo'] });
    expect(preview.error).toBeUndefined();
    expect(preview.queries.length).toBeGreaterThan(0);
    expect(preview.queries[0].expr).toContain('"bookinfo"');
    expect(prom.requests).toEqual([]);
  });

  it('lists namespaces from three labels, sorted, without "unknown", with escaped scope labels', async () => {
    const prom = fakePrometheus({
      labelValues: (label) =>
        ({
          source_workload_namespace: ['unknown', 'bookinfo', 'istio-system'],
          destination_workload_namespace: ['bookinfo', 'shop'],
          destination_service_namespace: ['shop', 'unknown', 'zeta'],
        })[label] ?? [],
    });
    const { ds } = makeDs(prom.transport, [], { scopeLabels: [{ key: 'mesh_id', value: 'm"1' }] });
    expect(await ds.listNames('namespaces', '', undefined, undefined)).toEqual(['bookinfo', 'istio-system', 'shop', 'zeta']);
    const paths = prom.requests.map((r) => decodeURIComponent(r.path));
    expect(paths[0]).toContain('match[]=istio_requests_total{mesh_id="m\\"1"}');
    expect(paths[0]).toContain('match[]=istio_tcp_sent_bytes_total{mesh_id="m\\"1"}');
    expect(prom.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('lists the workloads of a multi-value $namespace, each namespace an escaped exact matcher', async () => {
    const matches: string[][] = [];
    const prom = fakePrometheus({
      labelValues: (label, match) => {
        matches.push(match);
        return label === 'source_workload' ? ['productpage-v1'] : ['reviews-v1', 'productpage-v1'];
      },
    });
    const { ds } = makeDs(prom.transport, [{ name: 'namespace', current: { value: ['bookinfo', '"} or vector(1)'] }, multi: true }]);
    expect(await ds.listNames('workloads', '$namespace', undefined, undefined)).toEqual(['productpage-v1', 'reviews-v1']);
    expect(matches[0]).toEqual([
      'istio_requests_total{source_workload_namespace="bookinfo"}',
      'istio_requests_total{source_workload_namespace="\\"} or vector(1)"}',
      'istio_tcp_sent_bytes_total{source_workload_namespace="bookinfo"}',
      'istio_tcp_sent_bytes_total{source_workload_namespace="\\"} or vector(1)"}',
    ]);
  });

  it('answers variable queries through the custom variable support', async () => {
    const prom = fakePrometheus({ labelValues: (label) => (label === 'destination_service_name' ? ['reviews', 'ratings'] : []) });
    const { ds } = makeDs(prom.transport);
    const variables = ds.variables as unknown as { query: (r: unknown) => import('rxjs').Observable<DataQueryResponse> };
    const res = await lastValueFrom(
      variables.query({ ...request([]), targets: [{ refId: 'v', kind: 'services', namespace: 'bookinfo' }] })
    );
    expect(res.data).toEqual([
      { text: 'ratings', value: 'ratings' },
      { text: 'reviews', value: 'reviews' },
    ]);
  });
});

describe('DataSource.testDatasource', () => {
  const counts = (requests: number, tcp: number, kube: number) => (expr: string) => {
    if (expr === 'vector(1)') {
      return [{ metric: {}, value: 1 }];
    }
    const n = expr.includes('istio_requests_total') ? requests : expr.includes('istio_tcp_sent_bytes_total') ? tcp : kube;
    return n > 0 ? [{ metric: {}, value: n }] : [];
  };

  it('reports series, namespaces and kube-state-metrics when all is well', async () => {
    const prom = fakePrometheus({
      query: counts(1234, 5, 12),
      labelValues: (label) => (label === 'destination_service_namespace' ? ['bookinfo', 'shop'] : ['bookinfo']),
    });
    const { ds } = makeDs(prom.transport);
    const r = await ds.testDatasource();
    expect(r.status).toBe('success');
    expect(r.message).toContain('1,234 Istio request series');
    expect(r.message).toContain('2 namespaces (bookinfo, shop)');
    expect(r.message).toContain('kube-state-metrics found');
  });

  it('says when kube-state-metrics is missing, still successfully', async () => {
    const prom = fakePrometheus({ query: counts(10, 0, 0), labelValues: () => ['bookinfo'] });
    const r = await makeDs(prom.transport).ds.testDatasource();
    expect(r.status).toBe('success');
    expect(r.message).toContain('kube-state-metrics not found');
  });

  it('fails clearly on a Prometheus without Istio metrics', async () => {
    const prom = fakePrometheus({ query: counts(0, 0, 3) });
    const r = await makeDs(prom.transport).ds.testDatasource();
    expect(r.status).toBe('error');
    expect(r.message).toContain('no Istio metrics');
  });

  it.each([
    ['an HTML page (wrong URL)', { status: 200, body: '<!doctype html><html><title>Grafana</title></html>' }, /HTML page/],
    ['a 404 (wrong path)', { status: 404, statusText: 'Not Found', body: '404 page not found' }, /does not point at a Prometheus API/],
    ['a 401 (auth)', { status: 401, statusText: 'Unauthorized', body: 'Unauthorized' }, /credentials/],
    ['a 403 (auth)', { status: 403, statusText: 'Forbidden', body: 'denied' }, /credentials/],
    ['a 502 from the data proxy', { status: 502, statusText: 'Bad Gateway', body: '' }, /could not reach the datasource URL/],
  ])('fails clearly on %s', async (_case, response, message) => {
    const prom = fakePrometheus({ query: () => response });
    const r = await makeDs(prom.transport).ds.testDatasource();
    expect(r.status).toBe('error');
    expect(r.message).toMatch(message);
  });

  it('fails clearly when the network fails', async () => {
    const broken: HttpTransport = async () => {
      throw new Error('connection reset');
    };
    const r = await makeDs(broken).ds.testDatasource();
    expect(r.status).toBe('error');
    expect(r.message).toBe('Cannot reach Prometheus: connection reset');
  });
});
