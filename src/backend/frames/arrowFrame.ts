/**
 * WireFrame → one Arrow IPC *file* (magic "ARROW1" at both ends), laid out as grafana-plugin-sdk-go's
 * Frame.MarshalArrow writes it and data.UnmarshalArrowFrame (an ipc.FileReader) reads it:
 * - schema metadata: `name`, `refId` (always, "" allowed) and `meta` (FrameMeta JSON, when set);
 * - field metadata: `tstype` (Grafana's simple type name: "number", "string", "boolean", "time" – the same for the
 *   nullable and non-nullable column; nullability is the Arrow field's `nullable` flag, which is what the SDK reads),
 *   `labels` (JSON) and `config` (FieldConfig JSON) when set. The field name is the Arrow field's name;
 * - columns: number → Float64, string → Utf8, boolean → Bool, time → Timestamp(ns, no zone) – the SDK reads every
 *   timestamp as nanoseconds whatever its unit. Never dictionary-encoded (the SDK rejects dictionaries).
 * A column is nullable exactly when one of its values is null/undefined.
 * NaN and ±Infinity are written as they are: legal float64 values the SDK keeps; Grafana's JSON for the browser
 * turns them into null plus an "entities" list, and the browser restores them.
 * Columns are built straight into Arrow buffers (no per-value builders): the 100×100 graph is 10k × 30 and 30k × 25.
 */
import {
  Bool,
  Data,
  DataType,
  Field,
  Float64,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
  makeData,
  tableToIPC,
} from 'apache-arrow';

import type { WireField, WireFieldType, WireFrame } from './wireFrame';

/** The `tstype` metadata value the Go SDK writes per field type (data/frame_json.go getTypeScriptTypeString). */
export const TSTYPE: Record<WireFieldType, string> = {
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  time: 'time',
};

const encoder = new TextEncoder();
const NANOS_PER_MS = BigInt(1_000_000);

function isMissing(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

function fieldError(field: WireField, row: number, expected: string): Error {
  const v = field.values[row];
  return new Error(`Field "${field.name}" row ${row}: expected ${expected}, got ${v === null ? 'null' : typeof v}`);
}

/** Validity bitmap (bit set = value present) and null count, or none when every value is present. */
function validity(values: unknown[]): { nullBitmap?: Uint8Array; nullCount: number } {
  let nullCount = 0;
  for (const v of values) {
    if (isMissing(v)) {
      nullCount++;
    }
  }
  if (nullCount === 0) {
    return { nullCount };
  }
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (!isMissing(values[i])) {
      nullBitmap[i >> 3] |= 1 << (i & 7);
    }
  }
  return { nullBitmap, nullCount };
}

function float64Column(field: WireField): Data {
  const { values } = field;
  const data = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      data[i] = v;
    } else if (!isMissing(v)) {
      throw fieldError(field, i, 'a number');
    }
  }
  return makeData({ type: new Float64(), length: values.length, data, ...validity(values) });
}

function boolColumn(field: WireField): Data {
  const { values } = field;
  const data = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === true) {
      data[i >> 3] |= 1 << (i & 7);
    } else if (v !== false && !isMissing(v)) {
      throw fieldError(field, i, 'a boolean');
    }
  }
  return makeData({ type: new Bool(), length: values.length, data, ...validity(values) });
}

/** Epoch milliseconds (number or Date) → nanoseconds, keeping sub-millisecond digits. */
function toNanos(field: WireField, row: number): bigint {
  const v = field.values[row];
  const ms = v instanceof Date ? v.getTime() : v;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw fieldError(field, row, 'a finite epoch-milliseconds number or a valid Date');
  }
  const whole = Math.floor(ms);
  return BigInt(whole) * NANOS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

function timeColumn(field: WireField): Data {
  const { values } = field;
  const data = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!isMissing(values[i])) {
      data[i] = toNanos(field, i);
    }
  }
  return makeData({ type: new TimestampNanosecond(), length: values.length, data, ...validity(values) });
}

function utf8Column(field: WireField): Data {
  const { values } = field;
  const n = values.length;
  const strings: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'string') {
      strings[i] = v;
    } else if (isMissing(v)) {
      strings[i] = '';
    } else {
      throw fieldError(field, i, 'a string');
    }
  }
  const valueOffsets = new Int32Array(n + 1);
  // Fast path: one encode of the whole column; when it is pure ASCII, byte offsets are character offsets.
  const joined = strings.join('');
  let data = encoder.encode(joined);
  if (data.length === joined.length) {
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += strings[i].length;
      valueOffsets[i + 1] = at;
    }
  } else {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes (lone surrogates become U+FFFD, also 3).
    const buffer = new Uint8Array(joined.length * 3);
    let at = 0;
    for (let i = 0; i < n; i++) {
      at += encoder.encodeInto(strings[i], buffer.subarray(at)).written;
      valueOffsets[i + 1] = at;
    }
    data = buffer.subarray(0, at);
  }
  if (data.length > 0x7fffffff) {
    throw new Error(`Field "${field.name}": more than 2 GiB of text does not fit an Arrow Utf8 column`);
  }
  return makeData({ type: new Utf8(), length: n, valueOffsets, data, ...validity(values) });
}

const COLUMN_BUILDERS: Record<WireFieldType, (field: WireField) => Data> = {
  number: float64Column,
  string: utf8Column,
  boolean: boolColumn,
  time: timeColumn,
};

function fieldMetadata(field: WireField): Map<string, string> {
  const md = new Map<string, string>([['tstype', TSTYPE[field.type]]]);
  if (field.labels !== undefined) {
    md.set('labels', JSON.stringify(field.labels));
  }
  if (field.config !== undefined) {
    md.set('config', JSON.stringify(field.config));
  }
  return md;
}

function schemaMetadata(frame: WireFrame): Map<string, string> {
  const md = new Map<string, string>([
    ['name', frame.name],
    ['refId', frame.refId],
  ]);
  if (frame.meta !== undefined) {
    md.set('meta', JSON.stringify(frame.meta));
  }
  return md;
}

/** Encodes one frame as the Arrow IPC file Grafana expects in DataResponse.frames. Throws on ill-typed values. */
export function encodeFrame(frame: WireFrame): Uint8Array {
  const length = frame.fields.length > 0 ? frame.fields[0].values.length : 0;
  const columns: Data[] = [];
  const fields: Array<Field<DataType>> = [];
  for (const f of frame.fields) {
    if (f.values.length !== length) {
      throw new Error(
        `Frame "${frame.name}": field "${f.name}" has ${f.values.length} values, the first field ${length}`
      );
    }
    const build = COLUMN_BUILDERS[f.type];
    if (build === undefined) {
      throw new Error(`Frame "${frame.name}": field "${f.name}" has unsupported type "${String(f.type)}"`);
    }
    const column = build(f);
    columns.push(column);
    fields.push(new Field(f.name, column.type, column.nullCount > 0, fieldMetadata(f)));
  }
  const schema = new Schema(fields, schemaMetadata(frame));
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns });
  const table = new Table(schema, new RecordBatch(schema, struct));
  return tableToIPC(table, 'file');
}
