import { BACKEND_INTERVAL_VARIABLES, toLiteralQuery } from './literalQuery';
import { FakeTemplateSrv } from './testing/fakeTemplateSrv';
import { ALL_NAMESPACES, DEFAULT_QUERY, MeshgraphQuery } from './types';

const query = (q: Partial<MeshgraphQuery>): MeshgraphQuery => ({ ...DEFAULT_QUERY, refId: 'A', ...q });

describe('toLiteralQuery', () => {
  const srv = new FakeTemplateSrv([
    { name: 'ns', current: { value: ['a', 'b'] }, multi: true },
    { name: 'all', current: { value: '$__all' }, includeAll: true, allValue: '.*' },
    { name: 'svc', current: { value: ['reviews', 'ratings'] }, multi: true },
  ]);

  it('keeps a query without variables as it is (after defaults)', () => {
    const q = query({ namespaces: ['bookinfo'], duration: '5m', aggregate: 'request_operation' });
    expect(toLiteralQuery(q, {}, srv)).toEqual(q);
  });

  it('expands lists and takes the first value of single-valued fields', () => {
    const out = toLiteralQuery(
      query({ namespaces: ['$ns', 'x-$ns'], node: { kind: 'service', namespace: '$ns', name: '$svc' } }),
      {},
      srv
    );
    expect(out.namespaces).toEqual(['a', 'b', 'x-a', 'x-b']);
    expect(out.node).toEqual({ kind: 'service', namespace: 'a', name: 'reviews' });
  });

  it('writes "All" (custom all value included) as the all token, in lists and single fields', () => {
    const out = toLiteralQuery(
      query({ namespaces: ['bookinfo', '$all'], scope: [{ key: 'mesh_id', value: '$all' }] }),
      {},
      srv
    );
    expect(out.namespaces).toEqual([ALL_NAMESPACES]);
    expect(out.scope).toEqual([{ key: 'mesh_id', value: ALL_NAMESPACES }]);
  });

  it('leaves unknown variables and the interval variables of the backend as written', () => {
    expect(BACKEND_INTERVAL_VARIABLES.sort()).toEqual(['__range', '__range_ms', '__range_s', '__rate_interval']);
    const out = toLiteralQuery(query({ namespaces: ['$nope'], duration: '$__rate_interval' }), {}, srv);
    expect(out.namespaces).toEqual(['$nope']);
    expect(out.duration).toBe('$__rate_interval');
    // Even when the caller's scoped vars hold a value for it.
    const scoped = { __rate_interval: { text: '1m', value: '1m' } };
    expect(toLiteralQuery(query({ duration: '$__rate_interval' }), scoped, srv).duration).toBe('$__rate_interval');
  });

  it('drops scope entries that are not objects (hand-edited JSON)', () => {
    const q = query({ scope: [null as never, { key: 'k', value: 'v' }] });
    expect(toLiteralQuery(q, {}, srv).scope).toEqual([{ key: 'k', value: 'v' }]);
  });
});

describe('toLiteralQuery: rollup', () => {
  it('replaces a variable in the mode and leaves the expanded ids as written', () => {
    const srv = new FakeTemplateSrv([
      { name: 'rollup', current: { value: 'namespace' } },
      { name: 'ns', current: { value: 'a' } },
    ]);
    const out = toLiteralQuery(query({ rollup: '$rollup', rollupExpand: ['rollup_namespace_c_$ns'] }), {}, srv);
    expect(out.rollup).toBe('namespace');
    expect(out.rollupExpand).toEqual(['rollup_namespace_c_$ns']);
    expect(toLiteralQuery(query({ rollup: undefined }), {}, srv).rollup).toBe('auto');
  });
});
