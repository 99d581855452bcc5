/**
 * The simulator's topology model: Kubernetes workloads and the traffic flows between them.
 * Everything is declarative; telemetry.ts turns flows into the series Istio's proxies would report.
 */

export type FlowProtocol = 'http' | 'grpc' | 'tcp';

/** Istio's trust domain in principals (spiffe://cluster.local/ns/<ns>/sa/<sa>), independent of the cluster name. */
export const TRUST_DOMAIN = 'cluster.local';
/** Suffix of Kubernetes service hosts as Istio reports them in destination_service. */
export const SERVICE_DOMAIN = 'svc.cluster.local';
/** Istio's label value for anything the proxy could not identify. */
export const UNKNOWN = 'unknown';

export interface Replicas {
  /** kube_deployment_spec_replicas. Pods that exist (and so kube_pod_container_info) = desired. */
  desired: number;
  /** kube_deployment_status_replicas_available. */
  available: number;
}

export interface Workload {
  cluster: string;
  namespace: string;
  /** Deployment name = Istio's *_workload label. */
  name: string;
  /** Pod label `app`; absent → *_app is "unknown" and the canonical service falls back to the workload name. */
  app?: string;
  /** Pod label `version`; absent → *_version "unknown", canonical revision "latest". */
  version?: string;
  /** The Kubernetes service selecting this workload (absent for pure clients). */
  service?: string;
  serviceAccount: string;
  /** An Envoy sidecar (istio-proxy container) is injected. */
  sidecar: boolean;
  /** A standalone Envoy gateway (its only container is istio-proxy; it reports its outbound traffic as source). */
  gateway?: boolean;
  replicas: Replicas;
  /** Application containers (default: [app ?? name]); istio-proxy is added when sidecar, and is the only one of a gateway. */
  containers?: string[];
}

/** Which proxies report a response: a request that failed at the client proxy never reaches the server. */
export type SeenBy = 'both' | 'source';

/** One slice of a flow's requests (fractions of a flow sum to 1). */
export interface ResponseShare {
  /** HTTP status as Istio reports it; "0" = no response (downstream disconnect, reset...). */
  code: string;
  /** grpc_response_status for gRPC flows (e.g. "0" OK, "5" NOT_FOUND, "14" UNAVAILABLE). */
  grpcStatus?: string;
  /** Envoy response flags; "-" when none (Istio's value for "no flag"). */
  flags?: string;
  fraction: number;
  /** Default 'both'; 'source' for failures the client proxy produced itself (UF, URX, UH, NR...). */
  seenBy?: SeenBy;
}

/** A discrete latency or size distribution: value with its share of requests (shares sum to 1). */
export interface WeightedValue {
  value: number;
  fraction: number;
}

export interface OperationShare {
  /** request_operation label value (Istio's request classification). */
  name: string;
  fraction: number;
}

/** Traffic terminating outside any workload of the mesh. */
export type FlowDestination =
  /** A mesh workload reached through its service (workload/service ids are "namespace/name"). */
  | { kind: 'workload'; workload: string; service?: string }
  /** Requests to a service that never reached any workload (no endpoint, no route): reported by the source only. */
  | { kind: 'unreached'; namespace: string; service: string; cluster?: string }
  /** Egress to a host outside the registry with outboundTrafficPolicy ALLOW_ANY. */
  | { kind: 'passthrough'; host: string }
  /** Egress blocked by outboundTrafficPolicy REGISTRY_ONLY. */
  | { kind: 'blackhole'; host: string };

export type FlowSource =
  /** A workload of the topology ("namespace/name"); without a sidecar it is invisible to telemetry (labels unknown). */
  | { kind: 'workload'; workload: string }
  /** A client outside the cluster (no Kubernetes object at all). */
  | { kind: 'external' };

export interface TcpTraffic {
  /** Client → server bytes per second (Istio: istio_tcp_received_bytes_total on both reporters). */
  requestBytesPerSecond: number;
  /** Server → client bytes per second (Istio: istio_tcp_sent_bytes_total on both reporters). */
  responseBytesPerSecond: number;
  connectionsPerSecond: number;
}

export interface Flow {
  id: string;
  source: FlowSource;
  destination: FlowDestination;
  protocol: FlowProtocol;
  /** Requests per second leaving the source (http/grpc); TCP flows use `tcp` instead. */
  requestsPerSecond?: number;
  /** Response mix of http/grpc flows; TCP flows: flags mix (code ignored). Default: all 200 (gRPC status 0) / "-". */
  responses?: ResponseShare[];
  tcp?: TcpTraffic;
  /** Mutual TLS between the proxies. Source-reported series always say "unknown" (as Istio does). */
  mtls: boolean;
  /** When set, every request series gets a request_operation label, split by these shares. */
  operations?: OperationShare[];
  /** Request duration distribution in milliseconds (histogram). Default: all 10 ms. */
  durationsMs?: WeightedValue[];
  requestSizeBytes?: number;
  responseSizeBytes?: number;
  /** gRPC messages per request (streams): istio_request_messages_total / istio_response_messages_total. */
  requestMessagesPerRequest?: number;
  responseMessagesPerRequest?: number;
}

