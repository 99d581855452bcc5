/**
 * A work-around for a Cytoscape (3.34) canvas-renderer defect that makes every frame expensive on large graphs.
 *
 * drawNode() calls its drawImages() helper twice per node (images inside, then over the border) and after each
 * call sets the node's `backgrounding` flag (are background images still loading?) from that call's count alone.
 * For a node without a background image the two calls disagree (false, then true), so the flag flips twice on
 * every draw and each flip runs node.updateStyle(): every drawn node (and, in compound graphs, its boxes) is
 * restyled on every frame. The restyles also invalidate the layered texture cache, so Cytoscape never gets to
 * pan by moving cached bitmaps: measured at 1,000 nodes, a cy.panBy() frame takes ≈ 150 ms with the defect and
 * ≈ 17 ms (the display's frame rate) without it.
 *
 * The flag only feeds the `:backgrounding` selector, which the panel's stylesheet does not use; image loads
 * still trigger their own redraw ('background' event). So the flag is pinned to false on every node.
 */
import type { Core, NodeCollection, NodeSingular } from 'cytoscape';

type WithPrivate = { _private?: Record<string, unknown> };

function pin(node: NodeSingular): void {
  const p = (node as unknown as WithPrivate)._private;
  // Only where the internal flag exists as a plain value (the Cytoscape versions this was written against).
  if (!p || !Object.prototype.hasOwnProperty.call(p, 'backgrounding')) {
    return;
  }
  const d = Object.getOwnPropertyDescriptor(p, 'backgrounding');
  if (!d || !('value' in d) || !d.configurable) {
    return;
  }
  Object.defineProperty(p, 'backgrounding', {
    get: () => false,
    set: () => undefined,
    enumerable: d.enumerable,
    configurable: true,
  });
}

export function pinBackgrounding(nodes: NodeCollection): void {
  nodes.forEach(pin);
}

/** Pins the flag on the instance's nodes now and on every node added later. */
export function installCyFixes(cy: Core): void {
  pinBackgrounding(cy.nodes());
  cy.on('add', 'node', (evt) => pin(evt.target as NodeSingular));
}
