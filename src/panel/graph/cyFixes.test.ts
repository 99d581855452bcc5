import cytoscape from 'cytoscape';
import { installCyFixes } from './cyFixes';

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
});
