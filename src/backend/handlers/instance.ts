/**
 * A datasource instance as Grafana describes it in every call's PluginContext → the settings the engine needs
 * and an HTTP client for its Prometheus. Instances are kept per uid and re-made when Grafana reports new
 * settings (lastUpdatedMS), so keep-alive connections survive between queries.
 */
import { PrometheusClient } from '../../engine/client';
import type { Notice } from '../../engine/model';
import { resolveSettings, ResolvedSettings } from '../../datasource/settings';
import type { MeshgraphOptions, MeshgraphSecureOptions } from '../../datasource/types';
import type { DataSourceInstanceSettings, PluginContext } from '../protocol/messages';

import { ConfigurationError } from './errors';
import { createPrometheusHttp, PrometheusHttp } from './prometheusHttp';

export interface DatasourceInstance {
  /** uid and settings version: equal keys mean equal settings. */
  key: string;
  settings: ResolvedSettings;
  /** A Prometheus client with the instance's URL, authentication, TLS and timeout. */
  client(): PrometheusClient;
  close(): void;
}

export const USER_AGENT = 'meshgraph-istio-datasource';

/** Custom headers from jsonData.httpHeaderName<n> and secureJsonData.httpHeaderValue<n>, as Grafana's HTTP settings write them. */
export function customHeaders(jsonData: MeshgraphOptions, secure: MeshgraphSecureOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, name] of Object.entries(jsonData)) {
    const m = /^httpHeaderName(\d+)$/.exec(key);
    if (m && typeof name === 'string' && name.trim() !== '') {
      headers[name.trim()] = secure[`httpHeaderValue${Number(m[1])}`] ?? '';
    }
  }
  return headers;
}

function parseJsonData(bytes: Buffer | undefined, notices: Notice[]): MeshgraphOptions {
  const text = bytes && bytes.length > 0 ? bytes.toString('utf8') : '{}';
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as MeshgraphOptions;
    }
  } catch {
    // Reported below.
  }
  notices.push({
    severity: 'warning',
    text: 'The datasource settings (jsonData) are not a JSON object; defaults are used.',
  });
  return {} as MeshgraphOptions;
}

/** Authorization and custom headers; a custom Authorization header wins over basic auth and the token. */
export function authHeaders(ds: DataSourceInstanceSettings, jsonData: MeshgraphOptions): Record<string, string> {
  const secure = (ds.decryptedSecureJsonData ?? {}) as MeshgraphSecureOptions;
  const headers: Record<string, string> = {};
  if (ds.basicAuthEnabled) {
    const credentials = `${ds.basicAuthUser ?? ''}:${secure.basicAuthPassword ?? ''}`;
    headers.Authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
  } else if (jsonData.bearerAuth && secure.bearerToken) {
    headers.Authorization = `Bearer ${secure.bearerToken}`;
  }
  return { ...headers, ...customHeaders(jsonData, secure) };
}

export function createInstance(ds: DataSourceInstanceSettings): DatasourceInstance {
  const notices: Notice[] = [];
  const jsonData = parseJsonData(ds.jsonData, notices);
  const resolved = resolveSettings(jsonData);
  const settings: ResolvedSettings = { ...resolved, notices: [...notices, ...resolved.notices] };
  const url = (ds.url ?? '').trim();
  let http: PrometheusHttp | undefined;
  let urlProblem: string | undefined;
  if (url === '') {
    urlProblem =
      'The datasource has no Prometheus URL: set it in the datasource settings (e.g. http://prometheus:9090).';
  } else if (!/^https?:\/\//i.test(url)) {
    urlProblem = `The Prometheus URL ${JSON.stringify(url)} must start with http:// or https://.`;
  } else {
    const secure = (ds.decryptedSecureJsonData ?? {}) as MeshgraphSecureOptions;
    try {
      http = createPrometheusHttp({
        url,
        headers: authHeaders(ds, jsonData),
        userAgent: USER_AGENT,
        maxAnswerBytes: settings.maxAnswerBytes,
        tls: {
          caCert: jsonData.tlsAuthWithCACert ? secure.tlsCACert : undefined,
          clientCert: jsonData.tlsAuth ? secure.tlsClientCert : undefined,
          clientKey: jsonData.tlsAuth ? secure.tlsClientKey : undefined,
          skipVerify: jsonData.tlsSkipVerify === true,
          serverName: jsonData.serverName?.trim() || undefined,
        },
      });
    } catch (e) {
      urlProblem = `The Prometheus connection settings are not usable: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return {
    key: `${ds.uid}\u0000${ds.id}\u0000${ds.lastUpdatedMS}`,
    settings,
    client() {
      if (!http) {
        throw new ConfigurationError(urlProblem ?? 'The datasource has no usable Prometheus URL.');
      }
      return new PrometheusClient(http.transport, { timeoutMs: settings.timeoutMs });
    },
    close() {
      http?.close();
    },
  };
}

/** The instances Grafana has asked about, by uid; a new settings version replaces the old instance. */
export class InstanceRegistry {
  private readonly byUid = new Map<string, DatasourceInstance>();

  get(context: PluginContext | null): DatasourceInstance {
    const ds = context?.dataSourceInstanceSettings;
    if (!ds) {
      throw new ConfigurationError('The request carries no datasource settings (Grafana sent no PluginContext).');
    }
    const uid = `${ds.uid}\u0000${ds.id}`;
    const known = this.byUid.get(uid);
    const key = `${ds.uid}\u0000${ds.id}\u0000${ds.lastUpdatedMS}`;
    if (known && known.key === key) {
      return known;
    }
    known?.close();
    const instance = createInstance(ds);
    this.byUid.set(uid, instance);
    return instance;
  }

  closeAll(): void {
    for (const instance of this.byUid.values()) {
      instance.close();
    }
    this.byUid.clear();
  }
}
