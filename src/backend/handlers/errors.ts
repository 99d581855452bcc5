/** Any failure of a Meshgraph query → one sentence a Grafana user can act on, and who is at fault. */
import { PrometheusError } from '../../engine/client/errors';

/** The query or the datasource settings cannot work as written; the message says what to change. */
export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

export function isAbortError(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

export function describeError(e: unknown): string {
  if (e instanceof Error) {
    return e.message || e.name;
  }
  if (typeof e === 'string') {
    return e;
  }
  return 'Unknown error';
}

/**
 * HTTP-like status and error source of a failed query, as Grafana's SDK reports them: Prometheus' failures are
 * "downstream" (Grafana's SLOs do not count them against the plugin), a query that cannot work is a 400.
 */
export function errorStatus(e: unknown): { status: number; errorSource: 'plugin' | 'downstream' } {
  if (e instanceof PrometheusError) {
    const status = e.kind === 'timeout' ? 504 : e.kind === 'network' ? 502 : (e.status ?? 502);
    return { status: status >= 400 ? status : 502, errorSource: 'downstream' };
  }
  if (e instanceof ConfigurationError || (e instanceof Error && e.name === 'QueryValidationError')) {
    return { status: 400, errorSource: 'downstream' };
  }
  return { status: 500, errorSource: 'plugin' };
}
