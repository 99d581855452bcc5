/**
 * The engine's public contracts: what callers ask for (GraphOptions, here) and what they get back (GraphModel, whose
 * types live in src/contract/graph.ts, shared with the panel and the Kiali JSON writer, and are re-exported here).
 * Pure TypeScript: no Grafana, React or DOM imports anywhere under src/engine.
 */
import type { BoxBy, GraphType, RollupMode } from '../contract/graph';

export type {
  BoxBy,
  EdgeRates,
  GraphEdge,
  GraphModel,
  GraphNode,
  GraphStats,
  GraphType,
  HealthStatus,
  NodeHealth,
  NodeRates,
  NodeType,
  Notice,
  Protocol,
  ResponseDetail,
  RollupInfo,
  RollupKind,
  RollupMode,
  RollupProtocolTraffic,
  RollupSummary,
  RollupTraffic,
  ServiceRef,
} from '../contract/graph';

export type HttpRate = 'requests' | 'none';
export type GrpcRate = 'requests' | 'sent' | 'received' | 'total' | 'none';
export type TcpRate = 'sent' | 'received' | 'total' | 'none';
export type AmbientTraffic = 'none' | 'total' | 'waypoint' | 'ztunnel';
export type ResponseTimeStat = 'avg' | '50' | '95' | '99';
export type ThroughputType = 'request' | 'response';

/** A node-focused graph: one node and its immediate inbound and outbound traffic. */
export type NodeFocus =
  | { kind: 'workload'; namespace: string; name: string }
  | { kind: 'app'; namespace: string; app: string; version?: string }
  | { kind: 'service'; namespace: string; name: string };

/** One rate tolerance, as Kiali's health_config.rate[].tolerance[] (patterns are anchored regexes, X = a digit). */
export interface HealthTolerance {
  code: string;
  protocol: string;
  direction: string;
  degraded: number;
  failure: number;
}

export interface GraphOptions {
  /** Namespaces to graph; 'all' puts no namespace matcher in the queries at all. */
  namespaces: string[] | 'all';
  graphType: GraphType;
  injectServiceNodes: boolean;
  /** Rate window in seconds (Kiali's `duration`). */
  duration: number;
  /** Evaluation time, unix seconds (Kiali's `queryTime`). */
  queryTime: number;
  rates: { http: HttpRate; grpc: GrpcRate; tcp: TcpRate };
  ambientTraffic: AmbientTraffic;
  includeIdleEdges: boolean;
  boxBy: BoxBy[];
  node?: NodeFocus;
  /** Query-scope labels (e.g. mesh_id=mesh1) added to every selector. */
  scope: Record<string, string>;
  appenders: {
    /** Edge response time; false = off. */
    responseTime: ResponseTimeStat | false;
    /** Edge throughput on HTTP edges; false = off. */
    throughput: ThroughputType | false;
    /** mTLS percentage and principals. */
    securityPolicy: boolean;
    /** Operation (aggregate) nodes by this request label (e.g. request_operation); false = off. */
    aggregate: string | false;
    health: boolean;
    /** Dead/idle nodes, replica health and missing sidecars from kube-state-metrics (skipped with a notice when absent). */
    kubeState: boolean;
    /** Response flags and hosts per response code on edges (costs group-by labels; off when nobody shows them). */
    responseDetails: boolean;
  };
  /** Overrides Kiali's default tolerances when given. */
  healthTolerances?: HealthTolerance[];
  /**
   * Traffic queries run as this many parallel queries, split by destination namespace (default 2; 1 = one query
   * per metric). Prometheus evaluates a query on one core; the split answers add up to the same graph.
   */
  queryShards?: number;
  /** Rollup of the finished graph (absent = 'none'). */
  rollup?: RollupMode;
  /** 'auto' rolls up above this many nodes (boxes not counted); absent = DEFAULT_ROLLUP_NODE_BUDGET (500). */
  rollupNodeBudget?: number;
  /**
   * Rolled-up node ids shown expanded: the group keeps its id as a box (nodeType 'box') holding its members,
   * whose edges go to the other rolled-up nodes or to other expanded members. Unknown ids are ignored.
   */
  rollupExpand?: string[];
}
