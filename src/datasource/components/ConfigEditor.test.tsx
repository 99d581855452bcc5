import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { DataSourceSettings } from '@grafana/data';

import { DEFAULT_TOLERANCES } from '../../engine/appenders/healthTolerances';
import { installDomStubs } from '../testing/domStubs';
import { MeshgraphOptions, MeshgraphSecureOptions } from '../types';
import { ConfigEditor } from './ConfigEditor';

beforeAll(installDomStubs);

type Settings = DataSourceSettings<MeshgraphOptions, MeshgraphSecureOptions>;

function options(jsonData: Partial<MeshgraphOptions> = {}, extra: Partial<Settings> = {}): Settings {
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
    ...extra,
  };
}

function renderEditor(jsonData: Partial<MeshgraphOptions> = {}, extra: Partial<Settings> = {}) {
  const onOptionsChange = jest.fn();
  const utils = render(<ConfigEditor options={options(jsonData, extra)} onOptionsChange={onOptionsChange} />);
  return { onOptionsChange, ...utils };
}

/** A controlled editor (options follow every change), to follow a sequence of edits. */
function renderControlled(initial: Settings) {
  const seen: Settings[] = [];
  function Controlled() {
    const [current, setCurrent] = React.useState(initial);
    return (
      <ConfigEditor
        options={current}
        onOptionsChange={(next) => {
          seen.push(next);
          setCurrent(next);
        }}
      />
    );
  }
  render(<Controlled />);
  return { seen, last: () => seen[seen.length - 1] };
}

const SECRET_KEYS = /password|token|cert|key|httpHeaderValue/i;

