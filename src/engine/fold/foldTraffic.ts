/** Folding traffic answers into a traffic map (§4): one visitor per answer, no per-sample objects. */
import { GraphOptions, GraphType, Protocol } from '../model';
import { effectiveInjection } from '../options';
import { METRIC_REQUESTS, METRIC_REQ_MESSAGES, METRIC_RESP_MESSAGES, TrafficMetric } from '../planner/labels';
import { SampleVisitor } from '../client/vectorAnswer';
import { idOf, isOK, newIdParts } from './identity';
import { L, TelemetryReader, Family } from './telemetry';
import { addTraffic } from './trafficCounts';
import { TrafficEdge, TrafficMap, TrafficNode } from './trafficMap';

export function metricFamily(metric: TrafficMetric): Family {
  if (metric === METRIC_REQUESTS) {
    return 'requests';
  }
  return metric === METRIC_REQ_MESSAGES || metric === METRIC_RESP_MESSAGES ? 'messages' : 'tcp';
}

export type SkipCounts = Record<string, number>;

export function countSkip(skipped: SkipCounts, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}

const EGRESS_CLUSTERS = new Set(['PassthroughCluster', 'BlackHoleCluster']);

/**
 * Resolves the reader's current element to its source, destination and (when injecting) service node.
 * Shared by the traffic fold and the appenders so that both agree on node identity (§4.7, §4.8).
 */
export class EndpointResolver {
  src!: TrafficNode;
  dst!: TrafficNode;
  /** The injected service node, or undefined. */
  svc?: TrafficNode;
  private readonly graphType: GraphType;
  private readonly inject: boolean;

  constructor(
    readonly map: TrafficMap,
    options: GraphOptions,
    readonly reader: TelemetryReader,
    /** false: resolve against existing nodes only (appenders). */
    readonly create: boolean
  ) {
    this.graphType = map.graphType;
    this.inject = effectiveInjection(options);
  }

  private readonly sp = newIdParts();
  private readonly dp = newIdParts();
  private readonly svcp = newIdParts();

  /**
   * The destination labels the last created `dst` came from, with its service node (made on first use) and whether
   * one is injected. Prometheus returns series sorted by their labels, destination labels first, so runs of
   * samples share a destination: comparing seven strings is cheaper than looking the nodes up again.
   */
  private readonly lastDst = { cluster: '', svcNs: '', svcName: '', wlNs: '', wl: '', app: '', ver: '' };
  private lastDstNode?: TrafficNode;
  private lastInjects = false;
  private lastSvcNode?: TrafficNode;

  /** Returns a skip reason or undefined. */
  resolve(): string | undefined {
    const r = this.reader;
    const gt = this.graphType;
    const s = this.sp;
    const d = this.dp;
    if (!r.sourceParts(s, gt)) {
      return 'no identifiable source node';
    }
    const map = this.map;
    if (this.create && this.lastDstNode !== undefined && this.sameDestination()) {
      const src = this.sourceNode();
      const dst = this.lastDstNode;
      this.src = src;
      this.dst = dst;
      this.svc =
        this.lastInjects && !src.isWaypoint && !dst.isWaypoint
          ? (this.lastSvcNode ??= this.injectedService())
          : undefined;
      return undefined;
    }
    this.lastDstNode = undefined;
    if (!r.destParts(d, gt)) {
      return 'no identifiable destination node';
    }
    let src: TrafficNode | undefined;
    let dst: TrafficNode | undefined;
    if (this.create) {
      src = this.sourceNode();
      dst = map.nodeOf(d, r.dstCluster, r.dstSvcName, r.dstWl, r.dstApp, r.dstVer);
      if (d.nodeType === 'service' && EGRESS_CLUSTERS.has(r.dstSvcName)) {
        dst.isEgressCluster = true;
      }
    } else {
      src = map.nodes.get(idOf(s, r.srcCluster));
      dst = map.nodes.get(idOf(d, r.dstCluster));
      if (src === undefined || dst === undefined) {
        return 'no matching node';
      }
    }
    this.src = src;
    this.dst = dst;
    this.svc = undefined;
    const svcName = r.dstSvcName;
    const injects = this.inject && d.nodeType !== 'service' && isOK(svcName) && svcName !== 'PassthroughCluster';
    if (injects && !src.isWaypoint && !dst.isWaypoint) {
      const svc = this.injectedService();
      if (svc === undefined) {
        return 'no matching node';
      }
      this.svc = svc;
    }
    if (this.create) {
      this.rememberDestination(dst, injects, this.svc);
    }
    return undefined;
  }

  private sourceNode(): TrafficNode {
    const r = this.reader;
    const v = r.v;
    return this.map.nodeOf(this.sp, r.srcCluster, '', v[L.srcWl], v[L.srcApp], v[L.srcVer]);
  }

  /** The service node injected in front of the current destination (created when creating). */
  private injectedService(): TrafficNode | undefined {
    const r = this.reader;
    const p = this.svcp;
    p.prefix = 'svc';
    p.nodeType = 'service';
    p.namespace = r.dstSvcNs;
    p.name = r.dstSvcName;
    if (!this.create) {
      return this.map.nodes.get(idOf(p, r.dstCluster));
    }
    const svc = this.map.nodeOf(p, r.dstCluster, r.dstSvcName, '', '', '');
    svc.isInjected = true;
    return svc;
  }

