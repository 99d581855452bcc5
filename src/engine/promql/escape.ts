/**
 * Escaping for everything that reaches PromQL. Nothing a user types is ever pasted into a query without
 * passing through one of these functions.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Throws unless `name` is a valid Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`). */
export function assertLabelName(name: string): string {
  if (!LABEL_NAME.test(name)) {
    throw new Error(
      `Invalid Prometheus label name ${JSON.stringify(name)}: a label name must match [a-zA-Z_][a-zA-Z0-9_]*`
    );
  }
  return name;
}

export function isValidLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/**
 * A double-quoted PromQL string literal whose unescaped value is exactly `value`.
 * Backslash, double quote and every control character are escaped (\n, \r, \t or \uXXXX).
 */
export function quoteString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x5c) {
      out += '\\\\';
    } else if (c === 0x22) {
      out += '\\"';
    } else if (c === 0x0a) {
      out += '\\n';
    } else if (c === 0x0d) {
      out += '\\r';
    } else if (c === 0x09) {
      out += '\\t';
    } else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else {
      out += value[i];
    }
  }
  return out + '"';
}

/** RE2 metacharacters escaped (as Go's regexp.QuoteMeta), so the regex matches `value` literally. */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** An anchored RE2 alternation matching exactly one of `values` (each taken literally). */
export function regexOneOf(values: string[]): string {
  if (values.length === 0) {
    throw new Error('regexOneOf needs at least one value');
  }
  return '^(' + values.map(escapeRegex).join('|') + ')$';
}
