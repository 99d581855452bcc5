/**
 * The browser half of the Meshgraph datasource. The graph is built on Grafana's server by the backend plugin:
 * queries go to /api/ds/query (the base class), the health check to /health, and the editors' look-ups to the
 * backend's resources (names, plan). Here only dashboard variables are replaced by literal values; nothing in
 * the browser writes PromQL or talks to Prometheus.
 */
import {
  CoreApp,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceInstanceSettings,
  rangeUtil,
  ScopedVars,
} from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, HealthCheckResult, HealthStatus } from '@grafana/runtime';
import { Observable } from 'rxjs';

import { TemplateSrvLike, interpolateValues } from './interpolation';
import { toLiteralQuery } from './literalQuery';
import {
  NAMES_RESOURCE,
  NAMESPACE_PARAM,
  NamesResponse,
  PLAN_RESOURCE,
  PlanRequest,
  PlanResponse,
  SERIES_RESOURCE,
  SeriesRequest,
  SeriesResponse,
  VARIABLE_KIND_PARAM,
} from './resources';
import { DEFAULT_QUERY, MeshgraphOptions, MeshgraphQuery, VariableKind } from './types';
import type { NameSource, TimeSpan } from './variableQuery';
import { MeshgraphVariableSupport } from './variables';

export type { TimeSpan } from './variableQuery';

/** Seams for tests; Grafana constructs the datasource with the instance settings only. */
export interface DataSourceDeps {
  templateSrv?: () => TemplateSrvLike;
  /** Unix milliseconds. */
  now?: () => number;
}

/** The PromQL preview of a query (the plan resource's answer, or why there is none). */
export type QueryPreview = PlanResponse;

const DEFAULT_LOOKBACK_MS = 3_600_000;

/** An error of a backend call (FetchError from backendSrv, network failure, abort) → one readable Error. */
export function backendError(e: unknown, what: string): Error {
  if (e instanceof Error) {
    return e;
  }
  const fe = (e ?? {}) as {
    status?: number;
    statusText?: string;
    data?: unknown;
    message?: unknown;
    cancelled?: boolean;
  };
  if (fe.cancelled) {
    const aborted = new Error(`${what} was cancelled`);
    aborted.name = 'AbortError';
    return aborted;
  }
  const data = fe.data as { message?: unknown; error?: unknown } | string | null | undefined;
  const detail =
    typeof data === 'object' && data !== null
      ? typeof data.message === 'string' && data.message !== ''
        ? data.message
        : typeof data.error === 'string'
          ? data.error
          : undefined
      : typeof data === 'string' && data.trim() !== '' && !data.trimStart().startsWith('<')
        ? data.trim()
        : undefined;
  if (detail) {
    return new Error(detail);
  }
  if (typeof fe.status === 'number' && fe.status > 0) {
    return new Error(`${what} failed: HTTP ${fe.status}${fe.statusText ? ` ${fe.statusText}` : ''}`);
  }
  const message = typeof fe.message === 'string' && fe.message !== '' ? fe.message : 'no answer';
  return new Error(`${what} failed: Grafana's server could not be reached (${message})`);
}

export class DataSource extends DataSourceWithBackend<MeshgraphQuery, MeshgraphOptions> implements NameSource {
  private readonly deps: Required<DataSourceDeps>;

  constructor(instanceSettings: DataSourceInstanceSettings<MeshgraphOptions>, deps: DataSourceDeps = {}) {
    super(instanceSettings);
    this.deps = {
      templateSrv: deps.templateSrv ?? getTemplateSrv,
      now: deps.now ?? Date.now,
    };
    this.variables = new MeshgraphVariableSupport(this);
  }

  override getDefaultQuery(_app: CoreApp): Partial<MeshgraphQuery> {
    return DEFAULT_QUERY;
  }

  override filterQuery(query: MeshgraphQuery): boolean {
    return !query.hide;
  }

  /** The base class's /api/ds/query, without hidden queries (whichever runner calls it). */
  override query(request: DataQueryRequest<MeshgraphQuery>): Observable<DataQueryResponse> {
    return super.query({ ...request, targets: request.targets.filter((t) => this.filterQuery(t)) });
  }

  /** Dashboard variables → literal values in the query's own fields; the backend checks and plans it. */
  override applyTemplateVariables(query: MeshgraphQuery, scopedVars: ScopedVars): MeshgraphQuery {
    return toLiteralQuery(query, scopedVars, this.deps.templateSrv());
  }

  override interpolateVariablesInQueries(queries: MeshgraphQuery[], scopedVars: ScopedVars): MeshgraphQuery[] {
    return queries.map((q) => ({ ...this.applyTemplateVariables(q, scopedVars), datasource: this.getRef() }));
  }

