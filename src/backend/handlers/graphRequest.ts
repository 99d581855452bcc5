/**
 * One query of a QueryData call → the engine's graph request. The browser has already replaced dashboard
 * variables by literal values; alert rules send the saved query as it is. Here only the interval variables
 * ($__range, $__rate_interval, $__interval…) are known, computed from the query's own time range, so every
 * other text stays literal data.
 */
import type { ScopedVars } from '@grafana/data';

import type { GraphOptions, Notice } from '../../engine/model';
import { readDeltaFrom, RollupDeltaFrom } from '../../contract/rollupDelta';
import { resolveQuery, toGraphOptions } from '../../datasource/resolveQuery';
import type { ResolvedSettings } from '../../datasource/settings';
import { computeTimeWindow, intervalScopedVars } from '../../datasource/timeWindow';
import { TemplateSrvLike, VARIABLE_REFERENCE } from '../../datasource/interpolation';
import {
  EDGE_METRICS,
  EdgeMetric,
  MeshgraphQuery,
  NODE_METRICS,
  NodeMetric,
  QUERY_TYPES,
  QueryType,
} from '../../datasource/types';

import { ConfigurationError } from './errors';
import { evaluationOptions } from './rollupView';

export type GraphRequest =
  | {
      refId: string;
      queryType: 'graph';
      options: GraphOptions;
      notices: Notice[];
      /** The rolled-up view the panel holds, when it asks for only the changed rows; not part of the options. */
      deltaFrom?: RollupDeltaFrom;
    }
  | { refId: string; queryType: 'edgeMetrics'; metric: EdgeMetric; options: GraphOptions; notices: Notice[] }
  | { refId: string; queryType: 'nodeMetrics'; metric: NodeMetric; options: GraphOptions; notices: Notice[] };

export interface QueryInput {
  refId: string;
  /** The query's JSON model as Grafana sends it. */
  json: unknown;
  /** DataQuery.queryType; the JSON's queryType when empty. */
  queryType?: string;
  fromMs: number;
  toMs: number;
  intervalMs: number;
}

/** A TemplateSrv that knows only the given scoped variables and leaves every other reference as it is. */
export function scopedOnlyTemplateSrv(): TemplateSrvLike {
  return {
    replace(target = '', scopedVars?: ScopedVars, format?: string | Function) {
      return target.replace(
        VARIABLE_REFERENCE,
        (match: string, plain?: string, bracket?: string, _f?: string, braced?: string) => {
          const variable = scopedVars?.[plain ?? bracket ?? braced ?? ''];
          if (!variable) {
            return match;
          }
          return typeof format === 'function' ? String(format(variable.value)) : String(variable.value);
        }
      );
    },
    getVariables: () => [],
  };
}

export function parseQueryJson(json: unknown): Partial<MeshgraphQuery> {
  let value = json;
  if (typeof json === 'string' || json instanceof Uint8Array) {
    const text = typeof json === 'string' ? json : Buffer.from(json).toString('utf8');
    try {
      value = JSON.parse(text === '' ? '{}' : text);
    } catch {
      throw new ConfigurationError('The query is not valid JSON.');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigurationError('The query is not a JSON object.');
  }
  return value as Partial<MeshgraphQuery>;
}

function pickQueryType(raw: string): QueryType {
  if (raw === '' || raw === 'graph') {
    return 'graph';
  }
  if ((QUERY_TYPES as string[]).includes(raw)) {
    return raw as QueryType;
  }
  throw new ConfigurationError(`Unknown query type ${JSON.stringify(raw)}: use graph, edgeMetrics or nodeMetrics.`);
}

function pickMetric<T extends string>(raw: unknown, allowed: T[], queryType: string): T {
  if (raw === undefined || raw === '') {
    return allowed[0];
  }
  if (allowed.includes(raw as T)) {
    return raw as T;
  }
  throw new ConfigurationError(
    `Unknown metric ${JSON.stringify(raw)} for ${queryType}: use one of ${allowed.join(', ')}.`
  );
}

export function toGraphRequest(input: QueryInput, settings: ResolvedSettings): GraphRequest {
  const raw = parseQueryJson(input.json);
  const refId = input.refId || (typeof raw.refId === 'string' ? raw.refId : 'A');
  const queryType = pickQueryType(String(input.queryType || raw.queryType || ''));
  if (!(Number.isFinite(input.fromMs) && Number.isFinite(input.toMs) && input.toMs > 0 && input.toMs >= input.fromMs)) {
    throw new ConfigurationError('The query has no valid time range.');
  }
  // Grafana fills $__interval in the browser; alert rules and Explore's raw queries leave it to the datasource.
  const intervalMs = Math.max(0, Math.round(input.intervalMs));
  const scopedVars: ScopedVars = {
    ...intervalScopedVars(input.fromMs, input.toMs, intervalMs, settings.scrapeIntervalS),
    __interval_ms: { text: String(intervalMs), value: intervalMs },
    __interval: {
      text: `${Math.max(1, Math.round(intervalMs / 1000))}s`,
      value: `${Math.max(1, Math.round(intervalMs / 1000))}s`,
    },
  };
  const { query, notices } = resolveQuery({ ...raw, refId }, scopedVars, scopedOnlyTemplateSrv(), settings);
  const window = computeTimeWindow({
    fromMs: input.fromMs,
    toMs: input.toMs,
    durationS: query.durationS,
    scrapeIntervalS: settings.scrapeIntervalS,
  });
  const options = toGraphOptions(query, window, settings);
  const all = [...settings.notices, ...notices, ...window.notices];
  if (queryType === 'graph') {
    // A malformed one is no error: the answer is then whole.
    const deltaFrom = readDeltaFrom(raw.rollupDeltaFrom);
    return { refId, queryType, options, notices: all, ...(deltaFrom ? { deltaFrom } : {}) };
  }
  // Numbers for alert rules: the appenders their metric needs are on whatever the graph options say; one number per
  // node or edge of the unrolled graph (a rollup applies to graph queries only).
  const appenders = { ...options.appenders };
  if (queryType === 'edgeMetrics') {
    const metric = pickMetric<EdgeMetric>(raw.metric, EDGE_METRICS, queryType);
    if (metric === 'responseTime' && appenders.responseTime === false) {
      appenders.responseTime = '95';
      all.push({ severity: 'info', text: 'Response time was off in the query; using the 95th percentile.' });
    }
    return { refId, queryType, metric, options: { ...evaluationOptions(options), appenders, boxBy: [] }, notices: all };
  }
  const metric = pickMetric<NodeMetric>(raw.metric, NODE_METRICS, queryType);
  if (metric === 'health') {
    appenders.health = true;
  }
  return { refId, queryType, metric, options: { ...evaluationOptions(options), appenders, boxBy: [] }, notices: all };
}
