/**
 * Meshgraph's query plan: a constant number of queries whatever the number of namespaces.
 *
 * Kiali asks, per namespace, for destination-reported inbound (Q2), source-reported outbound (Q3) and
 * source-reported unserviced requests (Q0), receives every intra-mesh series twice and de-duplicates them
 * while folding (§4.9). Here each traffic metric costs ONE query over the namespace set:
 *
 *   round( (D > 0) or (S > 0) or (U > 0), 0.001 )
 *
 * D = destination-reported, destination workload in the set; S = source-reported, source workload in the set;
 * U = source-reported requests that never reached a workload of a set namespace. Every part is grouped by the
 * labels Kiali's de-dup key hashes, so PromQL's `or` (which keeps a right-hand element only when no left-hand
 * element has the same label set) performs Kiali's "destination copy first, identical source copy ignored"
 * de-duplication inside Prometheus: each request class arrives once, including source-only failures
 * (503 UF, NR), passthrough/blackhole egress and calls to workloads without a sidecar.
 * round() stays per de-dup series, as Kiali's round() per series decides which tiny rates become 0 (§4.12).
 * When flags and hosts are not needed, an outer `sum by` drops those labels after de-duplication.
 *
 * Prometheus evaluates one query on one core, so with several namespaces each traffic query is split into
 * `queryShards` queries by destination_workload_namespace, run in parallel. The two reporter copies of a request
 * carry the same destination namespace, so each copy pair lands in the same shard and the union of the shards'
 * answers is exactly the unsplit answer: same de-duplication, same bytes, still a constant number of queries.
 * For 'all' namespaces the split goes by the first letter of the destination namespace.
 */
import { GraphOptions } from '../model';
import { Matcher, eq, neq, groupLabels, oneOf, noneOf, re, nre, selector } from '../promql/selector';
import { GB_MSG, GB_REQ, GB_RT, GB_SP, METRIC_REQUESTS, withoutDetails } from './labels';
import {
  idleFilter,
  nodeFocusParts,
  nsIn,
  nsNotIn,
  reporter,
  requestProtocolFilter,
  serviceHostIn,
  sumRate,
  tcpAppFilter,
  withScope,
  rangeSeconds,
} from './parts';
import { trafficMetrics, TrafficMetricSpec } from './trafficMetrics';
import { EngineQuery, QueryPlan } from './types';
import { assertLabelName } from '../promql/escape';

interface Part {
  name: string;
  matchers: Matcher[];
}

function metricFilters(options: GraphOptions, spec: TrafficMetricSpec): Matcher[] {
  if (spec.family === 'tcp') {
    return tcpAppFilter(options);
  }
  if (spec.family === 'requests') {
    return requestProtocolFilter(options);
  }
  return [];
}

/** Parallel queries per traffic metric unless the options say otherwise (see the header). */
export const DEFAULT_QUERY_SHARDS = 2;
/** More parallel queries than this only add HTTP round trips and per-query work in Prometheus. */
export const MAX_QUERY_SHARDS = 16;

/** True for a shard count the planner accepts: a whole number from 1 to MAX_QUERY_SHARDS. */
export function isValidQueryShards(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_QUERY_SHARDS;
}

const DEST_NS = 'destination_workload_namespace';

/**
 * The D/S/U parts of a namespace graph (or D/S for all namespaces), destination-reported first.
 * `shard` narrows D and S to destination namespaces: `in` a chunk of the selection, or for the last shard
 * `notIn` the other chunks (which also keeps destinations outside the selection, e.g. `unknown`, and U).
 */