export type HistogramSet = 'all' | 'duration' | 'none';

export interface Topology {
  name: string;
  /** Default cluster name (source_cluster/destination_cluster). */
  cluster: string;
  workloads: Workload[];
  /** Kubernetes services, "namespace/name" (kube_service_info), including services without traffic. */
  services: string[];
  flows: Flow[];
  /** Which histogram families to emit (the synthetic mesh defaults to none to keep series counts practical). */
  histograms: HistogramSet;
}

export function workloadId(w: Pick<Workload, 'namespace' | 'name'>): string {
  return `${w.namespace}/${w.name}`;
}

export function principalOf(namespace: string, serviceAccount: string): string {
  return `spiffe://${TRUST_DOMAIN}/ns/${namespace}/sa/${serviceAccount}`;
}

export function serviceHost(namespace: string, service: string): string {
  return `${service}.${namespace}.${SERVICE_DOMAIN}`;
}

export function canonicalService(w: Workload): string {
  return w.app ?? w.name;
}

export function canonicalRevision(w: Workload): string {
  return w.version ?? 'latest';
}

export function containersOf(w: Workload): string[] {
  if (w.gateway) {
    return ['istio-proxy'];
  }
  const app = w.containers ?? [w.app ?? w.name];
  return w.sidecar ? [...app, 'istio-proxy'] : app;
}

/** Reports whether the workload's own proxy emits Istio metrics. */
export function hasProxy(w: Workload): boolean {
  return w.sidecar || w.gateway === true;
}

export class TopologyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TopologyError';
  }
}

const FRACTION_TOLERANCE = 1e-9;

function checkFractions(what: string, shares: Array<{ fraction: number }> | undefined): void {
  if (!shares) {
    return;
  }
  if (shares.length === 0) {
    throw new TopologyError(`${what}: empty list (omit it for the default)`);
  }
  let total = 0;
  for (const s of shares) {
    if (!(s.fraction > 0) || !Number.isFinite(s.fraction)) {
      throw new TopologyError(`${what}: fraction ${s.fraction} is not a positive number`);
    }
    total += s.fraction;
  }
  if (Math.abs(total - 1) > FRACTION_TOLERANCE) {
    throw new TopologyError(`${what}: fractions add up to ${total}, not 1`);
  }
}

/** Throws a TopologyError naming the first inconsistency (unknown workload ids, bad fractions, missing rates). */
export function validateTopology(t: Topology): void {
  const byId = new Map<string, Workload>();
  for (const w of t.workloads) {
    const id = workloadId(w);
    if (byId.has(id)) {
      throw new TopologyError(`workload ${id} is defined twice`);
    }
    if (w.replicas.desired < 0 || w.replicas.available < 0) {
      throw new TopologyError(`workload ${id}: negative replicas`);
    }
    byId.set(id, w);
  }
  const flowIds = new Set<string>();
  for (const f of t.flows) {
    if (flowIds.has(f.id)) {
      throw new TopologyError(`flow ${f.id} is defined twice`);
    }
    flowIds.add(f.id);
    if (f.source.kind === 'workload' && !byId.has(f.source.workload)) {
      throw new TopologyError(`flow ${f.id}: unknown source workload ${f.source.workload}`);
    }
    if (f.destination.kind === 'workload') {
      const dst = byId.get(f.destination.workload);
      if (!dst) {
        throw new TopologyError(`flow ${f.id}: unknown destination workload ${f.destination.workload}`);
      }
      if (!(f.destination.service ?? dst.service)) {
        throw new TopologyError(`flow ${f.id}: destination ${f.destination.workload} has no service`);
      }
    }
    if (f.protocol === 'tcp') {
      if (!f.tcp) {
        throw new TopologyError(`flow ${f.id}: a tcp flow needs tcp rates`);
      }
      const { requestBytesPerSecond: a, responseBytesPerSecond: b, connectionsPerSecond: c } = f.tcp;
      if (![a, b, c].every((v) => Number.isFinite(v) && v >= 0)) {
        throw new TopologyError(`flow ${f.id}: tcp rates must be finite and >= 0`);
      }
    } else if (!(
      f.requestsPerSecond !== undefined &&
      Number.isFinite(f.requestsPerSecond) &&
      f.requestsPerSecond >= 0
    )) {
      throw new TopologyError(`flow ${f.id}: requestsPerSecond must be a finite number >= 0`);
    }
    checkFractions(`flow ${f.id} responses`, f.responses);
    checkFractions(`flow ${f.id} operations`, f.operations);
    checkFractions(`flow ${f.id} durationsMs`, f.durationsMs);
  }
}
