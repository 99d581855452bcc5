/**
 * PanelGraph → Cytoscape element definitions (the few fields styles and layouts need, plus `label`/`labelVerbose`
 * text) and the full flat Kiali-style data (flatten.ts, with the node `rank`) for Find/Hide and the drawer. Labels are strings handed to Cytoscape's canvas text renderer:
 * nothing is ever parsed as HTML.
 */
import { EdgeLabelContext, EdgeLabelMode, edgeLabel } from './edgeLabels';
import { EdgeData, NodeData, flattenEdge, flattenNode } from './flatten';
import { edgeResponses } from './lazyCells';
import { nodeLabel } from './nodeLabels';
import { computeRanks } from './rank';
import type { PanelGraph, PanelNode } from './types';

export interface CyElementDef {
  group: 'nodes' | 'edges';
  data: Record<string, unknown> & { id: string };
}

export interface ElementOptions {
  edgeLabels: readonly EdgeLabelMode[];
  showBadges: boolean;
}

export interface ElementDefs {
  nodes: CyElementDef[];
  edges: CyElementDef[];
  /** The flat data, by id, for Find/Hide, highlighting and the animation. */
  nodeData: Map<string, NodeData>;
  edgeData: Map<string, EdgeData>;
}

const BOX_ORDER: Record<string, number> = { cluster: 0, namespace: 1, app: 2 };

/**
 * What Cytoscape gets: only what the stylesheet, layouts and events read. The full flat data stays in
 * nodeData/edgeData (Find/Hide and the drawer use those); element data size dominates Cytoscape's load time.
 */
const CY_NODE_KEYS = [
  'id',
  'parent',
  'nodeType',
  'isBox',
  'healthStatus',
  'isIdle',
  'isDead',
  'isOutside',
  'isInaccessible',
  'isServiceEntry',
  'isRoot',
  'color',
  'label',
] as const;

function pick(data: Record<string, unknown>, keys: readonly string[]): CyElementDef['data'] {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = data[k];
    if (v !== undefined) {
      out[k] = v;
    }
  }
  return out as CyElementDef['data'];
}

/**
 * What Cytoscape gets of an edge, as CY_NODE_KEYS for a node: its ends, what the stylesheet reads, and the `label` and
 * `labelVerbose` text. One literal, without undefined values: a refresh makes one per edge.
 */
function cyEdgeData(data: EdgeData, label: string, labelVerbose: string): CyElementDef['data'] {
  const out: CyElementDef['data'] = {
    id: data.id,
    source: data.source,
    target: data.target,
    protocol: data.protocol,
    healthStatus: data.healthStatus,
    hasTraffic: data.hasTraffic,
    label,
    labelVerbose,
  };
  if (data.color !== undefined) {
    out.color = data.color;
  }
  if (data.thickness !== undefined) {
    out.thickness = data.thickness;
  }
  if (data.dashed !== undefined) {
    out.dashed = data.dashed;
  }
  return out;
}

/** Boxes first, outer kinds before inner ones, so every parent exists before its children. */
function parentFirst(nodes: PanelNode[]): PanelNode[] {
  const boxes = nodes.filter((n) => n.nodeType === 'box');
  const rest = nodes.filter((n) => n.nodeType !== 'box');
  boxes.sort((a, b) => (BOX_ORDER[a.isBox ?? 'namespace'] ?? 1) - (BOX_ORDER[b.isBox ?? 'namespace'] ?? 1));
  return [...boxes, ...rest];
}

