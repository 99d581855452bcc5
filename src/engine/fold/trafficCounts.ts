/**
 * Traffic arithmetic on a traffic map's edges and nodes (Kiali's AddToMetadata and what its appenders do with it):
 * adding a sample's rate to node and edge counters by protocol and code, merging edges, taking traffic away.
 */
import { isHttpErrorCode } from './telemetry';
import { EDGE_COUNTER_SLOTS as EC, NODE_RATE_NAMES, NODE_RATE_SLOTS as NR } from './rateStore';
import type { TrafficEdge, TrafficNode } from './trafficMap';

/**
 * Kiali's AddToMetadata (§4.11): node and edge rates by protocol and code, plus responses by code with
 * flags and hosts. `val <= 0` (and NaN) adds nothing.
 */
export function addTraffic(
  edge: TrafficEdge,
  source: TrafficNode,
  dest: TrafficNode,
  val: number,
  code: string,
  flags: string,
  host: string
): void {
  if (!(val > 0)) {
    return;
  }
  countTraffic(edge, source, dest, val, code);
  const a = edge.store.responses;
  // Kiali's addToMetadataResponses (graph/protocol.go) files an empty code (gRPC messages) under "-".
  const i = responseEntry(edge, code === '' ? '-' : code);
  a.rates[i] += val;
  if (flags !== '') {
    a.flags.add(i, flags, val);
  }
  if (host !== '') {
    a.hosts.add(i, host, val);
  }
}

/** Adds flag and host sums to the edge's response entry of `code` (made if missing, with rate 0). */
export function addResponseSums(
  edge: TrafficEdge,
  code: string,
  flags: Record<string, number>,
  hosts: Record<string, number>
): void {
  const a = edge.store.responses;
  const i = responseEntry(edge, code);
  for (const [f, v] of Object.entries(flags)) {
    a.flags.add(i, f, v);
  }
  for (const [h, v] of Object.entries(hosts)) {
    a.hosts.add(i, h, v);
  }
}

/**
 * Kiali's AggregateEdgeTraffic plus AddOutgoingEdgeToMetadata (graph/protocol.go), used by the service-graph
 * reduction: `from`'s counters and responses are added to `into` as they are (no code is re-read, so gRPC message
 * traffic filed under "-" stays non-erroneous), and its total to `source`'s outbound rate. Inbound rates of the
 * destination are not touched: the reduction keeps the measured ones.
 */
export function aggregateEdgeTraffic(into: TrafficEdge, source: TrafficNode, from: TrafficEdge): void {
  if (into.protocol !== from.protocol) {
    throw new Error(`cannot aggregate a ${from.protocol} edge into a ${into.protocol} edge`);
  }
  const fromCounters = from.store.edgeCounters.data;
  const intoCounters = into.store.edgeCounters.data;
  for (const slot of Object.values(EC)) {
    intoCounters[into.row + slot] += fromCounters[from.row + slot];
  }
  source.addRate(into.protocol === 'http' ? 'httpOut' : into.protocol === 'grpc' ? 'grpcOut' : 'tcpOut', from.total);
  into.unreadable += from.unreadable;
  const a = into.store.responses;
  for (const r of from.responses()) {
    const i = responseEntry(into, r.code);
    a.rates[i] += r.rate;
    for (const [f, v] of Object.entries(r.flags)) {
      a.flags.add(i, f, v);
    }
    for (const [h, v] of Object.entries(r.hosts)) {
      a.hosts.add(i, h, v);
    }
  }
}

/**
 * Takes up to `val` of the traffic with `code` (and its flags and host) off an edge and its end nodes, never more
 * than the edge carries for that code: the operation (aggregate) answer and the traffic answer are two queries,
 * and a code, flag or host missing from the traffic answer must not leave negative rates or shares above 100 %.
 * Returns the rate taken.
 */
