/** responseTime appender (§3.5): first value per edge wins; with injection only service → workload edges. */
import { GraphOptions } from '../model';
import { SampleVisitor } from '../client/vectorAnswer';
import { EndpointResolver, SkipCounts, countSkip } from '../fold/foldTraffic';
import { L, TelemetryReader } from '../fold/telemetry';
import { TrafficMap } from '../fold/trafficMap';

export function responseTimeVisitor(map: TrafficMap, options: GraphOptions, skipped: SkipCounts): SampleVisitor {
  const reader = new TelemetryReader('endpoints', true);
  const res = new EndpointResolver(map, options, reader, false);
  return (names, values, count, value) => {
    if (Number.isNaN(value)) {
      return;
    }
    const reason = reader.read(names, values, count) ?? res.resolve();
    if (reason !== undefined) {
      countSkip(skipped, 'responseTime: ' + reason);
      return;
    }
    const from = res.svc ?? res.src;
    const e = from.edges.get(res.dst.id + ' ' + reader.v[L.protocol]);
    if (e !== undefined && e.responseTime === undefined) {
      e.responseTime = value;
    }
  };
}
