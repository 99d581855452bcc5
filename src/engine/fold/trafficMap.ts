/**
 * Kiali's in-memory traffic map: nodes keyed by internal id, each owning its outgoing edges (§4.10–§4.11). What is
 * added to and taken from their counters is in trafficCounts.ts.
 */
import { emptyNodeRates } from '../../contract/graph';
import { GraphType, NodeRates, NodeType, Protocol, ServiceRef } from '../model';
import { IdParts, NodeFields, idOf, trimFields } from './identity';
import { EDGE_COUNTER_SLOTS as EC, NODE_RATE_NAMES, NODE_RATE_SLOTS as NR, NodeRateName, RateStore } from './rateStore';

/** Zero node rates (the contract's, re-exported for the engine's callers). */
export { emptyNodeRates };

/** One response code of an edge, copied out of the map's response arena. */
export interface TrafficResponse {
  code: string;
  rate: number;
  /** Rate by response flags, then by host (`{}` when the answers did not carry them). */
  flags: Record<string, number>;
  hosts: Record<string, number>;
}

/** An edge; its counters and responses live in the store of the map that made it. */
export class TrafficEdge {
  /** Offset of this edge's counters in `store.edgeCounters`. */
  readonly row: number;
  /** First entry of this edge's response chain in `store.responses`, -1 when it has none. */
  firstResponse = -1;
  responseTime?: number;
  throughput?: number;
  /** securityPolicy: rate per connection_security_policy (overwritten per policy, as Kiali). */
  policies?: Map<string, number>;
  sourcePrincipal?: string;
  destPrincipal?: string;
  /** Samples of this edge whose value could not be read (left out of its rates). */
  unreadable = 0;
  constructor(
    readonly store: RateStore,
    readonly sourceId: string,
    public destId: string,
    readonly protocol: Protocol
  ) {
    this.row = store.edgeCounters.addRow();
  }

  get total(): number {
    return this.store.edgeCounters.data[this.row + EC.total];
  }
  get http3xx(): number {
    return this.store.edgeCounters.data[this.row + EC.http3xx];
  }
  get http4xx(): number {
    return this.store.edgeCounters.data[this.row + EC.http4xx];
  }
  get http5xx(): number {
    return this.store.edgeCounters.data[this.row + EC.http5xx];
  }
  get noResponse(): number {
    return this.store.edgeCounters.data[this.row + EC.noResponse];
  }
  get grpcErr(): number {
    return this.store.edgeCounters.data[this.row + EC.grpcErr];
  }

  /** The responses by code, in first-seen order. */
  responses(): TrafficResponse[] {
    const a = this.store.responses;
    const out: TrafficResponse[] = [];
    for (let i = this.firstResponse; i >= 0; i = a.next[i]) {
      out.push({ code: a.codes[i], rate: a.rates[i], flags: a.flags.record(i), hosts: a.hosts.record(i) });
    }
    return out;
  }

  get responseCount(): number {
    const next = this.store.responses.next;
    let n = 0;
    for (let i = this.firstResponse; i >= 0; i = next[i]) {
      n++;
    }
    return n;
  }
}

export class TrafficNode {
  /** Offset of this node's rates in `store.nodeRates`. */
  readonly rateRow: number;
  /** Outgoing edges keyed by `<destId> <protocol>`. */
  edges = new Map<string, TrafficEdge>();
  /** The services traffic to this node was addressed to, in first-seen order. */
  destServices?: ServiceRef[];
  fields: NodeFields;
  isInjected?: boolean;
  isEgressCluster?: boolean;
  isWaypoint?: boolean;
  isRoot?: boolean;
  isOutside?: boolean;
  isInaccessible?: boolean;
  aggregate?: string;
  aggregateValue?: string;
  /** The id's prefix (wl, svc, app, vapp, vappv, unknown) when created through TrafficMap.nodeOf. */
  idPrefix?: string;
  constructor(
    readonly store: RateStore,
    readonly id: string,
    readonly nodeType: NodeType,
    readonly cluster: string,
    readonly namespace: string,
    fields: NodeFields
  ) {
    this.fields = fields;
    this.rateRow = store.nodeRates.addRow();
  }

