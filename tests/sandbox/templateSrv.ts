/**
 * A TemplateSrv with Grafana's interpolation semantics (public/app/features/templating/template_srv.ts and the
 * scenes format registry): `$var`, `${var}`, `${var:format}`, `${var.path}`, `[[var]]`, `[[var:format]]`;
 * scopedVars win over dashboard variables; multi-value variables default to the `glob` format; "All" expands to
 * every option (or the custom all value, left unformatted); unknown variables stay as written.
 * Type-only imports keep it runnable in Node for its unit test.
 */
import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import { ALL_VALUE, type SandboxVariable } from './params';

type Value = string | string[];
type FormatFunction = (value: unknown, variable?: unknown, defaultFormat?: unknown) => string;

// Grafana's variableRegex.
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}/g;

export function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|[\]{}\/]/g, '\\$&');
}

export function luceneEscape(value: string): string {
  return value.replace(/([\!\*\+\-\=<>\s\&\|\(\)\[\]\{\}\^\~\?\:\\/"])/g, '\\$1');
}

function htmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The value of `fields.<name>` (or `fields["<name>"]`) in the row a data link belongs to. */
function dataMacro(context: unknown, fieldPath: string): string | undefined {
  const ctx = context as
    | {
        frame?: { fields: Array<{ name: string; values: unknown[]; config?: { displayName?: string } }> };
        rowIndex?: number;
      }
    | undefined;
  const m = /^fields(?:\.(.+)|\["(.+)"\])$/.exec(fieldPath);
  if (!ctx?.frame || ctx.rowIndex === undefined || !m) {
    return undefined;
  }
  const name = m[1] ?? m[2];
  const field = ctx.frame.fields.find((f) => f.name === name || f.config?.displayName === name);
  const v = field?.values[ctx.rowIndex];
  return v === undefined || v === null ? undefined : String(v);
}

const list = (value: Value): string[] => (Array.isArray(value) ? value : [value]);

/** Grafana's named formats. `args` are the `:`-separated parts after the name. */
const FORMATS: Record<string, (value: Value, name: string, text: string, args: string[]) => string> = {
  raw: (value) => String(value),
  glob: (value) => (Array.isArray(value) && value.length > 1 ? `{${value.join(',')}}` : String(value)),
  regex: (value) => {
    if (typeof value === 'string') {
      return regexEscape(value);
    }
    const escaped = value.map(regexEscape);
    return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
  },
  lucene: (value) => {
    if (typeof value === 'string') {
      return luceneEscape(value);
    }
    if (value.length === 0) {
      return '__empty__';
    }
    const quoted = value.map((v) => `"${luceneEscape(v)}"`);
    return quoted.length === 1 ? quoted[0] : `(${quoted.join(' OR ')})`;
  },
  pipe: (value) => list(value).join('|'),
  csv: (value) => list(value).join(','),
  join: (value, _name, _text, args) => list(value).join(args[0] ?? ','),
  distributed: (value, name) => {
    const [first, ...rest] = list(value);
    return [first, ...rest.map((v) => `${name}=${v}`)].join(',');
  },
  html: (value) => htmlEscape(list(value).join(', ')),
  json: (value) => JSON.stringify(value),
  percentencode: (value) => encodeURIComponent(Array.isArray(value) ? `{${value.join(',')}}` : value),
  singlequote: (value) =>
    list(value)
      .map((v) => `'${v.replace(/'/g, "\\'")}'`)
      .join(','),
  doublequote: (value) =>
    list(value)
      .map((v) => `"${v.replace(/"/g, '\\"')}"`)
      .join(','),
  sqlstring: (value) =>
    list(value)
      .map((v) => `'${v.replace(/'/g, "''")}'`)
      .join(','),
  text: (_value, _name, text) => text,
  queryparam: (value, name) =>
    list(value)
      .map((v) => `var-${name}=${encodeURIComponent(v)}`)
      .join('&'),
  date: (value, _name, _text, args) => formatDate(Number(value), args[0]),
};

function formatDate(ms: number, how: string | undefined): string {
  if (!Number.isFinite(ms)) {
    return '';
  }
  switch (how) {
    case 'seconds':
      return String(Math.floor(ms / 1000));
    case 'ms':
      return String(ms);
    default:
      // `iso` and anything else: the sandbox does not implement moment format strings.
      return new Date(ms).toISOString();
  }
}

export class SandboxTemplateSrv implements TemplateSrv {
  private variables: SandboxVariable[];
  private timeRange?: { from: number; to: number };

  constructor(variables: SandboxVariable[] = []) {
    this.variables = variables.map((v) => ({ ...v, options: [...v.options], current: [...v.current] }));
  }

  getVariables(): TypedVariableModel[] {
    return this.variables.map((v, index) => toVariableModel(v, index));
  }

  /** Sandbox-only: the variables as configured. */
  getSandboxVariables(): SandboxVariable[] {
    return this.variables.map((v) => ({ ...v, options: [...v.options], current: [...v.current] }));
  }

  /** Sandbox-only: select values, as a user would in the variable picker. */
  setVariable(name: string, values: string | string[]): void {
    const variable = this.variables.find((v) => v.name === name);
    if (!variable) {
      throw new Error(`sandbox: no variable named "${name}"`);
    }
    const next = list(values);
    if (!variable.multi && next.length > 1) {
      throw new Error(`sandbox: variable "${name}" is single-value, got ${next.length} values`);
    }
    if (next.includes(ALL_VALUE) && !variable.includeAll) {
      throw new Error(`sandbox: variable "${name}" has no "All" option`);
    }
    variable.current = [...next];
  }

  /** Sandbox-only: replace a variable's options (e.g. namespaces discovered later). */
  setVariableOptions(name: string, options: string[]): void {
    const variable = this.variables.find((v) => v.name === name);
    if (!variable) {
      throw new Error(`sandbox: no variable named "${name}"`);
    }
    variable.options = [...options];
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.timeRange = { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() };
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    for (const match of target.matchAll(VARIABLE_REGEX)) {
      const name = match[1] || match[2] || match[4];
      if (this.variables.some((v) => v.name === name) || name === '__from' || name === '__to') {
        return true;
      }
    }
    return false;
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(VARIABLE_REGEX, (match, var1, var2, fmt2, var3, fieldPath, fmt3) => {
      const name: string = var1 || var2 || var3;
      const fmt: string | Function | undefined = fmt2 || fmt3 || format;

      // Grafana's data macro for links: `${__data.fields.<name>}` reads the linked row (scopedVars.__dataContext).
      if (name === '__data' && fieldPath && scopedVars?.__dataContext) {
        const value = dataMacro(scopedVars.__dataContext.value, fieldPath);
        if (value !== undefined) {
          return this.formatValue(value, fmt, name, value, undefined);
        }
      }

      const scoped = scopedVars?.[name];
      if (scoped) {
        const value = fieldPath ? getPath(scoped.value, fieldPath) : scoped.value;
        if (value !== null && value !== undefined) {
          const text = scoped.text !== undefined && !fieldPath ? String(scoped.text) : String(value);
          return this.formatValue(toValue(value), fmt, name, text, undefined);
        }
      }

      if ((name === '__from' || name === '__to') && this.timeRange) {
        const ms = String(name === '__from' ? this.timeRange.from : this.timeRange.to);
        return this.formatValue(ms, fmt, name, ms, undefined);
      }
      if (name === '__timezone') {
        return 'utc';
      }
      // Grafana's time-range macro for links: `from=<ms>&to=<ms>`.
      if (name === '__url_time_range' && this.timeRange) {
        return `from=${this.timeRange.from}&to=${this.timeRange.to}`;
      }

      const variable = this.variables.find((v) => v.name === name);
      if (!variable) {
        return match;
      }
      const modelValue = toVariableModel(variable, 0);
      if (variable.current.includes(ALL_VALUE)) {
        const fmtName = typeof fmt === 'string' ? fmt.split(':')[0] : undefined;
        if (variable.allValue && fmtName !== 'text' && fmtName !== 'percentencode') {
          // Grafana skips formatting of custom all values (they are usually regexes such as `.*`).
          return this.replace(variable.allValue);
        }
        const all = variable.allValue ? variable.allValue : [...variable.options];
        return this.formatValue(all, fmt, name, 'All', modelValue);
      }
      const value: Value = variable.multi ? [...variable.current] : (variable.current[0] ?? '');
      return this.formatValue(value, fmt, name, list(value).join(' + '), modelValue);
    });
  }

  private formatValue(
    value: Value,
    format: string | Function | undefined,
    name: string,
    text: string,
    variable: TypedVariableModel | undefined
  ): string {
    if (typeof format === 'function') {
      const fallback = (v: Value, f?: string) => this.formatValue(v, f, name, text, variable);
      return String((format as FormatFunction)(value, variable ?? { name }, fallback));
    }
    const [formatName, ...args] = (format || 'glob').split(':');
    const formatter = FORMATS[formatName] ?? FORMATS.glob;
    return formatter(value, name, text, args);
  }
}

function toValue(value: unknown): Value {
  if (Array.isArray(value)) {
    return value.map((v) => String(v));
  }
  return String(value);
}

function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function toVariableModel(v: SandboxVariable, index: number): TypedVariableModel {
  const isAll = v.current.includes(ALL_VALUE);
  const option = (value: string, selected: boolean) => ({ text: value, value, selected });
  const options = [
    ...(v.includeAll ? [{ text: 'All', value: ALL_VALUE, selected: isAll }] : []),
    ...v.options.map((o) => option(o, !isAll && v.current.includes(o))),
  ];
  const currentValue = v.multi ? [...v.current] : (v.current[0] ?? '');
  const currentText = isAll ? 'All' : v.multi ? [...v.current] : (v.current[0] ?? '');
  const model = {
    id: v.name,
    name: v.name,
    label: v.label ?? v.name,
    type: v.type,
    index,
    global: false,
    hide: 0,
    skipUrlSync: false,
    state: 'Done',
    error: null,
    description: null,
    rootStateKey: 'sandbox',
    query: v.query ?? v.options.join(','),
    multi: Boolean(v.multi),
    includeAll: Boolean(v.includeAll),
    allValue: v.allValue ?? null,
    options,
    current: { text: currentText, value: currentValue, selected: true },
  };
  return model as unknown as TypedVariableModel;
}
