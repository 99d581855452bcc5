/**
 * The node standing for a group of a rolled-up graph: its summary (members, health, traffic per protocol and
 * direction) and, collapsed, Kiali's node fields (rates, flags, health) taken from its members and edges.
 */
import { emptyNodeRates } from '../../contract/graph';
import { healthPriority } from '../appenders/healthTolerances';
import type {
  GraphEdge,
  GraphNode,
  HealthStatus,
  NodeRates,
  Protocol,
  RollupKind,
  RollupProtocolTraffic,
  RollupSummary,
} from '../model';
import { exactSum } from './exactSum';
import { trafficOf } from './rollupEdges';

const HEALTH_STATUSES: HealthStatus[] = ['Failure', 'Degraded', 'Not Ready', 'Healthy', 'NA'];
const PROTOCOLS: Protocol[] = ['http', 'grpc', 'tcp'];

/** The members of one rolled-up node: a namespace (of a cluster) or a cluster. */
export interface RollupGroup {
  id: string;
  kind: RollupKind;
  cluster: string;
  namespace: string;
  members: GraphNode[];
  expanded: boolean;
}

/** A group's edges of one protocol: from outside it, to outside it, and between its members. */
export type DirectionalEdges = Record<'inbound' | 'outbound' | 'internal', GraphEdge[]>;

/** The rolled-up node (or, when expanded, the box) of a group. */
export function groupNode(
  g: RollupGroup,
  traffic: Map<Protocol, DirectionalEdges> | undefined,
  rates: NodeRates | undefined,
  inbound: Set<string>,
  outbound: Set<string>
): GraphNode {
  const byStatus = Object.fromEntries(HEALTH_STATUSES.map((s) => [s, 0])) as Record<HealthStatus, number>;
  let worst: HealthStatus = 'NA';
  let worstRatio = 0;
  let judged = false;
  const memberTypes: Record<string, number> = {};
  for (const m of g.members) {
    const status = m.health?.status ?? 'NA';
    judged = judged || m.health !== undefined;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const pw = healthPriority(worst);
    const pm = healthPriority(status);
    if (pm > pw || (pm === pw && (m.health?.errorRatio ?? 0) > worstRatio)) {
      worst = status;
      worstRatio = m.health?.errorRatio ?? 0;
    }
    memberTypes[m.nodeType] = (memberTypes[m.nodeType] ?? 0) + 1;
  }
  const summaryTraffic: Partial<Record<Protocol, RollupProtocolTraffic>> = {};
  for (const p of PROTOCOLS) {
    const d = traffic?.get(p);
    if (d) {
      summaryTraffic[p] = {
        inbound: trafficOf(d.inbound),
        outbound: trafficOf(d.outbound),
        internal: trafficOf(d.internal),
      };
    }
  }
  const summary: RollupSummary = {
    kind: g.kind,
    memberCount: g.members.length,
    memberTypes,
    members: g.members.map((m) => m.id).sort(),
    health: { worst, byStatus },
    traffic: summaryTraffic,
  };
  const node: GraphNode = {
    id: g.id,
    nodeType: g.expanded ? 'box' : g.kind,
    cluster: g.cluster,
    namespace: g.namespace,
    rates: g.expanded ? emptyNodeRates() : (rates ?? emptyNodeRates()),
    rollup: summary,
    group: g.id,
  };
  if (g.expanded) {
    node.isBox = g.kind;
    summary.expanded = true;
  }
  if (g.members.every((m) => m.isOutside)) {
    node.isOutside = true;
  }
  if (!g.expanded) {
    if (outbound.has(g.id) && !inbound.has(g.id)) {
      node.isRoot = true;
    }
    if (g.members.every((m) => m.isIdle)) {
      node.isIdle = true;
    }
    if (g.members.every((m) => m.isDead)) {
      node.isDead = true;
    }
    if (judged) {
      const requests = (dir: 'inbound' | 'outbound') => {
        const out: Record<string, Record<string, number>> = {};
        for (const p of ['http', 'grpc'] as const) {
          const t = summaryTraffic[p]?.[dir];
          if (t && t.rate > 0) {
            out[p] = { ...t.codes };
          }
        }
        return out;
      };
      const totals = (['http', 'grpc'] as const).flatMap((p) => [
        summaryTraffic[p]?.inbound.rate ?? 0,
        summaryTraffic[p]?.outbound.rate ?? 0,
      ]);
      node.health = {
        status: worst,
        errorRatio: worstRatio,
        totalRequestRate: exactSum(totals),
        inbound: requests('inbound'),
        outbound: requests('outbound'),
      };
    }
  }
  return node;
}
