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
import type { NodeFields } from '../fold/identity';
import type { VectorSample } from '../client/types';
import type { GraphModel, GraphNode, GraphOptions, NodeHealth, Notice } from '../model';
import { emptyNodeRates } from '../fold/trafficMap';
import { workloadReplicaStatus } from './health';
import { healthPriority } from './healthTolerances';
import { isOK, kubeStateNodeId } from './kubeStateIds';
import { inventoryKey, KubeDeployment, KubeInventory, kubeStateAbsent, readInventory } from './kubeStateInventory';
import { needsServices } from './kubeStateQueries';

export { ENGINE_ESCAPE, KUBE_STATE_QUERY_IDS, planKubeStateQueries } from './kubeStateQueries';
export type { PromqlEscape } from './kubeStateQueries';

export const KUBE_STATE_ABSENT_TEXT =
  'kube-state-metrics not found in this Prometheus: dead/idle nodes, replica health and sidecar checks skipped';

/** Istio's control-plane namespace: istiod and friends run without sidecars by design. */
const CONTROL_PLANE_NAMESPACE = 'istio-system';

/** What happened, counted for the notices. */
interface Tally {
  withReplicaStatus: number;
  noDeployment: number;
  noAvailability: number;
  appNodesWithoutLabels: number;
  outsideNamespaces: number;
  noPodsSeen: number;
  dead: number;
  outOfMesh: number;
  idleAdded: number;
  idleWithoutAppLabel: number;
  idleUnknownCluster: number;
}

function newTally(): Tally {
  return {
    withReplicaStatus: 0,
    noDeployment: 0,
    noAvailability: 0,
    appNodesWithoutLabels: 0,
    outsideNamespaces: 0,
    noPodsSeen: 0,
    dead: 0,
    outOfMesh: 0,
    idleAdded: 0,
    idleWithoutAppLabel: 0,
    idleUnknownCluster: 0,
  };
}

/** Lookups over the inventory; a Deployment without a cluster label matches a node of any cluster. */
class DeploymentIndex {
  private readonly byKey = new Map<string, KubeDeployment>();
  private readonly byApp = new Map<string, KubeDeployment[]>();

  constructor(deployments: KubeDeployment[]) {
    for (const d of deployments) {
      this.byKey.set(inventoryKey(d.cluster, d.namespace, d.name), d);
      if (isOK(d.app)) {
        const key = `${d.namespace}\u0000${d.app}`;
        this.byApp.set(key, [...(this.byApp.get(key) ?? []), d]);
      }
    }
  }

  byWorkload(cluster: string, namespace: string, name: string): KubeDeployment | undefined {
    return (
      this.byKey.get(inventoryKey(cluster, namespace, name)) ?? this.byKey.get(inventoryKey(undefined, namespace, name))
    );
  }

  ofApp(cluster: string, namespace: string, app: string): KubeDeployment[] {
    return (this.byApp.get(`${namespace}\u0000${app}`) ?? []).filter(
      (d) => d.cluster === undefined || d.cluster === cluster
    );
  }
}

function emptyHealth(): NodeHealth {
  return { status: 'NA', errorRatio: 0, totalRequestRate: 0, inbound: {}, outbound: {} };
}

function setWorkloadStatus(node: GraphNode, d: KubeDeployment & { desired: number; available: number }): void {
  node.health ??= emptyHealth();
  node.health.workloadStatus = { name: d.name, desiredReplicas: d.desired, availableReplicas: d.available };
}

function hasReplicaCounts(d: KubeDeployment): d is KubeDeployment & { desired: number; available: number } {
  return d.desired !== undefined && d.available !== undefined;
}

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
function decorateNodes(
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

/** Picks a cluster for a Kubernetes object whose series carry none: the namespace's, else the graph's only one. */
function clusterResolver(model: GraphModel): (namespace: string, own?: string) => string | undefined {
  const byNamespace = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const n of model.nodes) {
    if (n.nodeType === 'box' || !isOK(n.cluster)) {
      continue;
    }
    all.add(n.cluster);
    const set = byNamespace.get(n.namespace) ?? new Set<string>();
    set.add(n.cluster);
    byNamespace.set(n.namespace, set);
  }
  return (namespace, own) => {
    if (own) {
      return own;
    }
    const inNamespace = byNamespace.get(namespace);
    if (inNamespace && inNamespace.size === 1) {
      return [...inNamespace][0];
    }
    if (!inNamespace && all.size === 1) {
      return [...all][0];
    }
    return undefined;
  };
}

function idleNamespaces(model: GraphModel, options: GraphOptions): Set<string> {
  if (options.namespaces !== 'all') {
    return new Set(options.namespaces);
  }
  return new Set(model.nodes.filter((n) => n.nodeType !== 'box' && isOK(n.namespace)).map((n) => n.namespace));
}

/** Only the fields that have a value, so idle nodes look like folded ones. */
function definedFields(fields: NodeFields): Partial<Record<keyof NodeFields, string>> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}

/** The idle node for a Deployment, trimmed as Kiali trims node fields (§5.3); undefined when it cannot be named. */
function idleWorkloadNode(d: KubeDeployment, cluster: string, options: GraphOptions): GraphNode | undefined {
  const identity = kubeStateNodeId(options.graphType, {
    cluster,
    namespace: d.namespace,
    workload: d.name,
    app: d.app,
    version: d.version,
  });
  if (!identity) {
    return undefined;
  }
  const node: GraphNode = {
    id: identity.id,
    nodeType: identity.nodeType,
    cluster,
    namespace: d.namespace,
    ...definedFields(identity.fields),
    rates: emptyNodeRates(),
    isIdle: true,
  };
  if (hasReplicaCounts(d)) {
    setWorkloadStatus(node, d);
  }
  return node;
}

