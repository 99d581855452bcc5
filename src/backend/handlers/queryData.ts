/**
 * QueryData: every query of the call is answered on its own (a failing one gets its own error, the others
 * their frames), from one shared evaluation per identical graph request.
 */
import { buildGraph, toFrames } from '../../engine';
import type { GraphModel, Notice } from '../../engine/model';
import { nodeDataLinks } from '../../datasource/links';
import { edgeMetricFrames, nodeMetricFrames } from '../frames/alertFrames';
import { encodeFrame } from '../frames/arrowFrame';
import { graphWireFrames } from '../frames/graphFrames';
import type { WireFrame } from '../frames/wireFrame';
import type { Logger } from '../protocol/hclog';
import type { DataQuery, DataResponse, PluginContext, QueryDataRequest, QueryDataResponse } from '../protocol/messages';

import { describeError, errorStatus, isAbortError } from './errors';
import { evaluationKey, GraphEvaluations } from './evaluations';
import { GraphRequest, toGraphRequest } from './graphRequest';
import { DatasourceInstance, InstanceRegistry } from './instance';
import { evaluationOptions, rolledView } from './rollupView';

export interface QueryDataDeps {
  instances: InstanceRegistry;
  evaluations: GraphEvaluations;
  log: Logger;
}

/** The frames of one answered query. */
export function framesFor(request: GraphRequest, model: GraphModel, instance: DatasourceInstance): WireFrame[] {
  const notices: Notice[] = [...request.notices, ...model.notices];
  if (request.queryType === 'graph') {
    const links = nodeDataLinks(instance.settings);
    return graphWireFrames(toFrames(model, { links }), request.refId, notices, links);
  }
  const rates = { grpcRate: request.options.rates.grpc };
  const frames =
    request.queryType === 'edgeMetrics'
      ? edgeMetricFrames(model, request.metric, request.refId, rates)
      : nodeMetricFrames(model, request.metric, request.refId, rates);
  if (frames.length > 0 && notices.length > 0) {
    frames[0] = { ...frames[0], meta: { ...(frames[0].meta ?? {}), notices } };
  }
  return frames;
}

/**
 * Encoded frames per shared graph: a second viewer of the same graph gets the bytes the first one got, without
 * building and encoding the frames again. Kept as long as the evaluation keeps the graph.
 */
const encodedByModel = new WeakMap<GraphModel, Map<string, Uint8Array[]>>();

function encodedFrames(request: GraphRequest, model: GraphModel, instance: DatasourceInstance): Uint8Array[] {
  const metric = request.queryType === 'graph' ? '' : request.metric;
  const key = JSON.stringify([request.queryType, metric, request.refId, request.notices]);
  let byRequest = encodedByModel.get(model);
  if (!byRequest) {
    byRequest = new Map();
    encodedByModel.set(model, byRequest);
  }
  let frames = byRequest.get(key);
  if (!frames) {
    frames = framesFor(request, model, instance).map(encodeFrame);
    byRequest.set(key, frames);
  }
  return frames;
}

/** Nothing could be read at all: an error, not an empty graph. */
function fatalText(model: GraphModel): string | undefined {
  if (model.nodes.length > 0) {
    return undefined;
  }
  const fatal = model.notices.filter((n) => n.severity === 'error');
  return fatal.length > 0 ? fatal.map((n) => n.text).join('; ') : undefined;
}

async function answer(
  query: DataQuery,
  context: PluginContext | null,
  deps: QueryDataDeps,
  signal: AbortSignal
): Promise<DataResponse> {
  try {
    const instance = deps.instances.get(context);
    const request = toGraphRequest(
      {
        refId: query.refId,
        json: query.json,
        queryType: query.queryType,
        fromMs: query.timeRange?.fromEpochMS ?? NaN,
        toMs: query.timeRange?.toEpochMS ?? NaN,
        intervalMs: query.intervalMS,
      },
      instance.settings
    );
    const step = instance.settings.scrapeIntervalS;
    // One evaluation of the unrolled graph serves every rollup of it (rollupView.ts).
    const evaluated = evaluationOptions(request.options);
    const model = await deps.evaluations.evaluate(
      evaluationKey(instance.key, evaluated, step),
      step,
      evaluated,
      (options, evaluationSignal) => buildGraph(options, instance.client(), evaluationSignal),
      signal
    );
    const fatal = fatalText(model);
    if (fatal) {
      return { frames: [], error: fatal, status: 502, errorSource: 'downstream' };
    }
    return { frames: encodedFrames(request, rolledView(model, request.options), instance), status: 200 };
  } catch (e) {
    if (isAbortError(e) && signal.aborted) {
      return { frames: [], error: 'The query was cancelled.', status: 499, errorSource: 'downstream' };
    }
    const { status, errorSource } = errorStatus(e);
    if (errorSource === 'plugin') {
      deps.log.error('Query failed', {
        refId: query.refId,
        error: e instanceof Error ? (e.stack ?? e.message) : String(e),
      });
    }
    return { frames: [], error: describeError(e), status, errorSource };
  }
}

export async function queryData(
  request: QueryDataRequest,
  deps: QueryDataDeps,
  signal: AbortSignal
): Promise<QueryDataResponse> {
  const answers = await Promise.all(
    request.queries.map(async (q) => [q.refId, await answer(q, request.pluginContext, deps, signal)] as const)
  );
  return { responses: Object.fromEntries(answers) };
}
