/** Meshgraph's traffic-map engine: pure TypeScript, runs in Node and the browser. */
export * from './model';
export { defaultGraphOptions, effectiveInjection } from './options';
export { buildGraph, buildGraphFromAnswers, assembleModel, visitSamples } from './buildGraph';
export type { BuildGraphExtras } from './buildGraph';
export { planQueries, planKialiBaseline, DEFAULT_QUERY_SHARDS, MAX_QUERY_SHARDS, isValidQueryShards } from './planner';
export type { QueryPlan, EngineQuery, QueryRole } from './planner';
export { PrometheusClient, PrometheusError, fetchTransport, visitVector } from './client';
export type { HttpTransport, TransportRequest, TransportResponse, VectorSample, PlannedQuery } from './client';
export { toKialiJson } from '../contract/kiali/kialiJson';
export type { KialiGraph, KialiNodeData, KialiEdgeData } from '../contract/kiali/kialiJson';
export { toFrames } from './output/frames';
export type { FrameOptions } from './output/frames';
export { deltaFrames } from './output/deltaFrames';
export { rateToString } from '../contract/kiali/format';
export { sha256Hex } from '../contract/kiali/sha256';
export { quoteString, escapeRegex, assertLabelName } from './promql/escape';
export {
  applyRollup,
  rollupGraph,
  rolledUpNodeCount,
  isValidRollupBudget,
  DEFAULT_ROLLUP_NODE_BUDGET,
  rollupNodeId,
  parseRollupNodeId,
  parseNodeId,
  exactSum,
} from './rollup';
export type { RollupOptions, NodeIdParts } from './rollup';
