/**
 * The `series` resource (src/datasource/resources.ts): request rate, error rate and response time of one node's
 * inbound traffic or of one edge over a range, for the panel's details drawer (Kiali's side-panel charts). Three
 * range queries through the engine's PrometheusClient; every label value is a matcher built by the engine's
 * selector helpers (escaped there), so no value from the request reaches PromQL as text.
 *
 * Each traffic series is taken from the destination proxies' reports and, at steps where none exist (a
 * destination without a sidecar, PassthroughCluster), from the sources': `dest or source`, so the two reporters'
 * copies are never added up.
 */
import type { PrometheusClient } from '../../engine/client';
import { eq, Matcher, re, scopeMatchers, selector } from '../../engine/promql/selector';
import type { SeriesName, SeriesNodeRef, SeriesRequest, SeriesResponse } from '../../datasource/resources';

const REQUESTS = 'istio_requests_total';
const DURATION = 'istio_request_duration_milliseconds';
const TCP_SENT = 'istio_tcp_sent_bytes_total';
const DEFAULT_POINTS = 120;
const MAX_POINTS = 500;
const MIN_STEP_S = 15;

export class SeriesRequestError extends Error {}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nodeRef(v: unknown, what: string): SeriesNodeRef {
  if (!v || typeof v !== 'object') {
    throw new SeriesRequestError(`${what} is missing.`);
  }
  const r = v as Record<string, unknown>;
  const nodeType = str(r.nodeType);
  if (!nodeType) {
    throw new SeriesRequestError(`${what} has no nodeType.`);
  }
  return {
    nodeType,
    cluster: str(r.cluster),
    namespace: str(r.namespace),
    workload: str(r.workload),
    app: str(r.app),
    version: str(r.version),
    service: str(r.service),
  };
}

/** The request body, checked: every field has the type the contract says. */
export function parseSeriesRequest(body: unknown, now: number): SeriesRequest {
  if (!body || typeof body !== 'object') {
    throw new SeriesRequestError('The series request must be a JSON object.');
  }
  const b = body as Record<string, unknown>;
  const to = Number.isFinite(Number(b.to)) && b.to !== null && b.to !== '' ? Number(b.to) : now;
  const from = Number.isFinite(Number(b.from)) && b.from !== null && b.from !== '' ? Number(b.from) : to - 3_600_000;
  if (!(to > from)) {
    throw new SeriesRequestError('The range is empty: "to" must be after "from".');
  }
  const maxPoints = Math.min(MAX_POINTS, Math.max(2, Math.floor(Number(b.maxPoints) || DEFAULT_POINTS)));
  const responseTime = ['avg', '50', '95', '99'].includes(String(b.responseTime)) ? String(b.responseTime) : '95';
  if (b.node !== undefined) {
    return { node: nodeRef(b.node, 'node'), from, to, maxPoints, responseTime };
  }
  if (b.edge && typeof b.edge === 'object') {
    const e = b.edge as Record<string, unknown>;
    const protocol = str(e.protocol) ?? 'http';
    if (!['http', 'grpc', 'tcp'].includes(protocol)) {
      throw new SeriesRequestError(`Unknown protocol ${JSON.stringify(protocol)}: use http, grpc or tcp.`);
    }
    return {
      edge: { source: nodeRef(e.source, 'edge.source'), target: nodeRef(e.target, 'edge.target'), protocol },
      from,
      to,
      maxPoints,
      responseTime,
    };
  }
  throw new SeriesRequestError('Give a node or an edge.');
}

const known = (v: string | undefined) => v !== undefined && v !== 'unknown';

/** Matchers of a node on one side of the telemetry (`source_` or `destination_` labels). */
export function sideMatchers(n: SeriesNodeRef, side: 'source' | 'destination'): Matcher[] {
  const m: Matcher[] = [];
  const ns = n.namespace;
  // A service's destination cluster is often unknown in telemetry (unreached destinations): not matched.
  if (known(n.cluster) && n.nodeType !== 'service') {
    m.push(eq(`${side}_cluster`, n.cluster as string));
  }
  switch (n.nodeType) {
    case 'workload':
      if (!n.workload || !ns) {
        throw new SeriesRequestError('A workload node needs its workload and namespace.');
      }
      m.push(eq(`${side}_workload_namespace`, ns), eq(`${side}_workload`, n.workload));
      break;
    case 'app':
      if (!n.app || !ns) {
        throw new SeriesRequestError('An app node needs its app and namespace.');
      }
      m.push(eq(`${side}_workload_namespace`, ns), eq(`${side}_canonical_service`, n.app));
      if (n.version) {
        m.push(eq(`${side}_canonical_revision`, n.version));
      }
      break;
    case 'service':
      if (side === 'source') {
        // A service is never a source in telemetry: its outbound edges are the destination's traffic through it.
        break;
      }
      if (!n.service) {
        throw new SeriesRequestError('A service node needs its service name.');
      }
      m.push(eq('destination_service_name', n.service));
      if (ns && ns !== 'unknown') {
        m.push(eq('destination_service_namespace', ns));
      }
      break;
    case 'unknown':
      if (side === 'destination') {
        throw new SeriesRequestError('The unknown node has no inbound traffic.');
      }
      m.push(eq('source_workload', 'unknown'));
      break;
    default:
      throw new SeriesRequestError(`No charts for ${n.nodeType} nodes.`);
  }
  return m;
}

