/**
 * Test double of Grafana's TemplateSrv.replace, following public/app/features/templating/template_srv.ts:
 * scoped vars first; unknown variables left as written; "All" without a custom all value → every option's value
 * (through the formatter); "All" WITH a custom all value → that text, formatter skipped; a function format gets
 * (value, variable); no format + an array → Grafana's default "glob" ({a,b}).
 */
import type { ScopedVars } from '@grafana/data';

import type { TemplateSrvLike } from '../interpolation';

export interface FakeVariable {
  name: string;
  current: { value: string | string[]; text?: string | string[] };
  options?: Array<{ value: string; text?: string }>;
  includeAll?: boolean;
  multi?: boolean;
  allValue?: string | null;
}

const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;
const ALL = '$__all';

function isAll(value: unknown): boolean {
  return value === ALL || (Array.isArray(value) && value[0] === ALL);
}

function formatWith(value: unknown, format: string | Function | undefined, variable?: FakeVariable): string {
  if (typeof format === 'function') {
    return format(value, variable);
  }
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  switch (format) {
    case 'regex':
      return list.length === 1
        ? list[0].replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&')
        : '(' + list.map((v) => v.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&')).join('|') + ')';
    case 'pipe':
      return list.join('|');
    case 'csv':
    case 'raw':
      return list.join(',');
    default:
      return Array.isArray(value) && list.length > 1 ? `{${list.join(',')}}` : list.join(',');
  }
}

export class FakeTemplateSrv implements TemplateSrvLike {
  /** Every replace() call, to check that a function formatter was used. */
  readonly calls: Array<{ target: string; format: unknown }> = [];

  constructor(private variables: FakeVariable[] = []) {}

  getVariables() {
    return this.variables;
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Function): string {
    this.calls.push({ target: target ?? '', format });
    if (!target) {
      return target ?? '';
    }
    VARIABLE.lastIndex = 0;
    return target.replace(VARIABLE, (match, var1, var2, fmt2, var3, _fieldPath, fmt3) => {
      const name = var1 || var2 || var3;
      const fmt = fmt2 || fmt3 || format;
      const scoped = scopedVars?.[name];
      const variable = this.variables.find((v) => v.name === name);
      if (scoped && scoped.value !== undefined && scoped.value !== null) {
        return formatWith(scoped.value, fmt, variable);
      }
      if (!variable) {
        return match;
      }
      let value: unknown = variable.current.value;
      if (isAll(value)) {
        if (variable.allValue) {
          // Grafana: custom all values skip formatting (unless text/percentencode) and are interpolated as is.
          return this.replace(variable.allValue);
        }
        value = (variable.options ?? []).filter((o) => o.value !== ALL).map((o) => o.value);
      }
      return formatWith(value, fmt, variable);
    });
  }
}
