import { PlannedQuery } from '../client/types';
import { ResponseTimeStat, ThroughputType } from '../model';
import { TrafficMetric } from './labels';

/** What an answer means to the fold and the appenders. */
export type QueryRole =
  | {
      kind: 'traffic';
      metric: TrafficMetric;
      /** Kiali baseline only: the namespace whose traffic map the answer belongs to (merged afterwards, §4.13). */
      namespace?: string;
    }
  | { kind: 'responseTime'; stat: ResponseTimeStat; namespace?: string }
  | { kind: 'throughput'; type: ThroughputType; namespace?: string }
  | { kind: 'securityPolicy'; namespace?: string }
  | { kind: 'aggregate'; label: string; namespace?: string };

export interface EngineQuery extends PlannedQuery {
  role: QueryRole;
}

export interface QueryPlan {
  /** 'lean': Meshgraph's constant-size plan; 'kiali': Kiali's per-namespace query set. */
  style: 'lean' | 'kiali';
  queries: EngineQuery[];
}
