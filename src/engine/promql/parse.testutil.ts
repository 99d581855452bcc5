/** Test helpers: parse PromQL with Prometheus' own lezer grammar and inspect its matchers, literals and ranges. */
import { parser } from '@prometheus-io/lezer-promql';

export interface ParsedMatcher {
  name: string;
  op: string;
  /** Unescaped value of the string literal. */
  value: string;
}

export interface ParsedQuery {
  /** Syntax errors (lezer error nodes). */
  errors: string[];
  vectorSelectors: number;
  matchers: ParsedMatcher[];
  /** The expression with every string literal replaced by "…": its structure, whatever the values. */
  skeleton: string;
  /** Unescaped values of every string literal, in order. */
  literals: string[];
  /** Range selectors' durations, e.g. ["600s"]. */
  ranges: string[];
}

/** Go-style unquoting of a PromQL string literal ("…", '…' or `…`). */
export function unquotePromString(lit: string): string {
  const q = lit[0];
  if (lit.length < 2 || !['"', "'", '`'].includes(q) || lit[lit.length - 1] !== q) {
    throw new Error(`not a string literal: ${lit}`);
  }
  const body = lit.slice(1, -1);
  if (q === '`') {
    return body;
  }
  const simple: Record<string, string> = {
    n: '\n',
    r: '\r',
    t: '\t',
    '\\': '\\',
    '"': '"',
    "'": "'",
    a: '\x07',
    b: '\b',
    f: '\f',
    v: '\v',
  };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      if (c === q || c === '\n') {
        throw new Error(`unescaped ${JSON.stringify(c)} in ${lit}`);
      }
      out += c;
      continue;
    }
    const n = body[++i];
    if (n in simple) {
      out += simple[n];
    } else if (n === 'u' || n === 'x' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 1 + len), 16));
      i += len;
    } else if (/[0-7]/.test(n)) {
      out += String.fromCharCode(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      throw new Error(`unknown escape \\${n} in ${lit}`);
    }
  }
  return out;
}

export function parsePromQL(expr: string): ParsedQuery {
  const tree = parser.parse(expr);
  const errors: string[] = [];
  const matchers: ParsedMatcher[] = [];
  let vectorSelectors = 0;
  const literalSpans: Array<{ from: number; to: number }> = [];
  const ranges: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(`syntax error at ${node.from}: …${expr.slice(Math.max(0, node.from - 30), node.to + 30)}…`);
      }
      if (node.name === 'VectorSelector') {
        vectorSelectors++;
      }
      if (node.name === 'StringLiteral') {
        literalSpans.push({ from: node.from, to: node.to });
      }
      if (node.name === 'MatrixSelector') {
        const d = node.node.getChild('NumberDurationLiteralInDurationContext') ?? node.node.lastChild;
        if (d) {
          ranges.push(expr.slice(d.from, d.to));
        }
      }
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        const n = node.node;
        const name = n.getChild('LabelName') ?? n.getChild('QuotedLabelName');
        const op = n.getChild('MatchOp');
        const lit = n.getChild('StringLiteral');
        if (!name || !op || !lit) {
          errors.push(`incomplete matcher at ${node.from}`);
          return;
        }
        const rawName = expr.slice(name.from, name.to);
        try {
          matchers.push({
            name: rawName.startsWith('"') ? unquotePromString(rawName) : rawName,
            op: expr.slice(op.from, op.to),
            value: unquotePromString(expr.slice(lit.from, lit.to)),
          });
        } catch (e) {
          errors.push(`bad matcher at ${node.from}: ${(e as Error).message}`);
        }
      }
    },
  });
  let skeleton = '';
  let last = 0;
  const literals: string[] = [];
  for (const span of literalSpans) {
    skeleton += expr.slice(last, span.from) + '"…"';
    const raw = expr.slice(span.from, span.to);
    try {
      literals.push(unquotePromString(raw));
    } catch (e) {
      errors.push(`bad string literal ${raw}: ${(e as Error).message}`);
    }
    last = span.to;
  }
  skeleton += expr.slice(last);
  return { errors, vectorSelectors, matchers, skeleton, literals, ranges };
}

/** The unescaped value of a double-quoted PromQL string literal. */
export const unquote = unquotePromString;

/** Asserts the expression parses without error nodes and returns its structure. */
export function expectValidPromQL(expr: string): ParsedQuery {
  const p = parsePromQL(expr);
  if (p.errors.length > 0) {
    throw new Error(`Invalid PromQL (${p.errors.join('; ')}):\n${expr}`);
  }
  return p;
}
