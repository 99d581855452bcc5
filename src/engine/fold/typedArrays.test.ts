import { atLeast } from './typedArrays';

describe('atLeast', () => {
  it('keeps an array that is long enough', () => {
    const a = new Float64Array([1, 2, 3]);
    expect(atLeast(a, 3)).toBe(a);
  });

  it('grows to at least twice the length, keeping the values and the element type', () => {
    const a = new Int32Array([5, -1]);
    const b = atLeast(a, 3);
    expect(b).toBeInstanceOf(Int32Array);
    expect([...b]).toEqual([5, -1, 0, 0]);
    expect(atLeast(new Float64Array([0.5]), 10)).toEqual(new Float64Array([0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  });
});