describe('ConfigEditor connection and authentication', () => {
  it("asks for the Prometheus URL as Grafana's server reaches it", () => {
    const { onOptionsChange } = renderEditor();
    const url = screen.getByPlaceholderText('http://prometheus:9090');
    expect(screen.getByText(/the browser never talks to Prometheus/)).toBeInTheDocument();
    fireEvent.change(url, { target: { value: 'https://prom.example:9090' } });
    expect(onOptionsChange.mock.calls[0][0].url).toBe('https://prom.example:9090');
  });

  it('offers no authentication, basic authentication and a bearer token (nothing that needs the browser)', async () => {
    renderEditor();
    fireEvent.keyDown(document.getElementById('auth-method-select')!, { key: 'ArrowDown' });
    const menu = await screen.findByLabelText('Select options menu');
    const labels = [...menu.querySelectorAll('[role="option"]')].map((o) => o.textContent);
    expect(labels.join('|')).toMatch(/No authentication.*\|Basic authentication.*\|Bearer token/);
    expect(labels.join('|')).not.toMatch(/OAuth|cross-site/i);
  });

  it('selects basic authentication and keeps the password in secureJsonData', async () => {
    const { seen, last } = renderControlled(options({ bearerAuth: true }));
    fireEvent.keyDown(document.getElementById('auth-method-select')!, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('Basic authentication'));
    expect(last()).toMatchObject({ basicAuth: true, jsonData: { bearerAuth: false } });
    fireEvent.change(document.getElementById('basic-auth-user-input')!, { target: { value: 'grafana' } });
    fireEvent.change(document.getElementById('basic-auth-password-input')!, { target: { value: 's3cret' } });
    expect(last().basicAuthUser).toBe('grafana');
    expect(last().secureJsonData).toEqual({ basicAuthPassword: 's3cret' });
    expect(seen.every((s) => !JSON.stringify(s.jsonData).includes('s3cret'))).toBe(true);
  });

  it('writes a bearer token as jsonData.bearerAuth + secureJsonData.bearerToken', async () => {
    const { last } = renderControlled(options({}, { basicAuth: true }));
    fireEvent.keyDown(document.getElementById('auth-method-select')!, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('Bearer token'));
    expect(last()).toMatchObject({ basicAuth: false, jsonData: { bearerAuth: true } });
    fireEvent.change(document.getElementById('meshgraph-bearer-token')!, { target: { value: 'tok-123' } });
    expect(last().secureJsonData).toEqual({ bearerToken: 'tok-123' });
    expect(Object.keys(last().jsonData).filter((k) => SECRET_KEYS.test(k))).toEqual([]);
  });

  it('shows a saved bearer token as configured, and resets it', () => {
    const { onOptionsChange } = renderEditor({ bearerAuth: true }, { secureJsonFields: { bearerToken: true } });
    expect(document.getElementById('meshgraph-bearer-token')).toHaveValue('configured');
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    const next = onOptionsChange.mock.calls[0][0];
    expect(next.secureJsonFields.bearerToken).toBe(false);
    expect(next.secureJsonData.bearerToken).toBe('');
  });

  it('sets TLS: skip verification, CA certificate and client certificate, secrets in secureJsonData', async () => {
    const { last } = renderControlled(options());
    fireEvent.click(screen.getByText('TLS settings'));
    fireEvent.click(screen.getByLabelText('Skip TLS certificate validation'));
    expect(last().jsonData.tlsSkipVerify).toBe(true);
    fireEvent.click(screen.getByLabelText('Add self-signed certificate'));
    expect(last().jsonData.tlsAuthWithCACert).toBe(true);
    fireEvent.change(document.getElementById('self-signed-certificate-input')!, { target: { value: 'CA PEM' } });
    fireEvent.click(screen.getByLabelText('TLS Client Authentication'));
    fireEvent.change(document.getElementById('client-auth-servername-input')!, { target: { value: 'prom.internal' } });
    fireEvent.change(document.getElementById('client-auth-client-certificate-input')!, {
      target: { value: 'CERT PEM' },
    });
    fireEvent.change(document.getElementById('client-auth-client-key-input')!, { target: { value: 'KEY PEM' } });
    expect(last().jsonData).toMatchObject({
      tlsAuth: true,
      tlsAuthWithCACert: true,
      tlsSkipVerify: true,
      serverName: 'prom.internal',
    });
    expect(last().secureJsonData).toEqual({ tlsCACert: 'CA PEM', tlsClientCert: 'CERT PEM', tlsClientKey: 'KEY PEM' });
  });

  it('adds a custom header with its value in secureJsonData', async () => {
    const { last } = renderControlled(options());
    fireEvent.click(screen.getByLabelText('Expand section HTTP headers'));
    fireEvent.click(screen.getByText('Add header'));
    const name = screen.getByPlaceholderText('X-Custom-Header');
    fireEvent.change(name, { target: { value: 'X-Scope-OrgID' } });
    fireEvent.change(screen.getByPlaceholderText('Header value'), { target: { value: 'tenant-1' } });
    fireEvent.blur(name);
    expect(last().jsonData.httpHeaderName1).toBe('X-Scope-OrgID');
    expect(last().secureJsonData).toEqual({ httpHeaderValue1: 'tenant-1' });
  });

  it('keeps the numbers of saved headers when one is deleted (their values stay on the server)', () => {
    const { last } = renderControlled(
      options(
        { httpHeaderName1: 'Authorization', httpHeaderName2: 'X-Scope-OrgID', httpHeaderName3: 'X-Team' },
        { secureJsonFields: { httpHeaderValue1: true, httpHeaderValue2: true, httpHeaderValue3: true } }
      )
    );
    const deletes = screen.getAllByRole('button', { name: /remove header/i });
    fireEvent.click(deletes[1]);
    expect(last().jsonData).toMatchObject({ httpHeaderName1: 'Authorization', httpHeaderName3: 'X-Team' });
    expect(last().jsonData.httpHeaderName2).toBeUndefined();
    expect(last().secureJsonData).toEqual({ httpHeaderValue2: '' });
    expect(last().secureJsonFields).toEqual({ httpHeaderValue1: true, httpHeaderValue3: true });
  });
});

describe('ConfigEditor Meshgraph settings', () => {
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

describe('ConfigEditor rollup node budget', () => {
  it('sets a whole number, clears back to the default, and flags a bad value', () => {
    const { onOptionsChange, unmount } = renderEditor();
    const input = document.getElementById('meshgraph-rollup-budget')! as HTMLInputElement;
    expect(input.placeholder).toBe('500');
    fireEvent.change(input, { target: { value: '1200' } });
    expect(onOptionsChange.mock.calls[0][0].jsonData.rollupNodeBudget).toBe(1200);
    unmount();
    const set = renderEditor({ rollupNodeBudget: 700 });
    const filled = document.getElementById('meshgraph-rollup-budget')! as HTMLInputElement;
    expect(filled.value).toBe('700');
    fireEvent.change(filled, { target: { value: '' } });
    expect(set.onOptionsChange.mock.calls[0][0].jsonData.rollupNodeBudget).toBeUndefined();
  });

  it('flags a budget that is not a whole number of at least 1', () => {
    renderEditor({ rollupNodeBudget: 0 });
    expect(screen.getByText('Use a whole number of at least 1')).toBeInTheDocument();
  });
});
