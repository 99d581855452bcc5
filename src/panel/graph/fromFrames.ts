/**
 * Data frames → PanelGraph. Reads Meshgraph's `nodes`/`edges` frames (src/contract/frameFields.ts) and any
 * frames following Grafana's Node Graph contract (Tempo's service graph, …), or an edges frame alone (nodes are then
 * derived from the edge ends). Field names match case-insensitively. Bad rows are counted, never thrown.
 */
import type {
  EdgeRates,
  HealthStatus,
  NodeHealth,
  NodeRates,
  NodeType,
  Protocol,
  ServiceRef,
} from '../../contract/graph';
import { EdgeField, NODE_TRAFFIC, NodeField, RollupEdgeField, RollupNodeField } from '../../contract/frameFields';
import {
  ArcItem,
  DetailItem,
  EdgeTotals,
  NODE_FLAGS,
  NodeFlag,
  NodeTraffic,
  PanelEdge,
  PanelGraph,
  PanelNode,
  PanelRollup,
  PanelRollupInfo,
} from './types';
import {
  Counter,
  FieldIndex,
  type FieldLike,
  type FrameLike,
  parseJson,
  parseJsonText,
  startAnswer,
  statText,
  toBool,
  toNum,
  toStr,
} from './frameReading';

export type { FieldLike, FrameLike } from './frameReading';

const NODE_TYPES: readonly NodeType[] = ['app', 'workload', 'service', 'unknown', 'aggregate', 'box'];
/** Rolled-up namespaces and clusters of a large graph: drawn as titled nodes (title, member subtitle, health ring). */
const ROLLUP_TYPES: readonly string[] = ['namespace', 'cluster'];
const PROTOCOLS: readonly Protocol[] = ['http', 'grpc', 'tcp'];
const HEALTH: readonly HealthStatus[] = ['Failure', 'Degraded', 'Not Ready', 'Healthy', 'NA'];
const BOX_BY = ['namespace', 'app', 'cluster'] as const;
const FLAG_SET: ReadonlySet<string> = new Set(NODE_FLAGS);

function fieldLabel(field: FieldLike, prefix: string): string {
  return field.config?.displayName || field.name.slice(prefix.length);
}

/** The lists of rows whose frame has no detail__ or arc__ fields (most rows): one shared, frozen empty list. */
const NO_ITEMS: readonly never[] = Object.freeze([]);

function readDetails(fields: FieldIndex, row: number): readonly DetailItem[] {
  if (fields.details.length === 0) {
    return NO_ITEMS;
  }
  const out: DetailItem[] = [];
  for (const f of fields.details) {
    const v = f.values[row];
    const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : undefined) : toStr(v);
    if (text !== undefined && text !== '') {
      out.push({ name: fieldLabel(f, 'detail__'), value: text });
    }
  }
  return out;
}

function readArcs(fields: FieldIndex, row: number): readonly ArcItem[] {
  if (fields.arcs.length === 0) {
    return NO_ITEMS;
  }
  const out: ArcItem[] = [];
  for (const f of fields.arcs) {
    const v = toNum(f.values[row]);
    if (v !== undefined && v > 0) {
      out.push({ name: fieldLabel(f, 'arc__'), value: v, color: f.config?.color?.fixedColor });
    }
  }
  return out;
}

type FrameRole = 'nodes' | 'edges' | 'other';

/** Decide what a frame is: by name first (Node Graph's convention), then by its fields. */
export function frameRole(frame: FrameLike): FrameRole {
  const name = (frame.name ?? '').toLowerCase();
  const fields = new FieldIndex(frame);
  const hasEnds = fields.has('source') && fields.has('target');
  if (name === 'edges' && hasEnds) {
    return 'edges';
  }
  if (name === 'nodes' && fields.has('id')) {
    return 'nodes';
  }
  if (hasEnds) {
    return 'edges';
  }
  const isNodeGraph = frame.meta?.preferredVisualisationType === 'nodeGraph';
  if (fields.has('id') && (isNodeGraph || fields.has('title') || fields.has(NodeField.nodeType))) {
    return 'nodes';
  }
  return 'other';
}

/**
 * A row's rates: the numbers of its number columns (an edge's totals, a node's traffic), with the rates text kept for
 * lazyCells to parse when read; a row without those numbers (frames of other writers) has its text parsed now, a bad
 * one counted.
 */
function rowRates<R, N>(
  text: string | undefined,
  numbers: N | undefined,
  reason: string,
  skipped: Counter
): { rates?: R; numbers?: N; ratesJson?: string } {
  const ratesJson = text || undefined;
  return numbers ? { numbers, ratesJson } : { rates: parseJson<R>(ratesJson, reason, skipped) };
}

