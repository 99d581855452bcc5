/**
 * Backend frame → Arrow file → Grafana's Go SDK reader (mimicked) → /api/ds/query JSON → @grafana/data in the
 * browser: what a panel receives must be what the backend meant to send. jsdom: @grafana/data needs a window.
 */
import { dataFrameFromJSON as fromJSON, DataFrameJSON, FieldType } from '@grafana/data';
import {
  Data,
  DataType,
  Field,
  Float64,
  LargeUtf8,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';

import { GrafanaFrameJSON, readArrowFrame, toDataFrameJSON } from '../../../tests/support/grafanaFrames';
import { meshSeries } from '../../engine/fold/meshFixture.testutil';
import { lean, testOptions } from '../../engine/fold/planRunner.testutil';
import { toFrames } from '../../engine/output/frames';
import { edgeMetricFrames } from './alertFrames';
import { encodeFrame } from './arrowFrame';
import { graphWireFrames } from './graphFrames';
import type { WireFrame } from './wireFrame';

// Grafana leaves out an empty field name, which @grafana/data's type does not foresee.
const dataFrameFromJSON = (json: GrafanaFrameJSON) => fromJSON(json as DataFrameJSON);

const throughGrafana = (frame: WireFrame) => dataFrameFromJSON(toDataFrameJSON(readArrowFrame(encodeFrame(frame))));

const BROWSER_TYPES = {
  string: FieldType.string,
  number: FieldType.number,
  boolean: FieldType.boolean,
  time: FieldType.time,
};

function expectSameFrame(frame: WireFrame): void {
  const df = throughGrafana(frame);
  expect(df.name).toBe(frame.name);
  expect(df.refId).toBe(frame.refId);
  expect(df.length).toBe(frame.fields[0]?.values.length ?? 0);
  expect(df.fields.map((f) => [f.name, f.type])).toEqual(frame.fields.map((f) => [f.name, BROWSER_TYPES[f.type]]));
  df.fields.forEach((f, i) => {
    const sent = frame.fields[i];
    // Times arrive as whole epoch milliseconds; what is below a millisecond travels in field.nanos.
    const asSent = (v: unknown) => (v === undefined ? null : v instanceof Date ? v.getTime() : v);
    const expected = sent.values.map((v) => (sent.type === 'time' ? Math.floor(asSent(v) as number) : asSent(v)));
    expect(f.values).toEqual(expected);
    expect(f.labels).toEqual(sent.labels);
  });
}

describe('Grafana round trip', () => {
  const sample: WireFrame = {
    name: 'sample',
    refId: 'Q',
    meta: { preferredVisualisationType: 'nodeGraph', notices: [{ severity: 'warning', text: 'careful' }], dropped: 1 },
    fields: [
      {
        name: 'id',
        type: 'string',
        values: ['a', 'ünï ✓', ''],
        config: { links: [{ title: 't', url: '/d/x', onBuild: 1 }] },
      },
      {
        name: 'v',
        type: 'number',
        values: [NaN, Infinity, -Infinity],
        labels: { b: '2', a: '1' },
        config: { unit: 'ms' },
      },
      { name: 'maybe', type: 'number', values: [null, 1.25, undefined] },
      { name: 'ok', type: 'boolean', values: [true, null, false] },
      { name: 'when', type: 'time', values: [1700000000000, new Date(1700000000001), 1700000000002.25] },
    ],
  };

  it('gives the browser the same field names, types, values and labels', () => {
    expectSameFrame(sample);
  });

  it('sends what FrameToJSON sends: typeInfo, entities, nanos, the Go structs of meta and config', () => {
    const json = toDataFrameJSON(readArrowFrame(encodeFrame(sample)));
    expect(json.schema.meta).toEqual({
      typeVersion: [0, 0],
      notices: [{ severity: 'warning', text: 'careful' }],
      preferredVisualisationType: 'nodeGraph',
    });
    expect(json.schema.fields.map((f) => [f.type, f.typeInfo])).toEqual([
      ['string', { frame: 'string' }],
      ['number', { frame: 'float64' }],
      ['number', { frame: 'float64', nullable: true }],
      ['boolean', { frame: 'bool', nullable: true }],
      ['time', { frame: 'time.Time' }],
    ]);
    expect(json.schema.fields[0].config).toEqual({ links: [{ title: 't', url: '/d/x' }] });
    expect(json.schema.fields[1].labels).toEqual({ a: '1', b: '2' });
    expect(json.data.values[1]).toEqual([null, null, null]);
    expect(json.data.entities).toEqual([null, { NaN: [0], Inf: [1], NegInf: [2] }, null, null, null]);
    expect(json.data.values[4]).toEqual([1700000000000, 1700000000001, 1700000000002]);
    expect(json.data.nanos).toEqual([null, null, null, null, [0, 0, 250000]]);
    const df = dataFrameFromJSON(toDataFrameJSON(readArrowFrame(encodeFrame(sample))));
    expect(df.fields[4].nanos).toEqual([0, 0, 250000]);
    expect(df.fields[0].config.links).toEqual([{ title: 't', url: '/d/x' }]);
    expect(df.meta?.notices).toEqual([{ severity: 'warning', text: 'careful' }]);
  });

  it('carries the Node Graph frames and the alert frames of a fixture graph unchanged', () => {
    const model = lean(testOptions({ namespaces: ['shop', 'pay'] }), meshSeries());
    const links = [{ title: 'dash', url: '/d/x?var-w=${__data.fields.workload}' }];
    const frames = graphWireFrames(toFrames(model, { links }), 'A', [{ severity: 'info', text: 'x' }], links);
    for (const f of [...frames, ...edgeMetricFrames(model, 'errorRate', 'A')]) {
      expectSameFrame(f);
    }
    const nodes = throughGrafana(frames[0]);
    expect(nodes.meta?.preferredVisualisationType).toBe('nodeGraph');
    expect(nodes.fields[0].config.links).toEqual(links);
    expect(throughGrafana(frames[1]).meta?.notices).toBeUndefined();
  });
});

/** An Arrow file built by hand, for frames our encoder would never write. */
function fileOf(
  columns: Array<{ name: string; data: Data; nullable?: boolean; md?: Record<string, string> }>
): Uint8Array {
  const fields = columns.map(
    (c) => new Field(c.name, c.data.type, c.nullable ?? false, new Map(Object.entries(c.md ?? { tstype: 'string' })))
  );
  const schema = new Schema(
    fields,
    new Map([
      ['name', 'bad'],
      ['refId', 'A'],
    ])
  );
  const length = columns[0].data.length;
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns.map((c) => c.data) });
  return tableToIPC(new Table(schema, new RecordBatch(schema, struct)), 'file');
}

