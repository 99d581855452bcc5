/**
 * Kiali's literal per-namespace query set (§3.3 templates): Q0/Q2/Q3 for requests and gRPC messages and
 * T0/T1/T2 per TCP metric, for each namespace, plus per-namespace appender queries (§3.5). It is the
 * benchmark's baseline and the reference the tests compare Meshgraph's plan against. Each answer is folded
 * into its namespace's traffic map with Kiali's de-duplication, then the maps are merged (§4.13).
 * Q1 (ambient namespaces only) is not planned: knowing which namespaces are ambient needs Kubernetes.
 */
import { GraphOptions } from '../model';
import { Matcher, eq, neq, selector, groupLabels } from '../promql/selector';
import { GB_MSG, GB_REQ, GB_RT, GB_SP, METRIC_REQUESTS } from './labels';
import {
  nodeFocusParts,
  reporter,
  serviceHostIn,
  tcpAppFilter,
  withScope,
  rangeSeconds,
  requestProtocolFilter,
} from './parts';
import { trafficMetrics } from './trafficMetrics';
import { EngineQuery, QueryPlan } from './types';
import { aggregateLabel, securityMetrics, throughputMetric } from './planQueries';

/** `sum(rate(M{SEL} [Ds])) by (GB)` exactly as Kiali writes it (note the space before the range). */
function kialiSumRate(options: GraphOptions, metric: string, matchers: Matcher[], by: readonly string[], space = true) {
  const range = `${space ? ' ' : ''}[${rangeSeconds(options)}s]`;
  return `sum(rate(${selector(metric, withScope(options, matchers))}${range})) by ${groupLabels(by)}`;
}

function wrap(expr: string): string {
  return `round(${expr},0.001)`;
}

function trafficSelectors(
  options: GraphOptions,
  ns: string,
  tcp: boolean
): Array<{ name: string; matchers: Matcher[] }> {
  const app = tcp ? tcpAppFilter(options) : [];
  return [
    {
      name: tcp ? 'T0' : 'Q0',
      matchers: [
        ...app,
        reporter(options, 'source'),
        neq('source_workload_namespace', ns),
        eq('destination_workload_namespace', 'unknown'),
        eq('destination_workload', 'unknown'),
        serviceHostIn([ns]),
      ],
    },
    {
      name: tcp ? 'T1' : 'Q2',
      matchers: [...app, reporter(options, 'destination'), eq('destination_workload_namespace', ns)],
    },
    { name: tcp ? 'T2' : 'Q3', matchers: [...app, reporter(options, 'source'), eq('source_workload_namespace', ns)] },
  ];
}

