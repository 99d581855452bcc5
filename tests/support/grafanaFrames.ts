/**
 * What Grafana does with a backend's frame, for tests and the browser sandbox:
 * - readArrowFrame: grafana-plugin-sdk-go's data.UnmarshalArrowFrame (data/arrow.go): an Arrow IPC *file*, the
 *   column types the SDK knows, schema metadata name/refId/meta, field metadata tstype/labels/config, with meta and
 *   config decoded into the SDK's FrameMeta and FieldConfig structs (unknown keys dropped, a mistyped known key is
 *   an error). Stricter than the SDK where the SDK would silently misread: a dictionary column, a timestamp that is
 *   not in nanoseconds, a tstype missing or at odds with the column, nulls in a non-nullable column.
 * - toDataFrameJSON: data.FrameToJSON (data/frame_json.go), the JSON Grafana's /api/ds/query sends the browser:
 *   {schema: {name, refId, meta, fields: [{name, type, typeInfo: {frame, nullable}, labels, config}]},
 *   data: {values, entities, nanos}} – NaN/±Inf as null plus "entities", times as epoch ms plus "nanos".
 * Every violation throws an Error that says which frame, field and rule.
 */
import { DataType, Field, RecordBatchReader, Table, TimeUnit, Vector } from 'apache-arrow';

export interface GrafanaField {
  name: string;
  /** Grafana's field type as FrameToJSON writes it: number, string, boolean, time, enum or other. */
  type: string;
  /** The Go SDK's element type (typeInfo.frame): float64, string, bool, time.Time, int64, json.RawMessage, … */
  goType: string;
  nullable: boolean;
  labels?: Record<string, string>;
  /** As the SDK's FieldConfig struct keeps it. */
  config?: Record<string, unknown>;
  /** Numbers (NaN/±Inf kept), strings, booleans, null; time fields: epoch milliseconds (floored). */
  values: unknown[];
  /** Time fields only: the nanoseconds below each value's millisecond (0–999999). */
  nanos?: number[];
}

export interface GrafanaFrame {
  name: string;
  refId: string;
  /** As the SDK's FrameMeta struct keeps it; absent when the frame had no `meta`. */
  meta?: Record<string, unknown>;
  fields: GrafanaField[];
}

export interface GrafanaFieldSchemaJSON {
  name?: string;
  type: string;
  typeInfo: { frame: string; nullable?: true };
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

/** Structurally a DataFrameJSON of @grafana/data, plus the typeInfo Grafana adds. */
export interface GrafanaFrameJSON {
  schema: { name?: string; refId?: string; meta?: Record<string, unknown>; fields: GrafanaFieldSchemaJSON[] };
  data: {
    values: unknown[][];
    entities?: Array<{ NaN?: number[]; Inf?: number[]; NegInf?: number[] } | null>;
    nanos?: Array<number[] | null>;
  };
}

const MAGIC = 'ARROW1';
const NANOS_PER_MS = BigInt(1_000_000);

function checkFileMagic(bytes: Uint8Array): void {
  const text = (from: number) => String.fromCharCode(...bytes.subarray(from, from + MAGIC.length));
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) {
    throw new Error('Arrow IPC stream format, not the file format the Go SDK reads (no ARROW1 magic)');
  }
  if (bytes.length < 2 * MAGIC.length + 4 || text(0) !== MAGIC) {
    throw new Error('not an Arrow IPC file: it does not start with the ARROW1 magic');
  }
  if (text(bytes.length - MAGIC.length) !== MAGIC) {
    throw new Error('truncated Arrow IPC file: it does not end with the ARROW1 magic');
  }
}

// ---- Column types: Arrow type → (Grafana type, Go element type), as data/arrow.go initializeFrameField --------

interface ColumnKind {
  /** The tstype / FrameToJSON type this column must carry. */
  tstype: string;
  goType: string;
  read: (vector: Vector, out: GrafanaField) => void;
}

