/**
 * A stand-in for Grafana's plugin host (pkg/plugins/backendplugin in Grafana, hashicorp go-plugin's client):
 * starts a backend plugin executable the way Grafana does and calls it over the same gRPC protocol.
 *   - environment: only GF_* variables, the magic cookie and go-plugin's variables (no PATH, no HOME), as
 *     Grafana does with pluginsSkipHostEnvVars;
 *   - the handshake line read from stdout and checked as go-plugin checks it;
 *   - stderr read as hclog JSON lines;
 *   - health ping of the service "plugin", then pluginv2 Data/Diagnostics/Resource calls;
 *   - frames read under the Go SDK reader's rules (grafanaFrames.ts).
 * Loopback only: the plugin listens on a unix socket.
 */
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ChildProcess, spawn } from 'child_process';
import path from 'path';

import { GrafanaFrame, readArrowFrame } from './grafanaFrames';

const PROTO_DIR = path.resolve(__dirname, '..', '..', 'src', 'backend', 'protocol');
const LOADER_OPTIONS = { keepCase: true, longs: Number, enums: String, bytes: Buffer, defaults: true, arrays: true };

/** The executable npm run build produces for this machine. */
export const BUILT_PLUGIN = path.resolve(__dirname, '..', '..', 'dist', 'datasource', 'gpx_meshgraph_linux_amd64');

export interface Handshake {
  core: number;
  app: number;
  network: string;
  address: string;
  protocol: string;
}

/** A datasource as Grafana stores it (secrets decrypted). */
export interface DatasourceSettings {
  uid?: string;
  id?: number;
  name?: string;
  url: string;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, string>;
  basicAuth?: boolean;
  basicAuthUser?: string;
  /** Grafana bumps this when the settings are saved; the plugin re-reads them then. */
  lastUpdatedMS?: number;
}

export interface HostQuery {
  refId: string;
  /** The query's JSON model (the panel target). */
  json: Record<string, unknown>;
  fromMs: number;
  toMs: number;
  intervalMs?: number;
  maxDataPoints?: number;
  queryType?: string;
}

export interface HostDataResponse {
  frames: GrafanaFrame[];
  /** The Arrow bytes as received. */
  raw: Buffer[];
  error: string;
  status: number;
  errorSource: string;
}

export interface HostHealth {
  status: 'UNKNOWN' | 'OK' | 'ERROR';
  message: string;
  details?: unknown;
}

export interface HostResourceResponse {
  code: number;
  headers: Record<string, string[]>;
  body: Buffer;
  json(): unknown;
}

export interface HclogLine {
  '@level': string;
  '@message': string;
  '@timestamp': string;
  [key: string]: unknown;
}