  /** Dashboard variables as `$name`, offered by the editors. */
  templateVariableNames(): string[] {
    try {
      return this.deps
        .templateSrv()
        .getVariables()
        .map((v) => (v as { name?: unknown }).name)
        .filter((n): n is string => typeof n === 'string')
        .map((n) => `$${n}`);
    } catch {
      return [];
    }
  }

  /**
   * The PromQL a query will run over the given range (the query editor's preview), planned by the backend
   * without touching Prometheus. Never rejects: a failure comes back as `error`.
   */
  async previewQueries(
    target: MeshgraphQuery,
    range?: TimeSpan,
    intervalMs = 0,
    signal?: AbortSignal
  ): Promise<QueryPreview> {
    const to = range ? range.to.valueOf() : this.deps.now();
    const from = range ? range.from.valueOf() : to - DEFAULT_LOOKBACK_MS;
    const scopedVars: ScopedVars =
      intervalMs > 0
        ? {
            __interval: {
              text: rangeUtil.secondsToHms(intervalMs / 1000),
              value: rangeUtil.secondsToHms(intervalMs / 1000),
            },
            __interval_ms: { text: String(intervalMs), value: intervalMs },
          }
        : {};
    const body: PlanRequest = { query: this.applyTemplateVariables(target, scopedVars), from, to, intervalMs };
    try {
      const answer = await this.postResource<PlanResponse>(PLAN_RESOURCE, body, {
        showErrorAlert: false,
        ...(signal ? { abortSignal: signal } : {}),
      });
      return {
        queries: Array.isArray(answer?.queries) ? answer.queries : [],
        notices: Array.isArray(answer?.notices) ? answer.notices : [],
        ...(typeof answer?.error === 'string' && answer.error !== '' ? { error: answer.error } : {}),
      };
    } catch (e) {
      const error = backendError(e, 'The PromQL preview');
      if (error.name === 'AbortError') {
        throw error;
      }
      return { queries: [], notices: [], error: error.message };
    }
  }

  /**
   * Request rate, error rate and response time of a node (inbound) or an edge over a range, from the backend's
   * series resource (the traffic panel's details drawer). Rejects with a readable Error.
   */
  async getSeries(request: SeriesRequest, signal?: AbortSignal): Promise<SeriesResponse> {
    try {
      return await this.postResource<SeriesResponse>(SERIES_RESOURCE, request, {
        showErrorAlert: false,
        ...(signal ? { abortSignal: signal } : {}),
      });
    } catch (e) {
      throw backendError(e, 'The charts');
    }
  }

  /** Names for dashboard variables from the backend's names resource; `namespaceFilter` may reference variables. */
  async listNames(
    kind: VariableKind,
    namespaceFilter: string,
    range: TimeSpan | undefined,
    scopedVars: ScopedVars | undefined,
    signal?: AbortSignal
  ): Promise<string[]> {
    let namespaces: string[] | undefined;
    if (namespaceFilter.trim() !== '') {
      const r = interpolateValues(namespaceFilter.trim(), scopedVars, this.deps.templateSrv());
      if (!r.all) {
        if (r.values.length === 0) {
          return [];
        }
        namespaces = r.values;
      }
    }
    const to = range ? range.to.valueOf() : this.deps.now();
    const from = range ? range.from.valueOf() : to - DEFAULT_LOOKBACK_MS;
    const params: Record<string, string | string[]> = {
      [VARIABLE_KIND_PARAM]: kind,
      ...(namespaces ? { [NAMESPACE_PARAM]: namespaces } : {}),
      from: String(Math.floor(from)),
      to: String(Math.floor(to)),
    };
    let answer: NamesResponse;
    try {
      answer = await this.getResource<NamesResponse>(NAMES_RESOURCE, params, {
        showErrorAlert: false,
        ...(signal ? { abortSignal: signal } : {}),
      });
    } catch (e) {
      throw backendError(e, `Listing ${kind}`);
    }
    if (!Array.isArray(answer?.names)) {
      throw new Error(`Listing ${kind} failed: the backend's answer has no names`);
    }
    return answer.names.filter((n): n is string => typeof n === 'string');
  }

  /**
   * Grafana's /health (the backend's CheckHealth). A failure without the backend's own answer (plugin not
   * running, Grafana unreachable) still reads as a sentence.
   */
  override async callHealthCheck(): Promise<HealthCheckResult> {
    const result = (await super.callHealthCheck()) as Partial<HealthCheckResult> | undefined | null;
    if (result && typeof result === 'object' && typeof result.status === 'string') {
      return result as HealthCheckResult;
    }
    const message =
      result && typeof result === 'object' && typeof result.message === 'string' && result.message !== ''
        ? result.message
        : "The health check got no answer from the Meshgraph backend on Grafana's server";
    return { status: HealthStatus.Error, message, details: undefined };
  }
}
