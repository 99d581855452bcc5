/** What the rollup reads from the graph options, and the node budget of 'auto'. */
import type { GraphOptions } from '../model';

/** The datasource's default node budget for 'auto'. */
export const DEFAULT_ROLLUP_NODE_BUDGET = 500;

/** What the rollup reads from the graph options. */
export type RollupOptions = Partial<
  Pick<GraphOptions, 'boxBy' | 'rates' | 'appenders' | 'healthTolerances' | 'rollupExpand'>
>;

/** A valid node budget (a whole number ≥ 1). */
export function isValidRollupBudget(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}
