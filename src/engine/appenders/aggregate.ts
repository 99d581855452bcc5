/** aggregateNode appender (§3.5, §5.4): source → operation → destination replaces source → destination. */
import { GraphOptions } from '../model';
import { SampleVisitor } from '../client/vectorAnswer';
import { EndpointResolver, SkipCounts, countSkip } from '../fold/foldTraffic';
import { L, TelemetryReader } from '../fold/telemetry';
import { TrafficMap, TrafficNode, addTraffic, subtractTraffic } from '../fold/trafficMap';

export function aggregateVisitor(
  map: TrafficMap,
  options: GraphOptions,
  label: string,
  skipped: SkipCounts
): SampleVisitor {
  const reader = new TelemetryReader('requests', true, label);
  const res = new EndpointResolver(map, options, reader, false);
  return (names, values, count, value) => {
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
      return;
    }
    const dest = res.svc ?? res.dst;
    const orig = res.src.edges.get(dest.id + ' ' + protocol);
    if (orig === undefined) {
      return;
    }
    const aggValue = reader.v[L.extra];
    const id = `agg_${reader.dstCluster}_${reader.dstSvcNs}_${label}_${aggValue}`;
    let agg: TrafficNode | undefined = map.nodes.get(id);
    if (agg === undefined) {
      agg = map.addNode(id, 'aggregate', reader.dstCluster, reader.dstSvcNs, {});
      agg.aggregate = label;
      agg.aggregateValue = aggValue;
    }
    const code = reader.responseCode(protocol);
    const flags = reader.flags;
    const host = reader.dstSvc;
    subtractTraffic(orig, res.src, dest, value, code);
    addTraffic(map.edge(res.src, agg, protocol), res.src, agg, value, code, flags, host);
    addTraffic(map.edge(agg, dest, protocol), agg, dest, value, code, flags, host);
    if (orig.total <= 1e-9 && orig.responseCount === 0) {
      res.src.edges.delete(dest.id + ' ' + protocol);
    }
  };
}
