/**
 * Edges of a rolled-up graph: member edges summed into one edge per pair of representatives and protocol, a group's
 * traffic per direction, and rolled-up nodes' rates from their edges. Every sum is exact (exactSum).
 */
import { emptyNodeRates } from '../../contract/graph';
import type { EdgeRates, GraphEdge, NodeRates, ResponseDetail, RollupTraffic } from '../model';
import { newCodeRecord } from '../codeRecord';
import { exactSum } from './exactSum';

/** Pushes the error rates of one edge (HTTP 4xx, 5xx and no response; gRPC errors and no response; none for TCP). */
function pushErrors(e: GraphEdge, out: number[]): void {
  const r = e.rates;
  if (e.protocol === 'http') {
    out.push(r.http4xx, r.http5xx, r.noResponse);
  } else if (e.protocol === 'grpc') {
    out.push(r.grpcErr, r.noResponse);
  }
}

/** The error rates of edges, one list. */
export function errorsOf(edges: GraphEdge[]): number[] {
  const out: number[] = [];
  for (const e of edges) {
    pushErrors(e, out);
  }
  return out;
}

export const percent = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 : 0);

/** One direction's traffic of edges of one protocol, as exact sums. */
export function trafficOf(edges: GraphEdge[]): RollupTraffic {
  const rate = exactSum(edges.map((e) => e.rates.total));
  const errors = exactSum(errorsOf(edges));
  const byCode = new Map<string, number[]>();
  for (const e of edges) {
    const responses = e.responses;
    for (const code in responses) {
      const v = responses[code]?.rate;
      if (typeof v === 'number') {
        const list = byCode.get(code);
        if (list) {
          list.push(v);
        } else {
          byCode.set(code, [v]);
        }
      }
    }
  }
  const codes = newCodeRecord<number>();
  for (const code of [...byCode.keys()].sort()) {
    codes[code] = exactSum(byCode.get(code)!);
  }
  return { rate, errors, percentErr: percent(errors, rate), codes };
}

/** Sums of a record-valued field (flags, hosts) over member details. */
function sumRecords(records: Array<Record<string, number>>): Record<string, number> {
  const lists = new Map<string, number[]>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      const list = lists.get(k);
      list ? list.push(r[k]) : lists.set(k, [r[k]]);
    }
  }
  const out = newCodeRecord<number>();
  for (const k of [...lists.keys()].sort()) {
    out[k] = exactSum(lists.get(k)!);
  }
  return out;
}

/**
 * One rolled-up edge from its member edges (same representatives and protocol). Response codes and flags are
 * summed; hosts (the destination service per code) only on edges into a node kept as itself, where they name the
 * external hosts behind PassthroughCluster or the services of the unknown namespace: into a rolled-up node they
 * would list its services one by one, which expanding it shows.
 */
export function sumEdges(
  id: string,
  source: string,
  target: string,
  members: GraphEdge[],
  responseTimeStat: string | false | undefined,
  keepHosts: boolean
): GraphEdge {
  const protocol = members[0].protocol;
  const sum = (pick: (r: EdgeRates) => number) => exactSum(members.map((e) => pick(e.rates)));
  const total = sum((r) => r.total);
  const errors = exactSum(errorsOf(members));
  const rates: EdgeRates = {
    total,
    http3xx: sum((r) => r.http3xx),
    http4xx: sum((r) => r.http4xx),
    http5xx: sum((r) => r.http5xx),
    noResponse: sum((r) => r.noResponse),
    grpcErr: sum((r) => r.grpcErr),
    percentErr: percent(errors, total),
    percentReq: 0,
  };
  const details = new Map<string, ResponseDetail[]>();
  for (const e of members) {
    for (const code of Object.keys(e.responses)) {
      const d = e.responses[code];
      if (d) {
        const list = details.get(code);
        list ? list.push(d) : details.set(code, [d]);
      }
    }
  }
  const responses = newCodeRecord<ResponseDetail>();
  for (const code of [...details.keys()].sort()) {
    const list = details.get(code)!;
    responses[code] = {
      rate: exactSum(list.map((d) => d.rate)),
      flags: sumRecords(list.map((d) => d.flags ?? {})),
      hosts: keepHosts ? sumRecords(list.map((d) => d.hosts ?? {})) : {},
    };
  }
  const edge: GraphEdge = {
    id,
    source,
    target,
    protocol,
    rates,
    responses,
    hasTraffic: members.some((e) => e.hasTraffic),
    memberEdges: members.length,
  };
  // Response time: an average over the members weighted by their rates is the average of the whole; for a
  // percentile the highest member's is an upper bound of the whole's (at that value every member has at least that
  // share of its requests below it), as the engine does for several values of one edge.
  const timed = members.filter((e) => e.responseTime !== undefined && Number.isFinite(e.responseTime));
  if (timed.length > 0) {
    const weight = exactSum(timed.map((e) => e.rates.total));
    edge.responseTime =
      responseTimeStat === 'avg' && weight > 0
        ? exactSum(timed.map((e) => e.responseTime! * e.rates.total)) / weight
        : Math.max(...timed.map((e) => e.responseTime!));
  }
  const through = members.filter((e) => e.throughput !== undefined);
  if (through.length > 0) {
    edge.throughput = exactSum(through.map((e) => e.throughput!));
  }
  // mTLS share: of the traffic of the members that carry one, weighted by rate.
  const secured = members.filter((e) => e.isMTLS !== undefined);
  if (secured.length > 0) {
    const weight = exactSum(secured.map((e) => e.rates.total));
    edge.isMTLS =
      weight > 0
        ? exactSum(secured.map((e) => e.isMTLS! * e.rates.total)) / weight
        : Math.max(...secured.map((e) => e.isMTLS!));
  }
  const same = (pick: (e: GraphEdge) => string | undefined) => {
    const v = pick(members[0]);
    return v !== undefined && members.every((e) => pick(e) === v) ? v : undefined;
  };
  const sp = same((e) => e.sourcePrincipal);
  const dp = same((e) => e.destPrincipal);
  if (sp !== undefined) {
    edge.sourcePrincipal = sp;
  }
  if (dp !== undefined) {
    edge.destPrincipal = dp;
  }
  return edge;
}

