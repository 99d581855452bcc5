import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { DataSourceInstanceSettings } from '@grafana/data';

import { DataSource } from '../datasource';
import { PlanRequest } from '../resources';
import { installDomStubs } from '../testing/domStubs';
import { installFakeBackendSrv, Reply, Route } from '../testing/fakeBackendSrv';
import { FakeTemplateSrv } from '../testing/fakeTemplateSrv';
import { ALL_NAMESPACES, DEFAULT_QUERY, MeshgraphOptions, MeshgraphQuery } from '../types';
import { QueryEditor } from './QueryEditor';

beforeAll(installDomStubs);

const RESOURCES = '/api/datasources/uid/mg/resources';

/** The backend: namespaces from the names resource; a plan whose PromQL carries the query's namespaces. */
const backend: Route = (call) => {
  if (call.path === `${RESOURCES}/names`) {
    return { data: { names: ['bookinfo', 'shop'] } };
  }
  if (call.path === `${RESOURCES}/plan`) {
    const { query } = call.data as PlanRequest;
    if (query.namespaces.length === 0) {
      return { data: { queries: [], notices: [], error: 'No namespace selected: choose one or more namespaces.' } };
    }
    return {
      data: {
        queries: [
          {
            id: 'http',
            purpose: 'HTTP requests',
            expr: `sum(rate(istio_requests_total{destination_workload_namespace=~"${query.namespaces.join('|')}"}[1h]))`,
          },
        ],
        notices: [{ severity: 'info', text: 'Planned by the backend' }],
      },
    };
  }
  return { status: 404, data: { message: 'Not found' } };
};

function makeDatasource(route: Route = backend) {
  const { calls } = installFakeBackendSrv(route);
  const ds = new DataSource(
    {
      id: 1,
      uid: 'mg',
      type: 'meshgraph-istio-datasource',
      name: 'Meshgraph',
      url: 'http://prometheus:9090',
      access: 'proxy',
      jsonData: {},
      meta: {} as DataSourceInstanceSettings['meta'],
      readOnly: false,
    } as DataSourceInstanceSettings<MeshgraphOptions>,
    {
      templateSrv: () =>
        new FakeTemplateSrv([
          { name: 'namespace', current: { value: 'bookinfo' } },
          { name: 'graphType', current: { value: 'app' } },
        ]),
      now: () => Date.UTC(2026, 0, 1),
    }
  );
  return { ds, calls };
}

async function renderEditor(query: Partial<MeshgraphQuery> = {}, route?: Route) {
  const { ds, calls } = makeDatasource(route);
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const q: MeshgraphQuery = { ...DEFAULT_QUERY, refId: 'A', ...query };
  let utils: ReturnType<typeof render> | undefined;
  await act(async () => {
    utils = render(<QueryEditor datasource={ds} query={q} onChange={onChange} onRunQuery={onRunQuery} />);
  });
  return { onChange, onRunQuery, query: q, calls, ...utils! };
}

const openPromql = () => fireEvent.click(screen.getByText('PromQL'));

describe('QueryEditor', () => {
  it('changes the graph type and runs the query', async () => {
    const { onChange, onRunQuery, query } = await renderEditor();
    fireEvent.keyDown(screen.getByLabelText('Graph type'), { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('Workload'));
    expect(onChange).toHaveBeenCalledWith({ ...query, graphType: 'workload' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('offers dashboard variables as the graph type', async () => {
    const { onChange } = await renderEditor();
    fireEvent.keyDown(screen.getByLabelText('Graph type'), { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('$graphType'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ graphType: '$graphType' }));
  });

  it('picks a namespace from the backend\'s names resource, replacing "All"', async () => {
    const { onChange, calls } = await renderEditor({ namespaces: [ALL_NAMESPACES] });
    expect(calls.filter((c) => c.path === `${RESOURCES}/names`).map((c) => c.params.get('kind'))).toEqual([
      'namespaces',
    ]);
    const input = screen.getByLabelText('Namespaces');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('shop'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ namespaces: ['shop'] }));
  });

  it('still edits namespaces when the names resource fails', async () => {
    const { onChange } = await renderEditor({ namespaces: [] }, () => ({
      status: 500,
      data: { message: 'Plugin unavailable' },
    }));
    const input = screen.getByLabelText('Namespaces');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('$namespace'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ namespaces: ['$namespace'] }));
  });

  it('accepts a typed namespace that is not in the list', async () => {
    const { onChange } = await renderEditor({ namespaces: ['bookinfo'] });
    const input = screen.getByLabelText('Namespaces');
    fireEvent.change(input, { target: { value: 'payments' } });
    await waitFor(() => expect(screen.getByText(/payments/)).toBeInTheDocument());
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ namespaces: ['bookinfo', 'payments'] }));
  });

  it('edits the duration without running, and runs on blur', async () => {
    const { onChange, onRunQuery } = await renderEditor();
    const input = screen.getByLabelText('Duration');
    fireEvent.change(input, { target: { value: '10m' } });
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ duration: '10m' }));
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(input);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('switches service-node injection', async () => {
    const { onChange } = await renderEditor({ graphType: 'workload', injectServiceNodes: true });
    fireEvent.click(screen.getByLabelText('Inject service nodes'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ injectServiceNodes: false }));
  });

  it('sets a node focus', async () => {
    const { onChange } = await renderEditor();
    fireEvent.click(screen.getByText('Node focus'));
    fireEvent.click(within(screen.getByLabelText('Node focus kind')).getByLabelText('Service'));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ node: { kind: 'service', namespace: '', name: '' } })
    );
  });
});

