/**
 * Health appender (Kiali's `health` finalizer, §9 of the Kiali notes): edge `healthStatus` from each edge's
 * responses, node `health` from the traffic of all its edges plus the replica status the kube-state appender put
 * on workload/app nodes. Runs on the finished graph; pure, mutates the model in place. The verdicts against the
 * tolerances are in healthRules.ts.
 */
import type { GraphModel, GraphNode, GraphOptions, HealthStatus, HealthTolerance, NodeHealth } from '../model';
import { compileTolerances, DEFAULT_TOLERANCES, worseStatus } from './healthTolerances';
import { edgeHealthStatus, readEdgeCodes, requestVerdict, Rules, totalOf, type Verdict } from './healthRules';
import { type CodeRates, DirectionView, RequestTally } from './requestTally';

export {
  DEFAULT_TOLERANCES,
  formatHealthAnnotation,
  HealthAnnotationError,
  parseHealthAnnotation,
  validateTolerances,
} from './healthTolerances';

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
  // statuses are the same either way). Nodes sharing an id share their request records, as they share the id.
  const slotOf = new Map<string, number>();
  for (const node of model.nodes) {
    if (!slotOf.has(node.id)) {
      slotOf.set(node.id, slotOf.size);
    }
  }
  const tally = new RequestTally(slotOf.size * 2); // list 2k = inbound of slot k, 2k + 1 = outbound
  let orphanEdges = 0;
  const codes: string[] = [];
  const rates: number[] = [];
  for (const edge of model.edges) {
    const judged = edge.protocol !== 'grpc' || grpcRequests;
    const count = judged ? readEdgeCodes(edge, codes, rates) : 0;
    let status = judged ? edgeHealthStatus(edge, codes, rates, count, rules) : 'NA';
    // Samples that could not be read may have been errors: what was read cannot make the edge healthy.
    if (status === 'Healthy' && edge.unreadable) {
      status = 'NA';
    }
    if (status === 'NA') {
      delete edge.healthStatus;
    } else {
      edge.healthStatus = status;
    }
    const source = slotOf.get(edge.source);
    const target = slotOf.get(edge.target);
    if (source === undefined || target === undefined) {
      orphanEdges++;
      continue;
    }
    if (edge.protocol === 'tcp' || !judged) {
      continue;
    }
    for (let i = 0; i < count; i++) {
      tally.add(source * 2 + 1, edge.protocol, codes[i], rates[i]);
      tally.add(target * 2, edge.protocol, codes[i], rates[i]);
    }
  }
  if (orphanEdges > 0) {
    model.notices.push({
      severity: 'warning',
      text: `Health: ${orphanEdges} edge(s) refer to a node that is not in the graph; their traffic is left out of node health.`,
    });
  }
  const inView = new DirectionView();
  const outView = new DirectionView();
  const done: Array<{ inbound: CodeRates; outbound: CodeRates; request: Verdict; total: number } | undefined> = [];
  for (const node of model.nodes) {
    if (!hasNodeHealth(node)) {
      continue;
    }
    const slot = slotOf.get(node.id)!;
    let d = done[slot];
    if (d === undefined) {
      const inbound = tally.load(slot * 2, inView);
      const outbound = tally.load(slot * 2 + 1, outView);
      const request = requestVerdict(inView, outView, rules);
      d = { inbound, outbound, request, total: totalOf(inView) + totalOf(outView) };
      done[slot] = d;
    }
    const { inbound, outbound, request } = d;
    const workloadStatus = node.health?.workloadStatus;
    let status = nodeStatus(node, request, workloadStatus);
    if (status === 'Healthy' && node.unreadable) {
      status = 'NA';
    }
    const health: NodeHealth = {
      status,
      errorRatio: status === 'NA' ? 0 : request.errorRatio,
      totalRequestRate: d.total,
      inbound,
      outbound,
    };
    if (workloadStatus) {
      health.workloadStatus = workloadStatus;
    }
    node.health = health;
  }
}