export function buildElements(graph: PanelGraph, opts: ElementOptions): ElementDefs {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  // 'unknown' (egress clusters, unreached destinations) is no cluster of its own: one real cluster needs no label.
  const clusterCount = new Set(
    graph.nodes.filter((n) => n.nodeType !== 'box' && n.cluster && n.cluster !== 'unknown').map((n) => n.cluster)
  ).size;
  const ranks = computeRanks(
    graph.nodes.filter((n) => n.nodeType !== 'box').map((n) => n.id),
    graph.edges
  );

  const nodeData = new Map<string, NodeData>();
  const nodes: CyElementDef[] = [];
  for (const n of parentFirst(graph.nodes)) {
    const enclosing = new Set<string>();
    const seen = new Set<string>();
    let p = n.parent ? byId.get(n.parent) : undefined;
    while (p && !seen.has(p.id)) {
      seen.add(p.id);
      if (p.isBox) {
        enclosing.add(p.isBox);
      }
      p = p.parent ? byId.get(p.parent) : undefined;
    }
    const parent = n.parent ? byId.get(n.parent) : undefined;
    const data = flattenNode(n);
    data.rank = ranks.get(n.id);
    data.label = nodeLabel(n, {
      namespaceCount: graph.namespaces.length,
      clusterCount,
      showBadges: opts.showBadges,
      enclosingBoxes: enclosing,
      parentIsAppBox: parent?.isBox === 'app',
    });
    nodeData.set(n.id, data);
    nodes.push({ group: 'nodes', data: pick(data, CY_NODE_KEYS) });
  }

  const edgeData = new Map<string, EdgeData>();
  const edges: CyElementDef[] = [];
  const circuitBreakers = new Set(graph.nodes.filter((n) => n.otherFlags.includes('hasCB')).map((n) => n.id));
  // The selected or hovered edge tells its traffic even when no label mode is on (Kiali's verbose label).
  const verboseModes = opts.edgeLabels.some((m) => m !== 'mtls')
    ? opts.edgeLabels
    : [...opts.edgeLabels, 'trafficRate' as const, 'responseTime' as const];
  // One pair of label contexts for the edges into nodes without a circuit breaker (nearly all): a refresh labels
  // every edge twice.
  const plain: EdgeLabelContext = { modes: opts.edgeLabels, targetHasCB: false };
  const plainVerbose: EdgeLabelContext = { modes: verboseModes, targetHasCB: false, verbose: true };
  for (const e of graph.edges) {
    const data = flattenEdge(e);
    let ctx = plain;
    let verboseCtx = plainVerbose;
    if (circuitBreakers.has(e.target)) {
      // Only a circuit breaker's mark reads the responses: parsed for those edges alone.
      const responses = edgeResponses(e).value;
      ctx = { modes: opts.edgeLabels, targetHasCB: true, responses };
      verboseCtx = { modes: verboseModes, targetHasCB: true, responses, verbose: true };
    }
    edgeData.set(e.id, data);
    edges.push({ group: 'edges', data: cyEdgeData(data, edgeLabel(data, ctx), edgeLabel(data, verboseCtx)) });
  }
  return { nodes, edges, nodeData, edgeData };
}

/** A stable signature of the element ids: the layout re-runs only when it changes. */
export function topologyKey(graph: PanelGraph): string {
  const ids = graph.nodes.map((n) => `${n.id}<${n.parent ?? ''}`).sort();
  const eids = graph.edges.map((e) => e.id).sort();
  return `${ids.length}|${eids.length}|${ids.join(',')}|${eids.join(',')}`;
}

/**
 * Keys a refresh never changes: identity (set once by Cytoscape; a change there is a topology change), and the size
 * of flat boxes (set from the layout, not the data).
 */
const FIXED_KEYS: ReadonlySet<string> = new Set(['id', 'source', 'target', 'parent', 'boxW', 'boxH']);

/**
 * Calls `visit` with each data field to hand to ele.data() so an element holds `next`: changed and new values, and
 * `undefined` for fields `next` no longer has (selectors such as `edge[color]` test for defined values). Returns
 * how many. `visit` may write the field into `current` (the change is then made). No object is made per element:
 * a refresh compares every element of the graph.
 */
export function eachDataChange(
  current: Record<string, unknown>,
  next: Readonly<Record<string, unknown>>,
  visit: (key: string, value: unknown) => void
): number {
  let count = 0;
  for (const k in next) {
    if (!FIXED_KEYS.has(k) && !Object.is(current[k], next[k])) {
      count++;
      visit(k, next[k]);
    }
  }
  for (const k in current) {
    if (!FIXED_KEYS.has(k) && current[k] !== undefined && !(k in next)) {
      count++;
      visit(k, undefined);
    }
  }
  return count;
}
