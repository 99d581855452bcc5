/**
 * The protocol messages as @grpc/proto-loader hands them over (LOADER_OPTIONS): field names as in the .proto,
 * int64 as numbers, bytes as Buffers, enums as their names, absent fields filled with defaults.
 */
export interface DataSourceInstanceSettings {
  id: number;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  /** The datasource's jsonData as JSON bytes. */
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  uid: string;
  apiVersion: string;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  user: { login: string; name: string; email: string; role: string } | null;
  dataSourceInstanceSettings: DataSourceInstanceSettings | null;
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
  userAgent: string;
}

export interface TimeRange {
  fromEpochMS: number;
  toEpochMS: number;
}

export interface DataQuery {
  refId: string;
  maxDataPoints: number;
  intervalMS: number;
  timeRange: TimeRange | null;
  /** The query's JSON model (the panel's target) as bytes. */
  json: Buffer;
  queryType: string;
}

export interface QueryDataRequest {
  pluginContext: PluginContext | null;
  headers: Record<string, string>;
  queries: DataQuery[];
}

export interface DataResponse {
  /** One Arrow IPC file per frame. */
  frames: Uint8Array[];
  error?: string;
  /** HTTP-like status of this query's answer (Grafana shows 207 for the batch when one fails). */
  status?: number;
  /** "plugin" (our fault) or "downstream" (Prometheus'), as Grafana's SDK classifies errors. */
  errorSource?: 'plugin' | 'downstream';
}

export interface QueryDataResponse {
  responses: Record<string, DataResponse>;
}

export type HealthStatus = 'UNKNOWN' | 'OK' | 'ERROR';

export interface CheckHealthRequest {
  pluginContext: PluginContext | null;
  headers: Record<string, string>;
}

export interface CheckHealthResponse {
  status: HealthStatus;
  message: string;
  /** JSON, shown by Grafana under the message (e.g. {"message": "…", "verboseMessage": "…"}). */
  jsonDetails?: Buffer;
}

export interface StringList {
  values: string[];
}

export interface CallResourceRequest {
  pluginContext: PluginContext | null;
  /** Path below /resources/, without a leading slash (e.g. "names"). */
  path: string;
  method: string;
  /** The path with its query string, as Grafana received it. */
  url: string;
  headers: Record<string, StringList>;
  body: Buffer;
}

export interface CallResourceResponse {
  code: number;
  headers: Record<string, StringList>;
  body: Buffer;
}
