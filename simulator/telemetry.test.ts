import { bookinfoTopology } from './bookinfo';
import { expectedFlows, ReporterView, resolveFlows } from './telemetry';

const flows = resolveFlows(bookinfoTopology());
const flow = (id: string) => {
  const f = flows.find((x) => x.flow.id === id);
  if (!f) {
    throw new Error(`no flow ${id}`);
  }
  return f;
};
const view = (id: string, reporter: string): ReporterView | undefined =>
  flow(id).views.find((v) => v.reporter === reporter);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('reporter views of bookinfo flows', () => {
  it('a mesh call is reported by both proxies; only the server side knows the security policy', () => {
    const src = view('productpage->reviews-v2', 'source')!;
    const dst = view('productpage->reviews-v2', 'destination')!;
    expect(src.connectionSecurityPolicy).toBe('unknown');
    expect(dst.connectionSecurityPolicy).toBe('mutual_tls');
    for (const v of [src, dst]) {
      expect(v.source).toEqual({
        source_cluster: 'cluster-1',
        source_workload: 'productpage-v1',
        source_workload_namespace: 'bookinfo',
        source_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage',
        source_app: 'productpage',
        source_version: 'v1',
        source_canonical_service: 'productpage',
        source_canonical_revision: 'v1',
      });
      expect(v.destination).toMatchObject({
        destination_workload: 'reviews-v2',
        destination_service: 'reviews.bookinfo.svc.cluster.local',
        destination_service_name: 'reviews',
        destination_service_namespace: 'bookinfo',
        destination_principal: 'spiffe://cluster.local/ns/bookinfo/sa/bookinfo-reviews',
        destination_canonical_revision: 'v2',
      });
    }
    // The `app` target label is the reporting pod's app.
    expect(src.scrapeApp).toBe('productpage');
    expect(dst.scrapeApp).toBe('reviews');
    // 503 UF is produced by the client proxy: the server never saw those 2 % of requests.
    expect(src.slices.map((s) => [s.responseCode, s.responseFlags])).toEqual([
      ['200', '-'],
      ['503', 'UF'],
    ]);
    expect(dst.slices.map((s) => [s.responseCode, s.responseFlags])).toEqual([['200', '-']]);
    expect(sum(src.slices.map((s) => s.rate))).toBeCloseTo(8, 12);
    expect(sum(dst.slices.map((s) => s.rate))).toBeCloseTo(8 * 0.98, 12);
  });

  it('an unmeshed client is seen by the server only, with every source label unknown and no mTLS', () => {
    const f = flow('loadgen->productpage');
    expect(f.views.map((v) => v.reporter)).toEqual(['destination']);
    const v = f.views[0];
    expect(Object.values(v.source)).toEqual(Array(8).fill('unknown'));
    expect(v.connectionSecurityPolicy).toBe('none');
    expect(v.destination.destination_principal).toBe('unknown');
  });

  it('a request that never reached a workload is reported by the client only, with the service known', () => {
    const f = flow('frontend->inventory');
    expect(f.views.map((v) => v.reporter)).toEqual(['source']);
    expect(f.views[0].destination).toEqual({
      destination_cluster: 'unknown',
      destination_workload: 'unknown',
      destination_workload_namespace: 'unknown',
      destination_principal: 'unknown',
      destination_app: 'unknown',
      destination_version: 'unknown',
      destination_service: 'inventory.bookinfo.svc.cluster.local',
      destination_service_name: 'inventory',
      destination_service_namespace: 'bookinfo',
      destination_canonical_service: 'unknown',
      destination_canonical_revision: 'unknown',
    });
    expect(f.views[0].source.source_workload_namespace).toBe('shop');
    expect(f.views[0].slices.map((s) => `${s.responseCode} ${s.responseFlags}`)).toEqual(['503 UH', '503 UF', '0 NR']);
  });

  it('egress goes to PassthroughCluster or BlackHoleCluster with the external host as destination_service', () => {
    const pass = flow('details->egress').views;
    expect(pass.map((v) => v.reporter)).toEqual(['source']);
    expect(pass[0].destination).toMatchObject({
      destination_service: 'api.external.example.com',
      destination_service_name: 'PassthroughCluster',
      destination_service_namespace: 'unknown',
      destination_workload: 'unknown',
      destination_workload_namespace: 'unknown',
    });
    const hole = flow('reviews-v1->blackhole').views;
    expect(hole.map((v) => v.reporter)).toEqual(['source']);
    expect(hole[0].destination.destination_service_name).toBe('BlackHoleCluster');
    expect(hole[0].slices).toEqual([expect.objectContaining({ responseCode: '502', responseFlags: '-', rate: 0.5 })]);
  });

  it('the gateway reports its outbound calls as source; gRPC series carry grpc_response_status, HTTP ones do not', () => {
    expect(flow('ingress->productpage').views.map((v) => v.reporter)).toEqual(['source', 'destination']);
    const grpc = view('productpage->recommendations', 'destination')!;
    expect(grpc.slices.map((s) => s.grpcStatus)).toEqual(['0', '5', '14']);
    expect(view('productpage->details', 'destination')!.slices.every((s) => s.grpcStatus === undefined)).toBe(true);
  });

  it('plain-text calls between sidecars say "none" on the server side and carry no principals', () => {
    const v = view('reviews-v3->ratings-v2', 'destination')!;
    expect(v.connectionSecurityPolicy).toBe('none');
    expect(v.source.source_principal).toBe('unknown');
    expect(v.destination.destination_principal).toBe('unknown');
  });

  it('operations split every response slice', () => {
    const v = view('ingress->productpage', 'destination')!;
    // 4 codes seen by the server × 2 operations
    expect(v.slices).toHaveLength(8);
    const login200 = v.slices.find((s) => s.responseCode === '200' && s.requestOperation === 'Login')!;
    expect(login200.rate).toBeCloseTo(20 * 0.94 * 0.1, 12);
  });
});

