/**
 * Field names of the two frames Meshgraph emits (`nodes`, `edges`). The first block of each follows
 * Grafana's Node Graph contract, so Grafana's own Node Graph panel renders them; the rest carry what
 * Meshgraph's panel needs. Frames are plain DataFrameDTO-shaped objects here (no @grafana/data import);
 * the datasource wraps them with toDataFrame.
 */
export const NODES_FRAME = 'nodes';
export const EDGES_FRAME = 'edges';

/** The node flags the nodes frame's `flags` field may carry, in the order it lists them. */
export const NODE_FLAGS = [
  'isRoot',
  'isOutside',
  'isInaccessible',
  'isInjected',
  'isIdle',
  'isDead',
  'isOutOfMesh',
  'isGateway',
  'isWaypoint',
  'isAmbient',
  'isEgressCluster',
] as const;
export type NodeFlag = (typeof NODE_FLAGS)[number];

export const NodeField = {
  // Node Graph contract
  id: 'id',
  title: 'title',
  subtitle: 'subtitle',
  mainstat: 'mainstat',
  secondarystat: 'secondarystat',
  /** arc__ fields sum to 1 per node (0 everywhere for nodes without requests, then arc__idle = 1). */
  arcHealthy: 'arc__healthy',
  arcDegraded: 'arc__degraded',
  arcFailure: 'arc__failure',
  arcIdle: 'arc__idle',
  color: 'color',
  icon: 'icon',
  // Meshgraph
  nodeType: 'nodeType',
  cluster: 'cluster',
  namespace: 'namespace',
  workload: 'workload',
  app: 'app',
  version: 'version',
  service: 'service',
  aggregate: 'aggregate',
  aggregateValue: 'aggregateValue',
  parent: 'parent',
  isBox: 'isBox',
  /** Space-separated set flags, e.g. "isRoot isOutside". */
  flags: 'flags',
  /** JSON of the node's NodeRates. */
  rates: 'rates',
  /**
   * The node's rates in and out by protocol (requests/s, TCP bytes/s), as numbers: what every node's data needs of
   * `rates`, read without parsing it (a refresh brings new rates texts for nearly every node).
   */
  httpIn: 'httpIn',
  httpOut: 'httpOut',
  grpcIn: 'grpcIn',
  grpcOut: 'grpcOut',
  tcpIn: 'tcpIn',
  tcpOut: 'tcpOut',
  healthStatus: 'healthStatus',
  /** JSON of NodeHealth, empty when the health appender did not run. */
  health: 'health',
  /** JSON of ServiceRef[]. */
  destServices: 'destServices',
  /**
   * The workload a workload dashboard shows for this node: workload nodes and app nodes whose workload is known
   * (versionedApp); '' for every other node. Data links use it, so a link never names a workload a node lacks.
   */
  linkWorkload: 'linkWorkload',
  /** The Kubernetes service of a service node ('' for other nodes, unknown services and egress clusters). */
  linkService: 'linkService',
  /** Samples of the node's edges whose value could not be read (0 when none): its health is then never Healthy. */
  unreadable: 'unreadable',
} as const;

/** The nodes frame's number columns of a node's rates (NodeField), named as NodeRates' fields. */
export const NODE_TRAFFIC = ['httpIn', 'httpOut', 'grpcIn', 'grpcOut', 'tcpIn', 'tcpOut'] as const;

export const EdgeField = {
  // Node Graph contract
  id: 'id',
  source: 'source',
  target: 'target',
  mainstat: 'mainstat',
  secondarystat: 'secondarystat',
  thickness: 'thickness',
  color: 'color',
  strokeDasharray: 'strokedasharray',
  // Meshgraph
  protocol: 'protocol',
  rate: 'rate',
  percentErr: 'percentErr',
  percentReq: 'percentReq',
  /** JSON of EdgeRates. */
  rates: 'rates',
  /** JSON of Record<code, ResponseDetail>. */
  responses: 'responses',
  hasTraffic: 'hasTraffic',
  responseTime: 'responseTime',
  throughput: 'throughput',
  isMTLS: 'isMTLS',
  sourcePrincipal: 'sourcePrincipal',
  destPrincipal: 'destPrincipal',
  healthStatus: 'healthStatus',
  /** Samples of the edge whose value could not be read (0 when none), left out of its rates; drawn grey. */
  unreadable: 'unreadable',
} as const;

/**
 * Columns the `nodes` frame has only when the graph was rolled up (GraphOptions.rollup; built in
 * src/engine/rollup/frameColumns.ts), after the NodeField columns. The nodes frame's meta.custom.rollup (RollupInfo:
 * requested, by, budget, fullNodes, fullEdges, expanded) is set whenever a rollup was asked for, also when 'auto'
 * stayed within its budget and these columns are absent.
 */
export const RollupNodeField = {
  /**
   * The rolled-up node a node belongs to: its own id for rolled-up nodes (nodeType namespace or cluster) and for an
   * expanded group's box (nodeType box, same id); the group's id for an expanded group's members and app boxes;
   * '' for nodes kept as themselves (unknown source, PassthroughCluster/BlackHoleCluster, unknown namespace).
   */
  group: 'group',
  /** Members of a rolled-up node or expanded box (null for other nodes). */
  memberCount: 'memberCount',
  /** Members whose health is Degraded / Failure (null for other nodes). */
  membersDegraded: 'membersDegraded',
  membersFailing: 'membersFailing',
  /** JSON array of the member node ids, as the unrolled graph's `id`s ('' for other nodes). */
  members: 'members',
  /**
   * JSON of the RollupSummary without its members: kind, memberCount, memberTypes, health { worst, byStatus },
   * traffic by protocol { inbound, outbound, internal: { rate, errors, percentErr, codes } }, expanded ('' for
   * other nodes).
   */
  rollup: 'rollup',
} as const;

/** Columns the `edges` frame has only when the graph was rolled up. */
export const RollupEdgeField = {
  /** Rolled-up graphs only: how many edges of the unrolled graph the edge sums (1 for an edge kept as it was). */
  memberEdges: 'memberEdges',
} as const;

/** The shape of a frame as the engine emits it (compatible with @grafana/data's DataFrameDTO). */
export interface FrameFieldDTO {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'other';
  values: unknown[];
  config?: { displayName?: string; unit?: string; color?: { mode: string; fixedColor?: string }; links?: unknown[] };
}
export interface FrameDTO {
  name: string;
  refId?: string;
  fields: FrameFieldDTO[];
  meta?: {
    preferredVisualisationType?: 'nodeGraph';
    notices?: Array<{ severity: string; text: string }>;
    /** Nodes frame of a graph a rollup was asked for: { rollup: RollupInfo }. */
    custom?: Record<string, unknown>;
  };
}
