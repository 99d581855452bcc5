/**
 * The inputs of Kiali's graph API tests (kiali/kiali graph/api/api_test.go at d733a096) as raw Istio series for a real
 * store: every sample Kiali's mocks answer becomes a counter of that metric, with the reporter of the query that
 * returned it and the sample value as its per-second rate. A request reported by both proxies appears once per
 * reporter, as Istio emits it; the store, not a mock, decides what each query returns. Generated from the test
 * file, then reviewed; see KIALI_COVERAGE.md for the few places where a mock answers what its own selector could
 * not match and the inputs had to be adjusted.
 *
 * Long on purpose: data, restated from Kiali's test file.
 */
import { RawIstioSeries, dst, src, series } from './istioSeries';

/** TestAppGraph, TestVersionedAppGraph, TestServiceGraph, TestWorkloadGraph, TestRatesGraphSent/Received/Total/None (mockNamespaceGraph + mockNamespaceRatesGraph) */
export const bookinfoNamespace: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', '', '', 'bookinfo', 'kiali-2412', '', ''),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '300', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '400', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '300', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '400', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bookinfo', 'ratings:9080', 'ratings', 'bookinfo', 'ratings-v1', 'ratings', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bankapp', 'pricing:9080', 'pricing', 'bankapp', 'pricing-v1', 'pricing', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '404', response_flags: 'NR' },
    4
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bankapp', 'deposit:9080', 'deposit', 'bankapp', 'deposit-v1', 'deposit', 'v1'),
    { request_protocol: 'grpc', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_tcp_sent_bytes_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    150
  ),
  series(
    'istio_tcp_sent_bytes_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    400
  ),
  series(
    'istio_tcp_sent_bytes_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
  series(
    'istio_tcp_sent_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    300
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    800
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    62
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    62
  ),
  series(
    'istio_request_messages_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bankapp', 'deposit:9080', 'deposit', 'bankapp', 'deposit-v1', 'deposit', 'v1'),
    {},
    50
  ),
  series(
    'istio_response_messages_total',
    'source',
    src('east', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    dst('east', 'bankapp', 'deposit:9080', 'deposit', 'bankapp', 'deposit-v1', 'deposit', 'v1'),
    {},
    100
  ),
];

/** TestWorkloadNodeGraph */
export const workloadNode: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '300', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '400', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '404', response_flags: 'NR' },
    4
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
];

/** TestAppNodeGraph */
export const appNode: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '300', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '400', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '404', response_flags: 'NR' },
    4
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
];

/** TestVersionedAppNodeGraph */
export const versionedAppNode: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '300', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '400', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '404', response_flags: 'NR' },
    4
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
];

/** TestServiceNodeGraph */
export const serviceNode: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    100
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { response_flags: '-' },
    31
  ),
];

