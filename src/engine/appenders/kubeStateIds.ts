/**
 * Node identity for nodes the kube-state appender adds (idle nodes), through the fold's own identity function so
 * idle nodes get exactly the ids traffic would give them (Kiali's `graph.Id`, §5.1, and field trimming, §5.3).
 */
import { isOK as foldIsOK, isOKVersion as foldIsOKVersion, NodeFields, nodeId, trimFields } from '../fold/identity';
import type { GraphNode, GraphType, NodeType } from '../model';

/** Kiali's IsOK (set and not "unknown"), as a type guard. */
export function isOK(value: string | undefined): value is string {
  return foldIsOK(value);
}

/** Kiali's IsOKVersion: OK and not "latest". */
export function isOKVersion(value: string | undefined): value is string {
  return foldIsOKVersion(value);
}

/** The identity fields of a model node. */
export type KubeNodeIdentity = Pick<GraphNode, 'cluster' | 'namespace' | 'workload' | 'app' | 'version' | 'service'>;

/**
 * The internal id, node type and kept fields Kiali would give a Deployment (workload, optional app/version) or a
 * Service in a graph of `graphType`; undefined when neither names anything usable.
 */
export function kubeStateNodeId(
  graphType: GraphType,
  who: KubeNodeIdentity
): { id: string; nodeType: NodeType; fields: NodeFields } | undefined {
  const { cluster, namespace } = who;
  const workload = who.workload ?? '';
  const app = who.app ?? '';
  const version = who.version ?? '';
  const service = who.service ?? '';
  if (!isOK(workload) && !isOK(app) && !isOK(service)) {
    return undefined;
  }
  // A Kubernetes object is never the unknown source; an empty workload namespace makes nodeId use the service's.
  const identity = nodeId(
    cluster,
    namespace,
    service,
    isOK(workload) ? namespace : '',
    workload,
    app,
    version,
    graphType
  );
  if (!identity) {
    return undefined;
  }
  return {
    id: identity.id,
    nodeType: identity.nodeType,
    fields: trimFields(identity.nodeType, graphType, service, workload, app, version),
  };
}
