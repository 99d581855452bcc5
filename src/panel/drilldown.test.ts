import {
  decodeExpandedParam,
  encodeExpandedParam,
  expandStorageKey,
  initialExpanded,
  MAX_EXPANDED,
  missingExpanded,
  missingNotice,
  readExpanded,
  rollupExpandOverride,
  rollupName,
  sanitizeExpanded,
  seriesRolledUp,
  toggleExpanded,
  writeExpanded,
} from './drilldown';
import type { StorageLike } from './display';

const NS_A = 'rollup_namespace_east_reviews';
const NS_B = 'rollup_namespace_east_ratings';
const CL = 'rollup_cluster_west';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('expanded ids', () => {
  it('keeps rolled-up ids only, once each', () => {
    expect(sanitizeExpanded([NS_A, 'wl_east_reviews_a', NS_A, 7, CL, 'rollup_namespace_x'])).toEqual([NS_A, CL]);
    expect(sanitizeExpanded('nope')).toEqual([]);
  });

  it('keeps the latest MAX_EXPANDED', () => {
    const many = Array.from({ length: MAX_EXPANDED + 5 }, (_, i) => `rollup_namespace_c_ns${i}`);
    const kept = sanitizeExpanded(many);
    expect(kept).toHaveLength(MAX_EXPANDED);
    expect(kept[kept.length - 1]).toBe(many[many.length - 1]);
  });

  it('toggles: expands, expands a second, collapses the first', () => {
    const one = toggleExpanded([], NS_A);
    const two = toggleExpanded(one, NS_B);
    expect(two).toEqual([NS_A, NS_B]);
    expect(toggleExpanded(two, NS_A)).toEqual([NS_B]);
  });

  it('round-trips through the URL form, commas inside label values included', () => {
    const odd = 'rollup_namespace_east_a,b';
    const text = encodeExpandedParam([NS_A, odd]);
    expect(text.split(',')).toHaveLength(2);
    expect(decodeExpandedParam(text)).toEqual([NS_A, odd]);
    expect(decodeExpandedParam(['old', text])).toEqual([NS_A, odd]);
    expect(decodeExpandedParam(undefined)).toBeUndefined();
    expect(decodeExpandedParam('')).toEqual([]);
  });

  it('stores per panel and reads back; junk in storage reads as nothing', () => {
    const s = memoryStorage();
    const key = expandStorageKey('/d/abc', 4);
    writeExpanded(s, key, [NS_A]);
    expect(readExpanded(s, key)).toEqual([NS_A]);
    expect(readExpanded(s, expandStorageKey('/d/abc', 5))).toEqual([]);
    writeExpanded(s, key, []);
    expect(s.data.has(key)).toBe(false);
    s.setItem(key, '{not json');
    expect(readExpanded(s, key)).toEqual([]);
  });

  it('the URL wins over storage; storage when the URL says nothing', () => {
    const s = memoryStorage();
    writeExpanded(s, 'k', [NS_B]);
    expect(initialExpanded(NS_A, s, 'k')).toEqual([NS_A]);
    expect(initialExpanded(undefined, s, 'k')).toEqual([NS_B]);
  });

  it('asks for the expanded view only of a rolled-up graph', () => {
    expect(rollupExpandOverride([NS_B, NS_A], true)).toEqual({ rollupExpand: [NS_B, NS_A].sort() });
    expect(rollupExpandOverride([NS_A], false)).toBeUndefined();
    expect(rollupExpandOverride([], true)).toBeUndefined();
  });

  it('names ids the graph no longer has in a quiet notice', () => {
    expect(missingExpanded([NS_A, NS_B], [NS_A])).toEqual([NS_B]);
    expect(missingExpanded([NS_A], undefined)).toEqual([]);
    expect(missingNotice([NS_B, CL])).toBe('Kept expanded but not in this graph: ratings, west.');
    expect(missingNotice([])).toBeUndefined();
    expect(rollupName('rollup_namespace_c_my%5Fns')).toBe('my_ns');
  });

  it('tells a rolled-up answer from others by the nodes frame meta', () => {
    expect(seriesRolledUp([{ meta: { custom: { rollup: { by: 'namespace' } } } }])).toBe(true);
    expect(seriesRolledUp([{ meta: { custom: { rollup: { by: 'none' } } } }, {}])).toBe(false);
    expect(seriesRolledUp(undefined)).toBe(false);
  });
});
