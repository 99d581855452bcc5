// Long on purpose: a catalogue of odd Prometheus answers, one generator per kind, that the fuzz tests draw from.
/**
 * Odd Prometheus answers for fuzzing the real client and engine (fuzz.test.ts runs a fixed-seed slice in
 * `npm test`; `npm run fuzz` runs any number of seeds). Each case draws graph options, then answers every query
 * the engine sends with an answer drawn on the spot: mostly Istio-shaped vectors whose labels come from a small
 * pool (so edges meet at shared nodes) salted with hostile strings, values that cannot be rates, elements that are
 * not samples, and envelopes that are not vectors or not JSON at all (HTML pages, cut-off and garbled text, error
 * statuses), delivered whole, in parts or as a byte stream cut anywhere. The transport records what it sent, so the
 * invariants can check that every sample is accounted for.
 */
import { GraphOptions } from '../model';
import { defaultGraphOptions } from '../options';
import { HttpTransport, TransportResponse, textSource } from '../client/transport';
import { SampleProblem } from '../client/vectorAnswer';

/** A small seeded generator (mulberry32) with the helpers the fuzzer needs. */
export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

/** Label values that have broken graph tools: separators, escapes, markup, prototype names, ids, huge strings. */
export const HOSTILE = [
  '',
  'unknown',
  'latest',
  'a_b',
  'a b',
  'c_x',
  'y_a',
  '%5F',
  '%',
  'x"y',
  "it's",
  'back\\slash',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '//evil.example/x',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'ü🙂',
  '\u0000\u001f',
  '\u2028',
  'wl_c1_shop_web-v1',
  'b wl_c1_ns1_c',
  'svc_c_x_y',
  'box',
  'agg_x',
  '},"value":[',
  '{"metric":{',
  ']}}',
  'PassthroughCluster',
  'BlackHoleCluster',
  'istio-egressgateway.istio-system.svc.cluster.local',
  '10.0.0.1:80',
  '1e400',
  'NaN',
  'x'.repeat(300),
];

interface Pools {
  namespaces: readonly string[];
  workloads: readonly string[];
  apps: readonly string[];
  versions: readonly string[];
  clusters: readonly string[];
}
const USUAL: Pools = {
  namespaces: ['shop', 'pay', 'istio-system', 'unknown'],
  workloads: ['web-v1', 'cart-v1', 'reviews-v2', 'db-v1', 'unknown'],
  apps: ['web', 'cart', 'reviews', 'db', 'unknown'],
  versions: ['v1', 'v2', 'latest', 'unknown'],
  clusters: ['c1', 'c2', 'unknown'],
};
/**
 * Values whose Kiali ids coincide when joined with `_` or spaces: cluster `c1_shop` + namespace `web` against
 * cluster `c1` + namespace `shop_web`, app `web` + version `v1` against workload `web_v1`, and so on.
 */
const COLLIDING: Pools = {
  namespaces: ['shop', 'web', 'shop_web', 'web_v1'],
  workloads: ['web', 'web_v1', 'v1', 'web v1', 'unknown'],
  apps: ['web', 'shop_web', 'web_v1', 'shop'],
  versions: ['v1', 'v1_web', 'unknown'],
  clusters: ['c1', 'c1_shop', 'c1_shop_web'],
};
let pools: Pools = USUAL;
const WORKLOADS = USUAL.workloads;
const APPS = USUAL.apps;
const GOOD_VALUES = ['0', '0.001', '0.5', '1', '12.25', '1000', '1e6', '1e250', '0.0004'];
/** Bad values and the problem the reader must report for each. */
const BAD_VALUES: Array<[unknown, SampleProblem]> = [
  ['NaN', 'NaN'],
  ['+Inf', 'non-finite'],
  ['-Inf', 'non-finite'],
  ['1e400', 'non-finite'],
  ['-1', 'negative'],
  ['-0.5', 'negative'],
  ['1e301', 'too large'],
  ['abc', 'non-numeric'],
  ['', 'non-numeric'],
  ['0x10', 'non-numeric'],
  [null, 'non-numeric'],
  [true, 'non-numeric'],
  [{}, 'non-numeric'],
];

