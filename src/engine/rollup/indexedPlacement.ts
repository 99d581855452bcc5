/**
 * placeNodes (fullRollup.ts) for the views of one rollup index, without walking the unrolled graph's nodes again.
 * placeNodes visits every node of the graph per view (10,000 at 100 × 100) and copies each member of an expanded
 * group anew. The plan below is made once per index: where in the graph's order each group first appears, the
 * nodes kept as themselves and the app boxes, and the members of each group. A view then merges, in that order, the
 * plan's few hundred entries with the members of its expanded groups only. The copies it places are made once and
 * kept with the plan, so every view places the same objects: the views share them, and sharedObjects.ts finds them
 * equal by identity instead of comparing them field by field. The result equals placeNodes' (rollupIndex.test.ts
 * compares the views with rollups from scratch).
 */
import type { GraphNode, RollupKind } from '../model';
import type { RollupGroup } from './groupNode';
import { withClusterBoxes, withoutParent } from './fullRollup';
import type { RollupOptions } from './options';

/** An entry of the graph's node order that every view looks at. */
type PlanEntry =
  | { kind: 'kept'; at: number; node: GraphNode }
  | { kind: 'group'; at: number; group: RollupGroup }
  | { kind: 'appBox'; at: number; box: GraphNode; memberGroups: RollupGroup[] };

interface MemberEntry {
  kind: 'member';
  at: number;
  node: GraphNode;
  group: RollupGroup;
}

export interface PlacementPlan {
  entries: PlanEntry[];
  /** Per group id: its members with their place in the graph's order. */
  members: Map<string, MemberEntry[]>;
  /** Copies placed by views, made once: per source node, as a member in and out of its app box, or as a box. */
  copies: WeakMap<GraphNode, { inAppBox?: GraphNode; inGroup?: GraphNode; box?: GraphNode }>;
}

/** The plan of a graph's nodes (in `nodes`' order) grouped by `groupOfNode`. */
export function placementPlan(nodes: readonly GraphNode[], groupOfNode: Map<string, RollupGroup>): PlacementPlan {
  const appBoxIds = new Set(nodes.filter((n) => n.nodeType === 'box' && n.isBox === 'app').map((n) => n.id));
  // Per app box: the groups of the nodes inside it, in the graph's order (placeNodes gives the box to the last
  // expanded one).
  const groupsInBox = new Map<string, RollupGroup[]>();
  const entries: PlanEntry[] = [];
  const members = new Map<string, MemberEntry[]>();
  const seenGroups = new Set<RollupGroup>();
  nodes.forEach((n, at) => {
    if (n.nodeType === 'box') {
      if (appBoxIds.has(n.id)) {
        const memberGroups: RollupGroup[] = [];
        groupsInBox.set(n.id, memberGroups);
        entries.push({ kind: 'appBox', at, box: n, memberGroups });
      }
      return;
    }
    const g = groupOfNode.get(n.id);
    if (!g) {
      entries.push({ kind: 'kept', at, node: withoutParent(n) });
      return;
    }
    if (!seenGroups.has(g)) {
      seenGroups.add(g);
      entries.push({ kind: 'group', at, group: g });
    }
    const list = members.get(g.id);
    const entry: MemberEntry = { kind: 'member', at, node: n, group: g };
    list ? list.push(entry) : members.set(g.id, [entry]);
  });
  // Filled after the walk: a box may come before or after the nodes inside it.
  for (const n of nodes) {
    const g = n.nodeType !== 'box' && n.parent !== undefined ? groupOfNode.get(n.id) : undefined;
    const list = g && groupsInBox.get(n.parent!);
    if (g && list && list[list.length - 1] !== g) {
      list.push(g);
    }
  }
  return { entries, members, copies: new WeakMap() };
}

function copiesOf(plan: PlacementPlan, n: GraphNode) {
  let c = plan.copies.get(n);
  if (!c) {
    c = {};
    plan.copies.set(n, c);
  }
  return c;
}

/** The view's nodes, as placeNodes places them for the same graph, grouping and expanded groups. */
export function placeFromPlan(
  plan: PlacementPlan,
  by: RollupKind,
  options: RollupOptions,
  isExpanded: (g: RollupGroup) => boolean,
  nodeOf: (g: RollupGroup) => GraphNode
): GraphNode[] {
  const order: Array<PlanEntry | MemberEntry> = [...plan.entries];
  const appBoxGroup = new Map<string, RollupGroup>();
  for (const e of plan.entries) {
    if (e.kind === 'group' && isExpanded(e.group)) {
      order.push(...(plan.members.get(e.group.id) ?? []));
    } else if (e.kind === 'appBox') {
      const g = e.memberGroups.filter(isExpanded).pop();
      if (g) {
        appBoxGroup.set(e.box.id, g);
      }
    }
  }
  // A group comes before its first member (both at the same place).
  const rank = (e: PlanEntry | MemberEntry) => e.at * 2 + (e.kind === 'member' ? 1 : 0);
  order.sort((a, b) => rank(a) - rank(b));

  const boxes: GraphNode[] = [];
  const others: GraphNode[] = [];
  for (const e of order) {
    if (e.kind === 'kept') {
      others.push(e.node);
    } else if (e.kind === 'group') {
      (isExpanded(e.group) ? boxes : others).push(nodeOf(e.group));
    } else if (e.kind === 'appBox') {
      const g = appBoxGroup.get(e.box.id);
      if (g) {
        const c = copiesOf(plan, e.box);
        if (c.box?.group !== g.id) {
          c.box = { ...withoutParent(e.box), parent: g.id, group: g.id };
        }
        boxes.push(c.box);
      }
    } else {
      const n = e.node;
      const inAppBox = n.parent !== undefined && appBoxGroup.get(n.parent) === e.group;
      const c = copiesOf(plan, n);
      const copy = inAppBox
        ? (c.inAppBox ??= { ...withoutParent(n), parent: n.parent!, group: e.group.id })
        : (c.inGroup ??= { ...withoutParent(n), parent: e.group.id, group: e.group.id });
      others.push(copy);
    }
  }
  return withClusterBoxes([...boxes, ...others], by, options);
}
