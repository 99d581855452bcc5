// Long on purpose: Kiali's health rules, one case per rule, on small graphs built by the helpers here.
import type { GraphEdge, GraphModel, GraphNode, HealthTolerance, NodeType, Protocol } from '../model';
import {
  applyHealth,
  DEFAULT_TOLERANCES,
  formatHealthAnnotation,
  HealthAnnotationError,
  parseHealthAnnotation,
  validateTolerances,
  workloadReplicaStatus,
} from './health';
import { anchorPattern, codePatternSource, thresholdStatus } from './healthTolerances';
import { emptyNodeRates } from '../fold/trafficMap';

function node(id: string, nodeType: NodeType, extra: Partial<GraphNode> = {}): GraphNode {
  return { id, nodeType, cluster: 'c1', namespace: 'ns', rates: emptyNodeRates(), ...extra };
}

/** An edge whose responses are given as code → absolute rate. */
function edge(source: string, target: string, protocol: Protocol, codes: Record<string, number>): GraphEdge {
  const responses: GraphEdge['responses'] = {};
  let total = 0;
  for (const [code, rate] of Object.entries(codes)) {
    responses[code] = { rate, flags: { '-': rate }, hosts: {} };
    total += rate;
  }
  return {
    id: `${source} ${target} ${protocol}`,
    source,
    target,
    protocol,
    rates: { total, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr: 0, percentReq: 100 },
    responses,
    hasTraffic: total > 0,
  };
}

function graph(nodes: GraphNode[], edges: GraphEdge[]): GraphModel {
  return {
    timestamp: 0,
    duration: 600,
    graphType: 'workload',
    namespaces: ['ns'],
    nodes,
    edges,
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  };
}

/** Status of a single a → b edge with the given responses. */
function singleEdgeStatus(protocol: Protocol, codes: Record<string, number>, tolerances?: HealthTolerance[]) {
  const g = graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', protocol, codes)]);
  applyHealth(g, tolerances);
  return g.edges[0].healthStatus;
}

describe('edge health, worked examples with the default tolerances (§9.5)', () => {
  it('2 % 503 is Degraded (5XX degrades from any error, fails at 10 %)', () => {
    expect(singleEdgeStatus('http', { '200': 98, '503': 2 })).toBe('Degraded');
  });
  it('12 % 500 is Failure', () => {
    expect(singleEdgeStatus('http', { '200': 88, '500': 12 })).toBe('Failure');
  });
  it('12 % 404 is Degraded (4XX 10..20), 25 % 404 is Failure', () => {
    expect(singleEdgeStatus('http', { '200': 88, '404': 12 })).toBe('Degraded');
    expect(singleEdgeStatus('http', { '200': 75, '404': 25 })).toBe('Failure');
  });
  it('9 % 404 stays Healthy (below the 4XX degraded threshold)', () => {
    expect(singleEdgeStatus('http', { '200': 91, '404': 9 })).toBe('Healthy');
  });
  it('only 2xx and 3xx is Healthy', () => {
    expect(singleEdgeStatus('http', { '200': 50, '301': 50 })).toBe('Healthy');
  });
  it('gRPC 3 % status 14 is Degraded; status 0 only is Healthy', () => {
    expect(singleEdgeStatus('grpc', { '0': 97, '14': 3 })).toBe('Degraded');
    expect(singleEdgeStatus('grpc', { '0': 100 })).toBe('Healthy');
  });
  it('gRPC status 17 is outside 1..16 and does not count', () => {
    expect(singleEdgeStatus('grpc', { '0': 50, '17': 50 })).toBe('Healthy');
  });
  it('1 % no response is Degraded', () => {
    expect(singleEdgeStatus('http', { '200': 99, '-': 1 })).toBe('Degraded');
  });
  it('TCP with traffic is Healthy; zero total gives no healthStatus', () => {
    expect(singleEdgeStatus('tcp', { '-': 1000 })).toBe('Healthy');
    expect(singleEdgeStatus('http', {})).toBeUndefined();
    expect(singleEdgeStatus('http', { '200': 0 })).toBeUndefined();
  });
  it('a stale healthStatus is removed when the edge has no traffic', () => {
    const g = graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', 'http', {})]);
    g.edges[0].healthStatus = 'Failure';
    applyHealth(g);
    expect(g.edges[0].healthStatus).toBeUndefined();
  });
});

