/**
 * Turns topology flows into what Istio's proxies report: one view per reporting proxy (reporter="source" for the
 * client's sidecar or gateway, reporter="destination" for the server's sidecar), each with its label set and the
 * per-second rate of every response slice. Series emission and test expectations both start from here.
 */
import {
  canonicalRevision,
  canonicalService,
  Flow,
  FlowProtocol,
  hasProxy,
  OperationShare,
  principalOf,
  ResponseShare,
  serviceHost,
  Topology,
  UNKNOWN,
  validateTopology,
  WeightedValue,
  Workload,
  workloadId,
} from './topology';

export type Reporter = 'source' | 'destination';

/** Istio's peer labels of one side; every value is a string (possibly "unknown"). */
export interface SourceLabels {
  source_cluster: string;
  source_workload: string;
  source_workload_namespace: string;
  source_principal: string;
  source_app: string;
  source_version: string;
  source_canonical_service: string;
  source_canonical_revision: string;
}

export interface DestinationLabels {
  destination_cluster: string;
  destination_workload: string;
  destination_workload_namespace: string;
  destination_principal: string;
  destination_app: string;
  destination_version: string;
  destination_service: string;
  destination_service_name: string;
  destination_service_namespace: string;
  destination_canonical_service: string;
  destination_canonical_revision: string;
}

/** One series' worth of requests (or, for TCP, of bytes and connections): a response code/flag/operation slice. */
export interface Slice {
  /** HTTP status ("0" = no response); absent for TCP. */
  responseCode?: string;
  /** Present on gRPC series only (Istio's empty value on HTTP series is the same as absent in Prometheus). */
  grpcStatus?: string;
  responseFlags: string;
  requestOperation?: string;
  /** Requests per second (http/grpc), or the share of the flow's TCP traffic (tcp). */
  rate: number;
  /** Response size of this slice: no response ("0") sends no body. */
  responseSizeBytes: number;
}

export interface ReporterView {
  reporter: Reporter;
  protocol: FlowProtocol;
  source: SourceLabels;
  destination: DestinationLabels;
  connectionSecurityPolicy: 'mutual_tls' | 'none' | 'unknown';
  /** The scraped pod's `app` label (a Prometheus target label, used by Kiali's TCP queries); absent when the pod has none. */
  scrapeApp?: string;
  slices: Slice[];
}

export interface ResolvedFlow {
  flow: Flow;
  views: ReporterView[];
  durationsMs: WeightedValue[];
  requestSizeBytes: number;
}

const DEFAULT_DURATIONS: WeightedValue[] = [{ value: 10, fraction: 1 }];
const DEFAULT_REQUEST_SIZE = 512;
const DEFAULT_RESPONSE_SIZE = 2048;

function unknownSource(): SourceLabels {
  return {
    source_cluster: UNKNOWN,
    source_workload: UNKNOWN,
    source_workload_namespace: UNKNOWN,
    source_principal: UNKNOWN,
    source_app: UNKNOWN,
    source_version: UNKNOWN,
    source_canonical_service: UNKNOWN,
    source_canonical_revision: UNKNOWN,
  };
}

function sourceOf(w: Workload, mtls: boolean): SourceLabels {
  return {
    source_cluster: w.cluster,
    source_workload: w.name,
    source_workload_namespace: w.namespace,
    source_principal: mtls ? principalOf(w.namespace, w.serviceAccount) : UNKNOWN,
    source_app: w.app ?? UNKNOWN,
    source_version: w.version ?? UNKNOWN,
    source_canonical_service: canonicalService(w),
    source_canonical_revision: canonicalRevision(w),
  };
}

function destinationOf(w: Workload, service: string, mtls: boolean): DestinationLabels {
  return {
    destination_cluster: w.cluster,
    destination_workload: w.name,
    destination_workload_namespace: w.namespace,
    destination_principal: mtls ? principalOf(w.namespace, w.serviceAccount) : UNKNOWN,
    destination_app: w.app ?? UNKNOWN,
    destination_version: w.version ?? UNKNOWN,
    destination_service: serviceHost(w.namespace, service),
    destination_service_name: service,
    destination_service_namespace: w.namespace,
    destination_canonical_service: canonicalService(w),
    destination_canonical_revision: canonicalRevision(w),
  };
}

