/**
 * Hand-built Istio telemetry for tests: raw series with their per-second rate, in the label shapes Istio
 * proxies report, covering every reporter situation (both reporters, destination-only unknown source,
 * source-only failures, unserviced, passthrough, blackhole, no sidecar at the destination, TCP, gRPC).
 */
import { RawSeries } from '../promql/evaluate.testutil';

export interface Src {
  cluster?: string;
  ns: string;
  wl: string;
  app: string;
  ver: string;
}
export interface Dst {
  cluster?: string;
  svcNs: string;
  svc: string;
  host: string;
  wlNs: string;
  wl: string;
  app: string;
  ver: string;
}

export const UNKNOWN_SRC: Src = { cluster: 'unknown', ns: 'unknown', wl: 'unknown', app: 'unknown', ver: 'unknown' };

export function src(ns: string, wl: string, app = wl.replace(/-v\d+$/, ''), ver = 'v1', cluster = 'c1'): Src {
  return { cluster, ns, wl, app, ver };
}

export function dst(ns: string, wl: string, svc = wl.replace(/-v\d+$/, ''), ver = 'v1', cluster = 'c1'): Dst {
  return { cluster, svcNs: ns, svc, host: `${svc}.${ns}.svc.cluster.local`, wlNs: ns, wl, app: svc, ver };
}

/** A destination that never reached a workload (unserviced / no sidecar metadata). */
export function unserviced(ns: string, svc: string, cluster = 'c1'): Dst {
  return {
    cluster,
    svcNs: ns,
    svc,
    host: `${svc}.${ns}.svc.cluster.local`,
    wlNs: 'unknown',
    wl: 'unknown',
    app: 'unknown',
    ver: 'unknown',
  };
}

export function endpointLabels(s: Src, d: Dst): Record<string, string> {
  return {
    source_cluster: s.cluster ?? 'c1',
    source_workload_namespace: s.ns,
    source_workload: s.wl,
    source_canonical_service: s.app,
    source_canonical_revision: s.ver,
    destination_cluster: d.cluster ?? 'c1',
    destination_service_namespace: d.svcNs,
    destination_service: d.host,
    destination_service_name: d.svc,
    destination_workload_namespace: d.wlNs,
    destination_workload: d.wl,
    destination_canonical_service: d.app,
    destination_canonical_revision: d.ver,
  };
}

export type Reporter = 'source' | 'destination' | 'waypoint';

export function req(
  reporter: Reporter,
  s: Src,
  d: Dst,
  code: string,
  rate: number,
  extra: { flags?: string; protocol?: string; grpcStatus?: string; labels?: Record<string, string> } = {}
): RawSeries {
  return {
    labels: {
      __name__: 'istio_requests_total',
      reporter,
      ...endpointLabels(s, d),
      request_protocol: extra.protocol ?? 'http',
      response_code: code,
      grpc_response_status: extra.grpcStatus ?? '',
      response_flags: extra.flags ?? '-',
      connection_security_policy: reporter === 'destination' ? 'mutual_tls' : 'unknown',
      ...extra.labels,
    },
    rate,
  };
}

/** Both proxies report the same request class (what a healthy sidecar pair emits). */
export function both(s: Src, d: Dst, code: string, rate: number, extra: Parameters<typeof req>[5] = {}): RawSeries[] {
  return [req('source', s, d, code, rate, extra), req('destination', s, d, code, rate, extra)];
}

export function tcp(
  reporter: Reporter,
  metric: 'istio_tcp_sent_bytes_total' | 'istio_tcp_received_bytes_total',
  s: Src,
  d: Dst,
  rate: number,
  flags = '-'
): RawSeries {
  return {
    labels: {
      __name__: metric,
      reporter,
      app: s.app,
      ...endpointLabels(s, d),
      response_flags: flags,
      connection_security_policy: 'mutual_tls',
    },
    rate,
  };
}

export function msg(
  reporter: Reporter,
  metric: 'istio_request_messages_total' | 'istio_response_messages_total',
  s: Src,
  d: Dst,
  rate: number
): RawSeries {
  return { labels: { __name__: metric, reporter, ...endpointLabels(s, d) }, rate };
}

export const WEB = src('shop', 'web-v1');
export const CART = src('shop', 'cart-v1');
export const REVIEWS = src('shop', 'reviews-v1');
export const PAYMENT = src('pay', 'payment-v1');
export const INGRESS = src('istio-system', 'istio-ingressgateway', 'istio-ingressgateway', 'latest');

