/**
 * Expansion answers that carry only what changed. Expanding one namespace of a rolled-up 100 × 100 mesh changes
 * about a tenth of the graph (the namespace's node and edges become its members and theirs), yet a whole answer is
 * about 4 MB, mostly the thousands of namespace-to-namespace edges that did not change. So a panel that holds a
 * rolled-up answer asks for another expansion of the same evaluation with `rollupDeltaFrom` (the evaluation and the
 * expanded ids of the answer it holds), and the backend answers with the rows that differ and the ids that are gone.
 * Applying them to the held frames gives the whole answer's rows (tested against it, row by row).
 *
 * The backend answers whole when it no longer has that evaluation (a new range, a restart, five minutes on): the
 * nodes frame then has no `meta.custom.delta`, and the panel reads it as any answer.
 */

/** The query field (a Meshgraph graph target): the view the panel holds. Not part of the graph's options. */
export interface RollupDeltaFrom {
  /** `meta.custom.evaluation` of the held answer. */
  evaluation: string;
  /** `meta.custom.rollup.expanded` of the held answer. */
  expand: string[];
}

/** The nodes frame's `meta.custom.delta` of an answer that carries only the changed rows. */
export interface RollupDelta {
  /** The expanded ids of the view the rows apply to (the held answer's). */
  from: string[];
  /** Ids of the held answer's nodes and edges that the new view does not have. */
  removedNodes: string[];
  removedEdges: string[];
}

/** Names in the nodes frame's `meta.custom` of rolled-up answers. */
export const RollupMeta = {
  /** Identity of the shared evaluation the answer was cut from (a string, opaque). */
  evaluation: 'evaluation',
  /** RollupDelta, on answers carrying only the changed rows. */
  delta: 'delta',
} as const;

/** Longest evaluation token and most expanded ids a query may send (anything longer is not a held answer). */
export const DELTA_LIMITS = { token: 100, expand: 10_000 } as const;

/** The query's `rollupDeltaFrom` when it is well formed, else undefined (the answer is then whole). */
export function readDeltaFrom(raw: unknown): RollupDeltaFrom | undefined {
  if (raw === null || typeof raw !== 'object') {
    return undefined;
  }
  const { evaluation, expand } = raw as Record<string, unknown>;
  if (typeof evaluation !== 'string' || evaluation === '' || evaluation.length > DELTA_LIMITS.token) {
    return undefined;
  }
  if (!Array.isArray(expand) || expand.length > DELTA_LIMITS.expand || !expand.every((x) => typeof x === 'string')) {
    return undefined;
  }
  return { evaluation, expand: [...expand] };
}
