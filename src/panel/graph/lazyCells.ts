/**
 * JSON cells the panel reads only when it shows them: an edge's responses and rates by response class, a node's
 * health and its rates by response class. The frames reader keeps their text (PanelEdge.responsesJson and ratesJson,
 * PanelNode.healthJson and ratesJson); the drawer, the summary, the exports and the circuit-breaker mark parse it
 * here, through the answer's parse cache. A refresh brings new texts for nearly every row (they hold rates), and
 * parsing them all cost 10–14 ms of a 60 ms refresh at 1,000 nodes whether anything read them or not. What every
 * edge needs of its rates (total, error and request shares) and every node (its rates in and out by protocol) comes
 * from the frame's number columns instead (edgeTotals, nodeTraffic).
 */
import {
  type EdgeRates,
  emptyEdgeRates,
  emptyNodeRates,
  type NodeHealth,
  type NodeRates,
  type ResponseDetail,
} from '../../contract/graph';
import { parseJsonText } from './frameReading';
import type { EdgeTotals, NodeTraffic, PanelEdge, PanelNode } from './types';

/** A cell's value, or that its text is not JSON (said where the cell is shown). */
export interface LazyCell<T> {
  value?: T;
  unreadable: boolean;
}

function lazyCell<T>(given: T | undefined, text: string | undefined): LazyCell<T> {
  if (given !== undefined) {
    return { value: given, unreadable: false };
  }
  const v = parseJsonText(text);
  return v === 'unreadable' ? { unreadable: true } : { value: v as T | undefined, unreadable: false };
}

/**
 * Rates with those by response class: the cell's, or, where it has none (no text, or one that is not JSON, then
 * still said), the frame's number columns with no rate by class, as for frames that carry those alone.
 */
function ratesCell<T extends object>(cell: LazyCell<T>, numbers: Partial<T> | undefined, zero: () => T): LazyCell<T> {
  return cell.value || !numbers ? cell : { value: { ...zero(), ...numbers }, unreadable: cell.unreadable };
}

/** An edge's total rate and error and request shares, if known. */
export function edgeTotals(e: PanelEdge): EdgeTotals | undefined {
  return e.totals ?? e.rates;
}

/** An edge's rates with those by response class; its totals stand in where the text is missing or not JSON. */
export function edgeRates(e: PanelEdge): LazyCell<EdgeRates> {
  return ratesCell(lazyCell(e.rates, e.ratesJson), e.totals, emptyEdgeRates);
}

/** An edge's responses by code (rate, flags and hosts per code, as Kiali's). */
export function edgeResponses(e: PanelEdge): LazyCell<Record<string, ResponseDetail>> {
  return lazyCell(e.responses, e.responsesJson);
}

/** A node's health as the engine gave it (status, and the workload's replicas). */
export function nodeHealth(n: PanelNode): LazyCell<NodeHealth> {
  return lazyCell(n.health, n.healthJson);
}

/** A node's rates in and out by protocol, if known. */
export function nodeTraffic(n: PanelNode): NodeTraffic | undefined {
  return n.traffic ?? n.rates;
}

/** A node's rates with those by response class; its traffic stands in where the text is missing or not JSON. */
export function nodeRates(n: PanelNode): LazyCell<NodeRates> {
  return ratesCell(lazyCell(n.rates, n.ratesJson), n.traffic, emptyNodeRates);
}
