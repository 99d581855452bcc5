/**
 * A scripted Prometheus behind the engine's HttpTransport contract: instant queries (POST form) are answered by
 * a handler that sees the PromQL, label-value requests (GET) by another. Records every request.
 */
import type { HttpTransport, TransportRequest, TransportResponse } from '../../engine/client/transport';

export type Sample = { metric: Record<string, string>; value: number };

export interface FakePrometheusOptions {
  /** Answer for one instant query: samples, or a full response (errors, HTML…). */
  query?: (expr: string, time: string) => Sample[] | TransportResponse;
  labelValues?: (label: string, match: string[]) => string[] | TransportResponse;
}

export interface RecordedRequest extends TransportRequest {
  expr?: string;
  time?: string;
}

export function vectorBody(samples: Sample[], time = 0): string {
  return JSON.stringify({
    status: 'success',
    data: { resultType: 'vector', result: samples.map((s) => ({ metric: s.metric, value: [time, String(s.value)] })) },
  });
}

export function fakePrometheus(options: FakePrometheusOptions) {
  const requests: RecordedRequest[] = [];
  const transport: HttpTransport = async (req) => {
    if (req.signal?.aborted) {
      const e = new Error('aborted');
      e.name = 'AbortError';
      throw e;
    }
    if (req.path.startsWith('/api/v1/query')) {
      const form = new URLSearchParams(req.body ?? '');
      const expr = form.get('query') ?? '';
      const time = form.get('time') ?? '';
      requests.push({ ...req, expr, time });
      const answer = options.query ? options.query(expr, time) : [];
      return Array.isArray(answer) ? { status: 200, body: vectorBody(answer, Number(time)) } : answer;
    }
    const m = /^\/api\/v1\/label\/([^/]+)\/values(?:\?(.*))?$/.exec(req.path);
    if (m) {
      requests.push({ ...req });
      const params = new URLSearchParams(m[2] ?? '');
      const answer = options.labelValues ? options.labelValues(decodeURIComponent(m[1]), params.getAll('match[]')) : [];
      return Array.isArray(answer) ? { status: 200, body: JSON.stringify({ status: 'success', data: answer }) } : answer;
    }
    requests.push({ ...req });
    return { status: 404, statusText: 'Not Found', body: '404 page not found' };
  };
  return { transport, requests };
}

/** An istio_requests_total series with every label Kiali groups by (bookinfo naming, one cluster). */
export function requestSeries(
  source: { ns: string; workload: string; app: string; version: string },
  dest: { ns: string; workload: string; app: string; version: string; service: string },
  code: string,
  value: number
): Sample {
  return {
    metric: {
      source_cluster: 'Kubernetes',
      source_workload_namespace: source.ns,
      source_workload: source.workload,
      source_canonical_service: source.app,
      source_canonical_revision: source.version,
      destination_cluster: 'Kubernetes',
      destination_service_namespace: dest.ns,
      destination_service: `${dest.service}.${dest.ns}.svc.cluster.local`,
      destination_service_name: dest.service,
      destination_workload_namespace: dest.ns,
      destination_workload: dest.workload,
      destination_canonical_service: dest.app,
      destination_canonical_revision: dest.version,
      request_protocol: 'http',
      response_code: code,
      grpc_response_status: '',
      response_flags: '-',
    },
    value,
  };
}
