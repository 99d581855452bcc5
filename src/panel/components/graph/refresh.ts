/**
 * The refresh path: a new answer is diffed against what the instance draws, by id. Only changed data fields are
 * written, and only elements whose change can alter their style are restyled: Cytoscape restyles, re-measures
 * and redraws every element ele.data() is called on, equal values or not. A field no selector tests and no
 * property of the element maps right now (an edge label in large-graph mode while labels are not given, the
 * traffic width when widths do not follow traffic) is written into the element's data without a restyle: the
 * next restyle of that element (a class toggle, labels given on zoom) reads it from there.
 *
 * Topology changes of a few nodes add and remove only those; kept nodes stay where they are and new ones are
 * placed next to a kept neighbour (graph/savedLayout.ts), so no layout pass follows.
 */
import type cytoscape from 'cytoscape';
import { elementDefinitions, ZoomDetail } from '../../graph/cyContent';
import { eachDataChange, ElementDefs } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import type { BoxRect } from '../../graph/flatBoxes';
import { incrementalPositions, type VacatedSpot } from '../../graph/savedLayout';
import type { Point } from '../../graph/fastLayout';
import type { StyleBlock } from '../../graph/style';
import { leafPositions, removeIds } from './shared';

/** Which data fields the stylesheet reads: in selectors (always), and through data() mappings (per property). */
export interface StyleFields {
  selectorFields: ReadonlySet<string>;
  /** Data field → the style properties some block maps it into. */
  mappedInto: ReadonlyMap<string, readonly string[]>;
}

