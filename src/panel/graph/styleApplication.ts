/**
 * Cytoscape's style application (3.34), without the work it repeats for each element.
 *
 * A first paint of 1,000 nodes applies the stylesheet to 4,010 elements, and a refresh in which health changes, or an
 * expansion, restyles hundreds to thousands. For each, Cytoscape does two things whose cost does not depend on
 * what changed:
 *
 * - **Style hints.** Once the element's properties are set, it hashes every one of them again, string values a
 *   character at a time (colours, the font list), into the keys its texture caches look up (updateStyleHints): about
 *   160 ms of a profiled first paint and 13 ms of a refresh in which a third of the nodes change health. Yet elements
 *   whose properties are the same property objects of the stylesheet, in the same order, get the same hints. So the
 *   hints are kept per such list, and given to the next element with that list. An element with any property of its
 *   own (a mapped value such as `data(label)`, a bypass, an animated value) is hashed by Cytoscape, as is one whose
 *   size is hashed by its place in the instance (a width or height of `label`).
 * - **Triggers.** For each property that changed, it marks the element's derived style values (visible, interactive…)
 *   as stale, and its bounds, its edges' bounds and the drawing order where the property affects them. In a graph
 *   with boxes the first of these builds a collection of the element, its boxes, its members and all their edges:
 *   for every property, about 20 at a first paint, so about 190 ms of a profiled first paint. Applying one element's
 *   properties reads none of those marks, so the marks are made once per element, after its properties are set, for
 *   the kinds of change its properties made (Cytoscape's own trigger methods, called once). Where the stylesheet maps
 *   a property through a function, which may read anything, each property's triggers run as before.
 *
 * The results are Cytoscape's: a unit test applies the same stylesheets, data changes, classes and bypasses to
 * instances with and without this, and compares the hints, the properties, the derived values and the bounds.
 */
import type { Core } from 'cytoscape';

/** A parsed style property (the stylesheet's own objects are shared by the elements they apply to). */
interface ParsedProperty {
  name: string;
  value?: unknown;
  pfValue?: unknown;
  mapped?: unknown;
}

/** What Cytoscape knows of each property: how it is hashed, and what a change of it makes stale. */
type Trigger = (from: unknown, to: unknown, ele: StyledElement) => boolean;
interface PropertyInfo {
  hashOverride?: (ele: StyledElement, prop: ParsedProperty) => unknown;
  triggersZOrder?: Trigger;
  triggersBounds?: Trigger;
  triggersBoundsOfConnectedEdges?: Trigger;
  triggersBoundsOfParallelEdges?: Trigger;
}

interface StyledElement {
  _private: Record<string, unknown> & {
    group: 'nodes' | 'edges';
    style: Record<string, ParsedProperty | undefined>;
    styleKeys: Record<string, unknown>;
    styleKey?: unknown;
  };
  removed(): boolean;
  dirtyStyleCache(): void;
}

interface Context {
  properties: ParsedProperty[];
}

/** The parts of Cytoscape's Style (one per instance and stylesheet; its methods are on a shared prototype). */
interface Style {
  length: number;
  [context: number]: Context;
  properties: Record<string, PropertyInfo>;
  types: { fn: unknown };
  updateStyleHints(ele: StyledElement): boolean;
  applyContextStyle(
    meta: { diffPropNames: string[] },
    style: Record<string, ParsedProperty>,
    ele: StyledElement
  ): unknown;
  checkTriggers(ele: StyledElement, name: string, from: unknown, to: unknown): void;
  checkZOrderTrigger(ele: StyledElement, name: string, from: unknown, to: unknown): void;
  checkBoundsTrigger(ele: StyledElement, name: string, from: unknown, to: unknown): void;
  checkConnectedEdgesBoundsTrigger(ele: StyledElement, name: string, from: unknown, to: unknown): void;
  checkParallelEdgesBoundsTrigger(ele: StyledElement, name: string, from: unknown, to: unknown): void;
}

/**
 * What updateStyleHints writes: the per-group keys, the overall and label keys, and per group the node's body key or
 * the edge's source and target label keys.
 */
interface Hints {
  styleKeys: Record<string, unknown>;
  styleKey: unknown;
  labelDimsKey: unknown;
  labelKey: unknown;
  labelStyleKey: unknown;
  nodeKey?: unknown;
  hasPie?: unknown;
  hasStripe?: unknown;
  sourceLabelKey?: unknown;
  sourceLabelStyleKey?: unknown;
  targetLabelKey?: unknown;
  targetLabelStyleKey?: unknown;
}

