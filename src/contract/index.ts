/**
 * The frame contract between Meshgraph's engine (which builds the graph and its frames) and the panel (which draws
 * Node Graph frames): field names and flags, the graph's value types and the JSON shapes fields carry, node ids,
 * Kiali's JSON format and the series resource. It imports nothing else of the project and no Grafana, React or DOM.
 */
export * from './frameFields';
export * from './graph';
export * from './nodeIds';
export * from './seriesResource';
export { toKialiJson } from './kiali/kialiJson';
export type { KialiEdgeData, KialiGraph, KialiNodeData, KialiNodeTraffic, KialiTrafficRates } from './kiali/kialiJson';
export * from './rollupDelta';