function readPlain(vector: Vector, out: GrafanaField): void {
  out.values = Array.from({ length: vector.length }, (_, i) => vector.get(i) ?? null);
}

function readBigInt(vector: Vector, out: GrafanaField): void {
  out.values = Array.from({ length: vector.length }, (_, i) => {
    const v = vector.get(i) as bigint | null;
    return v === null ? null : Number(v);
  });
}

/** Go's UnixMilli (floor) and the nanoseconds below it, from the raw int64 nanoseconds. */
function readTimestamp(vector: Vector, out: GrafanaField): void {
  const values: Array<number | null> = [];
  const nanos: number[] = [];
  for (const chunk of vector.data) {
    const raw = chunk.values as BigInt64Array;
    for (let i = 0; i < chunk.length; i++) {
      if (!chunk.getValid(i)) {
        values.push(null);
        nanos.push(0);
        continue;
      }
      const ns = raw[i];
      let ms = ns / NANOS_PER_MS;
      if (ms * NANOS_PER_MS > ns) {
        ms -= BigInt(1); // floor for times before 1970
      }
      values.push(Number(ms));
      nanos.push(Number(ns - ms * NANOS_PER_MS));
    }
  }
  out.values = values;
  out.nanos = nanos;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

function readJSONBinary(vector: Vector, out: GrafanaField): void {
  out.values = Array.from({ length: vector.length }, (_, i) => {
    const v = vector.get(i) as Uint8Array | null;
    if (v === null) {
      return null;
    }
    try {
      return JSON.parse(utf8Decoder.decode(v));
    } catch (e) {
      throw new Error(`field "${out.name}" row ${i}: binary (json.RawMessage) value is not JSON: ${String(e)}`);
    }
  });
}

function columnKind(type: DataType, tstype: string | undefined): ColumnKind | string {
  if (DataType.isDictionary(type)) {
    return 'dictionary-encoded column: the Go SDK rejects dictionaries (write plain Utf8)';
  }
  if (DataType.isUtf8(type)) {
    return { tstype: 'string', goType: 'string', read: readPlain };
  }
  if (DataType.isBool(type)) {
    return { tstype: 'boolean', goType: 'bool', read: readPlain };
  }
  if (DataType.isFloat(type)) {
    const bits = [16, 32, 64][type.precision];
    return bits === 16
      ? 'float16 column: the Go SDK reads float32 and float64 only'
      : { tstype: 'number', goType: `float${bits}`, read: readPlain };
  }
  if (DataType.isInt(type)) {
    const goType = `${type.isSigned ? 'int' : 'uint'}${type.bitWidth}`;
    if (goType === 'uint16' && tstype === 'enum') {
      return { tstype: 'enum', goType: 'enum', read: readPlain };
    }
    return { tstype: 'number', goType, read: type.bitWidth === 64 ? readBigInt : readPlain };
  }
  if (DataType.isTimestamp(type)) {
    return type.unit === TimeUnit.NANOSECOND
      ? { tstype: 'time', goType: 'time.Time', read: readTimestamp }
      : `timestamp in ${TimeUnit[type.unit]}: the Go SDK reads every timestamp as nanoseconds`;
  }
  if (DataType.isBinary(type)) {
    return { tstype: 'other', goType: 'json.RawMessage', read: readJSONBinary };
  }
  return `Arrow type ${String(type)} is not one the Go SDK reads`;
}

// ---- JSON as Go's encoding/json decodes it into the SDK's structs and writes it back -------------------------

type Decoder = (v: unknown, path: string) => unknown;

function typeError(path: string, v: unknown, goType: string): Error {
  const kind = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
  return new Error(`json: cannot unmarshal ${kind} into Go value ${path} of type ${goType}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** interface{} values come back from Go maps with their keys sorted. */
function sortedDeep(v: unknown): unknown {
  if (Array.isArray(v)) {
    return v.map(sortedDeep);
  }
  if (isObject(v)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortedDeep(v[k])])
    );
  }
  return v;
}

/** string with omitempty ('' and null are left out). */
const str: Decoder = (v, path) => {
  if (v === null || v === '') {
    return undefined;
  }
  if (typeof v !== 'string') {
    throw typeError(path, v, 'string');
  }
  return v;
};

/** *bool: false is kept, null left out. */
const boolPtr: Decoder = (v, path) => {
  if (v === null) {
    return undefined;
  }
  if (typeof v !== 'boolean') {
    throw typeError(path, v, 'bool');
  }
  return v;
};

const boolOmitEmpty: Decoder = (v, path) => (boolPtr(v, path) === true ? true : undefined);

function number(goType: string, omitZero: boolean, check: (n: number) => boolean = () => true): Decoder {
  return (v, path) => {
    if (v === null) {
      return undefined;
    }
    if (typeof v !== 'number' || !check(v)) {
      throw typeError(path, v, goType);
    }
    return omitZero && v === 0 ? undefined : v;
  };
}

const isUint = (n: number) => Number.isInteger(n) && n >= 0;

/** interface{} with omitempty: anything but null. */
const anyValue: Decoder = (v) => (v === null ? undefined : sortedDeep(v));

/** map[string]interface{} with omitempty: an empty map is left out. */
const stringMap: Decoder = (v, path) => {
  if (v === null) {
    return undefined;
  }
  if (!isObject(v)) {
    throw typeError(path, v, 'map[string]interface {}');
  }
  return Object.keys(v).length === 0 ? undefined : sortedDeep(v);
};

/** A struct the tests need not look into: kept as sent when it is an object. */
function opaqueStruct(goType: string): Decoder {
  return (v, path) => {
    if (v === null) {
      return undefined;
    }
    if (!isObject(v)) {
      throw typeError(path, v, goType);
    }
    return v;
  };
}

function opaqueSlice(goType: string): Decoder {
  return (v, path) => {
    if (v === null) {
      return undefined;
    }
    if (!Array.isArray(v)) {
      throw typeError(path, v, goType);
    }
    return v.length === 0 ? undefined : v;
  };
}

/** []T with omitempty; a null element decodes to T's zero value. */
function sliceOf(goType: string, item: Decoder, zero: unknown = {}): Decoder {
  return (v, path) => {
    if (v === null) {
      return undefined;
    }
    if (!Array.isArray(v)) {
      throw typeError(path, v, `[]${goType}`);
    }
    return v.length === 0 ? undefined : v.map((x, i) => item(x, `${path}[${i}]`) ?? zero);
  };
}

type StructSpec = Array<[key: string, decode: Decoder]>;

/** A Go struct: known keys in declaration order, unknown keys dropped, members left out when decoded as undefined. */
function struct(goType: string, spec: StructSpec, always: Record<string, () => unknown> = {}): Decoder {
  return (v, path) => {
    if (v === null) {
      return undefined;
    }
    if (!isObject(v)) {
      throw typeError(path, v, goType);
    }
    const out: Record<string, unknown> = {};
    for (const [key, decode] of spec) {
      const decoded = key in v ? decode(v[key], `${goType}.${key}`) : undefined;
      const value = decoded === undefined && key in always ? always[key]() : decoded;
      if (value !== undefined) {
        out[key] = value;
      }
    }
    return out;
  };
}

const INTERNAL_LINK = struct('InternalDataLink', [
  ['query', anyValue],
  ['datasourceUid', str],
  ['datasourceName', str],
  ['panelsState', anyValue],
  ['transformations', opaqueSlice('[]LinkTransformationConfig')],
  ['timeRange', opaqueStruct('TimeRange')],
]);

const DATA_LINK = struct('DataLink', [
  ['title', str],
  ['targetBlank', boolOmitEmpty],
  ['url', str],
  ['internal', INTERNAL_LINK],
]);

const FIELD_CONFIG_SPEC: StructSpec = [
  ['displayName', str],
  ['displayNameFromDS', str],
  ['path', str],
  ['description', str],
  ['filterable', boolPtr],
  ['writeable', boolPtr],
  ['unit', str],
  ['decimals', number('uint16', false, (n) => isUint(n) && n <= 0xffff)],
  ['min', number('ConfFloat64', false)],
  ['max', number('ConfFloat64', false)],
  ['interval', number('float64', true)],
  ['mappings', opaqueSlice('ValueMappings')],
  ['thresholds', opaqueStruct('ThresholdsConfig')],
  ['color', stringMap],
  ['links', sliceOf('DataLink', DATA_LINK)],
  ['noValue', str],
  ['type', opaqueStruct('FieldTypeConfig')],
  ['custom', stringMap],
];

const FIELD_CONFIG = struct('FieldConfig', FIELD_CONFIG_SPEC);

const NOTICE_SEVERITIES = ['info', 'warning', 'error'];

const NOTICE = struct(
  'Notice',
  [
    [
      'severity',
      (v, path) => {
        if (typeof v !== 'string' || !NOTICE_SEVERITIES.includes(v)) {
          throw new Error(`unrecognized notice severity ${JSON.stringify(v)} (${path})`);
        }
        return v;
      },
    ],
    ['text', (v, path) => str(v, path) ?? ''],
    ['link', str],
    ['inspect', number('InspectType', true, Number.isInteger)],
  ],
  { severity: () => 'info', text: () => '' }
);

const QUERY_STAT = struct(
  'QueryStat',
  [...FIELD_CONFIG_SPEC, ['value', (v, p) => number('float64', false)(v, p) ?? 0]],
  {
    value: () => 0,
  }
);

const typeVersion: Decoder = (v, path) => {
  if (v === null) {
    return [0, 0];
  }
  if (!Array.isArray(v) || v.some((n) => typeof n !== 'number' || !isUint(n))) {
    throw typeError(path, v, 'FrameTypeVersion ([2]uint)');
  }
  return [v[0] ?? 0, v[1] ?? 0];
};

const FRAME_META = struct(
  'FrameMeta',
  [
    ['type', str],
    ['typeVersion', typeVersion],
    ['path', str],
    ['pathSeparator', str],
    ['custom', anyValue],
    ['stats', sliceOf('QueryStat', QUERY_STAT)],
    ['notices', sliceOf('Notice', NOTICE)],
    ['channel', str],
    ['preferredVisualisationType', str],
    ['preferredVisualisationPluginId', str],
    ['executedQueryString', str],
    ['dataTopic', str],
    ['uniqueRowIdFields', sliceOf('int', number('int', false, Number.isInteger), 0)],
  ],
  { typeVersion: () => [0, 0] }
);

function parseJSON(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${String(e)}`);
  }
}

