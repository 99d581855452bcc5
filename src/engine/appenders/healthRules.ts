/**
 * How traffic is judged against the health tolerances (Kiali's §9.3): the memoized rules, an edge's status from its
 * responses, and the request verdict of a node from its inbound and outbound traffic, with Kiali's fallback rule.
 */
import type { GraphEdge, HealthStatus } from '../model';
import {
  type CompiledTolerance,
  fallbackStatus,
  healthPriority,
  isFallbackErrorCode,
  thresholdStatus,
  worseStatus,
} from './healthTolerances';
import { newCodeRecord } from '../codeRecord';
import { DirectionView } from './requestTally';

type Direction = 'inbound' | 'outbound';

export interface Verdict {
  status: HealthStatus;
  /** Error percentage that decided the status (0 when none). */
  errorRatio: number;
}

const NA: Verdict = { status: 'NA', errorRatio: 0 };

/** A compiled tolerance and its code-pattern answers so far. */
interface MemoTolerance {
  t: CompiledTolerance;
  hits: Map<string, boolean>;
}

/**
 * The tolerances of one applyHealth call with their answers memoized: response codes are a handful of strings
 * ("200", "503", "-", gRPC statuses) seen thousands of times, and (direction, protocol) pairs even fewer.
 * Regexes without flags are pure, so a remembered answer is the answer. Empty list = Kiali's fallback rule.
 */
export class Rules {
  readonly fallback: boolean;
  private readonly memos: MemoTolerance[];
  private readonly applicable: Record<Direction, Map<string, MemoTolerance[]>> = {
    inbound: new Map(),
    outbound: new Map(),
  };
  private readonly fallbackHits = new Map<string, boolean>();

  constructor(tolerances: CompiledTolerance[]) {
    this.fallback = tolerances.length === 0;
    this.memos = tolerances.map((t) => ({ t, hits: new Map() }));
  }

  /** The tolerances whose direction and protocol patterns match, in configuration order. */
  for(direction: Direction, protocol: string): MemoTolerance[] {
    const byProtocol = this.applicable[direction];
    let list = byProtocol.get(protocol);
    if (list === undefined) {
      list = this.memos.filter(({ t }) => t.direction.test(direction) && t.protocol.test(protocol));
      byProtocol.set(protocol, list);
    }
    return list;
  }

  /** Sum of the rates whose code matches the tolerance, added in the given order (as Kiali's loop). */
  matchingRate(m: MemoTolerance, codes: string[], rates: number[], count: number): number {
    const { t, hits } = m;
    let matched = 0;
    for (let i = 0; i < count; i++) {
      const c = codes[i];
      let hit = hits.get(c);
      if (hit === undefined) {
        hit = t.code.test(c);
        hits.set(c, hit);
      }
      if (hit) {
        matched += rates[i];
      }
    }
    return matched;
  }

  isFallbackError(code: string): boolean {
    let hit = this.fallbackHits.get(code);
    if (hit === undefined) {
      hit = isFallbackErrorCode(code);
      this.fallbackHits.set(code, hit);
    }
    return hit;
  }
}

/** The positive, finite rates of an edge by response code. */
export function edgeCodeRates(edge: GraphEdge): Record<string, number> {
  const codes = newCodeRecord<number>();
  for (const [code, detail] of Object.entries(edge.responses ?? {})) {
    const rate = detail?.rate;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) {
      codes[code] = (codes[code] ?? 0) + rate;
    }
  }
  return codes;
}

/**
 * edgeCodeRates into reused parallel arrays (same codes, same order); returns the count. A "__proto__" response
 * is left out, as assigning it into a plain object (edgeCodeRates, node requests) never creates a key.
 */
export function readEdgeCodes(edge: GraphEdge, codes: string[], rates: number[]): number {
  const responses = edge.responses;
  if (responses === undefined || responses === null) {
    return 0;
  }
  let n = 0;
  for (const code of Object.keys(responses)) {
    const rate = responses[code]?.rate;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && code !== '__proto__') {
      codes[n] = code;
      rates[n] = rate;
      n++;
    }
  }
  return n;
}

/** One side of an edge (§9.3): the worst tolerance verdict; traffic but no tolerance for the protocol → Healthy. */
function edgeSideStatus(
  codes: string[],
  rates: number[],
  count: number,
  total: number,
  protocol: string,
  direction: Direction,
  rules: Rules
): HealthStatus {
  let worst: HealthStatus = 'NA';
  for (const m of rules.for(direction, protocol)) {
    const ratio = (rules.matchingRate(m, codes, rates, count) / total) * 100;
    worst = worseStatus(worst, thresholdStatus(ratio, m.t.degraded, m.t.failure));
  }
  return worst === 'NA' ? 'Healthy' : worst;
}