/** TestRatesNodeGraphTotal */
export const ratesNodeTotal: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('east', 'istio-system', 'ingressgateway-unknown', 'ingressgateway', 'latest'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v3', 'reviews', 'v3'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '300', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '400', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '500', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'productpage:9080', 'productpage', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    20
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '404', response_flags: 'NR' },
    4
  ),
  series(
    'istio_requests_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bankapp', 'deposit:9080', 'deposit', 'bankapp', 'deposit-v1', 'deposit', 'v1'),
    { request_protocol: 'grpc', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_request_messages_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
  series(
    'istio_response_messages_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    62
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    31
  ),
  series(
    'istio_tcp_sent_bytes_total',
    'source',
    src('east', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('east', 'bookinfo', 'tcp:9080', 'tcp', 'bookinfo', 'tcp-v1', 'tcp', 'v1'),
    { response_flags: '-' },
    62
  ),
];

/** TestComplexGraph */
export const complex: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'outsider', 'outsider-ingress', 'outsider-ingress', 'latest'),
    dst(
      'unknown',
      'unknown',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'unknown',
      'unknown',
      'unknown',
      'latest'
    ),
    { request_protocol: 'http', response_code: '503', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      'productpage:9080',
      'productpage',
      'bookinfo',
      'productpage-v1',
      'productpage',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      'productpage:9080',
      'productpage',
      'bookinfo',
      'productpage-v1',
      'productpage',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      '10.20.30.40:9080',
      '10.20.30.40:9080',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'destination',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst('cluster-bookinfo', 'bookinfo', '10.20.30.40', '10.20.30.40', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    200
  ),
  series(
    'istio_requests_total',
    'destination',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      'app.example.com',
      'app.example.com',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    300
  ),
  series(
    'istio_requests_total',
    'destination',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst('unknown', 'bookinfo', 'reviews', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    700
  ),
  series(
    'istio_requests_total',
    'destination',
    src('unknown', 'unknown', 'unknown', 'unknown', 'unknown'),
    dst('cluster-tutorial', 'tutorial', 'customer:9080', 'customer', 'tutorial', 'customer-v1', 'customer', 'v1'),
    { request_protocol: 'grpc', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'destination',
    src('cluster-tutorial', 'bad-source-telemetry-case-1', 'unknown', 'unknown', 'unknown'),
    dst('cluster-tutorial', 'tutorial', 'customer:9080', 'customer', 'tutorial', 'customer-v1', 'customer', 'v1'),
    { request_protocol: 'grpc', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      'productpage:9080',
      'productpage',
      'bookinfo',
      'productpage-v1',
      'productpage',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    50
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      '10.20.30.40:9080',
      '10.20.30.40:9080',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst('cluster-bookinfo', 'bookinfo', '10.20.30.40', '10.20.30.40', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    200
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'cluster-bookinfo',
      'bookinfo',
      'app.example.com',
      'app.example.com',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    300
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'unknown',
      'unknown',
      'istio-egressgateway.istio-system.svc.cluster.local',
      'istio-egressgateway.istio-system.svc.cluster.local',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    400
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'unknown',
      'unknown',
      'istio-egressgateway.istio-system.svc.cluster.local',
      'istio-egressgateway.istio-system.svc.cluster.local',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'http', response_code: '0', response_flags: 'DC' },
    500
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst(
      'unknown',
      'unknown',
      'istio-egressgateway.istio-system.svc.cluster.local',
      'istio-egressgateway.istio-system.svc.cluster.local',
      'unknown',
      'unknown',
      'unknown',
      'unknown'
    ),
    { request_protocol: 'grpc', response_code: '0', response_flags: 'DC' },
    600
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-tutorial', 'tutorial', 'customer-v1', 'customer', 'v1'),
    dst('unknown', 'bookinfo', 'reviews', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    700
  ),
  series(
    'istio_requests_total',
    'source',
    src('cluster-cp', 'istio-system', 'istio-egressgateway', 'istio-egressgateway', 'latest'),
    dst('unknown', 'unknown', 'app.example-2.com', 'app.example-2.com', 'unknown', 'unknown', 'unknown', 'unknown'),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    400
  ),
];

/** TestMultiClusterSourceGraph */
export const multiClusterSource: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'kukulcan',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v2',
      'reviews',
      'v2'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'destination',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'kukulcan',
      'bookinfo',
      'details.bookinfo.svc.cluster.local',
      'details',
      'bookinfo',
      'details-v1',
      'details',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'destination',
    src('kukulcan', 'istio-system', 'istio-ingressgateway', 'istio-ingressgateway', 'latest'),
    dst(
      'kukulcan',
      'bookinfo',
      'productpage.bookinfo.svc.cluster.local',
      'productpage',
      'bookinfo',
      'productpage-v1',
      'productpage',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'destination',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'kukulcan',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v1',
      'reviews',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'tzotz',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v3',
      'reviews',
      'v3'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('kukulcan', 'bookinfo', 'reviews-v2', 'reviews', 'v2'),
    dst(
      'tzotz',
      'bookinfo',
      'ratings.bookinfo.svc.cluster.local',
      'ratings',
      'bookinfo',
      'ratings-v1',
      'ratings',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'kukulcan',
      'bookinfo',
      'details.bookinfo.svc.cluster.local',
      'details',
      'bookinfo',
      'details-v1',
      'details',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'kukulcan',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v1',
      'reviews',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'kukulcan',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v2',
      'reviews',
      'v2'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('kukulcan', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'tzotz',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v2',
      'reviews',
      'v2'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
  series(
    'istio_requests_total',
    'source',
    src('tzotz', 'bookinfo', 'kiali#4488-source-v1', 'kiali#4488-source', 'v1'),
    dst(
      'tzotz',
      'bookinfo',
      '10.2.3.4:8080',
      'PassthroughCluster',
      'bookinfo',
      'kiali#4488-dest-v1',
      'kiali#4488-dest',
      'v1'
    ),
    { request_protocol: 'http', response_code: '200', response_flags: '-' },
    100
  ),
];

/** TestAmbientGraph (ambientMockGraph) */
export const ambient: RawIstioSeries[] = [
  series(
    'istio_requests_total',
    'destination',
    src('Kubernetes', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('Kubernetes', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'destination',
    src('Kubernetes', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('Kubernetes', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'source',
    src('Kubernetes', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('Kubernetes', 'bookinfo', 'details:9080', 'details', 'bookinfo', 'details-v1', 'details', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    10
  ),
  series(
    'istio_requests_total',
    'source',
    src('Kubernetes', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst('Kubernetes', 'bookinfo', 'reviews:9080', 'reviews', 'bookinfo', 'reviews-v1', 'reviews', 'v1'),
    { request_protocol: 'http', response_code: '200', grpc_response_status: '0', response_flags: '-' },
    10
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('Kubernetes', 'bookinfo', 'waypoint', 'waypoint', 'latest'),
    dst(
      'Kubernetes',
      'bookinfo',
      'productpage.bookinfo.svc.cluster.local',
      'productpage',
      'bookinfo',
      'productpage-v1',
      'productpage',
      'v1'
    ),
    { response_flags: '-', app: 'ztunnel' },
    150
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('Kubernetes', 'bookinfo', 'waypoint', 'waypoint', 'latest'),
    dst(
      'Kubernetes',
      'bookinfo',
      'details.bookinfo.svc.cluster.local',
      'details',
      'bookinfo',
      'details-v1',
      'details',
      'v1'
    ),
    { response_flags: '-', app: 'ztunnel' },
    50
  ),
  series(
    'istio_tcp_received_bytes_total',
    'destination',
    src('Kubernetes', 'bookinfo', 'waypoint', 'waypoint', 'latest'),
    dst(
      'Kubernetes',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'reviews-v1',
      'reviews',
      'v1'
    ),
    { response_flags: '-', app: 'ztunnel' },
    50
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('Kubernetes', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'Kubernetes',
      'bookinfo',
      'details.bookinfo.svc.cluster.local',
      'details',
      'bookinfo',
      'waypoint',
      'waypoint',
      'latest'
    ),
    { response_flags: '-', app: 'ztunnel' },
    50
  ),
  series(
    'istio_tcp_received_bytes_total',
    'source',
    src('Kubernetes', 'bookinfo', 'productpage-v1', 'productpage', 'v1'),
    dst(
      'Kubernetes',
      'bookinfo',
      'reviews.bookinfo.svc.cluster.local',
      'reviews',
      'bookinfo',
      'waypoint',
      'waypoint',
      'latest'
    ),
    { response_flags: '-', app: 'ztunnel' },
    50
  ),
];