function addIdleDeployments(
  model: GraphModel,
  inventory: KubeInventory,
  matched: Set<KubeDeployment>,
  options: GraphOptions,
  tally: Tally
): void {
  const namespaces = idleNamespaces(model, options);
  const resolveCluster = clusterResolver(model);
  const byId = new Map(model.nodes.map((n) => [n.id, n] as const));
  const appPresent = new Set(
    model.nodes.filter((n) => n.nodeType === 'app' && isOK(n.app)).map((n) => `${n.namespace}\u0000${n.app}`)
  );
  for (const d of inventory.deployments) {
    if (matched.has(d) || !namespaces.has(d.namespace) || d.desired === undefined) {
      continue;
    }
    if (options.graphType !== 'workload' && !isOK(d.app)) {
      tally.idleWithoutAppLabel++;
      continue;
    }
    if (options.graphType === 'app' && appPresent.has(`${d.namespace}\u0000${d.app}`)) {
      continue;
    }
    const cluster = resolveCluster(d.namespace, d.cluster);
    if (cluster === undefined) {
      tally.idleUnknownCluster++;
    }
    const node = idleWorkloadNode(d, cluster ?? 'unknown', options);
    if (!node) {
      continue;
    }
    const existing = byId.get(node.id);
    if (existing) {
      // Two Deployments of one idle app: keep the worse replica status on the single app node.
      const mine = workloadReplicaStatus(node.health?.workloadStatus);
      if (
        existing.isIdle &&
        node.health?.workloadStatus &&
        healthPriority(mine) > healthPriority(workloadReplicaStatus(existing.health?.workloadStatus))
      ) {
        existing.health = node.health;
      }
      continue;
    }
    model.nodes.push(node);
    byId.set(node.id, node);
    tally.idleAdded++;
  }
}

function addIdleServices(model: GraphModel, inventory: KubeInventory, options: GraphOptions, tally: Tally): void {
  const namespaces = idleNamespaces(model, options);
  const resolveCluster = clusterResolver(model);
  const present = model.nodes.filter((n) => n.nodeType === 'service' && n.service !== undefined);
  const ids = new Set(model.nodes.map((n) => n.id));
  for (const s of inventory.services) {
    if (!namespaces.has(s.namespace)) {
      continue;
    }
    if (
      present.some(
        (n) =>
          n.namespace === s.namespace && n.service === s.name && (s.cluster === undefined || s.cluster === n.cluster)
      )
    ) {
      continue;
    }
    const cluster = resolveCluster(s.namespace, s.cluster);
    if (cluster === undefined) {
      tally.idleUnknownCluster++;
    }
    const identity = kubeStateNodeId('service', {
      cluster: cluster ?? 'unknown',
      namespace: s.namespace,
      service: s.name,
    });
    if (!identity || ids.has(identity.id)) {
      continue;
    }
    ids.add(identity.id);
    model.nodes.push({
      id: identity.id,
      nodeType: identity.nodeType,
      cluster: cluster ?? 'unknown',
      namespace: s.namespace,
      ...definedFields(identity.fields),
      rates: emptyNodeRates(),
      isIdle: true,
    });
    tally.idleAdded++;
  }
}

function describeSkipped(skipped: Record<string, number>): string {
  return Object.entries(skipped)
    .map(([reason, n]) => `${reason}: ${n}`)
    .join('; ');
}

function tallyNotices(tally: Tally, skipped: Record<string, number>): Notice[] {
  const notices: Notice[] = [];
  const info = (text: string) => notices.push({ severity: 'info', text: `kube-state-metrics: ${text}` });
  if (Object.keys(skipped).length > 0) {
    const total = Object.values(skipped).reduce((a, b) => a + b, 0);
    notices.push({
      severity: 'warning',
      text: `kube-state-metrics: ${total} sample(s) not used (${describeSkipped(skipped)})`,
    });
  }
  if (tally.noDeployment > 0) {
    info(
      `no Deployment found for ${tally.noDeployment} workload node(s) (StatefulSets, DaemonSets, Jobs and VMs are not covered): no replica health, dead or sidecar check for them`
    );
  }
  if (tally.noAvailability > 0) {
    info(
      `replica counts incomplete for ${tally.noAvailability} node(s) (desired or available replicas missing): replica health skipped`
    );
  }
  if (tally.appNodesWithoutLabels > 0) {
    info(
      `replica health skipped for ${tally.appNodesWithoutLabels} app node(s): no Deployment carries their app label (kube-state-metrics exports Deployment labels only with --metric-labels-allowlist=deployments=[app,version])`
    );
  }
  if (tally.outsideNamespaces > 0) {
    info(`${tally.outsideNamespaces} node(s) outside the requested namespaces not checked`);
  }
  if (tally.noPodsSeen > 0) {
    info(
      `sidecar check skipped for ${tally.noPodsSeen} workload(s): no pod of theirs seen (kube_pod_owner / kube_pod_container_info)`
    );
  }
  if (tally.idleWithoutAppLabel > 0) {
    info(
      `${tally.idleWithoutAppLabel} idle Deployment(s) not added: their app label is unknown (kube-state-metrics exports Deployment labels only with --metric-labels-allowlist=deployments=[app,version])`
    );
  }
  if (tally.idleUnknownCluster > 0) {
    info(
      `${tally.idleUnknownCluster} idle node(s) placed in cluster "unknown": their series carry no cluster label and their namespace spans no single cluster`
    );
  }
  return notices;
}

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
