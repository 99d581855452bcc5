/**
 * Rates summed by key (response flags, hosts) in first-seen order: what a Map<string, number> updated with
 * `set(k, (get(k) ?? 0) + v)` holds, without allocating a Map for the usual case of a single key.
 */
export class RateSums {
  private key0: string | undefined = undefined;
  private sum0 = 0;
  private rest: Map<string, number> | undefined = undefined;

  add(key: string, val: number): void {
    const rest = this.rest;
    if (rest !== undefined) {
      rest.set(key, (rest.get(key) ?? 0) + val);
    } else if (this.key0 === undefined) {
      this.key0 = key;
      this.sum0 = 0 + val;
    } else if (this.key0 === key) {
      this.sum0 += val;
    } else {
      const m = new Map<string, number>();
      m.set(this.key0, this.sum0);
      m.set(key, 0 + val);
      this.rest = m;
      this.key0 = undefined;
    }
  }

  get size(): number {
    return this.rest !== undefined ? this.rest.size : this.key0 !== undefined ? 1 : 0;
  }

  /** Visits (sum, key) in first-seen order, as Map.prototype.forEach. */
  forEach(fn: (sum: number, key: string) => void): void {
    if (this.rest !== undefined) {
      this.rest.forEach(fn);
    } else if (this.key0 !== undefined) {
      fn(this.sum0, this.key0);
    }
  }
}
