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

import { readColumn } from '../../engine/output/lazyColumn';
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

function fieldError(field: WireField, row: number, v: unknown, expected: string): Error {
  return new Error(`Field "${field.name}" row ${row}: expected ${expected}, got ${v === null ? 'null' : typeof v}`);
}

/**
 * Validity bitmap (bit set = value present) built while a column is written, in one pass: nothing is allocated
 * until the first missing value.
 */
class Validity {
  private bitmap: Uint8Array | undefined;
  nullCount = 0;

  constructor(private readonly length: number) {}

  missing(row: number): void {
    if (this.bitmap === undefined) {
      this.bitmap = new Uint8Array((this.length + 7) >> 3);
      // Every row before the first missing one is present.
      this.bitmap.fill(0xff, 0, row >> 3);
      for (let i = row & ~7; i < row; i++) {
        this.bitmap[i >> 3] |= 1 << (i & 7);
      }
    }
    this.nullCount++;
  }

  present(row: number): void {
    if (this.bitmap !== undefined) {
      this.bitmap[row >> 3] |= 1 << (row & 7);
    }
  }

  /** What makeData takes: no bitmap when every value is present. */
  done(): { nullBitmap?: Uint8Array; nullCount: number } {
    return this.nullCount === 0 ? { nullCount: 0 } : { nullBitmap: this.bitmap, nullCount: this.nullCount };
  }
}

function float64Column(field: WireField): Data {
  const column = readColumn(field);
  const n = column.length;
  const data = new Float64Array(n);
  const valid = new Validity(n);
  for (let i = 0; i < n; i++) {
    const v = column.at(i);
    if (typeof v === 'number') {
      data[i] = v;
      valid.present(i);
    } else if (isMissing(v)) {
      valid.missing(i);
    } else {
      throw fieldError(field, i, v, 'a number');
    }
  }
  return makeData({ type: new Float64(), length: n, data, ...valid.done() });
}

function boolColumn(field: WireField): Data {
  const column = readColumn(field);
  const n = column.length;
  const data = new Uint8Array((n + 7) >> 3);
  const valid = new Validity(n);
  for (let i = 0; i < n; i++) {
    const v = column.at(i);
    if (v === true) {
      data[i >> 3] |= 1 << (i & 7);
      valid.present(i);
    } else if (v === false) {
      valid.present(i);
    } else if (isMissing(v)) {
      valid.missing(i);
    } else {
      throw fieldError(field, i, v, 'a boolean');
    }
  }
  return makeData({ type: new Bool(), length: n, data, ...valid.done() });
}

/** Epoch milliseconds (number or Date) → nanoseconds, keeping sub-millisecond digits. */
function toNanos(field: WireField, row: number, v: unknown): bigint {
  const ms = v instanceof Date ? v.getTime() : v;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw fieldError(field, row, v, 'a finite epoch-milliseconds number or a valid Date');
  }
  const whole = Math.floor(ms);
  return BigInt(whole) * NANOS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

function timeColumn(field: WireField): Data {
  const column = readColumn(field);
  const n = column.length;
  const data = new BigInt64Array(n);
  const valid = new Validity(n);
  for (let i = 0; i < n; i++) {
    const v = column.at(i);
    if (isMissing(v)) {
      valid.missing(i);
    } else {
      data[i] = toNanos(field, i, v);
      valid.present(i);
    }
  }
  return makeData({ type: new TimestampNanosecond(), length: n, data, ...valid.done() });
}

/**
 * One pass over the column's rows (a lazy column computes each row here, once); the strings live only until the
 * column is encoded. The whole column is encoded at once: when it is pure ASCII (the usual case), byte offsets are
 * character offsets.
 */
function utf8Column(field: WireField): Data {
  const column = readColumn(field);
  const n = column.length;
  const strings: string[] = new Array(n);
  const valueOffsets = new Int32Array(n + 1);
  const valid = new Validity(n);
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const v = column.at(i);
    if (typeof v === 'string') {
      strings[i] = v;
      valid.present(i);
    } else if (isMissing(v)) {
      strings[i] = '';
      valid.missing(i);
    } else {
      throw fieldError(field, i, v, 'a string');
    }
    chars += strings[i].length;
    valueOffsets[i + 1] = chars;
  }
  let data = encoder.encode(strings.join(''));
  if (data.length !== chars) {
    // Multi-byte text: offsets from each string's own encoding. A UTF-16 code unit never takes more than 3 UTF-8
    // bytes (lone surrogates become U+FFFD, also 3).
    const buffer = new Uint8Array(chars * 3);
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
  return makeData({ type: new Utf8(), length: n, valueOffsets, data, ...valid.done() });
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
  const length = frame.fields.length > 0 ? readColumn(frame.fields[0]).length : 0;
  const columns: Data[] = [];
  const fields: Array<Field<DataType>> = [];
  for (const f of frame.fields) {
    const fieldLength = readColumn(f).length;
    if (fieldLength !== length) {
      throw new Error(`Frame "${frame.name}": field "${f.name}" has ${fieldLength} values, the first field ${length}`);
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
