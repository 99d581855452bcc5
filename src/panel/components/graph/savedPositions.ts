/**
 * Saved positions (panel options) and where leaves go before Cytoscape runs: kept nodes stay where they were
 * saved, new ones are placed around them (graph/savedLayout.ts); without saved positions, the panel's own fast
 * layouts. Also what the Save layout control reads back, and whether saving would change anything on screen.
 */
import type { Core } from 'cytoscape';
import type { LayoutEdgeIn, LayoutNodeIn, Point } from '../../graph/fastLayout';
import { LayoutChoice, presetPositions } from '../../graph/layouts';
import { incrementalPositions } from '../../graph/savedLayout';
import { CLASS } from '../../graph/style';

export type SavedPositions = Readonly<Record<string, Point>>;

export function hasSaved(saved: SavedPositions | undefined): saved is SavedPositions {
  return !!saved && Object.keys(saved).length > 0;
}

/** Leaf positions known before Cytoscape runs: saved ones (incremental), or the panel's own layouts. */
export function knownPositions(
  saved: SavedPositions | undefined,
  layout: LayoutChoice,
  nodes: readonly LayoutNodeIn[],
  edges: readonly LayoutEdgeIn[]
): Map<string, Point> | undefined {
  if (hasSaved(saved) && nodes.length > 0) {
    return incrementalPositions(new Map(Object.entries(saved)), nodes, edges).positions;
  }
  return presetPositions(layout.effective, nodes, edges);
}

/** A signature of saved positions (which nodes, where), so other saved positions lay out again. */
export function savedKeyOf(saved: SavedPositions | undefined): string {
  if (!hasSaved(saved)) {
    return 'auto';
  }
  let n = 0;
  let sx = 0;
  let sy = 0;
  let ids = 0;
  for (const [id, p] of Object.entries(saved)) {
    n++;
    sx += p.x * ((n % 7) + 1);
    sy += p.y * ((n % 5) + 1);
    for (let i = 0; i < id.length; i++) {
      ids = (ids * 31 + id.charCodeAt(i)) | 0;
    }
  }
  return `saved:${n}:${sx.toFixed(1)}:${sy.toFixed(1)}:${ids}`;
}

/** Whether every visible leaf is where the saved positions put it (then saving changes nothing on screen). */
export function showsPositions(cy: Core, saved: SavedPositions): boolean {
  let all = true;
  cy.nodes().forEach((n) => {
    if (!all || n.data('isBox') || n.hasClass(CLASS.hidden)) {
      return;
    }
    const p = saved[n.id()];
    const at = n.position();
    all = !!p && Math.abs(at.x - p.x) < 0.5 && Math.abs(at.y - p.y) < 0.5;
  });
  return all;
}

/** Model positions of the visible leaves, rounded to a tenth of a pixel (what Save layout stores). */
export function leafPositions(cy: Core | undefined): Record<string, Point> {
  const out: Record<string, Point> = {};
  cy?.nodes().forEach((n) => {
    if (!n.data('isBox') && !n.hasClass(CLASS.hidden)) {
      const at = n.position();
      out[n.id()] = { x: Math.round(at.x * 10) / 10, y: Math.round(at.y * 10) / 10 };
    }
  });
  return out;
}
