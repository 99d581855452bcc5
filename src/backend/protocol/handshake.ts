/**
 * hashicorp go-plugin's start-up contract, as Grafana uses it: the host sets a magic cookie and the protocol
 * versions it speaks in the environment; the plugin listens on a unix socket and prints one line,
 * `CORE|APP|NETWORK|ADDRESS|PROTOCOL`, on stdout.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/** go-plugin's own protocol version. */
export const CORE_PROTOCOL_VERSION = 1;
/** Grafana's backend plugin protocol version (pluginv2). */
export const GRAFANA_PROTOCOL_VERSION = 2;
export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
export const MAGIC_COOKIE_VALUE = 'datasource';

export const NOT_STARTED_BY_GRAFANA =
  'This is the Meshgraph datasource backend, a Grafana plugin: Grafana starts it itself, it is not meant to be run by hand.';

export function startedByGrafana(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/**
 * The app protocol version to speak: PLUGIN_PROTOCOL_VERSIONS lists the host's (comma-separated); go-plugin
 * treats a missing list as the handshake's default version. Undefined when the host offers none we speak.
 */
export function negotiateProtocol(env: NodeJS.ProcessEnv): number | undefined {
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '').trim();
  if (offered === '') {
    return GRAFANA_PROTOCOL_VERSION;
  }
  const versions = offered.split(',').map((v) => Number(v.trim()));
  return versions.includes(GRAFANA_PROTOCOL_VERSION) ? GRAFANA_PROTOCOL_VERSION : undefined;
}

/**
 * A fresh socket path: in PLUGIN_UNIX_SOCKET_DIR when the host sets it (newer go-plugin), else the temp
 * directory (Grafana may drop TMPDIR with the rest of the environment; os.tmpdir() then gives /tmp).
 */
export function socketPath(env: NodeJS.ProcessEnv): string {
  const dir = env.PLUGIN_UNIX_SOCKET_DIR?.trim() || os.tmpdir();
  return path.join(dir, `meshgraph-plugin-${process.pid}-${randomBytes(6).toString('hex')}.sock`);
}

export function handshakeLine(protocolVersion: number, address: string): string {
  return `${CORE_PROTOCOL_VERSION}|${protocolVersion}|unix|${address}|grpc\n`;
}
