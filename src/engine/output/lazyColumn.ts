/**
 * Frame columns whose values are computed when first read. A graph's frames hold tens of thousands of rows per
 * column, many of them JSON text; the backend encodes each column straight from the model (readColumn) without
 * ever building the `values` arrays, so no column outlives its own encoding. Anyone who reads `values` gets an
 * ordinary array, built once and kept: the fields stay plain DataFrameDTO-shaped objects (spread, JSON.stringify,
 * structuredClone and deep equality all see an enumerable `values`).
 */

/** How to compute one column: its length and the value of each row. */
export interface ColumnSource {
  readonly length: number;
  at(row: number): unknown;
}

const SOURCE = Symbol('meshgraph.columnSource');

interface WithSource {
  [SOURCE]?: ColumnSource;
}

function materialize(source: ColumnSource): unknown[] {
  const values = new Array<unknown>(source.length);
  for (let i = 0; i < source.length; i++) {
    values[i] = source.at(i);
  }
  return values;
}

function setValues(target: object, values: unknown[]): void {
  Object.defineProperty(target, 'values', { value: values, writable: true, enumerable: true, configurable: true });
  delete (target as WithSource)[SOURCE];
}

/**
 * Gives `target` an enumerable `values` computed from `source` on first read (then an ordinary data property).
 * Assigning `values` replaces the column, as on a plain object.
 */
export function withLazyValues<T extends object>(target: T, source: ColumnSource): T & { values: unknown[] } {
  Object.defineProperty(target, SOURCE, { value: source, enumerable: false, configurable: true });
  Object.defineProperty(target, 'values', {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const values = materialize(source);
      setValues(this, values);
      return values;
    },
    set(this: object, values: unknown[]) {
      setValues(this, values);
    },
  });
  return target as T & { values: unknown[] };
}

/**
 * A field whose `values` forward to another field's (the same array once read), keeping its source: a wrapper of
 * a lazy field does not build the values either.
 */
export function forwardValues<T extends object>(target: T, from: { values: unknown[] }): T & { values: unknown[] } {
  const source = lazySource(from);
  if (source === undefined) {
    return Object.assign(target, { values: from.values });
  }
  Object.defineProperty(target, SOURCE, { value: source, enumerable: false, configurable: true });
  Object.defineProperty(target, 'values', {
    enumerable: true,
    configurable: true,
    get(this: object) {
      const values = from.values;
      setValues(this, values);
      return values;
    },
    set(this: object, values: unknown[]) {
      setValues(this, values);
    },
  });
  return target as T & { values: unknown[] };
}

/** The source of a field whose values were not built yet; undefined once they were (or for a plain field). */
function lazySource(field: object): ColumnSource | undefined {
  const source = (field as WithSource)[SOURCE];
  if (source === undefined) {
    return undefined;
  }
  const own = Object.getOwnPropertyDescriptor(field, 'values');
  return own !== undefined && own.get !== undefined ? source : undefined;
}

/**
 * How to read a field's column without building its values: the lazy source while nothing has read `values`,
 * otherwise the array. Read each row once: a lazy source computes the row again on every call.
 */
export function readColumn(field: { values: unknown[] }): ColumnSource {
  const source = lazySource(field);
  if (source !== undefined) {
    return source;
  }
  const values = field.values;
  return { length: values.length, at: (row) => values[row] };
}
