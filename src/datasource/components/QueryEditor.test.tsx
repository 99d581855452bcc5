import React from 'react';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { DataSourceInstanceSettings } from '@grafana/data';

import { DataSource } from '../datasource';
import { fakePrometheus } from '../testing/fakePrometheus';
import { installDomStubs } from '../testing/domStubs';
import { FakeTemplateSrv } from '../testing/fakeTemplateSrv';
import { ALL_NAMESPACES, DEFAULT_QUERY, MeshgraphOptions, MeshgraphQuery } from '../types';
import { QueryEditor } from './QueryEditor';

beforeAll(installDomStubs);

function makeDatasource() {
  const prom = fakePrometheus({
    labelValues: (label) => (label === 'destination_workload_namespace' ? ['bookinfo', 'shop'] : []),
  });
  const ds = new DataSource(
    {
      id: 1,
      uid: 'mg',
      type: 'meshgraph-istio-datasource',
      name: 'Meshgraph',
      url: '/proxy',
      access: 'proxy',
      jsonData: {},
      meta: {} as DataSourceInstanceSettings['meta'],
      readOnly: false,
    } as DataSourceInstanceSettings<MeshgraphOptions>,
    {
      transport: () => prom.transport,
      templateSrv: () =>
        new FakeTemplateSrv([
          { name: 'namespace', current: { value: 'bookinfo' } },
          { name: 'graphType', current: { value: 'app' } },
        ]),
      now: () => Date.UTC(2026, 0, 1),
    }
  );
  return { ds, prom };
}

async function renderEditor(query: Partial<MeshgraphQuery> = {}) {
  const { ds } = makeDatasource();
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const q: MeshgraphQuery = { ...DEFAULT_QUERY, refId: 'A', ...query };
  await act(async () => {
    render(<QueryEditor datasource={ds} query={q} onChange={onChange} onRunQuery={onRunQuery} />);
  });
  return { onChange, onRunQuery, query: q };
}

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

  it('picks a namespace found in the telemetry, replacing "All"', async () => {
    const { onChange } = await renderEditor({ namespaces: [ALL_NAMESPACES] });
    const input = screen.getByLabelText('Namespaces');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const option = await screen.findByText('shop');
    fireEvent.click(option);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ namespaces: ['shop'] }));
  });

  it('offers dashboard variables as namespaces', async () => {
    const { onChange } = await renderEditor({ namespaces: [] });
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

  it('shows the PromQL the query will run, with the namespace, when opened', async () => {
    await renderEditor({ namespaces: ['bookinfo'] });
    expect(screen.queryAllByTestId('meshgraph-promql')).toHaveLength(0);
    fireEvent.click(screen.getByText('PromQL'));
    const blocks = await screen.findAllByTestId('meshgraph-promql');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks[0].textContent).toContain('destination_workload_namespace="bookinfo"');
  });

  it('explains why a query cannot run in the PromQL section', async () => {
    await renderEditor({ namespaces: [] });
    fireEvent.click(screen.getByText('PromQL'));
    expect(await screen.findByText(/No namespace selected/)).toBeInTheDocument();
  });

  it('sets a node focus', async () => {
    const { onChange } = await renderEditor();
    fireEvent.click(screen.getByText('Node focus'));
    fireEvent.click(within(screen.getByLabelText('Node focus kind')).getByLabelText('Service'));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ node: { kind: 'service', namespace: '', name: '' } }));
  });
});