  private sameDestination(): boolean {
    const r = this.reader;
    const k = this.lastDst;
    return (
      r.dstWl === k.wl &&
      r.dstSvcName === k.svcName &&
      r.dstWlNs === k.wlNs &&
      r.dstSvcNs === k.svcNs &&
      r.dstApp === k.app &&
      r.dstVer === k.ver &&
      r.dstCluster === k.cluster
    );
  }

  private rememberDestination(dst: TrafficNode, injects: boolean, svc: TrafficNode | undefined): void {
    const r = this.reader;
    const k = this.lastDst;
    k.cluster = r.dstCluster;
    k.svcNs = r.dstSvcNs;
    k.svcName = r.dstSvcName;
    k.wlNs = r.dstWlNs;
    k.wl = r.dstWl;
    k.app = r.dstApp;
    k.ver = r.dstVer;
    this.lastDstNode = dst;
    this.lastInjects = injects;
    this.lastSvcNode = svc;
  }
}

/** Folds one traffic answer into `map`. `dedup` (Kiali baseline) holds the de-dup keys already applied (§4.9). */
export function trafficVisitor(
  map: TrafficMap,
  options: GraphOptions,
  metric: TrafficMetric,
  details: boolean,
  skipped: SkipCounts,
  dedup?: Set<string>
): SampleVisitor {
  const family = metricFamily(metric);
  const reader = new TelemetryReader(family, details);
  const res = new EndpointResolver(map, options, reader, true);
  const httpOn = options.rates.http === 'requests';
  const grpcOn = options.rates.grpc === 'requests';
  // The edge into the destination repeats along a run of samples with the same destination (see EndpointResolver).
  let lastFrom: TrafficNode | undefined;
  let lastTo: TrafficNode | undefined;
  let lastEdge: TrafficEdge | undefined;
  const edgeIntoDest = (from: TrafficNode, to: TrafficNode, protocol: Protocol): TrafficEdge => {
    if (from === lastFrom && to === lastTo && lastEdge!.protocol === protocol) {
      return lastEdge!;
    }
    lastFrom = from;
    lastTo = to;
    return (lastEdge = map.edge(from, to, protocol));
  };
  /**
   * A sample whose value could not be read (counted once, by the reader, for its value): its nodes and edge are
   * kept (the series exists), without traffic, and the edge knows what it lacks, so that its health is never
   * "Healthy" from the part that could be read. Kept apart from the fold so that the fold itself stays as small.
   */
  const unreadable = (names: string[], values: string[], count: number) => {
    if (reader.read(names, values, count) !== undefined) {
      return;
    }
    const protocol = reader.protocol();
    if (family === 'requests' && (protocol === 'http' ? !httpOn : protocol === 'grpc' ? !grpcOn : true)) {
      return;
    }
    if (res.resolve() !== undefined) {
      return;
    }
    const { src, dst, svc } = res;
    const p = protocol as 'http' | 'grpc' | 'tcp';
    if (svc !== undefined) {
      map.edge(src, svc, p).unreadable++;
      edgeIntoDest(svc, dst, p).unreadable++;
    } else {
      map.edge(src, dst, p).unreadable++;
    }
  };
  return (names, values, count, value, problem) => {
    if (problem !== undefined) {
      unreadable(names, values, count);
      return;
    }
    const reason = reader.read(names, values, count);
    if (reason !== undefined) {
      countSkip(skipped, reason);
      return;
    }
    const protocol = reader.protocol();
    if (family === 'requests') {
      if (protocol === 'http') {
        if (!httpOn) {
          countSkip(skipped, 'http requests while the http rate is not requests');
          return;
        }
      } else if (protocol === 'grpc') {
        if (!grpcOn) {
          countSkip(skipped, 'grpc requests while the grpc rate is not requests');
          return;
        }
      } else {
        countSkip(skipped, 'unknown request protocol');
        return;
      }
    }
    const code = reader.responseCode(protocol);
    const reason2 = res.resolve();
    if (reason2 !== undefined) {
      countSkip(skipped, reason2);
      return;
    }
    const v = reader.v;
    const flags = reader.flags;
    const host = reader.dstSvc;
    if (dedup !== undefined) {
      // Kiali hashes "metric:srcTsHash:dstTsHash:code:flags:host"; the plain joined string is the same key.
      const key =
        metric +
        '\u0001' +
        reader.srcCluster +
        '\u0001' +
        v[L.srcNs] +
        '\u0001' +
        v[L.srcWl] +
        '\u0001' +
        v[L.srcApp] +
        '\u0001' +
        v[L.srcVer] +
        '\u0001' +
        reader.dstCluster +
        '\u0001' +
        reader.dstSvcNs +
        '\u0001' +
        reader.dstSvcName +
        '\u0001' +
        reader.dstWlNs +
        '\u0001' +
        reader.dstWl +
        '\u0001' +
        reader.dstApp +
        '\u0001' +
        reader.dstVer +
        '\u0001' +
        code +
        '\u0001' +
        flags +
        '\u0001' +
        host;
      if (dedup.has(key)) {
        return;
      }
      dedup.add(key);
    }
    const proto = protocol as 'http' | 'grpc' | 'tcp';
    const { src, dst, svc } = res;
    dst.addDestService(reader.dstCluster, reader.dstSvcNs, reader.dstSvcName);
    if (svc !== undefined) {
      svc.addDestService(reader.dstCluster, reader.dstSvcNs, reader.dstSvcName);
      addTraffic(map.edge(src, svc, proto), src, svc, value, code, flags, host);
      addTraffic(edgeIntoDest(svc, dst, proto), svc, dst, value, code, flags, host);
    } else {
      addTraffic(map.edge(src, dst, proto), src, dst, value, code, flags, host);
    }
  };
}
