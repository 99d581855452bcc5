/**
 * The graph Meshgraph draws: what the engine builds (GraphModel) and what the nodes and edges frames carry, field by
 * field (frameFields.ts), so the panel and the Kiali JSON writer read it without knowing the engine.
 */

export type GraphType = 'app' | 'versionedApp' | 'workload' | 'service';
export type Protocol = 'http' | 'grpc' | 'tcp';
/** 'namespace' and 'cluster': rolled-up nodes (GraphOptions.rollup), one per namespace or cluster of members. */
export type NodeType = 'app' | 'workload' | 'service' | 'unknown' | 'aggregate' | 'box' | 'namespace' | 'cluster';
export type BoxBy = 'namespace' | 'app' | 'cluster';
/** Kiali's health states, worst first in priority: Failure > Degraded > Not Ready > Healthy > NA. */
export type HealthStatus = 'Failure' | 'Degraded' | 'Not Ready' | 'Healthy' | 'NA';

/**
 * Rollup (src/engine/rollup): 'none' shows every node; 'namespace' / 'cluster' fold the finished graph into one node
 * per namespace / cluster; 'auto' folds by namespace when the graph has more nodes than the budget (and by cluster
 * when even that exceeds it and there are several clusters).
 */
export type RollupMode = 'none' | 'namespace' | 'cluster' | 'auto';
/** What a rolled-up node stands for. */
export type RollupKind = 'namespace' | 'cluster';

/** Per-node rates, requests or bytes per second, as Kiali's node traffic rates (absent = 0). */
export interface NodeRates {
  httpIn: number;
  httpIn3xx: number;
  httpIn4xx: number;
  httpIn5xx: number;
  httpInNoResponse: number;
  httpOut: number;
  grpcIn: number;
  grpcInErr: number;
  grpcInNoResponse: number;
  grpcOut: number;
  tcpIn: number;
  tcpOut: number;
}

/** Zero rates, a fresh object each call (callers add to it). */
export function emptyNodeRates(): NodeRates {
  return {
    httpIn: 0,
    httpIn3xx: 0,
    httpIn4xx: 0,
    httpIn5xx: 0,
    httpInNoResponse: 0,
    httpOut: 0,
    grpcIn: 0,
    grpcInErr: 0,
    grpcInNoResponse: 0,
    grpcOut: 0,
    tcpIn: 0,
    tcpOut: 0,
  };
}

export interface ServiceRef {
  cluster: string;
  namespace: string;
  name: string;
}

export interface NodeHealth {
  status: HealthStatus;
  /** Worst error percentage that decided the request status (0 when none). */
  errorRatio: number;
  totalRequestRate: number;
  /** Requests per protocol and response code, as Kiali's healthData.requests. */
  inbound: Record<string, Record<string, number>>;
  outbound: Record<string, Record<string, number>>;
  /** Replica status from kube-state-metrics when present. */
  workloadStatus?: { name: string; desiredReplicas: number; availableReplicas: number };
}

export interface GraphNode {
  /**
   * Kiali's internal id (e.g. wl_<cluster>_<ns>_<workload>) with `%`, `_` and space inside label values written as
   * %25, %5F and %20 (fold/identity.ts idPart), so that no two nodes share one; stable across refreshes.
   */
  id: string;
  /** Box id when boxed. */
  parent?: string;
  nodeType: NodeType;
  cluster: string;
  namespace: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
  /** Operation nodes: the aggregate label and its value. */
  aggregate?: string;
  aggregateValue?: string;
  isBox?: BoxBy;
  destServices?: ServiceRef[];
  rates: NodeRates;
  isRoot?: boolean;
  isOutside?: boolean;
  isInaccessible?: boolean;
  isInjected?: boolean;
  isIdle?: boolean;
  isDead?: boolean;
  isOutOfMesh?: boolean;
  isGateway?: boolean;
  isWaypoint?: boolean;
  isAmbient?: boolean;
  /** PassthroughCluster / BlackHoleCluster service nodes. */
  isEgressCluster?: boolean;
  health?: NodeHealth;
  /** Samples of this node's edges whose value could not be read: its health is then never Healthy. */
  unreadable?: number;
  /** Rolled-up graphs: what a rolled-up node (or an expanded group's box) holds. */
  rollup?: RollupSummary;
  /**
   * Rolled-up graphs: the id of the rolled-up node this node belongs to (its own id for rolled-up nodes and expanded
   * boxes); absent for nodes kept as themselves (unknown source, egress clusters, unknown namespace).
   */
  group?: string;
}

