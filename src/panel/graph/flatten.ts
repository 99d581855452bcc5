/**
 * PanelGraph → flat element data, the way Kiali's UI decorates its graph JSON (decorateGraphData, model §7.7):
 * node rates as numbers (NaN when unknown), flags as booleans, edge rates per protocol (the edge's own protocol
 * defaults to 0, the others are NaN, so numeric Find/Hide on `http` touches only HTTP edges), isMTLS −1 when unknown.
 * The same data feeds Cytoscape, Find/Hide, rank, highlighting, labels and the animation.
 */
import type { HealthStatus, Protocol } from '../../contract/graph';
import { NODE_FLAGS, PanelEdge, PanelGraph, PanelNode, PanelNodeType } from './types';
import { edgeTotals, nodeTraffic } from './lazyCells';

export interface NodeData {
  id: string;
  parent?: string;
  nodeType: PanelNodeType;
  cluster: string;
  namespace: string;
  workload: string;
  app: string;
  version: string;
  service: string;
  aggregate: string;
  aggregateValue: string;
  isBox?: string;
  healthStatus: HealthStatus;
  httpIn: number;
  httpOut: number;
  grpcIn: number;
  grpcOut: number;
  tcpIn: number;
  tcpOut: number;
  title: string;
  subtitle: string;
  /** Node Graph colour, when the source gave one. */
  color?: string;
  /** Kiali flags (isRoot, isOutside, …) and any other flags the frames carried, as booleans. */
  [flag: string]: unknown;
}

export interface EdgeData {
  id: string;
  source: string;
  target: string;
  protocol: Protocol | '';
  http: number;
  grpc: number;
  tcp: number;
  httpPercentErr: number;
  grpcPercentErr: number;
  httpPercentReq: number;
  grpcPercentReq: number;
  responseTime: number;
  throughput: number;
  isMTLS: number;
  sourcePrincipal: string;
  destPrincipal: string;
  healthStatus: HealthStatus;
  hasTraffic: boolean;
  /** Node Graph edges of other sources (no protocol): their mainstat/secondarystat are the label. */
  mainstat: string;
  secondarystat: string;
  color?: string;
  thickness?: number;
  dashed?: boolean;
  [key: string]: unknown;
}

const PROTOCOL_RATE_KEYS: Record<Protocol, { rate: 'http' | 'grpc' | 'tcp'; err?: keyof EdgeData; req?: keyof EdgeData }> =
  {
    http: { rate: 'http', err: 'httpPercentErr', req: 'httpPercentReq' },
    grpc: { rate: 'grpc', err: 'grpcPercentErr', req: 'grpcPercentReq' },
    tcp: { rate: 'tcp' },
  };

export function flattenNode(n: PanelNode): NodeData {
  const r = nodeTraffic(n);
  const data: NodeData = {
    id: n.id,
    nodeType: n.nodeType,
    cluster: n.cluster ?? '',
    namespace: n.namespace ?? '',
    workload: n.workload ?? '',
    app: n.app ?? '',
    version: n.version ?? '',
    service: n.service ?? '',
    aggregate: n.aggregate ?? '',
    aggregateValue: n.aggregateValue ?? '',
    healthStatus: n.healthStatus ?? 'NA',
    httpIn: r?.httpIn ?? NaN,
    httpOut: r?.httpOut ?? NaN,
    grpcIn: r?.grpcIn ?? NaN,
    grpcOut: r?.grpcOut ?? NaN,
    tcpIn: r?.tcpIn ?? NaN,
    tcpOut: r?.tcpOut ?? NaN,
    title: n.title ?? '',
    subtitle: n.subtitle ?? '',
  };
  if (n.parent) {
    data.parent = n.parent;
  }
  if (n.isBox) {
    data.isBox = n.isBox;
  }
  if (n.color) {
    data.color = n.color;
  }
  for (const flag of NODE_FLAGS) {
    if (n.flags[flag]) {
      data[flag] = true;
    }
  }
  for (const other of n.otherFlags) {
    // Only identifier-like names: they become Find/Hide properties, never markup.
    if (/^[A-Za-z][A-Za-z0-9_]*$/.test(other) && !(other in data)) {
      data[other] = true;
    }
  }
  return data;
}

export function flattenEdge(e: PanelEdge): EdgeData {
  const data: EdgeData = {
    id: e.id,
    source: e.source,
    target: e.target,
    protocol: e.protocol ?? '',
    http: NaN,
    grpc: NaN,
    tcp: NaN,
    httpPercentErr: NaN,
    grpcPercentErr: NaN,
    httpPercentReq: NaN,
    grpcPercentReq: NaN,
    responseTime: e.responseTime ?? NaN,
    throughput: e.throughput ?? NaN,
    isMTLS: e.isMTLS ?? -1,
    sourcePrincipal: e.sourcePrincipal ?? '',
    destPrincipal: e.destPrincipal ?? '',
    healthStatus: e.healthStatus ?? 'NA',
    hasTraffic: e.hasTraffic,
    mainstat: e.mainstat ?? '',
    secondarystat: e.secondarystat ?? '',
  };
  if (e.protocol) {
    const keys = PROTOCOL_RATE_KEYS[e.protocol];
    const totals = edgeTotals(e);
    (data as unknown as Record<string, number>)[keys.rate] = totals?.total ?? 0;
    if (keys.err) {
      (data as unknown as Record<string, number>)[keys.err] = totals?.percentErr ?? 0;
    }
    if (keys.req) {
      (data as unknown as Record<string, number>)[keys.req] = totals?.percentReq ?? 0;
    }
  }
  if (e.color) {
    data.color = e.color;
  }
  if (e.thickness !== undefined) {
    data.thickness = Math.min(10, Math.max(1, e.thickness));
  }
  if (e.strokeDasharray) {
    data.dashed = true;
  }
  return data;
}

export interface FlatGraph {
  nodes: NodeData[];
  edges: EdgeData[];
}

export function flattenGraph(g: PanelGraph): FlatGraph {
  return { nodes: g.nodes.map(flattenNode), edges: g.edges.map(flattenEdge) };
}
