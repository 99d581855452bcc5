/**
 * Which Cytoscape renderer draws the graph: its 2D canvas renderer (the default) or its experimental WebGL mode
 * (Cytoscape 3.34: `webgl: true` among the renderer options, which needs a WebGL 2 context).
 *
 * WebGL is an explicit choice, not picked by size: measured in headless Chromium here (software GL), it pans at
 * 2–4 fps where canvas pans at 60, and Cytoscape 3.34's WebGL label atlas throws while drawing once labels are
 * shown (zoomed in). Where WebGL 2 is missing, its context is lost or drawing fails, the panel draws with canvas
 * (see CytoscapeGraph).
 */

export type RendererOption = 'canvas' | 'webgl';

export const RENDERER_OPTIONS: Array<{ value: RendererOption; label: string; description: string }> = [
  { value: 'canvas', label: 'Canvas', description: 'Cytoscape’s 2D canvas renderer' },
  {
    value: 'webgl',
    label: 'WebGL (experimental)',
    description: 'Cytoscape’s WebGL renderer; canvas where WebGL 2 is missing or fails',
  },
];

export interface RendererChoice {
  /** What the option asked for. */
  requested: RendererOption;
  /** What draws the graph. */
  effective: RendererOption;
  /** Why the effective renderer differs from a plain reading of the option (shown as a notice), if it does. */
  note?: string;
}

export function isRendererOption(v: unknown): v is RendererOption {
  return v === 'canvas' || v === 'webgl';
}

/** @param webglAvailable a WebGL 2 context can be created here */
export function chooseRenderer(option: RendererOption, webglAvailable: boolean): RendererChoice {
  if (option === 'webgl' && !webglAvailable) {
    return {
      requested: option,
      effective: 'canvas',
      note: 'WebGL is not available in this browser: drawn with canvas.',
    };
  }
  return { requested: option, effective: option };
}

let probed: boolean | undefined;

/**
 * Whether this browser can create a WebGL 2 context (what Cytoscape's WebGL mode asks for; without one it throws
 * while creating the instance). Probed once per page; the probe's context is released at once.
 */
export function webgl2Available(
  doc: Document | undefined = typeof document === 'undefined' ? undefined : document
): boolean {
  if (probed !== undefined) {
    return probed;
  }
  probed = false;
  if (!doc) {
    return probed;
  }
  try {
    const canvas = doc.createElement('canvas');
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (gl) {
      probed = !gl.isContextLost();
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
  } catch {
    probed = false;
  }
  return probed;
}

/** Tests only: forget the probe's answer. */
export function resetWebglProbe(): void {
  probed = undefined;
}