/** Traffic of one protocol in one direction of a rolled-up node; requests/s (HTTP, gRPC) or bytes/s (TCP). */
export interface RollupTraffic {
  rate: number;
  /** Failing requests/s: HTTP 4xx, 5xx and no response; gRPC errors and no response; 0 for TCP. */
  errors: number;
  /** errors / rate in percent (0 without traffic). */
  percentErr: number;
  /** Rate by response code ('-' = no response; TCP uses '-'). */
  codes: Record<string, number>;
}

/**
 * A protocol's traffic of a rolled-up node: inbound (from outside the group), outbound (to outside the group) and
 * internal (between its members; not drawn as an edge). Every edge of the unrolled graph is counted once as some
 * group's internal traffic or in one rolled-up edge.
 */
export interface RollupProtocolTraffic {
  inbound: RollupTraffic;
  outbound: RollupTraffic;
  internal: RollupTraffic;
}

export interface RollupSummary {
  kind: RollupKind;
  /** Members (nodes of the unrolled graph, boxes not counted). */
  memberCount: number;
  /** Member counts by node type (e.g. { workload: 20, service: 20 }). */
  memberTypes: Record<string, number>;
  /** Member ids as in the unrolled graph, sorted. */
  members: string[];
  /** Members by health status (members without health count as NA); worst = the worst member's status. */
  health: { worst: HealthStatus; byStatus: Record<HealthStatus, number> };
  traffic: Partial<Record<Protocol, RollupProtocolTraffic>>;
  /** The group is shown expanded: this node is its box and the members are in the graph. */
  expanded?: boolean;
}

/** How a graph was rolled up (GraphModel.rollup; present whenever a rollup was asked for). */
export interface RollupInfo {
  requested: RollupMode;
  /** What was applied: 'none' when 'auto' stayed within the budget. */
  by: RollupKind | 'none';
  /** The node budget 'auto' compared with. */
  budget: number;
  /** Nodes (boxes not counted) and edges of the unrolled graph. */
  fullNodes: number;
  fullEdges: number;
  /** Expanded rolled-up ids (those of rollupExpand that exist). */
  expanded: string[];
}

/** Per-code breakdown of an edge's traffic, absolute rates (percentages are derived by the outputs). */
export interface ResponseDetail {
  rate: number;
  flags: Record<string, number>;
  hosts: Record<string, number>;
}

export interface EdgeRates {
  /** Total rate of the edge's protocol (requests/s, messages/s or bytes/s). */
  total: number;
  http3xx: number;
  http4xx: number;
  http5xx: number;
  /** No response (response_code 0), http or grpc. */
  noResponse: number;
  /** gRPC errors (status != 0, or HTTP 4xx/5xx on a gRPC call). */
  grpcErr: number;
  /** Error percentage (http: 4xx+5xx+no response; grpc: err + no response). */
  percentErr: number;
  /** Share of everything the source sends on this protocol, in percent. */
  percentReq: number;
}

/** Zero rates, a fresh object each call. */
export function emptyEdgeRates(): EdgeRates {
  return { total: 0, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr: 0, percentReq: 0 };
}

export interface GraphEdge {
  /** `<sourceId> <targetId> <protocol>` (node ids hold no spaces); stable across refreshes. */
  id: string;
  source: string;
  target: string;
  protocol: Protocol;
  rates: EdgeRates;
  /** By response code ('-' = no response; TCP uses '-'). */
  responses: Record<string, ResponseDetail>;
  /** False for idle edges (no rate in the window). */
  hasTraffic: boolean;
  responseTime?: number;
  throughput?: number;
  /** Percent of traffic with connection_security_policy=mutual_tls. */
  isMTLS?: number;
  sourcePrincipal?: string;
  destPrincipal?: string;
  healthStatus?: HealthStatus;
  /**
   * Samples of this edge whose value could not be read (NaN, infinite, negative, non-numeric): left out of its
   * rates, and its health is then never Healthy.
   */
  unreadable?: number;
  /** Rolled-up graphs: how many edges of the unrolled graph this edge sums (absent: an edge of the unrolled graph). */
  memberEdges?: number;
}

/** Something the user should know about the answer: skipped telemetry, a failed query, a missing source. */
export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface GraphStats {
  queries: number;
  samples: number;
  /** Bytes of Prometheus answers read. */
  bytes: number;
  /** Samples not used, by reason (never silently dropped); those of `unreadable` included. */
  skipped: Record<string, number>;
  /** Samples whose value could not be read as a rate (NaN, infinite, negative, non-numeric), by problem and metric. */
  unreadable?: Record<string, number>;
}

export interface GraphModel {
  timestamp: number;
  duration: number;
  graphType: GraphType;
  /** Requested namespaces ('all' when none were named). */
  namespaces: string[] | 'all';
  nodes: GraphNode[];
  edges: GraphEdge[];
  notices: Notice[];
  stats: GraphStats;
  /** Present when a rollup was asked for (GraphOptions.rollup other than 'none'). */
  rollup?: RollupInfo;
}
