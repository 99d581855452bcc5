export { planQueries, DEFAULT_QUERY_SHARDS, MAX_QUERY_SHARDS, isValidQueryShards } from './planQueries';
export { planKialiBaseline } from './kialiBaseline';
export type { QueryPlan, EngineQuery, QueryRole } from './types';