function decodeLabels(text: string, what: string): Record<string, string> | undefined {
  const v = parseJSON(text, what);
  if (v === null) {
    return undefined;
  }
  if (!isObject(v) || Object.values(v).some((x) => typeof x !== 'string')) {
    throw new Error(`${what} must be a JSON object of strings (Go's data.Labels)`);
  }
  return sortedDeep(v) as Record<string, string>;
}

// ---- The reader --------------------------------------------------------------------------------------------

function readField(field: Field, vector: Vector, frameName: string): GrafanaField {
  const what = `frame "${frameName}" field "${field.name}"`;
  const tstype = field.metadata.get('tstype');
  const kind = columnKind(field.type, tstype);
  if (typeof kind === 'string') {
    throw new Error(`${what}: ${kind}`);
  }
  if (tstype === undefined) {
    throw new Error(`${what}: no tstype metadata`);
  }
  if (tstype !== kind.tstype) {
    throw new Error(`${what}: tstype "${tstype}" does not match its ${String(field.type)} column ("${kind.tstype}")`);
  }
  if (!field.nullable && vector.nullCount > 0) {
    throw new Error(`${what}: ${vector.nullCount} null(s) in a non-nullable column (the Go SDK would read zeros)`);
  }
  const out: GrafanaField = {
    name: field.name,
    type: kind.tstype,
    goType: kind.goType,
    nullable: field.nullable,
    values: [],
  };
  const labels = field.metadata.get('labels');
  if (labels !== undefined) {
    out.labels = decodeLabels(labels, `${what} labels`);
    if (out.labels === undefined) {
      delete out.labels;
    }
  }
  const config = field.metadata.get('config');
  if (config !== undefined) {
    // The SDK allocates a FieldConfig before decoding into it: even "null" gives an (empty) config.
    out.config = (FIELD_CONFIG(parseJSON(config, `${what} config`), 'FieldConfig') as Record<string, unknown>) ?? {};
  }
  kind.read(vector, out);
  return out;
}

