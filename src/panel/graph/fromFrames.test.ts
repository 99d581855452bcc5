import { NODE_TRAFFIC } from '../../contract/frameFields';
import { emptyNodeRates } from '../../contract/graph';
import { flattenNode } from './flatten';
import { fromFrames, frameRole, type FrameLike } from './fromFrames';
import { edgeRates, edgeResponses, edgeTotals, nodeHealth, nodeRates, nodeTraffic } from './lazyCells';
import { meshEdgesFrame, meshNodesFrame, tempoFrames } from './testing/frames';

const XSS = '<img src=x onerror=alert(1)>';

/** A nodes frame as other writers of the contract may send it: the rates text alone. */
function withoutTraffic(frame: FrameLike): FrameLike {
  const traffic: readonly string[] = NODE_TRAFFIC;
  return { ...frame, fields: frame.fields.filter((f) => !traffic.includes(f.name)) };
}

describe('fromFrames with Meshgraph frames', () => {
  const frames = [
    meshNodesFrame([
      { id: 'box_ns_bookinfo', nodeType: 'box', isBox: 'namespace', namespace: 'bookinfo' },
      {
        id: 'wl_cluster-1_bookinfo_productpage-v1',
        nodeType: 'workload',
        namespace: 'bookinfo',
        workload: 'productpage-v1',
        app: 'productpage',
        version: 'v1',
        parent: 'box_ns_bookinfo',
        flags: 'isRoot isInjected someFutureFlag',
        rates: { httpOut: 12.5 },
        healthStatus: 'Degraded',
      },
      {
        id: 'svc_cluster-1_bookinfo_reviews',
        nodeType: 'service',
        namespace: 'bookinfo',
        service: 'reviews',
        parent: 'box_ns_bookinfo',
      },
    ]),
    meshEdgesFrame([
      {
        source: 'wl_cluster-1_bookinfo_productpage-v1',
        target: 'svc_cluster-1_bookinfo_reviews',
        protocol: 'http',
        rates: { total: 12.5, http5xx: 0.5, percentErr: 4, percentReq: 100 },
        responses: { '200': { rate: 12, flags: { '-': 12 }, hosts: { 'reviews.bookinfo.svc.cluster.local': 12 } } },
        responseTime: 23,
        isMTLS: 100,
        healthStatus: 'Degraded',
      },
    ]),
  ];
  const g = fromFrames(frames);

  it('recognises the Meshgraph contract and keeps every node and edge', () => {
    expect(g.source).toBe('meshgraph');
    expect(g.nodes.map((n) => n.id)).toEqual([
      'box_ns_bookinfo',
      'wl_cluster-1_bookinfo_productpage-v1',
      'svc_cluster-1_bookinfo_reviews',
    ]);
    expect(g.edges).toHaveLength(1);
    expect(g.namespaces).toEqual(['bookinfo']);
    expect(g.skipped).toEqual({});
  });

  it('types node fields: flags, rates JSON, box, parent, health', () => {
    const pp = g.nodes[1];
    expect(pp.nodeType).toBe('workload');
    expect(pp.flags).toEqual({ isRoot: true, isInjected: true });
    expect(pp.otherFlags).toEqual(['someFutureFlag']);
    expect(nodeTraffic(pp)?.httpOut).toBe(12.5);
    expect(nodeRates(pp).value?.httpOut).toBe(12.5);
    expect(pp.parent).toBe('box_ns_bookinfo');
    expect(pp.healthStatus).toBe('Degraded');
    expect(g.nodes[0].isBox).toBe('namespace');
    expect(g.nodes[0].nodeType).toBe('box');
  });

  it('types edge fields: protocol, rates, responses, telemetry', () => {
    const e = g.edges[0];
    expect(e.protocol).toBe('http');
    expect(edgeTotals(e)).toEqual({ total: 12.5, percentErr: 4, percentReq: 100 });
    expect(edgeRates(e)).toEqual({
      value: {
        total: 12.5,
        http3xx: 0,
        http4xx: 0,
        http5xx: 0.5,
        noResponse: 0,
        grpcErr: 0,
        percentErr: 4,
        percentReq: 100,
      },
      unreadable: false,
    });
    expect(edgeResponses(e).value?.['200'].hosts['reviews.bookinfo.svc.cluster.local']).toBe(12);
    expect(e.responseTime).toBe(23);
    expect(e.isMTLS).toBe(100);
    expect(e.hasTraffic).toBe(true);
    expect(e.ref).toEqual({ frameIndex: 1, rowIndex: 0 });
  });

  it('counts bad JSON and a missing parent instead of failing', () => {
    const nodes = withoutTraffic(meshNodesFrame([{ id: 'a', nodeType: 'workload', workload: 'a', parent: 'nope' }]));
    const ratesField = nodes.fields.find((f) => f.name === 'rates')!;
    (ratesField.values as unknown[])[0] = '{not json';
    const r = fromFrames([nodes]);
    expect(r.nodes).toHaveLength(1);
    expect(r.nodes[0].rates).toBeUndefined();
    expect(r.nodes[0].parent).toBeUndefined();
    expect(r.skipped['unreadable node rates JSON']).toBe(1);
    expect(r.skipped['parent box not found (node drawn unboxed)']).toBe(1);
  });

  it('keeps responses and health as text, read when shown: an unreadable one is said then, not dropped', () => {
    const nodes = meshNodesFrame([
      { id: 'a', nodeType: 'workload', workload: 'a', healthStatus: 'Healthy' },
      { id: 'b', nodeType: 'workload', workload: 'b', healthStatus: 'Degraded' },
    ]);
    const health = nodes.fields.find((f) => f.name === 'health')!.values as unknown[];
    health[0] = '{"status":"Healthy","workloadStatus":{"desiredReplicas":2,"availableReplicas":1}}';
    health[1] = '{broken';
    const edges = meshEdgesFrame([
      {
        source: 'a',
        target: 'b',
        protocol: 'http',
        rates: { total: 3 },
        responses: { '503': { rate: 3, flags: { UF: 3 }, hosts: {} } },
      },
      { source: 'b', target: 'a', protocol: 'http', rates: { total: 1 } },
    ]);
    (edges.fields.find((f) => f.name === 'responses')!.values as unknown[])[1] = '[1, 2';
    const g = fromFrames([nodes, edges]);
    expect(g.skipped).toEqual({});
    expect(nodeHealth(g.nodes[0])).toEqual({
      value: { status: 'Healthy', workloadStatus: { desiredReplicas: 2, availableReplicas: 1 } },
      unreadable: false,
    });
    expect(nodeHealth(g.nodes[1])).toEqual({ unreadable: true });
    expect(edgeResponses(g.edges[0]).value?.['503'].rate).toBe(3);
    expect(edgeResponses(g.edges[1])).toEqual({ unreadable: true });
    // Given parsed (other readers, tests): used as given.
    expect(edgeResponses({ ...g.edges[1], responses: {} })).toEqual({ value: {}, unreadable: false });
  });

  it('reads node traffic from the number columns and the rates by response class when asked', () => {
    const nodes = meshNodesFrame([
      { id: 'a', nodeType: 'workload', workload: 'a', rates: { httpIn: 8, httpIn5xx: 2, tcpOut: 300 } },
      { id: 'b', nodeType: 'workload', workload: 'b', rates: { grpcIn: 4, grpcInErr: 1 } },
    ]);
    (nodes.fields.find((f) => f.name === 'rates')!.values as unknown[])[1] = '{broken';
    const g = fromFrames([nodes]);
    expect(g.skipped).toEqual({});
    expect(g.nodes.map(nodeTraffic)).toEqual([
      { httpIn: 8, httpOut: 0, grpcIn: 0, grpcOut: 0, tcpIn: 0, tcpOut: 300 },
      { httpIn: 0, httpOut: 0, grpcIn: 4, grpcOut: 0, tcpIn: 0, tcpOut: 0 },
    ]);
    expect(nodeRates(g.nodes[0]).value?.httpIn5xx).toBe(2);
    // Not JSON: said where shown, and the traffic stands in with no rate by class.
    expect(nodeRates(g.nodes[1])).toEqual({ value: { ...emptyNodeRates(), grpcIn: 4 }, unreadable: true });
    // Find/Hide reads the traffic (flatten.ts).
    expect(flattenNode(g.nodes[0]).tcpOut).toBe(300);
  });

  it('parses a node rates text at once, counting a bad one, where the frame or the row has no traffic numbers', () => {
    const specs = [
      { id: 'a', nodeType: 'workload', workload: 'a', rates: { httpIn: 8, httpIn5xx: 2 } },
      { id: 'b', nodeType: 'workload', workload: 'b' },
    ];
    const withColumns = meshNodesFrame(specs);
    for (const f of withColumns.fields) {
      if ((NODE_TRAFFIC as readonly string[]).includes(f.name)) {
        (f.values as unknown[]).fill(null);
      }
    }
    for (const nodes of [withoutTraffic(meshNodesFrame(specs)), withColumns]) {
      (nodes.fields.find((f) => f.name === 'rates')!.values as unknown[])[1] = '{broken';
      const g = fromFrames([nodes]);
      expect(g.skipped).toEqual({ 'unreadable node rates JSON': 1 });
      expect(nodeTraffic(g.nodes[0])?.httpIn).toBe(8);
      expect(nodeRates(g.nodes[0]).value?.httpIn5xx).toBe(2);
      expect(nodeTraffic(g.nodes[1])).toBeUndefined();
      expect(Number.isNaN(flattenNode(g.nodes[1]).httpIn)).toBe(true);
    }
  });

  it('reads edge totals from the number columns and the rates by response class when asked', () => {
    const edges = meshEdgesFrame([
      { source: 'a', target: 'b', protocol: 'http', rates: { total: 8, http5xx: 2, percentErr: 25, percentReq: 40 } },
      { source: 'b', target: 'a', protocol: 'grpc', rates: { total: 4, grpcErr: 1, percentErr: 25 } },
    ]);
    (edges.fields.find((f) => f.name === 'rates')!.values as unknown[])[1] = '{broken';
    const g = fromFrames([edges]);
    expect(g.skipped).toEqual({});
    expect(g.edges.map(edgeTotals)).toEqual([
      { total: 8, percentErr: 25, percentReq: 40 },
      { total: 4, percentErr: 25, percentReq: 0 },
    ]);
    expect(edgeRates(g.edges[0]).value?.http5xx).toBe(2);
    // Not JSON: said where shown, and the totals stand in with no rate by class.
    expect(edgeRates(g.edges[1])).toEqual({
      value: { total: 4, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr: 25, percentReq: 0 },
      unreadable: true,
    });
  });

  it('parses the rates text at once, counting a bad one, where a row has no rate number', () => {
    const edges = meshEdgesFrame([
      { source: 'a', target: 'b', protocol: 'http', rates: { total: 8, http5xx: 2, percentErr: 25 } },
      { source: 'b', target: 'a', protocol: 'http', rates: { total: 0 } },
    ]);
    (edges.fields.find((f) => f.name === 'rate')!.values as unknown[]).fill(null);
    (edges.fields.find((f) => f.name === 'rates')!.values as unknown[])[1] = '{broken';
    const g = fromFrames([edges]);
    expect(g.skipped).toEqual({ 'unreadable edge rates JSON': 1 });
    expect(edgeTotals(g.edges[0])?.total).toBe(8);
    expect(edgeRates(g.edges[0]).value?.http5xx).toBe(2);
    expect(edgeTotals(g.edges[1])).toBeUndefined();
    expect(edgeRates(g.edges[1])).toEqual({ value: undefined, unreadable: false });
  });

  it('reads the status from the health text when there is no usable status column, counting a bad text', () => {
    const nodes = meshNodesFrame([
      { id: 'a', nodeType: 'workload', workload: 'a' },
      { id: 'b', nodeType: 'workload', workload: 'b' },
    ]);
    (nodes.fields.find((f) => f.name === 'healthStatus')!.values as unknown[]).fill('');
    const health = nodes.fields.find((f) => f.name === 'health')!.values as unknown[];
    health[0] = '{"status":"Failure"}';
    health[1] = 'not json';
    const g = fromFrames([nodes]);
    expect(g.nodes.map((n) => n.healthStatus)).toEqual(['Failure', undefined]);
    expect(g.skipped['unreadable node health JSON']).toBe(1);
  });

  it('skips rows without id and duplicate ids, and adds edge ends missing from the nodes frame', () => {
    const nodes = meshNodesFrame([
      { id: 'a', nodeType: 'workload' },
      { id: 'a', nodeType: 'workload' },
      { id: '', nodeType: 'workload' },
    ]);
    const edges = meshEdgesFrame([{ source: 'a', target: 'ghost', protocol: 'tcp', rates: { total: 10 } }]);
    const r = fromFrames([nodes, edges]);
    expect(r.skipped['duplicate node id']).toBe(1);
    expect(r.skipped['node row without id']).toBe(1);
    expect(r.nodes.map((n) => n.id).sort()).toEqual(['a', 'ghost']);
    expect(r.notices.some((n) => n.text.includes('1 edge end'))).toBe(true);
  });

  it('keeps hostile label values as plain strings', () => {
    const r = fromFrames([meshNodesFrame([{ id: XSS, nodeType: 'workload', workload: XSS, namespace: XSS }])]);
    expect(r.nodes[0].workload).toBe(XSS);
    expect(r.nodes[0].id).toBe(XSS);
  });
});

