/**
 * Node rank as Kiali's GraphScore (model §10.8): score = inbound edges / all edges + outbound edges / all edges
 * (for the chosen criteria); nodes sorted by score get dense ranks 1…N (ties share a rank), then Kiali's
 * normalisation into 1..100 (identity while the worst rank is ≤ 100). Rank 1 is the busiest node.
 */
export interface RankCriteria {
  inbound: boolean;
  outbound: boolean;
}

export function computeRanks(
  nodeIds: readonly string[],
  edges: ReadonlyArray<{ source: string; target: string }>,
  criteria: RankCriteria = { inbound: true, outbound: true }
): Map<string, number> {
  const ranks = new Map<string, number>();
  if (!criteria.inbound && !criteria.outbound) {
    return ranks;
  }
  const total = edges.length;
  const count = new Map<string, number>();
  for (const e of edges) {
    if (criteria.inbound) {
      count.set(e.target, (count.get(e.target) ?? 0) + 1);
    }
    if (criteria.outbound) {
      count.set(e.source, (count.get(e.source) ?? 0) + 1);
    }
  }
  const scored = nodeIds.map((id) => ({ id, score: total > 0 ? (count.get(id) ?? 0) / total : 0 }));
  scored.sort((a, b) => b.score - a.score);

  let rank = 1;
  let prev: number | undefined;
  for (const s of scored) {
    if (prev !== undefined && prev > s.score) {
      rank += 1;
    }
    ranks.set(s.id, rank);
    prev = s.score;
  }
  const maxRank = rank;
  if (scored.length === 0) {
    return ranks;
  }
  if (maxRank === 1) {
    return ranks;
  }
  // Kiali's formula, kept as written: ceil((1 + (r − 1)(upper − 1)) / (max − 1)), upper = min(max, 100).
  const upper = Math.min(maxRank, 100);
  for (const [id, r] of ranks) {
    ranks.set(id, Math.ceil((1 + (r - 1) * (upper - 1)) / (maxRank - 1)));
  }
  return ranks;
}
