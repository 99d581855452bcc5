/**
 * A rolled-up graph in Kiali's JSON (the CLI's default format). Kiali has no rolled-up nodes, so this is Meshgraph's
 * extension of Kiali's format, kept apart from Kiali's own fields:
 * - rolled-up nodes have nodeType "namespace" or "cluster", with Kiali's `traffic` (their inbound and outbound
 *   edges, as for any node), `healthData` (worst member) and flags (isOutside, isRoot, isIdle, isDead);
 * - every rolled-up node (and expanded box) has `rollup`: kind, memberCount, memberTypes, members (the member ids
 *   hashed as Kiali hashes ids, so they match the unrolled graph's JSON), health { worst, byStatus }, traffic and
 *   expanded; nodes of a group have `group` (the hashed id of their rolled-up node);
 * - summed edges have `memberEdges`, the number of unrolled edges they sum;
 * - the graph has `rollup`: requested, by, budget, fullNodes, fullEdges, expanded (hashed ids).
 * Numbers in these extensions are JSON numbers (Kiali's own fields keep Kiali's strings).
 */
import type { GraphEdge, GraphModel, GraphNode, RollupInfo } from '../graph';

type Hash = (id: string) => string;

export function kialiRollupNode(n: GraphNode, hash: Hash): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (n.rollup) {
    out.rollup = { ...n.rollup, members: n.rollup.members.map(hash) };
  }
  if (n.group !== undefined) {
    out.group = hash(n.group);
  }
  return out;
}

export function kialiRollupEdge(e: GraphEdge): Record<string, unknown> {
  return e.memberEdges !== undefined ? { memberEdges: e.memberEdges } : {};
}

export function kialiRollupGraph(model: GraphModel, hash: Hash): { rollup?: RollupInfo } {
  return model.rollup ? { rollup: { ...model.rollup, expanded: model.rollup.expanded.map(hash) } } : {};
}
