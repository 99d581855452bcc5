/**
 * A query as the browser sends it to the backend: every dashboard variable replaced by its literal values, in
 * the same structured fields (never PromQL). Only substitution happens here; the backend checks the values
 * (resolveQuery) and reports what is wrong, so its notices are the same whether a query comes from a dashboard
 * or from an alert rule.
 *
 * The interval variables the backend computes itself from each query's time range ($__range, $__range_s,
 * $__range_ms, $__rate_interval) are passed on as written: Grafana's browser computes $__rate_interval only for
 * its own Prometheus datasource, and the backend knows the scrape interval.
 */
import type { ScopedVars } from '@grafana/data';

import { interpolateValues, TemplateSrvLike } from './interpolation';
import { intervalScopedVars } from './timeWindow';
import { ALL_NAMESPACES, MeshgraphQuery, NodeFocusQuery, withQueryDefaults } from './types';

/** Names of the variables the backend computes from a query's range and interval (without the "$"). */
export const BACKEND_INTERVAL_VARIABLES: string[] = Object.keys(intervalScopedVars(0, 0, 0, 1));

/** Scoped vars that turn every backend interval variable back into its own reference. */
function withBackendVariablesKept(scopedVars: ScopedVars | undefined): ScopedVars {
  const kept: ScopedVars = { ...(scopedVars ?? {}) };
  for (const name of BACKEND_INTERVAL_VARIABLES) {
    kept[name] = { text: `$${name}`, value: `$${name}` };
  }
  return kept;
}

/**
 * Replaces the dashboard variables of a query by literal values. Lists (namespaces) take every value of a
 * multi-value variable, and "All" becomes ALL_NAMESPACES (as does "All" in a single-valued field, which the
 * backend then reports). Single-valued fields take the first value. Unknown variables stay as written.
 */
export function toLiteralQuery(
  raw: Partial<MeshgraphQuery> & { refId: string },
  scopedVars: ScopedVars | undefined,
  srv: TemplateSrvLike
): MeshgraphQuery {
  const q = withQueryDefaults(raw);
  const vars = withBackendVariablesKept(scopedVars);
  const scalar = (text: string): string => {
    const r = interpolateValues(text, vars, srv);
    return r.all ? ALL_NAMESPACES : (r.values[0] ?? '');
  };
  const scalarIfText = <T>(value: T): T | string => (typeof value === 'string' ? scalar(value) : value);

  let all = false;
  const names: string[] = [];
  for (const entry of q.namespaces) {
    if (typeof entry !== 'string') {
      continue;
    }
    const r = interpolateValues(entry, vars, srv);
    all = all || r.all;
    names.push(...r.values);
  }

  const node: NodeFocusQuery = {
    ...q.node,
    namespace: String(scalarIfText(q.node.namespace ?? '')),
    name: String(scalarIfText(q.node.name ?? '')),
    ...(typeof q.node.version === 'string' ? { version: scalar(q.node.version) } : {}),
  };

  return {
    ...q,
    namespaces: all ? [ALL_NAMESPACES] : [...new Set(names)],
    graphType: scalarIfText(q.graphType) as MeshgraphQuery['graphType'],
    duration: String(scalarIfText(q.duration ?? '')),
    aggregate: String(scalarIfText(q.aggregate ?? '')),
    rollup: scalarIfText(q.rollup ?? 'auto') as MeshgraphQuery['rollup'],
    node,
    scope: q.scope
      .filter((label) => label !== null && typeof label === 'object')
      .map((label) => ({ key: label.key, value: scalar(String(label.value ?? '')) })),
  };
}
