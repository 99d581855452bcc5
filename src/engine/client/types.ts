/**
 * Shapes shared by the Prometheus client, the planner and every appender that reads query answers.
 */

import type { ValueProblem } from './vectorAnswer';

/** One element of an instant-vector answer; `value` is already a number. */
export interface VectorSample {
  metric: Record<string, string>;
  value: number;
  /** Why the value cannot be used (it is then NaN), as the client read it. */
  problem?: ValueProblem;
}

/** One PromQL query the engine will run, with a stable id and a human-readable purpose. */
export interface PlannedQuery {
  id: string;
  purpose: string;
  expr: string;
}