/** What a served answer should make the engine count, when it is read at all. */
export interface Served {
  expr: string;
  /** The answer is a readable vector: the engine must read it (and count the below). */
  readable: boolean;
  elements: number;
  histograms: number;
  problems: Partial<Record<SampleProblem, number>>;
}

function labelValue(r: Rng, pool: readonly string[]): string {
  return r.chance(0.06) ? r.pick(HOSTILE) : r.pick(pool);
}

function sample(r: Rng, expr: string): Record<string, string> {
  const m: Record<string, string> = {};
  const set = (name: string, pool: readonly string[], p = 0.97) => {
    if (r.chance(p)) {
      m[name] = labelValue(r, pool);
    }
  };
  const sns = r.pick(pools.namespaces);
  const dns = r.pick(pools.namespaces);
  const dapp = r.pick(pools.apps);
  set('source_cluster', pools.clusters, 0.9);
  set('source_workload_namespace', [sns]);
  set('source_workload', pools.workloads);
  set('source_canonical_service', pools.apps);
  set('source_canonical_revision', pools.versions);
  set('destination_cluster', pools.clusters, 0.9);
  set('destination_service_namespace', [dns]);
  set('destination_service', [`${dapp}.${dns}.svc.cluster.local`, dapp, 'unknown']);
  set('destination_service_name', [dapp, 'unknown', 'PassthroughCluster']);
  set('destination_workload_namespace', [dns]);
  set('destination_workload', pools.workloads);
  set('destination_canonical_service', [dapp]);
  set('destination_canonical_revision', pools.versions);
  set('request_protocol', ['http', 'http', 'grpc', 'tcp', 'HTTP', '']);
  set('response_code', ['200', '200', '404', '503', '0', '302', 'abc']);
  set('grpc_response_status', ['0', '14', '2', ''], 0.7);
  set('response_flags', ['-', '-', 'UF', 'NR', 'DC']);
  if (/principal|security/.test(expr)) {
    set('source_principal', ['spiffe://cluster.local/ns/shop/sa/web', '']);
    set('destination_principal', ['spiffe://cluster.local/ns/shop/sa/cart', '']);
    set('connection_security_policy', ['mutual_tls', 'mutual_tls', 'none', 'unknown']);
  }
  if (expr.includes('request_operation')) {
    set('request_operation', ['Get', 'Add', 'unknown', '']);
  }
  if (/^kube_|\bkube_/.test(expr)) {
    set('namespace', [sns, dns]);
    set('deployment', pools.workloads);
    set('service', pools.apps);
    set('cluster', pools.clusters, 0.5);
  }
  if (r.chance(0.05)) {
    m[r.pick(HOSTILE) || 'extra'] = r.pick(HOSTILE);
  }
  return m;
}

/** One element, and what the reader must make of it. */
function element(r: Rng, expr: string, served: Served): unknown {
  served.elements++;
  const roll = r.next();
  if (roll < 0.015) {
    served.histograms++;
    return { metric: sample(r, expr), histogram: [1700000000, { count: '2', sum: '3', buckets: [] }] };
  }
  if (roll < 0.04) {
    served.problems.malformed = (served.problems.malformed ?? 0) + 1;
    return r.pick<unknown>([
      5,
      'x',
      null,
      [],
      { metric: sample(r, expr) },
      { metric: [], value: [1, '1'] },
      { metric: { a: 7 }, value: [1, '1'] },
      { metric: 'x', value: [1, '1'] },
    ]);
  }
  let value: unknown;
  if (r.chance(0.12)) {
    const [v, problem] = r.pick(BAD_VALUES);
    value = v;
    served.problems[problem] = (served.problems[problem] ?? 0) + 1;
  } else {
    value = r.chance(0.05) ? Number(r.pick(GOOD_VALUES)) : r.pick(GOOD_VALUES);
  }
  return r.chance(0.1)
    ? { value: [1700000000, value], metric: sample(r, expr) }
    : { metric: sample(r, expr), value: [1700000000, value] };
}

