/**
 * Node identity for nodes the kube-state appender adds (idle nodes): Kiali's `graph.Id` rules 4–11 (§5.1) for a
 * workload, app or service known from Kubernetes. The unknown-source/unknown-destination rules (1–3) never apply
 * to a Deployment or a Service.
 *
 * Kept local until the fold publishes its identity function; both must produce the same ids, which the tests pin
 * to the documented rules.
 */
import type { GraphType, NodeType } from '../model';

/** Kiali's IsOK: set and not "unknown". */
export function isOK(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== 'unknown';
}

/** Kiali's IsOKVersion: OK and not "latest". */
export function isOKVersion(value: string | undefined): value is string {
  return isOK(value) && value !== 'latest';
}

export interface KubeNodeIdentity {
  cluster: string;
  namespace: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
}

/** The internal id and node type Kiali would give this identity in a graph of `graphType`; undefined when none fits. */
export function kubeStateNodeId(graphType: GraphType, who: KubeNodeIdentity): { id: string; nodeType: NodeType } | undefined {
  const { cluster, namespace, workload, app, version, service } = who;
  const prefix = (kind: string) => `${kind}_${cluster}_${namespace}_`;
  if (graphType === 'workload' || graphType === 'service') {
    if (isOK(workload)) {
      return { id: prefix('wl') + workload, nodeType: 'workload' };
    }
    if (isOK(service)) {
      return { id: prefix('svc') + service, nodeType: 'service' };
    }
    return undefined;
  }
  if (isOK(app)) {
    if (graphType === 'versionedApp') {
      if (isOK(workload)) {
        return { id: prefix('vapp') + workload, nodeType: 'app' };
      }
      if (isOKVersion(version)) {
        return { id: `${prefix('vapp')}${app}_${version}`, nodeType: 'app' };
      }
    }
    return { id: prefix('app') + app, nodeType: 'app' };
  }
  if (isOK(workload)) {
    return { id: prefix('wl') + workload, nodeType: 'workload' };
  }
  if (isOK(service)) {
    return { id: prefix('svc') + service, nodeType: 'service' };
  }
  return undefined;
}
