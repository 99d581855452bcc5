/** throughput appender (§3.5): bytes/s summed per HTTP edge; with injection only service → workload edges. */
import { GraphOptions } from '../model';
import { SampleVisitor } from '../client/vectorAnswer';
import { EndpointResolver, SkipCounts, countSkip } from '../fold/foldTraffic';
import { TelemetryReader } from '../fold/telemetry';
import { TrafficMap } from '../fold/trafficMap';

export function throughputVisitor(map: TrafficMap, options: GraphOptions, skipped: SkipCounts): SampleVisitor {
  const reader = new TelemetryReader('endpoints', true);
  const res = new EndpointResolver(map, options, reader, false);
  return (names, values, count, value) => {
    if (!(value > 0)) {
      return;
    }
    const reason = reader.read(names, values, count) ?? res.resolve();
    if (reason !== undefined) {
      countSkip(skipped, 'throughput: ' + reason);
      return;
    }
    const from = res.svc ?? res.src;
    const e = from.edges.get(res.dst.id + ' http');
    if (e !== undefined) {
      e.throughput = (e.throughput ?? 0) + value;
    }
  };
}
