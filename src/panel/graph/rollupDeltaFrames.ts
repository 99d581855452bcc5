/**
 * Expansion answers that carry only the changed rows (src/contract/rollupDelta.ts), applied to the frames the panel
 * holds. The panel asks with `rollupDeltaFrom` read from the held frames; an answer whose nodes frame has
 * `meta.custom.delta` is applied here to the held frames of the same query (refId), giving the frames a whole answer
 * would have: the held rows minus the removed ids, rows of the same id replaced where they stand, new rows after.
 * Anything else in the answer (whole answers, other frames) is taken as it is.
 */
import { EDGES_FRAME, NodeField, NODES_FRAME } from '../../contract/frameFields';
import { type RollupDelta, type RollupDeltaFrom, RollupMeta } from '../../contract/rollupDelta';
import type { FieldLike, FrameLike } from './frameReading';

/** The frame shape the panel's data holds (@grafana/data's DataFrame, structurally). */
export type HeldFrame = FrameLike & { length?: number };

function custom(frame: FrameLike | undefined): Record<string, unknown> | undefined {
  return frame?.meta?.custom;
}

function expandedOf(frame: FrameLike): string[] | undefined {
  const expanded = (custom(frame)?.rollup as { expanded?: unknown } | undefined)?.expanded;
  return Array.isArray(expanded) && expanded.every((x) => typeof x === 'string') ? expanded : undefined;
}

/** How the frames were rolled up (namespace or cluster). */
function rolledBy(frame: FrameLike): unknown {
  return (custom(frame)?.rollup as { by?: unknown } | undefined)?.by;
}

function tokenOf(frame: FrameLike | undefined): string | undefined {
  const token = custom(frame)?.[RollupMeta.evaluation];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

function findFrame(frames: readonly FrameLike[], refId: string | undefined, name: string): FrameLike | undefined {
  return frames.find((f) => f?.name === name && f.refId === refId);
}

/** What a re-ask of query `refId` may send as `rollupDeltaFrom`: the held answer's evaluation and expanded ids. */
export function heldDeltaFrom(held: readonly FrameLike[], refId: string): RollupDeltaFrom | undefined {
  const nodes = findFrame(held, refId, NODES_FRAME);
  const evaluation = tokenOf(nodes);
  const expand = nodes && expandedOf(nodes);
  return evaluation && expand && findFrame(held, refId, EDGES_FRAME) ? { evaluation, expand } : undefined;
}

function readDelta(frame: FrameLike): RollupDelta | undefined {
  const d = custom(frame)?.[RollupMeta.delta] as Record<string, unknown> | undefined;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return d && strings(d.from) && strings(d.removedNodes) && strings(d.removedEdges)
    ? { from: d.from, removedNodes: d.removedNodes, removedEdges: d.removedEdges }
    : undefined;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
}

function idValues(frame: FrameLike): ArrayLike<unknown> | undefined {
  return frame.fields.find((f) => f.name === NodeField.id)?.values;
}

function withoutDelta(meta: Record<string, unknown>): Record<string, unknown> {
  const { [RollupMeta.delta]: _delta, ...rest } = meta;
  return rest;
}

/**
 * The held frame's rows with the delta frame's applied. Fields, their order and configs, and the meta are the
 * answer's (the delta dropped from it); a held column the answer lacks is not kept.
 */
function mergeFrame(held: FrameLike, delta: FrameLike, removed: ReadonlySet<string>): HeldFrame | string {
  const heldIds = idValues(held);
  const deltaIds = idValues(delta);
  if (!heldIds || !deltaIds) {
    return `the ${delta.name} frame has no id field`;
  }
  const deltaRow = new Map<string, number>();
  for (let r = 0; r < deltaIds.length; r++) {
    deltaRow.set(String(deltaIds[r]), r);
  }
  // Each output row: [fromDelta, row]. Replaced rows stay where they stood; new ones follow in the answer's order.
  const fromDelta: boolean[] = [];
  const rows: number[] = [];
  const placed = new Set<number>();
  for (let r = 0; r < heldIds.length; r++) {
    const id = String(heldIds[r]);
    const d = deltaRow.get(id);
    if (d !== undefined) {
      fromDelta.push(true);
      rows.push(d);
      placed.add(d);
    } else if (!removed.has(id)) {
      fromDelta.push(false);
      rows.push(r);
    }
  }
  for (let d = 0; d < deltaIds.length; d++) {
    if (!placed.has(d)) {
      fromDelta.push(true);
      rows.push(d);
    }
  }
  const heldByName = new Map<string, FieldLike>(held.fields.map((f) => [f.name, f]));
  const fields = delta.fields.map((f) => {
    const old = heldByName.get(f.name)?.values;
    const mine = f.values;
    const values = new Array<unknown>(rows.length);
    for (let k = 0; k < rows.length; k++) {
      values[k] = fromDelta[k] ? mine[rows[k]] : old ? old[rows[k]] : null;
    }
    return { ...f, values };
  });
  const meta = delta.meta?.custom ? { ...delta.meta, custom: withoutDelta(delta.meta.custom) } : delta.meta;
  return { ...delta, meta, fields, length: rows.length };
}

export type DeltaResult = { frames: HeldFrame[] } | { error: string };

/**
 * `answer` applied to `held`: whole answers come back as they are; a delta answer whose held frames are missing or
 * hold another view (other evaluation, other expanded ids) is an error (the caller asks again, whole).
 */
export function applyRollupDeltas(held: readonly FrameLike[], answer: readonly FrameLike[]): DeltaResult {
  const out: HeldFrame[] = [];
  for (const frame of answer) {
    const nodesOfQuery = frame?.name === EDGES_FRAME ? findFrame(answer, frame.refId, NODES_FRAME) : undefined;
    if (nodesOfQuery && readDelta(nodesOfQuery)) {
      continue; // merged with its nodes frame
    }
    const delta = frame?.name === NODES_FRAME ? readDelta(frame) : undefined;
    if (!delta) {
      out.push(frame);
      continue;
    }
    const heldNodes = findFrame(held, frame.refId, NODES_FRAME);
    const heldEdges = findFrame(held, frame.refId, EDGES_FRAME);
    const edges = findFrame(answer, frame.refId, EDGES_FRAME);
    const heldExpanded = heldNodes && expandedOf(heldNodes);
    if (!heldNodes || !heldEdges || !edges || !heldExpanded) {
      return { error: `query ${frame.refId ?? ''}: the answer's changes have no graph to apply to` };
    }
    // The same evaluation rolled up the same way with the same groups open: the very view the changes start from.
    const sameView =
      tokenOf(heldNodes) === tokenOf(frame) &&
      rolledBy(heldNodes) === rolledBy(frame) &&
      sameIds(heldExpanded, delta.from);
    if (!sameView) {
      return { error: `query ${frame.refId ?? ''}: the answer's changes are for another view than the one shown` };
    }
    const nodes = mergeFrame(heldNodes, frame, new Set(delta.removedNodes));
    const edgeFrame = mergeFrame(heldEdges, edges, new Set(delta.removedEdges));
    if (typeof nodes === 'string' || typeof edgeFrame === 'string') {
      return { error: `query ${frame.refId ?? ''}: ${typeof nodes === 'string' ? nodes : edgeFrame}` };
    }
    out.push(nodes, edgeFrame);
  }
  return { frames: out };
}
