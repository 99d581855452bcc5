/**
 * The highlight's dimming, drawn by Cytoscape's canvas renderer (3.34) instead of styled.
 *
 * Selecting or hovering an element dims everything it does not reach. As a class with `opacity: 0.25`, every element
 * whose mark changed went through Cytoscape's style pipeline: matched against each of the stylesheet's selectors, its
 * style hints hashed again, its textures' keys checked, and in compound graphs its boxes and their content restyled
 * with it. Selecting a namespace of a 100 × 100 mesh rolled up with five namespaces open, then expanding it, restyled
 * about 3,150 elements; computing those styles took 137 ms of the expansion in a profile.
 *
 * Yet the opacity matters only when an element is drawn, and Cytoscape reads it then: a node's cached textures are
 * drawn without it and then onto the layer with its `effectiveOpacity()` (its own opacity times its boxes'); an edge
 * is stroked with it in the colour's alpha, and its arrowheads clear the line under them when it is not 1. So the
 * panel keeps the dimmed elements in a set, and while the renderer draws an element (drawCachedElement, or
 * drawElement for an export), the dimmed ones among the element and its enclosing boxes carry the stylesheet's dimmed
 * opacity property in place of their own, put back right after. Every reading Cytoscape makes is the one the class
 * would give, so the picture is the same: a browser test compares the pixels with the class's. A change of marks
 * makes Cytoscape draw the changed elements' layers again and asks for a frame, as a restyle does, but computes no
 * style.
 */
import type { Core, SingularElementArgument } from 'cytoscape';
import { layeredTextureCache } from './cyFixes';
import { DIM_OPACITY } from './style';

/** The element itself: a one-element collection (from getElementById, say) is another object each time. */
export function elementItself<T extends SingularElementArgument>(e: T): T {
  return (e as unknown as { 0: T })[0];
}

/** A parsed style property as Cytoscape keeps it per element (`_private.style[name]`). */
interface StyleProperty {
  name?: string;
  value: unknown;
  pfValue?: unknown;
  strValue?: string;
}

interface DrawnElement {
  pstyle(name: string): unknown;
  _private: {
    group?: string;
    parent?: DrawnElement | null;
    style: Record<string, StyleProperty | undefined>;
  };
}

type Draw = (this: unknown, context: unknown, ele: DrawnElement, ...rest: unknown[]) => unknown;

interface RendererParts {
  drawCachedElement?: Draw;
  drawElement?: Draw;
}

interface LayerInvalidation {
  invalidateElements(eles: ArrayLike<unknown>): void;
}

export interface DrawnDimming {
  isDimmed(ele: SingularElementArgument): boolean;
  /** The elements dimmed now. */
  dimmed(): Iterable<SingularElementArgument>;
  /** Dims `on` and undims `off`; their layers are drawn again at the next frames. */
  change(on: readonly SingularElementArgument[], off: readonly SingularElementArgument[]): void;
}

const installed = new WeakMap<Core, DrawnDimming>();

export function drawnDimmingOf(cy: Core): DrawnDimming | undefined {
  return installed.get(cy);
}

/** The dimmed opacity property standing in for `own` (one per property object: they are shared). */
function dimmedPropertyOf(cache: WeakMap<StyleProperty, StyleProperty>, own: StyleProperty): StyleProperty {
  let dimmed = cache.get(own);
  if (!dimmed) {
    dimmed = { ...own, value: DIM_OPACITY, pfValue: DIM_OPACITY, strValue: String(DIM_OPACITY) };
    cache.set(own, dimmed);
  }
  return dimmed;
}

/** Installs the drawn dimming on a canvas renderer; does nothing where the renderer lacks the parts it wraps. */
export function installDrawnDimming(cy: Core): void {
  const r = (cy as unknown as { renderer?(): RendererParts | undefined }).renderer?.();
  const drawCached = r?.drawCachedElement;
  const drawElement = r?.drawElement;
  const layers = layeredTextureCache(cy) as Partial<LayerInvalidation> | undefined;
  const defaultOpacity = (
    cy.style() as unknown as { getDefaultProperty?(name: string): StyleProperty | undefined }
  ).getDefaultProperty?.('opacity');
  if (
    !r ||
    installed.has(cy) ||
    typeof drawCached !== 'function' ||
    typeof drawElement !== 'function' ||
    typeof layers?.invalidateElements !== 'function' ||
    !defaultOpacity
  ) {
    return;
  }
  const dimmed = new Set<DrawnElement>();
  const dimmedProperties = new WeakMap<StyleProperty, StyleProperty>();
  // The dimmed among the element being drawn and its boxes, and their own opacity properties while swapped.
  const swapped: DrawnElement[] = [];
  const own: Array<StyleProperty | undefined> = [];
  let depth = 0;
  const withDimming = (draw: Draw): Draw =>
    function (context, ele, ...rest) {
      // Nested calls (drawCachedElement falls back to drawElement) draw under the outermost call's swap.
      if (depth > 0 || dimmed.size === 0) {
        return draw.call(this, context, ele, ...rest);
      }
      // Edges have no boxes in Cytoscape's effectiveOpacity.
      for (
        let e: DrawnElement | null | undefined = ele;
        e;
        e = e._private.group === 'nodes' ? e._private.parent : null
      ) {
        if (dimmed.has(e)) {
          // A read cleans a style left dirty by a batch (Cytoscape would do it at the first read in the drawing,
          // overwriting the stand-in).
          e.pstyle('opacity');
          const style = e._private.style;
          own.push(style.opacity);
          style.opacity = dimmedPropertyOf(dimmedProperties, style.opacity ?? defaultOpacity);
          swapped.push(e);
        }
      }
      depth++;
      try {
        return draw.call(this, context, ele, ...rest);
      } finally {
        depth--;
        for (let i = 0; i < swapped.length; i++) {
          const style = swapped[i]._private.style;
          if (own[i] === undefined) {
            delete style.opacity;
          } else {
            style.opacity = own[i];
          }
        }
        swapped.length = 0;
        own.length = 0;
      }
    };
  r.drawCachedElement = withDimming(drawCached);
  r.drawElement = withDimming(drawElement);
  const drawn = (e: SingularElementArgument) => elementItself(e) as unknown as DrawnElement;
  installed.set(cy, {
    isDimmed: (ele) => dimmed.has(drawn(ele)),
    dimmed: () => dimmed as unknown as Iterable<SingularElementArgument>,
    change(on, off) {
      on.forEach((e) => dimmed.add(drawn(e)));
      off.forEach((e) => dimmed.delete(drawn(e)));
      // Removed elements leave the set (their marks go with them).
      for (const e of dimmed) {
        if ((e as unknown as SingularElementArgument).removed()) {
          dimmed.delete(e);
        }
      }
      if (on.length + off.length === 0 || cy.destroyed()) {
        return;
      }
      // A box's dimming reaches what it encloses.
      const changed = cy.collection();
      on.forEach((e) => changed.merge(e));
      off.forEach((e) => changed.merge(e));
      const reached = changed.union(changed.nodes().descendants());
      (layers as LayerInvalidation).invalidateElements(reached);
      cy.forceRender();
    },
  });
}
