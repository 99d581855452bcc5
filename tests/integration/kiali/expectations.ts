/**
 * Kiali's graph JSON in a readable, order-free form: nodes keyed "<nodeType> <cluster>/<namespace>/<name>", edges
 * "<source> > <target> <protocol>". Meshgraph's Kiali JSON is read into the same form and compared with Kiali's
 * expected graphs node by node and edge by edge (rates, response codes, flags, hosts, destination services).
 */
import type { KialiGraph, KialiNodeData } from '../../../src/engine';

export interface ExpectedNode {
  /** Rates of every protocol, Kiali's keys and strings. */
  traffic?: Record<string, string>;
  /** cluster/namespace/name */
  destServices?: string[];
  flags?: string[];
  /** Key of the box node. */
  parent?: string;
}

export interface ExpectedEdge {
  rates?: Record<string, string>;
  responses?: Record<string, { flags?: Record<string, string>; hosts?: Record<string, string> }>;
  isMTLS?: string;
  responseTime?: string;
  throughput?: string;
  healthStatus?: string;
  /** Ambient waypoint edges (Kiali's ambient appender); Meshgraph does not produce them (see KIALI_COVERAGE.md). */
  waypoint?: unknown;
}

export interface ExpectedGraph {
  graphType: string;
  nodes: Record<string, ExpectedNode>;
  edges: Record<string, ExpectedEdge>;
}

const NODE_FLAGS = [
  'isDead',
  'isIdle',
  'isInaccessible',
  'isInjected',
  'isOutOfMesh',
  'isOutside',
  'isRoot',
  'isWaypoint',
  'isAmbient',
];

export function nodeKey(d: KialiNodeData): string {
  let name: string;
  switch (d.nodeType) {
    case 'box':
      return `box:${d.isBox} ${d.cluster}/${d.namespace}/${d.app ?? ''}`;
    case 'workload':
      name = d.workload ?? '';
      break;
    case 'app':
      name = d.workload ?? d.app ?? '';
      break;
    case 'service':
      name = d.service ?? '';
      break;
    case 'unknown':
      name = 'unknown';
      break;
    default:
      name = d.aggregate ?? '';
  }
  return `${d.nodeType} ${d.cluster}/${d.namespace}/${name}`;
}

/** Reads a Kiali graph document (Kiali's or Meshgraph's) into the readable form. Duplicate keys are an error. */
export function readable(g: KialiGraph): ExpectedGraph {
  const byId = new Map(g.elements.nodes.map((n) => [n.data.id, n.data]));
  const nodes: Record<string, ExpectedNode> = {};
  for (const { data } of g.elements.nodes) {
    const key = nodeKey(data);
    if (key in nodes) {
      throw new Error(`two nodes read as ${key}`);
    }
    const n: ExpectedNode = {};
    const traffic: Record<string, string> = {};
    for (const t of data.traffic ?? []) {
      Object.assign(traffic, t.rates);
    }
    if (Object.keys(traffic).length > 0) {
      n.traffic = traffic;
    }
    if (data.destServices && data.destServices.length > 0) {
      n.destServices = data.destServices.map((s) => `${s.cluster}/${s.namespace}/${s.name}`);
    }
    const flags = NODE_FLAGS.filter((f) => data[f] === true);
    if (flags.length > 0) {
      n.flags = flags;
    }
    if (data.parent) {
      n.parent = nodeKey(byId.get(data.parent)!);
    }
    nodes[key] = n;
  }
  const edges: Record<string, ExpectedEdge> = {};
  for (const { data } of g.elements.edges) {
    const key = `${nodeKey(byId.get(data.source)!)} > ${nodeKey(byId.get(data.target)!)} ${data.traffic.protocol}`;
    if (key in edges) {
      throw new Error(`two edges read as ${key}`);
    }
    const e: ExpectedEdge = {};
    if (data.traffic.rates) {
      e.rates = data.traffic.rates;
    }
    if (data.traffic.responses) {
      e.responses = data.traffic.responses;
    }
    for (const k of ['isMTLS', 'responseTime', 'throughput', 'healthStatus'] as const) {
      if (data[k] !== undefined) {
        e[k] = data[k];
      }
    }
    edges[key] = e;
  }
  return { graphType: g.graphType, nodes, edges };
}

