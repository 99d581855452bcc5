/** Which traffic metrics the rate options need (§3.3 A–C), with the TCP sent/received swap. */
import { GraphOptions } from '../model';
import {
  GB_MSG,
  GB_REQ,
  GB_TCP,
  GB_TCP_KIALI,
  METRIC_REQUESTS,
  METRIC_REQ_MESSAGES,
  METRIC_RESP_MESSAGES,
  METRIC_TCP_RECEIVED,
  METRIC_TCP_SENT,
  TrafficMetric,
} from './labels';

export interface TrafficMetricSpec {
  metric: TrafficMetric;
  family: 'requests' | 'messages' | 'tcp';
  /** Group-by used for de-duplication (one series per Kiali de-dup key). */
  groupBy: readonly string[];
  /** Kiali's literal group-by for this metric. */
  kialiGroupBy: readonly string[];
}

export function trafficMetrics(options: GraphOptions): TrafficMetricSpec[] {
  const out: TrafficMetricSpec[] = [];
  const { http, grpc, tcp } = options.rates;
  if (http === 'requests' || grpc === 'requests') {
    out.push({ metric: METRIC_REQUESTS, family: 'requests', groupBy: GB_REQ, kialiGroupBy: GB_REQ });
  }
  if (grpc === 'sent' || grpc === 'total') {
    out.push({ metric: METRIC_REQ_MESSAGES, family: 'messages', groupBy: GB_MSG, kialiGroupBy: GB_MSG });
  }
  if (grpc === 'received' || grpc === 'total') {
    out.push({ metric: METRIC_RESP_MESSAGES, family: 'messages', groupBy: GB_MSG, kialiGroupBy: GB_MSG });
  }
  // Istio's L4 metrics are named from the other side's point of view (istio/istio#32399): Kiali swaps them.
  if (tcp === 'sent' || tcp === 'total') {
    out.push({ metric: METRIC_TCP_RECEIVED, family: 'tcp', groupBy: GB_TCP, kialiGroupBy: GB_TCP_KIALI });
  }
  if (tcp === 'received' || tcp === 'total') {
    out.push({ metric: METRIC_TCP_SENT, family: 'tcp', groupBy: GB_TCP, kialiGroupBy: GB_TCP_KIALI });
  }
  return out;
}
