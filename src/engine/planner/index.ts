export { planQueries } from './planQueries';
export { planKialiBaseline } from './kialiBaseline';
export type { QueryPlan, EngineQuery, QueryRole } from './types';
