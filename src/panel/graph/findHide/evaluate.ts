/**
 * Evaluates a parsed Find/Hide query over flat element data, and applies Kiali's hide rules (model §10.9):
 * hide the matches, then the edges of hidden nodes, then nodes whose edges are all hidden (idle nodes excepted),
 * then boxes left empty (repeated for nested boxes).
 */
import type { BinaryTerm, Clause, FindHideQuery, Op, Term } from './parse';

type Data = Record<string, unknown>;

const NEGATIVE_OPS: ReadonlySet<Op> = new Set(['!=', '!*=', '!^=', '!$=']);

function hasValue(v: unknown): boolean {
  if (typeof v === 'number') {
    return Number.isFinite(v) && v !== 0;
  }
  return v !== undefined && v !== null && v !== '' && v !== false;
}

function compareNumber(v: unknown, op: Op, n: number): boolean {
  const x = typeof v === 'number' ? v : NaN;
  if (!Number.isFinite(x)) {
    // An unknown value satisfies no comparison, except "is not n".
    return op === '!=';
  }
  switch (op) {
    case '=':
      return x === n;
    case '!=':
      return x !== n;
    case '>':
      return x > n;
    case '>=':
      return x >= n;
    case '<':
      return x < n;
    case '<=':
      return x <= n;
    default:
      return false;
  }
}

function compareString(v: unknown, op: Op, s: string): boolean {
  const x = v === undefined || v === null ? '' : String(v);
  switch (op) {
    case '=':
      return x === s;
    case '!=':
      return x !== s;
    case '*=':
      return x.includes(s);
    case '!*=':
      return !x.includes(s);
    case '^=':
      return x.startsWith(s);
    case '!^=':
      return !x.startsWith(s);
    case '$=':
      return x.endsWith(s);
    case '!$=':
      return !x.endsWith(s);
    default:
      return false;
  }
}

function matchOneProp(t: BinaryTerm, v: unknown): boolean {
  switch (t.value.kind) {
    case 'nan':
      return t.op === '=' ? !hasValue(v) : hasValue(v);
    case 'number':
      return compareNumber(v, t.op, t.value.n);
    case 'string':
      return compareString(v, t.op, t.value.s);
  }
}

function matchTerm(t: Term, d: Data): boolean {
  if (t.kind === 'unary') {
    return t.test(d);
  }
  if (t.props.length === 1) {
    return matchOneProp(t, d[t.props[0]]);
  }
  // `name`: positive operators match any of the names, negative ones require all of them to differ.
  // Empty names are skipped so "name != x" is not trivially true for a missing field.
  const present = t.props.map((p) => d[p]).filter((v) => v !== undefined && v !== '');
  if (present.length === 0) {
    return NEGATIVE_OPS.has(t.op);
  }
  return NEGATIVE_OPS.has(t.op) ? present.every((v) => matchOneProp(t, v)) : present.some((v) => matchOneProp(t, v));
}

function matchClause(c: Clause, d: Data): boolean {
  return c.terms.every((t) => matchTerm(t, d));
}

export interface ElementsData {
  nodes: Iterable<Data & { id: string }>;
  edges: Iterable<Data & { id: string; source: string; target: string }>;
}

export interface Selection {
  nodes: Set<string>;
  edges: Set<string>;
}

/** Ids of the nodes and edges an expression selects. */
export function select(query: FindHideQuery, els: ElementsData): Selection {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  const nodeClauses = query.clauses.filter((c) => c.target === 'node');
  const edgeClauses = query.clauses.filter((c) => c.target === 'edge');
  if (nodeClauses.length > 0) {
    for (const n of els.nodes) {
      if (nodeClauses.some((c) => matchClause(c, n))) {
        nodes.add(n.id);
      }
    }
  }
  if (edgeClauses.length > 0) {
    for (const e of els.edges) {
      if (edgeClauses.some((c) => matchClause(c, e))) {
        edges.add(e.id);
      }
    }
  }
  return { nodes, edges };
}

/** Everything hidden once a selection is hidden, with Kiali's follow-up rules. */
export function hiddenBySelection(sel: Selection, els: ElementsData): Selection {
  const nodeList = [...els.nodes];
  const edgeList = [...els.edges];
  const hiddenNodes = new Set(sel.nodes);
  const hiddenEdges = new Set(sel.edges);

  // A hidden box hides what it contains.
  const children = new Map<string, string[]>();
  for (const n of nodeList) {
    const parent = n.parent as string | undefined;
    if (parent) {
      children.set(parent, [...(children.get(parent) ?? []), n.id]);
    }
  }
  const stack = [...hiddenNodes];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const c of children.get(id) ?? []) {
      if (!hiddenNodes.has(c)) {
        hiddenNodes.add(c);
        stack.push(c);
      }
    }
  }

  for (const e of edgeList) {
    if (hiddenNodes.has(e.source) || hiddenNodes.has(e.target)) {
      hiddenEdges.add(e.id);
    }
  }

  const edgeCount = new Map<string, number>();
  const hiddenCount = new Map<string, number>();
  for (const e of edgeList) {
    for (const end of new Set([e.source, e.target])) {
      edgeCount.set(end, (edgeCount.get(end) ?? 0) + 1);
      if (hiddenEdges.has(e.id)) {
        hiddenCount.set(end, (hiddenCount.get(end) ?? 0) + 1);
      }
    }
  }
  for (const n of nodeList) {
    const total = edgeCount.get(n.id) ?? 0;
    if (!n.isBox && !n.isIdle && total > 0 && hiddenCount.get(n.id) === total) {
      hiddenNodes.add(n.id);
    }
  }

  // Boxes left without a visible child disappear, inner boxes first (repeat until nothing changes).
  const boxes = nodeList.filter((n) => n.isBox);
  let changed = true;
  while (changed) {
    changed = false;
    for (const b of boxes) {
      if (hiddenNodes.has(b.id)) {
        continue;
      }
      const kids = children.get(b.id) ?? [];
      if (kids.length > 0 && kids.every((k) => hiddenNodes.has(k))) {
        hiddenNodes.add(b.id);
        changed = true;
      }
    }
  }
  return { nodes: hiddenNodes, edges: hiddenEdges };
}
