/**
 * Plain objects keyed by response code ("200", "503", "-", gRPC statuses).
 *
 * To V8 a key like "503" is an array index: assigned into an empty object it gives the object a holey element
 * store of 504 slots, which costs memory and garbage collection, and makes every enumeration of the object scan
 * the holes. An index far beyond any code, added and removed first, switches the object to a dictionary element
 * store instead. Keys, their order, values and prototype are exactly those of `{}`; only the storage differs
 * (other engines just do a harmless extra add and delete).
 */
const FAR_INDEX = 4294967294;

export function newCodeRecord<T>(): Record<string, T> {
  const o: Record<number, T | undefined> = {};
  o[FAR_INDEX] = undefined;
  delete o[FAR_INDEX];
  return o as Record<string, T>;
}
