/** `a` when it holds at least `length` items, else a copy at least twice as long (zeros after `a`'s values). */
export function atLeast<T extends Float64Array | Int32Array>(a: T, length: number): T {
  if (a.length >= length) {
    return a;
  }
  const grown = new (a.constructor as new (n: number) => T)(Math.max(length, a.length * 2));
  grown.set(a);
  return grown;
}
