/** Datasource settings as Grafana sends them to the backend, for handler tests. */
import type { DataSourceInstanceSettings } from '../protocol/messages';

/** A datasource pointing at a closed loopback port, with `jsonData` as its settings object. */
export function datasourceSettings(
  overrides: Partial<DataSourceInstanceSettings> = {},
  jsonData: object = {}
): DataSourceInstanceSettings {
  return {
    id: 1,
    name: 'Meshgraph',
    url: 'http://127.0.0.1:9',
    user: '',
    database: '',
    basicAuthEnabled: false,
    basicAuthUser: '',
    jsonData: Buffer.from(JSON.stringify(jsonData)),
    decryptedSecureJsonData: {},
    lastUpdatedMS: 1,
    uid: 'mesh',
    apiVersion: '',
    ...overrides,
  };
}