function namespaceParts(options: GraphOptions, shard?: { in: string[]; notIn: string[] }): Part[] {
  const ns = options.namespaces;
  if (ns === 'all') {
    return [
      { name: 'destination', matchers: [reporter(options, 'destination')] },
      { name: 'source', matchers: [reporter(options, 'source')] },
    ];
  }
  if (ns.length === 0) {
    throw new Error('No namespace selected');
  }
  const destIn = shard ? [nsIn(DEST_NS, shard.in)] : [nsIn(DEST_NS, ns)];
  const sourceDest = !shard ? [] : shard.notIn.length > 0 ? [noneOf(DEST_NS, shard.notIn)] : [oneOf(DEST_NS, shard.in)];
  const parts: Part[] = [
    { name: 'destination', matchers: [reporter(options, 'destination'), ...destIn] },
    { name: 'source', matchers: [reporter(options, 'source'), nsIn('source_workload_namespace', ns), ...sourceDest] },
  ];
  if (!shard || shard.notIn.length > 0) {
    parts.push({
      name: 'unserviced',
      matchers: [
        reporter(options, 'source'),
        nsNotIn('source_workload_namespace', ns),
        eq(DEST_NS, 'unknown'),
        eq('destination_workload', 'unknown'),
        serviceHostIn(ns),
      ],
    });
  }
  return parts;
}

/**
 * The selection split into destination-namespace chunks, one per shard. A selected namespace literally named
 * `unknown` goes to the last chunk, the one that also holds the unserviced part, whose series say
 * destination_workload_namespace="unknown" and may share label sets with destination-reported ones.
 */
