import { forwardValues, readColumn, withLazyValues } from './lazyColumn';

function counted(values: unknown[]) {
  const calls: number[] = [];
  return { calls, source: { length: values.length, at: (i: number) => (calls.push(i), values[i]) } };
}

describe('withLazyValues', () => {
  it('builds the values once, on first read, as an ordinary enumerable array', () => {
    const { calls, source } = counted(['a', 'b', null]);
    const field = withLazyValues({ name: 'x', type: 'string' }, source);
    expect(calls).toEqual([]);
    const first = field.values;
    expect(first).toEqual(['a', 'b', null]);
    expect(field.values).toBe(first);
    expect(calls).toEqual([0, 1, 2]);
    expect(Object.keys(field)).toEqual(['name', 'type', 'values']);
    expect(JSON.parse(JSON.stringify(field))).toEqual({ name: 'x', type: 'string', values: ['a', 'b', null] });
    expect({ ...field }).toEqual({ name: 'x', type: 'string', values: ['a', 'b', null] });
  });

  it('looks like a plain field to deep equality, spread and structuredClone before any read', () => {
    const field = () => withLazyValues({ name: 'x', type: 'number' }, { length: 2, at: (i) => i * 2 });
    expect(field()).toEqual({ name: 'x', type: 'number', values: [0, 2] });
    expect(structuredClone(field())).toEqual({ name: 'x', type: 'number', values: [0, 2] });
    expect({ ...field() }.values).toEqual([0, 2]);
  });

  it('takes an assigned array as its values, and readColumn then reads that array', () => {
    const field = withLazyValues({ name: 'x' }, { length: 1, at: () => 'lazy' });
    field.values = ['set', 'by', 'hand'];
    expect(field.values).toEqual(['set', 'by', 'hand']);
    const column = readColumn(field);
    expect(column.length).toBe(3);
    expect(column.at(2)).toBe('hand');
  });
});

describe('readColumn', () => {
  it('reads a lazy field from its source without building its values', () => {
    const { calls, source } = counted([1, 2]);
    const field = withLazyValues({ name: 'x' }, source);
    const column = readColumn(field);
    expect(column.length).toBe(2);
    expect(column.at(1)).toBe(2);
    expect(calls).toEqual([1]);
    expect(Object.getOwnPropertyDescriptor(field, 'values')?.get).toBeDefined();
  });

  it('reads a plain field, or a lazy one whose values were built, from its array', () => {
    expect(readColumn({ values: ['p'] }).at(0)).toBe('p');
    const { calls, source } = counted(['q']);
    const field = withLazyValues({}, source);
    void field.values;
    expect(readColumn(field).at(0)).toBe('q');
    expect(calls).toEqual([0]);
  });
});

describe('forwardValues', () => {
  it('shares the wrapped field’s array and source, building nothing until read', () => {
    const { calls, source } = counted(['a', 'b']);
    const inner = withLazyValues({ name: 'x' }, source);
    const outer = forwardValues({ name: 'x', config: {} }, inner);
    expect(readColumn(outer).at(0)).toBe('a');
    expect(calls).toEqual([0]);
    expect(outer.values).toBe(inner.values);
    expect(calls).toEqual([0, 0, 1]);
  });

  it('copies a plain field’s values as they are', () => {
    const values = [1];
    expect(forwardValues({ name: 'y' }, { values }).values).toBe(values);
  });
});
