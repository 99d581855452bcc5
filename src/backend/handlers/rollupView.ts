/**
 * Rollup in the backend. The shared evaluation (evaluations.ts) always builds the unrolled graph, so viewers of one
 * graph share one set of Prometheus queries whatever rollup, budget or expanded namespaces each asks for; the
 * rollup is applied afterwards, per request, on that graph (applyRollup never changes the graph it is given). A
 * rolled-up view is kept with its graph, so a second viewer asking for the same view gets the same object (and the
 * same encoded frames). The graph's rollup indexes are kept with it too: a view expanding other namespaces is built
 * from them, touching only the expanded namespaces' edges instead of rolling the whole graph up again, and its
 * nodes and edges equal to an earlier view's are that view's objects (sharedObjects.ts): answers of changed rows
 * then carry only what changed.
 */
import { applyRollup, newRollupIndexes, RollupIndexes } from '../../engine/rollup/rollup';
import { newSharedObjects, shareEqualObjects, SharedObjects } from '../../engine/rollup/sharedObjects';
import type { GraphModel, GraphOptions } from '../../engine/model';

import { cachedEntry, keptWith } from './caches';

/** The options the shared evaluation runs with: the request's, without the rollup. */
export function evaluationOptions(options: GraphOptions): GraphOptions {
  if (options.rollup === undefined && options.rollupNodeBudget === undefined && options.rollupExpand === undefined) {
    return options;
  }
  const { rollup: _r, rollupNodeBudget: _b, rollupExpand: _e, ...rest } = options;
  return rest;
}

/** Views kept per graph at most (different budgets or expanded namespaces); the oldest goes first. */
export const MAX_VIEWS_PER_GRAPH = 16;

const views = new WeakMap<GraphModel, Map<string, GraphModel>>();
const indexes = new WeakMap<GraphModel, RollupIndexes>();
const shared = new WeakMap<GraphModel, SharedObjects>();

/** The graph as the request asks to see it: `model` itself without a rollup, else its (cached) rolled-up view. */
export function rolledView(model: GraphModel, options: GraphOptions): GraphModel {
  if (options.rollup === undefined || options.rollup === 'none') {
    return model;
  }
  const key = JSON.stringify([options.rollup, options.rollupNodeBudget ?? null, options.rollupExpand ?? []]);
  const byKey = keptWith(views, model, () => new Map<string, GraphModel>());
  return cachedEntry(
    byKey,
    key,
    () =>
      shareEqualObjects(
        applyRollup(model, options, keptWith(indexes, model, newRollupIndexes)),
        keptWith(shared, model, newSharedObjects)
      ),
    MAX_VIEWS_PER_GRAPH
  );
}
