/** @jest-environment node */
import { cachedEntry, keptWith } from './caches';

describe('handler caches', () => {
  it('keeps one value per owner, made once', () => {
    const store = new WeakMap<object, number[]>();
    const owner = {};
    const make = jest.fn(() => [1]);
    const a = keptWith(store, owner, make);
    expect(keptWith(store, owner, make)).toBe(a);
    expect(keptWith(store, {}, make)).not.toBe(a);
    expect(make).toHaveBeenCalledTimes(2);
  });

  it('makes an entry once and drops the oldest past the bound', () => {
    const cache = new Map<string, string>();
    const make = jest.fn((k: string) => k.toUpperCase());
    for (const k of ['a', 'b', 'a', 'c']) {
      cachedEntry(cache, k, () => make(k), 2);
    }
    expect(make.mock.calls.map(([k]) => k)).toEqual(['a', 'b', 'c']);
    expect([...cache.keys()]).toEqual(['b', 'c']);
    expect(cachedEntry(cache, 'a', () => make('a'), 2)).toBe('A');
    expect(make).toHaveBeenCalledTimes(4);
  });
});
