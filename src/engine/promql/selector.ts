/** Building PromQL vector selectors from typed matchers; all values are escaped here. */
import { assertLabelName, quoteString, regexOneOf } from './escape';

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** A label matcher. For `=~`/`!~` the value is an RE2 pattern (build it with escapeRegex/regexOneOf). */
export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
}

export const eq = (name: string, value: string): Matcher => ({ name, op: '=', value });
export const neq = (name: string, value: string): Matcher => ({ name, op: '!=', value });
export const re = (name: string, pattern: string): Matcher => ({ name, op: '=~', value: pattern });
export const nre = (name: string, pattern: string): Matcher => ({ name, op: '!~', value: pattern });

/** `name` is one of `values`: an exact matcher for one value, an anchored set regex for several. */
export function oneOf(name: string, values: string[]): Matcher {
  return values.length === 1 ? eq(name, values[0]) : re(name, regexOneOf(values));
}

/** `name` is none of `values`. */
export function noneOf(name: string, values: string[]): Matcher {
  return values.length === 1 ? neq(name, values[0]) : nre(name, regexOneOf(values));
}

export function renderMatcher(m: Matcher): string {
  return assertLabelName(m.name) + m.op + quoteString(m.value);
}

/** Scope labels (e.g. mesh_id=mesh1) as exact matchers, in a stable order. */
export function scopeMatchers(scope: Record<string, string> | undefined): Matcher[] {
  if (!scope) {
    return [];
  }
  return Object.keys(scope)
    .sort()
    .map((k) => eq(k, scope[k]));
}

/** `metric{m1,m2,...}`; the metric name must be a valid identifier. */
export function selector(metric: string, matchers: Matcher[]): string {
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) {
    throw new Error(`Invalid metric name ${JSON.stringify(metric)}`);
  }
  return metric + '{' + matchers.map(renderMatcher).join(',') + '}';
}

/** `(a,b,c)` after validating every label name. */
export function groupLabels(labels: readonly string[]): string {
  return '(' + labels.map(assertLabelName).join(',') + ')';
}
