/**
 * What the panel's drill-down reads of the frame contract: the rollup columns, the rollup meta and the node-id
 * helpers. One module so the drill-down code has a single import to follow the contract.
 */
export {
  RollupNodeField,
  RollupEdgeField,
  parseNodeId,
  parseRollupNodeId,
  rollupNodeId,
  type NodeIdParts,
  type RollupInfo,
  type RollupKind,
} from '../../contract';
