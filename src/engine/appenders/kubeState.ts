/**
 * kube-state-metrics appender: an approximation of Kiali's deadNode, idleNode and meshCheck appenders and of the
 * replica part of its health, from kube-state-metrics series in the same Prometheus (Kiali reads Kubernetes).
 *
 * What it does, and where it differs from Kiali:
 * - Replica status: workload nodes, and app nodes of versionedApp graphs (one per workload), get
 *   `health.workloadStatus` from their Deployment. App nodes of app graphs get the status of their worst Deployment
 *   (matched by the Deployment's app label, which kube-state-metrics exports only when allow-listed), which is what
 *   "worse of each workload" needs. Only Deployments are covered (not StatefulSets, DaemonSets, Jobs, VMs).
 * - Dead: a workload-backed node with no traffic whose Deployment has 0 available replicas gets `isDead` (Kiali:
 *   0 pods). Kiali also REMOVES traffic-less nodes whose workload does not exist; we remove nothing, because a
 *   missing Deployment may well be a StatefulSet, a DaemonSet or a VM that kube-state data here does not describe.
 * - Idle: Deployments (non-service graphs) and Services (service graphs or with injection) of the requested
 *   namespaces that have no node become `isIdle` nodes with zero rates; never for node-focused graphs. Kiali's loop
 *   seems to add idle workloads only when services were listed (§14); we add them whenever the graph shows workloads.
 *   With namespaces 'all', only namespaces that already have nodes get idle nodes (not kube-system & co).
 * - Out of mesh: a workload-backed node whose Deployment pods do not all have an `istio-proxy` container (classic or
 *   native sidecar) gets `isOutOfMesh`, as Kiali's "not every pod has a sidecar". Skipped: the control-plane namespace
 *   istio-system, gateways (isGateway or a name containing "gateway"), waypoints, ambient nodes, dead nodes. Ambient
 *   workloads that the fold did not flag cannot be told apart from sidecar-less ones with kube-state data alone.
 */
import type { VectorSample } from '../client/types';
import type { GraphModel, GraphOptions, Notice } from '../model';
import { decorateNodes } from './kubeStateDecorate';
import { addIdleDeployments, addIdleServices } from './kubeStateIdle';
import { kubeStateAbsent, readInventory } from './kubeStateInventory';
import { needsServices } from './kubeStateQueries';
import { DeploymentIndex } from './kubeStateReplicas';
import { newTally, tallyNotices } from './kubeStateTally';

export { ENGINE_ESCAPE, KUBE_STATE_QUERY_IDS, planKubeStateQueries } from './kubeStateQueries';
export type { PromqlEscape } from './kubeStateQueries';

export const KUBE_STATE_ABSENT_TEXT =
  'kube-state-metrics not found in this Prometheus: dead/idle nodes, replica health and sidecar checks skipped';

/**
 * Decorates `model` from the kube-state-metrics answers (keyed by the ids of planKubeStateQueries) and adds idle
 * nodes. Never fails: no kube-state-metrics at all gives one info notice and leaves the model untouched; everything
 * skipped or unmatched is counted in the returned notices (which the caller adds to the model).
 */
export function applyKubeState(
  model: GraphModel,
  answers: Map<string, VectorSample[]>,
  options: GraphOptions
): Notice[] {
  if (!options.appenders.kubeState) {
    return [];
  }
  if (kubeStateAbsent(answers)) {
    return [{ severity: 'info', text: KUBE_STATE_ABSENT_TEXT }];
  }
  const inventory = readInventory(answers);
  const tally = newTally();
  const matched = decorateNodes(model, new DeploymentIndex(inventory.deployments), options, tally);
  if (options.node === undefined) {
    if (options.graphType !== 'service') {
      addIdleDeployments(model, inventory, matched, options, tally);
    }
    if (needsServices(options)) {
      addIdleServices(model, inventory, options, tally);
    }
  }
  return tallyNotices(tally, inventory.skipped);
}
