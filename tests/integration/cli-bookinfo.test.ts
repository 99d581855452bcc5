/**
 * The meshgraph CLI against real Prometheus holding backfilled simulator data. Expected graphs are derived here
 * from the simulator's flows with Kiali's rules (node identity §5.1, namespace selection §3.3, de-duplication §4.9),
 * independently of the engine's code.
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bookinfoTopology } from '../../simulator';
import {
  ExpectedFlow,
  expectedFlows,
  startBackfilledPrometheus,
  BackfilledPrometheus,
} from '../support/prometheusFixture';

const root = path.resolve(__dirname, '../..');
const topology = bookinfoTopology();
let prom: BackfilledPrometheus;

beforeAll(async () => {
  prom = await startBackfilledPrometheus({ topology });
});
afterAll(async () => {
  await prom?.stop();
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function meshgraph(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/cli/meshgraph.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface FrameJson {
  name: string;
  fields: Array<{ name: string; values: unknown[] }>;
}
function rows(frame: FrameJson): Array<Record<string, unknown>> {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}

const ok = (v: string | undefined) => v !== undefined && v !== '' && v !== 'unknown';

/** Kiali §5.1 for workload graphs. */
function sourceId(flow: ExpectedFlow['reporters'][number]): string {
  const s = flow.source;
  if (!ok(s.source_workload) && !ok(s.source_canonical_service)) {
    return `${s.source_cluster}_unknown_source`;
  }
  return `wl_${s.source_cluster}_${s.source_workload_namespace}_${s.source_workload}`;
}
function destinationId(view: ExpectedFlow['reporters'][number]): string {
  const d = view.destination;
  // istio#29373 work-around (§4.4): an unknown destination cluster takes the source's when the service namespace is known.
  const cluster =
    !ok(d.destination_cluster) && ok(view.source.source_cluster) && ok(d.destination_service_namespace)
      ? view.source.source_cluster
      : d.destination_cluster;
  const ns = ok(d.destination_workload_namespace) ? d.destination_workload_namespace : d.destination_service_namespace;
  if (ok(d.destination_workload)) {
    return `wl_${cluster}_${ns}_${d.destination_workload}`;
  }
  return `svc_${cluster}_${ns}_${ok(d.destination_service_name) ? d.destination_service_name : 'unknown'}`;
}

type View = ExpectedFlow['reporters'][number];

/**
 * The series Kiali keeps for one flow: each requested namespace runs its own queries (Q0 unserviced, Q2 inbound,
 * Q3 outbound) and de-duplicates per edge by (code, flags, host), the first copy winning; merging keeps the copy
 * from the source node's own namespace when that namespace was requested.
 */
function keptSlices(flow: ExpectedFlow, namespaces: string[]): { view: View; slices: View['slices'] } | undefined {
  const dest = flow.reporters.find((r) => r.reporter === 'destination');
  const source = flow.reporters.find((r) => r.reporter === 'source');
  const any = (dest ?? source)!;
  const srcNs = any.source.source_workload_namespace;
  const dstNs = any.destination.destination_workload_namespace;
  const unserviced = any.destination.destination_workload === 'unknown';
  const mapNs = namespaces.includes(srcNs)
    ? srcNs
    : namespaces.includes(dstNs)
      ? dstNs
      : unserviced && namespaces.includes(any.destination.destination_service_namespace)
        ? any.destination.destination_service_namespace
        : undefined;
  if (mapNs === undefined) {
    return undefined;
  }
  const ordered: View[] = [];
  if (source && unserviced && source.destination.destination_service_namespace === mapNs && srcNs !== mapNs) {
    ordered.push(source); // Q0
  }
  if (dest && dstNs === mapNs) {
    ordered.push(dest); // Q2
  }
  if (source && srcNs === mapNs) {
    ordered.push(source); // Q3
  }
  // Prometheus sums series that differ only in labels outside Kiali's group-by (e.g. request_operation); the
  // de-duplication then works on those sums.
  const kept = new Map<string, View['slices'][number]>();
  for (const view of ordered) {
    const sums = new Map<string, View['slices'][number]>();
    for (const slice of view.slices) {
      const key = `${slice.responseCode}|${slice.grpcStatus}|${slice.responseFlags}|${view.destination.destination_service}`;
      const sum = sums.get(key);
      sums.set(key, sum ? { ...sum, rate: sum.rate + slice.rate } : slice);
    }
    for (const [key, slice] of sums) {
      if (!kept.has(key)) {
        kept.set(key, slice);
      }
    }
  }
  const slices = [...kept.values()];
  return { view: ordered[0], slices };
}

