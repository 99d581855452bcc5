import { fromFrames } from './fromFrames';
import { responseClass, trafficSummary } from './summary';
import { meshEdgesFrame, meshNodesFrame } from './testing/frames';

const detail = (rate: number) => ({ rate, flags: { '-': rate }, hosts: {} });

function graph() {
  return fromFrames([
    meshNodesFrame([
      { id: 'web', nodeType: 'workload', namespace: 'a', workload: 'web' },
      { id: 'api', nodeType: 'workload', namespace: 'a', workload: 'api' },
      { id: 'db', nodeType: 'workload', namespace: 'a', workload: 'db' },
      { id: 'rec', nodeType: 'workload', namespace: 'a', workload: 'rec' },
    ]),
    meshEdgesFrame([
      // 8 rps into api: 6 answered 200, 1 a 503, 1 without response.
      {
        source: 'web',
        target: 'api',
        protocol: 'http',
        rates: { total: 8, http5xx: 1, noResponse: 1 },
        responses: { '200': detail(6), '503': detail(1), '-': detail(1) },
      },
      { source: 'api', target: 'db', protocol: 'tcp', rates: { total: 500 }, responses: { '-': detail(500) } },
      {
        source: 'api',
        target: 'rec',
        protocol: 'grpc',
        rates: { total: 4, grpcErr: 1 },
        responses: { '0': detail(3), '14': detail(1) },
      },
    ]),
  ]);
}

describe('trafficSummary', () => {
  const s = trafficSummary(graph(), 'api');

  it('splits a node inbound HTTP traffic into Kiali response classes', () => {
    expect(s.inbound).toHaveLength(1);
    expect(s.inbound[0]).toMatchObject({ protocol: 'http', rate: 8, edges: 1 });
    expect(s.inbound[0].percentErr).toBeCloseTo(25);
    expect(s.inbound[0].codes).toEqual([
      { label: '2xx', percent: 75 },
      { label: '5xx', percent: 12.5 },
      { label: 'no response', percent: 12.5 },
    ]);
  });

  it('gives gRPC OK/error classes and no classes for TCP bytes', () => {
    const grpc = s.outbound.find((t) => t.protocol === 'grpc')!;
    expect(grpc.codes).toEqual([
      { label: 'OK', percent: 75 },
      { label: 'error', percent: 25 },
    ]);
    expect(s.outbound.find((t) => t.protocol === 'tcp')!.codes).toEqual([]);
  });
});

describe('responseClass', () => {
  it('judges a 3-character code on a gRPC call as HTTP', () => {
    expect(responseClass('grpc', '503')).toBe('5xx');
    expect(responseClass('grpc', '0')).toBe('OK');
    expect(responseClass('grpc', '5')).toBe('error');
    expect(responseClass('http', '302')).toBe('3xx');
    expect(responseClass('http', '-')).toBe('no response');
  });
});
