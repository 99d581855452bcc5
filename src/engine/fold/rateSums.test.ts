import { RateSums } from './rateSums';

function entries(s: RateSums, entry: number): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  s.forEach(entry, (v, k) => out.push([k, v]));
  return out;
}

describe('RateSums', () => {
  it('holds for each entry what a Map summed key by key holds, in first-seen order', () => {
    const keys = ['-', 'UF', 'b.ns.svc.cluster.local', 'DC', '-', 'UF', 'x'];
    const sums = new RateSums();
    const maps: Array<Map<string, number>> = [];
    // Entries filled interleaved, past the first column size, so that no entry sees another's keys.
    for (let round = 0; round <= keys.length; round++) {
      for (let entry = 0; entry < 300; entry++) {
        const n = entry % (keys.length + 1);
        if (round >= n) {
          continue;
        }
        const k = keys[(entry + round) % keys.length];
        const v = (round + 1) / 3 + entry;
        sums.add(entry, k, v);
        const m = (maps[entry] ??= new Map());
        m.set(k, (m.get(k) ?? 0) + v);
      }
    }
    for (let entry = 0; entry < 300; entry++) {
      const m = maps[entry] ?? new Map();
      expect(entries(sums, entry)).toEqual([...m.entries()]);
      expect(sums.size(entry)).toBe(m.size);
      expect(sums.record(entry)).toEqual(Object.fromEntries(m));
    }
  });

  it('has nothing for entries never added to', () => {
    const sums = new RateSums();
    sums.add(3, 'UF', 1);
    for (const entry of [0, 2, 4, 1000]) {
      expect(sums.size(entry)).toBe(0);
      expect(entries(sums, entry)).toEqual([]);
      expect(sums.record(entry)).toEqual({});
    }
  });

  it('keeps a key named like an object prototype key as an ordinary own key', () => {
    const sums = new RateSums();
    sums.add(0, '__proto__', 2);
    const r = sums.record(0);
    expect(Object.keys(r)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
  });
});
