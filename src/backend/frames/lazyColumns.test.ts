/**
 * @jest-environment node
 */
import { readArrowFrame } from '../../../tests/support/grafanaFrames';
import { withLazyValues } from '../../engine/output/lazyColumn';
import { encodeFrame } from './arrowFrame';
import type { WireField, WireFieldType, WireFrame } from './wireFrame';

const COLUMNS: Array<[string, WireFieldType, unknown[]]> = [
  ['text', 'string', ['a', 'ünïcødé ✓', '', '日本語', '\u{1F600} emoji', 'x'.repeat(300)]],
  ['empty', 'string', ['', '', '', '', '', '']],
  ['nullText', 'string', [null, 'b', undefined, '', 'é', null]],
  ['loneSurrogate', 'string', ['\ud800', 'ok', '\udfff x', '', 'a', 'b']],
  ['num', 'number', [1.5, NaN, -Infinity, 0, -0, 1e300]],
  ['firstNull', 'number', [null, 2, 3, 4, 5, 6]],
  ['lateNull', 'number', [1, 2, 3, 4, 5, null]],
  ['bool', 'boolean', [true, false, null, true, undefined, false]],
  ['when', 'time', [0, new Date(1700000000123), 1700000000123.5, null, 1, 2]],
];

/** Rows past 8 exercise the validity bitmap's later bytes. */
const LONG: Array<[string, WireFieldType, unknown[]]> = [
  ['longNull', 'number', Array.from({ length: 21 }, (_, i) => (i === 17 ? null : i))],
  ['longText', 'string', Array.from({ length: 21 }, (_, i) => (i % 9 === 8 ? null : `ж${i}`))],
];

function frame(columns: Array<[string, WireFieldType, unknown[]]>, lazy: boolean): WireFrame {
  const fields = columns.map(([name, type, values]): WireField => {
    const target = { name, type, config: { unit: 'x' } };
    return lazy ? withLazyValues(target, { length: values.length, at: (i) => values[i] }) : { ...target, values };
  });
  return { name: 'f', refId: 'A', meta: { preferredVisualisationType: 'nodeGraph' }, fields };
}

describe('encodeFrame on lazy columns', () => {
  it.each([
    ['short columns', COLUMNS],
    ['columns longer than one bitmap byte', LONG],
  ])('writes the same bytes as for plain arrays (%s)', (_name, columns) => {
    const lazy = frame(columns, true);
    const bytes = encodeFrame(lazy);
    expect(Buffer.from(bytes).equals(Buffer.from(encodeFrame(frame(columns, false))))).toBe(true);
    // Encoding read the sources, not the values.
    expect(lazy.fields.every((f) => Object.getOwnPropertyDescriptor(f, 'values')?.get !== undefined)).toBe(true);
  });

  it('is read by the Go SDK rules as the values it was given', () => {
    const read = [COLUMNS, LONG].flatMap((columns) => readArrowFrame(encodeFrame(frame(columns, true))).fields);
    const byName = Object.fromEntries(read.map((f) => [f.name, f]));
    expect(byName.text.values).toEqual(COLUMNS[0][2]);
    expect(byName.empty.values).toEqual(['', '', '', '', '', '']);
    expect(byName.nullText.values).toEqual([null, 'b', null, '', 'é', null]);
    expect(byName.nullText.nullable).toBe(true);
    expect(byName.text.nullable).toBe(false);
    expect(byName.loneSurrogate.values).toEqual(['\ufffd', 'ok', '\ufffd x', '', 'a', 'b']);
    expect(byName.num.values).toEqual([1.5, NaN, -Infinity, 0, -0, 1e300]);
    expect(byName.lateNull.values).toEqual([1, 2, 3, 4, 5, null]);
    expect(byName.firstNull.values).toEqual([null, 2, 3, 4, 5, 6]);
    expect(byName.bool.values).toEqual([true, false, null, true, null, false]);
    expect(byName.when.values).toEqual([0, 1700000000123, 1700000000123, null, 1, 2]);
    expect(byName.longNull.values).toEqual(LONG[0][2]);
    expect(byName.longText.values).toEqual(LONG[1][2]);
  });

  it('computes each row once per encoding', () => {
    let calls = 0;
    const field = withLazyValues({ name: 's', type: 'string' as const }, { length: 3, at: (i) => (calls++, `r${i}`) });
    encodeFrame({ name: 'f', refId: 'A', fields: [field] });
    expect(calls).toBe(3);
  });

  it('refuses ill-typed lazy values and lazy columns of different lengths', () => {
    const bad = withLazyValues({ name: 'c', type: 'number' as const }, { length: 2, at: (i) => (i ? 'no' : 1) });
    expect(() => encodeFrame({ name: 'f', refId: 'A', fields: [bad] })).toThrow(
      'Field "c" row 1: expected a number, got string'
    );
    const a = withLazyValues({ name: 'a', type: 'number' as const }, { length: 2, at: () => 1 });
    const b = withLazyValues({ name: 'b', type: 'number' as const }, { length: 1, at: () => 1 });
    expect(() => encodeFrame({ name: 'f', refId: 'A', fields: [a, b] })).toThrow(
      'field "b" has 1 values, the first field 2'
    );
  });
});
