import { Counter, FieldIndex, parseJson, startAnswer, toStr } from './frameReading';

describe('frame reading', () => {
  it('reads a JSON cell once per text: the same text gives the same object', () => {
    const skipped = new Counter();
    const text = JSON.stringify({ total: 1.5, percentErr: 0 });
    const a = parseJson<{ total: number }>(text, 'bad', skipped);
    // Another string with the same text (as a new answer carries it) is found too.
    const b = parseJson<{ total: number }>(JSON.stringify({ total: 1.5, percentErr: 0 }), 'bad', skipped);
    expect(a).toEqual({ total: 1.5, percentErr: 0 });
    expect(b).toBe(a);
    expect(parseJson(JSON.stringify({ total: 2 }), 'bad', skipped)).not.toBe(a);
  });

  it('keeps the texts of the answer being read and of the one before, and lets older ones go', () => {
    const skipped = new Counter();
    const read = (text: string) => parseJson<{ v: number }>(text, 'bad', skipped);
    startAnswer();
    const kept = read('{"v":1}');
    const dropped = read('{"v":2}');
    startAnswer();
    // The next answer repeats one text (as an expansion repeats the rows it keeps): the same object, carried on.
    expect(read('{"v":1}')).toBe(kept);
    startAnswer();
    expect(read('{"v":1}')).toBe(kept);
    // Not seen in the last two answers: let go, read again.
    const again = read('{"v":2}');
    expect(again).toEqual(dropped);
    expect(again).not.toBe(dropped);
  });

  it('counts every unreadable cell, each time it is read', () => {
    const skipped = new Counter();
    expect(parseJson('{"total":', 'unreadable rates', skipped)).toBeUndefined();
    expect(parseJson('{"total":', 'unreadable rates', skipped)).toBeUndefined();
    expect(parseJson('42', 'unreadable rates', skipped)).toBeUndefined();
    expect(parseJson('   ', 'unreadable rates', skipped)).toBeUndefined();
    expect(skipped.counts).toEqual({ 'unreadable rates': 2 });
  });

  it('keeps reading right past the texts it keeps', () => {
    const skipped = new Counter();
    const first = parseJson<{ i: number }>('{"i":-1}', 'bad', skipped);
    let wrong = 0;
    for (let i = 0; i < 100_000; i++) {
      wrong += parseJson<{ i: number }>(`{"i":${i}}`, 'bad', skipped)?.i === i ? 0 : 1;
    }
    expect(wrong).toBe(0);
    const again = parseJson<{ i: number }>('{"i":-1}', 'bad', skipped);
    expect(again).toEqual(first);
    expect(skipped.counts).toEqual({});
  });

  it('finds fields whatever the case, as asked', () => {
    const f = new FieldIndex({ fields: [{ name: 'MainStat', values: ['a', 'b'] }] });
    expect(f.field('mainstat')?.values[1]).toBe('b');
    expect(f.field('MAINSTAT')?.values[0]).toBe('a');
    expect(f.field('other')?.values[0]).toBeUndefined();
    expect(toStr(f.field('mainstat')?.values[0])).toBe('a');
  });

  it("gives the columns of named fields under the names' keys, a missing one with no value at any row", () => {
    const f = new FieldIndex({
      fields: [
        { name: 'SOURCE', values: ['a', 'b'] },
        { name: 'rate', values: [1, 2] },
      ],
    });
    const c = f.columns({ from: 'source', rate: 'Rate', gone: 'target' });
    expect(Object.keys(c)).toEqual(['from', 'rate', 'gone']);
    expect([c.from[1], c.rate[0], c.gone[0], c.gone[1]]).toEqual(['b', 1, undefined, undefined]);
    expect(c.gone.length).toBe(0);
  });
});