export function subtractTraffic(
  edge: TrafficEdge,
  source: TrafficNode,
  dest: TrafficNode,
  val: number,
  code: string,
  flags = '',
  host = ''
): number {
  if (!(val > 0)) {
    return 0;
  }
  const a = edge.store.responses;
  const key = code === '' ? '-' : code;
  let prev = -1;
  for (let i = edge.firstResponse; i >= 0; prev = i, i = a.next[i]) {
    if (a.codes[i] !== key) {
      continue;
    }
    const taken = Math.min(val, a.rates[i]);
    if (!(taken > 0)) {
      return 0;
    }
    countTraffic(edge, source, dest, -taken, code);
    clampCounters(edge, source, dest);
    a.rates[i] -= taken;
    if (flags !== '') {
      a.flags.subtract(i, flags, taken);
    }
    if (host !== '') {
      a.hosts.subtract(i, host, taken);
    }
    if (a.rates[i] <= 1e-9) {
      if (prev < 0) {
        edge.firstResponse = a.next[i];
      } else {
        a.next[prev] = a.next[i];
      }
    }
    return taken;
  }
  return 0;
}

/** Float rounding of a subtraction can leave -1e-17 where nothing is left: such counters are zero. */
function clampCounters(edge: TrafficEdge, source: TrafficNode, dest: TrafficNode): void {
  const e = edge.store.edgeCounters.data;
  for (const slot of Object.values(EC)) {
    if (e[edge.row + slot] < 1e-9) {
      e[edge.row + slot] = 0;
    }
  }
  for (const n of [source, dest]) {
    const d = n.store.nodeRates.data;
    for (let k = 0; k < NODE_RATE_NAMES.length; k++) {
      if (d[n.rateRow + k] < 1e-9) {
        d[n.rateRow + k] = 0;
      }
    }
  }
}

/** The edge's entry for `code`, appended to its chain when missing. */
function responseEntry(edge: TrafficEdge, code: string): number {
  const a = edge.store.responses;
  let last = -1;
  for (let i = edge.firstResponse; i >= 0; i = a.next[i]) {
    if (a.codes[i] === code) {
      return i;
    }
    last = i;
  }
  const i = a.add(code);
  if (last < 0) {
    edge.firstResponse = i;
  } else {
    a.next[last] = i;
  }
  return i;
}

/** Node and edge counters by protocol and code; `val` is negative when traffic is taken away. */
function countTraffic(edge: TrafficEdge, source: TrafficNode, dest: TrafficNode, val: number, code: string): void {
  const e = edge.store.edgeCounters.data;
  const er = edge.row;
  const s = source.store.nodeRates.data;
  const sr = source.rateRow;
  const d = dest.store.nodeRates.data;
  const dr = dest.rateRow;
  e[er + EC.total] += val;
  switch (edge.protocol) {
    case 'http': {
      s[sr + NR.httpOut] += val;
      d[dr + NR.httpIn] += val;
      if (code === '-') {
        e[er + EC.noResponse] += val;
        d[dr + NR.httpInNoResponse] += val;
      } else if (code.length === 3) {
        const c = code.charCodeAt(0);
        if (c === 51) {
          e[er + EC.http3xx] += val;
          d[dr + NR.httpIn3xx] += val;
        } else if (c === 52) {
          e[er + EC.http4xx] += val;
          d[dr + NR.httpIn4xx] += val;
        } else if (c === 53) {
          e[er + EC.http5xx] += val;
          d[dr + NR.httpIn5xx] += val;
        }
      }
      break;
    }
    case 'grpc': {
      s[sr + NR.grpcOut] += val;
      d[dr + NR.grpcIn] += val;
      if (code === '-') {
        e[er + EC.noResponse] += val;
        d[dr + NR.grpcInNoResponse] += val;
      } else if (code.length === 3 ? isHttpErrorCode(code) : code !== '0' && code !== '') {
        e[er + EC.grpcErr] += val;
        d[dr + NR.grpcInErr] += val;
      }
      break;
    }
    case 'tcp':
      s[sr + NR.tcpOut] += val;
      d[dr + NR.tcpIn] += val;
      break;
  }
}
