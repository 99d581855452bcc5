/**
 * Existing nodes from kube-state-metrics: replica status, dead (no traffic, no available replica) and out of mesh
 * (not every pod has an istio-proxy container). See kubeState.ts for where this differs from Kiali.
 */
import type { GraphModel, GraphNode, GraphOptions } from '../model';
import { workloadReplicaStatus } from './health';
import { healthPriority } from './healthTolerances';
import { isOK } from './kubeStateIds';
import type { KubeDeployment } from './kubeStateInventory';
import { DeploymentIndex, hasReplicaCounts, setWorkloadStatus } from './kubeStateReplicas';
import type { Tally } from './kubeStateTally';

/** Istio's control-plane namespace: istiod and friends run without sidecars by design. */
const CONTROL_PLANE_NAMESPACE = 'istio-system';

function nodesWithEdgeTraffic(model: GraphModel): Set<string> {
  const ids = new Set<string>();
  for (const e of model.edges) {
    if (e.hasTraffic) {
      ids.add(e.source);
      ids.add(e.target);
    }
  }
  return ids;
}

function hasTraffic(node: GraphNode, edgeTraffic: Set<string>): boolean {
  return edgeTraffic.has(node.id) || Object.values(node.rates ?? {}).some((v) => v > 0);
}

function isGatewayLike(node: GraphNode): boolean {
  return node.isGateway === true || (node.workload ?? '').includes('gateway');
}

function sidecarCheckApplies(node: GraphNode): boolean {
  return (
    node.namespace !== CONTROL_PLANE_NAMESPACE &&
    !isGatewayLike(node) &&
    !node.isWaypoint &&
    !node.isAmbient &&
    !node.isDead &&
    !node.isInaccessible
  );
}

function requestedNamespace(options: GraphOptions, namespace: string): boolean {
  return options.namespaces === 'all' || options.namespaces.includes(namespace);
}

/** Workload nodes and versioned app nodes: one Deployment each. */
function decorateWorkloadNode(
  node: GraphNode & { workload: string },
  d: KubeDeployment,
  traffic: boolean,
  tally: Tally
): void {
  if (!hasReplicaCounts(d)) {
    tally.noAvailability++;
    return;
  }
  setWorkloadStatus(node, d);
  tally.withReplicaStatus++;
  if (!traffic && d.available === 0) {
    node.isDead = true;
    tally.dead++;
  }
  if (!sidecarCheckApplies(node)) {
    return;
  }
  if (d.pods === 0) {
    if (d.desired > 0) {
      tally.noPodsSeen++;
    }
    return;
  }
  if (d.podsWithProxy < d.pods) {
    node.isOutOfMesh = true;
    tally.outOfMesh++;
  }
}

/** App nodes of app graphs: the worst replica status among the app's Deployments. */
function decorateAppNode(node: GraphNode & { app: string }, deployments: KubeDeployment[], tally: Tally): void {
  const counted = deployments.filter(hasReplicaCounts);
  if (counted.length === 0) {
    tally.noAvailability++;
    return;
  }
  const worst = counted.reduce((a, b) =>
    healthPriority(workloadReplicaStatus({ desiredReplicas: b.desired, availableReplicas: b.available })) >
    healthPriority(workloadReplicaStatus({ desiredReplicas: a.desired, availableReplicas: a.available }))
      ? b
      : a
  );
  setWorkloadStatus(node, worst);
  tally.withReplicaStatus++;
}

/** Replica status, dead and out-of-mesh flags on existing nodes; returns the Deployments that have a node. */
export function decorateNodes(
  model: GraphModel,
  index: DeploymentIndex,
  options: GraphOptions,
  tally: Tally
): Set<KubeDeployment> {
  const matched = new Set<KubeDeployment>();
  const edgeTraffic = nodesWithEdgeTraffic(model);
  for (const node of model.nodes) {
    if (node.nodeType !== 'workload' && node.nodeType !== 'app') {
      continue;
    }
    if (!requestedNamespace(options, node.namespace)) {
      tally.outsideNamespaces++;
      continue;
    }
    const workload = node.workload;
    if (isOK(workload)) {
      const d = index.byWorkload(node.cluster, node.namespace, workload);
      if (!d) {
        tally.noDeployment++;
        continue;
      }
      matched.add(d);
      decorateWorkloadNode(node as GraphNode & { workload: string }, d, hasTraffic(node, edgeTraffic), tally);
    } else if (node.nodeType === 'app' && isOK(node.app)) {
      // A versioned app node without a workload (vapp_<app>_<version>) stands for the Deployments of that version.
      const version = model.graphType === 'versionedApp' && isOK(node.version) ? node.version : undefined;
      const deployments = index
        .ofApp(node.cluster, node.namespace, node.app)
        .filter((d) => version === undefined || d.version === version);
      if (deployments.length === 0) {
        tally.appNodesWithoutLabels++;
        continue;
      }
      deployments.forEach((d) => matched.add(d));
      decorateAppNode(node as GraphNode & { app: string }, deployments, tally);
    }
  }
  return matched;
}
