import { edgeLabel, EdgeLabelContext, MTLS_GLYPH, CIRCUIT_BREAKER_GLYPH } from './edgeLabels';
import { flattenEdge } from './flatten';
import { formatByteRate, formatDuration, formatErrRate, formatPercent, formatRequestRate, trimFixed } from './format';
import type { PanelEdge } from './types';

function edge(p: Partial<PanelEdge> & { total?: number; percentErr?: number; percentReq?: number }): PanelEdge {
  const { total = 0, percentErr = 0, percentReq = 0, ...rest } = p;
  return {
    id: 'e',
    source: 'a',
    target: 'b',
    protocol: 'http',
    hasTraffic: total > 0,
    details: [],
    rates: { total, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr, percentReq },
    ...rest,
  };
}

describe('Kiali number formatting', () => {
  it('trims trailing zeros', () => {
    expect(trimFixed('12.50')).toBe('12.5');
    expect(trimFixed('3.00')).toBe('3');
    expect(trimFixed('100')).toBe('100');
  });
  it('formats rates with up to two decimals', () => {
    expect(formatRequestRate(12.5, false)).toBe('12.5');
    expect(formatRequestRate(0.004, false)).toBe('0');
    expect(formatRequestRate(3.456, true)).toBe('3.46 rps');
    expect(formatRequestRate(7, true, 'mps')).toBe('7 mps');
  });
  it('formats error rates with one decimal below 1 %, none above', () => {
    expect(formatErrRate(0.55)).toBe('0.6% err');
    expect(formatErrRate(4)).toBe('4% err');
    expect(formatErrRate(12.7)).toBe('13% err');
  });
  it('formats bytes: bps below 1024, else kps', () => {
    expect(formatByteRate(0.5, true)).toBe('0.5 bps');
    expect(formatByteRate(512.4, true)).toBe('512 bps');
    expect(formatByteRate(2048, true)).toBe('2 kps');
    expect(formatByteRate(1536, false)).toBe('1.5');
  });
  it('formats durations in ms below a second, else seconds', () => {
    expect(formatDuration(23.4)).toBe('23ms');
    expect(formatDuration(999)).toBe('999ms');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(12000)).toBe('12s');
  });
  it('formats percentages with one decimal', () => {
    expect(formatPercent(33.3333)).toBe('33.3%');
    expect(formatPercent(50)).toBe('50%');
  });
});

describe('edgeLabel', () => {
  it('is empty with no mode', () => {
    expect(edgeLabel(flattenEdge(edge({ total: 5 })), { modes: [] })).toBe('');
  });

  it('shows the request rate without units when alone', () => {
    expect(edgeLabel(flattenEdge(edge({ total: 12.5 })), { modes: ['trafficRate'] })).toBe('12.5');
  });

  it('adds the error rate on a second line', () => {
    expect(edgeLabel(flattenEdge(edge({ total: 12.5, percentErr: 4 })), { modes: ['trafficRate'] })).toBe('12.5\n4% err');
  });

  it('shows TCP as bytes', () => {
    expect(edgeLabel(flattenEdge(edge({ protocol: 'tcp', total: 4096 })), { modes: ['trafficRate'] })).toBe('4');
    expect(edgeLabel(flattenEdge(edge({ protocol: 'tcp', total: 4096 })), { modes: ['trafficRate', 'throughput'] })).toBe('4 kps');
  });

  it('combines several modes with units, one per line', () => {
    const d = flattenEdge(edge({ total: 10, percentReq: 25, responseTime: 1500, throughput: 800 }));
    expect(edgeLabel(d, { modes: ['trafficRate', 'responseTime', 'throughput', 'trafficDistribution'] })).toBe(
      '10 rps\n1.5s\n800 bps\n25%'
    );
  });

  it('shows distribution only strictly between 0 and 100 %', () => {
    expect(edgeLabel(flattenEdge(edge({ total: 10, percentReq: 100 })), { modes: ['trafficDistribution'] })).toBe('');
    expect(edgeLabel(flattenEdge(edge({ total: 10, percentReq: 33.333 })), { modes: ['trafficDistribution'] })).toBe('33.3%');
  });

  it('prefixes the protocol and units when verbose (selected)', () => {
    expect(edgeLabel(flattenEdge(edge({ protocol: 'grpc', total: 3 })), { modes: ['trafficRate'], verbose: true })).toBe(
      'grpc\n3 rps'
    );
  });

  it('prefixes a lock for mTLS traffic, only when the mode is on and there is traffic', () => {
    const d = flattenEdge(edge({ total: 2, isMTLS: 100 }));
    expect(edgeLabel(d, { modes: ['trafficRate', 'mtls'] })).toBe(`${MTLS_GLYPH}\n2`);
    expect(edgeLabel(d, { modes: ['trafficRate'] })).toBe('2');
    expect(edgeLabel(flattenEdge(edge({ total: 0, isMTLS: 100 })), { modes: ['mtls'] })).toBe('');
  });

  it('prefixes the circuit-breaker glyph when the target has one and a response carries UO/UH', () => {
    const d = flattenEdge(edge({ total: 2 }));
    const withCB = (responses: EdgeLabelContext['responses']) =>
      edgeLabel(d, { modes: ['trafficRate'], targetHasCB: true, responses });
    expect(withCB({ '503': { flags: { UO: 1 } } })).toBe(`${CIRCUIT_BREAKER_GLYPH}\n2`);
    expect(withCB({ '200': { flags: { '-': 2 } } })).toBe('2');
  });

  it('shows mainstat/secondarystat for Node Graph edges of other sources', () => {
    const d = flattenEdge({ id: 'x', source: 'a', target: 'b', hasTraffic: true, details: [], mainstat: '10 ms', secondarystat: '5 r/s' });
    expect(edgeLabel(d, { modes: ['trafficRate'] })).toBe('10 ms\n5 r/s');
    expect(edgeLabel(d, { modes: [] })).toBe('');
  });
});
