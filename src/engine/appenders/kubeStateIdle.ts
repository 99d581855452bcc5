/**
 * Idle nodes from kube-state-metrics: Deployments and Services of the requested namespaces that have no node in the
 * graph, added with zero rates and `isIdle`. See kubeState.ts for where this differs from Kiali.
 */
import { emptyNodeRates } from '../../contract/graph';
import type { NodeFields } from '../fold/identity';
import type { GraphModel, GraphNode, GraphOptions } from '../model';
import { workloadReplicaStatus } from './health';
import { healthPriority } from './healthTolerances';
import { isOK, kubeStateNodeId } from './kubeStateIds';
import type { KubeDeployment, KubeInventory } from './kubeStateInventory';
import { hasReplicaCounts, setWorkloadStatus } from './kubeStateReplicas';
import type { Tally } from './kubeStateTally';

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

export function addIdleDeployments(
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

export function addIdleServices(
  model: GraphModel,
  inventory: KubeInventory,
  options: GraphOptions,
  tally: Tally
): void {
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
