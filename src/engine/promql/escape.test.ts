import { assertLabelName, escapeRegex, quoteString, regexOneOf } from './escape';
import { expectValidPromQL } from './parse.testutil';
import { eq, oneOf, re, selector } from './selector';

const HOSTILE = [
  'a"b',
  'back\\slash',
  'new\nline',
  'tab\there',
  '"} or vector(1) #',
  '.*|()[]{}+?^$',
  'bell\x07',
  'ünïcødé',
  '',
];

describe('quoteString', () => {
  it.each(HOSTILE)('round-trips %j through a PromQL literal', (v) => {
    const p = expectValidPromQL(selector('m', [eq('l', v)]));
    expect(p.vectorSelectors).toBe(1);
    expect(p.matchers).toEqual([{ name: 'l', op: '=', value: v }]);
  });
  it('escapes quote, backslash and control characters', () => {
    expect(quoteString('a"b\\c\nd\x01')).toBe('"a\\"b\\\\c\\nd\\u0001"');
  });
});

describe('regex escaping', () => {
  it('escapes every RE2 metacharacter so the value matches literally', () => {
    const v = '.*|()[]{}+?^$\\';
    const r = new RegExp('^' + escapeRegex(v) + '$');
    expect(r.test(v)).toBe(true);
    expect(r.test('x')).toBe(false);
  });
  it('doubles the backslash inside the string literal', () => {
    expect(selector('m', [re('l', escapeRegex('a.b'))])).toBe('m{l=~"a\\\\.b"}');
  });
  it('builds an anchored alternation of literal values', () => {
    const rx = new RegExp(regexOneOf(['a.b', 'c|d']));
    expect(rx.test('a.b')).toBe(true);
    expect(rx.test('axb')).toBe(false);
    expect(rx.test('c|d')).toBe(true);
    expect(rx.test('c')).toBe(false);
  });
  it('keeps a hostile value inside one set matcher', () => {
    const p = expectValidPromQL(selector('m', [oneOf('ns', ['a"} or vector(1)', 'b'])]));
    expect(p.matchers).toHaveLength(1);
    expect(new RegExp(p.matchers[0].value).test('a"} or vector(1)')).toBe(true);
  });
});

describe('label names', () => {
  it('accepts valid names and rejects others with a clear error', () => {
    expect(assertLabelName('request_operation')).toBe('request_operation');
    expect(() => assertLabelName('bad-name')).toThrow(/Invalid Prometheus label name "bad-name"/);
    expect(() => assertLabelName('1abc')).toThrow(/label name/);
    expect(() => assertLabelName('a"}')).toThrow(/label name/);
  });
});
