/**
 * Reads the kube-state-metrics answers into an inventory of Deployments and Services. Samples that cannot be used
 * are counted by reason, never dropped silently.
 */
import type { VectorSample } from '../client/types';
import { APP_LABELS, KUBE_STATE_QUERY_IDS, VERSION_LABELS } from './kubeStateQueries';

export interface KubeDeployment {
  /** From a `cluster` label on the series when the Prometheus has one. */
  cluster?: string;
  namespace: string;
  name: string;
  desired?: number;
  available?: number;
  /** Istio canonical service/revision from the Deployment's labels, when kube-state-metrics exports them. */
  app?: string;
  version?: string;
  /** ReplicaSet-owned pods seen, and how many of them carry an istio-proxy container. */
  pods: number;
  podsWithProxy: number;
}

export interface KubeService {
  cluster?: string;
  namespace: string;
  name: string;
}

export interface KubeInventory {
  deployments: KubeDeployment[];
  services: KubeService[];
  /** Unusable samples by reason. */
  skipped: Record<string, number>;
}

/** `${cluster}\u0000${namespace}\u0000${name}`; cluster '' when the series have no cluster label. */
export function inventoryKey(cluster: string | undefined, namespace: string, name: string): string {
  return `${cluster ?? ''}\u0000${namespace}\u0000${name}`;
}

/**
 * The Deployment that owns a ReplicaSet: ReplicaSets of a Deployment are named `<deployment>-<pod-template-hash>`
 * (hash: 1–10 lowercase letters/digits), so the Deployment is the name without its last dash-separated part.
 * Pods themselves are `<deployment>-<hash>-<5 chars>` and may be truncated for long names, which is why the
 * ReplicaSet (kube_pod_owner's owner_name) is used rather than the pod name.
 */
export function deploymentOfReplicaSet(replicaSet: string): string | undefined {
  const m = /^(.+)-[a-z0-9]{1,10}$/.exec(replicaSet);
  return m ? m[1] : undefined;
}

function firstLabel(metric: Record<string, string>, names: readonly string[]): string | undefined {
  for (const n of names) {
    const v = metric[n];
    if (v !== undefined && v !== '') {
      return v;
    }
  }
  return undefined;
}

function count(skipped: Record<string, number>, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

function validCount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** True when no kube-state-metrics answer holds any sample. */
export function kubeStateAbsent(answers: Map<string, VectorSample[]>): boolean {
  return Object.values(KUBE_STATE_QUERY_IDS).every((id) => (answers.get(id)?.length ?? 0) === 0);
}

export function readInventory(answers: Map<string, VectorSample[]>): KubeInventory {
  const skipped: Record<string, number> = {};
  const byKey = new Map<string, KubeDeployment>();
  const deployment = (metric: Record<string, string>): KubeDeployment => {
    const key = inventoryKey(metric.cluster, metric.namespace, metric.deployment);
    let d = byKey.get(key);
    if (!d) {
      d = {
        cluster: metric.cluster || undefined,
        namespace: metric.namespace,
        name: metric.deployment,
        pods: 0,
        podsWithProxy: 0,
      };
      byKey.set(key, d);
    }
    return d;
  };

  for (const s of answers.get(KUBE_STATE_QUERY_IDS.deployments) ?? []) {
    if (Object.keys(s.metric).length === 0) {
      continue; // the "kube-state-metrics is here" marker
    }
    if (!s.metric.namespace || !s.metric.deployment) {
      count(skipped, 'deployment sample without namespace/deployment label');
      continue;
    }
    if (!validCount(s.value)) {
      count(skipped, 'deployment sample with an invalid replica count');
      continue;
    }
    const d = deployment(s.metric);
    d.desired = s.value;
    d.app = firstLabel(s.metric, APP_LABELS) ?? d.app;
    d.version = firstLabel(s.metric, VERSION_LABELS) ?? d.version;
  }

  for (const s of answers.get(KUBE_STATE_QUERY_IDS.available) ?? []) {
    if (!s.metric.namespace || !s.metric.deployment) {
      count(skipped, 'availability sample without namespace/deployment label');
      continue;
    }
    if (!validCount(s.value)) {
      count(skipped, 'availability sample with an invalid replica count');
      continue;
    }
    deployment(s.metric).available = s.value;
  }

  for (const s of answers.get(KUBE_STATE_QUERY_IDS.sidecars) ?? []) {
    const owner = s.metric.owner_name ? deploymentOfReplicaSet(s.metric.owner_name) : undefined;
    if (!s.metric.namespace || owner === undefined) {
      count(skipped, 'pod sample without namespace or a ReplicaSet owner named <deployment>-<hash>');
      continue;
    }
    const d = byKey.get(inventoryKey(s.metric.cluster, s.metric.namespace, owner));
    if (!d) {
      count(skipped, 'pod whose ReplicaSet belongs to no known Deployment');
      continue;
    }
    d.pods++;
    if (s.value > 0) {
      d.podsWithProxy++;
    }
  }

  const services: KubeService[] = [];
  const seenServices = new Set<string>();
  for (const s of answers.get(KUBE_STATE_QUERY_IDS.services) ?? []) {
    if (!s.metric.namespace || !s.metric.service) {
      count(skipped, 'service sample without namespace/service label');
      continue;
    }
    const key = inventoryKey(s.metric.cluster, s.metric.namespace, s.metric.service);
    if (!seenServices.has(key)) {
      seenServices.add(key);
      services.push({ cluster: s.metric.cluster || undefined, namespace: s.metric.namespace, name: s.metric.service });
    }
  }

  return { deployments: [...byKey.values()], services, skipped };
}