export interface PluginHost {
  pid: number;
  handshake: Handshake;
  /** Milliseconds from spawn to the handshake line. */
  startMs: number;
  /** stderr lines that parsed as hclog JSON. */
  logs: HclogLine[];
  /** stderr lines that did not (go-plugin logs them as plain text; the plugin should have none). */
  plainStderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  ping(): Promise<string>;
  checkHealth(ds: DatasourceSettings): Promise<HostHealth>;
  /** `decode: false` leaves `frames` empty (only `raw`): the plugin's answer time without this host's reading. */
  queryData(
    ds: DatasourceSettings,
    queries: HostQuery[],
    signal?: AbortSignal,
    options?: { decode?: boolean }
  ): Promise<Record<string, HostDataResponse>>;
  callResource(
    ds: DatasourceSettings,
    request: { path: string; method?: string; query?: string; body?: unknown }
  ): Promise<HostResourceResponse>;
  /** go-plugin's GRPCController.Shutdown, then waits for the process to exit. */
  shutdown(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

export interface StartOptions {
  /** Extra GF_* variables. */
  env?: Record<string, string>;
  /** Leave the magic cookie out (to check the plugin refuses to run by hand). */
  withoutCookie?: boolean;
  handshakeTimeoutMs?: number;
}

/** The environment Grafana gives a plugin when it drops the host's variables. */
export function grafanaEnvironment(extra: Record<string, string> = {}, withCookie = true): Record<string, string> {
  return {
    ...(withCookie ? { grafana_plugin_type: 'datasource' } : {}),
    PLUGIN_PROTOCOL_VERSIONS: '2',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    GF_VERSION: '12.4.0',
    GF_EDITION: 'oss',
    GF_PLUGIN_GRPC_ADDRESS_DATASOURCE: '',
    GF_PLUGIN_APP_CLIENT_ID: '',
    ...extra,
  };
}

/** go-plugin's reading of the line: CORE|APP|NETWORK|ADDRESS|PROTOCOL[|CERT]. Throws what go-plugin would reject. */
export function parseHandshake(line: string): Handshake {
  const parts = line.trim().split('|');
  if (parts.length < 4) {
    throw new Error(`Unrecognized remote plugin message: ${JSON.stringify(line)}`);
  }
  const core = Number(parts[0]);
  if (core !== 1) {
    throw new Error(`Incompatible core API version with plugin. Plugin version: ${parts[0]}, Core version: 1`);
  }
  const app = Number(parts[1]);
  if (app !== 2) {
    throw new Error(`Incompatible API version with plugin: plugin version ${parts[1]}, Grafana offers 2`);
  }
  const network = parts[2];
  if (network !== 'unix' && network !== 'tcp') {
    throw new Error(`Unknown address type: ${network}`);
  }
  const protocol = parts[4] ?? 'netrpc';
  if (protocol !== 'grpc') {
    throw new Error(`Unsupported plugin protocol ${JSON.stringify(protocol)}; Grafana allows grpc only`);
  }
  if (parts.length > 5 && parts[5] !== '') {
    throw new Error('The plugin sent a server certificate (AutoMTLS), which Grafana does not enable');
  }
  return { core, app, network, address: parts[3], protocol };
}

type Clients = {
  data: grpc.Client;
  diagnostics: grpc.Client;
  resource: grpc.Client;
  health: grpc.Client;
  controller: grpc.Client;
};

function loadClients(target: string): Clients {
  const plugin = grpc.loadPackageDefinition(loadSync(path.join(PROTO_DIR, 'plugin.proto'), LOADER_OPTIONS)) as any;
  const health = grpc.loadPackageDefinition(loadSync(path.join(PROTO_DIR, 'health.proto'), LOADER_OPTIONS)) as any;
  const goPlugin = grpc.loadPackageDefinition(loadSync(path.join(PROTO_DIR, 'goplugin.proto'), LOADER_OPTIONS)) as any;
  const credentials = grpc.credentials.createInsecure();
  // go-plugin's client accepts messages up to MaxInt32.
  const options = { 'grpc.max_receive_message_length': 2 ** 31 - 1 };
  return {
    data: new plugin.pluginv2.Data(target, credentials, options),
    diagnostics: new plugin.pluginv2.Diagnostics(target, credentials, options),
    resource: new plugin.pluginv2.Resource(target, credentials, options),
    health: new health.grpc.health.v1.Health(target, credentials, options),
    controller: new goPlugin.plugin.GRPCController(target, credentials, options),
  };
}

function pluginContext(ds: DatasourceSettings) {
  return {
    orgId: 1,
    pluginId: 'meshgraph-istio-datasource',
    user: { login: 'admin', name: 'admin', email: '', role: 'Admin' },
    dataSourceInstanceSettings: {
      id: ds.id ?? 1,
      name: ds.name ?? 'Meshgraph',
      url: ds.url,
      uid: ds.uid ?? 'meshgraph',
      basicAuthEnabled: ds.basicAuth ?? false,
      basicAuthUser: ds.basicAuthUser ?? '',
      jsonData: Buffer.from(JSON.stringify(ds.jsonData ?? {})),
      decryptedSecureJsonData: ds.secureJsonData ?? {},
      lastUpdatedMS: ds.lastUpdatedMS ?? 1,
    },
    grafanaConfig: {},
    pluginVersion: '0.1.0',
    userAgent: 'Grafana/12.4.0 (linux; amd64)',
  };
}

function unary<T>(client: grpc.Client, method: string, request: unknown, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const call = (client as any)[method](request, (error: grpc.ServiceError | null, response: T) =>
      error ? reject(error) : resolve(response)
    );
    signal?.addEventListener('abort', () => call.cancel(), { once: true });
  });
}

