/**
 * Find and Hide over the members of collapsed rolled-up nodes. A collapsed namespace shows one node, but its
 * `members` list names every member (parseNodeId reads type, cluster, namespace, name and version from an id), so
 * expressions about identity — name, app, workload, service, version, namespace, cluster, node type — can be
 * answered for members without expanding. Clauses about anything else (rates, flags, health) cannot: the id does
 * not say it, and guessing would mark namespaces that hold no match, so such clauses match no member.
 */
import { parseNodeId } from '../../../contract/nodeIds';
import type { PanelNode } from '../types';
import { select } from './evaluate';
import type { Clause, FindHideQuery, Term } from './parse';

/** The element data a member id gives (the names flatten.ts uses for the same things). */
const IDENTITY_PROPS: ReadonlySet<string> = new Set([
  'app',
  'workload',
  'service',
  'version',
  'namespace',
  'cluster',
  'nodeType',
  'aggregateValue',
  'title',
]);

export interface CollapsedMatch {
  /** The rolled-up node holding the matches. */
  id: string;
  kind: 'namespace' | 'cluster';
  /** The namespace (or cluster) name, for messages. */
  name: string;
  /** Member ids that match. */
  members: string[];
  memberCount: number;
}

/** What Find/Hide can know of a member from its id alone. */
export function memberData(id: string): (Record<string, unknown> & { id: string }) | undefined {
  const p = parseNodeId(id);
  if (!p || p.kind === 'namespace' || p.kind === 'cluster') {
    return undefined;
  }
  const nodeType = p.kind === 'versionedApp' ? 'app' : p.kind === 'operation' ? 'aggregate' : p.kind;
  return {
    id,
    nodeType,
    cluster: p.cluster,
    namespace: p.namespace,
    app: p.kind === 'app' || p.kind === 'versionedApp' ? p.name : '',
    workload: p.kind === 'workload' ? p.name : '',
    service: p.kind === 'service' ? p.name : '',
    version: p.version ?? '',
    aggregateValue: '',
    title: '',
  };
}

function identityTerm(t: Term): boolean {
  return t.kind === 'binary' && t.props.every((p) => IDENTITY_PROPS.has(p));
}

/** Node clauses made only of identity terms: the ones members can be judged by. */
export function identityClauses(query: FindHideQuery): Clause[] {
  return query.clauses.filter((c) => c.target === 'node' && c.terms.length > 0 && c.terms.every(identityTerm));
}

function matchClause(c: Clause, d: Record<string, unknown>): boolean {
  // Reuse the evaluator on a one-node element set rather than duplicate its operator rules.
  return select({ expression: '', clauses: [c], needs: [] }, { nodes: [d as { id: string }], edges: [] }).nodes.size > 0;
}

/** The members of each collapsed rolled-up node that the query's identity clauses match (groups with none left out). */
export function findInCollapsed(query: FindHideQuery, nodes: readonly PanelNode[]): CollapsedMatch[] {
  const clauses = identityClauses(query);
  if (clauses.length === 0) {
    return [];
  }
  const out: CollapsedMatch[] = [];
  for (const n of nodes) {
    const r = n.rollup;
    if (!r || r.expanded) {
      continue;
    }
    const members: string[] = [];
    for (const m of r.members) {
      const d = memberData(m);
      if (d && clauses.some((c) => matchClause(c, d))) {
        members.push(m);
      }
    }
    if (members.length > 0) {
      const name = (r.kind === 'namespace' ? n.namespace : n.cluster) || n.title || n.id;
      out.push({ id: n.id, kind: r.kind, name, members, memberCount: r.memberCount });
    }
  }
  return out;
}

/** Collapsed nodes every member of which a Hide expression matches: hiding them all hides the rolled-up node. */
export function hiddenCollapsed(matches: readonly CollapsedMatch[]): string[] {
  return matches.filter((m) => m.members.length > 0 && m.members.length >= m.memberCount).map((m) => m.id);
}

/** "3 matches in collapsed namespace reviews", one sentence per group (at most `limit`, then "and N more"). */
export function collapsedMatchText(matches: readonly CollapsedMatch[], limit = 3): string {
  const parts = matches
    .slice(0, limit)
    .map(
      (m) =>
        `${m.members.length} ${m.members.length === 1 ? 'match' : 'matches'} in collapsed ${m.kind} ${m.name}`
    );
  const more = matches.length > limit ? ` and ${matches.length - limit} more collapsed ${matches[0].kind}s` : '';
  return parts.join('; ') + more;
}