/** Expected edges of a workload graph (no injection) for these namespaces, from the simulator's flows. */
function expectedEdges(namespaces: string[], tcpMetric: 'received' | 'sent') {
  const edges = new Map<string, { total: number; errors: number }>();
  for (const flow of expectedFlows(topology)) {
    const kept = keptSlices(flow, namespaces);
    if (!kept) {
      continue;
    }
    const { view, slices } = kept;
    const key = `${sourceId(view)} ${destinationId(view)} ${flow.protocol}`;
    const entry = edges.get(key) ?? { total: 0, errors: 0 };
    if (flow.protocol === 'tcp') {
      // Kiali's "sent" is istio_tcp_received_bytes_total (Istio's L4 counters are named from the server's side).
      entry.total += tcpMetric === 'received' ? view.tcpReceivedBytesPerSecond! : view.tcpSentBytesPerSecond!;
    } else {
      for (const slice of slices) {
        entry.total += slice.rate;
        const code = slice.responseCode ?? '';
        const httpError = code === '0' || code.startsWith('4') || code.startsWith('5');
        const grpcError =
          flow.protocol === 'grpc' && !httpError && slice.grpcStatus !== undefined && slice.grpcStatus !== '0';
        if (httpError || grpcError) {
          entry.errors += slice.rate;
        }
      }
    }
    edges.set(key, entry);
  }
  return edges;
}

const BASE = () => ['graph', '--prometheus', prom.url, '--time', String(prom.queryTime), '--duration', '600s'];

async function frames(args: string[]) {
  const result = await meshgraph([...BASE(), ...args, '--format', 'frames']);
  expect(result.stderr).not.toMatch(/meshgraph: /);
  expect(result.code).toBe(0);
  const [nodes, edges] = JSON.parse(result.stdout) as FrameJson[];
  return { nodes: rows(nodes), edges: rows(edges), stderr: result.stderr };
}

