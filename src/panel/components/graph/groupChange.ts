/**
 * A new answer that expands or collapses rolled-up nodes (a node becomes a box of the same id holding its
 * members, or a box becomes one node again) is applied in place: only the group's elements are removed and
 * added, its members are laid out around where the node was and the rest of the drawing opens (or closes) around
 * them (graph/groupOpening.ts). No layout pass, no rebuild of the other elements: the drill-down costs about what
 * the group holds, not what the graph holds.
 */
import type cytoscape from 'cytoscape';
import type { ElementDefs } from '../../graph/elements';
import { closeAround, layOutMembers, openAround, openedExtent } from '../../graph/groupOpening';
import { incrementalPositions } from '../../graph/savedLayout';
import { addElements, IncrementalOptions } from './refresh';
import { leafPositions, removeIds } from './shared';

export interface GroupChange {
  /** Nodes drawn as one node that the answer has as boxes. */
  expanded: string[];
  /** Boxes drawn that the answer has as one node. */
  collapsed: string[];
  /** Ids to remove (the regrouped nodes included: they come back with their new shape) and to add. */
  removedNodes: string[];
  removedEdges: string[];
  addedNodes: string[];
  addedEdges: string[];
}

/** Other nodes appearing or vanishing in the same answer, at most this share of the kept ones. */
const OTHER_SHARE = 0.1;

function descendantsOf(groups: ReadonlySet<string>, data: ElementDefs['nodeData']): Map<string, string> {
  // member id → the group it lies in (at any depth)
  const out = new Map<string, string>();
  for (const [id, n] of data) {
    const seen = new Set<string>([id]);
    for (let p = n.parent; p !== undefined && !seen.has(p); p = data.get(p)?.parent) {
      if (groups.has(p)) {
        out.set(id, p);
        break;
      }
      seen.add(p);
    }
  }
  return out;
}

/** The group change from what is drawn to `next`, or undefined when the change is not (mostly) one. */
export function groupChangeOf(drawn: ElementDefs, next: ElementDefs): GroupChange | undefined {
  const expanded: string[] = [];
  const collapsed: string[] = [];
  for (const [id, d] of drawn.nodeData) {
    const n = next.nodeData.get(id);
    if (n && !d.isBox && n.isBox && (d.parent ?? '') === (n.parent ?? '')) {
      expanded.push(id);
    } else if (n && d.isBox && !n.isBox && (d.parent ?? '') === (n.parent ?? '')) {
      collapsed.push(id);
    }
  }
  if (expanded.length + collapsed.length === 0) {
    return undefined;
  }
  const regrouped = new Set([...expanded, ...collapsed]);
  const closing = descendantsOf(new Set(collapsed), drawn.nodeData);
  const opening = descendantsOf(new Set(expanded), next.nodeData);
  const gone = (id: string) => {
    const n = next.nodeData.get(id);
    return !n || regrouped.has(id) || (drawn.nodeData.get(id)?.parent ?? '') !== (n.parent ?? '');
  };
  const removedNodes = [...drawn.nodeData.keys()].filter(gone);
  const removed = new Set(removedNodes);
  const addedNodes = next.nodes
    .map((n) => n.data.id)
    .filter((id) => !drawn.nodeData.has(id) || regrouped.has(id) || removed.has(id));
  const kept = next.nodes.length - addedNodes.length;
  const others =
    removedNodes.filter((id) => !regrouped.has(id) && !closing.has(id)).length +
    addedNodes.filter((id) => !regrouped.has(id) && !opening.has(id)).length;
  if (kept === 0 || others > OTHER_SHARE * kept) {
    return undefined;
  }
  const removedEdges: string[] = [];
  for (const [id, e] of drawn.edgeData) {
    if (!next.edgeData.has(id) || removed.has(e.source) || removed.has(e.target)) {
      removedEdges.push(id);
    }
  }
  const edgeGone = new Set(removedEdges);
  const addedEdges = [...next.edgeData.keys()].filter((id) => !drawn.edgeData.has(id) || edgeGone.has(id));
  return { expanded, collapsed, removedNodes, removedEdges, addedNodes, addedEdges };
}

/** The open box (outermost box) each boxed leaf lies in: such leaves move together. */
function unitsOf(data: ElementDefs['nodeData']): Map<string, string> {
  const units = new Map<string, string>();
  for (const [id, n] of data) {
    let top: string | undefined;
    const seen = new Set<string>([id]);
    for (let p = n.parent; p !== undefined && !seen.has(p); p = data.get(p)?.parent) {
      top = p;
      seen.add(p);
    }
    if (top !== undefined && !n.isBox) {
      units.set(id, top);
    }
  }
  return units;
}

/**
 * Applies the change: collapsed groups close to one node at their members' centre, expanded ones open where
 * their node was, other nodes of the answer are placed beside a neighbour. Call inside cy.batch(); the caller
 * writes the kept elements' data (updateData) and sizes flat boxes afterwards.
 */
export function applyGroupChange(
  cy: cytoscape.Core,
  drawn: ElementDefs,
  next: ElementDefs,
  change: GroupChange,
  opts: IncrementalOptions
): void {
  const positions = leafPositions(cy);
  const drawnUnits = unitsOf(drawn.nodeData);
  const closing = descendantsOf(new Set(change.collapsed), drawn.nodeData);
  for (const g of change.collapsed) {
    const members = [...closing].filter(([, group]) => group === g).map(([id]) => id);
    const extent = openedExtent(members.flatMap((id) => positions.get(id) ?? []));
    members.forEach((id) => positions.delete(id));
    if (extent) {
      closeAround(positions, extent.centre, extent.half, drawnUnits);
      positions.set(g, extent.centre);
    }
  }
  const nextUnits = unitsOf(next.nodeData);
  const opening = descendantsOf(new Set(change.expanded), next.nodeData);
  const layoutEdges = next.edges.map((e) => ({ source: e.data.source as string, target: e.data.target as string }));
  for (const g of change.expanded) {
    const at = positions.get(g);
    positions.delete(g);
    if (!at) {
      continue;
    }
    const members = next.nodes
      .filter((n) => opening.get(n.data.id) === g)
      .map((n) => ({ id: n.data.id, parent: n.data.parent as string | undefined, isBox: n.data.isBox }));
    const block = layOutMembers(g, members, layoutEdges, at);
    openAround(positions, at, block.half, nextUnits);
    block.positions.forEach((p, id) => positions.set(id, p));
  }
  // Anything else new in the answer: beside a neighbour, as a refresh places it.
  const unplaced = change.addedNodes.filter((id) => !positions.has(id) && !next.nodeData.get(id)?.isBox);
  if (unplaced.length > 0) {
    const leaves = next.nodes.map((n) => ({ id: n.data.id, isBox: n.data.isBox }));
    incrementalPositions(positions, leaves, layoutEdges).positions.forEach((p, id) => positions.set(id, p));
  }

  removeIds(cy, [...change.removedEdges, ...change.removedNodes]);
  cy.nodes().forEach((n) => {
    const p = positions.get(n.id());
    if (p && !n.data('isBox')) {
      const at = n.position();
      if (at.x !== p.x || at.y !== p.y) {
        n.position(p);
      }
    }
  });
  addElements(cy, next, new Set([...change.addedNodes, ...change.addedEdges]), positions, opts);
}
