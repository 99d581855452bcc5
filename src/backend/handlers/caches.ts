/**
 * The two cache shapes the handlers keep: state kept with an object (a graph, a view) for as long as it lives, and
 * a bounded map of entries made on first use (the oldest goes first).
 */

/** `store`'s value for `owner`, made on first use. */
export function keptWith<K extends object, V>(store: WeakMap<K, V>, owner: K, make: () => V): V {
  let value = store.get(owner);
  if (value === undefined) {
    value = make();
    store.set(owner, value);
  }
  return value;
}

/** `cache`'s entry for `key`, made on first use; past `max` entries the oldest is dropped. */
export function cachedEntry<V>(cache: Map<string, V>, key: string, make: () => V, max = Infinity): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
    if (cache.size > max) {
      cache.delete(cache.keys().next().value!);
    }
  }
  return value;
}