const utf8 = (values: string[]) => vectorFromArray(values, new Utf8()).data[0];

describe('readArrowFrame refuses what the Go SDK cannot read or would misread', () => {
  it('a dictionary-encoded column', () => {
    const dict = vectorFromArray(['a', 'b', 'a']);
    expect(DataType.isDictionary(dict.type)).toBe(true);
    expect(() => readArrowFrame(fileOf([{ name: 'c', data: dict.data[0] }]))).toThrow(
      'frame "bad" field "c": dictionary-encoded column'
    );
  });

  it('the stream format, and a truncated file', () => {
    const good = encodeFrame({ name: 'f', refId: 'A', fields: [{ name: 'x', type: 'number', values: [1] }] });
    const stream = tableToIPC(new Table({ x: vectorFromArray([1, 2], new Float64()) }), 'stream');
    expect(() => readArrowFrame(stream)).toThrow('Arrow IPC stream format, not the file format');
    expect(() => readArrowFrame(good.subarray(0, good.length - 3))).toThrow('does not end with the ARROW1 magic');
    expect(() => readArrowFrame(new TextEncoder().encode('{"not":"arrow"}'))).toThrow('does not start with the ARROW1');
  });

  it('columns and timestamps the SDK does not read as written', () => {
    const large = vectorFromArray(['a'], new LargeUtf8()).data[0];
    expect(() => readArrowFrame(fileOf([{ name: 'c', data: large }]))).toThrow('is not one the Go SDK reads');
    const ms = vectorFromArray([1700000000000], new TimestampMillisecond()).data[0];
    expect(() => readArrowFrame(fileOf([{ name: 't', data: ms, md: { tstype: 'time' } }]))).toThrow(
      'timestamp in MILLISECOND: the Go SDK reads every timestamp as nanoseconds'
    );
  });

  it('a missing or wrong tstype, and nulls in a non-nullable column', () => {
    expect(() => readArrowFrame(fileOf([{ name: 'c', data: utf8(['a']), md: {} }]))).toThrow('no tstype metadata');
    expect(() => readArrowFrame(fileOf([{ name: 'c', data: utf8(['a']), md: { tstype: 'number' } }]))).toThrow(
      'tstype "number" does not match its Utf8 column ("string")'
    );
    const withNull = vectorFromArray([1, null], new Float64()).data[0];
    expect(() => readArrowFrame(fileOf([{ name: 'n', data: withNull, md: { tstype: 'number' } }]))).toThrow(
      '1 null(s) in a non-nullable column'
    );
    expect(
      readArrowFrame(fileOf([{ name: 'n', data: withNull, nullable: true, md: { tstype: 'number' } }])).fields[0].values
    ).toEqual([1, null]);
  });

  it('meta, labels and config that are not JSON or do not fit the SDK structs', () => {
    const frameWith = (meta: unknown, field: Record<string, unknown> = {}) =>
      encodeFrame({
        name: 'f',
        refId: 'A',
        meta: meta as Record<string, unknown>,
        fields: [{ name: 'x', type: 'number', values: [1], ...field }],
      });
    expect(() => readArrowFrame(frameWith({ notices: [{ severity: 'fatal', text: 'x' }] }))).toThrow(
      'unrecognized notice severity "fatal"'
    );
    expect(() => readArrowFrame(frameWith({ typeVersion: 'one' }))).toThrow('FrameTypeVersion');
    expect(() => readArrowFrame(frameWith(undefined, { config: { unit: 5 } }))).toThrow(
      'cannot unmarshal number into Go value FieldConfig.unit of type string'
    );
    expect(() => readArrowFrame(frameWith(undefined, { config: { links: { title: 'x' } } }))).toThrow('[]DataLink');
    expect(() => readArrowFrame(frameWith(undefined, { labels: { a: 1 } }))).toThrow("Go's data.Labels");
    const badJSON = fileOf([{ name: 'c', data: utf8(['a']), md: { tstype: 'string', config: '{oops' } }]);
    expect(() => readArrowFrame(badJSON)).toThrow('frame "bad" field "c" config is not valid JSON');
  });
});