function appenderQueries(options: GraphOptions, ns: string): EngineQuery[] {
  const out: EngineQuery[] = [];
  const ap = options.appenders;
  const requests = options.rates.http === 'requests' || options.rates.grpc === 'requests';
  const inbound = (rep: string): Matcher[] => [
    reporter(options, rep),
    neq('source_workload_namespace', ns),
    eq('destination_service_namespace', ns),
  ];
  const outbound = (rep: string): Matcher[] => [reporter(options, rep), eq('source_workload_namespace', ns)];
  if (ap.responseTime && requests) {
    const rtParts = [
      { name: 'RT-1', m: [reporter(options, 'destination'), eq('destination_service_namespace', ns)] },
      { name: 'RT-2', m: outbound('source') },
    ];
    for (const p of rtParts) {
      const m = [...requestProtocolFilter(options), ...p.m];
      const base = 'istio_request_duration_milliseconds';
      const expr =
        ap.responseTime === 'avg'
          ? `${kialiSumRate(options, base + '_sum', m, GB_RT, false)} / ${kialiSumRate(options, base + '_count', m, GB_RT, false)} > 0`
          : `histogram_quantile(${(Number(ap.responseTime) / 100).toFixed(2)}, ${kialiSumRate(options, base + '_bucket', m, ['le', ...GB_RT], false)}) > 0`;
      out.push({
        id: `kiali:${ns}:${p.name}`,
        purpose: `${ns}: response time ${p.name}`,
        expr: wrap(expr),
        role: { kind: 'responseTime', stat: ap.responseTime, namespace: ns },
      });
    }
  }
  if (ap.throughput && options.rates.http === 'requests') {
    const { metric, rep } = throughputMetric(options);
    for (const [name, m] of [
      ['TP-1', inbound(rep)],
      ['TP-2', outbound(rep)],
    ] as Array<[string, Matcher[]]>) {
      out.push({
        id: `kiali:${ns}:${name}`,
        purpose: `${ns}: throughput ${name}`,
        expr: wrap(`${kialiSumRate(options, metric, m, GB_MSG, false)} > 0`),
        role: { kind: 'throughput', type: ap.throughput, namespace: ns },
      });
    }
  }
  if (ap.securityPolicy) {
    for (const [name, m] of [
      ['SP-1', inbound('destination')],
      ['SP-2', outbound('destination')],
    ] as Array<[string, Matcher[]]>) {
      const subs = securityMetrics(options).map(
        (sm) =>
          `(${kialiSumRate(options, sm.metric, [...(sm.tcp ? tcpAppFilter(options) : []), ...m], GB_SP, false)} > 0)`
      );
      if (subs.length > 0) {
        out.push({
          id: `kiali:${ns}:${name}`,
          purpose: `${ns}: security policy ${name}`,
          expr: wrap(subs.join(' OR ')),
          role: { kind: 'securityPolicy', namespace: ns },
        });
      }
    }
  }
  const agg = aggregateLabel(options);
  if (agg && requests) {
    for (const [name, m] of [
      ['AGG-1', inbound('destination')],
      ['AGG-2', outbound('destination')],
    ] as Array<[string, Matcher[]]>) {
      out.push({
        id: `kiali:${ns}:${name}`,
        purpose: `${ns}: aggregate ${name}`,
        expr: wrap(
          `${kialiSumRate(options, METRIC_REQUESTS, [...requestProtocolFilter(options), ...m, neq(agg, 'unknown')], [...GB_REQ, agg], false)} > 0`
        ),
        role: { kind: 'aggregate', label: agg, namespace: ns },
      });
    }
  }
  return out;
}

/** Kiali's query set for the options: 6 traffic queries per namespace with the default rates. */
export function planKialiBaseline(options: GraphOptions): QueryPlan {
  const idle = options.includeIdleEdges ? '' : ' > 0';
  const queries: EngineQuery[] = [];
  if (options.node) {
    const ns = options.node.namespace;
    for (const spec of trafficMetrics(options)) {
      const app = spec.family === 'tcp' ? tcpAppFilter(options) : [];
      for (const p of nodeFocusParts(options, options.node)) {
        queries.push({
          id: `kiali:${ns}:node-${p.name}:${spec.metric}`,
          purpose: `${ns}: node graph ${p.name} ${spec.metric}`,
          expr: wrap(`${kialiSumRate(options, spec.metric, [...app, ...p.matchers], spec.kialiGroupBy)}${idle}`),
          role: { kind: 'traffic', metric: spec.metric, namespace: ns },
        });
      }
    }
    queries.push(...appenderQueries(options, ns));
    return { style: 'kiali', queries };
  }
  if (options.namespaces === 'all') {
    throw new Error("Kiali's query plan needs explicit namespaces (it has no all-namespaces query)");
  }
  for (const ns of options.namespaces) {
    for (const spec of trafficMetrics(options)) {
      for (const p of trafficSelectors(options, ns, spec.family === 'tcp')) {
        queries.push({
          id: `kiali:${ns}:${p.name}:${spec.metric}`,
          purpose: `${ns}: ${p.name} ${spec.metric}`,
          expr: wrap(`${kialiSumRate(options, spec.metric, p.matchers, spec.kialiGroupBy)}${idle}`),
          role: { kind: 'traffic', metric: spec.metric, namespace: ns },
        });
      }
    }
    queries.push(...appenderQueries(options, ns));
  }
  return { style: 'kiali', queries };
}
