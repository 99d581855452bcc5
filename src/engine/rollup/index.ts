/** Rollup of a finished graph into namespace or cluster nodes see rollup.ts. */
export {
  applyRollup,
  rollupGraph,
  rolledUpNodeCount,
  isKeptNode,
  isValidRollupBudget,
  DEFAULT_ROLLUP_NODE_BUDGET,
} from './rollup';
export type { RollupOptions } from './rollup';
export { rollupNodeId, parseRollupNodeId, parseNodeId, rollupIdPart } from '../../contract/nodeIds';
export type { NodeIdParts } from '../../contract/nodeIds';
export { exactSum } from './exactSum';
export { isRolledUp, memberSummary } from './frameColumns';
