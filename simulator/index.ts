/** The Istio mesh traffic simulator: topologies, Istio telemetry as series, live /metrics and OpenMetrics export. */
export * from './topology';
export * from './telemetry';
export * from './series';
export * from './exposition';
export * from './export';
export * from './server';
export { bookinfoTopology, BookinfoOptions } from './bookinfo';
export { syntheticTopology, SyntheticOptions, mulberry32 } from './synthetic';
export { podNames, replicaSetName } from './names';
