/**
 * @jest-environment node
 */
import { DataType, RecordBatchReader, Table, TimeUnit, tableFromIPC } from 'apache-arrow';

import type { GraphEdge, GraphModel, GraphNode } from '../../engine/model';
import { toFrames } from '../../engine/output/frames';
import { emptyNodeRates } from '../../engine/fold/trafficMap';
import { encodeFrame } from './arrowFrame';
import { graphWireFrames } from './graphFrames';
import type { WireFrame } from './wireFrame';

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function decode(bytes: Uint8Array): Table {
  const reader = RecordBatchReader.from(bytes).open();
  expect(reader.isFile()).toBe(true);
  return new Table(reader.schema, reader.readAll());
}

const sample = (): WireFrame => ({
  name: 'sample',
  refId: 'B',
  meta: { preferredVisualisationType: 'nodeGraph', notices: [{ severity: 'info', text: 'hi' }] },
  fields: [
    { name: 'id', type: 'string', values: ['a', 'ünïcødé ✓', ''], config: { links: [{ title: 't', url: '/d/x' }] } },
    { name: 'rate', type: 'number', values: [1.5, NaN, -Infinity], labels: { app: 'web', 'weird "key"': 'v\u0000' } },
    { name: 'rt', type: 'number', values: [null, 2, undefined], config: { unit: 'ms' } },
    { name: 'ok', type: 'boolean', values: [true, false, null] },
    { name: 'when', type: 'time', values: [0, new Date(1700000000123), 1700000000123.5] },
    { name: 'note', type: 'string', values: [null, 'x', 'y'] },
  ],
});

describe('encodeFrame', () => {
  const bytes = encodeFrame(sample());
  const table = decode(bytes);

  it('writes an Arrow IPC file: ARROW1 at both ends', () => {
    expect(ascii(bytes.subarray(0, 6))).toBe('ARROW1');
    expect(ascii(bytes.subarray(bytes.length - 6))).toBe('ARROW1');
  });

  it('carries name, refId and meta JSON in the schema metadata', () => {
    const md = table.schema.metadata;
    expect(md.get('name')).toBe('sample');
    expect(md.get('refId')).toBe('B');
    expect(JSON.parse(md.get('meta')!)).toEqual(sample().meta);
  });

  it('writes the Go SDK column types, tstype, labels and config, never a dictionary', () => {
    const byName = Object.fromEntries(table.schema.fields.map((f) => [f.name, f]));
    expect(table.schema.fields.map((f) => f.name)).toEqual(['id', 'rate', 'rt', 'ok', 'when', 'note']);
    expect(table.schema.fields.map((f) => f.metadata.get('tstype'))).toEqual([
      'string',
      'number',
      'number',
      'boolean',
      'time',
      'string',
    ]);
    for (const f of table.schema.fields) {
      expect(DataType.isDictionary(f.type)).toBe(false);
    }
    expect(DataType.isUtf8(byName.id.type)).toBe(true);
    expect(String(byName.rate.type)).toBe('Float64');
    expect(DataType.isBool(byName.ok.type)).toBe(true);
    expect(DataType.isTimestamp(byName.when.type) && byName.when.type.unit).toBe(TimeUnit.NANOSECOND);
    expect(JSON.parse(byName.rate.metadata.get('labels')!)).toEqual({ app: 'web', 'weird "key"': 'v\u0000' });
    expect(byName.rate.metadata.has('config')).toBe(false);
    expect(JSON.parse(byName.id.metadata.get('config')!)).toEqual({ links: [{ title: 't', url: '/d/x' }] });
    expect(byName.id.metadata.has('labels')).toBe(false);
  });

  it('makes a column nullable exactly when it holds null or undefined', () => {
    expect(table.schema.fields.map((f) => [f.name, f.nullable])).toEqual([
      ['id', false],
      ['rate', false],
      ['rt', true],
      ['ok', true],
      ['when', false],
      ['note', true],
    ]);
    expect(table.getChild('rt')!.toArray()).toEqual(expect.anything());
    expect([0, 1, 2].map((i) => table.getChild('rt')!.get(i))).toEqual([null, 2, null]);
    expect([0, 1, 2].map((i) => table.getChild('ok')!.get(i))).toEqual([true, false, null]);
    expect([0, 1, 2].map((i) => table.getChild('note')!.get(i))).toEqual([null, 'x', 'y']);
  });

  it('keeps text, non-finite numbers and nanosecond times exactly', () => {
    expect([0, 1, 2].map((i) => table.getChild('id')!.get(i))).toEqual(['a', 'ünïcødé ✓', '']);
    expect(Array.from(table.getChild('rate')!.toArray() as Float64Array)).toEqual([1.5, NaN, -Infinity]);
    const ns = table.getChild('when')!.data[0].values as BigInt64Array;
    expect(Array.from(ns, String)).toEqual(['0', '1700000000123000000', '1700000000123500000']);
  });

  it('encodes a frame without rows and one without fields', () => {
    const empty = decode(encodeFrame({ name: 'e', refId: 'A', fields: [{ name: 'x', type: 'number', values: [] }] }));
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields[0].metadata.get('tstype')).toBe('number');
    const bare = tableFromIPC(encodeFrame({ name: 'none', refId: '', fields: [] }));
    expect(bare.schema.fields).toHaveLength(0);
    expect(bare.schema.metadata.get('refId')).toBe('');
    expect(bare.schema.metadata.has('meta')).toBe(false);
  });

  it('refuses values of the wrong type and columns of different lengths', () => {
    const bad = (values: unknown[], type: 'string' | 'number' | 'boolean' | 'time') => () =>
      encodeFrame({ name: 'f', refId: 'A', fields: [{ name: 'c', type, values }] });
    expect(bad(['1'], 'number')).toThrow('Field "c" row 0: expected a number, got string');
    expect(bad([1], 'string')).toThrow('expected a string');
    expect(bad([0], 'boolean')).toThrow('expected a boolean');
    expect(bad([NaN], 'time')).toThrow('expected a finite epoch-milliseconds');
    expect(() =>
      encodeFrame({
        name: 'f',
        refId: 'A',
        fields: [
          { name: 'a', type: 'number', values: [1, 2] },
          { name: 'b', type: 'number', values: [1] },
        ],
      })
    ).toThrow('field "b" has 1 values, the first field 2');
  });
});

