/**
 * Request rates per node, direction, protocol and response code, gathered while walking the edges and turned
 * into NodeHealth's `inbound`/`outbound` records once per node. Entries live in flat arrays, one insertion-ordered
 * list per (node, direction): adding a rate touches no object keyed by code.
 */
import { newCodeRecord } from '../codeRecord';

/** protocol → response code → rate, as Kiali's healthData.requests.inbound/outbound. */
export type CodeRates = Record<string, Record<string, number>>;

/** A canonical array index ("0", "503"; not "01" nor 2^32 - 1): enumerated before other keys, ascending. */
export function isArrayIndex(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 10) {
    return false;
  }
  const c0 = s.charCodeAt(0);
  if (c0 === 48) {
    return n === 1;
  }
  if (c0 < 49 || c0 > 57) {
    return false;
  }
  for (let i = 1; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      return false;
    }
  }
  return n < 10 || Number(s) <= 4294967294;
}

/** True when key `a` is enumerated after key `b` in an object holding both, `a` having been added first. */
function enumeratedAfter(a: string, b: string): boolean {
  return isArrayIndex(b) && (!isArrayIndex(a) || Number(a) > Number(b));
}

/**
 * Stable insertion sort of keys[0..n) (and vals alongside) into the order Object.keys gives for an object whose
 * keys were added in the given order: array indices ascending, then the other keys in insertion order.
 */
function toKeyOrder<T>(keys: string[], vals: T[], n: number): void {
  for (let i = 1; i < n; i++) {
    const k = keys[i];
    const v = vals[i];
    let j = i - 1;
    while (j >= 0 && enumeratedAfter(keys[j], k)) {
      keys[j + 1] = keys[j];
      vals[j + 1] = vals[j];
      j--;
    }
    keys[j + 1] = k;
    vals[j + 1] = v;
  }
}

/** One (node, direction) loaded for evaluation: protocols and codes in the records' enumeration order. */
export class DirectionView {
  count = 0;
  readonly protocols: string[] = [];
  /** Per protocol: codes, their rates, how many, and their sum (added in that order). */
  readonly codes: string[][] = [];
  readonly rates: number[][] = [];
  readonly sizes: number[] = [];
  readonly subtotals: number[] = [];
  /** The code-list slot of the protocol at each position. */
  readonly slots: number[] = [];
  private readonly sorted: number[] = [];

  /** Index of `protocol`, adding it (with empty code lists) when new. */
  slot(protocol: string): number {
    for (let i = 0; i < this.count; i++) {
      if (this.protocols[i] === protocol) {
        return this.slots[i];
      }
    }
    const i = this.count++;
    this.protocols[i] = protocol;
    this.slots[i] = i;
    if (this.codes.length <= i) {
      this.codes.push([]);
      this.rates.push([]);
    }
    this.sizes[i] = 0;
    return i;
  }

  /** Protocol positions (into protocols/slots) in sorted protocol order, as `Object.keys(requests).sort()`. */
  sortedProtocols(): number[] {
    const s = this.sorted;
    s.length = this.count;
    for (let i = 0; i < this.count; i++) {
      s[i] = i;
    }
    const p = this.protocols;
    for (let i = 1; i < s.length; i++) {
      const x = s[i];
      let j = i - 1;
      while (j >= 0 && p[s[j]] > p[x]) {
        s[j + 1] = s[j];
        j--;
      }
      s[j + 1] = x;
    }
    return s;
  }
}

export class RequestTally {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly next: number[] = [];
  private readonly protocol: string[] = [];
  private readonly code: string[] = [];
  private readonly sum: number[] = [];

  constructor(lists: number) {
    this.head = new Int32Array(lists).fill(-1);
    this.tail = new Int32Array(lists).fill(-1);
  }

  /** `requests[protocol][code] += rate` for one list (a node's inbound or outbound). */
  add(list: number, protocol: string, code: string, rate: number): void {
    for (let e = this.head[list]; e >= 0; e = this.next[e]) {
      if (this.code[e] === code && this.protocol[e] === protocol) {
        this.sum[e] += rate;
        return;
      }
    }
    const e = this.sum.length;
    this.protocol.push(protocol);
    this.code.push(code);
    this.sum.push(0 + rate);
    this.next.push(-1);
    if (this.tail[list] >= 0) {
      this.next[this.tail[list]] = e;
    } else {
      this.head[list] = e;
    }
    this.tail[list] = e;
  }

  /**
   * Loads one list into `view` (protocols and codes in enumeration order, subtotals) and returns its record,
   * built with the keys added in first-seen order as the incremental `requests[protocol][code] += rate` did.
   */
  load(list: number, view: DirectionView): CodeRates {
    view.count = 0;
    for (let e = this.head[list]; e >= 0; e = this.next[e]) {
      const s = view.slot(this.protocol[e]);
      const n = view.sizes[s]++;
      view.codes[s][n] = this.code[e];
      view.rates[s][n] = this.sum[e];
    }
    const requests: CodeRates = {};
    for (let i = 0; i < view.count; i++) {
      const s = view.slots[i];
      const codes = view.codes[s];
      const rates = view.rates[s];
      const n = view.sizes[s];
      toKeyOrder(codes, rates, n);
      const record = newCodeRecord<number>();
      let subtotal = 0;
      for (let k = 0; k < n; k++) {
        record[codes[k]] = rates[k];
        subtotal += rates[k];
      }
      view.subtotals[s] = subtotal;
      requests[view.protocols[i]] = record;
    }
    // Protocols too enumerate index-like names first (only hand-made models have such protocols).
    toKeyOrder(view.protocols, view.slots, view.count);
    return requests;
  }
}
