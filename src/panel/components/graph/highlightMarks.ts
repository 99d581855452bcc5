/**
 * Where an instance keeps the highlight's marks (highlighted or dimmed, per element). Where the canvas renderer draws
 * the dimming (graph/drawnDimming.ts) they are the panel's own, and a change restyles nothing; elsewhere (headless
 * instances, WebGL) they are the classes the stylesheet dims.
 */
import type cytoscape from 'cytoscape';
import { drawnDimmingOf, elementItself, type DrawnDimming } from '../../graph/drawnDimming';
import { CLASS } from '../../graph/style';

export type Mark = 'lit' | 'dim';

export type MarkChange = readonly [cytoscape.SingularElementArgument, Mark | undefined];

export interface MarkStore {
  of(e: cytoscape.SingularElementArgument): Mark | undefined;
  /** The elements marked now. */
  marked(): cytoscape.Collection;
  /** Writes the marks (undefined clears one); returns the elements Cytoscape restyles for them. */
  write(changes: readonly MarkChange[]): cytoscape.Collection;
}

function classMarks(cy: cytoscape.Core): MarkStore {
  return {
    of: (e) => (e.hasClass(CLASS.dim) ? 'dim' : e.hasClass(CLASS.highlight) ? 'lit' : undefined),
    marked: () => cy.elements(`.${CLASS.dim}, .${CLASS.highlight}`),
    write(changes) {
      const lit = cy.collection();
      const dim = cy.collection();
      const cleared = cy.collection();
      for (const [e, mark] of changes) {
        (mark === 'lit' ? lit : mark === 'dim' ? dim : cleared).merge(e);
      }
      // Cytoscape restyles every element a class call touches, changed or not: each is touched once.
      cy.batch(() => {
        cleared.removeClass(`${CLASS.dim} ${CLASS.highlight}`);
        lit.removeClass(CLASS.dim).addClass(CLASS.highlight);
        dim.removeClass(CLASS.highlight).addClass(CLASS.dim);
      });
      return lit.union(dim).union(cleared);
    },
  };
}

/**
 * Per instance whose renderer draws the dimming, the highlighted elements; the dimmed ones are the dimming's own set
 * (drawn from it).
 */
const litOf = new WeakMap<cytoscape.Core, Set<cytoscape.SingularElementArgument>>();

function drawnMarkStore(cy: cytoscape.Core, dimming: DrawnDimming): MarkStore {
  let lit = litOf.get(cy);
  if (!lit) {
    lit = new Set();
    litOf.set(cy, lit);
  }
  const highlighted = lit;
  return {
    of: (e) => (dimming.isDimmed(e) ? 'dim' : highlighted.has(elementItself(e)) ? 'lit' : undefined),
    marked() {
      const out = cy.collection();
      for (const e of [...highlighted, ...dimming.dimmed()]) {
        if (!e.removed()) {
          out.merge(e);
        }
      }
      return out;
    },
    write(changes) {
      const on: cytoscape.SingularElementArgument[] = [];
      const off: cytoscape.SingularElementArgument[] = [];
      for (const [given, mark] of changes) {
        const e = elementItself(given);
        if (mark === 'lit') {
          highlighted.add(e);
        } else {
          highlighted.delete(e);
        }
        if (dimming.isDimmed(e) !== (mark === 'dim')) {
          (mark === 'dim' ? on : off).push(e);
        }
      }
      // Removed elements' marks go with them (the dimming forgets its own).
      for (const e of highlighted) {
        if (e.removed()) {
          highlighted.delete(e);
        }
      }
      dimming.change(on, off);
      return cy.collection();
    },
  };
}

export function markStoreOf(cy: cytoscape.Core): MarkStore {
  const dimming = drawnDimmingOf(cy);
  return dimming ? drawnMarkStore(cy, dimming) : classMarks(cy);
}

/** An element's highlight mark (for tests and the benchmark page, through the graph element's hook). */
export function markOf(cy: cytoscape.Core, id: string): Mark | undefined {
  const e = cy.getElementById(id);
  return e.empty() ? undefined : markStoreOf(cy).of(e);
}
