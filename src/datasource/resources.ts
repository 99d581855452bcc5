/**
 * The backend's resource API (CallResource), shared by the browser datasource and the backend handlers.
 * Grafana serves it at /api/datasources/uid/<uid>/resources/<path>; answers are JSON.
 */
import type { Notice } from '../contract/graph';

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

/** The series resource (POST series): its shapes are the contract's, shared with the panel's details drawer. */
export {
  SERIES_RESOURCE,
  type SeriesName,
  type SeriesNodeRef,
  type SeriesRequest,
  type SeriesResponse,
} from '../contract/seriesResource';
