/**
 * Creating Cytoscape instances. Layout extensions are registered once per Cytoscape module; registering twice
 * throws in some versions, so the check asks Cytoscape itself (no module-level flag to get out of sync).
 * The component creates instances only through createCy(), so tests can swap in a headless instance.
 */
import cytoscape, { Core, CytoscapeOptions } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import fcose from 'cytoscape-fcose';

type ExtensionLookup = (type: string, name: string) => unknown;

export function registerLayouts(cy: typeof cytoscape = cytoscape): void {
  const lookup = cy as unknown as ExtensionLookup;
  for (const [name, ext] of [
    ['dagre', dagre],
    ['fcose', fcose],
  ] as const) {
    let present = false;
    try {
      present = !!lookup('layout', name);
    } catch {
      present = false;
    }
    if (!present) {
      try {
        cy.use(ext as cytoscape.Ext);
      } catch {
        // Another copy registered it between the check and now: fine.
      }
    }
  }
}

export function createCy(options: CytoscapeOptions): Core {
  registerLayouts();
  return cytoscape(options);
}
