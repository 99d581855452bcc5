/**
 * Alert-ready numbers from a GraphModel: one labelled number per edge or per node, for Grafana alerting, recording
 * rules and server-side expressions.
 *
 * Shape: one "numeric long" frame (meta.type 'numeric-long', typeVersion [0,1]): one string column per label, one
 * float64 column with the number. Grafana's SSE (pkg/expr/converter.go) reads it as one Number per row, labelled
 * by the row's string columns — through the dataplane reader (meta type + non-zero typeVersion,
 * dataplane sdata/numeric/long.go) and, in Grafanas without it, through the "number table" rule (a single frame,
 * no time field, exactly one numeric field and otherwise only string fields). Alerting then makes one alert
 * instance per label set and fails the whole rule if two results share one, so every row's label set is unique.
 *
 * Labels:
 * - nodes: node_type, namespace, name (workload, app, service or operation value as fits the node type), version
 *   ('' where the node has none); edges: the same per side, prefixed source_/destination_, plus protocol.
 *   node_type and version are needed on edges too: a service and an app share names ("reviews"), and versions
 *   share their app's name.
 * - cluster / source_cluster / destination_cluster: when any node names a cluster other than 'unknown', so the
 *   label set of an edge does not change when traffic from a second cluster appears.
 * - node_id / edge_id: only when two rows would still share a label set (e.g. two versioned-app nodes with the same
 *   app and version but different workloads); it holds the engine's id on those rows (with " #2", " #3" when even
 *   that repeats) and '' on the others. Rows are never merged or dropped for sharing labels.
 * - unit (edge requestRate only): 'requests/s', 'bytes/s' (TCP) or 'messages/s' (gRPC counted in messages).
 *
 * Rows: requestRate every edge / every node; edge errorRate the HTTP and gRPC-request edges (TCP has no request
 * errors); responseTime the edges with a measured response time (with service nodes injected, only service →
 * workload edges have one); node health the nodes Kiali judges (not unknown, operation or inaccessible nodes, whose
 * health could never be read). Box nodes never.
 * Values: null = could not be read (alerting: No Data); NaN = undefined ratio (no requests, or a scaled-to-zero
 * workload's health): never crosses a threshold.
 */
import type { EdgeMetric, NodeMetric } from '../../datasource/types';
import type { GraphModel, GraphNode, GrpcRate, HealthStatus } from '../../engine/model';
import type { WireField, WireFrame } from './wireFrame';

export interface AlertFrameOptions {
  /**
   * The query's gRPC rate. Unless 'requests', gRPC rates count messages and every gRPC "response" reads as
   * missing: gRPC then counts as messages/s in edge request rates and is left out of error rates and node rates.
   */
  grpcRate?: GrpcRate;
}

/** The dataplane contract's numeric long frame type and the version SSE's reader knows. */
const NUMERIC_LONG_META = { type: 'numeric-long', typeVersion: [0, 1] };

interface Row {
  labels: string[];
  /** The engine's node or edge id, for telling apart rows whose labels collide. */
  id: string;
  value: number | null;
}

interface NumericLong {
  name: string;
  refId: string;
  labelNames: string[];
  idLabel: string;
  valueName: string;
  config: Record<string, unknown>;
  rows: Row[];
}

