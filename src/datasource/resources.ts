/**
 * The backend's resource API (CallResource), shared by the browser datasource and the backend handlers.
 * Grafana serves it at /api/datasources/uid/<uid>/resources/<path>; answers are JSON.
 */
import type { Notice } from '../engine/model';

import type { MeshgraphQuery } from './types';

/**
 * GET names?kind=<VariableKind>&namespace=<name>&namespace=<name>…&from=<ms>&to=<ms>
 * No `namespace` parameter = every namespace. Answers NamesResponse.
 */
export const NAMES_RESOURCE = 'names';

export interface NamesResponse {
  names: string[];
}

/** POST plan with a PlanRequest body: the PromQL a query will run (the query editor's preview). Answers PlanResponse. */
export const PLAN_RESOURCE = 'plan';

export interface PlanRequest {
  /** The query with dashboard variables already replaced by literal values. */
  query: MeshgraphQuery;
  /** Unix milliseconds. */
  from: number;
  to: number;
  intervalMs?: number;
}

export interface PlanResponse {
  queries: Array<{ id: string; purpose: string; expr: string }>;
  notices: Notice[];
  /** Why no plan could be made (e.g. no namespace selected). */
  error?: string;
}

/** Body of every non-2xx resource answer. */
export interface ResourceError {
  message: string;
}

/** Values: VariableKind. */
export const VARIABLE_KIND_PARAM = 'kind';
export const NAMESPACE_PARAM = 'namespace';

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
