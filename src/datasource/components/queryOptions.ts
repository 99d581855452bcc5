/** The choices the query editor offers (labels and descriptions; the values are the query model's). */
import type { SelectableValue } from '@grafana/data';

import type {
  AmbientTraffic,
  BoxBy,
  GraphType,
  GrpcRate,
  HttpRate,
  ResponseTimeStat,
  RollupMode,
  TcpRate,
  ThroughputType,
} from '../../engine/model';
import type { EdgeMetric, NodeFocusKind, NodeMetric, QueryType } from '../types';

export const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = [
  { label: 'Graph', value: 'graph', description: 'Nodes and edges for the Node Graph and Meshgraph panels' },
  {
    label: 'Edge numbers',
    value: 'edgeMetrics',
    description: 'One labelled number per edge: for alert rules, tables and time series',
  },
  {
    label: 'Node numbers',
    value: 'nodeMetrics',
    description: 'One labelled number per node: for alert rules, tables and time series',
  },
];

export const EDGE_METRIC_OPTIONS: Array<SelectableValue<EdgeMetric>> = [
  { label: 'Request rate', value: 'requestRate', description: 'Requests per second (TCP edges: bytes per second)' },
  { label: 'Error rate', value: 'errorRate', description: 'Percent of the requests that failed' },
  {
    label: 'Response time',
    value: 'responseTime',
    description: "Milliseconds, with the query's response-time statistic (average, p50, p95 or p99)",
  },
];

export const NODE_METRIC_OPTIONS: Array<SelectableValue<NodeMetric>> = [
  { label: 'Request rate', value: 'requestRate', description: 'Inbound requests per second' },
  { label: 'Error rate', value: 'errorRate', description: 'Percent of the inbound requests that failed' },
  { label: 'Health', value: 'health', description: '0 healthy, 1 degraded, 2 failure (the datasource tolerances)' },
];

export const GRAPH_TYPE_OPTIONS: Array<SelectableValue<GraphType>> = [
  { label: 'Versioned app', value: 'versionedApp', description: 'App nodes per version, boxed by app' },
  { label: 'App', value: 'app', description: 'One node per app (canonical service)' },
  { label: 'Workload', value: 'workload', description: 'One node per workload (deployment…)' },
  { label: 'Service', value: 'service', description: 'Service nodes only' },
];
export const HTTP_OPTIONS: Array<SelectableValue<HttpRate>> = [
  { label: 'Requests', value: 'requests' },
  { label: 'None', value: 'none' },
];
export const GRPC_OPTIONS: Array<SelectableValue<GrpcRate>> = [
  { label: 'Requests', value: 'requests' },
  { label: 'Sent messages', value: 'sent' },
  { label: 'Received messages', value: 'received' },
  { label: 'Total messages', value: 'total' },
  { label: 'None', value: 'none' },
];
export const TCP_OPTIONS: Array<SelectableValue<TcpRate>> = [
  { label: 'Sent bytes', value: 'sent' },
  { label: 'Received bytes', value: 'received' },
  { label: 'Total bytes', value: 'total' },
  { label: 'None', value: 'none' },
];
export const AMBIENT_OPTIONS: Array<SelectableValue<AmbientTraffic>> = [
  { label: 'Total', value: 'total' },
  { label: 'Waypoint', value: 'waypoint' },
  { label: 'Ztunnel', value: 'ztunnel' },
  { label: 'None', value: 'none' },
];
export const BOX_OPTIONS: Array<SelectableValue<BoxBy>> = [
  { label: 'Cluster', value: 'cluster' },
  { label: 'Namespace', value: 'namespace' },
  { label: 'App', value: 'app' },
];
export const RESPONSE_TIME_OPTIONS: Array<SelectableValue<ResponseTimeStat | 'off'>> = [
  { label: 'Off', value: 'off' },
  { label: 'Avg', value: 'avg' },
  { label: 'p50', value: '50' },
  { label: 'p95', value: '95' },
  { label: 'p99', value: '99' },
];
export const THROUGHPUT_OPTIONS: Array<SelectableValue<ThroughputType | 'off'>> = [
  { label: 'Off', value: 'off' },
  { label: 'Request', value: 'request' },
  { label: 'Response', value: 'response' },
];
export const FOCUS_OPTIONS: Array<SelectableValue<NodeFocusKind>> = [
  { label: 'None', value: 'none' },
  { label: 'Workload', value: 'workload' },
  { label: 'App', value: 'app' },
  { label: 'Service', value: 'service' },
];
export const AGGREGATE_OPTIONS: Array<SelectableValue<string>> = [
  { label: 'Off', value: '' },
  { label: 'request_operation', value: 'request_operation' },
];
export const ROLLUP_OPTIONS: Array<SelectableValue<RollupMode>> = [
  {
    label: 'Auto',
    value: 'auto',
    description: "By namespace when the graph has more nodes than the datasource's rollup node budget",
  },
  { label: 'None', value: 'none', description: 'Every node' },
  { label: 'Namespace', value: 'namespace', description: 'One node per namespace' },
  { label: 'Cluster', value: 'cluster', description: 'One node per cluster (outside namespaces stay apart)' },
];
