/**
 * Dashboard variables → literal values. Every structured field is interpolated with a formatter FUNCTION that
 * captures the raw values (never Grafana's regex/pipe/csv text formats), so a value reaches the engine as one
 * literal string whatever characters it holds; the engine escapes it when it writes PromQL.
 */
import type { ScopedVars } from '@grafana/data';

import { ALL_NAMESPACES } from './types';

/** The part of Grafana's TemplateSrv used here (getTemplateSrv() satisfies it). */
export interface TemplateSrvLike {
  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string;
  getVariables(): Array<{ name: string; current?: { value?: unknown } } | unknown>;
}

export interface InterpolatedValues {
  /** True when a referenced variable has "All" selected: no filter at all. */
  all: boolean;
  /** Literal values, in order, without duplicates. */
  values: string[];
  /** Variable references left as text because no such variable exists (e.g. "$namespace" on a dashboard without it). */
  unresolved: string[];
}

// Grafana's variable syntax: $var, [[var:fmt]], ${var.field:fmt}.
export const VARIABLE_REFERENCE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

/** Names of the variables a text references. */
export function referencedVariables(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE_REFERENCE)) {
    names.push(m[1] ?? m[2] ?? m[4]);
  }
  return names;
}

/**
 * Drops explicit formats (`${var:regex}`, `[[var:csv]]`): in Grafana a format written in the text beats the
 * formatter function, and would hand us regex- or comma-joined text instead of the raw values.
 */
export function withoutFormats(text: string): string {
  return text.replace(VARIABLE_REFERENCE, (match, plain, bracket, _bracketFmt, braced, fieldPath) => {
    if (plain) {
      return match;
    }
    const name = bracket ?? braced;
    return fieldPath ? `\${${name}.${fieldPath}}` : `\${${name}}`;
  });
}

function isAllToken(value: unknown): boolean {
  return value === ALL_NAMESPACES || (Array.isArray(value) && value.includes(ALL_NAMESPACES));
}

/**
 * Whether the text references a variable whose current selection is "All". Checked before replace(): with a
 * custom "all value" (e.g. `.*`) Grafana substitutes that text without calling the formatter.
 */
function referencesAllSelection(text: string, scopedVars: ScopedVars | undefined, srv: TemplateSrvLike): boolean {
  const names = referencedVariables(text);
  if (names.length === 0) {
    return false;
  }
  const variables = safeVariables(srv);
  return names.some((name) => {
    const scoped = scopedVars?.[name];
    if (scoped) {
      return isAllToken(scoped.value);
    }
    const variable = variables.find((v) => v.name === name);
    return variable !== undefined && isAllToken(variable.current?.value);
  });
}

function safeVariables(srv: TemplateSrvLike): Array<{ name: string; current?: { value?: unknown } }> {
  try {
    const list = srv.getVariables();
    return Array.isArray(list)
      ? (list.filter((v) => v && typeof (v as { name?: unknown }).name === 'string') as Array<{
          name: string;
          current?: { value?: unknown };
        }>)
      : [];
  } catch {
    return [];
  }
}

function toStringList(value: unknown): string[] {
  if (value === null || value === undefined) {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap(toStringList);
  }
  return [String(value)];
}

function randomNonce(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}

/**
 * Interpolates one field into its literal values. A multi-value variable gives several values; text around a
 * variable ("prefix-$var") is kept around each value. "All" (Grafana's `$__all`, in the formatter's input, the
 * variable's current value or the scoped vars) gives `{all: true}`.
 */
export function interpolateValues(
  text: string,
  scopedVars: ScopedVars | undefined,
  srv: TemplateSrvLike
): InterpolatedValues {
  if (text === ALL_NAMESPACES) {
    return { all: true, values: [], unresolved: [] };
  }
  if (referencedVariables(text).length === 0) {
    return { all: false, values: text === '' ? [] : [text], unresolved: [] };
  }
  if (referencesAllSelection(text, scopedVars, srv)) {
    return { all: true, values: [], unresolved: [] };
  }
  // Each variable occurrence becomes a marker no value can forge (NUL + per-call nonce); values are kept aside.
  const nonce = randomNonce();
  const captured: string[][] = [];
  let all = false;
  const formatter = (value: unknown) => {
    if (isAllToken(value)) {
      all = true;
      return '';
    }
    captured.push(toStringList(value));
    return `\u0000${nonce}:${captured.length - 1}\u0000`;
  };
  const replaced = srv.replace(withoutFormats(text), scopedVars, formatter);
  if (all) {
    return { all: true, values: [], unresolved: [] };
  }
  const marker = new RegExp(`\u0000${nonce}:(\\d+)\u0000`, 'g');
  // Cartesian expansion of literal pieces and captured value lists; references left in the literal pieces
  // (not in values) are variables Grafana did not know.
  const unresolved: string[] = [];
  let results: string[] = [''];
  let last = 0;
  for (const m of replaced.matchAll(marker)) {
    const literal = replaced.slice(last, m.index);
    unresolved.push(...referencedVariables(literal));
    const options = captured[Number(m[1])] ?? [];
    results = results.flatMap((prefix) => options.map((v) => prefix + literal + v));
    last = (m.index ?? 0) + m[0].length;
  }
  const tail = replaced.slice(last);
  unresolved.push(...referencedVariables(tail));
  results = results.map((prefix) => prefix + tail).filter((v) => v !== '');
  return { all: false, values: [...new Set(results)], unresolved: [...new Set(unresolved)] };
}

export interface InterpolatedScalar {
  value: string;
  unresolved: string[];
  /** The field expanded to several values; `value` is the first. */
  multiple: boolean;
  all: boolean;
}

/** Interpolates a single-valued field (a node name, a scope label value, a duration). */
export function interpolateScalar(
  text: string,
  scopedVars: ScopedVars | undefined,
  srv: TemplateSrvLike
): InterpolatedScalar {
  const { all, values, unresolved } = interpolateValues(text, scopedVars, srv);
  return { value: values[0] ?? '', multiple: values.length > 1, all, unresolved };
}