describe('fromFrames with other Node Graph sources', () => {
  it('reads Tempo-like frames case-insensitively (subTitle, mainStat, arc__*, detail__*)', () => {
    const g = fromFrames(tempoFrames());
    expect(g.source).toBe('nodeGraph');
    expect(g.nodes).toHaveLength(3);
    const fe = g.nodes[0];
    expect(fe.nodeType).toBe('generic');
    expect(fe.title).toBe('frontend');
    expect(fe.subtitle).toBe('shop');
    expect(fe.mainstat).toBe('12.35 ms');
    expect(fe.secondarystat).toBe('5 r/s');
    expect(fe.arcs).toEqual([
      { name: 'success', value: 0.9, color: 'green' },
      { name: 'failed', value: 0.1, color: 'red' },
    ]);
    expect(fe.details).toEqual([{ name: 'Zone', value: 'eu' }]);
    // NaN stats are absent, not "NaN"
    expect(g.nodes[2].mainstat).toBeUndefined();
    expect(g.edges.map((e) => [e.source, e.target, e.mainstat, e.protocol])).toEqual([
      ['frontend', 'cart', '10 ms', undefined],
      ['cart', 'db', '2 ms', undefined],
    ]);
    expect(g.edges.every((e) => e.hasTraffic)).toBe(true);
  });

  it('derives nodes from an edges-only frame', () => {
    const g = fromFrames([
      {
        name: 'whatever',
        fields: [
          { name: 'ID', values: ['e1', 'e2'] },
          { name: 'Source', values: ['a', 'b'] },
          { name: 'Target', values: ['b', 'c'] },
        ],
      },
    ]);
    expect(g.source).toBe('edgesOnly');
    expect(g.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(g.nodes.every((n) => n.nodeType === 'generic' && n.title === n.id)).toBe(true);
    expect(g.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    // No nodes frame: deriving nodes is the contract, not a warning.
    expect(g.notices).toEqual([]);
  });

  it('ignores unrelated frames and handles no data', () => {
    expect(
      frameRole({
        name: 'A',
        fields: [
          { name: 'Time', values: [1] },
          { name: 'Value', values: [2] },
        ],
      })
    ).toBe('other');
    expect(fromFrames([]).source).toBe('none');
    expect(fromFrames(undefined).nodes).toEqual([]);
  });

  it('carries frame notices through', () => {
    const nodes = meshNodesFrame([{ id: 'a', nodeType: 'workload' }]);
    nodes.meta = { ...nodes.meta, notices: [{ severity: 'warning', text: 'kube-state-metrics not found' }] };
    expect(fromFrames([nodes]).notices).toEqual([{ severity: 'warning', text: 'kube-state-metrics not found' }]);
  });
});

describe('fromFrames with a rolled-up graph', () => {
  it('draws rolled-up namespaces and clusters as titled nodes, without an unknown-type notice', () => {
    const g = fromFrames([
      meshNodesFrame([
        { id: 'rollup_namespace_c1_bookinfo', nodeType: 'namespace', namespace: 'bookinfo' },
        { id: 'rollup_cluster_c2', nodeType: 'cluster' },
        { id: 'x', nodeType: 'spaceship' },
      ]),
      meshEdgesFrame([]),
    ]);
    expect(g.nodes.map((n) => [n.id, n.nodeType])).toEqual([
      ['rollup_namespace_c1_bookinfo', 'generic'],
      ['rollup_cluster_c2', 'generic'],
      ['x', 'unknown'],
    ]);
    expect(g.nodes[0].title).toBe('rollup_namespace_c1_bookinfo');
    expect(g.skipped).toEqual({ 'unknown node type (drawn as unknown)': 1 });
  });
});

describe('fromFrames with the rollup columns', () => {
  it('reads members, counts and the rollup meta; the subtitle gains the unhealthy counts', () => {
    const nodes = meshNodesFrame([
      { id: 'rollup_namespace_c1_shop', nodeType: 'namespace', namespace: 'shop' },
      { id: 'rollup_namespace_c1_ops', nodeType: 'box', isBox: 'namespace', namespace: 'ops' },
      { id: 'wl_c1_ops_a', nodeType: 'workload', namespace: 'ops', workload: 'a', parent: 'rollup_namespace_c1_ops' },
    ]);
    const col = (name: string, values: unknown[]) => ({ name, values });
    nodes.fields.push(
      col('group', ['rollup_namespace_c1_shop', 'rollup_namespace_c1_ops', 'rollup_namespace_c1_ops']),
      col('memberCount', [3, 1, null]),
      col('membersDegraded', [1, 0, null]),
      col('membersFailing', [2, 0, null]),
      col('members', [JSON.stringify(['wl_c1_shop_x', 'wl_c1_shop_y', 'svc_c1_shop_x']), '["wl_c1_ops_a"]', '']),
      col('rollup', ['{}', '{}', ''])
    );
    nodes.meta = {
      custom: {
        rollup: {
          requested: 'auto',
          by: 'namespace',
          budget: 2,
          fullNodes: 4,
          fullEdges: 1,
          expanded: ['rollup_namespace_c1_ops'],
        },
      },
    };
    const edges = meshEdgesFrame([{ source: 'rollup_namespace_c1_shop', target: 'wl_c1_ops_a', protocol: 'http' }]);
    edges.fields.push(col('memberEdges', [2]));
    const g = fromFrames([nodes, edges]);
    const [shop, ops, member] = g.nodes;
    expect(shop.rollup).toEqual({
      kind: 'namespace',
      memberCount: 3,
      membersDegraded: 1,
      membersFailing: 2,
      members: ['wl_c1_shop_x', 'wl_c1_shop_y', 'svc_c1_shop_x'],
      expanded: false,
    });
    expect(shop.subtitle).toMatch(/2 failing, 1 degraded$/);
    expect(ops.rollup?.expanded).toBe(true);
    expect(member.rollup).toBeUndefined();
    expect(member.group).toBe('rollup_namespace_c1_ops');
    expect(g.edges[0].memberEdges).toBe(2);
    expect(g.rollup).toEqual({
      by: 'namespace',
      budget: 2,
      fullNodes: 4,
      fullEdges: 1,
      expanded: ['rollup_namespace_c1_ops'],
    });
  });

  it('reads a member list once for the answers that bring it again, and keeps only the ids of a mixed one', () => {
    const answer = (members: string) => {
      const nodes = meshNodesFrame([{ id: 'rollup_namespace_c1_shop', nodeType: 'namespace', namespace: 'shop' }]);
      nodes.fields.push({ name: 'memberCount', values: [2] }, { name: 'members', values: [members] });
      return fromFrames([nodes]).nodes[0].rollup?.members;
    };
    const text = JSON.stringify(['wl_c1_shop_x', 'wl_c1_shop_y']);
    const first = answer(text);
    expect(first).toEqual(['wl_c1_shop_x', 'wl_c1_shop_y']);
    expect(answer(text)).toBe(first);
    expect(answer('["wl_c1_shop_x", 7, null]')).toEqual(['wl_c1_shop_x']);
    expect(answer('{"wl_c1_shop_x": true}')).toEqual([]);
  });

  it('counts an unreadable member list instead of throwing', () => {
    const nodes = meshNodesFrame([{ id: 'rollup_namespace_c1_shop', nodeType: 'namespace', namespace: 'shop' }]);
    nodes.fields.push({ name: 'memberCount', values: [3] }, { name: 'members', values: ['[not json'] });
    const g = fromFrames([nodes]);
    expect(g.nodes[0].rollup?.members).toEqual([]);
    expect(g.skipped['unreadable rollup members JSON']).toBe(1);
    expect(g.rollup).toBeUndefined();
  });
});
