/**
 * QueryData: every query of the call is answered on its own (a failing one gets its own error, the others
 * their frames), from one shared evaluation per identical graph request.
 */
import { buildGraph, deltaFrames, toFrames } from '../../engine';
import type { GraphModel, Notice } from '../../engine/model';
import { FrameDTO, NODES_FRAME } from '../../contract/frameFields';
import { RollupMeta } from '../../contract/rollupDelta';
import { nodeDataLinks } from '../../datasource/links';
import { edgeMetricFrames, nodeMetricFrames } from '../frames/alertFrames';
import { encodeFrame } from '../frames/arrowFrame';
import { graphWireFrames } from '../frames/graphFrames';
import type { WireFrame } from '../frames/wireFrame';
import type { Logger } from '../protocol/hclog';
import type { DataQuery, DataResponse, PluginContext, QueryDataRequest, QueryDataResponse } from '../protocol/messages';

import { cachedEntry, keptWith } from './caches';
import { describeError, errorStatus, isAbortError } from './errors';
import { evaluationKey, GraphEvaluations } from './evaluations';
import { evaluationToken } from './evaluationTokens';
import { GraphRequest, toGraphRequest } from './graphRequest';
import { DatasourceInstance, InstanceRegistry } from './instance';
import { evaluationOptions, rolledView } from './rollupView';

export interface QueryDataDeps {
  instances: InstanceRegistry;
  evaluations: GraphEvaluations;
  log: Logger;
}

/**
 * The graph frames of a view, named by its evaluation's token when a rollup was asked for (so the panel can ask for
 * another expansion of the same evaluation with only the changed rows).
 */
function graphFrames(
  request: GraphRequest,
  view: GraphModel,
  instance: DatasourceInstance,
  evaluation: string | undefined,
  build: (options: { links: unknown[] }) => FrameDTO[]
): WireFrame[] {
  const notices: Notice[] = [...request.notices, ...view.notices];
  const links = nodeDataLinks(instance.settings);
  const frames = graphWireFrames(build({ links }), request.refId, notices, links);
  if (view.rollup === undefined || evaluation === undefined) {
    return frames;
  }
  return frames.map((frame) => {
    if (frame.name !== NODES_FRAME) {
      return frame;
    }
    const custom = (frame.meta?.custom ?? {}) as Record<string, unknown>;
    return { ...frame, meta: { ...frame.meta, custom: { ...custom, [RollupMeta.evaluation]: evaluation } } };
  });
}

/**
 * The frames of one answered query. `model` is the view the request asks for; `evaluation` is the token of the
 * evaluated graph it was cut from (rolled-up answers carry it).
 */
export function framesFor(
  request: GraphRequest,
  model: GraphModel,
  instance: DatasourceInstance,
  evaluation?: string
): WireFrame[] {
  if (request.queryType === 'graph') {
    return graphFrames(request, model, instance, evaluation, (options) => toFrames(model, options));
  }
  const notices: Notice[] = [...request.notices, ...model.notices];
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

function encodedFrames(
  request: GraphRequest,
  view: GraphModel,
  instance: DatasourceInstance,
  evaluation: string
): Uint8Array[] {
  const metric = request.queryType === 'graph' ? '' : request.metric;
  // A view belongs to one evaluated graph, so its token never differs; in the key all the same, for safety.
  const key = JSON.stringify([request.queryType, metric, request.refId, request.notices, evaluation]);
  return cachedEntry(
    keptWith(encodedByModel, view, () => new Map()),
    key,
    () => framesFor(request, view, instance, evaluation).map(encodeFrame)
  );
}

/** Answers of changed rows kept per view at most (each from another held view); the oldest goes first. */
export const MAX_DELTAS_PER_VIEW = 16;

const encodedDeltasByView = new WeakMap<GraphModel, Map<string, Uint8Array[]>>();

/** The rows of `view` that differ from `held` (another view of the same evaluation), encoded once per held view. */
function encodedDelta(
  request: GraphRequest & { queryType: 'graph' },
  view: GraphModel,
  held: GraphModel,
  instance: DatasourceInstance,
  evaluation: string
): Uint8Array[] {
  // The held view is the one these ids give (rolledView keeps it per ids).
  const key = JSON.stringify([request.refId, request.notices, evaluation, request.deltaFrom?.expand ?? []]);
  return cachedEntry(
    keptWith(encodedDeltasByView, view, () => new Map()),
    key,
    () =>
      graphFrames(request, view, instance, evaluation, (options) => deltaFrames(held, view, options)).map(encodeFrame),
    MAX_DELTAS_PER_VIEW
  );
}

/**
 * The view the panel says it holds (rollupDeltaFrom), when the answer may carry only the rows that changed from it:
 * a view of the same evaluation (the token it was given) rolled up the same way. Undefined otherwise: the answer
 * is whole.
 */
function heldView(
  request: GraphRequest & { queryType: 'graph' },
  model: GraphModel,
  view: GraphModel,
  evaluation: string
): GraphModel | undefined {
  const by = view.rollup?.by;
  const from = request.deltaFrom;
  if (from === undefined || (by !== 'namespace' && by !== 'cluster') || from.evaluation !== evaluation) {
    return undefined;
  }
  const held = rolledView(model, { ...request.options, rollupExpand: from.expand });
  return held.rollup?.by === by ? held : undefined;
}

/** The encoded answer from the evaluated graph: the view asked for, or only its rows that changed when it can. */
function encodedAnswer(request: GraphRequest, model: GraphModel, instance: DatasourceInstance): Uint8Array[] {
  const view = rolledView(model, request.options);
  const evaluation = evaluationToken(model);
  if (request.queryType === 'graph') {
    const held = heldView(request, model, view, evaluation);
    if (held !== undefined) {
      return encodedDelta(request, view, held, instance, evaluation);
    }
  }
  return encodedFrames(request, view, instance, evaluation);
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
    return { frames: encodedAnswer(request, model, instance), status: 200 };
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
