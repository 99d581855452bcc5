/** Kiali's in-memory traffic map: nodes keyed by internal id, each owning its outgoing edges (§4.10–§4.11). */
import { GraphType, NodeRates, NodeType, Protocol, ServiceRef } from '../model';
import { IdParts, NodeFields, idOf, trimFields } from './identity';
import { RateSums } from './rateSums';

export function emptyNodeRates(): NodeRates {
  return {
    httpIn: 0,
    httpIn3xx: 0,
    httpIn4xx: 0,
    httpIn5xx: 0,
    httpInNoResponse: 0,
    httpOut: 0,
    grpcIn: 0,
    grpcInErr: 0,
    grpcInNoResponse: 0,
    grpcOut: 0,
    tcpIn: 0,
    tcpOut: 0,
  };
}

export interface TrafficResponse {
  /** The response code this entry is kept under in `TrafficEdge.responses`. */
  code: string;
  rate: number;
  flags: RateSums;
  hosts: RateSums;
}

export class TrafficEdge {
  total = 0;
  http3xx = 0;
  http4xx = 0;
  http5xx = 0;
  noResponse = 0;
  grpcErr = 0;
  responses = new Map<string, TrafficResponse>();
  responseTime?: number;
  throughput?: number;
  /** securityPolicy: rate per connection_security_policy (overwritten per policy, as Kiali). */
  policies?: Map<string, number>;
  sourcePrincipal?: string;
  destPrincipal?: string;
  constructor(
    readonly sourceId: string,
    public destId: string,
    readonly protocol: Protocol
  ) {}
}

export class TrafficNode {
  rates: NodeRates = emptyNodeRates();
  /** Outgoing edges keyed by `<destId> <protocol>`. */
  edges = new Map<string, TrafficEdge>();
  destServices?: Map<string, ServiceRef>;
  fields: NodeFields;
  isInjected?: boolean;
  isEgressCluster?: boolean;
  isWaypoint?: boolean;
  isRoot?: boolean;
  isOutside?: boolean;
  isInaccessible?: boolean;
  aggregate?: string;
  aggregateValue?: string;
  /** The id's prefix (wl, svc, app, vapp, unknown) when created through TrafficMap.nodeOf. */
  idPrefix?: string;
  constructor(
    readonly id: string,
    readonly nodeType: NodeType,
    readonly cluster: string,
    readonly namespace: string,
    fields: NodeFields
  ) {
    this.fields = fields;
  }

  private lastDs?: ServiceRef;
  private keyHttp?: string;
  private keyGrpc?: string;
  private keyTcp?: string;

  /**
   * `<id> <protocol>`, the key of edges into this node in their source's `edges`. Built once per protocol: a
   * key string made per sample would be hashed (and become garbage) per sample.
   */
  edgeKey(protocol: Protocol): string {
    switch (protocol) {
      case 'http':
        return (this.keyHttp ??= this.id + ' http');
      case 'grpc':
        return (this.keyGrpc ??= this.id + ' grpc');
      case 'tcp':
        return (this.keyTcp ??= this.id + ' tcp');
      default:
        return this.id + ' ' + protocol;
    }
  }

  addDestService(cluster: string, namespace: string, name: string): void {
    if (name === '') {
      return;
    }
    const last = this.lastDs;
    // Most nodes see one service: skip the key building when it repeats.
    if (last !== undefined && last.name === name && last.namespace === namespace && last.cluster === cluster) {
      return;
    }
    const key = cluster + '\u0001' + namespace + '\u0001' + name;
    if (!this.destServices) {
      this.destServices = new Map();
    }
    let ref = this.destServices.get(key);
    if (ref === undefined) {
      ref = { cluster, namespace, name };
      this.destServices.set(key, ref);
    }
    this.lastDs = ref;
  }
}

export class TrafficMap {
  nodes = new Map<string, TrafficNode>();
  /**
   * Lookup by namespace, then by the id's last part, then a check of prefix and cluster: avoids building id strings
   * per sample, and keeps the lists short when many namespaces reuse the same workload names.
   */
  private byNamespace = new Map<string, Map<string, TrafficNode[]>>();
  constructor(readonly graphType: GraphType) {}