describe('gRPC measured in messages', () => {
  it('is not judged: message edges only carry "-" codes', () => {
    const build = () => graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', 'grpc', { '-': 40 })]);
    const messages = build();
    applyHealth(messages, DEFAULT_TOLERANCES, { rates: { http: 'requests', grpc: 'sent', tcp: 'sent' } });
    expect(messages.edges[0].healthStatus).toBeUndefined();
    expect(messages.nodes[1].health).toMatchObject({ status: 'NA', inbound: {}, totalRequestRate: 0 });
    // The same edge as gRPC requests is 100 % no response.
    const requests = build();
    applyHealth(requests, DEFAULT_TOLERANCES, { rates: { http: 'requests', grpc: 'requests', tcp: 'sent' } });
    expect(requests.edges[0].healthStatus).toBe('Failure');
  });
});

describe('direction filtering', () => {
  const inboundOnly: HealthTolerance[] = [
    { code: '5XX', protocol: 'http', direction: 'inbound', degraded: 0, failure: 10 },
  ];
  const outboundOnly: HealthTolerance[] = [
    { code: '5XX', protocol: 'http', direction: 'outbound', degraded: 0, failure: 10 },
  ];

  // u → a is clean, a → b fails half the time.
  function build() {
    return graph(
      [node('u', 'unknown', { isInaccessible: true }), node('a', 'workload'), node('b', 'workload')],
      [edge('u', 'a', 'http', { '200': 10 }), edge('a', 'b', 'http', { '200': 5, '500': 5 })]
    );
  }

  it('inbound tolerances judge the destination side: the edge and b fail, a (clean inbound) is Healthy', () => {
    const g = build();
    applyHealth(g, inboundOnly);
    expect(g.edges[1].healthStatus).toBe('Failure');
    expect(g.nodes[1].health?.status).toBe('Healthy');
    expect(g.nodes[2].health?.status).toBe('Failure');
    expect(g.nodes[2].health?.errorRatio).toBeCloseTo(50);
  });

  it('outbound tolerances judge the source side: a fails, b (inbound only) is NA', () => {
    const g = build();
    applyHealth(g, outboundOnly);
    expect(g.edges[1].healthStatus).toBe('Failure');
    expect(g.nodes[1].health?.status).toBe('Failure');
    expect(g.nodes[2].health?.status).toBe('NA');
  });
});