describe('expectedFlows', () => {
  const expected = expectedFlows(bookinfoTopology());
  const reporters = (id: string) => expected.find((e) => e.id === id)!.reporters;

  it('sums the server-side rate into productpage from the gateway, the unmeshed client and the shop frontend', () => {
    const intoProductpage = expected
      .filter((e) => e.to === 'bookinfo/productpage-v1')
      .flatMap((e) => e.reporters.filter((r) => r.reporter === 'destination'))
      .reduce((acc, r) => acc + r.requestsPerSecond, 0);
    // 20 req/s minus the 1 % UF the gateway produced itself, + 2 (loadgen) + 3 (frontend, DC included: both saw it)
    expect(intoProductpage).toBeCloseTo(19.8 + 2 + 3, 12);
  });

  it('gives TCP byte rates with Istio naming: sent = server to client, received = client to server, on both reporters', () => {
    for (const r of reporters('ratings-v2->mysqldb')) {
      expect(r.tcpSentBytesPerSecond).toBe(12000);
      expect(r.tcpReceivedBytesPerSecond).toBe(1500);
      expect(r.tcpConnectionsOpenedPerSecond).toBe(0.5);
    }
    expect(reporters('ratings-v2->mysqldb').map((r) => r.connectionSecurityPolicy)).toEqual(['unknown', 'mutual_tls']);
  });

  it('gives gRPC message rates and mean durations', () => {
    const dst = reporters('productpage->recommendations').find((r) => r.reporter === 'destination')!;
    expect(dst.requestsPerSecond).toBeCloseTo(5 * 0.98, 12);
    expect(dst.responseMessagesPerSecond).toBeCloseTo(5 * 0.98 * 4, 12);
    expect(dst.meanDurationMs).toBeCloseTo(0.7 * 5 + 0.3 * 50, 12);
  });

  it('counts no response body for no-response slices', () => {
    const src = reporters('frontend->productpage').find((r) => r.reporter === 'source')!;
    // 1 % code 0 (DC) sends no body; default response size 2048 bytes
    expect(src.responseBytesPerSecond).toBeCloseTo(3 * 0.99 * 2048, 9);
  });
});
