/**
 * Frame builders for tests and the local perf helper: Meshgraph-shaped frames (field names from frameFields.ts),
 * Tempo-like Node Graph frames, and a synthetic large mesh.
 */
import { emptyEdgeRates, emptyNodeRates, type EdgeRates, type NodeRates } from '../../../contract/graph';
import { NODE_TRAFFIC } from '../../../contract/frameFields';
import type { FrameLike } from '../fromFrames';

type Row = Record<string, unknown>;

function frame(name: string, rows: Row[], extra: Partial<FrameLike> = {}): FrameLike {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return {
    name,
    meta: { preferredVisualisationType: 'nodeGraph' },
    fields: names.map((n) => ({ name: n, type: 'string', values: rows.map((r) => r[n]) })),
    ...extra,
  };
}

export interface MeshNodeSpec {
  id: string;
  nodeType: string;
  namespace?: string;
  cluster?: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
  parent?: string;
  isBox?: string;
  flags?: string;
  rates?: Partial<NodeRates>;
  healthStatus?: string;
}

export interface MeshEdgeSpec {
  source: string;
  target: string;
  protocol: 'http' | 'grpc' | 'tcp';
  rates?: Partial<EdgeRates>;
  responses?: Record<string, { rate: number; flags: Record<string, number>; hosts: Record<string, number> }>;
  responseTime?: number;
  throughput?: number;
  isMTLS?: number;
  healthStatus?: string;
  hasTraffic?: boolean;
  sourcePrincipal?: string;
  destPrincipal?: string;
}

export function meshNodesFrame(nodes: MeshNodeSpec[]): FrameLike {
  return frame(
    'nodes',
    nodes.map((n) => ({
      id: n.id,
      title: n.workload ?? n.service ?? n.app ?? n.id,
      subtitle: n.namespace ?? '',
      mainstat: '',
      secondarystat: '',
      nodeType: n.nodeType,
      cluster: n.cluster ?? 'cluster-1',
      namespace: n.namespace ?? '',
      workload: n.workload ?? '',
      app: n.app ?? '',
      version: n.version ?? '',
      service: n.service ?? '',
      aggregate: '',
      aggregateValue: '',
      parent: n.parent ?? '',
      isBox: n.isBox ?? '',
      flags: n.flags ?? '',
      rates: JSON.stringify({ ...emptyNodeRates(), ...(n.rates ?? {}) }),
      ...Object.fromEntries(NODE_TRAFFIC.map((key) => [key, n.rates?.[key] ?? 0])),
      healthStatus: n.healthStatus ?? 'NA',
      health: '',
      destServices: '',
    }))
  );
}

export function meshEdgesFrame(edges: MeshEdgeSpec[]): FrameLike {
  return frame(
    'edges',
    edges.map((e) => {
      const rates: EdgeRates = { ...emptyEdgeRates(), ...(e.rates ?? {}) };
      return {
        id: `${e.source} ${e.target} ${e.protocol}`,
        source: e.source,
        target: e.target,
        mainstat: '',
        secondarystat: '',
        protocol: e.protocol,
        rate: rates.total,
        percentErr: rates.percentErr,
        percentReq: rates.percentReq,
        rates: JSON.stringify(rates),
        responses: JSON.stringify(e.responses ?? {}),
        hasTraffic: e.hasTraffic ?? rates.total > 0,
        responseTime: e.responseTime ?? null,
        throughput: e.throughput ?? null,
        isMTLS: e.isMTLS ?? null,
        sourcePrincipal: e.sourcePrincipal ?? '',
        destPrincipal: e.destPrincipal ?? '',
        healthStatus: e.healthStatus ?? 'NA',
      };
    })
  );
}

/** Tempo's service graph shape: nodes id/title/subtitle/mainstat/secondarystat/arc__*, edges id/source/target/stats. */
export function tempoFrames(): FrameLike[] {
  return [
    {
      name: 'Nodes',
      meta: { preferredVisualisationType: 'nodeGraph' },
      fields: [
        { name: 'id', type: 'string', values: ['frontend', 'cart', 'db'] },
        { name: 'title', type: 'string', values: ['frontend', 'cart', 'db'] },
        { name: 'subTitle', type: 'string', values: ['shop', 'shop', 'data'] },
        { name: 'mainStat', type: 'number', values: [12.345, 3.5, NaN], config: { unit: 'ms' } },
        { name: 'secondaryStat', type: 'number', values: [5, 2, 1], config: { unit: 'r/s' } },
        {
          name: 'arc__success',
          type: 'number',
          values: [0.9, 1, 0],
          config: { color: { mode: 'fixed', fixedColor: 'green' } },
        },
        {
          name: 'arc__failed',
          type: 'number',
          values: [0.1, 0, 1],
          config: { color: { mode: 'fixed', fixedColor: 'red' } },
        },
        { name: 'detail__zone', type: 'string', values: ['eu', 'eu', 'us'], config: { displayName: 'Zone' } },
      ],
    },
    {
      name: 'Edges',
      meta: { preferredVisualisationType: 'nodeGraph' },
      fields: [
        { name: 'id', type: 'string', values: ['frontend_cart', 'cart_db'] },
        { name: 'source', type: 'string', values: ['frontend', 'cart'] },
        { name: 'target', type: 'string', values: ['cart', 'db'] },
        { name: 'mainStat', type: 'string', values: ['10 ms', '2 ms'] },
        { name: 'secondaryStat', type: 'string', values: ['5 r/s', '2 r/s'] },
      ],
    },
  ];
}

/** A synthetic mesh: `namespaces` × `perNamespace` workloads in namespace boxes, each calling 3 others. */
export function syntheticMeshFrames(namespaces: number, perNamespace: number): FrameLike[] {
  const nodes: MeshNodeSpec[] = [];
  const edges: MeshEdgeSpec[] = [];
  const ids: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    nodes.push({ id: `box_ns_${ns}`, nodeType: 'box', isBox: 'namespace', namespace: ns });
    for (let w = 0; w < perNamespace; w++) {
      const id = `wl_cluster-1_${ns}_svc-${w}-v1`;
      ids.push(id);
      nodes.push({
        id,
        nodeType: 'workload',
        namespace: ns,
        workload: `svc-${w}-v1`,
        app: `svc-${w}`,
        version: 'v1',
        parent: `box_ns_${ns}`,
      });
    }
  }
  // Deterministic pseudo-random calls, mostly within a namespace, some across (like the seeded mesh).
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  ids.forEach((src, i) => {
    const nsIndex = Math.floor(i / perNamespace);
    for (let k = 0; k < 3; k++) {
      const cross = rnd() < 0.22;
      const targetNs = cross ? Math.floor(rnd() * namespaces) : nsIndex;
      const j = targetNs * perNamespace + Math.floor(rnd() * perNamespace);
      if (j === i) {
        continue;
      }
      const protocol = rnd() < 0.17 ? 'tcp' : rnd() < 0.18 ? 'grpc' : 'http';
      edges.push({
        source: src,
        target: ids[j],
        protocol,
        rates: { total: 1 + rnd() * 50, percentErr: rnd() < 0.1 ? 5 : 0 },
      });
    }
  });
  // Remove duplicates (same id) the way the datasource never emits them.
  const seen = new Set<string>();
  const unique = edges.filter((e) => {
    const key = `${e.source} ${e.target} ${e.protocol}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  return [meshNodesFrame(nodes), meshEdgesFrame(unique)];
}
