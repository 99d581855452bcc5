/** securityPolicy appender (§3.5): per edge, rate by policy (overwritten per policy), isMTLS and principals. */
import { GraphOptions } from '../model';
import { SampleVisitor } from '../client/vectorAnswer';
import { EndpointResolver, SkipCounts, countSkip } from '../fold/foldTraffic';
import { L, TelemetryReader } from '../fold/telemetry';
import { TrafficEdge, TrafficMap, TrafficNode } from '../fold/trafficMap';

function edgesBetween(from: TrafficNode, toId: string): TrafficEdge[] {
  const out: TrafficEdge[] = [];
  for (const e of from.edges.values()) {
    if (e.destId === toId) {
      out.push(e);
    }
  }
  return out;
}

export function securityPolicyVisitor(map: TrafficMap, options: GraphOptions, skipped: SkipCounts): SampleVisitor {
  const reader = new TelemetryReader('endpoints', false);
  const res = new EndpointResolver(map, options, reader, false);
  return (names, values, count, value) => {
    if (!(value > 0)) {
      return;
    }
    const reason = reader.read(names, values, count) ?? res.resolve();
    if (reason !== undefined) {
      countSkip(skipped, 'securityPolicy: ' + reason);
      return;
    }
    const policy = reader.get(L.policy) || 'unknown';
    const edges = res.svc
      ? [...edgesBetween(res.src, res.svc.id), ...edgesBetween(res.svc, res.dst.id)]
      : edgesBetween(res.src, res.dst.id);
    for (const e of edges) {
      (e.policies ??= new Map()).set(policy, value);
      const sp = reader.get(L.srcPrincipal);
      const dp = reader.get(L.dstPrincipal);
      if (e.sourcePrincipal === undefined && sp !== '') {
        e.sourcePrincipal = sp;
      }
      if (e.destPrincipal === undefined && dp !== '') {
        e.destPrincipal = dp;
      }
    }
  };
}

/** Percentage of mutual_tls traffic, per edge. */
export function mtlsPercent(e: TrafficEdge): number | undefined {
  if (!e.policies) {
    return undefined;
  }
  let total = 0;
  for (const v of e.policies.values()) {
    total += v;
  }
  const pct = total > 0 ? (100 * (e.policies.get('mutual_tls') ?? 0)) / total : 0;
  return pct > 0 ? pct : undefined;
}
