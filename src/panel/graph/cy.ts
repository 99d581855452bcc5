/**
 * Creating Cytoscape instances. Layout extensions are registered once per Cytoscape module; registering twice
 * throws in some versions, so the check asks Cytoscape itself (no module-level flag to get out of sync).
 * The component creates instances only through createCy(), so tests can swap in a headless instance.
 * fCoSE (rarely chosen, about a tenth of the bundle) is loaded on demand through the plugin's public path.
 */
import cytoscape, { Core, CytoscapeOptions } from 'cytoscape';
import dagre from 'cytoscape-dagre';

type ExtensionLookup = (type: string, name: string) => unknown;

export function hasLayout(name: string, cy: typeof cytoscape = cytoscape): boolean {
  try {
    return !!(cy as unknown as ExtensionLookup)('layout', name);
  } catch {
    return false;
  }
}

function register(cy: typeof cytoscape, name: string, ext: unknown): void {
  if (!hasLayout(name, cy)) {
    try {
      cy.use(ext as cytoscape.Ext);
    } catch {
      // Another copy registered it between the check and now: fine.
    }
  }
}

export function registerLayouts(cy: typeof cytoscape = cytoscape): void {
  register(cy, 'dagre', dagre);
}

/** Loads and registers fCoSE (a separate chunk). */
export async function loadFcose(cy: typeof cytoscape = cytoscape): Promise<void> {
  if (hasLayout('fcose', cy)) {
    return;
  }
  const mod = (await import(/* webpackChunkName: "panel/fcose" */ 'cytoscape-fcose')) as unknown as {
    default?: unknown;
  };
  register(cy, 'fcose', mod.default ?? mod);
}

export function createCy(options: CytoscapeOptions): Core {
  registerLayouts();
  return cytoscape(options);
}
