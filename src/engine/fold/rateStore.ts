/**
 * The traffic map's numbers, kept in growable Float64Array columns instead of object fields. V8 gives every
 * double-valued object field a heap box of its own, so a map of plain objects cost about fifteen objects per edge
 * (counters, a response Map, response records, flag and host sums); at 100 namespaces × 100 workloads moving
 * them through the garbage collector took as long as the fold itself. Rows in these columns cost no objects.
 */
import { NodeRates } from '../model';
import { RateSums } from './rateSums';
import { atLeast } from './typedArrays';

/** A node's rates: slots in its row, in NodeRates key order. */
export const NODE_RATE_SLOTS = {
  httpIn: 0,
  httpIn3xx: 1,
  httpIn4xx: 2,
  httpIn5xx: 3,
  httpInNoResponse: 4,
  httpOut: 5,
  grpcIn: 6,
  grpcInErr: 7,
  grpcInNoResponse: 8,
  grpcOut: 9,
  tcpIn: 10,
  tcpOut: 11,
} as const satisfies Record<keyof NodeRates, number>;

export type NodeRateName = keyof typeof NODE_RATE_SLOTS;
export const NODE_RATE_NAMES = Object.keys(NODE_RATE_SLOTS) as NodeRateName[];

/** An edge's counters: slots in its row. */
export const EDGE_COUNTER_SLOTS = {
  total: 0,
  http3xx: 1,
  http4xx: 2,
  http5xx: 3,
  noResponse: 4,
  grpcErr: 5,
} as const;

/** Rows of `width` doubles, all zero when added; `data` is replaced when it grows, so read it after adding rows. */
export class RateColumns {
  data: Float64Array;
  private used = 0;

  constructor(readonly width: number) {
    this.data = new Float64Array(width * 64);
  }

  /** Adds a row and returns its offset in `data`. */
  addRow(): number {
    const offset = this.used;
    this.used += this.width;
    this.data = atLeast(this.data, this.used);
    return offset;
  }
}

/**
 * The responses of every edge of one map. Each edge's entries form a chain (`next`, -1 ends it) in first-seen
 * order, as Kiali's responses map keeps them.
 */
export class ResponseArena {
  readonly codes: string[] = [];
  rates = new Float64Array(256);
  next = new Int32Array(256);
  /** Rates by response flags and by host, per entry. */
  readonly flags = new RateSums();
  readonly hosts = new RateSums();

  /** A new entry for `code` with rate 0, at the end of no chain yet. */
  add(code: string): number {
    const i = this.codes.length;
    this.rates = atLeast(this.rates, i + 1);
    this.next = atLeast(this.next, i + 1);
    this.codes.push(code);
    this.rates[i] = 0;
    this.next[i] = -1;
    return i;
  }
}

export class RateStore {
  readonly nodeRates = new RateColumns(NODE_RATE_NAMES.length);
  readonly edgeCounters = new RateColumns(Object.keys(EDGE_COUNTER_SLOTS).length);
  readonly responses = new ResponseArena();
}
