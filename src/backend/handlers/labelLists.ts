/**
 * Lists of names for dashboard variables (namespaces, workloads, apps, services, clusters), read from the Istio
 * metrics with Prometheus' label-values API. Every value in a match[] selector goes through the engine's selector
 * builder, which escapes it.
 */
import type { PrometheusClient } from '../../engine/client';
import { eq, Matcher, scopeMatchers, selector } from '../../engine/promql/selector';

import type { VariableKind } from '../../datasource/types';

/** The metrics that carry every Istio request and TCP connection. */
export const ISTIO_METRICS = ['istio_requests_total', 'istio_tcp_sent_bytes_total'];

/** Per list: which labels hold the names, and which namespace label goes with each (to filter by namespace). */
const SOURCES: Record<VariableKind, Array<{ label: string; namespaceLabel?: string }>> = {
  namespaces: [
    { label: 'source_workload_namespace' },
    { label: 'destination_workload_namespace' },
    { label: 'destination_service_namespace' },
  ],
  workloads: [
    { label: 'source_workload', namespaceLabel: 'source_workload_namespace' },
    { label: 'destination_workload', namespaceLabel: 'destination_workload_namespace' },
  ],
  apps: [
    { label: 'source_canonical_service', namespaceLabel: 'source_workload_namespace' },
    { label: 'destination_canonical_service', namespaceLabel: 'destination_workload_namespace' },
  ],
  services: [{ label: 'destination_service_name', namespaceLabel: 'destination_service_namespace' }],
  clusters: [{ label: 'source_cluster' }, { label: 'destination_cluster' }],
};

export interface LabelListRequest {
  kind: VariableKind;
  /** Only names seen in these namespaces; 'all' = everywhere. Ignored for namespaces and clusters. */
  namespaces: string[] | 'all';
  scope: Record<string, string>;
  startS?: number;
  endS?: number;
  signal?: AbortSignal;
}

/** The match[] selectors for one label: one per metric and namespace (Prometheus ORs match[] selectors). */
export function labelSelectors(
  namespaceLabel: string | undefined,
  namespaces: string[] | 'all',
  scope: Record<string, string>
): string[] {
  const base: Matcher[] = scopeMatchers(scope);
  const sets: Matcher[][] =
    namespaceLabel && namespaces !== 'all' ? namespaces.map((ns) => [...base, eq(namespaceLabel, ns)]) : [base];
  return ISTIO_METRICS.flatMap((metric) => sets.map((m) => selector(metric, m)));
}

/** Union of the label values, sorted, without Istio's "unknown" placeholder and empty values. */
export async function listNames(client: PrometheusClient, req: LabelListRequest): Promise<string[]> {
  const names = new Set<string>();
  for (const source of SOURCES[req.kind]) {
    const match = labelSelectors(source.namespaceLabel, req.namespaces, req.scope);
    const values = await client.labelValues(source.label, match, req.startS, req.endS, req.signal);
    for (const v of values) {
      if (v !== '' && v !== 'unknown') {
        names.add(v);
      }
    }
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}
