import { interpolateScalar, interpolateValues, referencedVariables, withoutFormats } from './interpolation';
import { FakeTemplateSrv } from './testing/fakeTemplateSrv';

const HOSTILE = ['"} or vector(1)', 'a"b', 'back\\slash', 'line\nbreak', '.*', 'a|b', '{a,b}', "it's", '$other'];

describe('referencedVariables', () => {
  it('finds every Grafana variable syntax', () => {
    expect(referencedVariables('$a-[[b:csv]]-${c.d:regex}-${e}')).toEqual(['a', 'b', 'c', 'e']);
    expect(referencedVariables('bookinfo')).toEqual([]);
  });
});

describe('interpolateValues', () => {
  it('keeps literal text as one value and an empty text as none', () => {
    const srv = new FakeTemplateSrv();
    expect(interpolateValues('bookinfo', {}, srv)).toEqual({ all: false, values: ['bookinfo'], unresolved: [] });
    expect(interpolateValues('', {}, srv).values).toEqual([]);
  });

  it('expands a multi-value variable into its values, through a formatter function', () => {
    const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value: ['bookinfo', 'shop'] }, multi: true }]);
    expect(interpolateValues('$namespace', {}, srv).values).toEqual(['bookinfo', 'shop']);
    expect(typeof srv.calls[0].format).toBe('function');
  });

  it.each(HOSTILE)('passes the hostile value %j through as exactly one literal value', (value) => {
    const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value } }]);
    expect(interpolateValues('${namespace}', {}, srv).values).toEqual([value]);
  });

  it('keeps hostile values apart in a multi-value selection (no joining, no regex escaping)', () => {
    const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value: HOSTILE }, multi: true }]);
    expect(interpolateValues('$namespace', {}, srv).values).toEqual(HOSTILE);
  });

  it.each(['${namespace:regex}', '[[namespace:pipe]]', '${namespace:csv}'])(
    'ignores the explicit format in %s: values stay raw (Grafana would let that format win)',
    (text) => {
      const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value: ['a.b', 'c|d'] }, multi: true }]);
      expect(interpolateValues(text, {}, srv).values).toEqual(['a.b', 'c|d']);
    }
  );

  it('withoutFormats keeps plain references and field paths', () => {
    expect(withoutFormats('$a ${b:regex} [[c:csv]] ${d.e:raw}')).toBe('$a ${b} ${c} ${d.e}');
  });

  it('maps "All" without a custom all value to all', () => {
    const srv = new FakeTemplateSrv([
      {
        name: 'namespace',
        current: { value: ['$__all'] },
        includeAll: true,
        multi: true,
        options: [{ value: '$__all' }, { value: 'a' }, { value: 'b' }],
      },
    ]);
    expect(interpolateValues('$namespace', {}, srv)).toEqual({ all: true, values: [], unresolved: [] });
  });

  it('maps "All" with a custom all value (which Grafana substitutes without the formatter) to all', () => {
    const srv = new FakeTemplateSrv([
      { name: 'namespace', current: { value: '$__all' }, includeAll: true, allValue: '.*', options: [{ value: 'a' }] },
    ]);
    expect(interpolateValues('$namespace', {}, srv).all).toBe(true);
  });

  it('maps the "All" token reaching the formatter (scoped vars) to all', () => {
    const srv = new FakeTemplateSrv();
    expect(interpolateValues('$namespace', { namespace: { text: 'All', value: '$__all' } }, srv).all).toBe(true);
  });

  it('maps the literal All entry to all', () => {
    expect(interpolateValues('$__all', {}, new FakeTemplateSrv()).all).toBe(true);
  });

  it('prefers scoped vars (repeated panels) over the dashboard value', () => {
    const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value: ['a', 'b'] }, multi: true }]);
    expect(interpolateValues('$namespace', { namespace: { text: 'c', value: 'c' } }, srv).values).toEqual(['c']);
  });

  it('keeps text around a variable around each value', () => {
    const srv = new FakeTemplateSrv([{ name: 'env', current: { value: ['dev', 'prod'] }, multi: true }]);
    expect(interpolateValues('shop-$env', {}, srv).values).toEqual(['shop-dev', 'shop-prod']);
  });

  it('reports unknown variables and leaves their text as is', () => {
    const r = interpolateValues('$missing', {}, new FakeTemplateSrv());
    expect(r.values).toEqual(['$missing']);
    expect(r.unresolved).toEqual(['missing']);
  });

  it('does not report a value that merely looks like a variable', () => {
    const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value: '$other' } }]);
    expect(interpolateValues('$namespace', {}, srv)).toEqual({ all: false, values: ['$other'], unresolved: [] });
  });

  it('cannot be fooled by a value that imitates the internal marker', () => {
    const srv = new FakeTemplateSrv([{ name: 'namespace', current: { value: ['\u0000x:0\u0000', 'b'] }, multi: true }]);
    expect(interpolateValues('$namespace', {}, srv).values).toEqual(['\u0000x:0\u0000', 'b']);
  });
});

describe('interpolateScalar', () => {
  it('takes the first of several values and says so', () => {
    const srv = new FakeTemplateSrv([{ name: 'wl', current: { value: ['a', 'b'] }, multi: true }]);
    expect(interpolateScalar('$wl', {}, srv)).toMatchObject({ value: 'a', multiple: true, all: false });
  });
});
