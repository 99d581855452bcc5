/**
 * An element's cached bounding box, read without Cytoscape's per-call garbage (3.34).
 *
 * The canvas renderer asks each element it draws for its bounding box, two or three times per drawing (the layer,
 * the cached texture, the plain-line shortcut). Cytoscape's boundingBox() answers a single element from its cache,
 * but first checks that the cache is still good: it makes a memoizing closure, then hashes the element's rounded
 * position (an array, an iterator and its entry object). At 1,000 nodes and 3,000 edges a refresh that draws the
 * graph again spent 15–17 ms there, and its garbage.
 *
 * The collection prototype's boundingBox is wrapped: for one element and no options, when the cache is there, the
 * style is clean and the position hash (the same sdbm hash of the same rounded coordinates) equals the cached one,
 * it returns the cached box as Cytoscape would, finished the same way. Anything else, or a hash that does not match
 * (a moved element, or a Cytoscape that hashes differently), goes to Cytoscape's own method. A unit test checks the
 * hash against the key Cytoscape stores and the answers against Cytoscape's.
 */
import type { BoundingBox12, BoundingBoxWH, Core } from 'cytoscape';

type Box = BoundingBox12 & BoundingBoxWH;

interface Point {
  x: number;
  y: number;
}

/** The element's parts the check reads. */
export interface BoundedElement {
  _private: {
    group: string;
    position: Point;
    source?: { _private: { position: Point } };
    target?: { _private: { position: Point } };
    bbCache?: Box | null;
    bbCachePosKey?: number | null;
    styleDirty?: boolean;
  };
}

interface BoundedCollection {
  length: number;
  [index: number]: BoundedElement;
  boundingBox(options?: unknown): Box;
}

/** Cytoscape's sdbm hash of integers: its seed and factor. */
const SEED = 9261;
const FACTOR = 65599;

const step = (hash: number, v: number) => (hash * FACTOR + Math.round(v)) | 0;

/** The key Cytoscape stores with an element's cached box: a hash of its rounded position (an edge's: its ends'). */
export function positionKey(ele: BoundedElement): number {
  const p = ele._private;
  if (p.group === 'edges' && p.source && p.target) {
    const s = p.source._private.position;
    const t = p.target._private.position;
    return step(step(step(step(SEED, s.x), s.y), t.x), t.y);
  }
  return step(step(SEED, p.position.x), p.position.y);
}

/** Cytoscape's last step: infinite coordinates read as 0. */
const finite = (x: number) => (x === Infinity || x === -Infinity ? 0 : x);

const WRAPPED = Symbol('meshgraph.cachedBounds');

/** Wraps the collection prototype's boundingBox once per Cytoscape module (the prototype is shared). */
export function readCachedBoundsDirectly(cy: Core): void {
  const proto = Object.getPrototypeOf(cy.collection()) as BoundedCollection & { [WRAPPED]?: true };
  const own = proto.boundingBox;
  if (proto[WRAPPED] || typeof own !== 'function') {
    return;
  }
  proto.boundingBox = function (this: BoundedCollection, options?: unknown) {
    if (options === undefined && this.length === 1) {
      const p = this[0]._private;
      const bb = p.bbCache;
      if (bb && !p.styleDirty && p.bbCachePosKey === positionKey(this[0])) {
        bb.x1 = finite(bb.x1);
        bb.y1 = finite(bb.y1);
        bb.x2 = finite(bb.x2);
        bb.y2 = finite(bb.y2);
        bb.w = finite(bb.x2 - bb.x1);
        bb.h = finite(bb.y2 - bb.y1);
        return bb;
      }
    }
    return own.call(this, options);
  };
  Object.defineProperty(proto, WRAPPED, { value: true });
}
