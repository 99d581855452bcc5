import { computeRanks } from './rank';

describe('computeRanks', () => {
  it('scores by inbound + outbound edges and gives dense ranks (ties share)', () => {
    // hub: 3 edges; a: 2; b, c: 1 each; lone: 0
    const edges = [
      { source: 'a', target: 'hub' },
      { source: 'hub', target: 'b' },
      { source: 'hub', target: 'c' },
      { source: 'a', target: 'x' },
    ];
    const r = computeRanks(['hub', 'a', 'b', 'c', 'x', 'lone'], edges);
    expect(Object.fromEntries(r)).toEqual({ hub: 1, a: 2, b: 3, c: 3, x: 3, lone: 4 });
  });

  it('respects the criteria', () => {
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'a', target: 'c' },
      { source: 'c', target: 'b' },
    ];
    expect(Object.fromEntries(computeRanks(['a', 'b', 'c'], edges, { inbound: true, outbound: false }))).toEqual({ b: 1, c: 2, a: 3 });
    expect(Object.fromEntries(computeRanks(['a', 'b', 'c'], edges, { inbound: false, outbound: true }))).toEqual({ a: 1, c: 2, b: 3 });
    expect(computeRanks(['a'], edges, { inbound: false, outbound: false }).size).toBe(0);
  });

  it('normalises into 1..100 when there are more than 100 distinct scores', () => {
    // A chain of stars with 1..150 leaves each gives 150 distinct scores (plus the leaves' own).
    const ids: string[] = [];
    const edges: Array<{ source: string; target: string }> = [];
    for (let i = 1; i <= 150; i++) {
      ids.push(`h${i}`);
      for (let j = 0; j < i; j++) {
        edges.push({ source: `h${i}`, target: `l${i}_${j}` });
        ids.push(`l${i}_${j}`);
      }
    }
    const r = computeRanks(ids, edges);
    const values = [...r.values()];
    expect(Math.min(...values)).toBe(1);
    expect(Math.max(...values)).toBe(100);
    expect(r.get('h150')).toBe(1);
    // leaves have the lowest score: the worst rank
    expect(r.get('l1_0')).toBe(100);
    // monotone: more edges never ranks worse
    expect(r.get('h100')!).toBeLessThanOrEqual(r.get('h50')!);
  });

  it('everything equal → rank 1; no edges → rank 1', () => {
    expect(Object.fromEntries(computeRanks(['a', 'b'], []))).toEqual({ a: 1, b: 1 });
  });
});