/** A destination no proxy answered for: only the service (or egress host) is known. */
function serviceOnlyDestination(service: string, serviceName: string, serviceNamespace: string): DestinationLabels {
  return {
    destination_cluster: UNKNOWN,
    destination_workload: UNKNOWN,
    destination_workload_namespace: UNKNOWN,
    destination_principal: UNKNOWN,
    destination_app: UNKNOWN,
    destination_version: UNKNOWN,
    destination_service: service,
    destination_service_name: serviceName,
    destination_service_namespace: serviceNamespace,
    destination_canonical_service: UNKNOWN,
    destination_canonical_revision: UNKNOWN,
  };
}

function defaultResponses(protocol: FlowProtocol): ResponseShare[] {
  if (protocol === 'grpc') {
    return [{ code: '200', grpcStatus: '0', flags: '-', fraction: 1 }];
  }
  if (protocol === 'tcp') {
    return [{ code: '', flags: '-', fraction: 1 }];
  }
  return [{ code: '200', flags: '-', fraction: 1 }];
}

function slicesFor(flow: Flow, reporter: Reporter, responseSize: number): Slice[] {
  const responses = flow.responses ?? defaultResponses(flow.protocol);
  const operations: Array<OperationShare | undefined> = flow.operations ?? [undefined];
  const total = flow.protocol === 'tcp' ? 1 : (flow.requestsPerSecond ?? 0);
  const slices: Slice[] = [];
  for (const r of responses) {
    if (reporter === 'destination' && (r.seenBy ?? 'both') !== 'both') {
      continue;
    }
    for (const op of operations) {
      const slice: Slice = {
        responseFlags: r.flags ?? '-',
        rate: total * r.fraction * (op?.fraction ?? 1),
        responseSizeBytes: r.code === '0' ? 0 : responseSize,
      };
      if (flow.protocol !== 'tcp') {
        slice.responseCode = r.code;
        if (flow.protocol === 'grpc') {
          slice.grpcStatus = r.grpcStatus ?? (r.code === '200' ? '0' : '14');
        }
        if (op) {
          slice.requestOperation = op.name;
        }
      }
      slices.push(slice);
    }
  }
  return slices;
}

/** Resolves every flow of a validated topology into its reporter views (throws TopologyError on bad input). */
export function resolveFlows(topology: Topology): ResolvedFlow[] {
  validateTopology(topology);
  const byId = new Map(topology.workloads.map((w) => [workloadId(w), w]));
  return topology.flows.map((flow) => resolveFlow(flow, byId));
}

export function resolveFlow(flow: Flow, byId: Map<string, Workload>): ResolvedFlow {
  const src = flow.source.kind === 'workload' ? byId.get(flow.source.workload) : undefined;
  const srcReports = src !== undefined && hasProxy(src);
  const dstWorkload = flow.destination.kind === 'workload' ? byId.get(flow.destination.workload) : undefined;
  // Gateways report only their outbound traffic; a workload without a sidecar reports nothing.
  const dstReports = dstWorkload !== undefined && dstWorkload.sidecar && !dstWorkload.gateway;
  // mTLS needs a proxy on both ends.
  const mtls = flow.mtls && srcReports && dstWorkload !== undefined && hasProxy(dstWorkload);
  const responseSize = flow.responseSizeBytes ?? DEFAULT_RESPONSE_SIZE;

  let destination: DestinationLabels;
  const d = flow.destination;
  if (d.kind === 'workload') {
    destination = destinationOf(dstWorkload!, d.service ?? dstWorkload!.service!, mtls);
  } else if (d.kind === 'unreached') {
    destination = serviceOnlyDestination(serviceHost(d.namespace, d.service), d.service, d.namespace);
  } else if (d.kind === 'passthrough') {
    destination = serviceOnlyDestination(d.host, 'PassthroughCluster', UNKNOWN);
  } else {
    destination = serviceOnlyDestination(d.host, 'BlackHoleCluster', UNKNOWN);
  }

  const views: ReporterView[] = [];
  if (srcReports) {
    views.push({
      reporter: 'source',
      protocol: flow.protocol,
      source: sourceOf(src!, mtls),
      destination,
      // The client proxy does not know the server's policy: Istio reports "unknown" on the source side.
      connectionSecurityPolicy: 'unknown',
      scrapeApp: src!.app,
      slices: slicesFor(flow, 'source', responseSize),
    });
  }
  if (dstReports) {
    views.push({
      reporter: 'destination',
      protocol: flow.protocol,
      source: srcReports ? sourceOf(src!, mtls) : unknownSource(),
      destination,
      connectionSecurityPolicy: mtls ? 'mutual_tls' : 'none',
      scrapeApp: dstWorkload!.app,
      slices: slicesFor(flow, 'destination', responseSize),
    });
  }
  return {
    flow,
    views: views.filter((v) => v.slices.length > 0),
    durationsMs: flow.durationsMs ?? DEFAULT_DURATIONS,
    requestSizeBytes: flow.requestSizeBytes ?? DEFAULT_REQUEST_SIZE,
  };
}