  /** A copy of the node's rates (read-only: change them with addRate and setRate). */
  get rates(): Readonly<NodeRates> {
    const data = this.store.nodeRates.data;
    const r = emptyNodeRates();
    for (const k of NODE_RATE_NAMES) {
      r[k] = data[this.rateRow + NR[k]];
    }
    return r;
  }

  addRate(name: NodeRateName, val: number): void {
    this.store.nodeRates.data[this.rateRow + NR[name]] += val;
  }

  setRate(name: NodeRateName, val: number): void {
    this.store.nodeRates.data[this.rateRow + NR[name]] = val;
  }

  private lastDs?: ServiceRef;
  /** `destServices` by key, once there are too many for a scan. */
  private destServiceIndex?: Map<string, ServiceRef>;
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
    // Kiali's addToDestServices (istio.go) records only OK names: not empty, not "unknown".
    if (name === '' || name === 'unknown') {
      return;
    }
    const last = this.lastDs;
    // Most nodes see one service: skip the search when it repeats.
    if (last !== undefined && last.name === name && last.namespace === namespace && last.cluster === cluster) {
      return;
    }
    const list = (this.destServices ??= []);
    let ref: ServiceRef | undefined;
    if (list.length <= 8) {
      ref = list.find((r) => r.name === name && r.namespace === namespace && r.cluster === cluster);
    } else {
      const index = (this.destServiceIndex ??= new Map(list.map((r) => [serviceKey(r), r])));
      ref = index.get(serviceKey({ cluster, namespace, name }));
    }
    if (ref === undefined) {
      ref = { cluster, namespace, name };
      list.push(ref);
      this.destServiceIndex?.set(serviceKey(ref), ref);
    }
    this.lastDs = ref;
  }
}

function serviceKey(r: ServiceRef): string {
  return r.cluster + '\u0001' + r.namespace + '\u0001' + r.name;
}

export class TrafficMap {
  nodes = new Map<string, TrafficNode>();
  /** The numbers of the nodes and edges this map makes. */
  readonly store = new RateStore();
  /**
   * Lookup by namespace, then by the id's last part (one node, or a list when prefixes or clusters differ), then a
   * check of prefix and cluster: avoids building id strings per sample, and keeps the lists short when many
   * namespaces reuse the same workload names.
   */
  private byNamespace = new Map<string, Map<string, TrafficNode | TrafficNode[]>>();
  constructor(readonly graphType: GraphType) {}

  /** Get or create the node of these id parts (fields from the first caller's labels). */
  nodeOf(p: IdParts, cluster: string, service: string, workload: string, app: string, version: string): TrafficNode {
    let byName = this.byNamespace.get(p.namespace);
    const found = byName?.get(p.name);
    if (found !== undefined) {
      if (!Array.isArray(found)) {
        if (found.idPrefix === p.prefix && found.cluster === cluster) {
          return found;
        }
      } else {
        for (let i = 0; i < found.length; i++) {
          const n = found[i];
          if (n.idPrefix === p.prefix && n.cluster === cluster) {
            return n;
          }
        }
      }
    }
    const id = idOf(p, cluster);
    const n = this.node(id, p.nodeType, cluster, p.namespace, service, workload, app, version);
    n.idPrefix = p.prefix;
    if (found === undefined) {
      if (byName === undefined) {
        byName = new Map();
        this.byNamespace.set(p.namespace, byName);
      }
      byName.set(p.name, n);
    } else if (Array.isArray(found)) {
      found.push(n);
    } else {
      byName!.set(p.name, [found, n]);
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
    return (
      this.nodes.get(id) ??
      this.addNode(
        id,
        nodeType,
        cluster,
        namespace,
        trimFields(nodeType, this.graphType, service, workload, app, version)
      )
    );
  }

  /** A new node with these fields, replacing any node of the same id. */
  addNode(id: string, nodeType: NodeType, cluster: string, namespace: string, fields: NodeFields): TrafficNode {
    const n = new TrafficNode(this.store, id, nodeType, cluster, namespace, fields);
    this.nodes.set(id, n);
    return n;
  }

  edge(source: TrafficNode, dest: TrafficNode, protocol: Protocol): TrafficEdge {
    const key = dest.edgeKey(protocol);
    let e = source.edges.get(key);
    if (e === undefined) {
      e = new TrafficEdge(this.store, source.id, dest.id, protocol);
      source.edges.set(key, e);
    }
    return e;
  }
}
