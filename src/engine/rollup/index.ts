/** Rollup of a finished graph into namespace or cluster nodes (issue 14): see rollup.ts. */
export {
  applyRollup,
  rollupGraph,
  rolledUpNodeCount,
  isKeptNode,
  isValidRollupBudget,
  DEFAULT_ROLLUP_NODE_BUDGET,
} from './rollup';
export type { RollupOptions } from './rollup';
export { rollupNodeId, parseRollupNodeId, parseNodeId, rollupIdPart } from './ids';
export type { NodeIdParts } from './ids';
export { exactSum } from './exactSum';
export { isRolledUp, memberSummary } from './frameColumns';
