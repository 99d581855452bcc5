/**
 * Reading one answer element into Istio's endpoint labels, with Kiali's clean-up rules (§4.2–§4.6):
 * required labels, bad source/destination telemetry, egress-gateway rewrite and the istio#29373 cluster fix.
 * Shared by the traffic fold and the telemetry appenders. Reuses one object per answer (no per-sample objects).
 */
import { GraphType, Protocol } from '../model';
import { GB_REQ } from '../planner/labels';
import { IdParts, NodeIdentity, isOK, nodeId, resolveIdParts } from './identity';

export const L = {
  srcCluster: 0,
  srcNs: 1,
  srcWl: 2,
  srcApp: 3,
  srcVer: 4,
  dstCluster: 5,
  dstSvcNs: 6,
  dstSvc: 7,
  dstSvcName: 8,
  dstWlNs: 9,
  dstWl: 10,
  dstApp: 11,
  dstVer: 12,
  protocol: 13,
  code: 14,
  grpcStatus: 15,
  flags: 16,
  srcPrincipal: 17,
  dstPrincipal: 18,
  policy: 19,
  extra: 20,
} as const;

/** The labels read, in slot order (L): Kiali's request group-by list, then the security-policy labels. */
export const LABEL_NAMES: readonly string[] = [
  ...GB_REQ,
  'source_principal',
  'destination_principal',
  'connection_security_policy',
];

/**
 * Labels without which an element is skipped (§4.2). A store never returns a label with an empty value (empty and
 * absent are the same series), so the destination labels that Istio legitimately leaves empty are read as empty
 * when absent: Kiali's graph test for kiali#2412 (graph/api/api_test.go, a destination workload without service or
 * canonical labels) expects that workload as a node, with no destination service and no host.
 */
const ENDPOINT_REQUIRED = [L.srcNs, L.srcWl, L.srcApp, L.srcVer, L.dstSvcNs, L.dstWlNs, L.dstWl];
/** Read as '' when absent (see ENDPOINT_REQUIRED). */
const OPTIONAL_ENDPOINT = [L.dstSvc, L.dstSvcName, L.dstApp, L.dstVer];

export type Family = 'requests' | 'messages' | 'tcp' | 'endpoints';

const EGRESS_HOST = 'istio-egressgateway.istio-system.svc.cluster.local';
const IP_HOST = /^\d+\.\d+\.\d+\.\d+(:\d+)?$/;

/** Reads answer elements; `details` = the answer carries destination_service and response_flags. */
export class TelemetryReader {
  readonly v: string[] = new Array(LABEL_NAMES.length + 1).fill('');
  private readonly seen: Uint32Array;
  private gen = 0;
  private readonly slotOf = new Map<string, number>();
  /**
   * The label names of the previous element and their slots (-1 = not read). Elements of one answer carry the
   * same names in the same order (JSON.parse gives the same, internalized, strings), so a pointer comparison
   * usually replaces the map lookup.
   */
  private readonly lastNames: string[] = [];
  private readonly lastSlots: number[] = [];
  private readonly required: number[];
  private readonly hostLabel: boolean;

  // Cleaned endpoint values of the last read() (valid when it returned undefined).
  srcCluster = '';
  dstCluster = '';
  dstSvcNs = '';
  dstSvcName = '';
  dstSvc = '';
  dstWlNs = '';
  dstWl = '';
  dstApp = '';
  dstVer = '';
  flags = '';

  constructor(
    readonly family: Family,
    details: boolean,
    extraLabel?: string
  ) {
    LABEL_NAMES.forEach((n, i) => this.slotOf.set(n, i));
    if (extraLabel) {
      this.slotOf.set(extraLabel, L.extra);
    }
    this.seen = new Uint32Array(LABEL_NAMES.length + 1);
    this.hostLabel = details;
    const req: number[] = [...ENDPOINT_REQUIRED];
    if ((family === 'requests' || family === 'tcp') && details) {
      req.push(L.flags);
    }
    if (family === 'requests') {
      req.push(L.protocol, L.code);
    }
    this.required = req;
  }

  has(slot: number): boolean {
    return this.seen[slot] === this.gen;
  }

  get(slot: number): string {
    return this.seen[slot] === this.gen ? this.v[slot] : '';
  }

