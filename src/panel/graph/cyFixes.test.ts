import cytoscape from 'cytoscape';
import { installCyFixes, relinkSwappedLayers } from './cyFixes';

type Priv = { _private: { backgrounding: boolean } };

describe('installCyFixes', () => {
  it('keeps the backgrounding flag false on present and later nodes, so drawing cannot flip it', () => {
    const cy = cytoscape({ headless: true, elements: [{ data: { id: 'a' } }] });
    const a = cy.getElementById('a') as unknown as Priv;
    // Without the fix the flag is a plain value the renderer flips.
    a._private.backgrounding = true;
    expect(a._private.backgrounding).toBe(true);
    a._private.backgrounding = false;

    installCyFixes(cy);
    a._private.backgrounding = true;
    expect(a._private.backgrounding).toBe(false);
    expect(cy.$(':backgrounding').length).toBe(0);

    cy.add({ data: { id: 'b' } });
    const b = cy.getElementById('b') as unknown as Priv;
    b._private.backgrounding = true;
    expect(b._private.backgrounding).toBe(false);
    cy.destroy();
  });

  // Against the real layer cache in the browser: tests/browser/panel-refresh.test.ts (three refreshes in a row).
  it("records a swapped-in layer where Cytoscape reads an element's layer, and only when the swap took place", () => {
    type Ele = { _private: { rscratch: { imgLayerCaches?: Record<number, unknown> } } };
    const a: Ele = { _private: { rscratch: { imgLayerCaches: { [-2]: 'old' } } } };
    const b: Ele = { _private: { rscratch: {} } };
    const layersByLevel: Record<number, unknown[]> = { [-2]: ['old'] };
    const cache = {
      layersByLevel,
      // Cytoscape's: swaps the layer in where the replaced one is, and records it in the wrong place.
      applyLayerReplacement(layer: { level: number; replaces?: unknown; eles: Ele[] }) {
        const i = layersByLevel[layer.level].indexOf(layer.replaces);
        if (i >= 0) {
          layersByLevel[layer.level][i] = layer;
        }
      },
    };
    const cy = cytoscape({ headless: true });
    (cy as unknown as { renderer(): unknown }).renderer = () => ({ data: { lyrTxrCache: cache } });
    relinkSwappedLayers(cy);
    const declined = { level: -2, replaces: 'gone', eles: [a, b] };
    cache.applyLayerReplacement(declined);
    expect(a._private.rscratch.imgLayerCaches).toEqual({ [-2]: 'old' });
    expect(b._private.rscratch.imgLayerCaches).toBeUndefined();
    const swapped: { level: number; replaces?: unknown; eles: Ele[] } = { level: -2, replaces: 'old', eles: [a, b] };
    cache.applyLayerReplacement(swapped);
    expect(a._private.rscratch.imgLayerCaches?.[-2]).toBe(swapped);
    expect(b._private.rscratch.imgLayerCaches?.[-2]).toBe(swapped);
    // The replaced layer is let go, not held by the one that replaced it.
    expect(swapped.replaces).toBeUndefined();
    expect(declined.replaces).toBe('gone');
  });
});
