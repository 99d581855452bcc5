/**
 * Selector building blocks shared by Meshgraph's plan and the Kiali baseline: reporter fragments, namespace
 * sets, the unserviced-host regex and node-focus filters (§3.2–§3.4).
 */
import { GraphOptions, NodeFocus } from '../model';
import { escapeRegex } from '../promql/escape';
import { Matcher, eq, neq, noneOf, oneOf, re, scopeMatchers, selector, groupLabels } from '../promql/selector';

/** Kiali's REP(x): waypoint-reported series count on both sides when ambient traffic is total or waypoint. */
export function reporter(options: GraphOptions, x: string): Matcher {
  const a = options.ambientTraffic;
  return a === 'total' || a === 'waypoint' ? re('reporter', `waypoint|${x}`) : eq('reporter', x);
}

/** Kiali's APP fragment for TCP metrics: drop ztunnel-reported L4 series unless ztunnel traffic is wanted. */
export function tcpAppFilter(options: GraphOptions): Matcher[] {
  const a = options.ambientTraffic;
  return a === 'waypoint' || a === 'none' ? [neq('app', 'ztunnel')] : [];
}

export function nsIn(label: string, namespaces: string[]): Matcher {
  return oneOf(label, namespaces);
}

export function nsNotIn(label: string, namespaces: string[]): Matcher {
  return noneOf(label, namespaces);
}

/** Hosts of services in the namespaces: `^.+\.NS\..+$` (or an alternation of namespaces). */
export function serviceHostIn(namespaces: string[]): Matcher {
  const alt = namespaces.length === 1 ? escapeRegex(namespaces[0]) : '(' + namespaces.map(escapeRegex).join('|') + ')';
  return re('destination_service', `^.+\\.${alt}\\..+$`);
}

/** Range in whole seconds, as Kiali writes it. */
export function rangeSeconds(options: GraphOptions): number {
  const d = Math.floor(options.duration);
  if (!Number.isFinite(d) || d < 1) {
    throw new Error(`Invalid duration ${options.duration}: it must be at least 1 second`);
  }
  return d;
}

export function withScope(options: GraphOptions, matchers: Matcher[]): Matcher[] {
  return [...scopeMatchers(options.scope), ...matchers];
}

/** `sum by (G) (rate(M{scope,...}[Ds]))` */
export function sumRate(options: GraphOptions, metric: string, matchers: Matcher[], by: readonly string[]): string {
  return `sum by ${groupLabels(by)} (rate(${selector(metric, withScope(options, matchers))}[${rangeSeconds(options)}s]))`;
}

export function idleFilter(options: GraphOptions): string {
  return options.includeIdleEdges ? '' : ' > 0';
}

/** Inbound and outbound selector parts of a node-focused graph (§3.4), inbound first. */
export function nodeFocusParts(options: GraphOptions, node: NodeFocus): Array<{ name: string; matchers: Matcher[] }> {
  const ns = node.namespace;
  switch (node.kind) {
    case 'workload':
      return [
        {
          name: 'inbound',
          matchers: [
            reporter(options, 'destination'),
            eq('destination_workload_namespace', ns),
            eq('destination_workload', node.name),
          ],
        },
        {
          name: 'outbound',
          matchers: [
            reporter(options, 'source'),
            eq('source_workload_namespace', ns),
            eq('source_workload', node.name),
          ],
        },
      ];
    case 'app': {
      const inV = node.version ? [eq('destination_canonical_revision', node.version)] : [];
      const outV = node.version ? [eq('source_canonical_revision', node.version)] : [];
      return [
        {
          name: 'inbound',
          matchers: [
            reporter(options, 'destination'),
            eq('destination_service_namespace', ns),
            eq('destination_canonical_service', node.app),
            ...inV,
          ],
        },
        {
          name: 'outbound',
          matchers: [
            reporter(options, 'source'),
            eq('source_workload_namespace', ns),
            eq('source_canonical_service', node.app),
            ...outV,
          ],
        },
      ];
    }
    case 'service': {
      const host = re('destination_service', `^${escapeRegex(node.name)}\\.${escapeRegex(ns)}\\..*$`);
      return [
        {
          name: 'unserviced',
          matchers: [
            reporter(options, 'source'),
            eq('destination_service_namespace', ns),
            eq('destination_workload', 'unknown'),
            host,
          ],
        },
        {
          name: 'inbound',
          matchers: [reporter(options, 'destination'), eq('destination_service_namespace', ns), host],
        },
      ];
    }
  }
}

/** Which request protocols the options keep; narrows the requests query when one protocol is off. */
export function requestProtocolFilter(options: GraphOptions): Matcher[] {
  const http = options.rates.http === 'requests';
  const grpc = options.rates.grpc === 'requests';
  if (http && !grpc) {
    return [neq('request_protocol', 'grpc')];
  }
  if (grpc && !http) {
    return [eq('request_protocol', 'grpc')];
  }
  return [];
}
