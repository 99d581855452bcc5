/**
 * Plain objects keyed by response code ("200", "503", "-", gRPC statuses).
 *
 * To V8 a key like "503" is an array index: assigned into an empty object it gives the object a holey element
 * store of 504 slots, which costs memory and garbage collection, and makes every enumeration of the object scan
 * the holes. An index far beyond any code, added and removed first, switches the object to a dictionary element
 * store instead. Keys, their order, values and prototype are exactly those of `{}`; only the storage differs
 * (other engines just do a harmless extra add and delete).
 */
export function newCodeRecord<T>(): Record<string, T> {
  // A literal (cheaper than a keyed store) with the largest array index, 2^32 - 2.
  const o: Record<number, T | undefined> = { 4294967294: undefined };
  delete o[4294967294];
  return o as Record<string, T>;
}
