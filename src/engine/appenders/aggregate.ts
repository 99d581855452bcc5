/**
 * aggregateNode appender (§3.5, §5.4): source → operation → destination in place of source → destination.
 *
 * Kiali's rule (graph/telemetry/istio/appender/aggregate_node.go, kiali/kiali d733a096):
 * - operation nodes exist for request traffic only: none when neither rateHttp nor rateGrpc is `requests`
 *   (AppendGraph), and a sample of a protocol whose rate option is not `requests` is skipped (injectAggregates:
 *   `skipRequestsHttp`, `skipRequestsGrpc`). With `--rate-grpc received` gRPC is measured in messages, so gRPC
 *   requests from the operation answer are skipped and only HTTP gets operation nodes; with `--rate-http none`
 *   only gRPC does; with both `requests`, both do.
 * - the source and destination must already be in the traffic map; the destination is the injected service node
 *   when injecting (the operation node then carries the service and its app, and its id ends with the service:
 *   `AggregateID` → `agg_<cluster>_<svcNamespace>_<label>_<value>_<service>`), else the workload/app node (the
 *   operation node is in the destination workload's namespace: `agg_<cluster>_<wlNamespace>_<label>_<value>`).
 * - each sample adds its rate to source → operation and operation → destination, with its code, flags and host
 *   (addTraffic → AddToMetadata).
 *
 * Departure: Kiali drops every source → destination edge once an operation is found for it (traffic of no
 * operation is then lost, and the nodes' totals no longer equal their edges). Meshgraph moves the operation's
 * traffic off that edge instead, per code, flags and host, never more than the edge carries: what no operation
 * claims stays on the direct edge, an edge left with nothing is dropped, rates never go negative and every
 * percentage stays within 0–100 % even when the two answers disagree (a code in the operation answer only).
 */
import { GraphOptions } from '../model';
import { SampleVisitor } from '../client/vectorAnswer';
import { effectiveInjection } from '../options';
import { EndpointResolver, SkipCounts, countSkip } from '../fold/foldTraffic';
import { idPart } from '../fold/identity';
import { L, TelemetryReader } from '../fold/telemetry';
import { addTraffic, subtractTraffic } from '../fold/trafficCounts';
import { TrafficMap, TrafficNode } from '../fold/trafficMap';

export function aggregateVisitor(
  map: TrafficMap,
  options: GraphOptions,
  label: string,
  skipped: SkipCounts
): SampleVisitor {
  const reader = new TelemetryReader('requests', true, label);
  const res = new EndpointResolver(map, options, reader, false);
  const inject = effectiveInjection(options);
  const httpOn = options.rates.http === 'requests';
  const grpcOn = options.rates.grpc === 'requests';
  return (names, values, count, value, problem) => {
    if (problem !== undefined) {
      return;
    }
    const reason = reader.read(names, values, count) ?? res.resolve();
    if (reason !== undefined) {
      countSkip(skipped, 'aggregate: ' + reason);
      return;
    }
    if (!reader.has(L.extra) || reader.v[L.extra] === '') {
      countSkip(skipped, `aggregate: missing label ${label}`);
      return;
    }
    const protocol = reader.protocol();
    if (protocol !== 'http' && protocol !== 'grpc') {
      countSkip(skipped, 'aggregate: unknown request protocol');
      return;
    }
    if (!(protocol === 'http' ? httpOn : grpcOn)) {
      countSkip(skipped, `aggregate: ${protocol} requests while the ${protocol} rate is not requests`);
      return;
    }
    const dest = res.svc ?? res.dst;
    const aggValue = reader.v[L.extra];
    const svcName = inject ? reader.dstSvcName : '';
    const namespace = inject ? reader.dstSvcNs : reader.dstWlNs;
    // The label name is one per graph, so it needs no escaping to keep ids apart (and stays readable).
    let id = `agg_${idPart(reader.dstCluster)}_${idPart(namespace)}_${label}_${idPart(aggValue)}`;
    if (svcName !== '') {
      id += '_' + idPart(svcName);
    }
    let agg: TrafficNode | undefined = map.nodes.get(id);
    if (agg === undefined) {
      const fields: { service?: string; app?: string } = {};
      if (svcName !== '') {
        fields.service = svcName;
        if (reader.dstApp !== '') {
          fields.app = reader.dstApp;
        }
      }
      agg = map.addNode(id, 'aggregate', reader.dstCluster, namespace, fields);
      agg.aggregate = label;
      agg.aggregateValue = aggValue;
    }
    const code = reader.responseCode(protocol);
    const flags = reader.flags;
    const host = reader.dstSvc;
    const key = dest.edgeKey(protocol);
    const direct = res.src.edges.get(key);
    if (direct !== undefined) {
      subtractTraffic(direct, res.src, dest, value, code, flags, host);
      if (direct.total <= 1e-9 && direct.responseCount === 0 && direct.unreadable === 0) {
        res.src.edges.delete(key);
      }
    }
    addTraffic(map.edge(res.src, agg, protocol), res.src, agg, value, code, flags, host);
    addTraffic(map.edge(agg, dest, protocol), agg, dest, value, code, flags, host);
  };
}