/** A vector answer's JSON text, in Prometheus' layout or in another valid one. */
function vectorText(r: Rng, elements: unknown[]): string {
  const data = r.chance(0.9) ? { resultType: 'vector', result: elements } : { result: elements, resultType: 'vector' };
  const env: Record<string, unknown> = r.chance(0.9) ? { status: 'success', data } : { data, status: 'success' };
  if (r.chance(0.1)) {
    env.warnings = [r.pick(HOSTILE)];
  }
  const roll = r.next();
  return roll < 0.08
    ? JSON.stringify(env, null, 2)
    : roll < 0.1
      ? JSON.stringify(env, null, '\t')
      : JSON.stringify(env);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Drawn {
  status: number;
  statusText?: string;
  text: string;
}

/** An answer for one query (`broken`: a server that never answers with a readable vector). */
function answer(r: Rng, expr: string, served: Served, broken: boolean): Drawn {
  const roll = broken ? 0.85 + r.next() * 0.15 : r.next();
  if (roll < 0.8) {
    const n = r.chance(0.1) ? 0 : 1 + r.int(r.chance(0.1) ? 120 : 25);
    const elements = Array.from({ length: n }, () => element(r, expr, served));
    const text = vectorText(r, elements);
    const status = r.chance(0.95) ? 200 : r.pick([500, 503, 422]);
    if (r.chance(0.04)) {
      // Cut off or garbled: never readable, whatever it held.
      // A proper prefix of a JSON object is never JSON; a garbled text that happens to stay JSON is cut instead.
      const at = r.int(text.length);
      const garbled = text.slice(0, at) + r.pick(['{', '}', ']', '"', ',', 'x', '\\']) + text.slice(at + 1);
      return { status, text: r.chance(0.5) && !isJson(garbled) ? garbled : text.slice(0, at) };
    }
    served.readable = true;
    return { status, text };
  }
  if (roll < 0.85) {
    const text = vectorText(r, [element(r, expr, served)]);
    return { status: 200, text: text.slice(0, r.int(text.length)) };
  }
  const odd: Array<() => Drawn> = [
    () => ({ status: 422, text: JSON.stringify({ status: 'error', errorType: 'execution', error: r.pick(HOSTILE) }) }),
    () => ({ status: 200, text: JSON.stringify({ status: 'error', errorType: 'bad_data' }) }),
    () => ({ status: 200, text: JSON.stringify({ status: r.pick(['', 'ok', null, 5]), data: {} }) }),
    () => ({ status: 200, text: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }) }),
    () => ({
      status: 200,
      text: JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '1'] } }),
    }),
    () => ({ status: 200, text: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: {} } }) }),
    () => ({ status: 200, text: JSON.stringify({ status: 'success' }) }),
    () => ({ status: 200, text: JSON.stringify({ status: 'success', data: null }) }),
    () => ({ status: 200, text: '[]' }),
    () => ({ status: 200, text: 'null' }),
    () => ({ status: 200, text: '' }),
    () => ({ status: 200, text: 'not json at all' }),
    () => ({ status: 200, text: '{"status":"success","data":{"resultType":"vector","result":[' }),
    () => ({
      status: r.pick([502, 503, 504, 200]),
      statusText: 'Bad Gateway',
      text: `<!DOCTYPE html><html><head><title>${r.pick(['502 Bad Gateway', '<script>x</script>', ''])}</title></head><body><h1>Bad Gateway</h1></body></html>`,
    }),
    () => ({ status: 401, text: 'Unauthorized' }),
    () => ({ status: 403, text: '{"message":"forbidden"}' }),
    () => ({ status: 404, text: '404 page not found' }),
    () => ({ status: 500, text: '{"message":"upstream connect error"}' }),
    () => ({ status: 200, text: '{"status":"success","data":{"resultType":"vector","result":[]}} trailing' }),
    () => ({ status: 200, text: '{"data":{"result":[]},"data":{"result":[1]}}' }),
  ];
  return r.pick(odd)();
}