describe('meshgraph graph on backfilled bookinfo', () => {
  it.each([[['bookinfo']], [['bookinfo', 'shop']], [['shop']], [['istio-system']]])(
    'workload graph of %j has exactly the edges and rates Kiali would compute',
    async (namespaces) => {
      const { edges } = await frames(['--namespaces', namespaces.join(','), '--graph-type', 'workload']);
      const expected = expectedEdges(namespaces, 'received');
      const actual = new Map(edges.map((e) => [String(e.id), e]));
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, want] of expected) {
        const got = actual.get(key)!;
        expect({ key, rate: Number(got.rate) }).toEqual({ key, rate: expect.closeTo(want.total, 2) });
        if (!key.endsWith(' tcp') && want.total > 0) {
          expect({ key, err: Number(got.percentErr) }).toEqual({
            key,
            err: expect.closeTo((100 * want.errors) / want.total, 0),
          });
        }
      }
    }
  );

  it('swaps Istio TCP counters as Kiali does: --rate-tcp received reads istio_tcp_sent_bytes_total', async () => {
    const { edges } = await frames(['--namespaces', 'bookinfo', '--rate-tcp', 'received']);
    const expected = expectedEdges(['bookinfo'], 'sent');
    const tcp = edges.filter((e) => e.protocol === 'tcp');
    expect(tcp.length).toBeGreaterThan(0);
    for (const e of tcp) {
      expect(Number(e.rate)).toBeCloseTo(expected.get(String(e.id))!.total, 2);
    }
  });

  it('flags the unmeshed client as the unknown root and other namespaces as outside', async () => {
    const { nodes } = await frames(['--namespaces', 'bookinfo', '--graph-type', 'workload']);
    const unknown = nodes.find((n) => n.nodeType === 'unknown');
    expect(unknown).toBeDefined();
    expect(String(unknown!.flags).split(' ')).toContain('isRoot');
    const outside = nodes.filter((n) => String(n.flags).split(' ').includes('isOutside')).map((n) => n.namespace);
    expect(outside.length).toBeGreaterThan(0);
    expect(outside).not.toContain('bookinfo');
    expect(nodes.filter((n) => n.namespace === 'bookinfo').every((n) => !String(n.flags).includes('isOutside'))).toBe(
      true
    );
  });

  it('injects service nodes except for PassthroughCluster', async () => {
    const { nodes, edges } = await frames([
      '--namespaces',
      'bookinfo',
      '--graph-type',
      'workload',
      '--inject-service-nodes',
    ]);
    const injected = nodes.filter((n) => String(n.flags).split(' ').includes('isInjected'));
    expect(injected.map((n) => n.service)).toEqual(
      expect.arrayContaining(['productpage', 'reviews', 'ratings', 'details'])
    );
    const passthrough = nodes.find((n) => n.service === 'PassthroughCluster');
    expect(passthrough).toBeDefined();
    expect(String(passthrough!.flags)).not.toContain('isInjected');
    // Every request into a workload passes through its service node.
    const reviewsIn = edges.filter((e) => String(e.target).endsWith('_reviews-v1'));
    expect(reviewsIn.map((e) => String(e.source))).toEqual(['svc_cluster-1_bookinfo_reviews']);
  });

  it('service graph keeps service-to-service edges only (plus roots)', async () => {
    const { nodes } = await frames(['--namespaces', 'bookinfo', '--graph-type', 'service']);
    const types = new Set(nodes.map((n) => n.nodeType));
    expect(types.has('workload')).toBe(
      nodes.some((n) => n.nodeType === 'workload' && String(n.flags).includes('isRoot'))
    );
    expect(nodes.filter((n) => n.nodeType === 'workload').every((n) => String(n.flags).includes('isRoot'))).toBe(true);
    expect(nodes.filter((n) => n.nodeType === 'service').length).toBeGreaterThan(3);
  });

  it.each([
    ['workload', false],
    ['workload', true],
    ['versionedApp', true],
    ['app', false],
    ['service', true],
  ])('the lean plan and Kiali per-namespace plan give the same %s graph (injection %s)', async (graphType, inject) => {
    const args = [
      '--namespaces',
      'bookinfo,shop',
      '--graph-type',
      String(graphType),
      '--security',
      '--response-time',
      '95',
    ];
    if (inject) {
      args.push('--inject-service-nodes');
    }
    const lean = await frames(args);
    const kiali = await frames([...args, '--kiali-plan']);
    // With injection (a service->workload edge gathers several callers) or app nodes (several versions), an edge
    // gets several latency series and Kiali keeps whichever arrives first (§3.5): compare it only where one decides.
    const oneLatencySeries = !inject && graphType !== 'app';
    // Sums of the same rates added in another order (answers arrive in parallel) differ in the last bits.
    const rounded = (json: unknown) =>
      JSON.stringify(JSON.parse(String(json)), (_k, v) => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v));
    const summary = (g: typeof lean) => ({
      nodes: g.nodes.map((n) => `${n.id} ${n.flags} ${rounded(n.rates)}`).sort(),
      edges: g.edges
        .map(
          (e) =>
            `${e.id} ${Number(e.rate).toFixed(3)} ${rounded(e.responses)} ${e.isMTLS} ${oneLatencySeries ? e.responseTime : ''}`
        )
        .sort(),
    });
    expect(summary(lean)).toEqual(summary(kiali));
    const queries = (stderr: string) => Number(/(\d+) queries/.exec(stderr)![1]);
    expect(queries(lean.stderr)).toBeLessThan(queries(kiali.stderr));
  });

  it('Kiali JSON ids are sha256 of the internal ids and numbers are strings', async () => {
    const framesOut = await frames(['--namespaces', 'bookinfo']);
    const result = await meshgraph([...BASE(), '--namespaces', 'bookinfo', '--format', 'kiali']);
    expect(result.code).toBe(0);
    const kiali = JSON.parse(result.stdout);
    expect(kiali).toMatchObject({ timestamp: prom.queryTime, duration: 600, graphType: 'workload' });
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    const ids = new Set(kiali.elements.nodes.map((n: { data: { id: string } }) => n.data.id));
    for (const n of framesOut.nodes) {
      expect(ids.has(sha(String(n.id)))).toBe(true);
    }
    for (const e of kiali.elements.edges) {
      for (const v of Object.values(e.data.traffic.rates ?? {})) {
        expect(typeof v).toBe('string');
      }
    }
  });

  it('exits 2 with a usage message on bad arguments and 1 with a readable message when Prometheus is unreachable', async () => {
    const bad = await meshgraph(['graph', '--prometheus', prom.url, '--graph-type', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/graph-type/);
    const down = await meshgraph(['graph', '--prometheus', 'http://127.0.0.1:9', '--namespaces', 'bookinfo']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/meshgraph: .*(connect|reach|refused)/i);
  });
});