/** Istio's PassthroughCluster as a destination: traffic to hosts outside the mesh registry. */
export const PASSTHROUGH: Dst = {
  svcNs: 'unknown',
  svc: 'PassthroughCluster',
  host: 'PassthroughCluster',
  wlNs: 'unknown',
  wl: 'unknown',
  app: 'unknown',
  ver: 'unknown',
};

/** The shop/pay mesh used by the parity and fold tests. */
export function meshSeries(): RawSeries[] {
  const blackhole: Dst = {
    svcNs: 'unknown',
    svc: 'BlackHoleCluster',
    host: 'BlackHoleCluster',
    wlNs: 'unknown',
    wl: 'unknown',
    app: 'unknown',
    ver: 'unknown',
  };
  const unknownDst: Dst = {
    svcNs: 'unknown',
    svc: 'unknown',
    host: 'unknown',
    wlNs: 'unknown',
    wl: 'unknown',
    app: 'unknown',
    ver: 'unknown',
  };
  return [
    // intra-namespace, both reporters, plus a source-only upstream failure
    ...both(WEB, dst('shop', 'cart-v1'), '200', 10),
    req('source', WEB, dst('shop', 'cart-v1'), '503', 0.5, { flags: 'UF' }),
    ...both(WEB, dst('shop', 'cart-v1'), '302', 1),
    // 404 answered by the application, both reporters
    ...both(CART, dst('shop', 'reviews-v1'), '404', 0.25),
    ...both(CART, dst('shop', 'reviews-v1'), '200', 0.75),
    // cross-namespace, both reporters
    ...both(CART, dst('pay', 'payment-v1'), '200', 5),
    // unmeshed caller: only the destination proxy reports it
    req('destination', UNKNOWN_SRC, dst('shop', 'web-v1'), '200', 3),
    // a gateway outside the requested namespaces
    ...both(INGRESS, dst('shop', 'web-v1'), '200', 2),
    // unserviced from outside the namespace (Q0): no healthy upstream
    req('source', INGRESS, unserviced('shop', 'ghost'), '503', 1, { flags: 'NR' }),
    // unserviced from inside
    req('source', WEB, unserviced('shop', 'ghost'), '503', 0.2, { flags: 'NR' }),
    // unknown destination (404 NR at a gateway-like caller in the namespace)
    req('source', WEB, unknownDst, '404', 0.1, { flags: 'NR' }),
    // egress
    req('source', CART, PASSTHROUGH, '200', 0.4),
    req('source', CART, blackhole, '502', 0.3, { flags: 'UH' }),
    // destination without a sidecar: only the source reports, destination workload known from discovery
    req('source', WEB, dst('shop', 'legacy-v1'), '200', 0.6),
    // gRPC
    ...both(WEB, dst('shop', 'reviews-v1'), '200', 4, { protocol: 'grpc', grpcStatus: '0' }),
    ...both(WEB, dst('shop', 'reviews-v1'), '200', 0.2, { protocol: 'grpc', grpcStatus: '14' }),
    ...both(WEB, dst('shop', 'reviews-v1'), '0', 0.1, { protocol: 'grpc', grpcStatus: '', flags: 'DC' }),
    msg('source', 'istio_request_messages_total', WEB, dst('shop', 'reviews-v1'), 7),
    msg('destination', 'istio_request_messages_total', WEB, dst('shop', 'reviews-v1'), 7),
    msg('source', 'istio_response_messages_total', WEB, dst('shop', 'reviews-v1'), 9),
    msg('destination', 'istio_response_messages_total', WEB, dst('shop', 'reviews-v1'), 9),
    // TCP: Istio names L4 bytes from the other side (sent ↔ received)
    tcp('source', 'istio_tcp_received_bytes_total', PAYMENT, dst('pay', 'db-v1'), 1000),
    tcp('destination', 'istio_tcp_received_bytes_total', PAYMENT, dst('pay', 'db-v1'), 1000),
    tcp('source', 'istio_tcp_sent_bytes_total', PAYMENT, dst('pay', 'db-v1'), 200),
    tcp('destination', 'istio_tcp_sent_bytes_total', PAYMENT, dst('pay', 'db-v1'), 200),
    // a tiny rate that round(…, 0.001) turns into 0: an edge without traffic
    ...both(REVIEWS, dst('shop', 'ratings-v1'), '200', 0.0004),
    // bad telemetry: namespace without workload or app
    req(
      'destination',
      { cluster: 'c1', ns: 'shop', wl: 'unknown', app: 'unknown', ver: 'unknown' },
      dst('shop', 'cart-v1'),
      '200',
      1
    ),
  ];
}
