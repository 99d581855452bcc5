import type { PanelNode } from '../types';
import { collapsedMatchText, findInCollapsed, hiddenCollapsed, memberData } from './collapsed';
import { parseFindHide } from './parse';

function rolled(ns: string, members: string[], expanded = false): PanelNode {
  return {
    id: `rollup_namespace_east_${ns}`,
    nodeType: expanded ? 'box' : 'generic',
    namespace: ns,
    cluster: 'east',
    title: ns,
    flags: {},
    otherFlags: [],
    arcs: [],
    details: [],
    rollup: {
      kind: 'namespace',
      memberCount: members.length,
      membersDegraded: 0,
      membersFailing: 0,
      members,
      expanded,
    },
  };
}

const reviews = rolled('reviews', [
  'wl_east_reviews_reviews-v1',
  'wl_east_reviews_reviews-v2',
  'svc_east_reviews_reviews',
  'vapp_east_reviews_reviews_v3',
]);
const ratings = rolled('ratings', ['wl_east_ratings_ratings-v1', 'svc_east_ratings_ratings']);
const open = rolled('details', ['wl_east_details_reviews-proxy'], true);
const nodes = [reviews, ratings, open];

function query(expr: string) {
  const r = parseFindHide(expr);
  if (!r.ok) {
    throw new Error(r.error);
  }
  return r.query;
}

describe('Find in collapsed rolled-up nodes', () => {
  it('reads a member id as element data', () => {
    expect(memberData('vapp_east_reviews_reviews_v3')).toMatchObject({
      nodeType: 'app',
      app: 'reviews',
      version: 'v3',
      namespace: 'reviews',
    });
    expect(memberData('wl_east_my%5Fns_a%20b')).toMatchObject({ namespace: 'my_ns', workload: 'a b' });
    expect(memberData('rollup_namespace_east_reviews')).toBeUndefined();
  });

  it('names the collapsed namespace holding the matches, not the expanded one', () => {
    const m = findInCollapsed(query('name *= reviews'), nodes);
    expect(m.map((x) => [x.name, x.members.length])).toEqual([['reviews', 4]]);
    expect(collapsedMatchText(m)).toBe('4 matches in collapsed namespace reviews');
  });

  it('applies AND and OR over the member data', () => {
    const m = findInCollapsed(query('node = workload AND name ^= ratings OR version = v3'), nodes);
    expect(m.map((x) => [x.name, x.members])).toEqual([
      ['reviews', ['vapp_east_reviews_reviews_v3']],
      ['ratings', ['wl_east_ratings_ratings-v1']],
    ]);
    expect(collapsedMatchText(m, 1)).toBe('1 match in collapsed namespace reviews and 1 more collapsed namespaces');
  });

  it('does not guess about what an id does not say (rates, flags, health)', () => {
    expect(findInCollapsed(query('httpin > 1'), nodes)).toEqual([]);
    expect(findInCollapsed(query('sidecar'), nodes)).toEqual([]);
    expect(findInCollapsed(query('name = ratings AND healthy'), nodes)).toEqual([]);
  });

  it('hides a collapsed node only when every member is hidden', () => {
    const all = findInCollapsed(query('ns = ratings'), nodes);
    expect(hiddenCollapsed(all)).toEqual([ratings.id]);
    const some = findInCollapsed(query('svc = reviews'), nodes);
    expect(hiddenCollapsed(some)).toEqual([]);
  });
});
