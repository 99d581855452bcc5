/** Errors from talking to Prometheus, with messages a user can act on. */
export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly kind: 'api' | 'http' | 'auth' | 'notFound' | 'timeout' | 'network' | 'format',
    readonly status?: number,
    readonly errorType?: string
  ) {
    super(message);
    this.name = 'PrometheusError';
  }
}

export function abortError(): Error {
  const e = new Error('The request was cancelled');
  e.name = 'AbortError';
  return e;
}