/** Node rates of rolled-up nodes from the edges they end up with (inbound totals = the sum of their edges). */
export function ratesFromEdges(ids: Set<string>, edges: GraphEdge[]): Map<string, NodeRates> {
  const lists = new Map<string, Record<keyof NodeRates, number[]>>();
  const listsOf = (id: string) => {
    let l = lists.get(id);
    if (!l) {
      l = Object.fromEntries(Object.keys(emptyNodeRates()).map((k) => [k, [] as number[]])) as Record<
        keyof NodeRates,
        number[]
      >;
      lists.set(id, l);
    }
    return l;
  };
  for (const e of edges) {
    const r = e.rates;
    if (ids.has(e.target)) {
      const l = listsOf(e.target);
      if (e.protocol === 'http') {
        l.httpIn.push(r.total);
        l.httpIn3xx.push(r.http3xx);
        l.httpIn4xx.push(r.http4xx);
        l.httpIn5xx.push(r.http5xx);
        l.httpInNoResponse.push(r.noResponse);
      } else if (e.protocol === 'grpc') {
        l.grpcIn.push(r.total);
        l.grpcInErr.push(r.grpcErr);
        l.grpcInNoResponse.push(r.noResponse);
      } else {
        l.tcpIn.push(r.total);
      }
    }
    if (ids.has(e.source)) {
      const l = listsOf(e.source);
      (e.protocol === 'http' ? l.httpOut : e.protocol === 'grpc' ? l.grpcOut : l.tcpOut).push(r.total);
    }
  }
  const out = new Map<string, NodeRates>();
  for (const [id, l] of lists) {
    const rates = emptyNodeRates();
    for (const k of Object.keys(rates) as Array<keyof NodeRates>) {
      rates[k] = exactSum(l[k]);
    }
    out.set(id, rates);
  }
  return out;
}

/** Unrolled edges grouped by their ends' representatives, in the order each pair first appears. */
export interface EdgesByEnds {
  /** Pair id (`source target protocol`) → its ends and the unrolled edges it sums. */
  summed: Map<string, { source: string; target: string; members: GraphEdge[] }>;
  /** An edge kept as it is (both ends represent themselves), or a pair id, in order of appearance. */
  order: Array<GraphEdge | string>;
  /** Per entry of `order`: the index of its first unrolled edge. */
  firstEdge: number[];
}

/**
 * Groups the edges at `indices` by the representatives of their ends (`rep`: the rolled-up node, or the node itself
 * when it is kept or expanded), skipping those `skip` says (a collapsed group's internal traffic).
 */
export function edgesByEnds(
  edges: readonly GraphEdge[],
  indices: Iterable<number>,
  rep: (id: string) => string,
  skip?: (e: GraphEdge) => boolean
): EdgesByEnds {
  const out: EdgesByEnds = { summed: new Map(), order: [], firstEdge: [] };
  for (const i of indices) {
    const e = edges[i];
    if (skip?.(e)) {
      continue;
    }
    const source = rep(e.source);
    const target = rep(e.target);
    if (source === e.source && target === e.target) {
      out.order.push(e);
      out.firstEdge.push(i);
      continue;
    }
    const id = `${source} ${target} ${e.protocol}`;
    const s = out.summed.get(id);
    if (s) {
      s.members.push(e);
    } else {
      out.summed.set(id, { source, target, members: [e] });
      out.order.push(id);
      out.firstEdge.push(i);
    }
  }
  return out;
}
