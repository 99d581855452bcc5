import { atLeast } from './typedArrays';

/**
 * Rates summed by key (response flags, hosts) for each entry of the response arena, in first-seen order: what a
 * Map<string, number> per entry updated with `set(k, (get(k) ?? 0) + v)` would hold. An entry's first key lives in
 * columns (a string and a double, no objects); an entry gets a Map only when it sees a second key.
 */
export class RateSums {
  private readonly firstKey: Array<string | undefined> = [];
  private firstSum = new Float64Array(256);
  /** Entries with more than one key: all their keys, in first-seen order. */
  private readonly many = new Map<number, Map<string, number>>();

  add(entry: number, key: string, val: number): void {
    const keys = this.firstKey;
    while (keys.length <= entry) {
      keys.push(undefined);
    }
    this.firstSum = atLeast(this.firstSum, entry + 1);
    const first = keys[entry];
    if (first === undefined) {
      const m = this.many.get(entry);
      if (m !== undefined) {
        m.set(key, (m.get(key) ?? 0) + val);
      } else {
        keys[entry] = key;
        this.firstSum[entry] = val;
      }
    } else if (first === key) {
      this.firstSum[entry] += val;
    } else {
      const m = new Map<string, number>();
      m.set(first, this.firstSum[entry]);
      m.set(key, val);
      this.many.set(entry, m);
      keys[entry] = undefined;
    }
  }

  /** Takes up to `val` off the sum of `key` (never below zero; a key left with nothing is removed). */
  subtract(entry: number, key: string, val: number): void {
    if (this.firstKey[entry] === key) {
      const left = this.firstSum[entry] - val;
      if (left > 1e-9) {
        this.firstSum[entry] = left;
      } else {
        this.firstKey[entry] = undefined;
        this.firstSum[entry] = 0;
      }
      return;
    }
    const m = this.many.get(entry);
    const sum = m?.get(key);
    if (m === undefined || sum === undefined) {
      return;
    }
    const left = sum - val;
    if (left > 1e-9) {
      m.set(key, left);
    } else {
      m.delete(key);
    }
  }

  size(entry: number): number {
    return this.many.get(entry)?.size ?? (this.firstKey[entry] !== undefined ? 1 : 0);
  }

  /** Visits (sum, key) in first-seen order, as Map.prototype.forEach. */
  forEach(entry: number, fn: (sum: number, key: string) => void): void {
    const first = this.firstKey[entry];
    if (first !== undefined) {
      fn(this.firstSum[entry], first);
    } else {
      this.many.get(entry)?.forEach(fn);
    }
  }

  /** Object.fromEntries of the entry's sums (a key named `__proto__` stays an ordinary own key). */
  record(entry: number): Record<string, number> {
    const o: Record<string, number> = {};
    this.forEach(entry, (v, k) => {
      if (k === '__proto__') {
        Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      } else {
        o[k] = v;
      }
    });
    return o;
  }
}