/**
 * The hints kept per list of properties, as a tree: one step per property, in the order the element holds them. A
 * look-up walks it without making anything (a refresh looks up every restyled element).
 */
interface HintsTree {
  next: Map<ParsedProperty, HintsTree>;
  hints?: Hints;
}

/** Past this many lists (a stylesheet gives a few hundred at most), the kept hints start again. */
const MAX_KEPT = 5000;

/** The stylesheet's own (shared, never changed) properties, and the hints kept per list of them. */
interface SharedProperties {
  contexts: number;
  lastContextProperties: number;
  properties: Set<ParsedProperty>;
  /** Whether some property is mapped through a function (which may read anything while it is applied). */
  mapsThroughFunction: boolean;
  kept: number;
  trees: { nodes: HintsTree; edges: HintsTree };
}

const sharedOf = new WeakMap<Style, SharedProperties>();

const emptyTrees = () => ({ nodes: { next: new Map() }, edges: { next: new Map() } });

/** The stylesheet's shared properties, gathered again when contexts or properties were added. */
function sharedProperties(style: Style): SharedProperties {
  const last = style.length > 0 ? style[style.length - 1].properties.length : 0;
  let shared = sharedOf.get(style);
  if (!shared || shared.contexts !== style.length || shared.lastContextProperties !== last) {
    const properties = new Set<ParsedProperty>();
    let mapsThroughFunction = false;
    for (let i = 0; i < style.length; i++) {
      for (const prop of style[i].properties) {
        // A mapped property is never an element's own: it gets a copy with its value.
        if (!prop.mapped) {
          properties.add(prop);
        }
        mapsThroughFunction ||= prop.mapped === style.types.fn;
      }
    }
    shared = {
      contexts: style.length,
      lastContextProperties: last,
      properties,
      mapsThroughFunction,
      kept: 0,
      trees: emptyTrees(),
    };
    sharedOf.set(style, shared);
  }
  return shared;
}

/**
 * The place of the element's list of properties in the tree (made as needed), in the order updateStyleHints hashes
 * them; undefined when one is the element's own or is hashed by the element itself.
 */
function placeOf(style: Style, shared: SharedProperties, ele: StyledElement): HintsTree | undefined {
  const props = ele._private.style;
  let place: HintsTree = shared.trees[ele._private.group];
  for (const name in props) {
    const prop = props[name];
    if (prop == null) {
      continue;
    }
    const override = style.properties[name]?.hashOverride;
    if (!shared.properties.has(prop) || (override && override(ele, prop) !== prop.pfValue)) {
      return undefined;
    }
    let next = place.next.get(prop);
    if (!next) {
      next = { next: new Map() };
      place.next.set(prop, next);
    }
    place = next;
  }
  return place;
}

function takeHints(p: StyledElement['_private']): Hints {
  const common = {
    styleKeys: p.styleKeys,
    styleKey: p.styleKey,
    labelDimsKey: p.labelDimsKey,
    labelKey: p.labelKey,
    labelStyleKey: p.labelStyleKey,
  };
  return p.group === 'nodes'
    ? { ...common, nodeKey: p.nodeKey, hasPie: p.hasPie, hasStripe: p.hasStripe }
    : {
        ...common,
        sourceLabelKey: p.sourceLabelKey,
        sourceLabelStyleKey: p.sourceLabelStyleKey,
        targetLabelKey: p.targetLabelKey,
        targetLabelStyleKey: p.targetLabelStyleKey,
      };
}

/**
 * Hints made for another element with the same list, written by name. The per-group keys are that element's object,
 * shared: updateStyleHints writes into the object it finds, so an element is given an object of its own before
 * Cytoscape hashes for it (ownHintsFor).
 */
function giveHints(p: StyledElement['_private'], h: Hints): void {
  p.styleKeys = h.styleKeys;
  p.styleKey = h.styleKey;
  p.labelDimsKey = h.labelDimsKey;
  p.labelKey = h.labelKey;
  p.labelStyleKey = h.labelStyleKey;
  if (p.group === 'nodes') {
    p.nodeKey = h.nodeKey;
    p.hasPie = h.hasPie;
    p.hasStripe = h.hasStripe;
  } else {
    p.sourceLabelKey = h.sourceLabelKey;
    p.sourceLabelStyleKey = h.sourceLabelStyleKey;
    p.targetLabelKey = h.targetLabelKey;
    p.targetLabelStyleKey = h.targetLabelStyleKey;
  }
}

