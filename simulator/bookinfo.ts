/**
 * Istio's Bookinfo sample, extended with the situations a traffic graph must handle: an ingress gateway, TCP to a
 * database, gRPC with error statuses, an unmeshed client, egress through PassthroughCluster, a request blocked by
 * BlackHoleCluster, a second namespace, requests that never reached a workload, 3xx/4xx/5xx and no-response codes,
 * mixed mTLS, request operations, a deployment scaled to zero, a crash-looping one and an idle one.
 *
 * Rates are exact and constant (requests/s, bytes/s); see expectedFlows() for the per-reporter figures.
 *
 * Long on purpose: the topology is data, one entry per workload, service and flow.
 */
import { Flow, Topology, Workload } from './topology';

export interface BookinfoOptions {
  /** source_cluster / destination_cluster of every known workload (default "cluster-1"). */
  cluster?: string;
}

export const BOOKINFO_NAMESPACE = 'bookinfo';
export const SHOP_NAMESPACE = 'shop';
export const TOOLS_NAMESPACE = 'tools';
export const GATEWAY_NAMESPACE = 'istio-system';

export function bookinfoTopology(options: BookinfoOptions = {}): Topology {
  const cluster = options.cluster ?? 'cluster-1';
  const wl = (w: Omit<Workload, 'cluster' | 'replicas'> & Partial<Pick<Workload, 'replicas'>>): Workload => ({
    cluster,
    replicas: { desired: 1, available: 1 },
    ...w,
  });
  const bi = BOOKINFO_NAMESPACE;
  const workloads: Workload[] = [
    wl({
      namespace: GATEWAY_NAMESPACE,
      name: 'istio-ingressgateway',
      app: 'istio-ingressgateway',
      service: 'istio-ingressgateway',
      serviceAccount: 'istio-ingressgateway-service-account',
      sidecar: false,
      gateway: true,
    }),
    wl({
      namespace: bi,
      name: 'productpage-v1',
      app: 'productpage',
      version: 'v1',
      service: 'productpage',
      serviceAccount: 'bookinfo-productpage',
      sidecar: true,
    }),
    wl({
      namespace: bi,
      name: 'details-v1',
      app: 'details',
      version: 'v1',
      service: 'details',
      serviceAccount: 'bookinfo-details',
      sidecar: true,
    }),
    wl({
      namespace: bi,
      name: 'reviews-v1',
      app: 'reviews',
      version: 'v1',
      service: 'reviews',
      serviceAccount: 'bookinfo-reviews',
      sidecar: true,
    }),
    wl({
      namespace: bi,
      name: 'reviews-v2',
      app: 'reviews',
      version: 'v2',
      service: 'reviews',
      serviceAccount: 'bookinfo-reviews',
      sidecar: true,
    }),
    wl({
      namespace: bi,
      name: 'reviews-v3',
      app: 'reviews',
      version: 'v3',
      service: 'reviews',
      serviceAccount: 'bookinfo-reviews',
      sidecar: true,
    }),
    // Scaled to zero: exists in Kubernetes, has no pods and no traffic (Kiali: dead node).
    wl({
      namespace: bi,
      name: 'reviews-v4',
      app: 'reviews',
      version: 'v4',
      service: 'reviews',
      serviceAccount: 'bookinfo-reviews',
      sidecar: true,
      replicas: { desired: 0, available: 0 },
    }),
    wl({
      namespace: bi,
      name: 'ratings-v1',
      app: 'ratings',
      version: 'v1',
      service: 'ratings',
      serviceAccount: 'bookinfo-ratings',
      sidecar: true,
      replicas: { desired: 2, available: 2 },
    }),
    wl({
      namespace: bi,
      name: 'ratings-v2',
      app: 'ratings',
      version: 'v2',
      service: 'ratings',
      serviceAccount: 'bookinfo-ratings',
      sidecar: true,
    }),
    wl({
      namespace: bi,
      name: 'mysqldb-v1',
      app: 'mysqldb',
      version: 'v1',
      service: 'mysqldb',
      serviceAccount: 'bookinfo-mysqldb',
      sidecar: true,
    }),
    wl({
      namespace: bi,
      name: 'recommendations-v1',
      app: 'recommendations',
      version: 'v1',
      service: 'recommendations',
      serviceAccount: 'bookinfo-recommendations',
      sidecar: true,
    }),
    // Crash-looping: one pod, none available; the calls to its service never reach a workload.
    wl({
      namespace: bi,
      name: 'inventory-v1',
      app: 'inventory',
      version: 'v1',
      service: 'inventory',
      serviceAccount: 'bookinfo-inventory',
      sidecar: true,
      replicas: { desired: 1, available: 0 },
    }),
    // Healthy but idle: pods, a service, no traffic.
    wl({
      namespace: bi,
      name: 'legacy-v1',
      app: 'legacy',
      version: 'v1',
      service: 'legacy',
      serviceAccount: 'bookinfo-legacy',
      sidecar: true,
    }),
    wl({
      namespace: SHOP_NAMESPACE,
      name: 'frontend-v1',
      app: 'frontend',
      version: 'v1',
      service: 'frontend',
      serviceAccount: 'shop-frontend',
      sidecar: true,
      replicas: { desired: 2, available: 2 },
    }),
    wl({
      namespace: SHOP_NAMESPACE,
      name: 'cart-v1',
      app: 'cart',
      version: 'v1',
      service: 'cart',
      serviceAccount: 'shop-cart',
      sidecar: true,
    }),
    // No sidecar: its requests reach productpage as traffic from an unknown source.
    wl({ namespace: TOOLS_NAMESPACE, name: 'loadgen', app: 'loadgen', serviceAccount: 'default', sidecar: false }),
  ];
  const services = [
    `${GATEWAY_NAMESPACE}/istio-ingressgateway`,
    ...['productpage', 'details', 'reviews', 'ratings', 'mysqldb', 'recommendations', 'inventory', 'legacy'].map(
      (s) => `${bi}/${s}`
    ),
    `${SHOP_NAMESPACE}/frontend`,
    `${SHOP_NAMESPACE}/cart`,
  ];
  const to = (name: string): Flow['destination'] => ({ kind: 'workload', workload: `${bi}/${name}` });
  const from = (id: string): Flow['source'] => ({ kind: 'workload', workload: id });
  const pp = `${bi}/productpage-v1`;

  const flows: Flow[] = [
    {
      id: 'ingress->productpage',
      source: from(`${GATEWAY_NAMESPACE}/istio-ingressgateway`),
      destination: to('productpage-v1'),
      protocol: 'http',
      requestsPerSecond: 20,
      mtls: true,
      responses: [
        { code: '200', fraction: 0.94 },
        { code: '302', fraction: 0.02 },
        { code: '404', fraction: 0.02 },
        { code: '500', fraction: 0.01 },
        { code: '503', flags: 'UF', fraction: 0.01, seenBy: 'source' },
      ],
      operations: [
        { name: 'GetProductPage', fraction: 0.9 },
        { name: 'Login', fraction: 0.1 },
      ],
      durationsMs: [
        { value: 25, fraction: 0.5 },
        { value: 80, fraction: 0.4 },
        { value: 400, fraction: 0.1 },
      ],
      requestSizeBytes: 300,
      responseSizeBytes: 5500,
    },
    {
      id: 'loadgen->productpage',
      source: from(`${TOOLS_NAMESPACE}/loadgen`),
      destination: to('productpage-v1'),
      protocol: 'http',
      requestsPerSecond: 2,
      mtls: false,
      responses: [
        { code: '200', fraction: 0.98 },
        { code: '500', fraction: 0.02 },
      ],
      durationsMs: [{ value: 30, fraction: 1 }],
    },
    {
      id: 'frontend->productpage',
      source: from(`${SHOP_NAMESPACE}/frontend-v1`),
      destination: to('productpage-v1'),
      protocol: 'http',
      requestsPerSecond: 3,
      mtls: true,
      responses: [
        { code: '200', fraction: 0.99 },
        { code: '0', flags: 'DC', fraction: 0.01 },
      ],
    },
    {
      id: 'productpage->details',
      source: from(pp),
      destination: to('details-v1'),
      protocol: 'http',
      requestsPerSecond: 25,
      mtls: true,
      responses: [
        { code: '200', fraction: 0.99 },
        { code: '0', flags: 'DC', fraction: 0.006 },
        { code: '0', flags: 'URX', fraction: 0.004, seenBy: 'source' },
      ],
      durationsMs: [
        { value: 3, fraction: 0.8 },
        { value: 12, fraction: 0.2 },
      ],
    },
    {
      id: 'productpage->reviews-v1',
      source: from(pp),
      destination: to('reviews-v1'),
      protocol: 'http',
      requestsPerSecond: 8,
      mtls: true,
      durationsMs: [{ value: 20, fraction: 1 }],
    },
    {
      id: 'productpage->reviews-v2',
      source: from(pp),
      destination: to('reviews-v2'),
      protocol: 'http',
      requestsPerSecond: 8,
      mtls: true,
      responses: [
        { code: '200', fraction: 0.98 },
        { code: '503', flags: 'UF', fraction: 0.02, seenBy: 'source' },
      ],
      durationsMs: [{ value: 45, fraction: 1 }],
    },
    {
      id: 'productpage->reviews-v3',
      source: from(pp),
      destination: to('reviews-v3'),
      protocol: 'http',
      requestsPerSecond: 8,
      mtls: true,
      responses: [
        { code: '200', fraction: 0.9 },
        { code: '500', fraction: 0.08 },
        { code: '0', flags: 'UF', fraction: 0.02, seenBy: 'source' },
      ],
      durationsMs: [
        { value: 45, fraction: 0.7 },
        { value: 1500, fraction: 0.3 },
      ],
    },
    {
      id: 'reviews-v2->ratings-v1',
      source: from(`${bi}/reviews-v2`),
      destination: to('ratings-v1'),
      protocol: 'http',
      requestsPerSecond: 6,
      mtls: true,
    },
    {
      id: 'reviews-v2->ratings-v2',
      source: from(`${bi}/reviews-v2`),
      destination: to('ratings-v2'),
      protocol: 'http',
      requestsPerSecond: 2,
      mtls: true,
    },
    {
      id: 'reviews-v3->ratings-v1',
      source: from(`${bi}/reviews-v3`),
      destination: to('ratings-v1'),
      protocol: 'http',
      requestsPerSecond: 6,
      mtls: true,
      responses: [
        { code: '200', fraction: 0.95 },
        { code: '404', fraction: 0.03 },
        { code: '504', flags: 'UT', fraction: 0.02, seenBy: 'source' },
      ],
    },
    // Plain text (a DestinationRule disabling TLS): the destination reports connection_security_policy="none".
    {
      id: 'reviews-v3->ratings-v2',
      source: from(`${bi}/reviews-v3`),
      destination: to('ratings-v2'),
      protocol: 'http',
      requestsPerSecond: 2,
      mtls: false,
    },
    {
      id: 'ratings-v2->mysqldb',
      source: from(`${bi}/ratings-v2`),
      destination: to('mysqldb-v1'),
      protocol: 'tcp',
      mtls: true,
      tcp: { requestBytesPerSecond: 1500, responseBytesPerSecond: 12000, connectionsPerSecond: 0.5 },
    },
    {
      id: 'productpage->recommendations',
      source: from(pp),
      destination: to('recommendations-v1'),
      protocol: 'grpc',
      requestsPerSecond: 5,
      mtls: true,
      responses: [
        { code: '200', grpcStatus: '0', fraction: 0.9 },
        { code: '200', grpcStatus: '5', fraction: 0.06 },
        { code: '200', grpcStatus: '14', fraction: 0.02 },
        { code: '200', grpcStatus: '14', flags: 'UF', fraction: 0.02, seenBy: 'source' },
      ],
      requestMessagesPerRequest: 1,
      responseMessagesPerRequest: 4,
      durationsMs: [
        { value: 5, fraction: 0.7 },
        { value: 50, fraction: 0.3 },
      ],
    },
    {
      id: 'details->egress',
      source: from(`${bi}/details-v1`),
      destination: { kind: 'passthrough', host: 'api.external.example.com' },
      protocol: 'http',
      requestsPerSecond: 4,
      mtls: false,
      responses: [
        { code: '200', fraction: 0.95 },
        { code: '429', fraction: 0.05 },
      ],
      durationsMs: [{ value: 120, fraction: 1 }],
    },
    // outboundTrafficPolicy REGISTRY_ONLY: Envoy answers 502 itself (a direct response, no flag).
    {
      id: 'reviews-v1->blackhole',
      source: from(`${bi}/reviews-v1`),
      destination: { kind: 'blackhole', host: 'blocked.external.example.com' },
      protocol: 'http',
      requestsPerSecond: 0.5,
      mtls: false,
      responses: [{ code: '502', fraction: 1, seenBy: 'source' }],
      durationsMs: [{ value: 0.5, fraction: 1 }],
    },
    {
      id: 'frontend->cart',
      source: from(`${SHOP_NAMESPACE}/frontend-v1`),
      destination: { kind: 'workload', workload: `${SHOP_NAMESPACE}/cart-v1` },
      protocol: 'http',
      requestsPerSecond: 6,
      mtls: false,
      responses: [
        { code: '200', fraction: 0.97 },
        { code: '400', fraction: 0.03 },
      ],
    },
    // inventory has no ready endpoint: the client proxy answers itself, the request never reaches a workload.
    {
      id: 'frontend->inventory',
      source: from(`${SHOP_NAMESPACE}/frontend-v1`),
      destination: { kind: 'unreached', namespace: bi, service: 'inventory' },
      protocol: 'http',
      requestsPerSecond: 1.5,
      mtls: true,
      responses: [
        { code: '503', flags: 'UH', fraction: 0.6, seenBy: 'source' },
        { code: '503', flags: 'UF', fraction: 0.3, seenBy: 'source' },
        { code: '0', flags: 'NR', fraction: 0.1, seenBy: 'source' },
      ],
      durationsMs: [{ value: 1, fraction: 1 }],
    },
  ];
  return { name: 'bookinfo', cluster, workloads, services, flows, histograms: 'all' };
}
