/**
 * A synthetic workload graph in the engine's GraphModel shape, for the panel benchmark and leak test: exactly
 * `workloads` workload nodes spread over `namespaces` namespace boxes (the engine's own applyBoxes), each calling
 * exactly 3 distinct others (≈ 22 % across namespaces, like the seeded mesh in measured-here.md), protocols mixed
 * as there (≈ 68 % HTTP, 15 % gRPC, 17 % TCP), a few degraded and failing edges. The topology depends only on
 * the size; `variant` changes the rates (a refresh: same ids, new numbers) and with them which edges fail or
 * degrade, unless `stableHealth`. `renamed` workloads (the first ones) run as version v2 instead of v1: new ids
 * with the same neighbours, a topology change of 2 × renamed nodes. Pure: runs in Node and the page.
 */
import { applyBoxes } from '../../src/engine/appenders/boxes';
import { emptyEdgeRates, emptyNodeRates } from '../../src/contract/graph';
import type { GraphEdge, GraphModel, GraphNode, HealthStatus, Protocol, ResponseDetail } from '../../src/engine/model';

export const CALLS_PER_WORKLOAD = 3;
const CLUSTER = 'cluster-1';

/** Park–Miller style generator: deterministic, good enough to scatter edges. */
function prng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => {
    s = (s * 48271) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

interface Call {
  source: number;
  target: number;
  protocol: Protocol;
}

/** The fixed part: which workload calls which, over which protocol. */
function topology(workloads: number, namespaces: number): Call[] {
  const rnd = prng(7919 + workloads);
  const perNs = Math.ceil(workloads / namespaces);
  const nsOf = (i: number) => Math.floor(i / perNs);
  const members = (ns: number) => {
    const from = ns * perNs;
    return { from, count: Math.max(0, Math.min(workloads, from + perNs) - from) };
  };
  const calls: Call[] = [];
  for (let i = 0; i < workloads; i++) {
    const targets = new Set<number>();
    let guard = 0;
    while (targets.size < Math.min(CALLS_PER_WORKLOAD, workloads - 1) && guard++ < 1000) {
      const ns = rnd() < 0.22 ? Math.floor(rnd() * namespaces) : nsOf(i);
      const m = members(ns);
      if (m.count === 0) {
        continue;
      }
      const j = m.from + Math.floor(rnd() * m.count);
      if (j !== i) {
        targets.add(j);
      }
    }
    for (const j of targets) {
      const p = rnd();
      calls.push({ source: i, target: j, protocol: p < 0.68 ? 'http' : p < 0.83 ? 'grpc' : 'tcp' });
    }
  }
  return calls;
}

function worse(a: HealthStatus, b: HealthStatus): HealthStatus {
  const order: HealthStatus[] = ['Failure', 'Degraded', 'Not Ready', 'Healthy', 'NA'];
  return order.indexOf(a) <= order.indexOf(b) ? a : b;
}

/** An edge's random draws, in the order every variant makes them: its health roll, its rate, its response time. */
function edgeDraws(rnd: () => number, protocol: string): { roll: number; rate: number; responseTime?: number } {
  const roll = rnd();
  const rate = rnd();
  return protocol === 'tcp' ? { roll, rate } : { roll, rate, responseTime: rnd() };
}

export interface MeshVariation {
  /** Health as in variant 0 whatever the rates (a refresh where only the numbers change). */
  stableHealth?: boolean;
  /** How many workloads (the first ones) run as v2: new ids, same neighbours. */
  renamed?: number;
  /**
   * With stableHealth: that many workloads, a window that moves on by as many with each variant, fail (every HTTP and
   * gRPC call into them errs); a refresh to the next variant thus changes the health of twice as many and of their
   * edges.
   */
  failing?: number;
}

export function syntheticMesh(
  workloads: number,
  namespaces = 10,
  variant = 0,
  boxes = true,
  variation: MeshVariation = {}
): GraphModel {
  const perNs = Math.ceil(workloads / namespaces);
  const nodes: GraphNode[] = [];
  for (let i = 0; i < workloads; i++) {
    const namespace = `ns-${Math.floor(i / perNs)}`;
    const app = `svc-${i % perNs}`;
    const version = i < (variation.renamed ?? 0) ? 'v2' : 'v1';
    nodes.push({
      id: `wl_${CLUSTER}_${namespace}_${app}-${version}`,
      nodeType: 'workload',
      cluster: CLUSTER,
      namespace,
      workload: `${app}-${version}`,
      app,
      version,
      rates: emptyNodeRates(),
      isInjected: true,
    });
  }

  const rnd = prng(104729 + variant * 7 + workloads);
  // Variant 0's generator, drawn as variant 0 draws it for each edge, so that its rolls are variant 0's.
  const healthRnd = variation.stableHealth ? prng(104729 + workloads) : undefined;
  const failing = variation.failing ?? 0;
  const failingFrom = (variant * failing) % workloads;
  const edges: GraphEdge[] = [];
  const nodeStatus = new Map<string, HealthStatus>();
  for (const c of topology(workloads, namespaces)) {
    const src = nodes[c.source];
    const dst = nodes[c.target];
    const rates = emptyEdgeRates();
    const { roll, rate, responseTime } = edgeDraws(rnd, c.protocol);
    const failed = failing > 0 && (c.target - failingFrom + workloads) % workloads < failing;
    // The stable roll is drawn for every edge, so that a failing one leaves the others' health as it was.
    const stableRoll = healthRnd ? edgeDraws(healthRnd, c.protocol).roll : roll;
    const errRoll = failed ? 0 : stableRoll;
    let status: HealthStatus = 'Healthy';
    if (c.protocol === 'tcp') {
      rates.total = Math.round(500 + rate * 50000);
    } else {
      rates.total = Math.round((0.5 + rate * 60) * 1000) / 1000;
      const errShare = errRoll < 0.03 ? 0.2 : errRoll < 0.1 ? 0.03 : 0;
      const err = Math.round(rates.total * errShare * 1000) / 1000;
      if (c.protocol === 'http') {
        rates.http5xx = err;
      } else {
        rates.grpcErr = err;
      }
      rates.percentErr = rates.total > 0 ? (err / rates.total) * 100 : 0;
      status = errShare >= 0.2 ? 'Failure' : errShare > 0 ? 'Degraded' : 'Healthy';
    }
    const ok = rates.total - rates.http5xx - rates.grpcErr;
    const host = `${dst.app}.${dst.namespace}.svc.cluster.local`;
    const responses: Record<string, ResponseDetail> =
      c.protocol === 'tcp'
        ? { '-': { rate: rates.total, flags: { '-': rates.total }, hosts: { [host]: rates.total } } }
        : {
            [c.protocol === 'grpc' ? '0' : '200']: { rate: ok, flags: { '-': ok }, hosts: { [host]: ok } },
            ...(rates.http5xx + rates.grpcErr > 0
              ? {
                  [c.protocol === 'grpc' ? '14' : '503']: {
                    rate: rates.http5xx + rates.grpcErr,
                    flags: { UF: rates.http5xx + rates.grpcErr },
                    hosts: { [host]: rates.http5xx + rates.grpcErr },
                  },
                }
              : {}),
          };
    edges.push({
      id: `${src.id} ${dst.id} ${c.protocol}`,
      source: src.id,
      target: dst.id,
      protocol: c.protocol,
      rates,
      responses,
      hasTraffic: true,
      ...(responseTime === undefined ? {} : { responseTime: Math.round(2 + responseTime * 250) }),
      ...(c.protocol === 'http' ? { throughput: Math.round(rates.total * 900) } : {}),
      isMTLS: 100,
      sourcePrincipal: `spiffe://cluster.local/ns/${src.namespace}/sa/${src.app}`,
      destPrincipal: `spiffe://cluster.local/ns/${dst.namespace}/sa/${dst.app}`,
      healthStatus: status,
    });
    const r = { s: src.rates, d: dst.rates };
    if (c.protocol === 'http') {
      r.s.httpOut += rates.total;
      r.d.httpIn += rates.total;
      r.d.httpIn5xx += rates.http5xx;
    } else if (c.protocol === 'grpc') {
      r.s.grpcOut += rates.total;
      r.d.grpcIn += rates.total;
      r.d.grpcInErr += rates.grpcErr;
    } else {
      r.s.tcpOut += rates.total;
      r.d.tcpIn += rates.total;
    }
    nodeStatus.set(dst.id, worse(nodeStatus.get(dst.id) ?? 'Healthy', status));
  }
  // percentReq: each edge's share of what its source sends on that protocol.
  const sent = new Map<string, number>();
  for (const e of edges) {
    const k = `${e.source} ${e.protocol}`;
    sent.set(k, (sent.get(k) ?? 0) + e.rates.total);
  }
  for (const e of edges) {
    const s = sent.get(`${e.source} ${e.protocol}`) ?? 0;
    e.rates.percentReq = s > 0 ? (e.rates.total / s) * 100 : 0;
  }
  for (const n of nodes) {
    const total = n.rates.httpIn + n.rates.grpcIn;
    const status = nodeStatus.get(n.id) ?? 'NA';
    n.health = {
      status,
      errorRatio: total > 0 ? ((n.rates.httpIn5xx + n.rates.grpcInErr) / total) * 100 : 0,
      totalRequestRate: total,
      inbound: {},
      outbound: {},
    };
  }
  const model: GraphModel = {
    timestamp: 1_700_000_000 + variant * 15,
    duration: 600,
    graphType: 'workload',
    namespaces: [...new Set(nodes.map((n) => n.namespace))],
    nodes,
    edges,
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  };
  if (boxes) {
    applyBoxes(model, ['namespace']);
  }
  return model;
}