describe('node health', () => {
  it('records requests per direction, protocol and code; total = inbound + outbound', () => {
    const g = graph(
      [node('a', 'workload'), node('b', 'workload'), node('c', 'service')],
      [edge('a', 'b', 'http', { '200': 8, '404': 2 }), edge('b', 'c', 'grpc', { '0': 3 })]
    );
    applyHealth(g);
    const b = g.nodes[1].health!;
    expect(b.inbound).toEqual({ http: { '200': 8, '404': 2 } });
    expect(b.outbound).toEqual({ grpc: { '0': 3 } });
    expect(b.totalRequestRate).toBeCloseTo(13);
    // 20 % 404 inbound reaches the 4XX failure threshold.
    expect(b.status).toBe('Failure');
    expect(b.errorRatio).toBeCloseTo(20);
    expect(g.nodes[2].health?.status).toBe('Healthy');
  });

  it('TCP traffic is not request traffic: a TCP-only node is NA with no request rate', () => {
    const g = graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', 'tcp', { '-': 500 })]);
    applyHealth(g);
    expect(g.nodes[1].health).toMatchObject({ status: 'NA', totalRequestRate: 0, inbound: {} });
  });

  it('workload node = worse(replicas, requests)', () => {
    const scaledDownIdle = node('w1', 'workload', {
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'w1', desiredReplicas: 0, availableReplicas: 0 },
      },
    });
    const noneAvailable = node('w2', 'workload', {
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'w2', desiredReplicas: 2, availableReplicas: 0 },
      },
    });
    const g = graph(
      [node('src', 'workload'), scaledDownIdle, noneAvailable],
      [edge('src', 'w2', 'http', { '200': 1 })]
    );
    applyHealth(g);
    expect(g.nodes[1].health?.status).toBe('Not Ready');
    expect(g.nodes[2].health?.status).toBe('Failure');
    // The replica status survives for the panel.
    expect(g.nodes[2].health?.workloadStatus).toEqual({ name: 'w2', desiredReplicas: 2, availableReplicas: 0 });
  });

  it('versioned app nodes each reflect their own workload; request errors still win when worse', () => {
    const v1 = node('v1', 'app', {
      app: 'reviews',
      workload: 'reviews-v1',
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'reviews-v1', desiredReplicas: 3, availableReplicas: 3 },
      },
    });
    const v2 = node('v2', 'app', {
      app: 'reviews',
      workload: 'reviews-v2',
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'reviews-v2', desiredReplicas: 3, availableReplicas: 1 },
      },
    });
    const g = graph(
      [node('src', 'workload'), v1, v2],
      [edge('src', 'v1', 'http', { '200': 90, '500': 10 }), edge('src', 'v2', 'http', { '200': 10 })]
    );
    applyHealth(g);
    expect(g.nodes[1].health?.status).toBe('Failure'); // 10 % 5xx, replicas fine
    expect(g.nodes[2].health?.status).toBe('Degraded'); // clean traffic, 1 of 3 available
  });

  it('app node of an app graph takes the replica status it carries (the worst of its workloads)', () => {
    const app = node('app', 'app', {
      app: 'reviews',
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'reviews-v2', desiredReplicas: 2, availableReplicas: 1 },
      },
    });
    const g = graph([node('src', 'workload'), app], [edge('src', 'app', 'http', { '200': 1 })]);
    applyHealth(g);
    expect(g.nodes[1].health?.status).toBe('Degraded');
  });

  it('service nodes ignore replica data', () => {
    const svc = node('svc', 'service', {
      health: {
        status: 'NA',
        errorRatio: 0,
        totalRequestRate: 0,
        inbound: {},
        outbound: {},
        workloadStatus: { name: 'x', desiredReplicas: 2, availableReplicas: 0 },
      },
    });
    const g = graph([node('src', 'workload'), svc], [edge('src', 'svc', 'http', { '200': 1 })]);
    applyHealth(g);
    expect(g.nodes[1].health?.status).toBe('Healthy');
  });

  it('inaccessible and unknown nodes are NA whatever their traffic; boxes and operation nodes get no health', () => {
    const g = graph(
      [
        node('u', 'unknown', { isInaccessible: true }),
        node('pt', 'service', { isInaccessible: true, isEgressCluster: true }),
        node('box', 'box', { isBox: 'namespace' }),
        node('op', 'aggregate'),
      ],
      [edge('u', 'pt', 'http', { '500': 10 }), edge('u', 'op', 'http', { '500': 10 })]
    );
    applyHealth(g);
    expect(g.nodes[0].health?.status).toBe('NA');
    expect(g.nodes[1].health?.status).toBe('NA');
    expect(g.nodes[1].health?.inbound).toEqual({ http: { '500': 10 } });
    expect(g.nodes[2].health).toBeUndefined();
    expect(g.nodes[3].health).toBeUndefined();
    // Edges are judged anyway.
    expect(g.edges[0].healthStatus).toBe('Failure');
  });

  it('a node without any edge or replica data is NA', () => {
    const g = graph([node('lonely', 'workload', { isIdle: true })], []);
    applyHealth(g);
    expect(g.nodes[0].health).toEqual({ status: 'NA', errorRatio: 0, totalRequestRate: 0, inbound: {}, outbound: {} });
  });

  it('is idempotent', () => {
    const g = graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', 'http', { '200': 9, '503': 1 })]);
    applyHealth(g);
    const first = JSON.stringify(g);
    applyHealth(g);
    expect(JSON.stringify(g)).toBe(first);
  });
});

