/**
 * Health appender (Kiali's `health` finalizer, §9 of the Kiali notes): edge `healthStatus` from each edge's
 * responses, node `health` from the traffic of all its edges plus the replica status the kube-state appender put
 * on workload/app nodes. Runs on the finished graph; pure, mutates the model in place.
 */
import type {
  GraphEdge,
  GraphModel,
  GraphNode,
  GraphOptions,
  HealthStatus,
  HealthTolerance,
  NodeHealth,
} from '../model';
import {
  type CompiledTolerance,
  compileTolerances,
  DEFAULT_TOLERANCES,
  fallbackStatus,
  healthPriority,
  isFallbackErrorCode,
  thresholdStatus,
  worseStatus,
} from './healthTolerances';

export {
  DEFAULT_TOLERANCES,
  formatHealthAnnotation,
  HealthAnnotationError,
  parseHealthAnnotation,
  validateTolerances,
} from './healthTolerances';

/** protocol → response code → rate, as Kiali's healthData.requests.inbound/outbound. */
type CodeRates = Record<string, Record<string, number>>;
type Direction = 'inbound' | 'outbound';

interface Verdict {
  status: HealthStatus;
  /** Error percentage that decided the status (0 when none). */
  errorRatio: number;
}

/** The evaluation context: usable tolerances, or Kiali's fallback rule when none is configured. */
interface Rules {
  tolerances: CompiledTolerance[];
  fallback: boolean;
}

/** Keeps the worse verdict; on equal status the higher ratio, so the result does not depend on iteration order. */
function worseVerdict(a: Verdict, b: Verdict): Verdict {
  const pa = healthPriority(a.status);
  const pb = healthPriority(b.status);
  if (pb > pa || (pb === pa && b.errorRatio > a.errorRatio)) {
    return b;
  }
  return a;
}

const NA: Verdict = { status: 'NA', errorRatio: 0 };

function sumRates(codes: Record<string, number>): number {
  return Object.values(codes).reduce((sum, v) => sum + v, 0);
}

function matchingRate(codes: Record<string, number>, code: RegExp): number {
  let matched = 0;
  for (const [c, v] of Object.entries(codes)) {
    if (code.test(c)) {
      matched += v;
    }
  }
  return matched;
}

/** The positive, finite rates of an edge by response code. */
export function edgeCodeRates(edge: GraphEdge): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const [code, detail] of Object.entries(edge.responses ?? {})) {
    const rate = detail?.rate;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) {
      codes[code] = (codes[code] ?? 0) + rate;
    }
  }
  return codes;
}

/** One side of an edge (§9.3): the worst tolerance verdict; traffic but no tolerance for the protocol → Healthy. */
function edgeSideStatus(
  codes: Record<string, number>,
  total: number,
  protocol: string,
  direction: Direction,
  tolerances: CompiledTolerance[]
): HealthStatus {
  let worst: HealthStatus = 'NA';
  for (const t of tolerances) {
    if (!t.direction.test(direction) || !t.protocol.test(protocol)) {
      continue;
    }
    const ratio = (matchingRate(codes, t.code) / total) * 100;
    worst = worseStatus(worst, thresholdStatus(ratio, t.degraded, t.failure));
  }
  return worst === 'NA' ? 'Healthy' : worst;
}

/**
 * Edge health (Kiali's calculateSingleEdgeHealth): the source's outbound tolerances and the destination's inbound
 * ones, the worse wins; no traffic → NA. The same threshold rule as node health is used on both sides (Kiali's
 * current edge code ignores a degraded threshold of 0, which would leave a 2 % 5xx edge green; the documented rule
 * and the older UI make it Degraded, and so do we).
 */
function edgeHealthStatus(edge: GraphEdge, rules: Rules): HealthStatus {
  const codes = edgeCodeRates(edge);
  const total = sumRates(codes);
  if (!(total > 0)) {
    return 'NA';
  }
  if (rules.fallback) {
    const errors = Object.entries(codes)
      .filter(([c]) => isFallbackErrorCode(c))
      .reduce((sum, [, v]) => sum + v, 0);
    return fallbackStatus((errors / total) * 100);
  }
  const outbound = edgeSideStatus(codes, total, edge.protocol, 'outbound', rules.tolerances);
  const inbound = edgeSideStatus(codes, total, edge.protocol, 'inbound', rules.tolerances);
  return worseStatus(outbound, inbound);
}

