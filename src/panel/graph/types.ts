/**
 * The panel's own graph model: what the frames say, typed, before anything Cytoscape-specific.
 * Built by fromFrames.ts from Meshgraph frames or from any Node Graph frames (Tempo's service graph, …).
 * Only the frame contract (src/contract: types and plain constants) is imported, so this stays pure.
 */
import type {
  BoxBy,
  EdgeRates,
  HealthStatus,
  NodeHealth,
  NodeRates,
  NodeType,
  Protocol,
  ResponseDetail,
  ServiceRef,
} from '../../contract/graph';
import type { NODE_TRAFFIC, NodeFlag } from '../../contract/frameFields';

/** Node kinds: Meshgraph's node types, plus `generic` for nodes of other Node Graph sources. */
export type PanelNodeType = NodeType | 'generic';

/** The node flags Meshgraph's `flags` field may carry (unknown names are kept in `otherFlags`): the frame contract's. */
export { NODE_FLAGS, type NodeFlag } from '../../contract/frameFields';

/** Where a node or edge came from in the frames, so links can be computed on demand. */
export interface RowRef {
  frameIndex: number;
  rowIndex: number;
}

/** One extra key/value shown in the details drawer (Node Graph `detail__*` fields). */
export interface DetailItem {
  name: string;
  value: string;
}

/** One arc of a Node Graph node (`arc__*`), a share of the node's circle. */
export interface ArcItem {
  name: string;
  value: number;
  color?: string;
}

export interface PanelNode {
  id: string;
  parent?: string;
  nodeType: PanelNodeType;
  cluster?: string;
  namespace?: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
  aggregate?: string;
  aggregateValue?: string;
  isBox?: BoxBy;
  flags: Partial<Record<NodeFlag, true>>;
  otherFlags: string[];
  /**
   * Rates from Meshgraph (absent for other sources), as given parsed (tests, other readers, frames without the
   * traffic columns): read through nodeTraffic/nodeRates.
   */
  rates?: NodeRates;
  /** The frame's httpIn … tcpOut columns: what every node's data needs of its rates (Find/Hide, the table). */
  traffic?: NodeTraffic;
  /**
   * The frame's rates text (with the rates by response class), parsed by nodeRates when an export reads it: a
   * refresh brings new texts for nearly every node, and traffic is what drawing needs.
   */
  ratesJson?: string;
  healthStatus?: HealthStatus;
  /** Health as given parsed (tests, other readers); a frame's row keeps its text instead: see nodeHealth. */
  health?: NodeHealth;
  /**
   * The frame's health text, parsed by nodeHealth when the drawer or an export reads it: a refresh brings new
   * texts for most nodes, and healthStatus is what drawing needs.
   */
  healthJson?: string;
  destServices?: ServiceRef[];
  /** Node Graph contract fields, as delivered. */
  title?: string;
  subtitle?: string;
  mainstat?: string;
  secondarystat?: string;
  color?: string;
  icon?: string;
  arcs: readonly ArcItem[];
  details: readonly DetailItem[];
  /** Set for nodes read from a nodes frame; nodes derived from edges have none. */
  ref?: RowRef;
  /** Rolled-up graphs: the rolled-up node this node belongs to (its own id for rolled-up nodes and their boxes). */
  group?: string;
  /** Rolled-up namespace or cluster nodes, and the boxes of expanded ones. */
  rollup?: PanelRollup;
}

/** What a rolled-up node (or the box of an expanded one) says of its members. */
export interface PanelRollup {
  kind: 'namespace' | 'cluster';
  memberCount: number;
  membersDegraded: number;
  membersFailing: number;
  /** Member node ids as in the unrolled graph (parseNodeId reads their names). */
  members: string[];
  /** Shown as a box of its members rather than as one node. */
  expanded: boolean;
}

/** The part of a node's rates every node needs: the frame's number columns give it without parsing JSON. */
export type NodeTraffic = Pick<NodeRates, (typeof NODE_TRAFFIC)[number]>;

/** The part of an edge's rates every drawn edge needs: the frame's number columns give it without parsing JSON. */
export type EdgeTotals = Pick<EdgeRates, 'total' | 'percentErr' | 'percentReq'>;

export interface PanelEdge {
  id: string;
  source: string;
  target: string;
  protocol?: Protocol;
  /** Rates as given parsed (tests, other readers, frames without rate columns): read through edgeTotals/edgeRates. */
  rates?: EdgeRates;
  /** The frame's rate, percentErr and percentReq columns: what every drawn edge needs (labels, widths, table). */
  totals?: EdgeTotals;
  /**
   * The frame's rates text (with the rates by response class), parsed by edgeRates when the drawer, the summary or
   * an export reads it: a refresh brings 3,000 new texts at 1,000 nodes (about 5 ms to parse) that it never reads.
   */
  ratesJson?: string;
  /** Response codes as given parsed (tests, other readers); a frame's row keeps its text instead: see edgeResponses. */
  responses?: Record<string, ResponseDetail>;
  /**
   * The frame's responses text, parsed by edgeResponses when the drawer, an export or a circuit-breaker mark reads
   * it: they hold rates, so every refresh brings 3,000 new texts at 1,000 nodes (5–7 ms to parse) that most
   * refreshes never read.
   */
  responsesJson?: string;
  hasTraffic: boolean;
  responseTime?: number;
  throughput?: number;
  isMTLS?: number;
  sourcePrincipal?: string;
  destPrincipal?: string;
  healthStatus?: HealthStatus;
  mainstat?: string;
  secondarystat?: string;
  color?: string;
  thickness?: number;
  strokeDasharray?: string;
  details: readonly DetailItem[];
  ref?: RowRef;
  /** Rolled-up graphs: how many edges of the unrolled graph this edge sums. */
  memberEdges?: number;
}

/** Which contract the frames followed. */
export type GraphSource = 'meshgraph' | 'nodeGraph' | 'edgesOnly' | 'none';

export interface PanelGraph {
  source: GraphSource;
  nodes: PanelNode[];
  edges: PanelEdge[];
  /** Namespaces of the non-box nodes, sorted. */
  namespaces: string[];
  /** Rows not used, by reason (never silently dropped). */
  skipped: Record<string, number>;
  /** Frame notices (meta.notices) and what the reader noticed. */
  notices: Array<{ severity: 'info' | 'warning' | 'error'; text: string }>;
  /** Index of the nodes and edges frames in data.series (for data links). */
  nodesFrameIndex?: number;
  edgesFrameIndex?: number;
  /** How the graph was rolled up (the nodes frame's meta.custom.rollup), when a rollup was asked for. */
  rollup?: PanelRollupInfo;
}

/** The nodes frame's rollup meta, as far as the panel reads it. */
export interface PanelRollupInfo {
  by: 'namespace' | 'cluster' | 'none';
  budget?: number;
  fullNodes?: number;
  fullEdges?: number;
  /** Expanded rolled-up ids the datasource found (ids asked for that no longer exist are not in it). */
  expanded: string[];
}

export const EMPTY_GRAPH: PanelGraph = {
  source: 'none',
  nodes: [],
  edges: [],
  namespaces: [],
  skipped: {},
  notices: [],
};