const SELECTOR_FIELD = /\[\s*[?!^]*\s*([A-Za-z_$][\w$]*)/g;
const MAPPED_FIELD = /^\s*(?:data|mapData)\(\s*([A-Za-z_$][\w$]*)/;

export function styleFieldsOf(sheet: readonly StyleBlock[]): StyleFields {
  const selectorFields = new Set<string>();
  const mappedInto = new Map<string, string[]>();
  for (const block of sheet) {
    for (const m of block.selector.matchAll(SELECTOR_FIELD)) {
      selectorFields.add(m[1]);
    }
    for (const [prop, value] of Object.entries(block.style)) {
      const m = typeof value === 'string' ? MAPPED_FIELD.exec(value) : null;
      if (m) {
        const props = mappedInto.get(m[1]) ?? [];
        if (!props.includes(prop)) {
          props.push(prop);
        }
        mappedInto.set(m[1], props);
      }
    }
  }
  return { selectorFields, mappedInto };
}

const NO_PROPS: readonly string[] = [];

interface ElePrivate {
  data: Record<string, unknown>;
  styleDirty?: boolean;
  style?: Record<string, { mapping?: { field?: string } } | undefined>;
}

function privateOf(ele: cytoscape.SingularElementArgument): ElePrivate | undefined {
  const p = (ele as unknown as { _private?: ElePrivate })._private;
  return p && typeof p.data === 'object' ? p : undefined;
}

/** Whether writing `field` can change how the element looks now. */
function styleRelevant(p: ElePrivate | undefined, field: string, fields: StyleFields): boolean {
  if (!p || p.styleDirty || !p.style || fields.selectorFields.has(field)) {
    return true;
  }
  // Looked up per changed field of every element of a refresh: only the properties that field can map into (an
  // index loop: no iterator made per field).
  const props = fields.mappedInto.get(field) ?? NO_PROPS;
  for (let i = 0; i < props.length; i++) {
    if (p.style[props[i]]?.mapping?.field === field) {
      return true;
    }
  }
  return false;
}

export interface DataUpdate {
  /** Elements restyled (their style-relevant fields changed). */
  restyled: number;
  /** Elements whose changes were written without a restyle. */
  quiet: number;
}

/**
 * Writes what changed into the kept elements; restyles only where it shows. Call inside cy.batch(). `range`: only
 * the elements from..to (exclusive) of the nodes followed by the edges (see updateChunks).
 */
export function updateData(
  cy: cytoscape.Core,
  elements: ElementDefs,
  fields: StyleFields,
  range?: { from: number; to: number }
): DataUpdate {
  const out: DataUpdate = { restyled: 0, quiet: 0 };
  // The element being compared, and the changes that restyle it (set per element; one visitor for all).
  let target: ElePrivate | undefined;
  let loud: Record<string, unknown> | undefined;
  const sort = (k: string, v: unknown) => {
    if (styleRelevant(target, k, fields)) {
      (loud ??= {})[k] = v;
    } else if (target) {
      // A field gone is left undefined, as ele.data({ field: undefined }) leaves it: deleting it would turn the
      // data object into a hash table (V8's dictionary mode) for good.
      target.data[k] = v;
    }
  };
  const apply = (def: { data: Record<string, unknown> & { id: string } }) => {
    const ele = cy.getElementById(def.data.id);
    if (ele.empty()) {
      return;
    }
    target = privateOf(ele);
    loud = undefined;
    if (eachDataChange(target?.data ?? ele.data(), def.data, sort) === 0) {
      return;
    }
    if (loud) {
      ele.data(loud);
      out.restyled++;
    } else {
      out.quiet++;
    }
  };
  const { nodes, edges } = elements;
  const from = range?.from ?? 0;
  const to = Math.min(range?.to ?? Infinity, nodes.length + edges.length);
  for (let i = from; i < to; i++) {
    apply(i < nodes.length ? nodes[i] : edges[i - nodes.length]);
  }
  return out;
}

/** Elements per chunk of a refresh's write: at 1,000 nodes with health changing, 5 ms written and 10-17 ms styled. */
export const UPDATE_CHUNK = 1500;

/** updateData in chunks of `size` elements (nodes, then edges), one write per chunk. */
export function updateChunks(
  cy: cytoscape.Core,
  elements: ElementDefs,
  fields: StyleFields,
  size = UPDATE_CHUNK
): Array<() => DataUpdate> {
  const total = elements.nodes.length + elements.edges.length;
  const chunks: Array<() => DataUpdate> = [];
  for (let from = 0; from < total; from += size) {
    const range = { from, to: from + size };
    chunks.push(() => updateData(cy, elements, fields, range));
  }
  return chunks;
}

export interface TopologyDiff {
  removedNodes: string[];
  /** The box each removed node was in (undefined: none). */
  removedParents: Map<string, string | undefined>;
  removedEdges: string[];
  addedNodes: string[];
  addedEdges: string[];
  keptNodes: number;
}

/** Ids to remove and to add so the instance holds `next` (a node whose parent changed is removed and added). */
export function diffTopology(drawn: ElementDefs, next: ElementDefs): TopologyDiff {
  const d: TopologyDiff = {
    removedNodes: [],
    removedParents: new Map(),
    removedEdges: [],
    addedNodes: [],
    addedEdges: [],
    keptNodes: 0,
  };
  const moved = (id: string) => (drawn.nodeData.get(id)?.parent ?? '') !== (next.nodeData.get(id)?.parent ?? '');
  for (const id of drawn.nodeData.keys()) {
    if (!next.nodeData.has(id) || moved(id)) {
      d.removedNodes.push(id);
      d.removedParents.set(id, drawn.nodeData.get(id)?.parent);
    }
  }
  for (const n of next.nodes) {
    const id = n.data.id;
    if (!drawn.nodeData.has(id) || moved(id)) {
      d.addedNodes.push(id);
    } else {
      d.keptNodes++;
    }
  }
  const gone = new Set(d.removedNodes);
  for (const [id, e] of drawn.edgeData) {
    const n = next.edgeData.get(id);
    if (!n || gone.has(e.source) || gone.has(e.target)) {
      d.removedEdges.push(id);
    }
  }
  const removedEdges = new Set(d.removedEdges);
  for (const id of next.edgeData.keys()) {
    if (!drawn.edgeData.has(id) || removedEdges.has(id)) {
      d.addedEdges.push(id);
    }
  }
  return d;
}

/** Few enough changes to place the new nodes around the kept ones instead of laying out again. */
export function isSmallChange(d: TopologyDiff, drawnNodes: number, nextNodes: number): boolean {
  const changed = d.addedNodes.length + d.removedNodes.length;
  return d.keptNodes > 0 && changed <= 0.1 * Math.max(drawnNodes, nextNodes);
}

export interface IncrementalOptions {
  found: Selection;
  hidden: Selection;
  detail?: ZoomDetail;
  flatBoxes: boolean;
}

/**
 * Removes and adds what the diff says, new leaves placed where a removed leaf of their box was, else next to a kept
 * neighbour; kept nodes do not move.
 * Returns the positions given to the new leaves. Call inside cy.batch().
 *
 * The adds come before the removals (but for ids that come back, a node under a new parent and its edges: an instance
 * holds one element per id). Cytoscape fills a removed element's place in its collection, which is the drawing order,
 * with the collection's last element: after the adds, a new one. So the kept elements keep their order, and the layer
 * on screen is patched where the elements came and went only (layerReplacement.ts) instead of wherever the last
 * elements moved.
 */
export function applyTopologyDiff(
  cy: cytoscape.Core,
  next: ElementDefs,
  d: TopologyDiff,
  opts: IncrementalOptions
): Map<string, Point> {
  const removed = [...d.removedEdges, ...d.removedNodes];
  const gone = new Set(removed);
  const kept = leafPositions(cy, (n) => gone.has(n.id()));
  const leaves = next.nodes
    .filter((n) => !opts.hidden.nodes.has(n.data.id))
    .map((n) => ({ id: n.data.id, parent: n.data.parent as string | undefined, isBox: n.data.isBox }));
  const edges = next.edges
    .filter((e) => !opts.hidden.edges.has(e.data.id))
    .map((e) => ({ source: e.data.source as string, target: e.data.target as string }));
  // The removed leaves' places, for new nodes of their boxes.
  const vacated: VacatedSpot[] = [];
  for (const id of d.removedNodes) {
    const n = cy.getElementById(id);
    if (n.nonempty() && !n.data('isBox')) {
      const neighbours = n.neighborhood('node').map((m) => m.id());
      vacated.push({ parent: d.removedParents.get(id), at: { ...n.position() }, neighbours });
    }
  }
  const placed = incrementalPositions(kept, leaves, edges, vacated).positions;
  const added = new Set([...d.addedNodes, ...d.addedEdges]);
  const positions = new Map<string, Point>();
  for (const id of d.addedNodes) {
    const at = placed.get(id);
    if (at) {
      positions.set(id, at);
    }
  }
  removeIds(
    cy,
    removed.filter((id) => added.has(id))
  );
  addElements(cy, next, added, positions, opts);
  removeIds(
    cy,
    removed.filter((id) => !added.has(id))
  );
  return positions;
}

/**
 * Adds the elements of `next` whose ids are in `ids`, with their find/hide and label classes and the given leaf
 * positions. Call inside cy.batch().
 */
export function addElements(
  cy: cytoscape.Core,
  next: ElementDefs,
  ids: ReadonlySet<string>,
  positions: ReadonlyMap<string, Point>,
  opts: IncrementalOptions
): void {
  const subset: ElementDefs = {
    nodes: next.nodes.filter((n) => ids.has(n.data.id)),
    edges: next.edges.filter((e) => ids.has(e.data.id)),
    nodeData: next.nodeData,
    edgeData: next.edgeData,
  };
  cy.add(
    elementDefinitions(subset, {
      found: opts.found,
      hidden: opts.hidden,
      detail: opts.detail,
      positions,
      // New flat boxes get a placeholder body: the caller sizes all boxes around their members after this.
      flatBoxes: opts.flatBoxes ? new Map<string, BoxRect>() : undefined,
    }) as cytoscape.ElementDefinition[]
  );
}