/** One direction of a node's requests (Kiali's processDirectionalTraffic); `matched` = some tolerance saw traffic. */
function directionVerdict(
  requests: CodeRates,
  direction: Direction,
  tolerances: CompiledTolerance[]
): Verdict & { matched: boolean } {
  let verdict = NA;
  let matched = false;
  for (const protocol of Object.keys(requests).sort()) {
    const codes = requests[protocol];
    const total = sumRates(codes);
    if (!(total > 0)) {
      continue;
    }
    for (const t of tolerances) {
      if (!t.direction.test(direction) || !t.protocol.test(protocol)) {
        continue;
      }
      matched = true;
      const ratio = (matchingRate(codes, t.code) / total) * 100;
      verdict = worseVerdict(verdict, { status: thresholdStatus(ratio, t.degraded, t.failure), errorRatio: ratio });
    }
  }
  return { ...verdict, matched };
}

/** Request part of node health (Kiali's calculateRequestStatus): worst of inbound and outbound; nothing matched → NA. */
function requestVerdict(inbound: CodeRates, outbound: CodeRates, rules: Rules): Verdict {
  if (rules.fallback) {
    let total = 0;
    let errors = 0;
    for (const requests of [inbound, outbound]) {
      for (const codes of Object.values(requests)) {
        for (const [code, v] of Object.entries(codes)) {
          total += v;
          errors += isFallbackErrorCode(code) ? v : 0;
        }
      }
    }
    if (!(total > 0)) {
      return NA;
    }
    const ratio = (errors / total) * 100;
    return { status: fallbackStatus(ratio), errorRatio: ratio };
  }
  const inV = directionVerdict(inbound, 'inbound', rules.tolerances);
  const outV = directionVerdict(outbound, 'outbound', rules.tolerances);
  if (!inV.matched && !outV.matched) {
    return NA;
  }
  const worst = worseVerdict(inV.matched ? inV : NA, outV.matched ? outV : NA);
  return { status: worst.status, errorRatio: worst.errorRatio };
}

/**
 * Replica status (Kiali's WorkloadStatusHealth) from the two numbers kube-state-metrics gives us: desired 0 →
 * Not Ready (scaled down); none available → Failure; fewer available than desired → Degraded; else Healthy.
 * Kiali's "current replicas" and "synced proxies" checks need data we do not have.
 */
export function workloadReplicaStatus(
  ws: { desiredReplicas: number; availableReplicas: number } | undefined
): HealthStatus {
  if (!ws || !Number.isFinite(ws.desiredReplicas) || !Number.isFinite(ws.availableReplicas)) {
    return 'NA';
  }
  if (ws.desiredReplicas <= 0) {
    return 'Not Ready';
  }
  if (ws.availableReplicas <= 0) {
    return 'Failure';
  }
  if (ws.availableReplicas < ws.desiredReplicas) {
    return 'Degraded';
  }
  return 'Healthy';
}

function addRate(requests: CodeRates, protocol: string, code: string, rate: number): void {
  const codes = (requests[protocol] ??= {});
  codes[code] = (codes[code] ?? 0) + rate;
}

/**
 * Feeds every request edge's responses to its source (outbound) and destination (inbound), as Kiali's
 * addEdgeTrafficToNodeHealth. TCP edges are left out: their "responses" are bytes, and Kiali adding them would mix
 * bytes/s into totalRequestRate (no default tolerance matches tcp, so statuses are the same either way).
 */
