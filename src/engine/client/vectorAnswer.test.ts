import { visitVector } from './vectorAnswer';

function answer(): unknown[] {
  return [
    { metric: { a: 'x', b: 'y' }, value: [1, '2.5'] },
    { metric: {}, value: [1, '+Inf'] },
    { metric: { a: 'z' }, histogram: [1, {}] },
    { metric: { c: 7 }, value: [1, '1'] },
  ];
}

describe('visitVector', () => {
  it('hands over every element as label names, values and the sample value, counting native histograms', () => {
    const seen: string[] = [];
    const counts = visitVector(answer(), (names, values, count, value) => {
      seen.push(
        `${names
          .slice(0, count)
          .map((n, i) => `${n}=${values[i]}`)
          .join(',')}:${value}`
      );
    });
    expect(seen).toEqual(['a=x,b=y:2.5', ':Infinity', 'c=7:1']);
    expect(counts).toEqual([3, 1]);
  });

  it('leaves the answer as it was unless asked to release it, then drops each element once visited', () => {
    const kept = answer();
    visitVector(kept, () => undefined);
    expect(kept).toEqual(answer());
    const released = answer();
    const remaining: number[] = [];
    const counts = visitVector(released, () => remaining.push(released.filter((e) => e !== undefined).length), true);
    expect(remaining).toEqual([3, 2, 0]);
    expect(released.every((e) => e === undefined)).toBe(true);
    expect(counts).toEqual([3, 1]);
  });
});
