/**
 * Why a node or an edge has its health, in words and in the figures of the drawer's traffic tables: Kiali's
 * tolerances decide the status; the error shares say how far it is. Pure (no React), so the drawer only renders it.
 */
import { formatPercent } from './format';
import { edgeTotals, nodeHealth } from './lazyCells';
import { trafficSummary } from './summary';
import type { PanelEdge, PanelGraph, PanelNode } from './types';

const PROTOCOL_NAMES: Record<string, string> = { http: 'HTTP', grpc: 'gRPC', tcp: 'TCP' };

/**
 * Why a node has its health, in the figures of the traffic tables: the error share of each direction and protocol
 * that has errors, worst first (Kiali's tolerances decide the status; the share tells how far it is).
 */
export function healthReason(node: PanelNode, graph: PanelGraph): string | undefined {
  const status = node.healthStatus;
  if (!status || status === 'NA') {
    return undefined;
  }
  const summary = trafficSummary(graph, node.id);
  const parts: Array<{ p: number; text: string }> = [];
  for (const [dir, rows] of [
    ['inbound', summary.inbound],
    ['outbound', summary.outbound],
  ] as const) {
    for (const r of rows) {
      if (r.protocol !== 'tcp' && r.protocol !== 'other' && r.percentErr > 0) {
        parts.push({
          p: r.percentErr,
          text: `${formatPercent(r.percentErr)} of ${dir} ${PROTOCOL_NAMES[r.protocol] ?? r.protocol} requests failed`,
        });
      }
    }
  }
  parts.sort((a, b) => b.p - a.p);
  const replicas = nodeHealth(node).value?.workloadStatus;
  const replicaText =
    replicas && replicas.availableReplicas < replicas.desiredReplicas
      ? `${replicas.availableReplicas} of ${replicas.desiredReplicas} replicas available`
      : undefined;
  const reasons = [...(replicaText ? [replicaText] : []), ...parts.map((x) => x.text)];
  if (reasons.length === 0) {
    return status === 'Healthy' ? 'Healthy: no failed requests' : status;
  }
  return `${status}: ${reasons.join('; ')}`;
}

export function edgeHealthReason(edge: PanelEdge): string | undefined {
  const status = edge.healthStatus;
  if (!status || status === 'NA') {
    return undefined;
  }
  const r = edgeTotals(edge);
  if (edge.protocol === 'tcp' || !r || !(r.percentErr > 0)) {
    return status === 'Healthy' ? 'Healthy: no failed requests' : status;
  }
  return `${status}: ${formatPercent(r.percentErr)} of requests failed`;
}
