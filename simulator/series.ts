/**
 * Istio's standard metrics and kube-state-metrics as series specifications: every counter grows linearly
 * (value = slope × seconds since the origin) and every gauge is constant, so exact rates can be derived.
 * Families are produced one after the other, each family's series lazily (the synthetic 100×100 mesh has ~110k).
 *
 * Long on purpose: one specification per Istio and kube-state metric family, kept together so the
 * labels every family shares are written once.
 */
import { ReporterView, ResolvedFlow, resolveFlows, Slice } from './telemetry';
import { containersOf, HistogramSet, Topology, Workload } from './topology';
import { podNames, replicaSetName } from './names';

export type FamilyType = 'counter' | 'gauge' | 'histogram';

export interface FamilyDef {
  /** Family name as in an OpenMetrics TYPE line: counters without `_total`, histograms without suffix. */
  name: string;
  type: FamilyType;
  help: string;
}

export interface SeriesSpec {
  /** Sample name, e.g. istio_requests_total, istio_request_duration_milliseconds_bucket. */
  metric: string;
  /** The rendered label set with braces: {reporter="source",...}. */
  labels: string;
  /** Counters: increase per second since the origin. */
  slope: number;
  /** Gauges: the constant value (slope is 0). */
  gauge?: number;
}

export interface FamilySeries {
  family: FamilyDef;
  series: () => Iterable<SeriesSpec>;
}

export interface EmitOptions {
  /** Extra labels on every series (e.g. {mesh_id: 'mesh1'} for query-scope tests). */
  extraLabels?: Record<string, string>;
  /** Overrides the topology's histogram choice. */
  histograms?: HistogramSet;
  /** Leave out the kube-state-metrics families. */
  omitKubeState?: boolean;
}

/** Istio's default buckets for istio_request_duration_milliseconds (+Inf added when rendering). */
export const DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
];
/** Istio's default buckets for istio_request_bytes / istio_response_bytes: exponential(1, 10, 8). */
export const BYTES_BUCKETS = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function renderPairs(pairs: Array<[string, string]>): string {
  return pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
}

/** Renders `{a="1",b="2"}` from a record, in insertion order. */
export function renderLabels(labels: Record<string, string>): string {
  return `{${renderPairs(Object.entries(labels))}}`;
}

function formatLe(le: number): string {
  return Number.isFinite(le) ? String(le) : '+Inf';
}

const RESERVED = new Set(['le', 'reporter', 'app', 'namespace', 'deployment', 'pod', 'container', 'service']);

function renderExtras(extra: Record<string, string> | undefined): string {
  if (!extra) {
    return '';
  }
  for (const k of Object.keys(extra)) {
    if (!LABEL_NAME.test(k) || k.startsWith('__')) {
      throw new Error(`extra label name "${k}" is not a valid Prometheus label name`);
    }
    if (RESERVED.has(k) || k.startsWith('source_') || k.startsWith('destination_') || k.startsWith('kube_')) {
      throw new Error(`extra label "${k}" would clash with a simulated label`);
    }
  }
  const text = renderPairs(Object.entries(extra));
  return text ? `,${text}` : '';
}

/** Istio's peer labels of a view, rendered once and shared by every series of the view. */
function viewBase(v: ReporterView): string {
  return renderPairs([
    ['reporter', v.reporter],
    ['source_workload', v.source.source_workload],
    ['source_canonical_service', v.source.source_canonical_service],
    ['source_canonical_revision', v.source.source_canonical_revision],
    ['source_workload_namespace', v.source.source_workload_namespace],
    ['source_principal', v.source.source_principal],
    ['source_app', v.source.source_app],
    ['source_version', v.source.source_version],
    ['source_cluster', v.source.source_cluster],
    ['destination_workload', v.destination.destination_workload],
    ['destination_workload_namespace', v.destination.destination_workload_namespace],
    ['destination_principal', v.destination.destination_principal],
    ['destination_app', v.destination.destination_app],
    ['destination_version', v.destination.destination_version],
    ['destination_service', v.destination.destination_service],
    ['destination_canonical_service', v.destination.destination_canonical_service],
    ['destination_canonical_revision', v.destination.destination_canonical_revision],
    ['destination_service_name', v.destination.destination_service_name],
    ['destination_service_namespace', v.destination.destination_service_namespace],
    ['destination_cluster', v.destination.destination_cluster],
  ]);
}