  /** Loads the element's labels, applies §4.2–§4.5 and returns a skip reason, or undefined when usable. */
  read(names: string[], values: string[], count: number): string | undefined {
    const gen = ++this.gen;
    const seen = this.seen;
    const v = this.v;
    const lastNames = this.lastNames;
    const lastSlots = this.lastSlots;
    for (let i = 0; i < count; i++) {
      const name = names[i];
      let s: number;
      if (lastNames[i] === name) {
        s = lastSlots[i];
      } else {
        s = this.slotOf.get(name) ?? -1;
        lastNames[i] = name;
        lastSlots[i] = s;
      }
      if (s >= 0) {
        v[s] = values[i];
        seen[s] = gen;
      }
    }
    const req = this.required;
    for (let i = 0; i < req.length; i++) {
      if (seen[req[i]] !== gen) {
        return 'missing label ' + LABEL_NAMES[req[i]];
      }
    }
    for (let i = 0; i < OPTIONAL_ENDPOINT.length; i++) {
      if (seen[OPTIONAL_ENDPOINT[i]] !== gen) {
        v[OPTIONAL_ENDPOINT[i]] = '';
      }
    }
    const srcClusterPresent = seen[L.srcCluster] === gen;
    const dstClusterPresent = seen[L.dstCluster] === gen;
    let srcCluster = srcClusterPresent ? v[L.srcCluster] : 'unknown';
    let dstCluster = dstClusterPresent ? v[L.dstCluster] : 'unknown';
    const srcNs = v[L.srcNs];
    // §4.3 bad source telemetry
    if (isOK(srcNs)) {
      if (!isOK(v[L.srcWl]) && !isOK(v[L.srcApp])) {
        return 'bad source telemetry (namespace without workload or app)';
      }
      if (srcClusterPresent && srcCluster === 'unknown') {
        return 'bad source telemetry (unknown source cluster)';
      }
    }
    let dstSvcNs = v[L.dstSvcNs];
    let dstSvcName = v[L.dstSvcName];
    // Without the host label (lean answers), host-based rules use the service name (they need host == name).
    let dstSvc = this.hostLabel ? v[L.dstSvc] : dstSvcName;
    let dstWlNs = v[L.dstWlNs];
    let dstWl = v[L.dstWl];
    let dstApp = v[L.dstApp];
    let dstVer = v[L.dstVer];
    // §4.4 egress gateway rewrite (kiali#2999) and istio#29373. Kiali's util.HandleDestination rewrites the whole
    // destination, the service name included (istio-egressgateway, not its host): node ids, destServices and
    // injected service nodes all take the name from here. The host (response hosts) stays destination_service.
    if (dstSvc === EGRESS_HOST && dstSvcName === EGRESS_HOST) {
      dstCluster = srcCluster;
      dstSvcNs = 'istio-system';
      dstSvcName = 'istio-egressgateway';
      dstWlNs = 'istio-system';
      dstWl = 'istio-egressgateway';
      dstApp = 'istio-egressgateway';
      dstVer = 'latest';
    } else if (!isOK(dstCluster) && isOK(srcCluster) && isOK(dstSvcNs)) {
      dstCluster = srcCluster;
    }
    // §4.5 bad destination telemetry
    if (!isOK(dstWl) && dstSvc === dstSvcName && IP_HOST.test(dstSvcName)) {
      return 'bad destination telemetry (IP address as service)';
    }
    if (isOK(dstSvcNs) && dstClusterPresent && dstCluster === 'unknown') {
      return 'bad destination telemetry (unknown destination cluster)';
    }
    if (!this.hostLabel) {
      dstSvc = '';
    }
    this.srcCluster = srcCluster;
    this.dstCluster = dstCluster;
    this.dstSvcNs = dstSvcNs;
    this.dstSvcName = dstSvcName;
    this.dstSvc = dstSvc;
    this.dstWlNs = dstWlNs;
    this.dstWl = dstWl;
    this.dstApp = dstApp;
    this.dstVer = dstVer;
    this.flags = this.hostLabel ? v[L.flags] : '';
    void srcCluster;
    return undefined;
  }

  /** Request protocol of the element (requests family), or the family's fixed protocol. */
  protocol(): string {
    if (this.family === 'tcp') {
      return 'tcp';
    }
    if (this.family === 'messages') {
      return 'grpc';
    }
    return this.v[L.protocol];
  }

  /**
   * §4.6: "-" for no response, HTTP code unless a non-error gRPC answer carries a status. Message and TCP metrics
   * carry no response code: Kiali's populateTrafficMap leaves the code empty for them (istio.go: `code` is only
   * set for request metrics), so gRPC messages are neither errors nor "no response" (graph/protocol.go
   * addToMetadataGrpc); TCP uses "-" (addToMetadataTCP), which counts nothing either.
   */
  responseCode(protocol: string): string {
    if (this.family === 'messages') {
      return '';
    }
    if (this.family === 'tcp') {
      return '-';
    }
    const code = this.v[L.code];
    if (code === '0') {
      return '-';
    }
    if (protocol !== 'grpc' || isHttpErrorCode(code) || !this.has(L.grpcStatus)) {
      return code;
    }
    return this.v[L.grpcStatus];
  }

  sourceParts(out: IdParts, graphType: GraphType): boolean {
    const v = this.v;
    return resolveIdParts(out, v[L.srcNs], '', v[L.srcNs], v[L.srcWl], v[L.srcApp], v[L.srcVer], graphType);
  }

  destParts(out: IdParts, graphType: GraphType): boolean {
    return resolveIdParts(
      out,
      this.dstSvcNs,
      this.dstSvcName,
      this.dstWlNs,
      this.dstWl,
      this.dstApp,
      this.dstVer,
      graphType
    );
  }

  sourceIdentity(graphType: GraphType): NodeIdentity | undefined {
    const v = this.v;
    return nodeId(this.srcCluster, v[L.srcNs], '', v[L.srcNs], v[L.srcWl], v[L.srcApp], v[L.srcVer], graphType);
  }

  destIdentity(graphType: GraphType): NodeIdentity | undefined {
    return nodeId(
      this.dstCluster,
      this.dstSvcNs,
      this.dstSvcName,
      this.dstWlNs,
      this.dstWl,
      this.dstApp,
      this.dstVer,
      graphType
    );
  }
}

/** A 3-digit 4xx or 5xx HTTP code. */
export function isHttpErrorCode(code: string): boolean {
  const c = code.charCodeAt(0);
  return code.length === 3 && (c === 52 || c === 53);
}

export function asProtocol(p: string): Protocol | undefined {
  return p === 'http' || p === 'grpc' || p === 'tcp' ? p : undefined;
}
