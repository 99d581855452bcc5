/** Istio label sets used by the queries (Kiali's group-by lists, §3.2). */

export const GB_MSG = [
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'destination_cluster',
  'destination_service_namespace',
  'destination_service',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
] as const;

export const GB_REQ = [...GB_MSG, 'request_protocol', 'response_code', 'grpc_response_status', 'response_flags'];
export const GB_TCP_KIALI = ['app', ...GB_MSG, 'response_flags'];
/** Kiali's TCP list without the scrape-target `app` label (only used by Kiali to tell ztunnel series apart). */
export const GB_TCP = [...GB_MSG, 'response_flags'];
export const GB_RT = [...GB_MSG, 'request_protocol'];
export const GB_SP = [
  'source_cluster',
  'source_workload_namespace',
  'source_workload',
  'source_canonical_service',
  'source_canonical_revision',
  'source_principal',
  'destination_cluster',
  'destination_service_namespace',
  'destination_service_name',
  'destination_workload_namespace',
  'destination_workload',
  'destination_canonical_service',
  'destination_canonical_revision',
  'destination_principal',
  'connection_security_policy',
];

/** Labels only needed for per-code flag and host breakdowns. */
export const DETAIL_LABELS = new Set(['destination_service', 'response_flags']);

export function withoutDetails(labels: readonly string[]): string[] {
  return labels.filter((l) => !DETAIL_LABELS.has(l));
}

export const METRIC_REQUESTS = 'istio_requests_total';
export const METRIC_REQ_MESSAGES = 'istio_request_messages_total';
export const METRIC_RESP_MESSAGES = 'istio_response_messages_total';
export const METRIC_TCP_SENT = 'istio_tcp_sent_bytes_total';
export const METRIC_TCP_RECEIVED = 'istio_tcp_received_bytes_total';
export type TrafficMetric =
  | typeof METRIC_REQUESTS
  | typeof METRIC_REQ_MESSAGES
  | typeof METRIC_RESP_MESSAGES
  | typeof METRIC_TCP_SENT
  | typeof METRIC_TCP_RECEIVED;

/** Labels the engine matches or groups on itself; a scope label on one of them would conflict with its matchers. */
const ENGINE_LABELS = new Set<string>(['__name__', 'reporter', 'le', 'app', ...GB_REQ, ...GB_SP]);

/**
 * Why a label cannot be a query-scope label, or undefined when it can (e.g. mesh_id). A scope on `reporter` would
 * empty one of the two reporter copies the engine combines; one on `__name__` breaks every query.
 */
export function reservedScopeLabel(name: string): string | undefined {
  if (!ENGINE_LABELS.has(name) && !/^(source|destination)_/.test(name)) {
    return undefined;
  }
  return name === '__name__'
    ? '__name__ is the metric name, which the engine chooses per query'
    : `${name} is a label the engine itself matches or groups on; scope labels are for labels of your own (e.g. mesh_id, cluster)`;
}
