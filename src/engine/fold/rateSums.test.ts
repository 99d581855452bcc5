import { RateSums } from './rateSums';

function entries(s: RateSums): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  s.forEach((v, k) => out.push([k, v]));
  return out;
}

describe('RateSums', () => {
  it('holds what a Map summed key by key holds, in first-seen order', () => {
    const keys = ['-', 'UF', 'b.ns.svc.cluster.local', 'DC', '-', 'UF', 'x'];
    for (let n = 0; n <= keys.length; n++) {
      for (let start = 0; start < keys.length; start++) {
        const sums = new RateSums();
        const map = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const k = keys[(start + i) % keys.length];
          const v = (i + 1) / 3;
          sums.add(k, v);
          map.set(k, (map.get(k) ?? 0) + v);
        }
        expect(entries(sums)).toEqual([...map.entries()]);
        expect(sums.size).toBe(map.size);
      }
    }
  });

  it('starts empty', () => {
    const sums = new RateSums();
    expect(sums.size).toBe(0);
    expect(entries(sums)).toEqual([]);
  });
});