function collectRequests(
  model: GraphModel,
  judged: (edge: GraphEdge) => boolean
): { requests: Map<string, { inbound: CodeRates; outbound: CodeRates }>; orphanEdges: number } {
  const requests = new Map<string, { inbound: CodeRates; outbound: CodeRates }>();
  for (const node of model.nodes) {
    requests.set(node.id, { inbound: {}, outbound: {} });
  }
  let orphanEdges = 0;
  for (const edge of model.edges) {
    const source = requests.get(edge.source);
    const target = requests.get(edge.target);
    if (!source || !target) {
      orphanEdges++;
      continue;
    }
    if (edge.protocol === 'tcp' || !judged(edge)) {
      continue;
    }
    for (const [code, rate] of Object.entries(edgeCodeRates(edge))) {
      addRate(source.outbound, edge.protocol, code, rate);
      addRate(target.inbound, edge.protocol, code, rate);
    }
  }
  return { requests, orphanEdges };
}

function totalOf(requests: CodeRates): number {
  return Object.values(requests).reduce((sum, codes) => sum + sumRates(codes), 0);
}

/** Node status per type (§9.4): workload = worse(replicas, requests); app = worse(requests, its workload); service = requests. */
function nodeStatus(node: GraphNode, request: Verdict, workloadStatus: NodeHealth['workloadStatus']): HealthStatus {
  if (node.isInaccessible || node.nodeType === 'unknown') {
    return 'NA';
  }
  switch (node.nodeType) {
    case 'workload':
    case 'app':
      // In app graphs the kube-state appender stores the worst deployment of the app, so this is
      // "worse(requests, each workload's status)".
      return worseStatus(request.status, workloadReplicaStatus(workloadStatus));
    default:
      return request.status;
  }
}

function hasNodeHealth(node: GraphNode): boolean {
  // Boxes are drawn from their members; operation (aggregate) nodes get no health in Kiali either.
  return node.nodeType !== 'box' && node.isBox === undefined && node.nodeType !== 'aggregate';
}

/**
 * Sets `edge.healthStatus` (removed when NA) and `node.health` on every app/workload/service node (and NA health on
 * the unknown/inaccessible ones). Invalid tolerances are skipped with a warning notice; an empty list (or none
 * usable) applies Kiali's fallback rule to nodes and edges alike. Pass the graph options' rates so gRPC edges
 * measured in messages are left unjudged. Calling it twice gives the same result.
 */
export function applyHealth(
  model: GraphModel,
  tolerances: HealthTolerance[] = DEFAULT_TOLERANCES,
  options?: Pick<GraphOptions, 'rates'>
): void {
  const compiled = compileTolerances(tolerances);
  if (compiled.problems.length > 0) {
    model.notices.push({
      severity: 'warning',
      text: `Health: ${compiled.problems.length} problem(s) in the health tolerances; the affected tolerances are ignored: ${compiled.problems.join('; ')}`,
    });
  }
  const rules: Rules = { tolerances: compiled.tolerances, fallback: compiled.tolerances.length === 0 };

  // gRPC edges measured in messages (rates.grpc sent/received/total) carry no status codes, only '-': judging them
  // would read every message as "no response". Kiali's UI skipped them the same way.
  const grpcRequests = options === undefined || options.rates.grpc === 'requests';
  const judged = (edge: GraphEdge) => edge.protocol !== 'grpc' || grpcRequests;
  for (const edge of model.edges) {
    const status = judged(edge) ? edgeHealthStatus(edge, rules) : 'NA';
    if (status === 'NA') {
      delete edge.healthStatus;
    } else {
      edge.healthStatus = status;
    }
  }

  const { requests, orphanEdges } = collectRequests(model, judged);
  if (orphanEdges > 0) {
    model.notices.push({
      severity: 'warning',
      text: `Health: ${orphanEdges} edge(s) refer to a node that is not in the graph; their traffic is left out of node health.`,
    });
  }
  for (const node of model.nodes) {
    if (!hasNodeHealth(node)) {
      continue;
    }
    const { inbound, outbound } = requests.get(node.id) ?? { inbound: {}, outbound: {} };
    const request = requestVerdict(inbound, outbound, rules);
    const workloadStatus = node.health?.workloadStatus;
    const status = nodeStatus(node, request, workloadStatus);
    const health: NodeHealth = {
      status,
      errorRatio: status === 'NA' ? 0 : request.errorRatio,
      totalRequestRate: totalOf(inbound) + totalOf(outbound),
      inbound,
      outbound,
    };
    if (workloadStatus) {
      health.workloadStatus = workloadStatus;
    }
    node.health = health;
  }
}