  /** Get or create the node of these id parts (fields from the first caller's labels). */
  nodeOf(p: IdParts, cluster: string, service: string, workload: string, app: string, version: string): TrafficNode {
    let byName = this.byNamespace.get(p.namespace);
    const list = byName?.get(p.name);
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        const n = list[i];
        if (n.idPrefix === p.prefix && n.cluster === cluster) {
          return n;
        }
      }
    }
    const id = idOf(p, cluster);
    const n = this.node(id, p.nodeType, cluster, p.namespace, service, workload, app, version);
    n.idPrefix = p.prefix;
    if (list !== undefined) {
      list.push(n);
    } else {
      if (byName === undefined) {
        byName = new Map();
        this.byNamespace.set(p.namespace, byName);
      }
      byName.set(p.name, [n]);
    }
    return n;
  }

  /** Get or create; the first caller's labels decide the node's fields. */
  node(
    id: string,
    nodeType: NodeType,
    cluster: string,
    namespace: string,
    service: string,
    workload: string,
    app: string,
    version: string
  ): TrafficNode {
    let n = this.nodes.get(id);
    if (n === undefined) {
      n = new TrafficNode(
        id,
        nodeType,
        cluster,
        namespace,
        trimFields(nodeType, this.graphType, service, workload, app, version)
      );
      this.nodes.set(id, n);
    }
    return n;
  }

  edge(source: TrafficNode, dest: TrafficNode, protocol: Protocol): TrafficEdge {
    const key = dest.edgeKey(protocol);
    let e = source.edges.get(key);
    if (e === undefined) {
      e = new TrafficEdge(source.id, dest.id, protocol);
      source.edges.set(key, e);
    }
    return e;
  }
}

function isHttpError(code: string): boolean {
  const c = code.charCodeAt(0);
  return code.length === 3 && (c === 52 || c === 53); // 4xx / 5xx
}

/**
 * Kiali's AddToMetadata (§4.11): node and edge rates by protocol and code, plus responses by code with
 * flags and hosts. `val <= 0` (and NaN) adds nothing.
 */
export function addTraffic(
  edge: TrafficEdge,
  source: TrafficNode,
  dest: TrafficNode,
  val: number,
  code: string,
  flags: string,
  host: string
): void {
  if (!(val > 0)) {
    return;
  }
  const s = source.rates;
  const d = dest.rates;
  edge.total += val;
  switch (edge.protocol) {
    case 'http': {
      s.httpOut += val;
      d.httpIn += val;
      if (code === '-') {
        edge.noResponse += val;
        d.httpInNoResponse += val;
      } else {
        const c = code.charCodeAt(0);
        if (code.length === 3) {
          if (c === 51) {
            edge.http3xx += val;
            d.httpIn3xx += val;
          } else if (c === 52) {
            edge.http4xx += val;
            d.httpIn4xx += val;
          } else if (c === 53) {
            edge.http5xx += val;
            d.httpIn5xx += val;
          }
        }
      }
      break;
    }
    case 'grpc': {
      s.grpcOut += val;
      d.grpcIn += val;
      if (code === '-') {
        edge.noResponse += val;
        d.grpcInNoResponse += val;
      } else if (code.length === 3 ? isHttpError(code) : code !== '0' && code !== '') {
        edge.grpcErr += val;
        d.grpcInErr += val;
      }
      break;
    }
    case 'tcp':
      s.tcpOut += val;
      d.tcpIn += val;
      break;
  }
  let r = edge.responses.get(code);
  if (r === undefined) {
    r = { code, rate: 0, flags: new RateSums(), hosts: new RateSums() };
    edge.responses.set(code, r);
  }
  r.rate += val;
  if (flags !== '') {
    r.flags.add(flags, val);
  }
  if (host !== '') {
    r.hosts.add(host, val);
  }
}

/** Removes `val` of traffic with `code` from an edge and its end nodes (used when operation nodes take it over). */
export function subtractTraffic(
  edge: TrafficEdge,
  source: TrafficNode,
  dest: TrafficNode,
  val: number,
  code: string
): void {
  if (!(val > 0)) {
    return;
  }
  const probe = new TrafficEdge(edge.sourceId, edge.destId, edge.protocol);
  const s = emptyNodeRatesHolder(source.id);
  const d = emptyNodeRatesHolder(dest.id);
  addTraffic(probe, s, d, val, code, '', '');
  edge.total -= probe.total;
  edge.http3xx -= probe.http3xx;
  edge.http4xx -= probe.http4xx;
  edge.http5xx -= probe.http5xx;
  edge.noResponse -= probe.noResponse;
  edge.grpcErr -= probe.grpcErr;
  const r = edge.responses.get(code);
  if (r) {
    r.rate -= val;
    if (r.rate <= 1e-9) {
      edge.responses.delete(code);
    }
  }
  for (const k of Object.keys(s.rates) as Array<keyof NodeRates>) {
    source.rates[k] -= s.rates[k];
    dest.rates[k] -= d.rates[k];
  }
}

function emptyNodeRatesHolder(id: string): TrafficNode {
  return new TrafficNode(id, 'workload', '', '', {});
}