/** Delivers a text as the transports do: whole, in parts, or as bytes cut anywhere (multi-byte characters too). */
function deliver(r: Rng, d: Drawn): TransportResponse {
  const roll = r.next();
  if (roll < 0.4) {
    return { status: d.status, statusText: d.statusText, body: d.text };
  }
  if (roll < 0.6) {
    const parts: string[] = [];
    let at = 0;
    while (at < d.text.length) {
      const n = 1 + r.int(200);
      parts.push(d.text.slice(at, at + n));
      at += n;
    }
    return { status: d.status, statusText: d.statusText, body: '', parts };
  }
  const bytes = new TextEncoder().encode(d.text);
  const chunks: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    const n = 1 + r.int(r.chance(0.5) ? 7 : 4000);
    chunks.push(bytes.subarray(at, at + n));
    at += n;
  }
  async function* gen(): AsyncGenerator<Uint8Array> {
    for (const c of chunks) {
      yield c;
    }
  }
  return {
    status: d.status,
    statusText: d.statusText,
    body: '',
    stream: textSource(gen(), 64 * 1024 * 1024, () => undefined),
  };
}

export interface FuzzCase {
  options: GraphOptions;
  /** Read every answer as it arrives (the path of large answers), rather than parsed whole. */
  streamAll: boolean;
  /** Use Kiali's per-namespace plan instead of Meshgraph's. */
  kialiPlan: boolean;
  transport: HttpTransport;
  /** Every answer served, in order. */
  served: Served[];
}

/** Graph options drawn from everything the engine accepts. */
function options(r: Rng): GraphOptions {
  const graphType = r.pick(['workload', 'app', 'versionedApp', 'service'] as const);
  const namespaces = r.chance(0.15) ? ('all' as const) : r.chance(0.5) ? ['shop'] : ['shop', 'pay'];
  const o = defaultGraphOptions({
    namespaces,
    graphType,
    queryTime: 1700000000,
    duration: 600,
    injectServiceNodes: r.chance(0.5),
    includeIdleEdges: r.chance(0.2),
    rates: {
      http: r.pick(['requests', 'requests', 'none'] as const),
      grpc: r.pick(['requests', 'requests', 'sent', 'received', 'total', 'none'] as const),
      tcp: r.pick(['sent', 'received', 'total', 'none'] as const),
    },
    boxBy: (['namespace', 'app', 'cluster'] as const).filter(() => r.chance(0.3)),
    queryShards: 1 + r.int(3),
    appenders: {
      responseTime: r.pick([false, false, 'avg', '95'] as const),
      throughput: r.pick([false, false, 'request', 'response'] as const),
      securityPolicy: r.chance(0.4),
      aggregate: graphType !== 'service' && r.chance(0.4) ? 'request_operation' : false,
      health: r.chance(0.8),
      kubeState: r.chance(0.15),
      responseDetails: r.chance(0.6),
    },
  });
  if (r.chance(0.1) && namespaces !== 'all') {
    o.node = r.chance(0.5)
      ? { kind: 'workload', namespace: 'shop', name: r.pick(WORKLOADS) }
      : { kind: 'service', namespace: 'shop', name: r.pick(APPS) };
  }
  return o;
}

/** Case `index` of seed `seed`: the same case every time. */
export function fuzzCase(seed: number, index: number): FuzzCase {
  const r = new Rng((seed * 1000003 + index * 7919) >>> 0);
  const o = options(r);
  const served: Served[] = [];
  // One case in six meets a server that answers nothing readable (a proxy's error pages, cut-off answers).
  const broken = r.chance(1 / 6);
  // One in four has label values made to collide in Kiali's ids.
  const casePools = r.chance(1 / 4) ? COLLIDING : USUAL;
  const transport: HttpTransport = async (req) => {
    const expr = new URLSearchParams(req.body ?? '').get('query') ?? req.path;
    const s: Served = { expr, readable: false, elements: 0, histograms: 0, problems: {} };
    served.push(s);
    pools = casePools;
    return deliver(r, answer(r, expr, s, broken));
  };
  // Kiali's plan runs per namespace: it needs them named.
  return {
    options: o,
    streamAll: r.chance(0.5),
    kialiPlan: !o.node && o.namespaces !== 'all' && r.chance(0.15),
    transport,
    served,
  };
}
