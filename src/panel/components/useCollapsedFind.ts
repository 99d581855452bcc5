import { useMemo } from 'react';
import { CollapsedMatch, findInCollapsed, hiddenCollapsed, ParseResult, Selection } from '../graph/findHide';
import type { PanelGraph } from '../graph/types';

const NONE: CollapsedMatch[] = [];

/**
 * Find and Hide over the members of the graph's collapsed rolled-up nodes: the groups holding Find matches, and
 * the groups a Hide expression empties (every member hidden).
 */
export function useCollapsedFind(
  graph: PanelGraph,
  findParsed: ParseResult,
  find: string,
  hideParsed: ParseResult,
  hide: string
): { found: CollapsedMatch[]; hidden: CollapsedMatch[] } {
  const rolled = useMemo(() => graph.nodes.filter((n) => n.rollup && !n.rollup.expanded), [graph]);
  const found = useMemo(
    () => (findParsed.ok && find && rolled.length > 0 ? findInCollapsed(findParsed.query, rolled) : NONE),
    [findParsed, find, rolled]
  );
  const hidden = useMemo(() => {
    if (!hideParsed.ok || !hide || rolled.length === 0) {
      return NONE;
    }
    const matches = findInCollapsed(hideParsed.query, rolled);
    const emptied = new Set(hiddenCollapsed(matches));
    return emptied.size === 0 ? NONE : matches.filter((m) => emptied.has(m.id));
  }, [hideParsed, hide, rolled]);
  return { found, hidden };
}

/** The rolled-up nodes of some matches, as a selection. */
export function collapsedSelection(matches: readonly CollapsedMatch[]): Selection {
  return { nodes: new Set(matches.map((m) => m.id)), edges: new Set() };
}
