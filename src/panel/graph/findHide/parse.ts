/**
 * Parser of Kiali's Find/Hide expressions (model §10.9) into an OR-of-AND list of compiled terms.
 *
 *   expression := clause { OR clause }      clause := term { AND term }   (AND binds tighter; no parentheses)
 *   term       := [!|not] unaryOperand | operand op value
 *   op         := = != > >= < <= *= !*= ^= !^= $= !$=   (also: contains, startswith, endswith, with "not"/"!")
 *
 * Filler words `is`/`has` are dropped ("has cb", "is healthy"). Values are written without quotes. Node and edge
 * criteria can only be mixed across OR. Numeric operands take = != < > <= >= and a number; `= NaN` (any non-number)
 * means "has no value", `!= NaN` "has a value". Every problem comes back as a readable message, never an exception.
 */
import { BinaryOperandDef, Need, OperandDef, Target, lookupOperand } from './operands';

export type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | '*=' | '!*=' | '^=' | '!^=' | '$=' | '!$=';

/** Operator search order matters: longer operators first so "!=" is not read as "!" then "=". */
const OP_ORDER: Array<Op | '!'> = ['!=', '!*=', '!$=', '!^=', '>=', '<=', '*=', '$=', '^=', '=', '>', '<', '!'];
const NUMERIC_OPS: ReadonlySet<string> = new Set(['=', '!=', '>', '>=', '<', '<=']);
const STRING_OPS: ReadonlySet<string> = new Set(['=', '!=', '*=', '!*=', '^=', '!^=', '$=', '!$=']);

export interface BinaryTerm {
  kind: 'binary';
  text: string;
  target: Target;
  operand: string;
  props: string[];
  op: Op;
  /** A number, a string, or 'nan' for "has no value" / "has a value". */
  value: { kind: 'number'; n: number } | { kind: 'string'; s: string } | { kind: 'nan' };
}

export interface UnaryTerm {
  kind: 'unary';
  text: string;
  target: Target;
  operand: string;
  negate: boolean;
  test: (data: Record<string, unknown>) => boolean;
}

export type Term = BinaryTerm | UnaryTerm;

export interface Clause {
  target: Target;
  terms: Term[];
}

export interface FindHideQuery {
  expression: string;
  clauses: Clause[];
  /** Display features the expression relies on (Kiali turns them on): rank, security, response time, … */
  needs: Need[];
}

export type ParseResult = { ok: true; query: FindHideQuery } | { ok: false; error: string };

class ParseError extends Error {}

/** Kiali's prepareValue: normalise spaces, filler words and word operators. */
export function prepare(expression: string): string {
  let s = expression.replace(/\s+/g, ' ').trim();
  s = s.replace(/\bnot\s+/gi, '!');
  s = s.replace(/!\s*contains\b/gi, ' !*= ').replace(/\bcontains\b/gi, ' *= ');
  s = s.replace(/!\s*startswith\b/gi, ' !^= ').replace(/\bstartswith\b/gi, ' ^= ');
  s = s.replace(/!\s*endswith\b/gi, ' !$= ').replace(/\bendswith\b/gi, ' $= ');
  s = s.replace(/(^|[\s!])(?:is|has)\s+/gi, '$1');
  return s.replace(/\s+/g, ' ').trim();
}

function findOp(term: string): { op: Op | '!'; at: number } | undefined {
  for (const op of OP_ORDER) {
    const at = term.indexOf(op);
    if (at >= 0) {
      return { op, at };
    }
  }
  return undefined;
}

