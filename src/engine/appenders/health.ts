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
import { newCodeRecord } from '../codeRecord';

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

const NA: Verdict = { status: 'NA', errorRatio: 0 };

/** A compiled tolerance and its code-pattern answers so far. */
interface MemoTolerance {
  t: CompiledTolerance;
  hits: Map<string, boolean>;
}

/**
 * The tolerances of one applyHealth call with their answers memoized: response codes are a handful of strings
 * ("200", "503", "-", gRPC statuses) seen thousands of times, and (direction, protocol) pairs even fewer.
 * Regexes without flags are pure, so a remembered answer is the answer. Empty list = Kiali's fallback rule.
 */
class Rules {
  readonly fallback: boolean;
  private readonly memos: MemoTolerance[];
  private readonly applicable: Record<Direction, Map<string, MemoTolerance[]>> = {
    inbound: new Map(),
    outbound: new Map(),
  };
  private readonly fallbackHits = new Map<string, boolean>();

  constructor(tolerances: CompiledTolerance[]) {
    this.fallback = tolerances.length === 0;
    this.memos = tolerances.map((t) => ({ t, hits: new Map() }));
  }

  /** The tolerances whose direction and protocol patterns match, in configuration order. */
  for(direction: Direction, protocol: string): MemoTolerance[] {
    const byProtocol = this.applicable[direction];
    let list = byProtocol.get(protocol);
    if (list === undefined) {
      list = this.memos.filter(({ t }) => t.direction.test(direction) && t.protocol.test(protocol));
      byProtocol.set(protocol, list);
    }
    return list;
  }

  /** Sum of the rates whose code matches the tolerance, added in the given order (as Kiali's loop). */
  matchingRate(m: MemoTolerance, codes: string[], rates: number[], count: number): number {
    const { t, hits } = m;
    let matched = 0;
    for (let i = 0; i < count; i++) {
      const c = codes[i];
      let hit = hits.get(c);
      if (hit === undefined) {
        hit = t.code.test(c);
        hits.set(c, hit);
      }
      if (hit) {
        matched += rates[i];
      }
    }
    return matched;
  }

  isFallbackError(code: string): boolean {
    let hit = this.fallbackHits.get(code);
    if (hit === undefined) {
      hit = isFallbackErrorCode(code);
      this.fallbackHits.set(code, hit);
    }
    return hit;
  }
}

/** The positive, finite rates of an edge by response code. */
export function edgeCodeRates(edge: GraphEdge): Record<string, number> {
  const codes = newCodeRecord<number>();
  for (const [code, detail] of Object.entries(edge.responses ?? {})) {
    const rate = detail?.rate;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0) {
      codes[code] = (codes[code] ?? 0) + rate;
    }
  }
  return codes;
}

/**
 * edgeCodeRates into reused parallel arrays (same codes, same order); returns the count. A "__proto__" response
 * is left out, as assigning it into a plain object (edgeCodeRates, node requests) never creates a key.
 */
function readEdgeCodes(edge: GraphEdge, codes: string[], rates: number[]): number {
  const responses = edge.responses;
  if (responses === undefined || responses === null) {
    return 0;
  }
  let n = 0;
  for (const code of Object.keys(responses)) {
    const rate = responses[code]?.rate;
    if (typeof rate === 'number' && Number.isFinite(rate) && rate > 0 && code !== '__proto__') {
      codes[n] = code;
      rates[n] = rate;
      n++;
    }
  }
  return n;
}

/** One side of an edge (§9.3): the worst tolerance verdict; traffic but no tolerance for the protocol → Healthy. */
function edgeSideStatus(
  codes: string[],
  rates: number[],
  count: number,
  total: number,
  protocol: string,
  direction: Direction,
  rules: Rules
): HealthStatus {
  let worst: HealthStatus = 'NA';
  for (const m of rules.for(direction, protocol)) {
    const ratio = (rules.matchingRate(m, codes, rates, count) / total) * 100;
    worst = worseStatus(worst, thresholdStatus(ratio, m.t.degraded, m.t.failure));
  }
  return worst === 'NA' ? 'Healthy' : worst;
}

