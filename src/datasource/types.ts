import { DataSourceJsonData } from '@grafana/data';
import { DataQuery } from '@grafana/schema';
import type { RollupDeltaFrom } from '../contract/rollupDelta';

import { DEFAULT_MAX_ANSWER_BYTES } from '../engine/client/transport';

import type {
  AmbientTraffic,
  BoxBy,
  GraphType,
  GrpcRate,
  HealthTolerance,
  HttpRate,
  ResponseTimeStat,
  RollupMode,
  TcpRate,
  ThroughputType,
} from '../engine/model';

/** A dashboard variable reference such as "$graphType" or "${graphType}". */
export type VariableReference = `$${string}`;

/** The namespace entry meaning "every namespace" (no namespace matcher); the same token Grafana uses for "All". */
export const ALL_NAMESPACES = '$__all';

export type NodeFocusKind = 'none' | 'workload' | 'app' | 'service';

/** A node-focused graph as typed in the editor; strings may hold template variables. */
export interface NodeFocusQuery {
  kind: NodeFocusKind;
  namespace: string;
  /** Workload, app or service name. */
  name: string;
  /** App graphs only. */
  version?: string;
}

export interface ScopeLabel {
  key: string;
  value: string;
}

/**
 * One Meshgraph query: a structured description of the graph, never PromQL. Every string may reference
 * dashboard variables; values are substituted as literal data and escaped by the engine.
 */
export interface MeshgraphQuery extends DataQuery {
  /** '' or 'graph': the Node Graph frames; 'edgeMetrics' / 'nodeMetrics': one labelled number per edge / node. */
  queryType?: QueryType | '' | string;
  /** The number of an edgeMetrics or nodeMetrics query. */
  metric?: EdgeMetric | NodeMetric;
  /** Namespace names and/or variable references ("$namespace"); ALL_NAMESPACES for every namespace. */
  namespaces: string[];
  /** A graph type, or a dashboard variable holding one (e.g. "$graphType"). */
  graphType: GraphType | VariableReference;
  injectServiceNodes: boolean;
  /** Rate window: '' = the dashboard time range; otherwise a Prometheus duration ("10m") or a variable. */
  duration: string;
  rates: { http: HttpRate; grpc: GrpcRate; tcp: TcpRate };
  ambientTraffic: AmbientTraffic;
  includeIdleEdges: boolean;
  boxBy: BoxBy[];
  responseTime: ResponseTimeStat | 'off';
  throughput: ThroughputType | 'off';
  securityPolicy: boolean;
  /** Request label for operation (aggregate) nodes, e.g. request_operation; '' = off. */
  aggregate: string;
  health: boolean;
  kubeState: boolean;
  responseDetails: boolean;
  node: NodeFocusQuery;
  /** Query-scope labels, merged over the datasource's defaults (same key: the query wins). */
  scope: ScopeLabel[];
  /**
   * Graph queries: fold the graph into namespace or cluster nodes; 'auto' (the default) does so when the graph has
   * more nodes than the datasource's rollup node budget. A dashboard variable may hold the mode.
   */
  rollup?: RollupMode | VariableReference;
  /**
   * Rolled-up node ids (the nodes frame's `id` of a namespace or cluster node) to show expanded: the group as a box
   * holding its members. Literal ids, never interpolated (label values may hold `$`).
   */
  rollupExpand?: string[];
  /**
   * Set by the traffic panel only, on a re-ask expanding or collapsing namespaces: the view it holds, so the answer
   * may carry only what changed (src/contract/rollupDelta.ts). Never saved with a dashboard.
   */
  rollupDeltaFrom?: RollupDeltaFrom;
}

/** What a query returns: the graph, or alert-ready numbers per edge or per node. */
export type QueryType = 'graph' | 'edgeMetrics' | 'nodeMetrics';
export const QUERY_TYPES: QueryType[] = ['graph', 'edgeMetrics', 'nodeMetrics'];
/** requestRate: requests/s (TCP: bytes/s); errorRate: percent of requests failing; responseTime: ms, the query's statistic. */
export type EdgeMetric = 'requestRate' | 'errorRate' | 'responseTime';
export const EDGE_METRICS: EdgeMetric[] = ['requestRate', 'errorRate', 'responseTime'];
/** requestRate: inbound requests/s; errorRate: percent of inbound requests failing; health: 0 healthy, 1 degraded, 2 failure. */
export type NodeMetric = 'requestRate' | 'errorRate' | 'health';
export const NODE_METRICS: NodeMetric[] = ['requestRate', 'errorRate', 'health'];

export const DEFAULT_GRAPH_TYPE: GraphType = 'versionedApp';

export const DEFAULT_QUERY: Omit<MeshgraphQuery, 'refId'> = {
  namespaces: [ALL_NAMESPACES],
  graphType: DEFAULT_GRAPH_TYPE,
  injectServiceNodes: true,
  duration: '',
  rates: { http: 'requests', grpc: 'requests', tcp: 'sent' },
  ambientTraffic: 'total',
  includeIdleEdges: false,
  boxBy: ['namespace'],
  responseTime: '95',
  throughput: 'off',
  securityPolicy: true,
  aggregate: '',
  health: true,
  kubeState: true,
  responseDetails: true,
  node: { kind: 'none', namespace: '', name: '' },
  scope: [],
  rollup: 'auto',
  rollupExpand: [],
};

