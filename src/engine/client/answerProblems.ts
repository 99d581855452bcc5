/** What a user reads when an answer is not Prometheus' JSON, or the connection fails: messages they can act on. */
import { PrometheusError } from './errors';
import type { TransportResponse } from './transport';

export function snippet(body: string): string {
  const head = body.slice(0, 400);
  // Bytes that are not text (a compressed body whose encoding header a proxy dropped, say) are described, not quoted.
  const unreadable = head.match(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  if (unreadable > 0 && unreadable * 10 > head.length) {
    return head.charCodeAt(0) === 0x1f && head.charCodeAt(1) === 0x8b
      ? 'binary data (gzip, sent without its Content-Encoding header)'
      : 'binary data, not text';
  }
  const s = body.replace(/\s+/g, ' ').trim();
  return s.length > 120 ? s.slice(0, 120) + '…' : s;
}

/**
 * A JSON answer that is not Prometheus' envelope: an error from a proxy or gateway in front of it (which server,
 * the status and its message), or something else entirely.
 */
export function notPrometheusAnswer(
  res: TransportResponse,
  env: { status?: unknown; message?: unknown; error?: unknown },
  head: string
): PrometheusError {
  const httpText = `HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`;
  const who = res.origin ?? 'The server';
  const said =
    typeof env.message === 'string' ? env.message : typeof env.error === 'string' ? env.error : snippet(head);
  if (res.status >= 400) {
    return new PrometheusError(`${who} answered ${httpText} instead of Prometheus: ${said}`, 'http', res.status);
  }
  const status = typeof env.status === 'string' ? ` with status "${env.status}"` : ' without a status';
  return new PrometheusError(
    `Unexpected answer from Prometheus (${httpText}${status}): ${snippet(head)}`,
    'format',
    res.status
  );
}

/** The title of an HTML page, or its first words: what a person would read on it. */
export function pageWords(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
  const text = (
    title && title.trim() !== '' ? title : html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')
  )
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 80 ? text.slice(0, 80) + '…' : text;
}

function looksLikeJson(head: string): boolean {
  const t = head.trimStart();
  return t.startsWith('{');
}

/** HTTP-level failures, and answers that are not JSON, as messages a user can act on; undefined when neither. */
export function statusError(path: string, res: TransportResponse, head: string): PrometheusError | undefined {
  const status = res.status;
  const httpText = `HTTP ${status}${res.statusText ? ' ' + res.statusText : ''}`;
  if (status === 401 || status === 403) {
    return new PrometheusError(
      `Prometheus refused the request (${httpText}): check the credentials or the datasource's authentication settings`,
      'auth',
      status
    );
  }
  if (status === 404) {
    return new PrometheusError(
      `${httpText} for ${path}: the URL does not point at a Prometheus API (use the server's base URL, e.g. http://host:9090)`,
      'notFound',
      status
    );
  }
  if (!looksLikeJson(head)) {
    const html = /^\s*</.test(head);
    const who = res.origin ?? 'The server';
    return new PrometheusError(
      html
        ? `${who} answered ${httpText} with an HTML page (${JSON.stringify(pageWords(head))}) instead of Prometheus' JSON: ` +
            (status >= 500
              ? 'a proxy in front of Prometheus probably failed to reach it'
              : 'the URL probably points at a proxy, login page or web UI, not the Prometheus API')
        : status >= 400
          ? `Prometheus answered ${httpText}: ${snippet(head) || 'no details'}`
          : `Prometheus answered with something that is not JSON (${httpText}): ${snippet(head)}`,
      status >= 400 ? 'http' : 'format',
      status
    );
  }
  return undefined;
}

export function apiError(errorType: string | undefined, error: string | undefined, status: number): PrometheusError {
  return new PrometheusError(
    `Prometheus error${errorType ? ` (${errorType})` : ''}: ${error ?? 'no message'}`,
    'api',
    status,
    errorType
  );
}

/** A connection that was made and then reset or closed early, as opposed to one that could not be made. */
export function isBrokenConnection(e: unknown): boolean {
  if (!(e instanceof Error)) {
    return false;
  }
  const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
  const code = (e as Error & { code?: string }).code ?? cause?.code;
  if (code !== undefined && ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET'].includes(code)) {
    return true;
  }
  return /socket hang up|aborted|terminated|other side closed|premature close/i.test(
    `${e.message} ${cause?.message ?? ''}`
  );
}

export function describeNetworkError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message)) {
      return 'connection refused (is Prometheus running at that address?)';
    }
    if (cause?.code === 'ENOTFOUND') {
      return 'host not found';
    }
    return cause?.message ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}
