/** Errors from talking to Prometheus, with messages a user can act on. */
export class PrometheusError extends Error {
  constructor(
    message: string,
    readonly kind: 'api' | 'http' | 'auth' | 'notFound' | 'timeout' | 'network' | 'format' | 'tooLarge' | 'redirect',
    readonly status?: number,
    readonly errorType?: string
  ) {
    super(message);
    this.name = 'PrometheusError';
  }

  /** Set when part of the answer had been handed to the caller's visitor before this error: that part was read. */
  partial?: boolean;
}

export function abortError(): Error {
  const e = new Error('The request was cancelled');
  e.name = 'AbortError';
  return e;
}

/** An answer passed the size limit: stop reading it and say so, instead of taking the process' memory. */
export function tooLargeError(limitBytes: number): PrometheusError {
  const mb = (n: number) => `${Math.round(n / 1e6).toLocaleString('en-US')} MB`;
  return new PrometheusError(
    `Prometheus' answer is larger than the limit of ${mb(limitBytes)}: narrow the graph (fewer namespaces, no ` +
      `response details) or raise the limit ("Maximum answer size" in the datasource settings, --max-answer-mb in the CLI)`,
    'tooLarge'
  );
}

export const MAX_REDIRECTS = 5;

/**
 * Where a redirect from `from` to `location` may be followed: keeping the method, the form body and the
 * credentials is safe on the same origin only (a POST turned into a GET loses the PromQL, and the datasource's
 * Authorization must not go to another host). Anything else fails naming the target.
 */
export function redirectTarget(from: URL, location: string | undefined, status: number): URL {
  if (!location) {
    throw new PrometheusError(
      `Prometheus' URL answered a redirect (HTTP ${status}) without a location`,
      'redirect',
      status
    );
  }
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new PrometheusError(
      `Prometheus' URL redirected (HTTP ${status}) to an invalid location ${JSON.stringify(location)}`,
      'redirect',
      status
    );
  }
  if (to.origin !== from.origin) {
    throw new PrometheusError(
      `Prometheus' URL redirected (HTTP ${status}) to ${to.origin}${to.pathname}: set the datasource URL to the address ` +
        `that answers directly (redirects to another host are not followed, so credentials stay with the configured one)`,
      'redirect',
      status
    );
  }
  return to;
}