/**
 * Edge health (Kiali's calculateSingleEdgeHealth): the source's outbound tolerances and the destination's inbound
 * ones, the worse wins; no traffic → NA. The same threshold rule as node health is used on both sides (Kiali's
 * current edge code ignores a degraded threshold of 0, which would leave a 2 % 5xx edge green; the documented rule
 * and the older UI make it Degraded, and so do we). `codes`/`rates` hold the edge's readEdgeCodes.
 */
function edgeHealthStatus(
  edge: GraphEdge,
  codes: string[],
  rates: number[],
  count: number,
  rules: Rules
): HealthStatus {
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += rates[i];
  }
  if (!(total > 0)) {
    return 'NA';
  }
  if (rules.fallback) {
    let errors = 0;
    for (let i = 0; i < count; i++) {
      if (rules.isFallbackError(codes[i])) {
        errors += rates[i];
      }
    }
    return fallbackStatus((errors / total) * 100);
  }
  const outbound = edgeSideStatus(codes, rates, count, total, edge.protocol, 'outbound', rules);
  const inbound = edgeSideStatus(codes, rates, count, total, edge.protocol, 'inbound', rules);
  return worseStatus(outbound, inbound);
}

/** Scratch space for one direction of one node: its codes of one protocol, reused between nodes. */
interface Scratch {
  codes: string[];
  rates: number[];
}

/** Loads one protocol's code rates into the scratch arrays (object key order); returns the count. */
function loadCodes(codeRates: Record<string, number>, s: Scratch): number {
  let n = 0;
  for (const code of Object.keys(codeRates)) {
    s.codes[n] = code;
    s.rates[n] = codeRates[code];
    n++;
  }
  return n;
}

/**
 * One direction of a node's requests (Kiali's processDirectionalTraffic) folded into `acc`: the worse verdict of
 * every matching tolerance, protocols in sorted order; `acc.matched` = some tolerance saw traffic.
 */
function directionVerdict(
  requests: CodeRates,
  direction: Direction,
  rules: Rules,
  s: Scratch,
  acc: { status: HealthStatus; errorRatio: number; matched: boolean }
): void {
  let status: HealthStatus = 'NA';
  let errorRatio = 0;
  let matched = false;
  const protocols = Object.keys(requests);
  if (protocols.length > 1) {
    protocols.sort();
  }
  for (const protocol of protocols) {
    const count = loadCodes(requests[protocol], s);
    let total = 0;
    for (let i = 0; i < count; i++) {
      total += s.rates[i];
    }
    if (!(total > 0)) {
      continue;
    }
    for (const m of rules.for(direction, protocol)) {
      matched = true;
      const ratio = (rules.matchingRate(m, s.codes, s.rates, count) / total) * 100;
      const st = thresholdStatus(ratio, m.t.degraded, m.t.failure);
      // worseVerdict: the worse status; on equal status the higher ratio (independent of iteration order).
      const pa = healthPriority(status);
      const pb = healthPriority(st);
      if (pb > pa || (pb === pa && ratio > errorRatio)) {
        status = st;
        errorRatio = ratio;
      }
    }
  }
  acc.status = status;
  acc.errorRatio = errorRatio;
  acc.matched = matched;
}

