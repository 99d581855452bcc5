import {
  CoreApp,
  DataQueryError,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  ScopedVars,
  TimeRange,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv } from '@grafana/runtime';
import { Observable } from 'rxjs';

import { buildGraph, toFrames } from '../engine';
import { HttpTransport, PlannedQuery, PrometheusClient } from '../engine/client';
import type { Notice } from '../engine/model';
import { planQueries } from '../engine/planner';

import { describeError, isAbortError } from '../backend/handlers/errors';
import { toGrafanaFrames } from './frames';
import { checkPrometheus, HealthCheckResult } from '../backend/handlers/healthCheck';
import { interpolateValues, TemplateSrvLike } from './interpolation';
import { listNames } from '../backend/handlers/labelLists';
import { nodeDataLinks } from './links';
import { QueryValidationError, resolveQuery, toGraphOptions, toInterpolatedQuery } from './resolveQuery';
import { resolveSettings, ResolvedSettings } from './settings';
import { computeTimeWindow, intervalScopedVars } from './timeWindow';
import { createBackendSrvTransport } from './transport';
import { DEFAULT_QUERY, MeshgraphOptions, MeshgraphQuery, VariableKind, withQueryDefaults } from './types';
import { MeshgraphVariableSupport } from './variables';

/** Seams for tests; Grafana constructs the datasource with the instance settings only. */
export interface DataSourceDeps {
  /** Builds the HTTP transport for a run; default: Grafana's backendSrv through the data proxy. */
  transport?: (requestIdPrefix?: string) => HttpTransport;
  templateSrv?: () => TemplateSrvLike;
  /** Unix milliseconds. */
  now?: () => number;
}

/** A time range as anything with from/to convertible to unix milliseconds (a TimeRange, or plain numbers). */
export interface TimeSpan {
  from: { valueOf(): number };
  to: { valueOf(): number };
}

export interface QueryPreview {
  queries: PlannedQuery[];
  notices: Notice[];
  error?: string;
}

export class DataSource extends DataSourceApi<MeshgraphQuery, MeshgraphOptions> {
  private readonly baseUrl: string;
  private readonly deps: Required<DataSourceDeps>;

  constructor(
    private readonly instanceSettings: DataSourceInstanceSettings<MeshgraphOptions>,
    deps: DataSourceDeps = {}
  ) {
    super(instanceSettings);
    this.baseUrl = instanceSettings.url ?? '';
    this.deps = {
      transport:
        deps.transport ??
        ((requestIdPrefix) => createBackendSrvTransport({ baseUrl: this.baseUrl, backendSrv: getBackendSrv, requestIdPrefix })),
      templateSrv: deps.templateSrv ?? getTemplateSrv,
      now: deps.now ?? Date.now,
    };
    this.variables = new MeshgraphVariableSupport(this);
  }

  /** Settings are read per run so a test or a provisioning change never sees stale values. */
  get settings(): ResolvedSettings {
    return resolveSettings(this.instanceSettings.jsonData);
  }

  override getDefaultQuery(_app: CoreApp): Partial<MeshgraphQuery> {
    return DEFAULT_QUERY;
  }

  override filterQuery(query: MeshgraphQuery): boolean {
    return !query.hide;
  }

  client(requestIdPrefix?: string): PrometheusClient {
    return new PrometheusClient(this.deps.transport(requestIdPrefix), { timeoutMs: this.settings.timeoutMs });
  }

