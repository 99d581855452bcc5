/**
 * What the graph component's hooks share: the instance as created (so each hook knows what is already in place
 * and skips it), the test hook's attribute writer, and the view limits.
 */
import type cytoscape from 'cytoscape';
import type { ElementDefs } from '../../graph/elements';
import type { Point } from '../../graph/fastLayout';
import { holdLayers } from '../../graph/layerReplacement';
import type { Selection } from '../../graph/findHide';
import type { StyleBlock } from '../../graph/style';

export type Core = cytoscape.Core;

/** What a layout depends on: the layout re-runs when one of these changes (unless the change was placed). */
export interface LayoutParts {
  topology: string;
  effective: string;
  hiddenKey: string;
  savedKey: string;
}

/** The fit padding (px), as Cytoscape's fit and the panel's own first fit use it. */
export const FIT_PADDING = 30;

/**
 * Fits the view to what is drawn, with the fit padding. The hidden class sets `display: none`, and Cytoscape gives
 * such an element, and an edge of such a node, empty bounds: the bounds of all elements are those of the shown ones,
 * so Cytoscape's own list of its elements is fitted, with no collection of the shown ones built. After an expansion
 * (about 6,000 elements) copying and filtering them took about 50 ms of a profiled expansion's 180.
 */
export function fitVisible(cy: Core): void {
  cy.fit(undefined, FIT_PADDING);
}

/**
 * The zoom fitVisible would give, from the nodes' bounds alone: edges run between nodes (without edge labels, their
 * bounds lie within the nodes'), so this measures no edge. Cytoscape's own fit arithmetic, on that box.
 */
export function fitZoomOfNodes(cy: Core): number {
  const fit = (
    cy as unknown as { getFitViewport(bb: cytoscape.BoundingBox12, padding: number): { zoom: number } | undefined }
  ).getFitViewport(cy.nodes().boundingBox(), FIT_PADDING);
  return fit?.zoom ?? cy.zoom();
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 4;

/** A live Cytoscape instance and what it was created with. */
export interface CyInstance {
  cy: Core;
  created: {
    elements: ElementDefs;
    topology: string;
    stylesheet: StyleBlock[];
    found: Selection;
    hidden: Selection;
    size: string;
    /** What the positions the instance was created with were laid out for; undefined: a layout pass is due. */
    layout: LayoutParts | undefined;
  };
}

export type HookedElement = HTMLDivElement & {
  __cy?: Core;
  /** The highlight's mark of an element by id ('lit', 'dim' or undefined). */
  __mark?: (id: string) => string | undefined;
};

export function setAttr(el: HTMLElement | null, name: string, value: string | number): void {
  el?.setAttribute(name, String(value));
}

export function visibleNodeCount(elements: ElementDefs, hidden: Selection): number {
  return elements.nodes.reduce((k, n) => (hidden.nodes.has(n.data.id) ? k : k + 1), 0);
}

/** Toggles a class only on the elements where it changes (Cytoscape restyles every element it is called on). */
export function setClass(
  eles: cytoscape.CollectionReturnValue | cytoscape.NodeCollection | cytoscape.EdgeCollection,
  cls: string,
  on: boolean
): void {
  const change = eles.filter((e) => e.hasClass(cls) !== on);
  if (change.nonempty()) {
    change.toggleClass(cls, on);
  }
}

/** How many nodes and edges the instance holds, counted without building a collection of each as nodes() does. */
export function elementCounts(cy: cytoscape.Core): { nodes: number; edges: number } {
  const all = (cy as unknown as { mutableElements(): cytoscape.CollectionReturnValue }).mutableElements();
  let nodes = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i].isNode()) {
      nodes++;
    }
  }
  return { nodes, edges: all.length - nodes };
}

/** Where the instance's leaves (boxes left out) are now, by id; `skip` leaves out others too. */
export function leafPositions(cy: cytoscape.Core, skip?: (n: cytoscape.NodeSingular) => boolean): Map<string, Point> {
  const out = new Map<string, Point>();
  cy.nodes().forEach((n) => {
    if (!n.data('isBox') && !skip?.(n)) {
      out.set(n.id(), { ...n.position() });
    }
  });
  return out;
}

/** Removes the elements with these ids (those the instance does not hold are ignored). */
export function removeIds(cy: cytoscape.Core, ids: Iterable<string>): void {
  const removed = cy.collection();
  for (const id of ids) {
    removed.merge(cy.getElementById(id));
  }
  cy.remove(removed);
}

