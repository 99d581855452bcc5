import { exactSum } from './exactSum';

/** The exact sum of doubles as a rational with a power-of-two denominator, rounded once (the reference). */
function referenceSum(values: number[]): number {
  const n = (v: number) => BigInt(v);
  const SHIFT = n(1100);
  let total = n(0);
  for (const v of values) {
    // v = m × 2^e exactly; scale by 2^SHIFT so every double is an integer.
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, v);
    const bits = buf.getBigUint64(0);
    const sign = bits >> n(63) ? -n(1) : n(1);
    const exp = Number((bits >> n(52)) & n(0x7ff));
    const frac = bits & ((n(1) << n(52)) - n(1));
    const mant = exp === 0 ? frac : frac | (n(1) << n(52));
    const e = (exp === 0 ? 1 : exp) - 1075;
    total += sign * (mant << BigInt(e + Number(SHIFT)));
  }
  // Round total / 2^SHIFT to the nearest double by way of its decimal string with enough digits.
  const negative = total < n(0);
  const abs = negative ? -total : total;
  const intPart = abs >> SHIFT;
  const fracPart = abs & ((n(1) << SHIFT) - n(1));
  const digits = (fracPart * n(10) ** n(400)) >> SHIFT;
  const text = `${intPart}.${digits.toString().padStart(400, '0')}`;
  return (negative ? -1 : 1) * Number(text);
}

describe('exactSum', () => {
  it('is the correctly rounded sum where plain addition loses digits', () => {
    const values = [1e16, 1, -1e16, 1, 0.1, 0.2];
    expect(values.reduce((a, b) => a + b, 0)).not.toBe(2.3);
    expect(exactSum(values)).toBe(referenceSum(values));
    expect(exactSum(values)).toBe(2.3);
    expect(exactSum([])).toBe(0);
    expect(exactSum([0.1, 0.2, 0.3])).toBe(0.6);
  });

  it('does not depend on the order of the values', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 50; round++) {
      const values = Array.from({ length: 40 }, () => (rnd() * 20 - 1) * 10 ** Math.floor(rnd() * 8 - 4));
      const shuffled = [...values].sort(() => rnd() - 0.5);
      const reversed = [...values].reverse();
      const want = referenceSum(values);
      expect(exactSum(values)).toBe(want);
      expect(exactSum(shuffled)).toBe(want);
      expect(exactSum(reversed)).toBe(want);
    }
  });

  it('passes non-finite values through as plain addition would', () => {
    expect(exactSum([1, Infinity])).toBe(Infinity);
    expect(exactSum([1, NaN])).toBeNaN();
    expect(exactSum([Infinity, -Infinity])).toBeNaN();
  });
});
