import { MAX_SAMPLE_VALUE, parseSampleValue, valueProblem, visitVector } from './vectorAnswer';

function answer(): unknown[] {
  return [
    { metric: { a: 'x', b: 'y' }, value: [1, '2.5'] },
    { metric: {}, value: [1, '+Inf'] },
    { metric: { a: 'z' }, histogram: [1, {}] },
    { metric: { c: 'd' }, value: [1, '1'] },
  ];
}

describe('visitVector', () => {
  it('hands over every element as label names, values and the sample value, counting native histograms', () => {
    const seen: string[] = [];
    const counts = visitVector(answer(), (names, values, count, value, problem) => {
      seen.push(
        `${names
          .slice(0, count)
          .map((n, i) => `${n}=${values[i]}`)
          .join(',')}:${value}${problem ? ' ' + problem : ''}`
      );
    });
    expect(seen).toEqual(['a=x,b=y:2.5', ':NaN non-finite', 'c=d:1']);
    expect(counts).toEqual({ visited: 3, histograms: 1, problems: { 'non-finite': 1 } });
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
    expect(counts.visited).toBe(3);
  });

  it('counts elements that are not samples as malformed, without visiting them', () => {
    const seen: number[] = [];
    const counts = visitVector(
      [
        null,
        5,
        'x',
        [],
        {},
        { metric: { a: 7 }, value: [1, '1'] },
        { metric: [], value: [1, '1'] },
        { value: [1, '3'] },
      ],
      (_n, _v, count, value) => seen.push(count, value)
    );
    expect(seen).toEqual([0, 3]);
    expect(counts).toEqual({ visited: 1, histograms: 0, problems: { malformed: 7 } });
  });

  it('flags every value that cannot be a rate, by what is wrong with it', () => {
    const values = [
      'NaN',
      '+Inf',
      '-Inf',
      '1e400',
      '-2',
      '1e301',
      'abc',
      '',
      ' ',
      '0x10',
      null,
      true,
      {},
      '0',
      '0.5',
      '1e300',
    ];
    const problems: Array<string | undefined> = [];
    const counts = visitVector(
      values.map((v) => ({ metric: {}, value: [1, v] })),
      (_n, _v, _c, value, problem) => problems.push(problem ?? String(value))
    );
    expect(problems).toEqual([
      'NaN',
      'non-finite',
      'non-finite',
      'non-finite',
      'negative',
      'too large',
      'non-numeric',
      'non-numeric',
      'non-numeric',
      'non-numeric',
      'non-numeric',
      'non-numeric',
      'non-numeric',
      '0',
      '0.5',
      '1e+300',
    ]);
    expect(counts.problems).toEqual({ NaN: 1, 'non-finite': 3, negative: 1, 'too large': 1, 'non-numeric': 7 });
  });
});

describe('parseSampleValue and valueProblem', () => {
  it("read Prometheus' number formats and nothing else", () => {
    expect(parseSampleValue('12.5')).toBe(12.5);
    expect(parseSampleValue('1e-3')).toBe(0.001);
    expect(parseSampleValue(' 4 ')).toBe(4);
    expect(parseSampleValue('0b1')).toBeNaN();
    expect(valueProblem('1e300', parseSampleValue('1e300'))).toBeUndefined();
    expect(valueProblem(MAX_SAMPLE_VALUE * 10, MAX_SAMPLE_VALUE * 10)).toBe('too large');
    expect(valueProblem(-0, -0)).toBeUndefined();
  });
});
