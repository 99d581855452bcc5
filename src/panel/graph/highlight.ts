/**
 * What to highlight when a node, an edge or a box is hovered or selected (Kiali's GraphHighlighter, model §10.7):
 * a node → itself, all its predecessors and successors transitively (graph reachability) and the edges on those
 * paths; an edge → itself, its ends, the source's predecessors and the target's successors; a box → its descendants
 * and their direct neighbours. The boxes enclosing anything highlighted stay highlighted (dimming a box dims its
 * content). Everything else is dimmed by the caller.
 */
export interface HighlightInput {
  nodes: ReadonlyArray<{ id: string; parent?: string; isBox?: string }>;
  edges: ReadonlyArray<{ id: string; source: string; target: string }>;
}

export interface GraphIndex {
  out: Map<string, Array<{ id: string; other: string }>>;
  in: Map<string, Array<{ id: string; other: string }>>;
  children: Map<string, string[]>;
  parentOf: Map<string, string>;
  boxes: Set<string>;
  edges: Map<string, { source: string; target: string }>;
}

export function indexGraph(g: HighlightInput): GraphIndex {
  const idx: GraphIndex = {
    out: new Map(),
    in: new Map(),
    children: new Map(),
    parentOf: new Map(),
    boxes: new Set(),
    edges: new Map(),
  };
  for (const n of g.nodes) {
    if (n.isBox) {
      idx.boxes.add(n.id);
    }
    if (n.parent) {
      idx.parentOf.set(n.id, n.parent);
      const list = idx.children.get(n.parent) ?? [];
      list.push(n.id);
      idx.children.set(n.parent, list);
    }
  }
  for (const e of g.edges) {
    idx.edges.set(e.id, { source: e.source, target: e.target });
    const o = idx.out.get(e.source) ?? [];
    o.push({ id: e.id, other: e.target });
    idx.out.set(e.source, o);
    const i = idx.in.get(e.target) ?? [];
    i.push({ id: e.id, other: e.source });
    idx.in.set(e.target, i);
  }
  return idx;
}

/** Walk one direction from `start`, adding reached nodes and traversed edges to `into`. */
function walk(idx: GraphIndex, start: string, dir: 'in' | 'out', into: Set<string>): void {
  const adj = dir === 'in' ? idx.in : idx.out;
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const step of adj.get(id) ?? []) {
      into.add(step.id);
      if (!seen.has(step.other)) {
        seen.add(step.other);
        into.add(step.other);
        queue.push(step.other);
      }
    }
  }
}

function addAncestors(idx: GraphIndex, set: Set<string>): void {
  for (const id of [...set]) {
    let p = idx.parentOf.get(id);
    const guard = new Set<string>();
    while (p && !guard.has(p)) {
      guard.add(p);
      set.add(p);
      p = idx.parentOf.get(p);
    }
  }
}

function descendants(idx: GraphIndex, box: string): string[] {
  const out: string[] = [];
  const stack = [...(idx.children.get(box) ?? [])];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) {
      continue;
    }
    seen.add(id);
    out.push(id);
    stack.push(...(idx.children.get(id) ?? []));
  }
  return out;
}

export type HighlightTarget = { kind: 'node'; id: string } | { kind: 'edge'; id: string };

/** Ids (nodes, edges, boxes) to highlight for a target; empty when the target is unknown. */
export function highlightSet(idx: GraphIndex, target: HighlightTarget): Set<string> {
  const set = new Set<string>();
  if (target.kind === 'edge') {
    const e = idx.edges.get(target.id);
    if (!e) {
      return set;
    }
    set.add(target.id).add(e.source).add(e.target);
    walk(idx, e.source, 'in', set);
    walk(idx, e.target, 'out', set);
  } else if (idx.boxes.has(target.id)) {
    set.add(target.id);
    for (const d of descendants(idx, target.id)) {
      set.add(d);
      for (const dir of [idx.in, idx.out]) {
        for (const step of dir.get(d) ?? []) {
          set.add(step.id).add(step.other);
        }
      }
    }
  } else {
    if (!idx.parentOf.has(target.id) && !idx.out.has(target.id) && !idx.in.has(target.id) && !idx.children.has(target.id)) {
      // Still highlight a lone node: it exists as far as the caller knows.
      set.add(target.id);
      return set;
    }
    set.add(target.id);
    walk(idx, target.id, 'in', set);
    walk(idx, target.id, 'out', set);
  }
  addAncestors(idx, set);
  return set;
}
