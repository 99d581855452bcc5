/**
 * Work-arounds for two Cytoscape (3.34) canvas-renderer defects.
 *
 * 1. One makes every frame expensive on large graphs.
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
 *
 * 2. One leaves a stale picture on screen. The layered texture cache swaps a finished replacement layer in
 * (applyLayerReplacement) but records it in each element's `_private.imgLayerCaches`, while everything that reads
 * an element's layer (getLayers, updateElementsInLayers, so invalidateElements) looks in
 * `_private.rscratch.imgLayerCaches`. After a swap the elements still name the layer that was replaced: a later
 * restyle invalidates that one, and the layer on screen stays valid with the old colours. Cytoscape swaps layers
 * when it sharpens textures, and the panel on every refresh that restyles (graph/layerReplacement.ts): measured in
 * the browser, from the second such refresh on, health colours stayed those of the first. So each swap also
 * records the new layer where Cytoscape reads it, and lets the replaced layer go.
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

/** An element as the layered texture cache sees it: which layer holds it, per level. */
export interface LayeredElement {
  _private?: { rscratch?: { imgLayerCaches?: Record<number, unknown> } };
}

interface SwappedLayer {
  level: number;
  replaces?: unknown;
  eles: LayeredElement[];
}

interface LayerSwaps {
  layersByLevel: Record<number, unknown[] | undefined>;
  applyLayerReplacement(layer: SwappedLayer): void;
}

/** The canvas renderer's layered texture cache, as is (undefined for headless instances and other renderers). */
export function layeredTextureCache(cy: Core): Record<string, unknown> | undefined {
  const r = (cy as unknown as { renderer?(): { data?: { lyrTxrCache?: Record<string, unknown> } } }).renderer?.();
  return r?.data?.lyrTxrCache;
}

/** Records `layer` as the one holding `eles`, where Cytoscape reads it. */
export function linkToLayer(eles: Iterable<LayeredElement>, layer: { level: number }): void {
  for (const ele of eles) {
    const rs = ele._private?.rscratch;
    if (rs) {
      (rs.imgLayerCaches ??= {})[layer.level] = layer;
    }
  }
}

function layerSwapsOf(cy: Core): LayerSwaps | undefined {
  const c = layeredTextureCache(cy);
  return c && typeof c.applyLayerReplacement === 'function' && typeof c.layersByLevel === 'object'
    ? (c as unknown as LayerSwaps)
    : undefined;
}

/** After each swap that took place, the elements name their new layer where Cytoscape reads it. */
export function relinkSwappedLayers(cy: Core): void {
  const cache = layerSwapsOf(cy);
  if (!cache) {
    return;
  }
  const apply = cache.applyLayerReplacement;
  cache.applyLayerReplacement = function (layer) {
    apply.call(this, layer);
    // Cytoscape declines some swaps (the replaced layer already gone): then nothing changes hands.
    if (!cache.layersByLevel[layer.level]?.includes(layer)) {
      return;
    }
    linkToLayer(layer.eles, layer);
    // Nothing reads it after the swap, and kept it would hold every earlier layer (a canvas of megabytes each).
    layer.replaces = undefined;
  };
}

/** Pins the flag on the instance's nodes now and on every node added later; relinks swapped layers (canvas). */
export function installCyFixes(cy: Core): void {
  pinBackgrounding(cy.nodes());
  cy.on('add', 'node', (evt) => pin(evt.target as NodeSingular));
  relinkSwappedLayers(cy);
}