  /**
   * An Observable, so Grafana's unsubscribe (a new refresh, leaving the dashboard) aborts every in-flight
   * Prometheus request of the previous run.
   */
  query(request: DataQueryRequest<MeshgraphQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      this.runQueries(request, controller.signal).then(
        (response) => {
          if (!controller.signal.aborted) {
            subscriber.next(response);
            subscriber.complete();
          }
        },
        (e) => {
          if (!controller.signal.aborted) {
            subscriber.error({ message: describeError(e) } satisfies DataQueryError);
          }
        }
      );
      return () => controller.abort();
    });
  }

  private async runQueries(request: DataQueryRequest<MeshgraphQuery>, signal: AbortSignal): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => this.filterQuery(t));
    const results = await Promise.all(targets.map((t) => this.runTarget(t, request, signal)));
    const data = results.flatMap((r) => r.data);
    const errors = results.flatMap((r) => (r.error ? [r.error] : []));
    return {
      data,
      state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
      ...(errors.length > 0 ? { errors, error: errors[0] } : {}),
    };
  }

  private requestIdPrefix(request: DataQueryRequest<MeshgraphQuery>, refId: string): string {
    const owner = request.panelId !== undefined ? `panel${request.panelId}` : request.requestId;
    return `meshgraph-${request.dashboardUID ?? 'explore'}-${owner}-${refId}`;
  }

  private async runTarget(
    target: MeshgraphQuery,
    request: DataQueryRequest<MeshgraphQuery>,
    signal: AbortSignal
  ): Promise<{ data: DataQueryResponse['data']; error?: DataQueryError }> {
    const settings = this.settings;
    try {
      const fromMs = request.range.from.valueOf();
      const toMs = request.range.to.valueOf();
      const scopedVars: ScopedVars = {
        ...request.scopedVars,
        ...intervalScopedVars(fromMs, toMs, request.intervalMs ?? 0, settings.scrapeIntervalS),
      };
      const { query, notices } = resolveQuery(target, scopedVars, this.deps.templateSrv(), settings);
      const window = computeTimeWindow({ fromMs, toMs, durationS: query.durationS, scrapeIntervalS: settings.scrapeIntervalS });
      const options = toGraphOptions(query, window, settings);
      const model = await buildGraph(options, this.client(this.requestIdPrefix(request, target.refId)), signal);
      if (model.nodes.length === 0) {
        const fatal = model.notices.filter((n) => n.severity === 'error');
        if (fatal.length > 0) {
          // Nothing could be read at all: an error, not an empty graph.
          return { data: [], error: { refId: target.refId, message: fatal.map((n) => n.text).join('; ') } };
        }
      }
      // The engine's notices (skipped telemetry, failed query parts, missing kube-state) come with the model.
      const extra = [...settings.notices, ...notices, ...window.notices, ...model.notices];
      const links = nodeDataLinks(settings);
      return { data: toGrafanaFrames(toFrames(model, { links }), target.refId, extra, links) };
    } catch (e) {
      if (isAbortError(e) && signal.aborted) {
        return { data: [] };
      }
      const status = (e as { status?: number }).status;
      return {
        data: [],
        error: {
          refId: target.refId,
          message: describeError(e),
          ...(typeof status === 'number' && !(e instanceof QueryValidationError) ? { status } : {}),
        },
      };
    }
  }

  applyTemplateVariables(query: MeshgraphQuery, scopedVars: ScopedVars): MeshgraphQuery {
    const full = withQueryDefaults(query);
    try {
      const { query: resolved } = resolveQuery(full, scopedVars, this.deps.templateSrv(), this.settings);
      return toInterpolatedQuery(full, resolved);
    } catch {
      return full;
    }
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

  /** The PromQL a query will run over the given range (for the query editor), never touching Prometheus. */
  previewQueries(target: MeshgraphQuery, range?: TimeRange, intervalMs = 0): QueryPreview {
    const settings = this.settings;
    const toMs = range ? range.to.valueOf() : this.deps.now();
    const fromMs = range ? range.from.valueOf() : toMs - 3_600_000;
    try {
      const scopedVars = intervalScopedVars(fromMs, toMs, intervalMs, settings.scrapeIntervalS);
      const { query, notices } = resolveQuery(target, scopedVars, this.deps.templateSrv(), settings);
      const window = computeTimeWindow({ fromMs, toMs, durationS: query.durationS, scrapeIntervalS: settings.scrapeIntervalS });
      const plan = planQueries(toGraphOptions(query, window, settings));
      return {
        queries: plan.queries.map(({ id, purpose, expr }) => ({ id, purpose, expr })),
        notices: [...settings.notices, ...notices, ...window.notices],
      };
    } catch (e) {
      return { queries: [], notices: [], error: describeError(e) };
    }
  }

  /** Names for dashboard variables; `namespaceFilter` may reference variables ("$namespace"). */
  async listNames(
    kind: VariableKind,
    namespaceFilter: string,
    range: TimeSpan | undefined,
    scopedVars: ScopedVars | undefined,
    signal?: AbortSignal
  ): Promise<string[]> {
    const settings = this.settings;
    let namespaces: string[] | 'all' = 'all';
    if (namespaceFilter.trim() !== '') {
      const r = interpolateValues(namespaceFilter.trim(), scopedVars, this.deps.templateSrv());
      namespaces = r.all ? 'all' : r.values;
      if (namespaces !== 'all' && namespaces.length === 0) {
        return [];
      }
    }
    const endS = Math.floor((range ? range.to.valueOf() : this.deps.now()) / 1000);
    const startS = range ? Math.floor(range.from.valueOf() / 1000) : endS - 3600;
    const scope = Object.fromEntries(settings.scope.map((s) => [s.key, s.value]));
    return listNames(this.client(), { kind, namespaces, scope, startS, endS, signal });
  }

  async testDatasource(): Promise<HealthCheckResult> {
    const settings = this.settings;
    const result = await checkPrometheus(this.client(), {
      nowS: Math.floor(this.deps.now() / 1000),
      scope: Object.fromEntries(settings.scope.map((s) => [s.key, s.value])),
    });
    if (result.status === 'success' && settings.notices.length > 0) {
      return { ...result, message: `${result.message} ${settings.notices.map((n) => n.text).join(' ')}` };
    }
    return result;
  }
}
