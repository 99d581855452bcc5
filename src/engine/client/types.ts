/**
 * Shapes shared by the Prometheus client, the planner and every appender that reads query answers.
 */

/** One element of an instant-vector answer; `value` is already a number (NaN allowed, e.g. histogram_quantile). */
export interface VectorSample {
  metric: Record<string, string>;
  value: number;
}

/** One PromQL query the engine will run, with a stable id and a human-readable purpose. */
export interface PlannedQuery {
  id: string;
  purpose: string;
  expr: string;
}
