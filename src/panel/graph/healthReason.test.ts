import { fromFrames } from './fromFrames';
import { edgeHealthReason, healthReason } from './healthReason';
import { meshEdgesFrame, meshNodesFrame } from './testing/frames';

const detail = (rate: number) => ({ rate, flags: { '-': rate }, hosts: {} });

function graph() {
  return fromFrames([
    meshNodesFrame([
      { id: 'web', nodeType: 'workload', namespace: 'a', workload: 'web', healthStatus: 'Healthy' },
      { id: 'api', nodeType: 'workload', namespace: 'a', workload: 'api', healthStatus: 'Failure' },
      { id: 'db', nodeType: 'workload', namespace: 'a', workload: 'db', healthStatus: 'Healthy' },
      { id: 'cache', nodeType: 'workload', namespace: 'a', workload: 'cache', healthStatus: 'Degraded' },
      { id: 'rec', nodeType: 'workload', namespace: 'a', workload: 'rec' },
    ]),
    meshEdgesFrame([
      // Into api: 10 rps, 2 answered 503 (20 % failed).
      {
        source: 'web',
        target: 'api',
        protocol: 'http',
        healthStatus: 'Failure',
        rates: { total: 10, http5xx: 2, percentErr: 20 },
        responses: { '200': detail(8), '503': detail(2) },
      },
      // Out of api over gRPC: 4 rps, 1 error (25 % failed).
      {
        source: 'api',
        target: 'rec',
        protocol: 'grpc',
        healthStatus: 'Degraded',
        rates: { total: 4, grpcErr: 1 },
        responses: { '0': detail(3), '14': detail(1) },
      },
      { source: 'api', target: 'db', protocol: 'tcp', healthStatus: 'Healthy', rates: { total: 500 } },
      { source: 'api', target: 'cache', protocol: 'tcp', healthStatus: 'Degraded', rates: { total: 50 } },
    ]),
  ]);
}

describe('healthReason', () => {
  const g = graph();
  const node = (id: string) => g.nodes.find((n) => n.id === id)!;
  const edge = (source: string, target: string) => g.edges.find((e) => e.source === source && e.target === target)!;

  it('names each failing direction and protocol, worst share first', () => {
    expect(healthReason(node('api'), g)).toBe(
      'Failure: 25% of outbound gRPC requests failed; 20% of inbound HTTP requests failed'
    );
  });

  it('gives the share behind a status the tolerances still call healthy', () => {
    expect(healthReason(node('web'), g)).toBe('Healthy: 20% of outbound HTTP requests failed');
  });

  it('says a healthy node has no failed requests, and gives nothing for a node without health', () => {
    expect(healthReason(node('db'), g)).toBe('Healthy: no failed requests');
    expect(healthReason(node('rec'), g)).toBeUndefined();
  });

  it('gives the status alone when no figure explains it (TCP only)', () => {
    expect(healthReason(node('cache'), g)).toBe('Degraded');
  });

  it('gives an edge its error share, TCP edges their status only', () => {
    expect(edgeHealthReason(edge('web', 'api'))).toBe('Failure: 20% of requests failed');
    expect(edgeHealthReason(edge('api', 'db'))).toBe('Healthy: no failed requests');
  });
});
