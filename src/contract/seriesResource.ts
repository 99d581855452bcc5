/**
 * The datasource's series resource, which the panel's details drawer calls for a node's or an edge's time series.
 * Grafana serves it at /api/datasources/uid/<uid>/resources/series; the backend answers it.
 */

/**
 * POST series with a SeriesRequest body: request rate, error rate and response time of one node (its inbound
 * traffic) or one edge over a time range, for the panel's details drawer. Answers SeriesResponse.
 */
export const SERIES_RESOURCE = 'series';

/** A graph node as the series resource identifies it (the node's own fields from the nodes frame). */
export interface SeriesNodeRef {
  nodeType: string;
  cluster?: string;
  namespace?: string;
  workload?: string;
  app?: string;
  version?: string;
  service?: string;
}

export interface SeriesRequest {
  /** A node: its inbound traffic. */
  node?: SeriesNodeRef;
  /** An edge: the traffic from source to target. */
  edge?: { source: SeriesNodeRef; target: SeriesNodeRef; protocol: string };
  /** Unix milliseconds. */
  from: number;
  to: number;
  /** At most this many points per series (default 120). */
  maxPoints?: number;
  /** Response-time statistic: avg, 50, 95 (default) or 99. */
  responseTime?: string;
}

export type SeriesName = 'requestRate' | 'errorRate' | 'responseTime';

export interface SeriesResponse {
  /** Always the three series, in this order; points are [unix ms, value] (value null: no data at that step). */
  series: Array<{ name: SeriesName; unit: 'rps' | 'Bps' | 'percent' | 'ms'; points: Array<[number, number | null]> }>;
  stepSeconds: number;
  /** Why no series could be made (e.g. an unknown node). */
  error?: string;
}
