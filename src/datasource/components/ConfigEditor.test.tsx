import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';

import { DEFAULT_TOLERANCES } from '../../engine/appenders/healthTolerances';
import { installDomStubs } from '../testing/domStubs';
import { MeshgraphOptions, MeshgraphSecureOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';

beforeAll(installDomStubs);

function options(
  jsonData: Partial<MeshgraphOptions> = {}
): DataSourceSettings<MeshgraphOptions, MeshgraphSecureOptions> {
  return {
    id: 1,
    uid: 'mg',
    orgId: 1,
    name: 'Meshgraph',
    type: 'meshgraph-istio-datasource',
    typeName: 'Meshgraph',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: jsonData as MeshgraphOptions,
    secureJsonFields: {},
    readOnly: false,
    withCredentials: false,
  };
}

function renderEditor(jsonData: Partial<MeshgraphOptions> = {}) {
  const onOptionsChange = jest.fn();
  const utils = render(<ConfigEditor options={options(jsonData)} onOptionsChange={onOptionsChange} />);
  return { onOptionsChange, ...utils };
}

describe('ConfigEditor', () => {
  it("shows Grafana's HTTP settings with the Prometheus URL placeholder", () => {
    renderEditor();
    expect(screen.getByPlaceholderText('http://prometheus:9090')).toBeInTheDocument();
  });

  it('prefills Kiali’s default tolerances', () => {
    renderEditor();
    expect(screen.getByLabelText('Tolerance 1 code')).toHaveValue(DEFAULT_TOLERANCES[0].code);
    expect(screen.getByLabelText('Tolerance 2 degraded %')).toHaveValue(DEFAULT_TOLERANCES[1].degraded);
    expect(screen.getAllByLabelText(/^Tolerance \d+ code$/)).toHaveLength(DEFAULT_TOLERANCES.length);
  });

  it('saves an edited tolerance list', () => {
    const { onOptionsChange } = renderEditor();
    fireEvent.change(screen.getByLabelText('Tolerance 1 failure %'), { target: { value: '25' } });
    const saved = onOptionsChange.mock.calls[0][0].jsonData.healthTolerances;
    expect(saved[0]).toEqual({ ...DEFAULT_TOLERANCES[0], failure: 25 });
    expect(saved).toHaveLength(DEFAULT_TOLERANCES.length);
  });

  it('shows the validation message of invalid tolerances', () => {
    renderEditor({ healthTolerances: [{ code: '5XX', protocol: 'http', direction: '.*', degraded: 30, failure: 10 }] });
    expect(screen.getByText(/degraded \(30\) is greater than failure \(10\)/)).toBeInTheDocument();
    expect(screen.getByText(/defaults are used until they are fixed/)).toBeInTheDocument();
  });

  it('reports a bad regular expression in a tolerance', () => {
    renderEditor({ healthTolerances: [{ code: '5XX', protocol: 'http(', direction: '.*', degraded: 0, failure: 10 }] });
    expect(screen.getByText(/protocol is not a valid regular expression/)).toBeInTheDocument();
  });

  it('resets the tolerances to the defaults', () => {
    const { onOptionsChange } = renderEditor({ healthTolerances: [] });
    fireEvent.click(screen.getByText('Reset to Kiali defaults'));
    expect(onOptionsChange.mock.calls[0][0].jsonData.healthTolerances).toBeUndefined();
  });

  it('flags an invalid scrape interval', () => {
    renderEditor({ scrapeInterval: 'often' });
    expect(screen.getByText('Use a Prometheus duration such as 15s or 1m')).toBeInTheDocument();
  });

  it('edits the scrape interval, timeout and scope labels', () => {
    const { onOptionsChange } = renderEditor({ scopeLabels: [{ key: 'mesh_id', value: 'm1' }] });
    fireEvent.change(screen.getByPlaceholderText('15s'), { target: { value: '30s' } });
    expect(onOptionsChange.mock.calls[0][0].jsonData.scrapeInterval).toBe('30s');
    fireEvent.change(screen.getByPlaceholderText('30'), { target: { value: '12' } });
    expect(onOptionsChange.mock.calls[1][0].jsonData.timeoutSeconds).toBe(12);
    fireEvent.change(screen.getByLabelText('Scope label 1 value'), { target: { value: 'm2' } });
    expect(onOptionsChange.mock.calls[2][0].jsonData.scopeLabels).toEqual([{ key: 'mesh_id', value: 'm2' }]);
  });

  it('edits the number of parallel queries; clearing it returns to the default', () => {
    const { onOptionsChange } = renderEditor({ queryShards: 3 });
    const input = document.getElementById('meshgraph-query-shards')!;
    fireEvent.change(input, { target: { value: '4' } });
    expect(onOptionsChange.mock.calls[0][0].jsonData.queryShards).toBe(4);
    fireEvent.change(input, { target: { value: '' } });
    expect(onOptionsChange.mock.calls[1][0].jsonData.queryShards).toBeUndefined();
  });

  it('flags a number of parallel queries out of range', () => {
    renderEditor({ queryShards: 40 });
    expect(screen.getByText('Use a whole number from 1 to 16')).toBeInTheDocument();
  });

  it('shows the Istio dashboard UIDs, editable', () => {
    const { onOptionsChange } = renderEditor();
    const input = screen.getByDisplayValue('fe06a478395b51cc61c8d7d7e83e2f22');
    fireEvent.change(input, { target: { value: 'UbsSZTDik' } });
    expect(onOptionsChange.mock.calls[0][0].jsonData.workloadDashboardUid).toBe('UbsSZTDik');
  });
});
