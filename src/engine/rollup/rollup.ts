/**
 * Rollup: the finished graph folded into one node per namespace or per cluster. Pure; runs on a complete
 * GraphModel (after health and boxes) and returns a new model without changing the one it was given, so a shared,
 * cached graph can be rolled up for one viewer and shown unrolled to another.
 *
 * What becomes of each node:
 * - a node of a namespace (namespace rollup) or a cluster (cluster rollup) is a member of that group's rolled-up
 *   node (`rollup_namespace_<cluster>_<namespace>`, `rollup_cluster_<cluster>`, see src/contract/nodeIds.ts);
 * - nodes outside the requested namespaces are rolled into their own namespace nodes, flagged isOutside, in both
 *   modes (a cluster node holds only requested namespaces, so "traffic from outside" stays visible);
 * - the unknown source, PassthroughCluster / BlackHoleCluster and nodes of the unknown namespace stay as they are:
 *   they belong to no namespace, and folding them into one would hide where traffic comes from or leaves the mesh;
 * - boxes are rebuilt: an expanded group becomes a box with the group's id holding its members (and their app
 *   boxes); with boxBy 'cluster' and several clusters, cluster boxes hold the top-level nodes. Namespace boxes of the
 *   unrolled graph are dropped (a rolled-up namespace is its own box).
 *
 * Edges: every edge of the unrolled graph goes to exactly one place. An edge between two members of one collapsed
 * group is that group's internal traffic (RollupSummary.traffic, not an edge: Grafana's Node Graph cannot draw
 * self-loops); every other edge is summed into the edge between its ends' representatives (the rolled-up node, or
 * the node itself when it is kept or expanded), per protocol. Rates are exact sums (exactSum): per protocol, the
 * rolled-up edges plus the internal traffic add up to the unrolled graph's edges.
 */
import type { GraphModel, GraphNode, GraphOptions, RollupInfo, RollupKind } from '../model';
import { rollupParts } from './fullRollup';
import { isKeptNode, rolledUpNodeCount } from './groups';
import { DEFAULT_ROLLUP_NODE_BUDGET, isValidRollupBudget, RollupOptions } from './options';
import { buildRollupIndex, RollupIndex, viewFromIndex } from './rollupIndex';

export { DEFAULT_ROLLUP_NODE_BUDGET, isValidRollupBudget, isKeptNode, rolledUpNodeCount };
export type { RollupOptions };

/**
 * Indexes of one graph's rollups (rollupIndex.ts) and the figures 'auto' decides with, kept by the caller with the
 * graph: views of the graph that expand other groups are then built from the index instead of from scratch.
 */
export interface RollupIndexes {
  /** Per rollup and the options it reads. */
  byRollup: Map<string, RollupIndex>;
  figures?: GraphFigures;
}

export function newRollupIndexes(): RollupIndexes {
  return { byRollup: new Map() };
}

/** What 'auto' reads of a graph: its node count, clusters and node count per rollup (each counted when asked). */
interface GraphFigures {
  nodes: readonly GraphNode[];
  leaves: number;
  clusters(): number;
  rolledUp(by: RollupKind): number;
}

function graphFigures(model: GraphModel): GraphFigures {
  let clusters: number | undefined;
  const rolledUp = new Map<RollupKind, number>();
  return {
    nodes: model.nodes,
    leaves: leafCount(model),
    clusters() {
      clusters ??= new Set(model.nodes.filter((n) => n.nodeType !== 'box' && !isKeptNode(n)).map((n) => n.cluster))
        .size;
      return clusters;
    },
    rolledUp(by) {
      let count = rolledUp.get(by);
      if (count === undefined) {
        count = rolledUpNodeCount(model, by);
        rolledUp.set(by, count);
      }
      return count;
    },
  };
}

function figuresFor(model: GraphModel, indexes: RollupIndexes | undefined): GraphFigures {
  if (!indexes) {
    return graphFigures(model);
  }
  if (indexes.figures?.nodes !== model.nodes) {
    indexes.figures = graphFigures(model);
  }
  return indexes.figures;
}

function indexFor(indexes: RollupIndexes, model: GraphModel, by: RollupKind, options: RollupOptions): RollupIndex {
  const { boxBy, rates, appenders, healthTolerances } = options;
  const key = JSON.stringify([by, boxBy, rates, appenders?.responseTime, appenders?.health, healthTolerances]);
  let index = indexes.byRollup.get(key);
  // An index holds the lists of the graph it was built for: another graph (a caller's mistake) gets its own.
  if (!index || index.nodes !== model.nodes || index.edges !== model.edges) {
    index = buildRollupIndex(model, by, options);
    indexes.byRollup.set(key, index);
  }
  return index;
}

/**
 * Rolls `model` up by namespace or cluster (see the file comment). Returns a new model; `model` is not changed.
 * With `indexes`, the view is built from the graph's index (the same result, cheaper for a second view).
 */
export function rollupGraph(
  model: GraphModel,
  by: RollupKind,
  options: RollupOptions = {},
  indexes?: RollupIndexes
): GraphModel {
  if (indexes) {
    return viewFromIndex(indexFor(indexes, model, by, options), model, options.rollupExpand ?? []);
  }
  return rollupParts(model, by, options).view;
}

/** Node count without boxes. */
function leafCount(model: GraphModel): number {
  let n = 0;
  for (const node of model.nodes) {
    if (node.nodeType !== 'box') {
      n++;
    }
  }
  return n;
}

/**
 * The rollup the options ask for: the model itself for 'none' (or no rollup), else a rolled-up copy with
 * GraphModel.rollup telling what was done. 'auto' rolls up by namespace above the node budget, and by cluster when
 * the namespace rollup would still exceed it and there are several clusters; within the budget it returns a copy
 * with `rollup.by = 'none'`. `model` is never changed. `indexes` (kept with `model`) make views other than the first
 * one cheap (see rollupGraph).
 */
export function applyRollup(
  model: GraphModel,
  options: RollupOptions & Pick<GraphOptions, 'rollup' | 'rollupNodeBudget'>,
  indexes?: RollupIndexes
): GraphModel {
  const requested = options.rollup ?? 'none';
  if (requested === 'none') {
    return model;
  }
  const budget = isValidRollupBudget(options.rollupNodeBudget) ? options.rollupNodeBudget : DEFAULT_ROLLUP_NODE_BUDGET;
  const figures = figuresFor(model, indexes);
  const fullNodes = figures.leaves;
  let by: RollupKind;
  const notices = [...model.notices];
  if (requested === 'auto') {
    if (fullNodes <= budget) {
      const info: RollupInfo = {
        requested,
        by: 'none',
        budget,
        fullNodes,
        fullEdges: model.edges.length,
        expanded: [],
      };
      return { ...model, rollup: info };
    }
    by = 'namespace';
    if (figures.clusters() > 1 && figures.rolledUp('namespace') > budget) {
      by = 'cluster';
    }
    notices.push({
      severity: 'info',
      text: `The graph has ${fullNodes} nodes, more than the rollup budget of ${budget}: showing it rolled up by ${by} (${figures.rolledUp(by)} nodes).`,
    });
  } else {
    by = requested;
  }
  const rolled = rollupGraph({ ...model, notices }, by, options, indexes);
  rolled.rollup = { ...rolled.rollup!, requested, budget };
  return rolled;
}