/** Decodes one frame the way Grafana's Go SDK does; throws a descriptive Error where the SDK would fail or misread. */
export function readArrowFrame(bytes: Uint8Array): GrafanaFrame {
  checkFileMagic(bytes);
  const reader = RecordBatchReader.from(bytes).open();
  if (!reader.isFile()) {
    throw new Error('Arrow IPC stream format, not the file format the Go SDK reads');
  }
  const schema = reader.schema;
  const table = new Table(schema, reader.readAll());
  const md = schema.metadata;
  const name = md.get('name') ?? '';
  const frame: GrafanaFrame = { name, refId: md.get('refId') ?? '', fields: [] };
  const meta = md.get('meta');
  if (meta !== undefined) {
    frame.meta = (FRAME_META(parseJSON(meta, `frame "${name}" meta`), 'FrameMeta') as Record<string, unknown>) ?? {
      typeVersion: [0, 0],
    };
  }
  schema.fields.forEach((field, i) => {
    frame.fields.push(readField(field, table.getChildAt(i)!, name));
  });
  return frame;
}

// ---- FrameToJSON ---------------------------------------------------------------------------------------------

type Entities = { NaN?: number[]; Inf?: number[]; NegInf?: number[] };

function entityKey(v: number): keyof Entities | undefined {
  return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? 'NegInf' : undefined;
}