interface RendererQueues {
  flushRenderedStyleQueue?(): void;
  getCachedZSortedEles?(): unknown;
}

/**
 * Computes now, in the caller's task, what Cytoscape would otherwise compute at the start of its next frame: the
 * styles and geometry of restyled, added and moved elements, and the drawing order after adds and removes. A
 * refresh that restyles or adds many elements then costs two tasks (this one, and a frame that only draws)
 * instead of one frame twice as long. Headless instances have no renderer: nothing to do.
 */
export function prepareDrawing(cy: cytoscape.Core): void {
  const r = (cy as unknown as { renderer?(): RendererQueues | undefined }).renderer?.();
  r?.flushRenderedStyleQueue?.();
  r?.getCachedZSortedEles?.();
}

/**
 * Computes the bounds of these elements now (call after their styles are computed, e.g. as the last write of a
 * writeThenPrepare, whose next prepareDrawing then takes in what the bounds changed). Cytoscape computes a new
 * element's bounds only when it first draws it, which marks the element changed again: about 100 ms later it
 * invalidated the cached layers for the refresh's new elements a second time.
 */
export function measureBounds(cy: cytoscape.Core, eles: Iterable<string> | cytoscape.Collection): void {
  if ('boundingBox' in eles) {
    eles.boundingBox();
    return;
  }
  const byId = cy.collection();
  for (const id of eles) {
    byId.merge(cy.getElementById(id));
  }
  byId.boundingBox();
}

/** Whether a batch is open (Cytoscape's own flag; not in its type declarations). */
export const batching = (cy: cytoscape.Core): boolean => (cy as unknown as { batching(): boolean }).batching();

/**
 * Runs `fn` in a task of its own, posted now: a MessageChannel message, which browsers run without the clamping of
 * nested timers (a zero-delay timer where there is no MessageChannel). Returns what cancels it, if it has not run.
 */
export function postTask(fn: () => void): () => void {
  if (typeof MessageChannel === 'undefined') {
    const timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(undefined);
  return () => channel.port1.close();
}

/** The rest of a writeThenPrepare, per instance, until its tasks run (or someone needs it now). */
const pendingDrawing = new WeakMap<cytoscape.Core, () => void>();

/**
 * Writes in this task, styles in tasks of their own, a chunk at a time: opens a batch (Cytoscape draws no frame while
 * one is open, so nothing half-written shows) and runs the first write; each next task ends the batch and runs
 * prepareDrawing (the styles and geometry of what was written), then opens a batch for the next write, if any. At
 * 1,000 nodes with health changing, the write (about 15 ms) and the styles (30–50 ms) were two tasks; in three
 * chunks no task is much over 20 ms. Cytoscape's cached layer stays on screen until a replacement drawn behind it,
 * with the restyled and added elements, is ready (holdLayers). Anything that needs the instance settled before the
 * last task (a layout, another update) calls settleDrawing first. Without MessageChannel (jsdom), all of it runs at once.
 */
export function writeThenPrepare(cy: cytoscape.Core, writes: ReadonlyArray<() => void>): void {
  settleDrawing(cy);
  if (writes.length === 0) {
    return;
  }
  const release = holdLayers(cy);
  let next = 0;
  const write = () => {
    cy.startBatch();
    try {
      writes[next++]();
    } catch (e) {
      pendingDrawing.delete(cy);
      cy.endBatch();
      release();
      throw e;
    }
  };
  const styleWritten = () => {
    cy.endBatch();
    prepareDrawing(cy);
  };
  let cancel: (() => void) | undefined;
  // Settles everything now: the batch open, and the writes left.
  const finish = () => {
    cancel?.();
    if (pendingDrawing.get(cy) !== finish) {
      return;
    }
    pendingDrawing.delete(cy);
    try {
      if (!cy.destroyed()) {
        styleWritten();
        while (next < writes.length) {
          write();
          styleWritten();
        }
      }
    } finally {
      release();
    }
  };
  const step = () => {
    if (pendingDrawing.get(cy) !== finish) {
      return;
    }
    if (cy.destroyed() || next >= writes.length) {
      finish();
      return;
    }
    styleWritten();
    write();
    cancel = postTask(step);
  };
  write();
  pendingDrawing.set(cy, finish);
  if (typeof MessageChannel === 'undefined') {
    finish();
  } else {
    cancel = postTask(step);
  }
}

/** Ends now what writeThenPrepare left for its next task, if anything is left. */
export function settleDrawing(cy: cytoscape.Core): void {
  pendingDrawing.get(cy)?.();
}
