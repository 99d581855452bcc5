/**
 * securityPolicy appender (§3.5, Kiali appender/security_policy.go): per edge, the rate of each
 * connection_security_policy, isMTLS (the mutual_tls share) and the principals. Departure: Kiali overwrites the rate
 * of a policy with each series it reads (addSecurityPolicy) and keeps the first principals (addPrincipal), so with
 * several series for one edge (versions merged into an app node, callers of an injected service) its result depends
 * on the store's series order. Meshgraph sums the rates per policy and keeps the smallest principal seen: the same
 * as Kiali with one series per edge, and the same on every store.
 */
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
    const sp = reader.get(L.srcPrincipal);
    const dp = reader.get(L.dstPrincipal);
    for (const e of edges) {
      const policies = (e.policies ??= new Map());
      policies.set(policy, (policies.get(policy) ?? 0) + value);
      if (sp !== '' && (e.sourcePrincipal === undefined || sp < e.sourcePrincipal)) {
        e.sourcePrincipal = sp;
      }
      if (dp !== '' && (e.destPrincipal === undefined || dp < e.destPrincipal)) {
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