/** Per-reporter totals of one flow, for tests that derive expected PromQL results. */
export interface ReporterRates {
  reporter: Reporter;
  source: SourceLabels;
  destination: DestinationLabels;
  connectionSecurityPolicy: string;
  /** http/grpc: requests per second over all slices (istio_requests_total). */
  requestsPerSecond: number;
  /** One entry per emitted istio_requests_total series (tcp: per flags slice, with the share as rate). */
  slices: Slice[];
  /** gRPC only. */
  requestMessagesPerSecond?: number;
  responseMessagesPerSecond?: number;
  /** tcp only: istio_tcp_sent_bytes_total (server → client), istio_tcp_received_bytes_total (client → server). */
  tcpSentBytesPerSecond?: number;
  tcpReceivedBytesPerSecond?: number;
  tcpConnectionsOpenedPerSecond?: number;
  tcpConnectionsClosedPerSecond?: number;
  /** http/grpc: mean request duration (ms) = rate(_sum)/rate(_count). */
  meanDurationMs?: number;
  /** http/grpc: rate(istio_request_bytes_sum), rate(istio_response_bytes_sum). */
  requestBytesPerSecond?: number;
  responseBytesPerSecond?: number;
}

export interface ExpectedFlow {
  id: string;
  protocol: FlowProtocol;
  /** Flow endpoints as in the topology: "namespace/name" of workloads, or a description of the egress/unreached target. */
  from: string;
  to: string;
  /** One entry per reporting proxy (absent reporters emit nothing). */
  reporters: ReporterRates[];
}

function describeSource(flow: Flow): string {
  return flow.source.kind === 'workload' ? flow.source.workload : 'external';
}

function describeDestination(flow: Flow): string {
  const d = flow.destination;
  switch (d.kind) {
    case 'workload':
      return d.workload;
    case 'unreached':
      return `unreached:${d.namespace}/${d.service}`;
    case 'passthrough':
      return `passthrough:${d.host}`;
    case 'blackhole':
      return `blackhole:${d.host}`;
  }
}

export function meanOf(values: WeightedValue[]): number {
  return values.reduce((acc, v) => acc + v.value * v.fraction, 0);
}

/**
 * The exact per-second rates each flow produces, per reporter. Counters grow linearly from the export origin, so
 * rate(counter[W]) at any time inside the exported window equals these numbers (up to float rounding).
 */
export function expectedFlows(topology: Topology): ExpectedFlow[] {
  return resolveFlows(topology).map((rf) => {
    const { flow } = rf;
    const reporters = rf.views.map((v): ReporterRates => {
      const total = v.slices.reduce((acc, s) => acc + s.rate, 0);
      const out: ReporterRates = {
        reporter: v.reporter,
        source: v.source,
        destination: v.destination,
        connectionSecurityPolicy: v.connectionSecurityPolicy,
        requestsPerSecond: flow.protocol === 'tcp' ? 0 : total,
        slices: v.slices,
      };
      if (flow.protocol === 'tcp') {
        out.tcpSentBytesPerSecond = total * flow.tcp!.responseBytesPerSecond;
        out.tcpReceivedBytesPerSecond = total * flow.tcp!.requestBytesPerSecond;
        out.tcpConnectionsOpenedPerSecond = total * flow.tcp!.connectionsPerSecond;
        out.tcpConnectionsClosedPerSecond = total * flow.tcp!.connectionsPerSecond;
      } else {
        out.meanDurationMs = meanOf(rf.durationsMs);
        out.requestBytesPerSecond = total * rf.requestSizeBytes;
        out.responseBytesPerSecond = v.slices.reduce((acc, s) => acc + s.rate * s.responseSizeBytes, 0);
        if (flow.protocol === 'grpc') {
          out.requestMessagesPerSecond = total * (flow.requestMessagesPerRequest ?? 1);
          out.responseMessagesPerSecond = total * (flow.responseMessagesPerRequest ?? 1);
        }
      }
      return out;
    });
    return {
      id: flow.id,
      protocol: flow.protocol,
      from: describeSource(flow),
      to: describeDestination(flow),
      reporters,
    };
  });
}
