/** Replica counts of Deployments on nodes, and Deployments looked up by workload or app. */
import type { GraphNode, NodeHealth } from '../model';
import { isOK } from './kubeStateIds';
import { inventoryKey, KubeDeployment } from './kubeStateInventory';

/** Lookups over the inventory; a Deployment without a cluster label matches a node of any cluster. */
export class DeploymentIndex {
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

export function setWorkloadStatus(node: GraphNode, d: KubeDeployment & { desired: number; available: number }): void {
  node.health ??= emptyHealth();
  node.health.workloadStatus = { name: d.name, desiredReplicas: d.desired, availableReplicas: d.available };
}

export function hasReplicaCounts(d: KubeDeployment): d is KubeDeployment & { desired: number; available: number } {
  return d.desired !== undefined && d.available !== undefined;
}