export async function startPlugin(executable = BUILT_PLUGIN, options: StartOptions = {}): Promise<PluginHost> {
  const started = Date.now();
  const child: ChildProcess = spawn(executable, [], {
    env: grafanaEnvironment(options.env, !options.withoutCookie),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: HclogLine[] = [];
  const plainStderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal }))
  );
  let stderrRest = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (stderrRest + chunk.toString('utf8')).split('\n');
    stderrRest = lines.pop() ?? '';
    for (const line of lines.filter((l) => l.trim() !== '')) {
      try {
        const parsed = JSON.parse(line) as HclogLine;
        // go-plugin's reading: string level and message, timestamp in Go's 2006-01-02T15:04:05.000000Z07:00.
        if (
          typeof parsed['@level'] === 'string' &&
          typeof parsed['@message'] === 'string' &&
          /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$/.test(String(parsed['@timestamp']))
        ) {
          logs.push(parsed);
          continue;
        }
      } catch {
        // Not JSON: kept as plain text, as go-plugin does.
      }
      plainStderr.push(line);
    }
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timeout while waiting for plugin to start (stderr: ${plainStderr.join(' ')})`));
    }, options.handshakeTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        // After the handshake go-plugin drains stdout.
        child.stdout!.resume();
        resolve(out.slice(0, end));
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(
          `plugin exited before completing the handshake (code ${code}, signal ${signal}); stdout: ${JSON.stringify(out)}, stderr: ${JSON.stringify(
            [...plainStderr, stderrRest].join('\n')
          )}`
        )
      );
    });
  });
  const handshake = parseHandshake(line);
  const clients = loadClients(handshake.network === 'unix' ? `unix://${handshake.address}` : handshake.address);

  return {
    pid: child.pid!,
    handshake,
    startMs: Date.now() - started,
    logs,
    plainStderr,
    exited,
    async ping() {
      const response = await unary<{ status: string }>(clients.health, 'Check', { service: 'plugin' });
      return response.status;
    },
    async checkHealth(ds) {
      const response = await unary<{ status: HostHealth['status']; message: string; jsonDetails: Buffer }>(
        clients.diagnostics,
        'CheckHealth',
        { pluginContext: pluginContext(ds), headers: {} }
      );
      const details = response.jsonDetails.length > 0 ? JSON.parse(response.jsonDetails.toString('utf8')) : undefined;
      return { status: response.status, message: response.message, ...(details !== undefined ? { details } : {}) };
    },
    async queryData(ds, queries, signal, options = {}) {
      const response = await unary<{
        responses: Record<string, { frames: Buffer[]; error: string; status: number; errorSource: string }>;
      }>(
        clients.data,
        'QueryData',
        {
          pluginContext: pluginContext(ds),
          headers: {},
          queries: queries.map((q) => ({
            refId: q.refId,
            maxDataPoints: q.maxDataPoints ?? 1000,
            intervalMS: q.intervalMs ?? 15000,
            timeRange: { fromEpochMS: q.fromMs, toEpochMS: q.toMs },
            json: Buffer.from(JSON.stringify({ refId: q.refId, ...q.json })),
            queryType: q.queryType ?? '',
          })),
        },
        signal
      );
      const out: Record<string, HostDataResponse> = {};
      for (const [refId, r] of Object.entries(response.responses)) {
        out[refId] = {
          frames: r.frames.map((bytes) =>
            readArrowFrame(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
          ),
          raw: r.frames,
          error: r.error,
          status: r.status,
          errorSource: r.errorSource,
        };
      }
      return out;
    },
    callResource(ds, request) {
      return new Promise<HostResourceResponse>((resolve, reject) => {
        const body =
          request.body === undefined
            ? Buffer.alloc(0)
            : Buffer.isBuffer(request.body)
              ? request.body
              : Buffer.from(typeof request.body === 'string' ? request.body : JSON.stringify(request.body));
        const call = (clients.resource as any).CallResource({
          pluginContext: pluginContext(ds),
          path: request.path,
          method: request.method ?? 'GET',
          url: `${request.path}${request.query ? `?${request.query}` : ''}`,
          headers: {},
          body,
        });
        const parts: Array<{ code: number; headers: Record<string, { values: string[] }>; body: Buffer }> = [];
        call.on('data', (part: (typeof parts)[number]) => parts.push(part));
        call.on('error', reject);
        call.on('end', () => {
          if (parts.length === 0) {
            reject(new Error('CallResource ended without a response'));
            return;
          }
          const headers = Object.fromEntries(Object.entries(parts[0].headers).map(([k, v]) => [k, v.values]));
          const all = Buffer.concat(parts.map((p) => p.body));
          resolve({ code: parts[0].code, headers, body: all, json: () => JSON.parse(all.toString('utf8')) });
        });
      });
    },
    async shutdown() {
      try {
        await unary(clients.controller, 'Shutdown', {});
      } catch {
        // go-plugin ignores errors here and goes on to wait and kill.
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
      const result = await exited;
      clearTimeout(timer);
      Object.values(clients).forEach((c) => c.close());
      return result;
    },
    kill() {
      Object.values(clients).forEach((c) => c.close());
      child.kill('SIGKILL');
    },
  };
}