/** Request part of node health (Kiali's calculateRequestStatus): worst of inbound and outbound; nothing matched → NA. */
function requestVerdict(inbound: CodeRates, outbound: CodeRates, rules: Rules, s: Scratch): Verdict {
  if (rules.fallback) {
    let total = 0;
    let errors = 0;
    for (const requests of [inbound, outbound]) {
      for (const protocol of Object.keys(requests)) {
        const codes = requests[protocol];
        for (const code of Object.keys(codes)) {
          const v = codes[code];
          total += v;
          errors += rules.isFallbackError(code) ? v : 0;
        }
      }
    }
    if (!(total > 0)) {
      return NA;
    }
    const ratio = (errors / total) * 100;
    return { status: fallbackStatus(ratio), errorRatio: ratio };
  }
  const inV = { status: 'NA' as HealthStatus, errorRatio: 0, matched: false };
  const outV = { status: 'NA' as HealthStatus, errorRatio: 0, matched: false };
  directionVerdict(inbound, 'inbound', rules, s, inV);
  directionVerdict(outbound, 'outbound', rules, s, outV);
  if (!inV.matched && !outV.matched) {
    return NA;
  }
  const a = inV.matched ? inV : NA;
  const b = outV.matched ? outV : NA;
  const pa = healthPriority(a.status);
  const pb = healthPriority(b.status);
  const worst = pb > pa || (pb === pa && b.errorRatio > a.errorRatio) ? b : a;
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
  const codes = (requests[protocol] ??= newCodeRecord());
  codes[code] = (codes[code] ?? 0) + rate;
}

/** Sum of a node's rates in object order, per protocol first (as Kiali's totals add up). */
function totalOf(requests: CodeRates): number {
  let sum = 0;
  for (const protocol of Object.keys(requests)) {
    const codes = requests[protocol];
    let sub = 0;
    for (const code of Object.keys(codes)) {
      sub += codes[code];
    }
    sum += sub;
  }
  return sum;
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
  const rules = new Rules(compiled.tolerances);

  // gRPC edges measured in messages (rates.grpc sent/received/total) carry no status codes, only '-': judging them
  // would read every message as "no response". Kiali's UI skipped them the same way.
  const grpcRequests = options === undefined || options.rates.grpc === 'requests';

  // One pass over the edges: edge status, then (Kiali's addEdgeTrafficToNodeHealth) the edge's responses added to
  // its source (outbound) and destination (inbound). TCP edges are left out of node health: their "responses" are
  // bytes, and Kiali adding them would mix bytes/s into totalRequestRate (no default tolerance matches tcp, so
  // statuses are the same either way).
  const requests = new Map<string, { inbound: CodeRates; outbound: CodeRates }>();
  for (const node of model.nodes) {
    requests.set(node.id, { inbound: {}, outbound: {} });
  }
  let orphanEdges = 0;
  const codes: string[] = [];
  const rates: number[] = [];
  for (const edge of model.edges) {
    const judged = edge.protocol !== 'grpc' || grpcRequests;
    const count = judged ? readEdgeCodes(edge, codes, rates) : 0;
    const status = judged ? edgeHealthStatus(edge, codes, rates, count, rules) : 'NA';
    if (status === 'NA') {
      delete edge.healthStatus;
    } else {
      edge.healthStatus = status;
    }
    const source = requests.get(edge.source);
    const target = requests.get(edge.target);
    if (!source || !target) {
      orphanEdges++;
      continue;
    }
    if (edge.protocol === 'tcp' || !judged) {
      continue;
    }
    for (let i = 0; i < count; i++) {
      addRate(source.outbound, edge.protocol, codes[i], rates[i]);
      addRate(target.inbound, edge.protocol, codes[i], rates[i]);
    }
  }
  if (orphanEdges > 0) {
    model.notices.push({
      severity: 'warning',
      text: `Health: ${orphanEdges} edge(s) refer to a node that is not in the graph; their traffic is left out of node health.`,
    });
  }
  const scratch: Scratch = { codes, rates };
  for (const node of model.nodes) {
    if (!hasNodeHealth(node)) {
      continue;
    }
    const { inbound, outbound } = requests.get(node.id) ?? { inbound: {}, outbound: {} };
    const request = requestVerdict(inbound, outbound, rules, scratch);
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
