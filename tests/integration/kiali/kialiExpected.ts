/**
 * Kiali's expected graphs (kiali/kiali graph/api/testdata/*.expected at d733a096), restated per node and edge in
 * a readable form: node keys are "<nodeType> <cluster>/<namespace>/<name>", edge keys "<source> > <target> <protocol>".
 * Numbers stay Kiali's strings. Generated from the golden files, then reviewed; see KIALI_COVERAGE.md.
 *
 * Long on purpose: data, restated from Kiali's golden files.
 */
import { ExpectedGraph } from './expectations';

/** test_workload_graph.expected */
export const workload: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bankapp/deposit-v1': {
      traffic: { grpcIn: '50.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bankapp/pricing-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/kiali-2412': { traffic: { httpIn: '50.00' } },
    'workload east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'workload east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '62.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/bookinfo/ratings-v1': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
    },
    'workload east/bookinfo/reviews-v1': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v2': {
      traffic: { httpIn: '40.00', httpOut: '50.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/reviews-v3': {
      traffic: { grpcOut: '50.00', httpIn: '40.00', httpOut: '74.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/tcp-v1': { traffic: { tcpIn: '1162.00' }, destServices: ['east/bookinfo/tcp'] },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '300.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '100.00', tcpOut: '800.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/pricing-v1 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/deposit-v1 grpc': {
      rates: { grpc: '50.00', grpcPercentReq: '100.0' },
      responses: { '0': { flags: { '-': '100.0' }, hosts: { 'deposit:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '40.5' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/reviews-v3 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '5.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '300.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '800.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/kiali-2412 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '60.0' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '62.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_app_graph.expected */
export const app: ExpectedGraph = {
  graphType: 'app',
  nodes: {
    'app east/bankapp/deposit': {
      traffic: { grpcIn: '50.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'app east/bankapp/pricing': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/kiali-2412': { traffic: { httpIn: '50.00' } },
    'app east/bookinfo/details': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'app east/bookinfo/productpage': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '62.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'app east/bookinfo/ratings': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
    },
    'app east/bookinfo/reviews': {
      traffic: { grpcOut: '50.00', httpIn: '100.00', httpOut: '124.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'app east/bookinfo/tcp': { traffic: { tcpIn: '1162.00' }, destServices: ['east/bookinfo/tcp'] },
    'app east/istio-system/ingressgateway': {
      traffic: { httpOut: '100.00', tcpOut: '300.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '100.00', tcpOut: '800.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'app east/istio-system/ingressgateway > app east/bookinfo/tcp tcp': {
      rates: { tcp: '300.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'app east/istio-system/ingressgateway > app east/bookinfo/productpage http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/kiali-2412 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > app east/bookinfo/tcp tcp': {
      rates: { tcp: '800.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > app east/bookinfo/productpage http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage > app east/bookinfo/details http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'app east/bookinfo/productpage > app east/bookinfo/tcp tcp': {
      rates: { tcp: '62.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage > app east/bookinfo/productpage http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage > app east/bookinfo/reviews http': {
      rates: { http: '60.00', httpPercentReq: '37.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/reviews > app east/bankapp/deposit grpc': {
      rates: { grpc: '50.00', grpcPercentReq: '100.0' },
      responses: { '0': { flags: { '-': '100.0' }, hosts: { 'deposit:9080': '100.0' } } },
    },
    'app east/bookinfo/reviews > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '3.2' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'app east/bookinfo/reviews > app east/bankapp/pricing http': {
      rates: { http: '20.00', httpPercentReq: '16.1' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'app east/bookinfo/reviews > app east/bookinfo/ratings http': {
      rates: { http: '60.00', http5xx: '20.00', httpPercentErr: '33.3', httpPercentReq: '48.4' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'app east/bookinfo/reviews > app east/bookinfo/reviews http': {
      rates: { http: '40.00', httpPercentReq: '32.3' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
  },
};

/** test_versioned_app_graph.expected */
export const versionedApp: ExpectedGraph = {
  graphType: 'versionedApp',
  nodes: {
    'box:app east/bookinfo/reviews': {},
    'app east/bankapp/deposit-v1': {
      traffic: { grpcIn: '50.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'app east/bankapp/pricing-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/kiali-2412': { traffic: { httpIn: '50.00' } },
    'app east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'app east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '62.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'app east/bookinfo/ratings-v1': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
    },
    'app east/bookinfo/reviews-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/reviews-v2': {
      traffic: { httpIn: '40.00', httpOut: '50.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/reviews-v3': {
      traffic: { grpcOut: '50.00', httpIn: '40.00', httpOut: '74.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/tcp-v1': { traffic: { tcpIn: '1162.00' }, destServices: ['east/bookinfo/tcp'] },
    'app east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '300.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '100.00', tcpOut: '800.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'app east/bookinfo/reviews-v2 > app east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/reviews-v2 > app east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '60.0' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'app east/bookinfo/reviews-v3 > app east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '40.5' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'app east/bookinfo/reviews-v3 > app east/bankapp/deposit-v1 grpc': {
      rates: { grpc: '50.00', grpcPercentReq: '100.0' },
      responses: { '0': { flags: { '-': '100.0' }, hosts: { 'deposit:9080': '100.0' } } },
    },
    'app east/bookinfo/reviews-v3 > app east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/reviews-v3 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '5.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'app east/bookinfo/reviews-v3 > app east/bankapp/pricing-v1 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > app east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '800.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > app east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/kiali-2412 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '62.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/istio-system/ingressgateway-unknown > app east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '300.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'app east/istio-system/ingressgateway-unknown > app east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_service_graph.expected */
export const service: ExpectedGraph = {
  graphType: 'service',
  nodes: {
    'service east/bankapp/deposit': {
      traffic: { grpcIn: '50.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isInjected', 'isOutside'],
    },
    'service east/bankapp/pricing': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isInjected', 'isOutside'],
    },
    'service east/bookinfo/details': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
      flags: ['isInjected'],
    },
    'service east/bookinfo/productpage': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '62.00' },
      destServices: ['east/bookinfo/productpage'],
      flags: ['isInjected'],
    },
    'service east/bookinfo/ratings': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
      flags: ['isInjected'],
    },
    'service east/bookinfo/reviews': {
      traffic: { grpcOut: '50.00', httpIn: '100.00', httpOut: '124.00' },
      destServices: ['east/bookinfo/reviews'],
      flags: ['isInjected'],
    },
    'service east/bookinfo/tcp': {
      traffic: { tcpIn: '1162.00' },
      destServices: ['east/bookinfo/tcp'],
      flags: ['isInjected'],
    },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '300.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '50.00', tcpOut: '800.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'workload east/istio-system/ingressgateway-unknown > service east/bookinfo/tcp tcp': {
      rates: { tcp: '300.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > service east/bookinfo/productpage http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'service east/bookinfo/reviews > service east/bankapp/deposit grpc': {
      rates: { grpc: '50.00', grpcPercentReq: '100.0' },
      responses: { '0': { flags: { '-': '100.0' }, hosts: { 'deposit:9080': '100.0' } } },
    },
    'service east/bookinfo/reviews > service east/bookinfo/ratings http': {
      rates: { http: '60.00', http5xx: '20.00', httpPercentErr: '33.3', httpPercentReq: '48.4' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'service east/bookinfo/reviews > service east/bankapp/pricing http': {
      rates: { http: '20.00', httpPercentReq: '16.1' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'service east/bookinfo/reviews > service east/bookinfo/reviews http': {
      rates: { http: '40.00', httpPercentReq: '32.3' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'service east/bookinfo/reviews > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '3.2' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'unknown unknown/unknown/unknown > service east/bookinfo/tcp tcp': {
      rates: { tcp: '800.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > service east/bookinfo/productpage http': {
      rates: { http: '50.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'service east/bookinfo/productpage > service east/bookinfo/reviews http': {
      rates: { http: '60.00', httpPercentReq: '37.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'service east/bookinfo/productpage > service east/bookinfo/tcp tcp': {
      rates: { tcp: '62.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'service east/bookinfo/productpage > service east/bookinfo/details http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'service east/bookinfo/productpage > service east/bookinfo/productpage http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_rates_sent_graph.expected */
export const ratesSent: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bankapp/deposit-v1': {
      traffic: { grpcIn: '50.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bankapp/pricing-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/kiali-2412': { traffic: { httpIn: '50.00' } },
    'workload east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'workload east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '62.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/bookinfo/ratings-v1': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
    },
    'workload east/bookinfo/reviews-v1': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v2': {
      traffic: { httpIn: '40.00', httpOut: '50.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/reviews-v3': {
      traffic: { grpcOut: '50.00', httpIn: '40.00', httpOut: '74.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/tcp-v1': { traffic: { tcpIn: '1162.00' }, destServices: ['east/bookinfo/tcp'] },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '300.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '100.00', tcpOut: '800.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/pricing-v1 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/deposit-v1 grpc': {
      rates: { grpc: '50.00', grpcPercentReq: '100.0' },
      responses: { '-': { hosts: { 'deposit:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '40.5' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/reviews-v3 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '5.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '300.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '800.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/kiali-2412 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '60.0' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '62.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_rates_received_graph.expected */
export const ratesReceived: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bankapp/deposit-v1': {
      traffic: { grpcIn: '100.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bankapp/pricing-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/kiali-2412': { traffic: { httpIn: '50.00' } },
    'workload east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'workload east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '31.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/bookinfo/ratings-v1': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
    },
    'workload east/bookinfo/reviews-v1': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v2': {
      traffic: { httpIn: '40.00', httpOut: '50.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/reviews-v3': {
      traffic: { grpcOut: '100.00', httpIn: '40.00', httpOut: '74.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/tcp-v1': { traffic: { tcpIn: '581.00' }, destServices: ['east/bookinfo/tcp'] },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '150.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '100.00', tcpOut: '400.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/pricing-v1 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/deposit-v1 grpc': {
      rates: { grpc: '100.00', grpcPercentReq: '100.0' },
      responses: { '-': { hosts: { 'deposit:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '40.5' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/reviews-v3 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '5.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '150.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '400.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/kiali-2412 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '60.0' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '31.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_rates_total_graph.expected */
export const ratesTotal: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bankapp/deposit-v1': {
      traffic: { grpcIn: '150.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bankapp/pricing-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bankapp/pricing'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/kiali-2412': { traffic: { httpIn: '50.00' } },
    'workload east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'workload east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '160.00', tcpOut: '93.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/bookinfo/ratings-v1': {
      traffic: { httpIn: '60.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/ratings'],
    },
    'workload east/bookinfo/reviews-v1': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v2': {
      traffic: { httpIn: '40.00', httpOut: '50.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/reviews-v3': {
      traffic: { grpcOut: '150.00', httpIn: '40.00', httpOut: '74.00' },
      destServices: ['east/bookinfo/reviews'],
    },
    'workload east/bookinfo/tcp-v1': { traffic: { tcpIn: '1743.00' }, destServices: ['east/bookinfo/tcp'] },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '450.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': {
      traffic: { httpOut: '100.00', tcpOut: '1200.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/pricing-v1 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'pricing:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '27.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/deposit-v1 grpc': {
      rates: { grpc: '150.00', grpcPercentReq: '100.0' },
      responses: { '-': { hosts: { 'deposit:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v3 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '40.5' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/reviews-v3 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '5.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '450.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '1200.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/kiali-2412 http': {
      rates: { http: '50.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/reviews-v2 > workload east/bookinfo/ratings-v1 http': {
      rates: { http: '30.00', http5xx: '10.00', httpPercentErr: '33.3', httpPercentReq: '60.0' },
      responses: {
        '200': { flags: { '-': '66.7' }, hosts: { 'ratings:9080': '66.7' } },
        '500': { flags: { '-': '33.3' }, hosts: { 'ratings:9080': '33.3' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '50.0',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '93.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.5' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_rates_none_graph.expected */
export const ratesNone: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bankapp/deposit-v1': {
      traffic: { grpcIn: '150.00' },
      destServices: ['east/bankapp/deposit'],
      flags: ['isInaccessible', 'isOutside'],
    },
    'workload east/bookinfo/productpage-v1': { traffic: { tcpOut: '93.00' }, flags: ['isRoot'] },
    'workload east/bookinfo/reviews-v3': { traffic: { grpcOut: '150.00' }, flags: ['isRoot'] },
    'workload east/bookinfo/tcp-v1': { traffic: { tcpIn: '1743.00' }, destServices: ['east/bookinfo/tcp'] },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { tcpOut: '450.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'unknown unknown/unknown/unknown': { traffic: { tcpOut: '1200.00' }, flags: ['isInaccessible', 'isRoot'] },
  },
  edges: {
    'workload east/bookinfo/reviews-v3 > workload east/bankapp/deposit-v1 grpc': {
      rates: { grpc: '150.00', grpcPercentReq: '100.0' },
      responses: { '-': { hosts: { 'deposit:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '450.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '1200.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '93.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
  },
};

/** test_workload_node_graph.expected */
export const workloadNode: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'workload east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '164.00', tcpOut: '31.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/bookinfo/reviews-v1': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v2': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v3': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/tcp-v1': { traffic: { tcpIn: '31.00' }, destServices: ['east/bookinfo/tcp'] },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': { traffic: { httpOut: '50.00' }, flags: ['isInaccessible', 'isRoot'] },
  },
  edges: {
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '48.8',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '31.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '2.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
  },
};

/** test_app_node_graph.expected */
export const appNode: ExpectedGraph = {
  graphType: 'versionedApp',
  nodes: {
    'box:app east/bookinfo/reviews': {},
    'app east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'app east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '164.00', tcpOut: '31.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'app east/bookinfo/reviews-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/reviews-v2': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/reviews-v3': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/tcp-v1': { traffic: { tcpIn: '31.00' }, destServices: ['east/bookinfo/tcp'] },
    'app east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': { traffic: { httpOut: '50.00' }, flags: ['isInaccessible', 'isRoot'] },
  },
  edges: {
    'unknown unknown/unknown/unknown > app east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '48.8',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '31.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '2.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'app east/istio-system/ingressgateway-unknown > app east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_versioned_app_node_graph.expected */
export const versionedAppNode: ExpectedGraph = {
  graphType: 'versionedApp',
  nodes: {
    'box:app east/bookinfo/reviews': {},
    'app east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'app east/bookinfo/productpage-v1': {
      traffic: { httpIn: '170.00', httpOut: '164.00', tcpOut: '31.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'app east/bookinfo/reviews-v1': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/reviews-v2': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/reviews-v3': {
      traffic: { httpIn: '20.00' },
      destServices: ['east/bookinfo/reviews'],
      parent: 'box:app east/bookinfo/reviews',
    },
    'app east/bookinfo/tcp-v1': { traffic: { tcpIn: '31.00' }, destServices: ['east/bookinfo/tcp'] },
    'app east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': { traffic: { httpOut: '50.00' }, flags: ['isInaccessible', 'isRoot'] },
  },
  edges: {
    'unknown unknown/unknown/unknown > app east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '48.8',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '31.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > app east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app east/bookinfo/productpage-v1 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '2.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
    'app east/istio-system/ingressgateway-unknown > app east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_service_node_graph.expected */
export const serviceNode: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bookinfo/productpage-v1': {
      traffic: { httpIn: '100.00', tcpIn: '31.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00', tcpOut: '31.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
  },
  edges: {
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 tcp': {
      rates: { tcp: '31.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
  },
};

/** test_rates_node_graph_total.expected */
export const ratesNodeTotal: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload east/bookinfo/details-v1': {
      traffic: { httpIn: '80.00', httpIn3xx: '20.00', httpIn4xx: '20.00', httpIn5xx: '20.00' },
      destServices: ['east/bookinfo/details'],
    },
    'workload east/bookinfo/productpage-v1': {
      traffic: { grpcOut: '93.00', httpIn: '170.00', httpOut: '164.00', tcpOut: '93.00' },
      destServices: ['east/bookinfo/productpage'],
    },
    'workload east/bookinfo/reviews-v1': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v2': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/reviews-v3': { traffic: { httpIn: '20.00' }, destServices: ['east/bookinfo/reviews'] },
    'workload east/bookinfo/tcp-v1': {
      traffic: { grpcIn: '93.00', tcpIn: '93.00' },
      destServices: ['east/bookinfo/tcp'],
    },
    'workload east/istio-system/ingressgateway-unknown': {
      traffic: { httpOut: '100.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'service unknown/unknown/unknown': { traffic: { httpIn: '4.00', httpIn4xx: '4.00' }, flags: ['isInaccessible'] },
    'unknown unknown/unknown/unknown': { traffic: { httpOut: '50.00' }, flags: ['isInaccessible', 'isRoot'] },
  },
  edges: {
    'workload east/istio-system/ingressgateway-unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v3 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/details-v1 http': {
      rates: {
        http: '80.00',
        http3xx: '20.00',
        http4xx: '20.00',
        http5xx: '20.00',
        httpPercentErr: '50.0',
        httpPercentReq: '48.8',
      },
      responses: {
        '200': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '300': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '400': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
        '500': { flags: { '-': '25.0' }, hosts: { 'details:9080': '25.0' } },
      },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 grpc': {
      rates: { grpc: '93.00', grpcPercentReq: '100.0' },
      responses: { '-': { hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/tcp-v1 tcp': {
      rates: { tcp: '93.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'tcp:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/reviews-v2 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > workload east/bookinfo/productpage-v1 http': {
      rates: { http: '20.00', httpPercentReq: '12.2' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'workload east/bookinfo/productpage-v1 > service unknown/unknown/unknown http': {
      rates: { http: '4.00', http4xx: '4.00', httpPercentErr: '100.0', httpPercentReq: '2.4' },
      responses: { '404': { flags: { NR: '100.0' }, hosts: { unknown: '100.0' } } },
    },
  },
};

/** test_complex_graph.expected */
export const complex: ExpectedGraph = {
  graphType: 'versionedApp',
  nodes: {
    'service cluster-bookinfo/bookinfo/app.example.com': {
      traffic: { httpIn: '300.00' },
      destServices: ['cluster-bookinfo/bookinfo/app.example.com'],
    },
    'app cluster-bookinfo/bookinfo/productpage-v1': {
      traffic: { httpIn: '100.00' },
      destServices: ['cluster-bookinfo/bookinfo/productpage'],
    },
    'app cluster-cp/istio-system/istio-egressgateway': { traffic: { httpOut: '400.00' }, flags: ['isRoot'] },
    'app cluster-tutorial/bookinfo/reviews-v1': {
      traffic: { httpIn: '700.00' },
      destServices: ['cluster-tutorial/bookinfo/reviews'],
    },
    'app cluster-tutorial/istio-system/istio-egressgateway': {
      traffic: { grpcIn: '600.00', grpcInNoResponse: '600.00', httpIn: '900.00', httpInNoResponse: '500.00' },
      destServices: ['cluster-tutorial/istio-system/istio-egressgateway'],
    },
    'app cluster-tutorial/outsider/outsider-ingress': {
      traffic: { httpOut: '50.00' },
      flags: ['isInaccessible', 'isOutside', 'isRoot'],
    },
    'app cluster-tutorial/tutorial/customer-v1': {
      traffic: { grpcIn: '50.00', grpcOut: '600.00', httpOut: '1950.00' },
      destServices: ['cluster-tutorial/tutorial/customer'],
    },
    'service unknown/unknown/app.example-2.com': {
      traffic: { httpIn: '400.00' },
      destServices: ['unknown/unknown/app.example-2.com'],
      flags: ['isInaccessible'],
    },
    'service unknown/unknown/reviews': {
      traffic: { httpIn: '50.00', httpIn5xx: '50.00' },
      destServices: ['unknown/unknown/reviews'],
      flags: ['isInaccessible'],
    },
    'unknown unknown/unknown/unknown': {
      traffic: { grpcOut: '50.00', httpOut: '50.00' },
      flags: ['isInaccessible', 'isRoot'],
    },
  },
  edges: {
    'app cluster-cp/istio-system/istio-egressgateway > service unknown/unknown/app.example-2.com http': {
      rates: { http: '400.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'app.example-2.com': '100.0' } } },
    },
    'app cluster-tutorial/tutorial/customer-v1 > app cluster-tutorial/bookinfo/reviews-v1 http': {
      rates: { http: '700.00', httpPercentReq: '35.9' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { reviews: '100.0' } } },
    },
    'app cluster-tutorial/tutorial/customer-v1 > service cluster-bookinfo/bookinfo/app.example.com http': {
      rates: { http: '300.00', httpPercentReq: '15.4' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'app.example.com': '100.0' } } },
    },
    'app cluster-tutorial/tutorial/customer-v1 > app cluster-tutorial/istio-system/istio-egressgateway grpc': {
      rates: { grpc: '600.00', grpcNoResponse: '600.00', grpcPercentErr: '100.0', grpcPercentReq: '100.0' },
      responses: {
        '-': { flags: { DC: '100.0' }, hosts: { 'istio-egressgateway.istio-system.svc.cluster.local': '100.0' } },
      },
    },
    'app cluster-tutorial/tutorial/customer-v1 > app cluster-tutorial/istio-system/istio-egressgateway http': {
      rates: { http: '900.00', httpNoResponse: '500.00', httpPercentErr: '55.6', httpPercentReq: '46.2' },
      responses: {
        '-': { flags: { DC: '55.6' }, hosts: { 'istio-egressgateway.istio-system.svc.cluster.local': '55.6' } },
        '200': { flags: { '-': '44.4' }, hosts: { 'istio-egressgateway.istio-system.svc.cluster.local': '44.4' } },
      },
    },
    'app cluster-tutorial/tutorial/customer-v1 > app cluster-bookinfo/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '2.6' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > app cluster-tutorial/tutorial/customer-v1 grpc': {
      rates: { grpc: '50.00', grpcPercentReq: '100.0' },
      responses: { '0': { flags: { '-': '100.0' }, hosts: { 'customer:9080': '100.0' } } },
    },
    'unknown unknown/unknown/unknown > app cluster-bookinfo/bookinfo/productpage-v1 http': {
      rates: { http: '50.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage:9080': '100.0' } } },
    },
    'app cluster-tutorial/outsider/outsider-ingress > service unknown/unknown/reviews http': {
      rates: { http: '50.00', http5xx: '50.00', httpPercentErr: '100.0', httpPercentReq: '100.0' },
      responses: { '503': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
  },
};

/** test_mc_source_graph.expected */
export const multiClusterSource: ExpectedGraph = {
  graphType: 'versionedApp',
  nodes: {
    'box:app kukulcan/bookinfo/reviews': {},
    'box:app tzotz/bookinfo/reviews': {},
    'service kukulcan/bookinfo/details': {
      traffic: { httpIn: '100.00', httpOut: '100.00' },
      destServices: ['kukulcan/bookinfo/details'],
      flags: ['isInjected'],
    },
    'service kukulcan/bookinfo/productpage': {
      traffic: { httpIn: '100.00', httpOut: '100.00' },
      destServices: ['kukulcan/bookinfo/productpage'],
      flags: ['isInjected'],
    },
    'service kukulcan/bookinfo/reviews': {
      traffic: { httpIn: '200.00', httpOut: '200.00' },
      destServices: ['kukulcan/bookinfo/reviews'],
      flags: ['isInjected'],
    },
    'app kukulcan/bookinfo/details-v1': { traffic: { httpIn: '100.00' }, destServices: ['kukulcan/bookinfo/details'] },
    'app kukulcan/bookinfo/productpage-v1': {
      traffic: { httpIn: '100.00', httpOut: '500.00' },
      destServices: ['kukulcan/bookinfo/productpage'],
    },
    'app kukulcan/bookinfo/reviews-v1': {
      traffic: { httpIn: '100.00' },
      destServices: ['kukulcan/bookinfo/reviews'],
      parent: 'box:app kukulcan/bookinfo/reviews',
    },
    'app kukulcan/bookinfo/reviews-v2': {
      traffic: { httpIn: '100.00', httpOut: '100.00' },
      destServices: ['kukulcan/bookinfo/reviews'],
      parent: 'box:app kukulcan/bookinfo/reviews',
    },
    'app kukulcan/istio-system/istio-ingressgateway': {
      traffic: { httpOut: '100.00' },
      flags: ['isOutside', 'isRoot'],
    },
    'service tzotz/bookinfo/ratings': {
      traffic: { httpIn: '100.00', httpOut: '100.00' },
      destServices: ['tzotz/bookinfo/ratings'],
      flags: ['isInjected'],
    },
    'service tzotz/bookinfo/reviews': {
      traffic: { httpIn: '200.00', httpOut: '200.00' },
      destServices: ['tzotz/bookinfo/reviews'],
      flags: ['isInjected'],
    },
    'app tzotz/bookinfo/kiali#4488-dest-v1': {
      traffic: { httpIn: '100.00' },
      destServices: ['tzotz/bookinfo/PassthroughCluster'],
    },
    'app tzotz/bookinfo/kiali#4488-source-v1': { traffic: { httpOut: '100.00' }, flags: ['isRoot'] },
    'app tzotz/bookinfo/ratings-v1': { traffic: { httpIn: '100.00' }, destServices: ['tzotz/bookinfo/ratings'] },
    'app tzotz/bookinfo/reviews-v2': {
      traffic: { httpIn: '100.00' },
      destServices: ['tzotz/bookinfo/reviews'],
      parent: 'box:app tzotz/bookinfo/reviews',
    },
    'app tzotz/bookinfo/reviews-v3': {
      traffic: { httpIn: '100.00' },
      destServices: ['tzotz/bookinfo/reviews'],
      parent: 'box:app tzotz/bookinfo/reviews',
    },
  },
  edges: {
    'app kukulcan/bookinfo/productpage-v1 > service tzotz/bookinfo/reviews http': {
      rates: { http: '200.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'app kukulcan/bookinfo/productpage-v1 > service kukulcan/bookinfo/details http': {
      rates: { http: '100.00', httpPercentReq: '20.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'details.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'app kukulcan/bookinfo/productpage-v1 > service kukulcan/bookinfo/reviews http': {
      rates: { http: '200.00', httpPercentReq: '40.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'app tzotz/bookinfo/kiali#4488-source-v1 > app tzotz/bookinfo/kiali#4488-dest-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { '10.2.3.4:8080': '100.0' } } },
    },
    'service tzotz/bookinfo/reviews > app tzotz/bookinfo/reviews-v2 http': {
      rates: { http: '100.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'service tzotz/bookinfo/reviews > app tzotz/bookinfo/reviews-v3 http': {
      rates: { http: '100.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'app kukulcan/istio-system/istio-ingressgateway > service kukulcan/bookinfo/productpage http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'app kukulcan/bookinfo/reviews-v2 > service tzotz/bookinfo/ratings http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'ratings.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'service kukulcan/bookinfo/productpage > app kukulcan/bookinfo/productpage-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'productpage.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'service kukulcan/bookinfo/details > app kukulcan/bookinfo/details-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'details.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'service tzotz/bookinfo/ratings > app tzotz/bookinfo/ratings-v1 http': {
      rates: { http: '100.00', httpPercentReq: '100.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'ratings.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'service kukulcan/bookinfo/reviews > app kukulcan/bookinfo/reviews-v2 http': {
      rates: { http: '100.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
    'service kukulcan/bookinfo/reviews > app kukulcan/bookinfo/reviews-v1 http': {
      rates: { http: '100.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
    },
  },
};

/** test_ambient_graph.expected */
export const ambient: ExpectedGraph = {
  graphType: 'workload',
  nodes: {
    'workload Kubernetes/bookinfo/waypoint': {
      traffic: { tcpIn: '100.00', tcpOut: '250.00' },
      destServices: ['Kubernetes/bookinfo/details', 'Kubernetes/bookinfo/reviews'],
      flags: ['isWaypoint'],
    },
    'workload Kubernetes/bookinfo/details-v1': {
      traffic: { httpIn: '10.00', tcpIn: '50.00' },
      destServices: ['Kubernetes/bookinfo/details'],
    },
    'workload Kubernetes/bookinfo/productpage-v1': {
      traffic: { httpOut: '20.00', tcpIn: '150.00', tcpOut: '100.00' },
      destServices: ['Kubernetes/bookinfo/productpage'],
      flags: ['isRoot'],
    },
    'workload Kubernetes/bookinfo/reviews-v1': {
      traffic: { httpIn: '10.00', tcpIn: '50.00' },
      destServices: ['Kubernetes/bookinfo/reviews'],
    },
  },
  edges: {
    'workload Kubernetes/bookinfo/productpage-v1 > workload Kubernetes/bookinfo/details-v1 http': {
      rates: { http: '10.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'details:9080': '100.0' } } },
    },
    'workload Kubernetes/bookinfo/productpage-v1 > workload Kubernetes/bookinfo/waypoint tcp': {
      rates: { tcp: '100.00' },
      responses: {
        '-': {
          flags: { '-': '100.0' },
          hosts: { 'details.bookinfo.svc.cluster.local': '50.0', 'reviews.bookinfo.svc.cluster.local': '50.0' },
        },
      },
      waypoint: {
        direction: 'to',
        fromEdge: {
          source: 'workload Kubernetes/bookinfo/productpage-v1',
          target: 'workload Kubernetes/bookinfo/productpage-v1',
          rates: { tcp: '150.00' },
          responses: { '-': { flags: { '-': '100.0' }, hosts: { 'productpage.bookinfo.svc.cluster.local': '100.0' } } },
        },
      },
    },
    'workload Kubernetes/bookinfo/productpage-v1 > workload Kubernetes/bookinfo/reviews-v1 http': {
      rates: { http: '10.00', httpPercentReq: '50.0' },
      responses: { '200': { flags: { '-': '100.0' }, hosts: { 'reviews:9080': '100.0' } } },
    },
    'workload Kubernetes/bookinfo/waypoint > workload Kubernetes/bookinfo/details-v1 tcp': {
      rates: { tcp: '50.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'details.bookinfo.svc.cluster.local': '100.0' } } },
      waypoint: { direction: 'from' },
    },
    'workload Kubernetes/bookinfo/waypoint > workload Kubernetes/bookinfo/reviews-v1 tcp': {
      rates: { tcp: '50.00' },
      responses: { '-': { flags: { '-': '100.0' }, hosts: { 'reviews.bookinfo.svc.cluster.local': '100.0' } } },
      waypoint: { direction: 'from' },
    },
  },
};