/**
 * Edge health (Kiali's calculateSingleEdgeHealth): the source's outbound tolerances and the destination's inbound
 * ones, the worse wins; no traffic → NA. The same threshold rule as node health is used on both sides (Kiali's
 * current edge code ignores a degraded threshold of 0, which would leave a 2 % 5xx edge green; the documented rule
 * and the older UI make it Degraded, and so do we). `codes`/`rates` hold the edge's readEdgeCodes.
 */
export function edgeHealthStatus(
  edge: GraphEdge,
  codes: string[],
  rates: number[],
  count: number,
  rules: Rules
): HealthStatus {
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += rates[i];
  }
  if (!(total > 0)) {
    return 'NA';
  }
  if (rules.fallback) {
    let errors = 0;
    for (let i = 0; i < count; i++) {
      if (rules.isFallbackError(codes[i])) {
        errors += rates[i];
      }
    }
    return fallbackStatus((errors / total) * 100);
  }
  const outbound = edgeSideStatus(codes, rates, count, total, edge.protocol, 'outbound', rules);
  const inbound = edgeSideStatus(codes, rates, count, total, edge.protocol, 'inbound', rules);
  return worseStatus(outbound, inbound);
}

/** The worse-verdict fold of one direction: status, its ratio, and whether any tolerance saw traffic. */
interface DirectionVerdict {
  status: HealthStatus;
  errorRatio: number;
  matched: boolean;
}

/**
 * One direction of a node's requests (Kiali's processDirectionalTraffic) folded into `acc`: the worse verdict of
 * every matching tolerance, protocols in sorted order; `acc.matched` = some tolerance saw traffic.
 */
function directionVerdict(view: DirectionView, direction: Direction, rules: Rules, acc: DirectionVerdict): void {
  let status: HealthStatus = 'NA';
  let errorRatio = 0;
  let matched = false;
  for (const i of view.sortedProtocols()) {
    const s = view.slots[i];
    const total = view.subtotals[s];
    if (!(total > 0)) {
      continue;
    }
    for (const m of rules.for(direction, view.protocols[i])) {
      matched = true;
      const ratio = (rules.matchingRate(m, view.codes[s], view.rates[s], view.sizes[s]) / total) * 100;
      const st = thresholdStatus(ratio, m.t.degraded, m.t.failure);
      // worseVerdict: the worse status; on equal status the higher ratio (independent of iteration order).
      const pa = healthPriority(status);
      const pb = healthPriority(st);
      if (pb > pa || (pb === pa && ratio > errorRatio)) {
        status = st;
        errorRatio = ratio;
      }
    }
  }
  acc.status = status;
  acc.errorRatio = errorRatio;
  acc.matched = matched;
}

/** Sum of one direction's rates, per protocol first, in the records' order (as Object.values would add them). */
export function totalOf(view: DirectionView): number {
  let sum = 0;
  for (let i = 0; i < view.count; i++) {
    sum += view.subtotals[view.slots[i]];
  }
  return sum;
}

/** Kiali's fallback over both directions: 4xx/5xx share of everything. */
function fallbackVerdict(views: DirectionView[], rules: Rules): Verdict {
  let total = 0;
  let errors = 0;
  for (const view of views) {
    for (let i = 0; i < view.count; i++) {
      const s = view.slots[i];
      const codes = view.codes[s];
      const rates = view.rates[s];
      for (let k = 0; k < view.sizes[s]; k++) {
        const v = rates[k];
        total += v;
        errors += rules.isFallbackError(codes[k]) ? v : 0;
      }
    }
  }
  if (!(total > 0)) {
    return NA;
  }
  const ratio = (errors / total) * 100;
  return { status: fallbackStatus(ratio), errorRatio: ratio };
}

/** Request part of node health (Kiali's calculateRequestStatus): worst of inbound and outbound; nothing matched → NA. */
export function requestVerdict(inbound: DirectionView, outbound: DirectionView, rules: Rules): Verdict {
  if (rules.fallback) {
    return fallbackVerdict([inbound, outbound], rules);
  }
  const inV: DirectionVerdict = { status: 'NA', errorRatio: 0, matched: false };
  const outV: DirectionVerdict = { status: 'NA', errorRatio: 0, matched: false };
  directionVerdict(inbound, 'inbound', rules, inV);
  directionVerdict(outbound, 'outbound', rules, outV);
  if (!inV.matched && !outV.matched) {
    return NA;
  }
  const a = inV.matched ? inV : NA;
  const b = outV.matched ? outV : NA;
  const pa = healthPriority(a.status);
  const pb = healthPriority(b.status);
  const worst = pb > pa || (pb === pa && b.errorRatio > a.errorRatio) ? b : a;
  return { status: worst.status, errorRatio: worst.errorRatio };
}
