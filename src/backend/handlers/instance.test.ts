/** @jest-environment node */
import { authHeaders, createInstance, InstanceRegistry } from './instance';
import { datasourceSettings } from './settings.testutil';

describe('authHeaders', () => {
  it('sends basic auth from the instance and the decrypted password', () => {
    const h = authHeaders(
      datasourceSettings({
        basicAuthEnabled: true,
        basicAuthUser: 'ann',
        decryptedSecureJsonData: { basicAuthPassword: 'pä:ss' },
      }),
      {}
    );
    expect(Buffer.from(h.Authorization.replace('Basic ', ''), 'base64').toString('utf8')).toBe('ann:pä:ss');
  });
  it('sends the bearer token only when bearer auth is on', () => {
    const ds = datasourceSettings({ decryptedSecureJsonData: { bearerToken: 't0k' } });
    expect(authHeaders(ds, { bearerAuth: true } as never).Authorization).toBe('Bearer t0k');
    expect(authHeaders(ds, {} as never).Authorization).toBeUndefined();
  });
  it('adds custom headers by number, names from jsonData and values from the secrets', () => {
    const ds = datasourceSettings({ decryptedSecureJsonData: { httpHeaderValue1: 'tenant-a', httpHeaderValue2: 'Bearer x' } });
    expect(
      authHeaders(ds, {
        httpHeaderName1: 'X-Scope-OrgID',
        httpHeaderName2: 'Authorization',
        httpHeaderName3: ' ',
      } as never)
    ).toEqual({
      'X-Scope-OrgID': 'tenant-a',
      Authorization: 'Bearer x',
    });
  });
});

describe('createInstance', () => {
  it('turns unusable settings into a readable error at query time, and bad jsonData into a notice', () => {
    const none = createInstance(datasourceSettings({ url: '' }));
    expect(() => none.client()).toThrow(/has no Prometheus URL/);
    const ftp = createInstance(datasourceSettings({ url: 'ftp://x' }));
    expect(() => ftp.client()).toThrow(/must start with http/);
    const bad = createInstance({ ...datasourceSettings(), jsonData: Buffer.from('[') });
    expect(bad.settings.notices.map((n) => n.text).join(' ')).toMatch(/not a JSON object/);
  });
  it('reads the Meshgraph settings (timeout, scrape interval) from jsonData', () => {
    const i = createInstance(datasourceSettings({}, { timeoutSeconds: 5, scrapeInterval: '30s' }));
    expect(i.settings.timeoutMs).toBe(5000);
    expect(i.settings.scrapeIntervalS).toBe(30);
    i.close();
  });
});

describe('InstanceRegistry', () => {
  it('keeps an instance while its settings version is unchanged and replaces it when Grafana saves new ones', () => {
    const registry = new InstanceRegistry();
    const context = (lastUpdatedMS: number) => ({ dataSourceInstanceSettings: datasourceSettings({ lastUpdatedMS }) }) as never;
    const a = registry.get(context(1));
    expect(registry.get(context(1))).toBe(a);
    expect(registry.get(context(2))).not.toBe(a);
    expect(() => registry.get(null)).toThrow(/no datasource settings/);
    registry.closeAll();
  });
});
