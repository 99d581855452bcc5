/**
 * Traffic summaries for the details drawer (Kiali's side panels, model §10.10): a node's or box's inbound and
 * outbound traffic per protocol from its edges, and an edge's response codes with flags and hosts as percentages.
 */
import type { EdgeRates, Protocol } from '../../contract/graph';
import { edgeRates, edgeResponses, edgeTotals } from './lazyCells';
import type { PanelEdge, PanelGraph } from './types';

export interface ProtocolTotals {
  protocol: Protocol | 'other';
  /** requests/s (http, grpc) or bytes/s (tcp) */
  rate: number;
  /** error rate (same unit as rate) */
  errors: number;
  percentErr: number;
  edges: number;
  /** Edges whose rates or responses text is not JSON: left out of the errors and the response classes. */
  unreadable: number;
  /** Share of the requests per response class (Kiali's 2xx/3xx/4xx/5xx table), largest first; empty for TCP. */
  codes: Array<{ label: string; percent: number }>;
}

/** Kiali's response classes: HTTP by hundreds, gRPC OK or error, '-' = no response. */
export function responseClass(protocol: string | undefined, code: string): string {
  if (code === '-') {
    return 'no response';
  }
  if (protocol === 'grpc') {
    // A 3-character code on a gRPC call is an HTTP status (§4.11).
    return code.length === 3 ? `${code[0]}xx` : code === '0' ? 'OK' : 'error';
  }
  return /^\d{3}$/.test(code) ? `${code[0]}xx` : code;
}

function codeClasses(edges: PanelEdge[]): Array<{ label: string; percent: number }> {
  const rates = new Map<string, number>();
  let total = 0;
  for (const e of edges) {
    for (const [code, detail] of Object.entries(edgeResponses(e).value ?? {})) {
      const rate = detail?.rate ?? 0;
      if (rate > 0) {
        const label = responseClass(e.protocol, code);
        rates.set(label, (rates.get(label) ?? 0) + rate);
        total += rate;
      }
    }
  }
  return [...rates.entries()]
    .map(([label, rate]) => ({ label, percent: (rate / total) * 100 }))
    .sort((a, b) => b.percent - a.percent);
}

export interface TrafficSummary {
  inbound: ProtocolTotals[];
  outbound: ProtocolTotals[];
  inboundEdges: PanelEdge[];
  outboundEdges: PanelEdge[];
}

function edgeErrors(e: PanelEdge, r: EdgeRates | undefined): number {
  if (!r) {
    return 0;
  }
  if (e.protocol === 'http') {
    return r.http4xx + r.http5xx + r.noResponse;
  }
  if (e.protocol === 'grpc') {
    return r.grpcErr + r.noResponse;
  }
  return 0;
}

function totals(edges: PanelEdge[]): ProtocolTotals[] {
  const by = new Map<string, ProtocolTotals>();
  for (const e of edges) {
    const key = e.protocol ?? 'other';
    const t = by.get(key) ?? { protocol: key, rate: 0, errors: 0, percentErr: 0, edges: 0, unreadable: 0, codes: [] };
    const rates = edgeRates(e);
    t.rate += edgeTotals(e)?.total ?? 0;
    t.errors += edgeErrors(e, rates.value);
    t.edges += 1;
    if (rates.unreadable || edgeResponses(e).unreadable) {
      t.unreadable += 1;
    }
    by.set(key, t);
  }
  const order = ['grpc', 'http', 'tcp', 'other'];
  return [...by.values()]
    .map((t) => ({
      ...t,
      percentErr: t.rate > 0 ? (t.errors / t.rate) * 100 : 0,
      codes: t.protocol === 'tcp' ? [] : codeClasses(edges.filter((e) => (e.protocol ?? 'other') === t.protocol)),
    }))
    .sort((a, b) => order.indexOf(a.protocol) - order.indexOf(b.protocol));
}

/** All ids inside a box (recursively), the box itself included. */
export function membersOf(graph: PanelGraph, id: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const n of graph.nodes) {
    if (n.parent) {
      children.set(n.parent, [...(children.get(n.parent) ?? []), n.id]);
    }
  }
  const out = new Set<string>([id]);
  const stack = [id];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop() as string) ?? []) {
      if (!out.has(c)) {
        out.add(c);
        stack.push(c);
      }
    }
  }
  return out;
}

/** Inbound/outbound traffic of a node, or of a box (edges crossing its border). */
export function trafficSummary(graph: PanelGraph, id: string): TrafficSummary {
  const inside = membersOf(graph, id);
  const inboundEdges = graph.edges.filter((e) => inside.has(e.target) && !inside.has(e.source));
  const outboundEdges = graph.edges.filter((e) => inside.has(e.source) && !inside.has(e.target));
  // A node's self-loop counts both ways.
  for (const e of graph.edges) {
    if (e.source === id && e.target === id) {
      inboundEdges.push(e);
      outboundEdges.push(e);
    }
  }
  return { inbound: totals(inboundEdges), outbound: totals(outboundEdges), inboundEdges, outboundEdges };
}

export interface ResponseRow {
  code: string;
  percent: number;
  flags: Array<{ name: string; percent: number }>;
  hosts: Array<{ name: string; percent: number }>;
}

/** Response codes of an edge as percentages of its total, largest first. */
export function responseRows(e: PanelEdge): ResponseRow[] {
  const responses = edgeResponses(e).value ?? {};
  const total = edgeTotals(e)?.total ?? Object.values(responses).reduce((a, r) => a + (r?.rate ?? 0), 0);
  const pct = (v: number) => (total > 0 ? (v / total) * 100 : 0);
  const list = (rec: Record<string, number> | undefined) =>
    Object.entries(rec ?? {})
      .map(([name, v]) => ({ name, percent: pct(Number(v) || 0) }))
      .sort((a, b) => b.percent - a.percent);
  return Object.entries(responses)
    .map(([code, r]) => ({ code, percent: pct(r?.rate ?? 0), flags: list(r?.flags), hosts: list(r?.hosts) }))
    .sort((a, b) => b.percent - a.percent || a.code.localeCompare(b.code));
}
