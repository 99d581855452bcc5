/**
 * The frames of one rolled-up view with only the rows that differ from another view of the same evaluation
 * (src/contract/rollupDelta.ts): what an expansion answer carries when the panel holds the other view. Views of one
 * graph share every node and edge object that did not change (rollup/rollupIndex.ts), so a row differs when its
 * object is new, or, for the few node columns read from the graph's edges (NODE_FIELDS_FROM_EDGES), when its
 * value does. Applying the rows and the removed ids to the other view's frames gives this view's rows.
 */
import { FrameDTO, FrameFieldDTO } from '../../contract/frameFields';
import { RollupDelta, RollupMeta } from '../../contract/rollupDelta';
import type { GraphModel } from '../model';
import { FrameOptions, NODE_FIELDS_FROM_EDGES, toFrames } from './frames';
import { ColumnSource, readColumn, withLazyValues } from './lazyColumn';

function fieldNamed(frame: FrameDTO, name: string): FrameFieldDTO {
  const f = frame.fields.find((x) => x.name === name);
  if (!f) {
    throw new Error(`the ${frame.name} frame has no ${name} field`);
  }
  return f;
}

/** The field with the given rows of its column, in that order, computed when read (the column is never built). */
function subsetField(field: FrameFieldDTO, rows: readonly number[]): FrameFieldDTO {
  const out: Record<string, unknown> = {};
  // Every property but `values`, without reading it (that would build the whole column).
  for (const key of Object.keys(field)) {
    if (key !== 'values') {
      out[key] = field[key as keyof FrameFieldDTO];
    }
  }
  const source = readColumn(field);
  return withLazyValues(out as Omit<FrameFieldDTO, 'values'>, {
    length: rows.length,
    at: (k) => source.at(rows[k]),
  });
}

function subsetFrame(frame: FrameDTO, rows: readonly number[]): FrameDTO {
  return { ...frame, fields: frame.fields.map((f) => subsetField(f, rows)) };
}

/** Ids of `was` that no element of `is` has. */
function goneIds(was: ReadonlyArray<{ id: string }>, is: ReadonlyArray<{ id: string }>): string[] {
  const kept = new Set(is.map((x) => x.id));
  const gone = new Set<string>();
  for (const x of was) {
    if (!kept.has(x.id)) {
      gone.add(x.id);
    }
  }
  return [...gone];
}

/**
 * toFrames(next, options) with only the rows that differ from toFrames(base, options), and the nodes frame's
 * meta.custom.delta (RollupDelta) saying which view they apply to and which ids are gone. `base` and `next` are
 * rolled-up views of the same graph (the same rollup). Rows keep next's order. O(nodes + edges).
 */
export function deltaFrames(base: GraphModel, next: GraphModel, options: FrameOptions = {}): FrameDTO[] {
  const [nodes, edges] = toFrames(next, options);
  const [baseNodes] = toFrames(base, options);

  const baseRowOf = new Map(base.nodes.map((n, i) => [n, i]));
  const fromEdges: Array<[ColumnSource, ColumnSource]> = NODE_FIELDS_FROM_EDGES.map((name) => [
    readColumn(fieldNamed(baseNodes, name)),
    readColumn(fieldNamed(nodes, name)),
  ]);
  const nodeRows: number[] = [];
  next.nodes.forEach((n, i) => {
    const b = baseRowOf.get(n);
    if (b === undefined || fromEdges.some(([was, is]) => !Object.is(was.at(b), is.at(i)))) {
      nodeRows.push(i);
    }
  });

  // Every edges-frame column is a function of the edge object alone: a shared edge has the same row.
  const baseEdges = new Set(base.edges);
  const edgeRows: number[] = [];
  next.edges.forEach((e, i) => {
    if (!baseEdges.has(e)) {
      edgeRows.push(i);
    }
  });

  const delta: RollupDelta = {
    from: [...(base.rollup?.expanded ?? [])],
    removedNodes: goneIds(base.nodes, next.nodes),
    removedEdges: goneIds(base.edges, next.edges),
  };
  const nodesDelta = subsetFrame(nodes, nodeRows);
  nodesDelta.meta = { ...nodes.meta, custom: { ...nodes.meta?.custom, [RollupMeta.delta]: delta } };
  return [nodesDelta, subsetFrame(edges, edgeRows)];
}