/** A frame's columns by field (FieldIndex.columns). */
type NodeColumns = Record<keyof typeof NodeField, ArrayLike<unknown>>;
type RollupColumns = Record<keyof typeof RollupNodeField, ArrayLike<unknown>>;
type EdgeColumns = Record<keyof typeof EdgeField, ArrayLike<unknown>>;

/** A node row's rates in and out by protocol from the number columns; undefined when the row has none of them. */
function nodeTrafficFrom(c: NodeColumns, row: number): NodeTraffic | undefined {
  let traffic: NodeTraffic | undefined;
  for (const key of NODE_TRAFFIC) {
    const v = toNum(c[key][row]);
    if (v !== undefined) {
      traffic ??= { httpIn: 0, httpOut: 0, grpcIn: 0, grpcOut: 0, tcpIn: 0, tcpOut: 0 };
      traffic[key] = v;
    }
  }
  return traffic;
}

function readNodes(frame: FrameLike, frameIndex: number, skipped: Counter, out: Map<string, PanelNode>): void {
  const f = new FieldIndex(frame);
  const c = f.columns(NodeField);
  const rollupColumns = f.columns(RollupNodeField);
  // Stat values are read with their field's unit.
  const title = f.field(NodeField.title);
  const subtitle = f.field(NodeField.subtitle);
  const mainstat = f.field(NodeField.mainstat);
  const secondarystat = f.field(NodeField.secondarystat);
  for (let row = 0; row < f.length; row++) {
    const id = toStr(c.id[row]);
    if (!id) {
      skipped.add('node row without id');
      continue;
    }
    if (out.has(id)) {
      skipped.add('duplicate node id');
      continue;
    }
    const rawType = toStr(c.nodeType[row]);
    const nodeType = rawType && (NODE_TYPES as readonly string[]).includes(rawType) ? (rawType as NodeType) : undefined;
    const flags: PanelNode['flags'] = {};
    const otherFlags: string[] = [];
    for (const flag of (toStr(c.flags[row]) ?? '').split(/\s+/)) {
      if (!flag) {
        continue;
      }
      if (FLAG_SET.has(flag)) {
        flags[flag as NodeFlag] = true;
      } else {
        otherFlags.push(flag);
      }
    }
    const isBoxRaw = toStr(c.isBox[row]);
    const isBox = (BOX_BY as readonly string[]).includes(isBoxRaw ?? '') ? (isBoxRaw as PanelNode['isBox']) : undefined;
    const healthRaw = toStr(c.healthStatus[row]);
    const read = rowRates<NodeRates, NodeTraffic>(
      toStr(c.rates[row]),
      nodeTrafficFrom(c, row),
      'unreadable node rates JSON',
      skipped
    );
    const node: PanelNode = {
      id,
      parent: toStr(c.parent[row]) || undefined,
      nodeType: nodeType ?? (isBox ? 'box' : rawType && !ROLLUP_TYPES.includes(rawType) ? 'unknown' : 'generic'),
      cluster: toStr(c.cluster[row]) || undefined,
      namespace: toStr(c.namespace[row]) || undefined,
      workload: toStr(c.workload[row]) || undefined,
      app: toStr(c.app[row]) || undefined,
      version: toStr(c.version[row]) || undefined,
      service: toStr(c.service[row]) || undefined,
      aggregate: toStr(c.aggregate[row]) || undefined,
      aggregateValue: toStr(c.aggregateValue[row]) || undefined,
      isBox,
      flags,
      otherFlags,
      rates: read.rates,
      traffic: read.numbers,
      ratesJson: read.ratesJson,
      healthStatus: (HEALTH as readonly string[]).includes(healthRaw ?? '') ? (healthRaw as HealthStatus) : undefined,
      healthJson: toStr(c.health[row]) || undefined,
      destServices: parseJson<ServiceRef[]>(toStr(c.destServices[row]), 'unreadable destServices JSON', skipped),
      title: statText(title, row),
      subtitle: statText(subtitle, row),
      mainstat: statText(mainstat, row),
      secondarystat: statText(secondarystat, row),
      color: toStr(c.color[row]) || undefined,
      icon: toStr(c.icon[row]) || undefined,
      arcs: readArcs(f, row),
      details: readDetails(f, row),
      ref: { frameIndex, rowIndex: row },
    };
    if (rawType && !nodeType && !ROLLUP_TYPES.includes(rawType)) {
      skipped.add('unknown node type (drawn as unknown)');
    }
    if (!node.healthStatus && node.healthJson) {
      // No usable status column: the health text says it (and is read now, so a bad one is counted).
      const health = parseJson<NodeHealth>(node.healthJson, 'unreadable node health JSON', skipped);
      if (health && (HEALTH as readonly string[]).includes(health.status)) {
        node.healthStatus = health.status;
      }
    }
    readRollupColumns(rollupColumns, row, rawType, node, skipped);
    out.set(id, node);
  }
}