function sliceLabels(v: ReporterView, s: Slice): string {
  const pairs: Array<[string, string]> = [['request_protocol', v.protocol]];
  if (v.protocol !== 'tcp') {
    pairs.push(['response_code', s.responseCode ?? '']);
    if (s.grpcStatus !== undefined) {
      pairs.push(['grpc_response_status', s.grpcStatus]);
    }
  }
  pairs.push(['response_flags', s.responseFlags], ['connection_security_policy', v.connectionSecurityPolicy]);
  if (s.requestOperation !== undefined) {
    pairs.push(['request_operation', s.requestOperation]);
  }
  if (v.scrapeApp !== undefined) {
    pairs.push(['app', v.scrapeApp]);
  }
  return renderPairs(pairs);
}

type SliceVisitor = (rf: ResolvedFlow, v: ReporterView, s: Slice, labels: string) => Iterable<SeriesSpec>;

function* eachSlice(
  flows: ResolvedFlow[],
  protocols: ReadonlyArray<string>,
  extras: string,
  visit: SliceVisitor
): Iterable<SeriesSpec> {
  for (const rf of flows) {
    if (!protocols.includes(rf.flow.protocol)) {
      continue;
    }
    for (const v of rf.views) {
      const base = viewBase(v);
      for (const s of v.slices) {
        yield* visit(rf, v, s, `${base},${sliceLabels(v, s)}${extras}`);
      }
    }
  }
}

function* histogram(
  name: string,
  labels: string,
  count: number,
  values: Array<{ value: number; fraction: number }>,
  buckets: number[]
): Iterable<SeriesSpec> {
  for (const le of [...buckets, Infinity]) {
    let cumulative = 0;
    for (const v of values) {
      if (v.value <= le) {
        cumulative += v.fraction;
      }
    }
    yield {
      metric: `${name}_bucket`,
      labels: `{${labels},le="${formatLe(le)}"}`,
      slope: count * Math.min(1, cumulative),
    };
  }
  const mean = values.reduce((acc, v) => acc + v.value * v.fraction, 0);
  yield { metric: `${name}_sum`, labels: `{${labels}}`, slope: count * mean };
  yield { metric: `${name}_count`, labels: `{${labels}}`, slope: count };
}

const REQUESTS = ['http', 'grpc'] as const;
const GRPC = ['grpc'] as const;
const TCP = ['tcp'] as const;

function istioFamilies(flows: ResolvedFlow[], histograms: HistogramSet, extras: string): FamilySeries[] {
  const counter = (
    name: string,
    help: string,
    protocols: ReadonlyArray<string>,
    slope: (rf: ResolvedFlow, s: Slice) => number
  ): FamilySeries => ({
    family: { name, type: 'counter', help },
    series: () =>
      eachSlice(flows, protocols, extras, function* (rf, _v, s, labels) {
        yield { metric: `${name}_total`, labels: `{${labels}}`, slope: slope(rf, s) };
      }),
  });
  const families: FamilySeries[] = [
    counter('istio_requests', 'Total number of requests handled by an Istio proxy.', REQUESTS, (_rf, s) => s.rate),
  ];
  if (histograms !== 'none') {
    families.push({
      family: {
        name: 'istio_request_duration_milliseconds',
        type: 'histogram',
        help: 'Duration of requests handled by an Istio proxy, in milliseconds.',
      },
      series: () =>
        eachSlice(flows, REQUESTS, extras, (rf, _v, s, labels) =>
          histogram('istio_request_duration_milliseconds', labels, s.rate, rf.durationsMs, DURATION_BUCKETS_MS)
        ),
    });
  }
  if (histograms === 'all') {
    families.push(
      {
        family: { name: 'istio_request_bytes', type: 'histogram', help: 'HTTP request body sizes, in bytes.' },
        series: () =>
          eachSlice(flows, REQUESTS, extras, (rf, _v, s, labels) =>
            histogram(
              'istio_request_bytes',
              labels,
              s.rate,
              [{ value: rf.requestSizeBytes, fraction: 1 }],
              BYTES_BUCKETS
            )
          ),
      },
      {
        family: { name: 'istio_response_bytes', type: 'histogram', help: 'HTTP response body sizes, in bytes.' },
        series: () =>
          eachSlice(flows, REQUESTS, extras, (_rf, _v, s, labels) =>
            histogram(
              'istio_response_bytes',
              labels,
              s.rate,
              [{ value: s.responseSizeBytes, fraction: 1 }],
              BYTES_BUCKETS
            )
          ),
      }
    );
  }
  families.push(
    counter(
      'istio_request_messages',
      'gRPC messages sent by clients.',
      GRPC,
      (rf, s) => s.rate * (rf.flow.requestMessagesPerRequest ?? 1)
    ),
    counter(
      'istio_response_messages',
      'gRPC messages sent by servers.',
      GRPC,
      (rf, s) => s.rate * (rf.flow.responseMessagesPerRequest ?? 1)
    ),
    // Istio's L4 metrics are named from the server's point of view on both reporters (istio/istio#32399).
    counter(
      'istio_tcp_sent_bytes',
      'Bytes sent during responses of TCP connections.',
      TCP,
      (rf, s) => s.rate * rf.flow.tcp!.responseBytesPerSecond
    ),
    counter(
      'istio_tcp_received_bytes',
      'Bytes received during requests of TCP connections.',
      TCP,
      (rf, s) => s.rate * rf.flow.tcp!.requestBytesPerSecond
    ),
    counter(
      'istio_tcp_connections_opened',
      'TCP connections opened.',
      TCP,
      (rf, s) => s.rate * rf.flow.tcp!.connectionsPerSecond
    ),
    counter(
      'istio_tcp_connections_closed',
      'TCP connections closed.',
      TCP,
      (rf, s) => s.rate * rf.flow.tcp!.connectionsPerSecond
    )
  );
  return families;
}

