/**
 * Cytoscape's drawing order (3.34), sorted with each element's keys read once.
 *
 * The renderer draws elements in an order it sorts again whenever an element is added or removed, and in compound
 * graphs whenever one moves into another box: each refresh that changes the topology, each expansion. Its comparator
 * reads up to six style properties and two compound depths (each a parents() collection) at every comparison, so a
 * sort of 4,000 elements makes some 50,000 comparisons, with their garbage, measured at about 12 ms of a topology
 * refresh at 1,000 nodes.
 *
 * The renderer's getCachedZSortedEles is replaced by one that reads each element's keys once (compound depth rule,
 * nodes above edges, z-index, place in the instance) and sorts by them in the comparator's order. The comparator is
 * a total order (the places differ), so the result is the same array. A unit test compares it with Cytoscape's own
 * method on graphs with boxes, z-index and z-compound-depth.
 */
import type { Core } from 'cytoscape';

/** The element methods the order reads. */
export interface OrderedElement {
  pstyle(name: string): { value: unknown };
  isNode(): boolean;
  zDepth(): number;
  poolIndex(): number;
  interactive(): boolean;
}

/** The drawing order as the renderer keeps it: the sorted elements, and its lists derived from them. */
export interface DrawingOrder extends Array<OrderedElement> {
  interactive?: OrderedElement[];
}

interface OrderingRenderer {
  cy: { mutableElements(): { toArray(): OrderedElement[] }; hasCompoundNodes(): boolean };
  cachedZSortedEles?: DrawingOrder | null;
  updateCachedGrabbedEles(): void;
  getCachedZSortedEles?(forceRecalc?: boolean): DrawingOrder;
}

/** Cytoscape's depth for z-compound-depth `top`. */
const TOP = Number.MAX_SAFE_INTEGER;

/**
 * `eles` in Cytoscape's drawing order (its zIndexSort): compound depth rule, then nodes over edges (unless
 * z-index-compare is manual), then z-index, then the place in the instance.
 */
export function inDrawingOrder(eles: readonly OrderedElement[], hasCompoundNodes: boolean): OrderedElement[] {
  const n = eles.length;
  const depth = new Float64Array(n);
  const kind = new Float64Array(n);
  const z = new Float64Array(n);
  const place = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ele = eles[i];
    const rule = ele.pstyle('z-compound-depth').value;
    depth[i] =
      rule === 'auto' ? (hasCompoundNodes ? ele.zDepth() : 0) : rule === 'bottom' ? -1 : rule === 'top' ? TOP : 0;
    kind[i] = ele.pstyle('z-index-compare').value === 'auto' && ele.isNode() ? 1 : 0;
    z[i] = Number(ele.pstyle('z-index').value);
    place[i] = ele.poolIndex();
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => depth[a] - depth[b] || kind[a] - kind[b] || z[a] - z[b] || place[a] - place[b]);
  return order.map((i) => eles[i]);
}

/** Replaces the canvas renderer's drawing-order sort with the keyed one; no-op for other renderers. */
export function sortDrawingOrderByKeys(cy: Core): void {
  const r = (cy as unknown as { renderer?(): OrderingRenderer | undefined }).renderer?.();
  if (!r || typeof r.getCachedZSortedEles !== 'function' || typeof r.updateCachedGrabbedEles !== 'function') {
    return;
  }
  r.getCachedZSortedEles = function (this: OrderingRenderer, forceRecalc?: boolean) {
    if (!forceRecalc && this.cachedZSortedEles) {
      return this.cachedZSortedEles;
    }
    const eles: DrawingOrder = inDrawingOrder(this.cy.mutableElements().toArray(), this.cy.hasCompoundNodes());
    eles.interactive = eles.filter((ele) => ele.interactive());
    this.cachedZSortedEles = eles;
    this.updateCachedGrabbedEles();
    return eles;
  };
}
