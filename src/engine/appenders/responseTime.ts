/**
 * responseTime appender (§3.5, Kiali appender/response_time.go): with injection only service → workload edges get
 * a value. Kiali keeps the first value an edge gets: destination-reported answers are read before source-reported
 * ones, and a later answer never replaces a value. Departure: when one answer holds several values for one edge
 * (an app node merging versions, an injected service node with several callers), Kiali keeps whichever its store
 * returned first; Meshgraph keeps the highest, so the graph does not depend on the store's series order.
 */
import { GraphOptions } from '../model';
import { SampleVisitor } from '../client/vectorAnswer';
import { EndpointResolver, SkipCounts, countSkip } from '../fold/foldTraffic';
import { L, TelemetryReader } from '../fold/telemetry';
import { TrafficMap } from '../fold/trafficMap';

export function responseTimeVisitor(map: TrafficMap, options: GraphOptions, skipped: SkipCounts): SampleVisitor {
  const reader = new TelemetryReader('endpoints', true);
  const res = new EndpointResolver(map, options, reader, false);
  /** Edges this answer has set (an earlier answer's value is kept, as Kiali keeps the first). */
  const mine = new Set<object>();
  const httpOn = options.rates.http === 'requests';
  const grpcOn = options.rates.grpc === 'requests';
  return (names, values, count, value, problem) => {
    // Kiali skips NaN here ("should not happen"); the reader has counted every unusable value.
    if (problem !== undefined || Number.isNaN(value)) {
      return;
    }
    const reason = reader.read(names, values, count) ?? res.resolve();
    if (reason !== undefined) {
      countSkip(skipped, 'responseTime: ' + reason);
      return;
    }
    // Kiali's response_time.go skips the protocols whose rate is not `requests` (skipRequestsHttp/Grpc): with gRPC
    // measured in messages, a gRPC edge carries messages, not the requests this time belongs to.
    const protocol = reader.v[L.protocol];
    if ((protocol === 'http' && !httpOn) || (protocol === 'grpc' && !grpcOn)) {
      countSkip(skipped, `responseTime: ${protocol} requests while the ${protocol} rate is not requests`);
      return;
    }
    const from = res.svc ?? res.src;
    const e = from.edges.get(res.dst.id + ' ' + protocol);
    if (e === undefined) {
      return;
    }
    if (e.responseTime === undefined) {
      e.responseTime = value;
      mine.add(e);
    } else if (mine.has(e) && value > e.responseTime) {
      e.responseTime = value;
    }
  };
}