function sumRate(metric: string, matchers: Matcher[], windowS: number, by?: string): string {
  const dest = selector(metric, [eq('reporter', 'destination'), ...matchers]);
  const src = selector(metric, [eq('reporter', 'source'), ...matchers]);
  const grouping = by ? ` by (${by})` : '';
  return `(sum(rate(${dest}[${windowS}s]))${grouping} or sum(rate(${src}[${windowS}s]))${grouping})`;
}

export interface SeriesPlan {
  requestRate: string;
  errorRate?: string;
  responseTime?: string;
  rateUnit: 'rps' | 'Bps';
  stepS: number;
  startS: number;
  endS: number;
}

/** The three queries of a request (exported for tests: every one is parsed by Prometheus' grammar there). */
export function planSeries(req: SeriesRequest, scope: Record<string, string> | undefined): SeriesPlan {
  const startS = Math.floor(req.from / 1000);
  const endS = Math.floor(req.to / 1000);
  const points = req.maxPoints ?? DEFAULT_POINTS;
  const stepS = Math.max(MIN_STEP_S, Math.ceil((endS - startS) / points / MIN_STEP_S) * MIN_STEP_S);
  // At least four scrapes in each rate window.
  const windowS = Math.max(60, 2 * stepS);
  let matchers: Matcher[];
  let protocol: string | undefined;
  if (req.node) {
    matchers = sideMatchers(req.node, 'destination');
  } else if (req.edge) {
    const { source, target } = req.edge;
    protocol = req.edge.protocol;
    if (source.nodeType === 'service') {
      // service → workload: the workload's traffic through that service.
      matchers = [...sideMatchers(source, 'destination'), ...sideMatchers(target, 'destination')];
    } else {
      matchers = [...sideMatchers(source, 'source'), ...sideMatchers(target, 'destination')];
    }
  } else {
    throw new SeriesRequestError('Give a node or an edge.');
  }
  matchers = [...scopeMatchers(scope), ...matchers];
  if (protocol === 'tcp') {
    return { requestRate: sumRate(TCP_SENT, matchers, windowS), rateUnit: 'Bps', stepS, startS, endS };
  }
  const withProtocol = protocol ? [...matchers, eq('request_protocol', protocol)] : matchers;
  const all = sumRate(REQUESTS, withProtocol, windowS);
  const errors =
    protocol === 'grpc'
      ? sumRate(REQUESTS, [...withProtocol, re('grpc_response_status', '[1-9]|1[0-6]')], windowS)
      : sumRate(REQUESTS, [...withProtocol, re('response_code', '0|[45][0-9][0-9]')], windowS);
  const rt =
    req.responseTime === 'avg'
      ? `${sumRate(`${DURATION}_sum`, withProtocol, windowS)} / ${sumRate(`${DURATION}_count`, withProtocol, windowS)}`
      : `histogram_quantile(${(Number(req.responseTime ?? '95') / 100).toFixed(2)}, ${sumRate(`${DURATION}_bucket`, withProtocol, windowS, 'le')})`;
  return {
    requestRate: all,
    errorRate: `100 * (${errors} or 0 * ${all}) / ${all}`,
    responseTime: rt,
    rateUnit: 'rps',
    stepS,
    startS,
    endS,
  };
}

/** One value per step from start to end; null where the answer has none (or it is not a number). */
function alignPoints(
  answer: Array<{ values: Array<[number, number]> }>,
  startS: number,
  endS: number,
  stepS: number
): Array<[number, number | null]> {
  const byTime = new Map<number, number>();
  for (const s of answer) {
    for (const [t, v] of s.values) {
      if (Number.isFinite(v)) {
        byTime.set(Math.round(t), v);
      }
    }
  }
  const out: Array<[number, number | null]> = [];
  for (let t = startS; t <= endS; t += stepS) {
    const v = byTime.get(t);
    out.push([t * 1000, v === undefined ? null : Math.round(v * 1000) / 1000]);
  }
  return out;
}

export async function answerSeries(
  client: PrometheusClient,
  req: SeriesRequest,
  scope: Record<string, string> | undefined,
  signal: AbortSignal
): Promise<SeriesResponse> {
  const plan = planSeries(req, scope);
  // Steps aligned to the step size, as Grafana aligns them, so refreshes share Prometheus' caches.
  const startS = Math.floor(plan.startS / plan.stepS) * plan.stepS;
  const endS = Math.floor(plan.endS / plan.stepS) * plan.stepS;
  const run = (expr: string | undefined) =>
    expr ? client.rangeQuery(expr, startS, endS, plan.stepS, signal).then((a) => a.series) : Promise.resolve([]);
  const [rate, errors, rt] = await Promise.all([run(plan.requestRate), run(plan.errorRate), run(plan.responseTime)]);
  const series: SeriesResponse['series'] = [
    { name: 'requestRate' as SeriesName, unit: plan.rateUnit, points: alignPoints(rate, startS, endS, plan.stepS) },
    { name: 'errorRate' as SeriesName, unit: 'percent', points: alignPoints(errors, startS, endS, plan.stepS) },
    { name: 'responseTime' as SeriesName, unit: 'ms', points: alignPoints(rt, startS, endS, plan.stepS) },
  ];
  return { series, stepSeconds: plan.stepS };
}
