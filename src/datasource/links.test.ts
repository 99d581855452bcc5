/** Data links per node type, read from the frames the way a consumer resolves them row by row. */
import { toFrames } from '../engine/output/frames';
import { emptyNodeRates } from '../engine/fold/trafficMap';
import type { GraphModel, GraphNode } from '../engine/model';
import { linkFields, linksForNode, nodeDataLinks } from './links';

const settings = {
  workloadDashboardUid: 'istio-wl',
  serviceDashboardUid: 'istio-svc',
  clusterDomain: 'svc.cluster.local',
};

function n(id: string, extra: Partial<GraphNode>): GraphNode {
  return { id, nodeType: 'workload', cluster: 'c1', namespace: 'bookinfo', rates: emptyNodeRates(), ...extra };
}

const NODES: Record<string, GraphNode> = {
  workload: n('wl', { nodeType: 'workload', workload: 'reviews-v1', app: 'reviews', version: 'v1' }),
  versionedApp: n('vapp', { nodeType: 'app', workload: 'reviews-v2', app: 'reviews', version: 'v2' }),
  app: n('app', { nodeType: 'app', app: 'reviews' }),
  service: n('svc', { nodeType: 'service', service: 'reviews' }),
  unknownSource: n('unk', { nodeType: 'unknown', namespace: 'unknown', workload: 'unknown', service: 'unknown' }),
  unknownService: n('svcunk', { nodeType: 'service', namespace: 'unknown', service: 'unknown', cluster: 'unknown' }),
  passthrough: n('pt', {
    nodeType: 'service',
    namespace: 'unknown',
    service: 'PassthroughCluster',
    isEgressCluster: true,
  }),
  aggregate: n('agg', { nodeType: 'aggregate', aggregate: 'request_operation', aggregateValue: 'Login' }),
  box: n('box', { nodeType: 'box', isBox: 'app', app: 'reviews' }),
};

/** What each node type links to: [link title, href] pairs. */
const EXPECTED: Record<string, Array<[string, string]>> = {
  workload: [
    ['Istio workload dashboard', '/d/istio-wl?var-namespace=bookinfo&var-workload=reviews-v1&${__url_time_range}'],
  ],
  versionedApp: [
    ['Istio workload dashboard', '/d/istio-wl?var-namespace=bookinfo&var-workload=reviews-v2&${__url_time_range}'],
  ],
  app: [],
  service: [
    ['Istio service dashboard', '/d/istio-svc?var-service=reviews.bookinfo.svc.cluster.local&${__url_time_range}'],
  ],
  unknownSource: [],
  unknownService: [],
  passthrough: [],
  aggregate: [],
  box: [],
};

describe('node data links', () => {
  const model: GraphModel = {
    timestamp: 0,
    duration: 600,
    graphType: 'versionedApp',
    namespaces: ['bookinfo'],
    nodes: Object.values(NODES),
    edges: [],
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  };
  const links = nodeDataLinks(settings);
  const [nodes] = toFrames(model, { links });
  const column = (name: string) => nodes.fields.find((f) => f.name === name)?.values;

  it('puts the links on the id field and every field they read on the nodes frame', () => {
    expect(nodes.fields.find((f) => f.name === 'id')?.config?.links).toEqual(links);
    for (const l of links) {
      for (const name of linkFields(l)) {
        expect(column(name)).toBeDefined();
      }
    }
  });

  it.each(Object.keys(NODES))('%s nodes link only to what they are', (kind) => {
    const row = column('id')!.indexOf(NODES[kind].id);
    const value = (name: string) => column(name)?.[row];
    const resolved = linksForNode(links, value).map((l): [string, string] => [
      l.title,
      l.url.replace(/\$\{__data\.fields\.([^}:]+):percentencode\}/g, (_m, name: string) =>
        encodeURIComponent(String(value(name)))
      ),
    ]);
    expect(resolved).toEqual(EXPECTED[kind]);
  });

  it('drops a dashboard whose uid is not set', () => {
    expect(nodeDataLinks({ ...settings, serviceDashboardUid: '' }).map((l) => l.title)).toEqual([
      'Istio workload dashboard',
    ]);
  });
});