/**
 * The rollup columns of a rolled-up graph's row (rolled-up namespace/cluster nodes and the boxes of expanded ones):
 * members, member count and how many are degraded or failing. The subtitle gains those counts, so a rolled-up
 * node says how many of its members are unhealthy and not only the worst one's status.
 */
function readRollupColumns(
  c: RollupColumns,
  row: number,
  rawType: string | undefined,
  node: PanelNode,
  skipped: Counter
) {
  const group = toStr(c.group[row]);
  if (group) {
    node.group = group;
  }
  const count = toNum(c.memberCount[row]);
  if (count === undefined) {
    return;
  }
  const kind = rawType === 'cluster' || node.isBox === 'cluster' ? 'cluster' : 'namespace';
  // Through the answer cache: a refresh or an expansion brings the same member lists again (100 rolled-up nodes of
  // 100 members each at 100 × 100). The lists are read, never changed.
  const parsed = parseJsonText(toStr(c.members[row]));
  let members: string[] = [];
  if (parsed === 'unreadable') {
    skipped.add('unreadable rollup members JSON');
  } else if (Array.isArray(parsed)) {
    const isString = (m: unknown): m is string => typeof m === 'string';
    members = parsed.every(isString) ? parsed : parsed.filter(isString);
  }
  const rollup: PanelRollup = {
    kind,
    memberCount: count,
    membersDegraded: toNum(c.membersDegraded[row]) ?? 0,
    membersFailing: toNum(c.membersFailing[row]) ?? 0,
    members,
    expanded: node.nodeType === 'box',
  };
  node.rollup = rollup;
  const unhealthy = [
    rollup.membersFailing > 0 ? `${rollup.membersFailing} failing` : '',
    rollup.membersDegraded > 0 ? `${rollup.membersDegraded} degraded` : '',
  ].filter(Boolean);
  if (!rollup.expanded && unhealthy.length > 0) {
    node.subtitle = `${node.subtitle ? node.subtitle + '\n' : ''}${unhealthy.join(', ')}`;
  }
}

