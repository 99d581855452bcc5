/**
 * Test helper: a small PromQL evaluator for the subset the planner emits (selectors, rate, sum by, round,
 * comparisons with a scalar, or, unless, /, histogram_quantile). A series is given with its per-second rate
 * (and `rate(m[d])` returns it), so tests can run the real planned queries over hand-built mesh telemetry.
 */
import { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { VectorSample } from '../client/types';
import { unquote } from './parse.testutil';

export interface RawSeries {
  labels: Record<string, string>;
  /** Per-second rate over the window. */
  rate: number;
}

type Vec = Array<{ labels: Record<string, string>; value: number }>;
type Val = Vec | number;

function key(labels: Record<string, string>, only?: string[]): string {
  const ks = (only ?? Object.keys(labels)).filter((k) => k !== '__name__').sort();
  return ks.map((k) => `${k}=${labels[k] ?? ''}`).join('\u0001');
}

export function evaluate(expr: string, series: RawSeries[]): VectorSample[] {
  const tree = parser.parse(expr);
  const text = (n: SyntaxNode) => expr.slice(n.from, n.to);
  const children = (n: SyntaxNode): SyntaxNode[] => {
    const out: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      out.push(c);
    }
    return out;
  };
  const select = (vs: SyntaxNode): Vec => {
    const ident = vs.getChild('Identifier');
    const metric = ident ? text(ident) : undefined;
    const ms = vs.getChild('LabelMatchers');
    const matchers = ms
      ? ms.getChildren('UnquotedLabelMatcher').map((m) => ({
          name: text(m.getChild('LabelName')!),
          op: text(m.getChild('MatchOp')!),
          value: unquote(text(m.getChild('StringLiteral')!)),
        }))
      : [];
    return series
      .filter((s) => metric === undefined || s.labels.__name__ === metric)
      .filter((s) =>
        matchers.every((m) => {
          const v = s.labels[m.name] ?? '';
          switch (m.op) {
            case '=':
              return v === m.value;
            case '!=':
              return v !== m.value;
            case '=~':
              return new RegExp('^(?:' + m.value + ')$').test(v);
            case '!~':
              return !new RegExp('^(?:' + m.value + ')$').test(v);
          }
          throw new Error('bad op ' + m.op);
        })
      )
      .map((s) => ({ labels: { ...s.labels }, value: s.rate }));
  };
  const ev = (n: SyntaxNode): Val => {
    switch (n.name) {
      case 'PromQL':
      case 'ParenExpr':
        return ev(children(n).find((c) => c.name !== '(' && c.name !== ')')!);
      case 'NumberDurationLiteral':
        return Number(text(n));
      case 'VectorSelector':
        return select(n);
      case 'MatrixSelector':
        return select(n.getChild('VectorSelector')!);
      case 'FunctionCall': {
        const fn = text(n.getChild('FunctionIdentifier')!);
        const args = children(n.getChild('FunctionCallBody')!).filter(
          (c) => c.name !== '(' && c.name !== ')' && c.name !== ','
        );
        if (fn === 'rate') {
          return (ev(args[0]) as Vec).map((s) => {
            const labels = { ...s.labels };
            delete labels.__name__;
            return { labels, value: s.value };
          });
        }
        if (fn === 'round') {
          const to = args[1] ? (ev(args[1]) as number) : 1;
          return (ev(args[0]) as Vec).map((s) => ({
            labels: s.labels,
            value: Math.floor(s.value * (1 / to) + 0.5) / (1 / to),
          }));
        }
        if (fn === 'histogram_quantile') {
          return quantile(ev(args[0]) as number, ev(args[1]) as Vec);
        }
        throw new Error('unsupported function ' + fn);
      }
      case 'AggregateExpr': {
        const op = text(n.getChild('AggregateOp')!);
        const mod = n.getChild('AggregateModifier');
        const by = mod ? mod.getChild('GroupingLabels')!.getChildren('LabelName').map(text) : [];
        const body = children(n.getChild('FunctionCallBody')!).find((c) => c.name !== '(' && c.name !== ')')!;
        const v = ev(body) as Vec;
        const groups = new Map<string, { labels: Record<string, string>; value: number }>();
        for (const s of v) {
          const labels: Record<string, string> = {};
          for (const l of by) {
            if (s.labels[l] !== undefined && s.labels[l] !== '') {
              labels[l] = s.labels[l];
            }
          }
          const k = key(labels);
          const g = groups.get(k);
          if (!g) {
            groups.set(k, { labels, value: s.value });
          } else if (op === 'sum') {
            g.value += s.value;
          } else {
            throw new Error('unsupported aggregation ' + op);
          }
        }
        return [...groups.values()];
      }
      case 'BinaryExpr': {
        const cs = children(n);
        const lhs = ev(cs[0]);
        const opNode = cs[1];
        const rhs = ev(cs[cs.length - 1]);
        const op = opNode.name;
        if (op === 'Or' || op === 'Unless') {
          const l = lhs as Vec;
          const r = rhs as Vec;
          const lk = new Set(l.map((s) => key(s.labels)));
          if (op === 'Or') {
            return [...l, ...r.filter((s) => !lk.has(key(s.labels)))];
          }
          const rk = new Set(r.map((s) => key(s.labels)));
          return l.filter((s) => !rk.has(key(s.labels)));
        }
        if (op === 'Gtr' && typeof rhs === 'number') {
          return (lhs as Vec).filter((s) => s.value > rhs);
        }
        if (op === 'Div' && Array.isArray(lhs) && Array.isArray(rhs)) {
          const rm = new Map(rhs.map((s) => [key(s.labels), s.value]));
          return lhs
            .filter((s) => rm.has(key(s.labels)))
            .map((s) => ({ labels: s.labels, value: s.value / rm.get(key(s.labels))! }));
        }
        throw new Error('unsupported binary ' + op);
      }
      default:
        throw new Error('unsupported node ' + n.name + ': ' + text(n));
    }
  };
  const out = ev(tree.topNode) as Vec;
  return out.map((s) => ({ metric: s.labels, value: s.value }));
}

function quantile(q: number, v: Vec): Vec {
  const groups = new Map<string, { labels: Record<string, string>; buckets: Array<[number, number]> }>();
  for (const s of v) {
    const labels = { ...s.labels };
    const le = Number(labels.le === '+Inf' ? Infinity : labels.le);
    delete labels.le;
    const k = key(labels);
    const g = groups.get(k) ?? { labels, buckets: [] };
    g.buckets.push([le, s.value]);
    groups.set(k, g);
  }
  const out: Vec = [];
  for (const g of groups.values()) {
    const b = g.buckets.sort((x, y) => x[0] - y[0]);
    const total = b[b.length - 1][1];
    const rank = q * total;
    let i = b.findIndex(([, c]) => c >= rank);
    if (i === b.length - 1 && b[i][0] === Infinity) {
      out.push({ labels: g.labels, value: b[b.length - 2]?.[0] ?? NaN });
      continue;
    }
    const [ub, c] = b[i];
    const [lb, pc] = i > 0 ? b[i - 1] : [0, 0];
    out.push({ labels: g.labels, value: lb + (ub - lb) * ((rank - pc) / (c - pc || 1)) });
    i++;
  }
  return out;
}
