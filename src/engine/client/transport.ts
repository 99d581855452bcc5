/** HTTP transport contract: the datasource passes Grafana's backendSrv, the CLI uses fetchTransport. */
export interface TransportRequest {
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  contentType?: string;
  signal?: AbortSignal;
}
export interface TransportResponse {
  status: number;
  statusText?: string;
  body: string;
}
export type HttpTransport = (req: TransportRequest) => Promise<TransportResponse>;

/** A transport over the global fetch (Node 18+ or a browser); `baseUrl` like http://127.0.0.1:9090. */
export function fetchTransport(baseUrl: string, opts: { headers?: Record<string, string> } = {}): HttpTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return async (req) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (req.contentType) {
      headers['Content-Type'] = req.contentType;
    }
    const res = await fetch(base + req.path, { method: req.method, body: req.body, headers, signal: req.signal });
    return { status: res.status, statusText: res.statusText, body: await res.text() };
  };
}
