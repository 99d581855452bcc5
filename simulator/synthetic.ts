/**
 * A seeded synthetic mesh for scale tests: N namespaces × M workloads, each calling a few others (some across
 * namespaces), a few entry points called from outside the mesh (unknown source). The same options and seed always
 * give the same topology.
 */
import { Flow, FlowProtocol, HistogramSet, ResponseShare, Topology, Workload } from './topology';

export interface SyntheticOptions {
  namespaces: number;
  workloadsPerNamespace: number;
  /** Calls per workload: a fixed number or an inclusive [min, max] range (default [2, 4]). */
  fanOut?: number | [number, number];
  seed: number;
  /** Share of calls that cross namespaces (default 0.22). */
  crossNamespaceRatio?: number;
  /** Calls from outside the mesh (all source labels "unknown", destination-reported only); default 50. */
  ingressEdges?: number;
  cluster?: string;
  /** Histogram families to emit (default 'none': they multiply the series count by about 20). */
  histograms?: HistogramSet;
}

/** mulberry32: a small, fast, seedable PRNG with uniform output in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/** Shares of server protocols: about 2/3 HTTP, 15 % gRPC, 17 % TCP. */
const PROTOCOL_SHARES: Array<[FlowProtocol, number]> = [
  ['http', 0.68],
  ['grpc', 0.15],
  ['tcp', 0.17],
];

function checkOptions(o: SyntheticOptions): [number, number] {
  const positiveInt = (name: string, v: number, min: number): void => {
    if (!Number.isInteger(v) || v < min) {
      throw new Error(`synthetic topology: ${name} must be an integer >= ${min}, got ${v}`);
    }
  };
  positiveInt('namespaces', o.namespaces, 1);
  positiveInt('workloadsPerNamespace', o.workloadsPerNamespace, 1);
  if (!Number.isFinite(o.seed)) {
    throw new Error(`synthetic topology: seed must be a number, got ${o.seed}`);
  }
  const fan = o.fanOut ?? [2, 4];
  const [min, max] = typeof fan === 'number' ? [fan, fan] : fan;
  positiveInt('fanOut min', min, 0);
  positiveInt('fanOut max', max, min);
  const ratio = o.crossNamespaceRatio ?? 0.22;
  if (!(ratio >= 0 && ratio <= 1)) {
    throw new Error(`synthetic topology: crossNamespaceRatio must be within [0, 1], got ${ratio}`);
  }
  positiveInt('ingressEdges', o.ingressEdges ?? 50, 0);
  return [min, max];
}