function parseTerm(raw: string): Term {
  const text = raw.trim();
  if (!text) {
    throw new ParseError('Empty criterion: an AND or OR is missing its other side.');
  }
  const found = findOp(text);
  if (!found || (found.op === '!' && found.at === 0)) {
    const negate = found?.op === '!';
    const name = (negate ? text.slice(1) : text).trim().toLowerCase();
    if (!name) {
      throw new ParseError('"!" needs an operand after it, e.g. "!healthy".');
    }
    if (/\s/.test(name)) {
      throw new ParseError(`"${text}" is not a criterion: expected an operand, an operator and a value, e.g. "app = reviews".`);
    }
    const def = lookupOperand(name, true);
    if (!def) {
      throw new ParseError(`Unknown operand "${name}".`);
    }
    if (def.kind === 'binary') {
      const example = def.valueKind === 'number' ? `${def.name} > 1` : `${def.name} = value`;
      throw new ParseError(`"${def.name}" needs an operator and a value, e.g. "${example}".`);
    }
    return {
      kind: 'unary',
      text,
      target: def.target,
      operand: def.name,
      negate,
      test: negate ? (def.negatedTest ?? ((d) => !def.test(d))) : def.test,
    };
  }
  if (found.op === '!') {
    throw new ParseError(`"${text}": "!" only goes in front of an operand, e.g. "!healthy" or "app != x".`);
  }
  const op = found.op;
  const left = text.slice(0, found.at).trim();
  const right = text.slice(found.at + op.length).trim();
  if (!left) {
    throw new ParseError(`"${text}": an operand is missing before "${op}".`);
  }
  if (!right) {
    throw new ParseError(`"${text}": a value is missing after "${op}".`);
  }
  const isLabel = /^label:/i.test(left);
  const name = isLabel ? left : left.toLowerCase();
  if (/\s/.test(name)) {
    throw new ParseError(`"${left}" is not an operand (operands are single words such as app, ns, rt).`);
  }
  const def: OperandDef | undefined = lookupOperand(name, false);
  if (!def) {
    throw new ParseError(`Unknown operand "${left}".`);
  }
  if (def.kind === 'unary') {
    throw new ParseError(`"${def.name}" takes no value: write "${def.name}" or "!${def.name}".`);
  }
  return compileBinary(def, op, right, text);
}

function compileBinary(def: BinaryOperandDef, op: Op, right: string, text: string): BinaryTerm {
  const base = { kind: 'binary' as const, text, target: def.target, operand: def.name, props: def.props, op };
  if (def.valueKind === 'number') {
    if (!NUMERIC_OPS.has(op)) {
      throw new ParseError(`"${def.name}" is a number: use = != > >= < <= (not "${op}").`);
    }
    const n = Number(right);
    if (right === '' || !Number.isFinite(n)) {
      if (op === '=' || op === '!=') {
        return { ...base, value: { kind: 'nan' } };
      }
      throw new ParseError(`"${text}": "${right}" is not a number.`);
    }
    return { ...base, value: { kind: 'number', n } };
  }
  if (!STRING_OPS.has(op)) {
    throw new ParseError(`"${def.name}" is text: use = != *= !*= ^= !^= $= !$= (not "${op}").`);
  }
  if (def.values) {
    const mapped = def.values[right.toLowerCase()];
    if (mapped === undefined) {
      const allowed = [...new Set(Object.keys(def.values))].join(', ');
      throw new ParseError(`"${def.name}" must be one of: ${allowed} (got "${right}").`);
    }
    if (op !== '=' && op !== '!=') {
      throw new ParseError(`"${def.name}" only takes = or != (not "${op}").`);
    }
    return { ...base, value: { kind: 'string', s: mapped } };
  }
  return { ...base, value: { kind: 'string', s: right } };
}

export function parseFindHide(expression: string | undefined): ParseResult {
  const source = expression ?? '';
  const prepared = prepare(source);
  if (!prepared) {
    return { ok: true, query: { expression: source, clauses: [], needs: [] } };
  }
  try {
    const clauses: Clause[] = [];
    const needs = new Set<Need>();
    for (const clauseText of prepared.split(/\s+or\s+|^or\s+|\s+or$/i)) {
      if (!clauseText.trim()) {
        throw new ParseError('An OR is missing a criterion on one side.');
      }
      const terms = clauseText.split(/\s+and\s+|^and\s+|\s+and$/i).map((t) => {
        if (!t.trim()) {
          throw new ParseError('An AND is missing a criterion on one side.');
        }
        return parseTerm(t);
      });
      const targets = new Set(terms.map((t) => t.target));
      if (targets.size > 1) {
        const node = terms.find((t) => t.target === 'node');
        const edge = terms.find((t) => t.target === 'edge');
        throw new ParseError(
          `Node and edge criteria can only be combined with OR: "${node?.text}" is about nodes, "${edge?.text}" about edges.`
        );
      }
      for (const t of terms) {
        const def = lookupOperand(t.operand, t.kind === 'unary');
        if (def?.needs) {
          needs.add(def.needs);
        }
      }
      clauses.push({ target: terms[0].target, terms });
    }
    return { ok: true, query: { expression: source, clauses, needs: [...needs] } };
  } catch (e) {
    if (e instanceof ParseError) {
      return { ok: false, error: e.message };
    }
    return { ok: false, error: `Cannot read the expression: ${String(e)}` };
  }
}
