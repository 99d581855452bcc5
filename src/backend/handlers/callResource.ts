/**
 * CallResource: the editors' look-ups (src/datasource/resources.ts). Answers are JSON; failures are JSON
 * `{message}` with an HTTP status, never a broken stream.
 */
import { planQueries } from '../../engine/planner';
import {
  NAMES_RESOURCE,
  NAMESPACE_PARAM,
  NamesResponse,
  PLAN_RESOURCE,
  PlanRequest,
  PlanResponse,
  ResourceError,
  SERIES_RESOURCE,
  SeriesResponse,
  VARIABLE_KIND_PARAM,
} from '../../datasource/resources';
import type { VariableKind } from '../../datasource/types';
import type { CallResourceRequest, CallResourceResponse } from '../protocol/messages';

import { ConfigurationError, describeError, errorStatus } from './errors';
import { toGraphRequest } from './graphRequest';
import type { InstanceRegistry } from './instance';
import { listNames } from './labelLists';
import { answerSeries, parseSeriesRequest, SeriesRequestError } from './seriesResource';

const VARIABLE_KINDS: VariableKind[] = ['namespaces', 'workloads', 'apps', 'services', 'clusters'];

function json(code: number, body: NamesResponse | PlanResponse | SeriesResponse | ResourceError): CallResourceResponse {
  return {
    code,
    headers: { 'Content-Type': { values: ['application/json'] } },
    body: Buffer.from(JSON.stringify(body), 'utf8'),
  };
}

function millis(text: string | null, fallback: number): number {
  const n = text === null || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(n) ? n : fallback;
}

async function names(
  url: URL,
  instances: InstanceRegistry,
  request: CallResourceRequest,
  signal: AbortSignal,
  now: number
) {
  const kind = url.searchParams.get(VARIABLE_KIND_PARAM) ?? 'namespaces';
  if (!VARIABLE_KINDS.includes(kind as VariableKind)) {
    return json(400, { message: `Unknown list ${JSON.stringify(kind)}: use one of ${VARIABLE_KINDS.join(', ')}.` });
  }
  const namespaces = url.searchParams.getAll(NAMESPACE_PARAM).filter((n) => n !== '');
  const toMs = millis(url.searchParams.get('to'), now);
  const fromMs = millis(url.searchParams.get('from'), toMs - 3_600_000);
  const instance = instances.get(request.pluginContext);
  const scope = Object.fromEntries(instance.settings.scope.map((s) => [s.key, s.value]));
  const list = await listNames(instance.client(), {
    kind: kind as VariableKind,
    namespaces: namespaces.length > 0 ? namespaces : 'all',
    scope,
    startS: Math.floor(fromMs / 1000),
    endS: Math.floor(toMs / 1000),
    signal,
  });
  return json(200, { names: list });
}

function plan(request: CallResourceRequest, instances: InstanceRegistry, now: number): CallResourceResponse {
  let body: Partial<PlanRequest>;
  try {
    body = JSON.parse(request.body.toString('utf8') || '{}') as Partial<PlanRequest>;
  } catch {
    return json(400, { message: 'The plan request is not valid JSON.' });
  }
  const instance = instances.get(request.pluginContext);
  const toMs = millis(String(body.to ?? ''), now);
  const fromMs = millis(String(body.from ?? ''), toMs - 3_600_000);
  try {
    const graph = toGraphRequest(
      { refId: 'preview', json: body.query ?? {}, fromMs, toMs, intervalMs: Number(body.intervalMs) || 0 },
      instance.settings
    );
    const planned = planQueries(graph.options);
    return json(200, {
      queries: planned.queries.map(({ id, purpose, expr }) => ({ id, purpose, expr })),
      notices: graph.notices,
    });
  } catch (e) {
    if (e instanceof ConfigurationError || (e instanceof Error && e.name === 'QueryValidationError')) {
      return json(200, { queries: [], notices: [], error: describeError(e) });
    }
    throw e;
  }
}

async function series(
  request: CallResourceRequest,
  instances: InstanceRegistry,
  signal: AbortSignal,
  now: number
): Promise<CallResourceResponse> {
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8') || '{}');
  } catch {
    return json(400, { message: 'The series request is not valid JSON.' });
  }
  const instance = instances.get(request.pluginContext);
  const scope = Object.fromEntries(instance.settings.scope.map((s) => [s.key, s.value]));
  try {
    return json(200, await answerSeries(instance.client(), parseSeriesRequest(body, now), scope, signal));
  } catch (e) {
    if (e instanceof SeriesRequestError) {
      return json(200, { series: [], stepSeconds: 0, error: e.message });
    }
    throw e;
  }
}

export async function callResource(
  request: CallResourceRequest,
  instances: InstanceRegistry,
  signal: AbortSignal,
  now: () => number = Date.now
): Promise<CallResourceResponse> {
  const url = new URL(request.url || request.path, 'http://resource.invalid/');
  const path = request.path.replace(/^\/+|\/+$/g, '');
  const method = (request.method || 'GET').toUpperCase();
  try {
    if (path === NAMES_RESOURCE && method === 'GET') {
      return await names(url, instances, request, signal, now());
    }
    if (path === PLAN_RESOURCE && method === 'POST') {
      return plan(request, instances, now());
    }
    if (path === SERIES_RESOURCE && method === 'POST') {
      return await series(request, instances, signal, now());
    }
    const known = path === NAMES_RESOURCE || path === PLAN_RESOURCE || path === SERIES_RESOURCE;
    return json(known ? 405 : 404, {
      message: known
        ? `${method} is not allowed on ${path}.`
        : `No resource ${JSON.stringify(path)}: use ${NAMES_RESOURCE}, ${PLAN_RESOURCE} or ${SERIES_RESOURCE}.`,
    });
  } catch (e) {
    const { status } = errorStatus(e);
    return json(status, { message: describeError(e) });
  }
}