/** A mesh-sized model: `apps` nodes per namespace, each calling `fanout` others (as the bench's 100 × 100 graph). */
function bigModel(namespaces: number, apps: number, fanout: number): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  for (let n = 0; n < namespaces; n++) {
    for (let a = 0; a < apps; a++) {
      nodes.push({
        id: `wl_c1_ns-${n}_app-${a}-v1`,
        nodeType: 'workload',
        cluster: 'c1',
        namespace: `ns-${n}`,
        workload: `app-${a}-v1`,
        app: `app-${a}`,
        version: 'v1',
        rates: { ...emptyNodeRates(), httpIn: 10 + a, httpIn5xx: a % 7 === 0 ? 1 : 0, httpOut: 12 },
        health: {
          status: 'Healthy',
          errorRatio: 0,
          totalRequestRate: 22,
          inbound: { http: { '200': 10 } },
          outbound: {},
        },
      });
    }
  }
  nodes.push({
    id: 'c1_unknown_source',
    nodeType: 'unknown',
    cluster: 'c1',
    namespace: 'unknown',
    rates: emptyNodeRates(),
  });
  for (let i = 0; i < nodes.length - 1; i++) {
    for (let k = 1; k <= fanout; k++) {
      const target = nodes[(i + k * 7) % (nodes.length - 1)];
      edges.push({
        id: `${nodes[i].id} ${target.id} http`,
        source: nodes[i].id,
        target: target.id,
        protocol: 'http',
        rates: {
          total: 3.2,
          http3xx: 0,
          http4xx: 0.1,
          http5xx: 0.05,
          noResponse: 0,
          grpcErr: 0,
          percentErr: 4.7,
          percentReq: 33.3,
        },
        responses: { '200': { rate: 3.05, flags: { '-': 3.05 }, hosts: { 'x.ns.svc.cluster.local': 3.05 } } },
        hasTraffic: true,
        responseTime: 12.5,
        isMTLS: 100,
      });
    }
  }
  return {
    timestamp: 0,
    duration: 600,
    graphType: 'workload',
    namespaces: 'all',
    nodes,
    edges,
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  };
}

describe('encodeFrame at mesh scale', () => {
  // Its speed is measured by `npm run bench` (the engine through Arrow frames), not timed here.
  it('encodes the 100 × 100 graph (10,001 nodes × 29 fields, 30,000 edges × 23 fields) with every row', () => {
    const model = bigModel(100, 100, 3);
    const [nodes, edges] = graphWireFrames(toFrames(model), 'A', [], [{ title: 'x', url: '/d/x' }]);
    expect(nodes.fields[0].values).toHaveLength(10_001);
    expect(edges.fields[0].values).toHaveLength(30_000);
    const nodeBytes = encodeFrame(nodes);
    const edgeBytes = encodeFrame(edges);
    expect(decode(nodeBytes).numRows).toBe(10_001);
    expect(decode(edgeBytes).numRows).toBe(30_000);
  });
});