/** Ids for the rows whose label sets collide ('' elsewhere), or undefined when none do. */
function collisionIds(rows: Row[]): string[] | undefined {
  const counts = new Map<string, number>();
  const keys = rows.map((r) => JSON.stringify(r.labels));
  for (const k of keys) {
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (keys.every((k) => counts.get(k) === 1)) {
    return undefined;
  }
  const used = new Map<string, number>();
  return rows.map((r, i) => {
    if (counts.get(keys[i]) === 1) {
      return '';
    }
    const key = JSON.stringify([keys[i], r.id]);
    const n = (used.get(key) ?? 0) + 1;
    used.set(key, n);
    return n === 1 ? r.id : `${r.id} #${n}`;
  });
}

function numericLongFrame(spec: NumericLong): WireFrame {
  const fields: WireField[] = spec.labelNames.map((name, k) => ({
    name,
    type: 'string',
    values: spec.rows.map((r) => r.labels[k]),
  }));
  const ids = collisionIds(spec.rows);
  if (ids) {
    fields.push({ name: spec.idLabel, type: 'string', values: ids });
  }
  fields.push({ name: spec.valueName, type: 'number', values: spec.rows.map((r) => r.value), config: spec.config });
  return { name: spec.name, refId: spec.refId, meta: { ...NUMERIC_LONG_META }, fields };
}

function hasClusters(model: GraphModel): boolean {
  return model.nodes.some((n) => n.nodeType !== 'box' && n.cluster !== '' && n.cluster !== 'unknown');
}

function nodeName(n: GraphNode): string {
  switch (n.nodeType) {
    case 'workload':
      return n.workload ?? '';
    case 'app':
      return n.app ?? '';
    case 'service':
      return n.service ?? '';
    case 'aggregate':
      return n.aggregateValue ?? '';
    case 'unknown':
      return 'unknown';
    default:
      return '';
  }
}

/** [node_type, cluster?, namespace, name, version] of a node, or of an id missing from the graph. */
function identity(n: GraphNode | undefined, id: string, clusters: boolean): string[] {
  const parts = n ? [n.nodeType, n.namespace, nodeName(n), n.version ?? ''] : ['', '', id, ''];
  if (clusters) {
    parts.splice(1, 0, n?.cluster ?? '');
  }
  return parts;
}

function identityNames(prefix: string, clusters: boolean): string[] {
  const names = ['node_type', 'namespace', 'name', 'version'];
  if (clusters) {
    names.splice(1, 0, 'cluster');
  }
  return names.map((n) => prefix + n);
}

const EDGE_UNITS: Record<string, string> = { 'requests/s': 'reqps', 'bytes/s': 'Bps', 'messages/s': 'suffix: msg/s' };

const EDGE_DESCRIPTIONS: Record<EdgeMetric, string> = {
  requestRate: 'Edge traffic rate; the unit label says requests/s, bytes/s (TCP) or messages/s (gRPC messages).',
  errorRate: 'Percent of the edge requests that failed (HTTP 4xx, 5xx, no response; gRPC errors). NaN: no requests.',
  responseTime: "Edge response time in ms (the query's statistic). Only edges with a measured response time.",
};

export function edgeMetricFrames(
  model: GraphModel,
  metric: EdgeMetric,
  refId: string,
  options: AlertFrameOptions = {}
): WireFrame[] {
  const clusters = hasClusters(model);
  const byId = new Map<string, GraphNode>();
  for (const n of model.nodes) {
    if (!byId.has(n.id)) {
      byId.set(n.id, n);
    }
  }
  const grpcMessages = (options.grpcRate ?? 'requests') !== 'requests';
  const unitOf = (protocol: string) =>
    protocol === 'tcp' ? 'bytes/s' : protocol === 'grpc' && grpcMessages ? 'messages/s' : 'requests/s';
  const rows: Row[] = [];
  const units = new Set<string>();
  for (const e of model.edges) {
    const requests = e.protocol === 'http' || (e.protocol === 'grpc' && !grpcMessages);
    let value: number | null;
    if (metric === 'requestRate') {
      value = e.rates.total;
    } else if (metric === 'errorRate') {
      if (!requests) {
        continue;
      }
      value = e.hasTraffic ? e.rates.percentErr : NaN;
    } else {
      if (e.responseTime === undefined) {
        continue;
      }
      value = e.responseTime;
    }
    const labels = [
      ...identity(byId.get(e.source), e.source, clusters),
      ...identity(byId.get(e.target), e.target, clusters),
      e.protocol,
    ];
    if (metric === 'requestRate') {
      const unit = unitOf(e.protocol);
      units.add(unit);
      labels.push(unit);
    }
    rows.push({ labels, id: e.id, value });
  }
  const labelNames = [...identityNames('source_', clusters), ...identityNames('destination_', clusters), 'protocol'];
  if (metric === 'requestRate') {
    labelNames.push('unit');
  }
  const config: Record<string, unknown> = { description: EDGE_DESCRIPTIONS[metric] };
  const unit =
    metric === 'errorRate'
      ? 'percent'
      : metric === 'responseTime'
        ? 'ms'
        : units.size === 1
          ? EDGE_UNITS[[...units][0]]
          : undefined;
  if (unit) {
    config.unit = unit;
  }
  return [numericLongFrame({ name: 'edges', refId, labelNames, idLabel: 'edge_id', valueName: metric, config, rows })];
}

/** Health as a number: 0 healthy, 1 degraded, 2 failure; NaN scaled to zero (Not Ready); null not judged (NA). */
const HEALTH_VALUES: Record<HealthStatus, number | null> = {
  Healthy: 0,
  Degraded: 1,
  Failure: 2,
  'Not Ready': NaN,
  NA: null,
};

/** Nodes the health appender never judges (as Kiali): their health would always read "no data". */
function neverJudged(n: GraphNode): boolean {
  return n.nodeType === 'unknown' || n.nodeType === 'aggregate' || n.isInaccessible === true;
}

const NODE_DESCRIPTIONS: Record<NodeMetric, string> = {
  requestRate: 'Inbound requests/s of the node (HTTP and gRPC requests; TCP bytes are not requests).',
  errorRate: 'Percent of the inbound requests that failed (HTTP 4xx, 5xx, no response; gRPC errors). NaN: no requests.',
  health:
    'Kiali health: 0 healthy, 1 degraded, 2 failure; NaN scaled to zero; empty: not judged (no traffic, health off).',
};

export function nodeMetricFrames(
  model: GraphModel,
  metric: NodeMetric,
  refId: string,
  options: AlertFrameOptions = {}
): WireFrame[] {
  const clusters = hasClusters(model);
  const grpc = (options.grpcRate ?? 'requests') === 'requests' ? 1 : 0;
  const rows: Row[] = [];
  for (const n of model.nodes) {
    if (n.nodeType === 'box' || n.isBox !== undefined) {
      continue;
    }
    const r = n.rates;
    const requests = r.httpIn + grpc * r.grpcIn;
    let value: number | null;
    if (metric === 'requestRate') {
      value = requests;
    } else if (metric === 'errorRate') {
      const errors = r.httpIn4xx + r.httpIn5xx + r.httpInNoResponse + grpc * (r.grpcInErr + r.grpcInNoResponse);
      value = requests > 0 ? (errors / requests) * 100 : NaN;
    } else {
      if (neverJudged(n)) {
        continue;
      }
      value = n.health ? (HEALTH_VALUES[n.health.status] ?? null) : null;
    }
    rows.push({ labels: identity(n, n.id, clusters), id: n.id, value });
  }
  const config: Record<string, unknown> = { description: NODE_DESCRIPTIONS[metric] };
  if (metric !== 'health') {
    config.unit = metric === 'requestRate' ? 'reqps' : 'percent';
  }
  const labelNames = identityNames('', clusters);
  return [numericLongFrame({ name: 'nodes', refId, labelNames, idLabel: 'node_id', valueName: metric, config, rows })];
}