/**
 * Departure: Kiali marks nodes of namespaces the user may not read as inaccessible (Kubernetes access checks in its
 * outsider finalizer). Meshgraph has no user and no cluster API: it marks only what telemetry tells, the unknown
 * source, services in the unknown namespace and PassthroughCluster/BlackHoleCluster. Returns the expectation
 * without the access-based flags and the node keys they were removed from.
 */
export function withoutAccessChecks(g: ExpectedGraph): { graph: ExpectedGraph; removedFrom: string[] } {
  const removedFrom: string[] = [];
  const nodes: Record<string, ExpectedNode> = {};
  for (const [key, n] of Object.entries(g.nodes)) {
    const [type, path] = key.split(' ');
    const [, namespace, name] = path.split('/');
    const telemetryInaccessible =
      type === 'unknown' ||
      (type === 'service' && (namespace === 'unknown' || name === 'PassthroughCluster' || name === 'BlackHoleCluster'));
    if (n.flags?.includes('isInaccessible') && !telemetryInaccessible) {
      removedFrom.push(key);
      const flags = n.flags.filter((f) => f !== 'isInaccessible');
      const copy: ExpectedNode = { ...n };
      if (flags.length > 0) {
        copy.flags = flags;
      } else {
        delete copy.flags;
      }
      nodes[key] = copy;
    } else {
      nodes[key] = n;
    }
  }
  return { graph: { ...g, nodes }, removedFrom: removedFrom.sort() };
}

/**
 * Gap: Meshgraph does not know which workloads are ambient waypoints (Kiali reads that from Kubernetes, see
 * istio.go GetWaypointMap). Kiali's ambient appender folds a waypoint's edge back to its caller into the caller's
 * edge (`waypoint.fromEdge`) and flags the node isWaypoint; Meshgraph keeps that traffic as an ordinary edge.
 * Returns Kiali's expectation unfolded that way (the same nodes and rates), with isRoot recomputed.
 */
export function withWaypointsUnfolded(g: ExpectedGraph): ExpectedGraph {
  const edges: Record<string, ExpectedEdge> = {};
  for (const [key, e] of Object.entries(g.edges)) {
    const { waypoint, ...rest } = e;
    edges[key] = rest;
    const from = (waypoint as { fromEdge?: ExpectedEdge } | undefined)?.fromEdge;
    if (from) {
      // The fromEdge is the reverse of the edge carrying it (waypoint back to the caller); its own source and
      // target ids in Kiali's JSON are both the caller's, so they are not used.
      const [source, rest2] = key.split(' > ');
      const cut = rest2.lastIndexOf(' ');
      edges[`${rest2.slice(0, cut)} > ${source} ${rest2.slice(cut + 1)}`] = {
        rates: from.rates,
        responses: from.responses,
      };
    }
  }
  const sources = new Set(Object.keys(edges).map((k) => k.split(' > ')[0]));
  const targets = new Set(Object.keys(edges).map((k) => k.split(' > ')[1].replace(/ \w+$/, '')));
  const nodes: Record<string, ExpectedNode> = {};
  for (const [key, n] of Object.entries(g.nodes)) {
    const flags = (n.flags ?? []).filter((f) => f !== 'isWaypoint' && f !== 'isRoot');
    if (sources.has(key) && !targets.has(key)) {
      flags.push('isRoot');
    }
    const copy: ExpectedNode = { ...n };
    delete copy.flags;
    if (flags.length > 0) {
      copy.flags = flags;
    }
    nodes[key] = copy;
  }
  return { ...g, nodes, edges };
}