describe('custom tolerances', () => {
  it('override the defaults', () => {
    const lenient: HealthTolerance[] = [{ code: '4XX', protocol: 'http', direction: '.*', degraded: 50, failure: 80 }];
    // 25 % 404 fails with the defaults but is fine here; 5xx is not watched at all.
    expect(singleEdgeStatus('http', { '200': 75, '404': 25 }, lenient)).toBe('Healthy');
    expect(singleEdgeStatus('http', { '200': 50, '500': 50 }, lenient)).toBe('Healthy');
    expect(singleEdgeStatus('http', { '200': 40, '404': 60 }, lenient)).toBe('Degraded');
  });

  it('the worst tolerance wins for one protocol', () => {
    const two: HealthTolerance[] = [
      { code: '4XX', protocol: 'http', direction: '.*', degraded: 5, failure: 90 },
      { code: '404', protocol: 'http', direction: '.*', degraded: 1, failure: 10 },
    ];
    expect(singleEdgeStatus('http', { '200': 80, '404': 20 }, two)).toBe('Failure');
  });

  it('invalid tolerances are skipped with a warning and the valid ones still apply', () => {
    const g = graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', 'http', { '200': 98, '503': 2 })]);
    applyHealth(g, [
      { code: '5XX(', protocol: 'http', direction: '.*', degraded: 0, failure: 10 },
      { code: '503', protocol: 'http', direction: '.*', degraded: 1, failure: 50 },
    ]);
    expect(g.edges[0].healthStatus).toBe('Degraded');
    expect(g.notices).toHaveLength(1);
    expect(g.notices[0].severity).toBe('warning');
    expect(g.notices[0].text).toContain('5XX(');
  });

  it('a second call with other tolerances judges afresh (pattern answers are not kept between calls)', () => {
    const g = graph([node('a', 'workload'), node('b', 'workload')], [edge('a', 'b', 'http', { '200': 95, '503': 5 })]);
    applyHealth(g);
    expect(g.edges[0].healthStatus).toBe('Degraded'); // 5 % 5xx: degraded from 0, failure at 10
    applyHealth(g, [{ code: '503', protocol: 'http', direction: '.*', degraded: 1, failure: 4 }]);
    expect(g.edges[0].healthStatus).toBe('Failure');
    applyHealth(g, [{ code: '404', protocol: 'http', direction: '.*', degraded: 1, failure: 4 }]);
    expect(g.edges[0].healthStatus).toBe('Healthy');
  });

  it('the same code is matched per tolerance and protocol: "14" fails a gRPC edge, not an HTTP one', () => {
    const g = graph(
      [node('a', 'workload'), node('b', 'workload'), node('c', 'workload')],
      [edge('a', 'b', 'grpc', { '0': 50, '14': 50 }), edge('a', 'c', 'http', { '200': 50, '14': 50 })]
    );
    applyHealth(g);
    expect(g.edges[0].healthStatus).toBe('Failure');
    expect(g.edges[1].healthStatus).toBe('Healthy');
    expect(g.nodes[1].health?.status).toBe('Failure');
    expect(g.nodes[2].health?.status).toBe('Healthy');
    // a sends 100 grpc (50 % errors) and 100 http (no matching code): its worst outbound ratio is the gRPC one.
    expect(g.nodes[0].health?.status).toBe('Failure');
    expect(g.nodes[0].health?.errorRatio).toBeCloseTo(50);
    expect(g.nodes[0].health?.outbound).toEqual({ grpc: { '0': 50, '14': 50 }, http: { '14': 50, '200': 50 } });
  });

  it('an empty list applies the fallback: 4xx+5xx ≥ 10 % Failure, ≥ 0.1 % Degraded, no-response not counted', () => {
    expect(singleEdgeStatus('http', { '200': 95, '500': 5 }, [])).toBe('Degraded');
    expect(singleEdgeStatus('http', { '200': 88, '404': 12 }, [])).toBe('Failure');
    expect(singleEdgeStatus('http', { '200': 9999.5, '500': 0.5 }, [])).toBe('Healthy'); // 0.005 %
    expect(singleEdgeStatus('http', { '200': 50, '-': 50 }, [])).toBe('Healthy');
    const g = graph(
      [node('a', 'workload'), node('b', 'workload')],
      [edge('a', 'b', 'http', { '200': 90, '500': 5, '404': 5 })]
    );
    applyHealth(g, []);
    expect(g.nodes[1].health?.status).toBe('Failure');
    expect(g.nodes[1].health?.errorRatio).toBeCloseTo(10);
    expect(g.nodes[0].health?.status).toBe('Failure'); // outbound counts too in the fallback
  });
});