describe('QueryEditor query types', () => {
  it('shows a saved query without a query type as a graph, with no number selector', async () => {
    await renderEditor();
    expect(within(screen.getByLabelText('Query type')).getByLabelText('Graph')).toBeChecked();
    expect(screen.queryByLabelText('Edge number')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Box by')).toBeInTheDocument();
  });

  it('switches to edge numbers with the request rate, and runs the query', async () => {
    const { onChange, onRunQuery, query } = await renderEditor();
    fireEvent.click(within(screen.getByLabelText('Query type')).getByLabelText('Edge numbers'));
    expect(onChange).toHaveBeenLastCalledWith({ ...query, queryType: 'edgeMetrics', metric: 'requestRate' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('offers the edge numbers, response time included', async () => {
    const { onChange } = await renderEditor({ queryType: 'edgeMetrics', metric: 'requestRate' });
    expect(screen.queryByLabelText('Box by')).not.toBeInTheDocument();
    fireEvent.keyDown(screen.getByLabelText('Edge number'), { key: 'ArrowDown' });
    expect(await screen.findByText(/response-time statistic/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('Response time'));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ queryType: 'edgeMetrics', metric: 'responseTime' })
    );
  });

  it('offers node health, and keeps a metric both types share when switching', async () => {
    const { onChange } = await renderEditor({ queryType: 'nodeMetrics', metric: 'errorRate' });
    fireEvent.keyDown(screen.getByLabelText('Node number'), { key: 'ArrowDown' });
    expect(await screen.findByText(/0 healthy, 1 degraded, 2 failure/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('Health'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ queryType: 'nodeMetrics', metric: 'health' }));
    fireEvent.click(within(screen.getByLabelText('Query type')).getByLabelText('Edge numbers'));
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ queryType: 'edgeMetrics', metric: 'errorRate' })
    );
  });

  it('drops the metric when going back to the graph', async () => {
    const { onChange, query } = await renderEditor({ queryType: 'nodeMetrics', metric: 'health' });
    fireEvent.click(within(screen.getByLabelText('Query type')).getByLabelText('Graph'));
    const { metric: _dropped, ...rest } = query;
    expect(onChange).toHaveBeenLastCalledWith({ ...rest, queryType: 'graph' });
  });

  it('says that p95 stands in for a response time that is off', async () => {
    await renderEditor({ queryType: 'edgeMetrics', metric: 'responseTime', responseTime: 'off' });
    expect(screen.getByText(/p95 is used/)).toBeInTheDocument();
  });
});

describe('QueryEditor PromQL preview (the plan resource)', () => {
  it("shows the backend's plan for the query, with literal namespaces, only when opened", async () => {
    const { calls } = await renderEditor({ namespaces: ['$namespace'] });
    expect(calls.some((c) => c.path.endsWith('/plan'))).toBe(false);
    openPromql();
    const blocks = await screen.findAllByTestId('meshgraph-promql');
    expect(blocks[0].textContent).toContain('destination_workload_namespace=~"bookinfo"');
    expect(screen.getByText('Planned by the backend')).toBeInTheDocument();
    const plan = calls.filter((c) => c.path.endsWith('/plan'));
    expect(plan).toHaveLength(1);
    expect((plan[0].data as PlanRequest).query.namespaces).toEqual(['bookinfo']);
  });

  it('explains why a query cannot run', async () => {
    await renderEditor({ namespaces: [] });
    openPromql();
    expect(await screen.findByText(/No namespace selected/)).toBeInTheDocument();
  });

  it('shows a loading state while the backend plans', async () => {
    await renderEditor({ namespaces: ['bookinfo'] }, (call) => (call.path.endsWith('/plan') ? 'hang' : backend(call)));
    openPromql();
    expect(screen.getByText(/Planning the queries/)).toBeInTheDocument();
  });

  it.each<[string, Reply, RegExp]>([
    ['the backend fails', { status: 500, data: { message: 'Plugin unavailable' } }, /Plugin unavailable/],
    ["Grafana's server is unreachable", 'network-error', /could not be reached/],
  ])('shows an error, not a crash, when %s', async (_case, reply, message) => {
    await renderEditor({ namespaces: ['bookinfo'] }, (call) => (call.path.endsWith('/plan') ? reply : backend(call)));
    openPromql();
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(screen.queryAllByTestId('meshgraph-promql')).toHaveLength(0);
  });

  it('asks again when the query changes, dropping the stale answer', async () => {
    const { ds } = makeDatasource();
    const q: MeshgraphQuery = { ...DEFAULT_QUERY, refId: 'A', namespaces: ['bookinfo'] };
    let rerender: ReturnType<typeof render>['rerender'] = () => undefined;
    await act(async () => {
      rerender = render(<QueryEditor datasource={ds} query={q} onChange={jest.fn()} onRunQuery={jest.fn()} />).rerender;
    });
    openPromql();
    await screen.findAllByTestId('meshgraph-promql');
    await act(async () => {
      rerender(
        <QueryEditor
          datasource={ds}
          query={{ ...q, namespaces: ['shop'] }}
          onChange={jest.fn()}
          onRunQuery={jest.fn()}
        />
      );
    });
    await waitFor(() => expect(screen.getByTestId('meshgraph-promql').textContent).toContain('"shop"'));
  });
});

describe('QueryEditor rollup', () => {
  it('shows Auto for a query without a rollup, and sets the chosen mode and runs the query', async () => {
    const { onChange, onRunQuery } = await renderEditor({ rollup: undefined });
    expect(screen.getByText('Auto')).toBeInTheDocument();
    fireEvent.keyDown(screen.getByLabelText('Rollup'), { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('One node per namespace'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ rollup: 'namespace' }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('offers the rollup for graphs only', async () => {
    await renderEditor({ queryType: 'nodeMetrics', metric: 'health' });
    expect(screen.queryByLabelText('Rollup')).not.toBeInTheDocument();
  });
});
