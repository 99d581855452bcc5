/**
 * Correctly rounded sums (Shewchuk's algorithm, as Python's math.fsum): the result is the exact sum of the inputs
 * rounded once, so it does not depend on their order. A rolled-up rate is the exact sum of its members' rates,
 * whichever order the members come in, and anyone summing the same rates with exactSum gets the same number.
 */

/** The correctly rounded sum of `values` (NaN or ±Infinity among them: the plain sum). */
export function exactSum(values: readonly number[]): number {
  // One or two values: IEEE addition is already the correctly rounded sum (and commutative).
  if (values.length <= 2) {
    return values.length === 0 ? 0 : values.length === 1 ? values[0] + 0 : values[0] + values[1];
  }
  const partials: number[] = [];
  let count = 0;
  let special = 0;
  for (let k = 0; k < values.length; k++) {
    let x = values[k];
    if (!Number.isFinite(x)) {
      special += x;
      continue;
    }
    let i = 0;
    for (let j = 0; j < count; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) {
        partials[i++] = lo;
      }
      x = hi;
    }
    partials[i] = x;
    count = i + 1;
  }
  if (special !== 0 || Number.isNaN(special)) {
    return special;
  }
  return roundPartials(partials, count);
}

/** The partials (non-overlapping, increasing magnitude) rounded to one double, half-way cases to even. */
function roundPartials(p: number[], count: number): number {
  let n = count;
  if (n === 0) {
    return 0;
  }
  let hi = p[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) {
      break;
    }
  }
  // A half-way case: the rest of the partials decide the direction (Python's fsum does the same).
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) {
      hi = x;
    }
  }
  return hi;
}