export function shardNamespaces(namespaces: string[], shards: number): string[][] {
  // A namespace listed twice must not land in two chunks (its destination-reported series would come twice).
  const unique = [...new Set(namespaces)];
  const n = Math.max(1, Math.min(Math.floor(shards) || 1, unique.length));
  const ordered = [...unique.filter((x) => x !== 'unknown'), ...unique.filter((x) => x === 'unknown')];
  const chunks: string[][] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = start + Math.floor(ordered.length / n) + (i < ordered.length % n ? 1 : 0);
    chunks.push(ordered.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * For 'all' namespaces, whose names the plan does not know: the first letters of destination namespaces, split
 * into even groups (digits with the first); the last shard takes every other first character and absent labels.
 */
export function firstLetterGroups(shards: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const groups: string[] = [];
  let start = 0;
  for (let i = 0; i < shards - 1; i++) {
    const end = start + Math.floor(letters.length / shards) + (i < letters.length % shards ? 1 : 0);
    groups.push((i === 0 ? '0-9' : '') + letters.slice(start, end));
    start = end;
  }
  return groups;
}

function allNamespacesShards(options: GraphOptions, shards: number): Part[][] {
  const groups = firstLetterGroups(shards);
  const filters: Matcher[] = [...groups.map((g) => re(DEST_NS, `[${g}].*`)), nre(DEST_NS, `[${groups.join('')}].*`)];
  return filters.map((f) => namespaceParts(options).map((p) => ({ ...p, matchers: [...p.matchers, f] })));
}

/** Traffic parts per query: one list for node graphs, one per shard for namespace selections and 'all'. */
function trafficShards(options: GraphOptions): Part[][] {
  const ns = options.namespaces;
  if (options.node) {
    return [nodeFocusParts(options, options.node)];
  }
  const shards = options.queryShards ?? DEFAULT_QUERY_SHARDS;
  if (!isValidQueryShards(shards)) {
    throw new Error(`Invalid number of parallel queries ${shards}: use a whole number from 1 to ${MAX_QUERY_SHARDS}`);
  }
  if (ns === 'all') {
    return shards === 1 ? [namespaceParts(options)] : allNamespacesShards(options, shards);
  }
  const chunks = shardNamespaces(ns, shards);
  if (chunks.length === 1) {
    return [namespaceParts(options)];
  }
  return chunks.map((chunk, i) =>
    i < chunks.length - 1
      ? namespaceParts(options, { in: chunk, notIn: [] })
      : namespaceParts(options, { in: chunk, notIn: chunks.slice(0, -1).flat() })
  );
}

function trafficQuery(
  options: GraphOptions,
  spec: TrafficMetricSpec,
  parts: Part[],
  shard?: { index: number; of: number }
): EngineQuery {
  const idle = idleFilter(options);
  const extra = metricFilters(options, spec);
  const inner = parts
    .map((p) => `(${sumRate(options, spec.metric, [...extra, ...p.matchers], spec.groupBy)}${idle})`)
    .join(' or ');
  let expr = `round(${inner}, 0.001)`;
  const lean = options.appenders.responseDetails ? spec.groupBy : withoutDetails(spec.groupBy);
  if (lean.length !== spec.groupBy.length) {
    expr = `sum by ${groupLabels(lean)} (${expr})`;
  }
  const part = shard ? ` #${shard.index + 1}/${shard.of}` : '';
  return {
    id: `traffic:${spec.metric}${part}`,
    purpose: `${spec.metric}${part ? `, destination namespaces part ${part.slice(2)}` : ''}: ${parts
      .map((p) => p.name)
      .join(' + ')} (de-duplicated by PromQL 'or')`,
    expr,
    role: { kind: 'traffic', metric: spec.metric },
  };
}

/** Namespace set of appender queries: the focus node's namespace for node graphs. */
function appenderNamespaces(options: GraphOptions): string[] | 'all' {
  return options.node ? [options.node.namespace] : options.namespaces;
}

/** Inbound (destination_service_namespace in set) and outbound (source in set) parts; `reporterOf` per part. */
function inOutParts(options: GraphOptions, inRep: string, outRep: string, disjoint: boolean): Part[] {
  if (options.node) {
    return nodeFocusParts(options, options.node).filter((p) => p.name !== 'unserviced');
  }
  const ns = appenderNamespaces(options);
  if (ns === 'all') {
    return disjoint && inRep === outRep
      ? [{ name: 'all', matchers: [reporter(options, inRep)] }]
      : [
          { name: 'inbound', matchers: [reporter(options, inRep)] },
          { name: 'outbound', matchers: [reporter(options, outRep)] },
        ];
  }
  const inbound: Matcher[] = [reporter(options, inRep), nsIn('destination_service_namespace', ns)];
  if (disjoint) {
    inbound.push(nsNotIn('source_workload_namespace', ns));
  }
  return [
    { name: 'inbound', matchers: inbound },
    { name: 'outbound', matchers: [reporter(options, outRep), nsIn('source_workload_namespace', ns)] },
  ];
}

const RT_METRIC = 'istio_request_duration_milliseconds';

export function responseTimeExpr(options: GraphOptions, matchers: Matcher[]): string {
  const stat = options.appenders.responseTime;
  const m = [...requestProtocolFilter(options), ...matchers];
  if (stat === 'avg') {
    return `(${sumRate(options, RT_METRIC + '_sum', m, GB_RT)} / ${sumRate(options, RT_METRIC + '_count', m, GB_RT)}) > 0`;
  }
  const q = (Number(stat) / 100).toFixed(2);
  return `histogram_quantile(${q}, ${sumRate(options, RT_METRIC + '_bucket', m, ['le', ...GB_RT])}) > 0`;
}

export function throughputMetric(options: GraphOptions): { metric: string; rep: string } {
  return options.appenders.throughput === 'request'
    ? { metric: 'istio_request_bytes_sum', rep: 'source' }
    : { metric: 'istio_response_bytes_sum', rep: 'destination' };
}

/** Metrics feeding the mTLS ratio (no TCP swap here, as in Kiali). */
export function securityMetrics(options: GraphOptions): Array<{ metric: string; tcp: boolean }> {
  const { http, grpc, tcp } = options.rates;
  const out: Array<{ metric: string; tcp: boolean }> = [];
  if (http === 'requests' || grpc === 'requests') {
    out.push({ metric: METRIC_REQUESTS, tcp: false });
  }
  if (grpc === 'sent' || grpc === 'total') {
    out.push({ metric: 'istio_request_messages_total', tcp: false });
  }
  if (grpc === 'received' || grpc === 'total') {
    out.push({ metric: 'istio_response_messages_total', tcp: false });
  }
  if (tcp === 'sent' || tcp === 'total') {
    out.push({ metric: 'istio_tcp_sent_bytes_total', tcp: true });
  }
  if (tcp === 'received' || tcp === 'total') {
    out.push({ metric: 'istio_tcp_received_bytes_total', tcp: true });
  }
  return out;
}

export function securityParts(options: GraphOptions, parts: Part[]): string[] {
  const subs: string[] = [];
  for (const sm of securityMetrics(options)) {
    const extra = sm.tcp ? tcpAppFilter(options) : [];
    for (const p of parts) {
      subs.push(`(${sumRate(options, sm.metric, [...extra, ...p.matchers], GB_SP)} > 0)`);
    }
  }
  const ns = appenderNamespaces(options);
  const a = options.ambientTraffic;
  if ((a === 'total' || a === 'ztunnel') && !options.node) {
    for (const sm of securityMetrics(options).filter((s) => s.tcp)) {
      const m: Matcher[] = [eq('app', 'ztunnel'), eq('reporter', 'source')];
      if (ns !== 'all') {
        m.push(nsIn('source_workload_namespace', ns));
      }
      subs.push(`(${sumRate(options, sm.metric, m, GB_SP)} > 0)`);
    }
  }
  return subs;
}

export function aggregateLabel(options: GraphOptions): string | undefined {
  const agg = options.appenders.aggregate;
  if (!agg || options.graphType === 'service') {
    return undefined;
  }
  return assertLabelName(agg);
}

function appenderQueries(options: GraphOptions): EngineQuery[] {
  const out: EngineQuery[] = [];
  const requests = options.rates.http === 'requests' || options.rates.grpc === 'requests';
  const ap = options.appenders;
  if (ap.responseTime && requests) {
    const parts = inOutParts(options, 'destination', 'source', false);
    out.push({
      id: 'responseTime',
      purpose: `response time (${ap.responseTime}), destination-reported first`,
      expr: `round(${parts.map((p) => `(${responseTimeExpr(options, p.matchers)})`).join(' or ')}, 0.001)`,
      role: { kind: 'responseTime', stat: ap.responseTime },
    });
  }
  if (ap.throughput && options.rates.http === 'requests') {
    const { metric, rep } = throughputMetric(options);
    const parts = inOutParts(options, rep, rep, true);
    out.push({
      id: 'throughput',
      purpose: `${ap.throughput} throughput (${metric})`,
      expr: `round(${parts.map((p) => `(${sumRate(options, metric, p.matchers, GB_MSG)} > 0)`).join(' or ')}, 0.001)`,
      role: { kind: 'throughput', type: ap.throughput },
    });
  }
  if (ap.securityPolicy) {
    const parts = inOutParts(options, 'destination', 'destination', true);
    const subs = securityParts(options, parts);
    if (subs.length > 0) {
      out.push({
        id: 'securityPolicy',
        purpose: 'mTLS share and principals',
        expr: `round(${subs.join(' or ')}, 0.001)`,
        role: { kind: 'securityPolicy' },
      });
    }
  }
  const agg = aggregateLabel(options);
  if (agg && requests) {
    const parts = inOutParts(options, 'destination', 'destination', true).map((p) => ({
      ...p,
      matchers: [...requestProtocolFilter(options), ...p.matchers, neq(agg, 'unknown')],
    }));
    out.push({
      id: 'aggregate',
      purpose: `operation nodes by ${agg}`,
      expr: `round(${parts
        .map((p) => `(${sumRate(options, METRIC_REQUESTS, p.matchers, [...GB_REQ, agg])} > 0)`)
        .join(' or ')}, 0.001)`,
      role: { kind: 'aggregate', label: agg },
    });
  }
  return out;
}

/** Meshgraph's plan: one query per traffic metric (in `queryShards` parallel parts) plus one per enabled appender. */
export function planQueries(options: GraphOptions): QueryPlan {
  rangeSeconds(options);
  const shards = trafficShards(options);
  const queries: EngineQuery[] = trafficMetrics(options).flatMap((spec) =>
    shards.map((parts, index) =>
      trafficQuery(options, spec, parts, shards.length > 1 ? { index, of: shards.length } : undefined)
    )
  );
  queries.push(...appenderQueries(options));
  return { style: 'lean', queries };
}

/** Exposed for the Kiali baseline and tests. */
export const _internal = { namespaceParts, trafficShards, inOutParts, selector, withScope, GB_REQ };