/** Which kinds of trigger the properties applied to one element fired: the first property of each kind. */
interface PendingTriggers {
  ele: StyledElement;
  styleCache: boolean;
  zOrder?: [string, unknown, unknown];
  bounds?: [string, unknown, unknown];
  edgeBounds?: [string, unknown, unknown];
  parallelBounds?: [string, unknown, unknown];
}

const WRAPPED = Symbol('meshgraph.styleApplication');

/** Wraps the Style prototype's hints and trigger methods once per Cytoscape module (the prototype is shared). */
export function applyStylesWithoutRepeats(cy: Core): void {
  const style = (cy as unknown as { style(): Style | undefined }).style();
  const proto = style && (Object.getPrototypeOf(style) as Style & { [WRAPPED]?: true });
  if (
    !proto ||
    proto[WRAPPED] ||
    typeof proto.updateStyleHints !== 'function' ||
    typeof proto.applyContextStyle !== 'function' ||
    typeof proto.checkTriggers !== 'function' ||
    typeof proto.checkZOrderTrigger !== 'function' ||
    typeof proto.checkBoundsTrigger !== 'function' ||
    typeof proto.checkConnectedEdgesBoundsTrigger !== 'function' ||
    typeof proto.checkParallelEdgesBoundsTrigger !== 'function'
  ) {
    return;
  }
  const ownHints = proto.updateStyleHints;
  /** Cytoscape's hashing, into per-group keys of the element's own (it may hold another element's). */
  const ownHintsFor = (style: Style, ele: StyledElement) => {
    ele._private.styleKeys = { ...ele._private.styleKeys };
    return ownHints.call(style, ele);
  };
  proto.updateStyleHints = function (this: Style, ele) {
    const p = ele._private;
    if (ele.removed()) {
      // Cytoscape writes nothing for a removed element.
      return ownHints.call(this, ele);
    }
    const shared = sharedProperties(this);
    const place = placeOf(this, shared, ele);
    const kept = place?.hints;
    if (kept) {
      const before = p.styleKey;
      giveHints(p, kept);
      return before !== p.styleKey;
    }
    const changed = ownHintsFor(this, ele);
    if (place) {
      if (++shared.kept > MAX_KEPT) {
        shared.kept = 0;
        shared.trees = emptyTrees();
      } else {
        place.hints = takeHints(p);
      }
    }
    return changed;
  };

  let pending: PendingTriggers | undefined;
  const ownApply = proto.applyContextStyle;
  proto.applyContextStyle = function (this: Style, meta, cxtStyle, ele) {
    if (pending || sharedProperties(this).mapsThroughFunction) {
      return ownApply.call(this, meta, cxtStyle, ele);
    }
    const triggers: PendingTriggers = { ele, styleCache: false };
    pending = triggers;
    try {
      return ownApply.call(this, meta, cxtStyle, ele);
    } finally {
      pending = undefined;
      if (triggers.styleCache) {
        ele.dirtyStyleCache();
      }
      // Cytoscape's own trigger methods, once each, with a property that fired them (they test it again).
      if (triggers.zOrder) {
        this.checkZOrderTrigger(ele, ...triggers.zOrder);
      }
      if (triggers.bounds) {
        this.checkBoundsTrigger(ele, ...triggers.bounds);
      }
      if (triggers.edgeBounds) {
        this.checkConnectedEdgesBoundsTrigger(ele, ...triggers.edgeBounds);
      }
      if (triggers.parallelBounds) {
        this.checkParallelEdgesBoundsTrigger(ele, ...triggers.parallelBounds);
      }
    }
  };
  const ownTriggers = proto.checkTriggers;
  proto.checkTriggers = function (this: Style, ele, name, from, to) {
    const t = pending;
    if (!t || t.ele !== ele) {
      return ownTriggers.call(this, ele, name, from, to);
    }
    t.styleCache = true;
    const info = this.properties[name];
    // As Cytoscape's checkTrigger: a removed element fires none.
    if (!info || ele.removed()) {
      return;
    }
    if (!t.zOrder && info.triggersZOrder?.(from, to, ele)) {
      t.zOrder = [name, from, to];
    }
    if (!t.bounds && info.triggersBounds?.(from, to, ele)) {
      t.bounds = [name, from, to];
    }
    if (!t.edgeBounds && info.triggersBoundsOfConnectedEdges?.(from, to, ele)) {
      t.edgeBounds = [name, from, to];
    }
    if (!t.parallelBounds && info.triggersBoundsOfParallelEdges?.(from, to, ele)) {
      t.parallelBounds = [name, from, to];
    }
  };
  Object.defineProperty(proto, WRAPPED, { value: true });
}
