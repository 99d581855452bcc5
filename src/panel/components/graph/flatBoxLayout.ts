/**
 * Flat boxes (graph/flatBoxes.ts) go with the fast layered layout, whose positions the panel computes itself:
 * plain nodes sized around their visible members wherever those are now (after a layout, a drag or a refresh).
 */
import type { Core } from 'cytoscape';
import type { ElementDefs } from '../../graph/elements';
import { boxRects } from '../../graph/flatBoxes';
import type { LayoutChoice } from '../../graph/layouts';
import { CLASS } from '../../graph/style';

export function usesFlatBoxes(layout: LayoutChoice): boolean {
  return layout.effective === 'layered';
}

/** Sizes and places the flat boxes around the visible leaves where they are now. */
export function fitFlatBoxes(cy: Core, elements: ElementDefs): void {
  const positions = new Map<string, { x: number; y: number }>();
  cy.nodes().forEach((n) => {
    if (!n.data('isBox') && !n.hasClass(CLASS.hidden)) {
      positions.set(n.id(), n.position());
    }
  });
  const rects = boxRects(
    elements.nodes.map((n) => ({ id: n.data.id, parent: n.data.parent as string | undefined, isBox: n.data.isBox })),
    positions
  );
  cy.batch(() => {
    for (const [id, r] of rects) {
      const box = cy.getElementById(id);
      if (box.empty()) {
        continue;
      }
      if (box.data('boxW') !== r.w || box.data('boxH') !== r.h) {
        box.data({ boxW: r.w, boxH: r.h });
      }
      const at = box.position();
      if (at.x !== r.x || at.y !== r.y) {
        box.position({ x: r.x, y: r.y });
      }
    }
  });
}

/** How many boxes enclose the most deeply boxed leaf. */
export function boxDepthOf(nodes: ReadonlyArray<{ id: string; parent?: string }>): number {
  const parentOf = new Map<string, string | undefined>(nodes.map((n) => [n.id, n.parent]));
  let max = 0;
  for (const n of nodes) {
    let d = 0;
    for (let p = n.parent; p !== undefined && d < 10; p = parentOf.get(p)) {
      d++;
    }
    max = Math.max(max, d);
  }
  return max;
}
