/**
 * JSON cells the panel reads only when it shows them: an edge's responses and a node's health. The frames reader
 * keeps their text (PanelEdge.responsesJson, PanelNode.healthJson); the drawer, the exports and the circuit-breaker
 * mark parse it here, through the answer's parse cache. A refresh brings new texts for nearly every row (they hold
 * rates), and parsing them all cost 5–9 ms of a 60 ms refresh at 1,000 nodes whether anything read them or not.
 */
import type { NodeHealth, ResponseDetail } from '../../contract/graph';
import { parseJsonText } from './frameReading';
import type { PanelEdge, PanelNode } from './types';

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

/** An edge's responses by code (rate, flags and hosts per code, as Kiali's). */
export function edgeResponses(e: PanelEdge): LazyCell<Record<string, ResponseDetail>> {
  return lazyCell(e.responses, e.responsesJson);
}

/** A node's health as the engine gave it (status, and the workload's replicas). */
export function nodeHealth(n: PanelNode): LazyCell<NodeHealth> {
  return lazyCell(n.health, n.healthJson);
}
