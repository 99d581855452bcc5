/**
 * Which Cytoscape renderer draws the graph: its 2D canvas renderer or its experimental WebGL mode (Cytoscape 3.34:
 * `webgl: true` among the renderer options, which needs a WebGL 2 context).
 *
 * 'auto' picks WebGL only above a node threshold and only where a WebGL 2 context can be created; when a WebGL
 * context is lost the panel falls back to canvas for the rest of its life (see CytoscapeGraph).
 */

export type RendererOption = 'auto' | 'canvas' | 'webgl';
export type RendererName = 'canvas' | 'webgl';

export const RENDERER_OPTIONS: Array<{ value: RendererOption; label: string; description: string }> = [
  { value: 'auto', label: 'Auto', description: 'WebGL above the node threshold when the browser offers WebGL 2' },
  { value: 'canvas', label: 'Canvas', description: 'Cytoscape’s 2D canvas renderer' },
  { value: 'webgl', label: 'WebGL', description: 'Cytoscape’s WebGL renderer (experimental), canvas without WebGL 2' },
];

export interface RendererChoice {
  /** What the option asked for. */
  requested: RendererOption;
  /** What draws the graph. */
  effective: RendererName;
  /** Why the effective renderer differs from a plain reading of the option (shown as a notice), if it does. */
  note?: string;
}

export function isRendererOption(v: unknown): v is RendererOption {
  return v === 'auto' || v === 'canvas' || v === 'webgl';
}

/**
 * @param nodeCount leaf nodes in the graph
 * @param threshold auto: WebGL above this many nodes
 * @param webglAvailable a WebGL 2 context can be created here (and none was lost in this panel)
 */
export function chooseRenderer(
  option: RendererOption,
  nodeCount: number,
  threshold: number,
  webglAvailable: boolean
): RendererChoice {
  if (option === 'canvas') {
    return { requested: option, effective: 'canvas' };
  }
  if (option === 'webgl') {
    return webglAvailable
      ? { requested: option, effective: 'webgl' }
      : { requested: option, effective: 'canvas', note: 'WebGL is not available in this browser: drawn with canvas.' };
  }
  return { requested: option, effective: webglAvailable && nodeCount > threshold ? 'webgl' : 'canvas' };
}

let probed: boolean | undefined;

/**
 * Whether this browser can create a WebGL 2 context (what Cytoscape's WebGL mode asks for; without one it throws
 * while creating the instance). Probed once per page; the probe's context is released at once.
 */
export function webgl2Available(doc: Document | undefined = typeof document === 'undefined' ? undefined : document): boolean {
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