function kubeStateFamilies(workloads: Workload[], services: string[], extras: string): FamilySeries[] {
  const gauge = (name: string, help: string, gen: () => Iterable<[Array<[string, string]>, number]>): FamilySeries => ({
    family: { name, type: 'gauge', help },
    series: function* () {
      for (const [pairs, value] of gen()) {
        yield { metric: name, labels: `{${renderPairs(pairs)}${extras}}`, slope: 0, gauge: value };
      }
    },
  });
  const deployments = function* (value: (w: Workload) => number): Iterable<[Array<[string, string]>, number]> {
    for (const w of workloads) {
      yield [
        [
          ['namespace', w.namespace],
          ['deployment', w.name],
        ],
        value(w),
      ];
    }
  };
  return [
    gauge('kube_deployment_spec_replicas', 'Number of desired pods for a deployment.', () =>
      deployments((w) => w.replicas.desired)
    ),
    gauge('kube_deployment_status_replicas_available', 'The number of available replicas per deployment.', () =>
      deployments((w) => w.replicas.available)
    ),
    gauge('kube_deployment_labels', 'Kubernetes labels converted to Prometheus labels.', function* () {
      for (const w of workloads) {
        const pairs: Array<[string, string]> = [
          ['namespace', w.namespace],
          ['deployment', w.name],
        ];
        if (w.app !== undefined) {
          pairs.push(['label_app', w.app]);
        }
        if (w.version !== undefined) {
          pairs.push(['label_version', w.version]);
        }
        yield [pairs, 1];
      }
    }),
    gauge('kube_replicaset_owner', "Information about the ReplicaSet's owner.", function* () {
      for (const w of workloads) {
        yield [
          [
            ['namespace', w.namespace],
            ['replicaset', replicaSetName(w)],
            ['owner_kind', 'Deployment'],
            ['owner_name', w.name],
            ['owner_is_controller', 'true'],
          ],
          1,
        ];
      }
    }),
    gauge('kube_pod_owner', "Information about the Pod's owner.", function* () {
      for (const w of workloads) {
        for (const pod of podNames(w)) {
          yield [
            [
              ['namespace', w.namespace],
              ['pod', pod],
              ['owner_kind', 'ReplicaSet'],
              ['owner_name', replicaSetName(w)],
              ['owner_is_controller', 'true'],
            ],
            1,
          ];
        }
      }
    }),
    gauge('kube_pod_container_info', 'Information about a container in a pod.', function* () {
      for (const w of workloads) {
        for (const pod of podNames(w)) {
          for (const container of containersOf(w)) {
            yield [
              [
                ['namespace', w.namespace],
                ['pod', pod],
                ['container', container],
              ],
              1,
            ];
          }
        }
      }
    }),
    gauge('kube_service_info', 'Information about service.', function* () {
      for (const id of services) {
        const [namespace, service] = id.split('/');
        yield [
          [
            ['namespace', namespace],
            ['service', service],
          ],
          1,
        ];
      }
    }),
  ];
}

/** All families of a topology in output order (Istio first, then kube-state-metrics). */
export function familiesOf(topology: Topology, options: EmitOptions = {}): FamilySeries[] {
  const extras = renderExtras(options.extraLabels);
  const flows = resolveFlows(topology);
  const families = istioFamilies(flows, options.histograms ?? topology.histograms, extras);
  if (!options.omitKubeState) {
    families.push(...kubeStateFamilies(topology.workloads, topology.services, extras));
  }
  return families;
}

/** Counts series per family without rendering samples (cheap: labels only). */
export function countSeries(families: FamilySeries[]): number {
  let n = 0;
  for (const f of families) {
    for (const _ of f.series()) {
      n++;
    }
  }
  return n;
}
