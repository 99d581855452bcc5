/** What the kube-state-metrics appender did and skipped, counted, and the notices that tell the user. */
import type { Notice } from '../model';

/** What happened, counted for the notices. */
export interface Tally {
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

export function newTally(): Tally {
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

function describeSkipped(skipped: Record<string, number>): string {
  return Object.entries(skipped)
    .map(([reason, n]) => `${reason}: ${n}`)
    .join('; ');
}

export function tallyNotices(tally: Tally, skipped: Record<string, number>): Notice[] {
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
