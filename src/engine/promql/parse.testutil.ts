/** Test helpers: parse PromQL with @prometheus-io/lezer-promql and inspect matchers. */
import { parser } from '@prometheus-io/lezer-promql';

export interface ParsedMatcher {
  name: string;
  op: string;
  /** The unescaped value of the string literal. */
  value: string;
}

export interface ParsedQuery {
  errors: string[];
  vectorSelectors: number;
  matchers: ParsedMatcher[];
}

/** Go-style unquoting of a PromQL double-quoted string literal (the escapes Prometheus accepts). */
export function unquote(lit: string): string {
  if (lit.length < 2 || lit[0] !== '"' || lit[lit.length - 1] !== '"') {
    throw new Error(`not a double-quoted literal: ${lit}`);
  }
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      if (c === '"' || c === '\n') {
        throw new Error(`unescaped ${JSON.stringify(c)} in literal ${lit}`);
      }
      out += c;
      continue;
    }
    const n = body[++i];
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
    if (n in simple) {
      out += simple[n];
    } else if (n === 'u') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === 'x') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
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
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(
          `syntax error at ${node.from}: ${JSON.stringify(expr.slice(Math.max(0, node.from - 20), node.to + 20))}`
        );
      }
      if (node.name === 'VectorSelector') {
        vectorSelectors++;
      }
      if (node.name === 'UnquotedLabelMatcher') {
        const n = node.node;
        const name = n.getChild('LabelName');
        const op = n.getChild('MatchOp');
        const lit = n.getChild('StringLiteral');
        if (!name || !op || !lit) {
          errors.push(`incomplete matcher at ${node.from}`);
          return;
        }
        matchers.push({
          name: expr.slice(name.from, name.to),
          op: expr.slice(op.from, op.to),
          value: unquote(expr.slice(lit.from, lit.to)),
        });
      }
    },
  });
  return { errors, vectorSelectors, matchers };
}

/** Asserts the expression parses without error nodes and returns its structure. */
export function expectValidPromQL(expr: string): ParsedQuery {
  const p = parsePromQL(expr);
  if (p.errors.length > 0) {
    throw new Error(`Invalid PromQL (${p.errors.join('; ')}):\n${expr}`);
  }
  return p;
}