export function syntheticTopology(options: SyntheticOptions): Topology {
  const [fanMin, fanMax] = checkOptions(options);
  const rnd = mulberry32(options.seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const cluster = options.cluster ?? 'cluster-1';
  const nsWidth = Math.max(2, String(options.namespaces - 1).length);
  const wlWidth = Math.max(3, String(options.workloadsPerNamespace - 1).length);
  const crossRatio = options.crossNamespaceRatio ?? 0.22;

  const workloads: Workload[] = [];
  const serverProtocol: FlowProtocol[] = [];
  const byNamespace: number[][] = [];
  for (let n = 0; n < options.namespaces; n++) {
    const namespace = `mesh-${pad(n, nsWidth)}`;
    byNamespace.push([]);
    for (let m = 0; m < options.workloadsPerNamespace; m++) {
      const app = `svc-${pad(m, wlWidth)}`;
      const desired = rnd() < 0.8 ? 1 : 2;
      byNamespace[n].push(workloads.length);
      workloads.push({
        cluster,
        namespace,
        name: `${app}-v1`,
        app,
        version: 'v1',
        service: app,
        serviceAccount: app,
        sidecar: true,
        replicas: { desired, available: desired },
      });
      const r = rnd();
      serverProtocol.push(
        r < PROTOCOL_SHARES[0][1] ? 'http' : r < PROTOCOL_SHARES[0][1] + PROTOCOL_SHARES[1][1] ? 'grpc' : 'tcp'
      );
    }
  }

  const flows: Flow[] = [];
  const id = (i: number): string => `${workloads[i].namespace}/${workloads[i].name}`;
  const addFlow = (
    flow: Omit<Flow, 'protocol' | 'requestsPerSecond' | 'responses' | 'tcp' | 'durationsMs'>,
    target: number
  ): void => {
    const protocol = serverProtocol[target];
    const f: Flow = { ...flow, protocol, durationsMs: durations() };
    if (protocol === 'tcp') {
      f.tcp = {
        requestBytesPerSecond: round(100 + rnd() * 9900, 0),
        responseBytesPerSecond: round(500 + rnd() * 49500, 0),
        connectionsPerSecond: round(0.05 + rnd() * 2, 2),
      };
    } else {
      f.requestsPerSecond = round(0.1 + rnd() * 19.9, 2);
      f.responses = responses(protocol);
      if (protocol === 'grpc') {
        f.requestMessagesPerRequest = 1;
        f.responseMessagesPerRequest = 1 + Math.floor(rnd() * 4);
      }
    }
    flows.push(f);
  };
  const durations = (): Flow['durationsMs'] => {
    const fast = pick([2, 5, 10, 20, 40]);
    return [
      { value: fast, fraction: 0.9 },
      { value: fast * pick([5, 10, 50]), fraction: 0.1 },
    ];
  };
  const responses = (protocol: FlowProtocol): ResponseShare[] => {
    const ok: ResponseShare =
      protocol === 'grpc' ? { code: '200', grpcStatus: '0', fraction: 1 } : { code: '200', fraction: 1 };
    const out: ResponseShare[] = [ok];
    if (rnd() < 0.45) {
      const share = round(0.01 + rnd() * 0.09, 3);
      const error: ResponseShare =
        protocol === 'grpc'
          ? { code: '200', grpcStatus: pick(['2', '5', '14']), fraction: share }
          : {
              ...pick([{ code: '500' }, { code: '503' }, { code: '404' }, { code: '0', flags: 'DC' }]),
              fraction: share,
            };
      out.push(error);
      ok.fraction = round(ok.fraction - share, 3);
    }
    if (rnd() < 0.05) {
      const share = 0.01;
      out.push({
        code: protocol === 'grpc' ? '200' : '503',
        grpcStatus: protocol === 'grpc' ? '14' : undefined,
        flags: 'UF',
        fraction: share,
        seenBy: 'source',
      });
      ok.fraction = round(ok.fraction - share, 3);
    }
    return out;
  };

  for (let i = 0; i < workloads.length; i++) {
    const ns = Math.floor(i / options.workloadsPerNamespace);
    const calls = fanMin + Math.floor(rnd() * (fanMax - fanMin + 1));
    const targets = new Set<number>();
    for (let c = 0, attempts = 0; c < calls && attempts < calls * 10; attempts++) {
      const cross = options.namespaces > 1 && rnd() < crossRatio;
      const targetNs = cross ? (ns + 1 + Math.floor(rnd() * (options.namespaces - 1))) % options.namespaces : ns;
      const t = pick(byNamespace[targetNs]);
      if (t === i || targets.has(t)) {
        continue;
      }
      targets.add(t);
      c++;
      addFlow(
        {
          id: `${id(i)}->${id(t)}`,
          source: { kind: 'workload', workload: id(i) },
          destination: { kind: 'workload', workload: id(t) },
          mtls: rnd() < 0.9,
        },
        t
      );
    }
  }

  const ingress = Math.min(options.ingressEdges ?? 50, workloads.length);
  const entryPoints = new Set<number>();
  while (entryPoints.size < ingress) {
    entryPoints.add(Math.floor(rnd() * workloads.length));
  }
  for (const t of [...entryPoints].sort((a, b) => a - b)) {
    addFlow(
      {
        id: `external->${id(t)}`,
        source: { kind: 'external' },
        destination: { kind: 'workload', workload: id(t) },
        mtls: false,
      },
      t
    );
  }

  return {
    name: `synthetic-${options.namespaces}x${options.workloadsPerNamespace}-seed${options.seed}`,
    cluster,
    workloads,
    services: workloads.map((w) => `${w.namespace}/${w.service}`),
    flows,
    histograms: options.histograms ?? 'none',
  };
}