/** The nodes frame's meta.custom.rollup (RollupInfo), read defensively. */
function readRollupInfo(frame: FrameLike): PanelRollupInfo | undefined {
  const raw = frame.meta?.custom?.rollup as Record<string, unknown> | undefined;
  if (!raw || typeof raw !== 'object') {
    return undefined;
  }
  const by = raw.by === 'namespace' || raw.by === 'cluster' ? raw.by : 'none';
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return {
    by,
    budget: num(raw.budget),
    fullNodes: num(raw.fullNodes),
    fullEdges: num(raw.fullEdges),
    expanded: Array.isArray(raw.expanded) ? raw.expanded.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** An edge row's total rate and error and request shares from the number columns; undefined without a rate. */
function edgeTotalsFrom(c: EdgeColumns, row: number): EdgeTotals | undefined {
  const total = toNum(c.rate[row]);
  if (total === undefined) {
    return undefined;
  }
  return {
    total,
    percentErr: toNum(c.percentErr[row]) ?? 0,
    percentReq: toNum(c.percentReq[row]) ?? 0,
  };
}

function readEdges(frame: FrameLike, frameIndex: number, skipped: Counter, out: Map<string, PanelEdge>): void {
  const f = new FieldIndex(frame);
  const c = f.columns(EdgeField);
  const memberEdgesColumn = f.columns(RollupEdgeField).memberEdges;
  const mainstat = f.field(EdgeField.mainstat);
  const secondarystat = f.field(EdgeField.secondarystat);
  for (let row = 0; row < f.length; row++) {
    const source = toStr(c.source[row]);
    const target = toStr(c.target[row]);
    if (!source || !target) {
      skipped.add('edge row without source or target');
      continue;
    }
    const protocolRaw = toStr(c.protocol[row])?.toLowerCase();
    const protocol = (PROTOCOLS as readonly string[]).includes(protocolRaw ?? '')
      ? (protocolRaw as Protocol)
      : undefined;
    const id = toStr(c.id[row]) || `${source} ${target}${protocol ? ' ' + protocol : ''}`;
    if (out.has(id)) {
      skipped.add('duplicate edge id');
      continue;
    }
    const read = rowRates<EdgeRates, EdgeTotals>(
      toStr(c.rates[row]),
      edgeTotalsFrom(c, row),
      'unreadable edge rates JSON',
      skipped
    );
    const known = read.numbers ?? read.rates;
    const healthRaw = toStr(c.healthStatus[row]);
    const hasTrafficRaw = toBool(c.hasTraffic[row]);
    const edge: PanelEdge = {
      id,
      source,
      target,
      protocol,
      rates: read.rates,
      totals: read.numbers,
      ratesJson: read.ratesJson,
      responsesJson: toStr(c.responses[row]) || undefined,
      // Other Node Graph sources carry no traffic flag: an edge they draw is traffic.
      hasTraffic: hasTrafficRaw ?? (known ? known.total > 0 : true),
      responseTime: toNum(c.responseTime[row]),
      throughput: toNum(c.throughput[row]),
      isMTLS: toNum(c.isMTLS[row]),
      sourcePrincipal: toStr(c.sourcePrincipal[row]) || undefined,
      destPrincipal: toStr(c.destPrincipal[row]) || undefined,
      healthStatus: (HEALTH as readonly string[]).includes(healthRaw ?? '') ? (healthRaw as HealthStatus) : undefined,
      mainstat: statText(mainstat, row),
      secondarystat: statText(secondarystat, row),
      color: toStr(c.color[row]) || undefined,
      thickness: toNum(c.thickness[row]),
      strokeDasharray: toStr(c.strokeDasharray[row]) || undefined,
      details: readDetails(f, row),
      ref: { frameIndex, rowIndex: row },
    };
    const memberEdges = toNum(memberEdgesColumn[row]);
    if (memberEdges !== undefined) {
      edge.memberEdges = memberEdges;
    }
    out.set(id, edge);
  }
}

function derivedNode(id: string): PanelNode {
  return { id, nodeType: 'generic', title: id, flags: {}, otherFlags: [], arcs: NO_ITEMS, details: NO_ITEMS };
}

/** Read every nodes/edges frame of a panel's data into one graph. */
export function fromFrames(series: readonly FrameLike[] | undefined): PanelGraph {
  startAnswer();
  const skipped = new Counter();
  const notices: PanelGraph['notices'] = [];
  const nodes = new Map<string, PanelNode>();
  const edges = new Map<string, PanelEdge>();
  let nodesFrameIndex: number | undefined;
  let edgesFrameIndex: number | undefined;
  let meshgraph = false;
  let rollup: PanelRollupInfo | undefined;

  (series ?? []).forEach((frame, index) => {
    if (!frame || !Array.isArray(frame.fields)) {
      return;
    }
    for (const n of frame.meta?.notices ?? []) {
      if (n?.text) {
        const severity = n.severity === 'error' || n.severity === 'warning' ? n.severity : 'info';
        notices.push({ severity, text: n.text });
      }
    }
    const role = frameRole(frame);
    if (role === 'nodes') {
      nodesFrameIndex = nodesFrameIndex ?? index;
      meshgraph = meshgraph || frame.fields.some((fl) => fl.name === NodeField.nodeType);
      rollup = rollup ?? readRollupInfo(frame);
      readNodes(frame, index, skipped, nodes);
    } else if (role === 'edges') {
      edgesFrameIndex = edgesFrameIndex ?? index;
      readEdges(frame, index, skipped, edges);
    }
  });

  const hadNodesFrame = nodesFrameIndex !== undefined;
  let derived = 0;
  for (const e of edges.values()) {
    for (const end of [e.source, e.target]) {
      if (!nodes.has(end)) {
        nodes.set(end, derivedNode(end));
        derived++;
      }
    }
  }
  if (hadNodesFrame && derived > 0) {
    notices.push({
      severity: 'warning',
      text: `${derived} edge end(s) had no row in the nodes frame; drawn as plain nodes.`,
    });
  }

  // A parent must exist and be a box, else Cytoscape refuses the element: drop the reference and say so.
  for (const n of nodes.values()) {
    if (n.parent && (!nodes.has(n.parent) || n.parent === n.id)) {
      skipped.add('parent box not found (node drawn unboxed)');
      n.parent = undefined;
    }
  }

  const nodeList = [...nodes.values()];
  const namespaces = [
    ...new Set(nodeList.filter((n) => n.nodeType !== 'box' && n.namespace).map((n) => n.namespace as string)),
  ].sort();
  const source: PanelGraph['source'] = meshgraph
    ? 'meshgraph'
    : hadNodesFrame
      ? 'nodeGraph'
      : edges.size > 0
        ? 'edgesOnly'
        : 'none';
  return {
    source,
    nodes: nodeList,
    edges: [...edges.values()],
    namespaces,
    skipped: skipped.counts,
    notices,
    nodesFrameIndex,
    edgesFrameIndex,
    ...(rollup ? { rollup } : {}),
  };
}