describe('patterns and thresholds', () => {
  it('X in a code is one digit and codes are anchored', () => {
    const re = new RegExp(codePatternSource('5XX'));
    expect(re.test('503')).toBe(true);
    expect(re.test('5000')).toBe(false);
    expect(re.test('1503')).toBe(false);
    expect(new RegExp(codePatternSource('5xx')).test('599')).toBe(true);
  });
  it('top-level alternation is anchored as a whole', () => {
    const re = new RegExp(anchorPattern('http|grpc'));
    expect(re.test('grpc')).toBe(true);
    expect(re.test('http')).toBe(true);
    expect(re.test('grpcx')).toBe(false);
    expect(re.test('xhttp')).toBe(false);
  });
  it('threshold rule: failure 0 is unset, degraded 0 degrades on any error', () => {
    expect(thresholdStatus(0, 0, 10)).toBe('Healthy');
    expect(thresholdStatus(0.01, 0, 10)).toBe('Degraded');
    expect(thresholdStatus(10, 0, 10)).toBe('Failure');
    expect(thresholdStatus(99, 5, 0)).toBe('Degraded');
    expect(thresholdStatus(4, 5, 10)).toBe('Healthy');
  });
  it('replica status from desired and available', () => {
    expect(workloadReplicaStatus({ desiredReplicas: 0, availableReplicas: 0 })).toBe('Not Ready');
    expect(workloadReplicaStatus({ desiredReplicas: 3, availableReplicas: 0 })).toBe('Failure');
    expect(workloadReplicaStatus({ desiredReplicas: 3, availableReplicas: 2 })).toBe('Degraded');
    expect(workloadReplicaStatus({ desiredReplicas: 3, availableReplicas: 3 })).toBe('Healthy');
    expect(workloadReplicaStatus({ desiredReplicas: 3, availableReplicas: 4 })).toBe('Healthy'); // surge during a rollout
    expect(workloadReplicaStatus(undefined)).toBe('NA');
  });
});

describe('parseHealthAnnotation', () => {
  it('parses Kiali’s example', () => {
    expect(parseHealthAnnotation('4xx,10,20,http,inbound;5xx,5,10,http,inbound')).toEqual([
      { code: '4xx', degraded: 10, failure: 20, protocol: 'http', direction: 'inbound' },
      { code: '5xx', degraded: 5, failure: 10, protocol: 'http', direction: 'inbound' },
    ]);
  });
  it('ignores blanks and a trailing separator', () => {
    expect(parseHealthAnnotation('')).toEqual([]);
    expect(parseHealthAnnotation(' 5XX , 0 , 10 , http , .* ; ')).toEqual([
      { code: '5XX', degraded: 0, failure: 10, protocol: 'http', direction: '.*' },
    ]);
  });
  it('rejects degraded > failure with a clear error', () => {
    expect(() => parseHealthAnnotation('5xx,20,10,http,inbound')).toThrow(HealthAnnotationError);
    expect(() => parseHealthAnnotation('5xx,20,10,http,inbound')).toThrow(
      /degraded \(20\) is greater than failure \(10\)/
    );
  });
  it('reports every bad entry at once', () => {
    try {
      parseHealthAnnotation('5xx,1,10,http;4xx,ten,20,http,.*;5xx,1,10,http,.*');
      throw new Error('expected a HealthAnnotationError');
    } catch (e) {
      expect(e).toBeInstanceOf(HealthAnnotationError);
      const problems = (e as HealthAnnotationError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/entry 1 .*expected 5 comma-separated fields/);
      expect(problems[1]).toMatch(/entry 2 .*"ten" is not a number/);
    }
  });
  it('round-trips through formatHealthAnnotation', () => {
    const text = '4XX,10,20,http,.*;^-$,0,10,http|grpc,.*';
    expect(formatHealthAnnotation(parseHealthAnnotation(text))).toBe(text);
  });
});

describe('validateTolerances', () => {
  it('accepts the defaults', () => {
    expect(validateTolerances(DEFAULT_TOLERANCES)).toEqual([]);
  });
  it('names bad regexes, negative numbers and degraded > failure', () => {
    const problems = validateTolerances([
      { code: '5XX', protocol: 'http(', direction: '.*', degraded: 0, failure: 10 },
      { code: '4XX', protocol: 'http', direction: '.*', degraded: -1, failure: 20 },
      { code: '4XX', protocol: 'http', direction: '.*', degraded: 30, failure: 20 },
      { code: '', protocol: 'http', direction: '.*', degraded: 0, failure: 20 },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/tolerance 1 .*protocol is not a valid regular expression/);
    expect(problems[1]).toMatch(/tolerance 2 .*degraded is negative/);
    expect(problems[2]).toMatch(/tolerance 3 .*degraded \(30\) is greater than failure \(20\)/);
    expect(problems[3]).toMatch(/tolerance 4 .*code is empty/);
  });
});