/** The JSON Grafana's HTTP API (/api/ds/query) sends the browser for this frame (data.FrameToJSON, IncludeAll). */
export function toDataFrameJSON(frame: GrafanaFrame): GrafanaFrameJSON {
  const schema: GrafanaFrameJSON['schema'] = { fields: [] };
  if (frame.name !== '') {
    schema.name = frame.name;
  }
  if (frame.refId !== '') {
    schema.refId = frame.refId;
  }
  if (frame.meta !== undefined) {
    schema.meta = frame.meta;
  }
  const values: unknown[][] = [];
  const entities: Array<Entities | null> = [];
  const nanos: Array<number[] | null> = [];
  let entityCount = 0;
  let nanosCount = 0;
  for (const f of frame.fields) {
    const fs: GrafanaFieldSchemaJSON = { type: f.type, typeInfo: { frame: f.goType } };
    if (f.name !== '') {
      fs.name = f.name;
    }
    if (f.nullable) {
      fs.typeInfo.nullable = true;
    }
    if (f.labels !== undefined) {
      fs.labels = f.labels;
    }
    if (f.config !== undefined) {
      fs.config = f.config;
    }
    schema.fields.push(fs);

    const isFloat = f.goType === 'float64' || f.goType === 'float32';
    let lookup: Entities | null = null;
    values.push(
      f.values.map((v, i) => {
        const key = isFloat && typeof v === 'number' ? entityKey(v) : undefined;
        if (key === undefined) {
          return v;
        }
        lookup ??= {};
        (lookup[key] ??= []).push(i);
        entityCount++;
        return null;
      })
    );
    entities.push(lookup);
    const fieldNanos = f.nanos?.some((n) => n !== 0) ? f.nanos : undefined;
    nanos.push(fieldNanos ?? null);
    nanosCount += fieldNanos ? 1 : 0;
  }
  const data: GrafanaFrameJSON['data'] = { values };
  if (entityCount > 0) {
    data.entities = entities;
  }
  if (nanosCount > 0) {
    data.nanos = nanos;
  }
  return { schema, data };
}
