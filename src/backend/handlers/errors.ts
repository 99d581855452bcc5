/** Any failure of a Meshgraph query → one sentence a Grafana user can act on. */
import { PrometheusError } from '../../engine/client/errors';

/** Grafana's data proxy answers these itself when the configured URL cannot be reached or is too slow. */
const PROXY_STATUSES: Record<number, string> = {
  502: 'Grafana could not reach the datasource URL (HTTP 502 Bad Gateway from Grafana\'s data proxy): check the URL and that Prometheus is reachable from the Grafana server',
  504: 'Prometheus did not answer Grafana\'s data proxy in time (HTTP 504 Gateway Timeout): raise the timeout or shorten the time range',
};

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export function describeError(e: unknown): string {
  if (e instanceof PrometheusError) {
    if (e.status !== undefined && PROXY_STATUSES[e.status]) {
      return PROXY_STATUSES[e.status];
    }
    return e.message;
  }
  if (e instanceof Error) {
    return e.message || e.name;
  }
  if (typeof e === 'string') {
    return e;
  }
  return 'Unknown error';
}