/** Fills what an older or hand-written query lacks, so every field downstream is defined. */
export function withQueryDefaults(query: Partial<MeshgraphQuery> & { refId: string }): MeshgraphQuery {
  return {
    ...DEFAULT_QUERY,
    ...query,
    rates: { ...DEFAULT_QUERY.rates, ...(query.rates ?? {}) },
    node: { ...DEFAULT_QUERY.node, ...(query.node ?? {}) },
    namespaces: Array.isArray(query.namespaces) ? query.namespaces : DEFAULT_QUERY.namespaces,
    boxBy: Array.isArray(query.boxBy) ? query.boxBy : DEFAULT_QUERY.boxBy,
    scope: Array.isArray(query.scope) ? query.scope : [],
    rollupExpand: Array.isArray(query.rollupExpand) ? query.rollupExpand : [],
  };
}

/**
 * Datasource settings (jsonData). The Prometheus URL is the instance's `url`; basic auth is the instance's
 * `basicAuth`/`basicAuthUser` with the password in secureJsonData, as in Grafana's own datasources.
 */
export interface MeshgraphOptions extends DataSourceJsonData {
  /** Send `Authorization: Bearer <secureJsonData.bearerToken>`. */
  bearerAuth?: boolean;
  /** Custom headers: httpHeaderName1, httpHeaderName2, … with values in secureJsonData.httpHeaderValue<n>. */
  [httpHeaderName: `httpHeaderName${number}`]: string | undefined;
  /** TLS client authentication with secureJsonData.tlsClientCert and tlsClientKey. */
  tlsAuth?: boolean;
  /** Verify the server against secureJsonData.tlsCACert. */
  tlsAuthWithCACert?: boolean;
  /** Do not verify the server's certificate (testing only). */
  tlsSkipVerify?: boolean;
  /** Server name for TLS verification, when it differs from the URL's host. */
  serverName?: string;
  /** Prometheus scrape interval ("15s"); the graph window is at least twice this. */
  scrapeInterval?: string;
  /** Per-request timeout in seconds. */
  timeoutSeconds?: number;
  /** Largest Prometheus answer read, in MB (absent = DEFAULT_MAX_ANSWER_MB). */
  maxAnswerMB?: number;
  /** Traffic queries per metric, split by destination namespace and run in parallel (absent = the engine's default). */
  queryShards?: number;
  /** Query-scope labels added to every selector (e.g. mesh_id=mesh1). */
  scopeLabels?: ScopeLabel[];
  /** Health tolerances; absent = Kiali's defaults. */
  healthTolerances?: HealthTolerance[];
  /** UID of Istio's workload dashboard, target of the nodes' "Workload dashboard" link ('' = no link). */
  workloadDashboardUid?: string;
  /** UID of Istio's service dashboard, target of the nodes' "Service dashboard" link ('' = no link). */
  serviceDashboardUid?: string;
  /** Cluster DNS domain used to build the service host the service dashboard expects. */
  clusterDomain?: string;
  /** Graph queries with rollup 'auto' fold graphs of more nodes than this (absent = DEFAULT_ROLLUP_NODE_BUDGET, 500). */
  rollupNodeBudget?: number;
}

/** Secrets (secureJsonData): only the backend ever sees them, decrypted by Grafana. */
export interface MeshgraphSecureOptions {
  basicAuthPassword?: string;
  bearerToken?: string;
  tlsCACert?: string;
  tlsClientCert?: string;
  tlsClientKey?: string;
  [httpHeaderValue: `httpHeaderValue${number}`]: string | undefined;
}

export const DEFAULT_SCRAPE_INTERVAL = '15s';
export const DEFAULT_TIMEOUT_SECONDS = 30;
/** The engine's default limit on one Prometheus answer, in MB. */
export const DEFAULT_MAX_ANSWER_MB = DEFAULT_MAX_ANSWER_BYTES / 1e6;
/** Istio's generated dashboards use md5(<file name>) as their UID. */
export const DEFAULT_WORKLOAD_DASHBOARD_UID = 'fe06a478395b51cc61c8d7d7e83e2f22';
export const DEFAULT_SERVICE_DASHBOARD_UID = '3ce50c812b834468cea4e52a35e02f35';
export const DEFAULT_CLUSTER_DOMAIN = 'svc.cluster.local';

/** Variable query: which list of names to offer, optionally limited to some namespaces. */
export type VariableKind = 'namespaces' | 'workloads' | 'apps' | 'services' | 'clusters';

export interface MeshgraphVariableQuery extends DataQuery {
  kind: VariableKind;
  /** Namespace filter (names or "$namespace"); empty = every namespace. Ignored for namespaces and clusters. */
  namespace?: string;
}
