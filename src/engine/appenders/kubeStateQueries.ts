/**
 * The kube-state-metrics queries: a constant number of instant queries whatever the number of namespaces
 * (one escaped regex-set matcher on `namespace`, none for 'all').
 *
 * Scope labels (options.scope, e.g. mesh_id=mesh1) are deliberately NOT added: they are Istio telemetry labels and
 * kube-state-metrics series do not carry them, so adding them would match nothing. Multi-cluster Prometheus setups
 * usually add a `cluster` label to every scraped series; every query keeps `cluster` in its grouping so the
 * appender can tell clusters apart when it is there (it is simply absent otherwise).
 */
import type { PlannedQuery } from '../client/types';
import type { GraphOptions } from '../model';
import { quoteString, regexOneOf } from '../promql/escape';

export const KUBE_STATE_QUERY_IDS = {
  deployments: 'kubeState.deployments',
  available: 'kubeState.available',
  sidecars: 'kubeState.sidecars',
  services: 'kubeState.services',
} as const;

/**
 * How values reach PromQL: `exact(v)` is a double-quoted PromQL string literal equal to v; `regexSet(values)` is a
 * double-quoted PromQL string literal holding an anchored RE2 regex that matches exactly those values.
 */
export interface PromqlEscape {
  exact(v: string): string;
  regexSet(values: string[]): string;
}

/** The engine's escaping (src/engine/promql/escape.ts). */
export const ENGINE_ESCAPE: PromqlEscape = {
  exact: quoteString,
  regexSet: (values) => quoteString(regexOneOf(values)),
};

/**
 * Canonical-name/revision sources as kube-state-metrics names deployment labels (`label_<sanitised key>`); only
 * present when KSM runs with `--metric-labels-allowlist=deployments=[...]` (the default exports none).
 */
export const APP_LABELS = [
  'label_service_istio_io_canonical_name',
  'label_app_kubernetes_io_name',
  'label_app',
] as const;
export const VERSION_LABELS = [
  'label_service_istio_io_canonical_revision',
  'label_app_kubernetes_io_version',
  'label_version',
] as const;

function sel(metric: string, matchers: string[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(',')}}`;
}

/** Namespace matchers, or undefined when there is nothing to ask (an empty namespace list). */
function namespaceMatchers(options: GraphOptions, escape: PromqlEscape): string[] | undefined {
  if (options.namespaces === 'all') {
    return [];
  }
  const names = [...new Set(options.namespaces)];
  if (names.length === 0) {
    return undefined;
  }
  return [`namespace=~${escape.regexSet(names)}`];
}

export function needsServices(options: GraphOptions): boolean {
  return options.graphType === 'service' || options.injectServiceNodes;
}

/**
 * At most four instant queries:
 * - deployments: desired replicas per Deployment, joined with its app/version labels when KSM exports them
 *   (`or` without them otherwise), plus one label-less marker sample when KSM exists in this Prometheus but has no
 *   Deployment in these namespaces (so "no deployments here" is not mistaken for "no kube-state-metrics").
 * - available: available replicas per Deployment.
 * - sidecars: one sample per ReplicaSet-owned pod with its ReplicaSet (`owner_name`); value 1 when the pod has an
 *   `istio-proxy` container (or native-sidecar init container), else 0.
 * - services: one sample per Service, only for service graphs or with service injection (idle services).
 * `max by` removes duplicates from several kube-state-metrics replicas scraping the same cluster.
 */
export function planKubeStateQueries(options: GraphOptions, escape: PromqlEscape = ENGINE_ESCAPE): PlannedQuery[] {
  if (!options.appenders.kubeState) {
    return [];
  }
  const ns = namespaceMatchers(options, escape);
  if (ns === undefined) {
    return [];
  }
  const proxy = `container=${escape.exact('istio-proxy')}`;
  const byDeployment = '(cluster, namespace, deployment)';
  const labelNames = [...APP_LABELS, ...VERSION_LABELS].join(', ');
  const desired = `max by ${byDeployment} (${sel('kube_deployment_spec_replicas', ns)})`;
  const labels = `max by (cluster, namespace, deployment, ${labelNames}) (${sel('kube_deployment_labels', ns)})`;
  const deployments =
    `${desired} * on ${byDeployment} group_left (${labelNames}) ${labels}` +
    ` or on ${byDeployment} ${desired}` +
    ` or on () (0 * group(kube_deployment_spec_replicas))`;
  const byPod = '(cluster, namespace, pod)';
  const sidecar =
    `max by ${byPod} (${sel('kube_pod_container_info', [proxy, ...ns])})` +
    ` or max by ${byPod} (${sel('kube_pod_init_container_info', [proxy, ...ns])})` +
    ` or 0 * max by ${byPod} (${sel('kube_pod_container_info', ns)})`;
  const sidecars =
    `max by (cluster, namespace, pod, owner_name) (${sel('kube_pod_owner', [`owner_kind=${escape.exact('ReplicaSet')}`, ...ns])})` +
    ` * on ${byPod} group_left () (${sidecar})`;

  const queries: PlannedQuery[] = [
    {
      id: KUBE_STATE_QUERY_IDS.deployments,
      purpose:
        'kube-state-metrics: desired replicas and app/version labels per Deployment (dead and idle nodes, replica health)',
      expr: deployments,
    },
    {
      id: KUBE_STATE_QUERY_IDS.available,
      purpose: 'kube-state-metrics: available replicas per Deployment (dead nodes, replica health)',
      expr: `max by ${byDeployment} (${sel('kube_deployment_status_replicas_available', ns)})`,
    },
    {
      id: KUBE_STATE_QUERY_IDS.sidecars,
      purpose: 'kube-state-metrics: whether each Deployment pod has an istio-proxy container (out-of-mesh workloads)',
      expr: sidecars,
    },
  ];
  if (needsServices(options)) {
    queries.push({
      id: KUBE_STATE_QUERY_IDS.services,
      purpose: 'kube-state-metrics: Services (idle service nodes)',
      expr: `max by (cluster, namespace, service) (${sel('kube_service_info', ns)})`,
    });
  }
  return queries;
}
