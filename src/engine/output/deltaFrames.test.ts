// Expansion answers with only the changed rows, checked against the whole answer row by row.
import { EDGES_FRAME, FrameDTO, NodeField, NODES_FRAME } from '../../contract/frameFields';
import { RollupDelta, RollupMeta } from '../../contract/rollupDelta';
import { lean, testOptions } from '../fold/planRunner.testutil';
import type { GraphModel, GraphOptions, RollupKind } from '../model';
import { applyRollup, newRollupIndexes } from '../rollup/rollup';
import { deltaFrames } from './deltaFrames';
import { expansionMeshSeries, meshNamespace } from './deltaMesh.testutil';
import { NODE_FIELDS_FROM_EDGES, toFrames } from './frames';

type Row = Record<string, unknown>;

function frameNamed(frames: FrameDTO[], name: string): FrameDTO {
  const f = frames.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no ${name} frame`);
  }
  return f;
}

function rowCount(frame: FrameDTO): number {
  return frame.fields[0]?.values.length ?? 0;
}

/** The frame's rows by id (ids are unique within a frame). */
function rowsById(frame: FrameDTO): Map<string, Row> {
  const rows = new Map<string, Row>();
  const ids = frame.fields.find((f) => f.name === NodeField.id)!.values;
  ids.forEach((id, r) => {
    expect(rows.has(String(id))).toBe(false);
    rows.set(String(id), Object.fromEntries(frame.fields.map((f) => [f.name, f.values[r]])));
  });
  return rows;
}

function deltaOf(frames: FrameDTO[]): RollupDelta {
  return frameNamed(frames, NODES_FRAME).meta!.custom![RollupMeta.delta] as RollupDelta;
}

/** The held answer's rows with the delta applied: removed ids dropped, rows of the same id replaced, new ones added. */
function applyDelta(held: FrameDTO[], delta: FrameDTO[]): { nodes: Map<string, Row>; edges: Map<string, Row> } {
  const { removedNodes, removedEdges } = deltaOf(delta);
  const apply = (name: string, removed: string[]) => {
    const rows = rowsById(frameNamed(held, name));
    for (const id of removed) {
      expect(rows.delete(id)).toBe(true);
    }
    for (const [id, row] of rowsById(frameNamed(delta, name))) {
      rows.set(id, row);
    }
    return rows;
  };
  return { nodes: apply(NODES_FRAME, removedNodes), edges: apply(EDGES_FRAME, removedEdges) };
}

/** Same ids, and every row equal column by column. */
function expectSameRows(actual: Map<string, Row>, expected: Map<string, Row>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, row] of expected) {
    expect({ id, row: actual.get(id) }).toEqual({ id, row });
  }
}

const fieldShape = (frame: FrameDTO) => frame.fields.map((f) => ({ name: f.name, type: f.type, config: f.config }));

/** The delta from `base` to `next` applied to base's frames gives next's rows; it has next's fields and meta. */
function expectTruth(base: GraphModel, next: GraphModel): FrameDTO[] {
  const links = [{ title: 'drill down', url: '/d/x?var-node=${__value.raw}' }];
  const delta = deltaFrames(base, next, { links, refId: 'A' });
  // The columns are computed when read, from the rows kept.
  for (const f of delta.flatMap((d) => d.fields)) {
    expect(Object.getOwnPropertyDescriptor(f, 'values')?.get).toBeDefined();
  }
  const whole = toFrames(next, { links, refId: 'A' });
  expect(delta.map((d) => [d.name, d.refId])).toEqual(whole.map((w) => [w.name, w.refId]));
  delta.forEach((d, i) => expect(fieldShape(d)).toEqual(fieldShape(whole[i])));
  const { [RollupMeta.delta]: info, ...custom } = frameNamed(delta, NODES_FRAME).meta!.custom!;
  expect(info).toEqual({
    from: base.rollup!.expanded,
    removedNodes: expect.any(Array),
    removedEdges: expect.any(Array),
  });
  expect({ ...frameNamed(delta, NODES_FRAME).meta, custom }).toEqual(frameNamed(whole, NODES_FRAME).meta);
  expect(frameNamed(delta, EDGES_FRAME).meta).toEqual(frameNamed(whole, EDGES_FRAME).meta);

  const applied = applyDelta(toFrames(base, { links, refId: 'A' }), delta);
  expectSameRows(applied.nodes, rowsById(frameNamed(whole, NODES_FRAME)));
  expectSameRows(applied.edges, rowsById(frameNamed(whole, EDGES_FRAME)));
  return delta;
}

/** Views of one evaluated graph, built from shared rollup indexes and kept per expanded ids, as the backend does. */
function viewsOf(model: GraphModel, options: GraphOptions, by: RollupKind) {
  const indexes = newRollupIndexes();
  const kept = new Map<string, GraphModel>();
  const view = (rollupExpand: string[]) => {
    const key = JSON.stringify(rollupExpand);
    let v = kept.get(key);
    if (!v) {
      v = applyRollup(model, { ...options, rollup: by, rollupExpand }, indexes);
      kept.set(key, v);
    }
    return v;
  };
  const groups = view([])
    .nodes.filter((n) => n.rollup)
    .map((n) => n.id);
  return { view, groups };
}

/** 40 namespaces of 8 workloads rolled up by namespace: most namespaces are not neighbours of a given one. */
function manyNamespaces() {
  const options = testOptions({ namespaces: [...Array(40).keys()].map(meshNamespace), appenders: { health: true } });
  return viewsOf(lean(options, expansionMeshSeries(40, 8, 5)), options, 'namespace');
}

describe('deltaFrames', () => {
  const namespaces = [0, 1, 2, 3, 4].map(meshNamespace);
  const cases: Array<[string, Parameters<typeof testOptions>[0], RollupKind]> = [
    ['by namespace, health on', { namespaces, appenders: { health: true } }, 'namespace'],
    ['by namespace, health off (rolled-up arcs from edges)', { namespaces, appenders: { health: false } }, 'namespace'],
    ['by cluster, health on', { namespaces, appenders: { health: true } }, 'cluster'],
    [
      'by namespace, versioned apps boxed by cluster',
      { namespaces, graphType: 'versionedApp', boxBy: ['app', 'cluster'], appenders: { health: true } },
      'namespace',
    ],
  ];
  for (const [name, overrides, by] of cases) {
    describe(name, () => {
      const options = testOptions(overrides);
      const model = lean(options, expansionMeshSeries(7, 5, 17));
      const { view, groups } = viewsOf(model, options, by);
      const [a, b, c] = groups;

      it('has groups to expand and outside namespaces', () => {
        expect(groups.length).toBeGreaterThanOrEqual(by === 'cluster' ? 3 : 5);
      });
      const steps: Array<[string, () => string[], () => string[]]> = [
        ['expands one from none', () => [], () => [a]],
        ['expands a second with one open', () => [a], () => [a, b]],
        ['collapses one of two', () => [a, b], () => [a]],
        ['collapses all', () => [a, b], () => []],
        ['opens one and closes another', () => [a, b], () => [b, c]],
        ['answers the same view with no rows', () => [b], () => [b]],
      ];
      for (const [step, from, to] of steps) {
        it(`${step}: the delta applied to the held rows gives the whole answer's rows`, () => {
          const base = view(from());
          const next = view(to());
          expect(base.rollup!.by).toBe(by);
          const delta = expectTruth(base, next);
          if (step.startsWith('answers the same')) {
            expect(delta.map(rowCount)).toEqual([0, 0]);
            expect(deltaOf(delta)).toEqual({ from: [b], removedNodes: [], removedEdges: [] });
          }
        });
      }
    });
  }

  it('is much smaller than the whole answer on a mesh of many namespaces', () => {
    const { view, groups } = manyNamespaces();
    const whole = (v: GraphModel) => toFrames(v).map(rowCount);
    for (const [from, to] of [
      [[], [groups[3]]],
      [[groups[3]], [groups[3], groups[11]]],
      [[groups[3], groups[11]], [groups[11]]],
    ]) {
      const next = view(to);
      const [nodes, edges] = expectTruth(view(from), next).map(rowCount);
      const [allNodes, allEdges] = whole(next);
      // About 50 + 400 rows whole; about 25–40 nodes and 30–40 edges sent.
      expect(allEdges).toBeGreaterThan(350);
      expect(nodes + edges).toBeLessThan((allNodes + allEdges) / 5);
      expect(edges).toBeLessThan(allEdges / 8);
    }
  });

  describe('compares the columns read from the edges for nodes both views share', () => {
    const options = testOptions({ namespaces, appenders: { health: true } });
    const model = lean(options, expansionMeshSeries(7, 5, 17));
    const { view, groups } = viewsOf(model, options, 'namespace');
    const base = view([groups[0]]);
    // A second view sharing base's node objects, whose edges into PassthroughCluster now fail (their new objects
    // are in the delta; the node's object is the same, only its arc and colour changed).
    const passthrough = base.nodes.find((n) => n.isEgressCluster && n.service === 'PassthroughCluster')!;
    const next: GraphModel = {
      ...base,
      edges: base.edges.map((e) => (e.target === passthrough.id ? { ...e, healthStatus: 'Failure' } : e)),
    };

    it('sends the row of a shared node whose arc changed', () => {
      const arcs = (m: GraphModel) => {
        const nodes = frameNamed(toFrames(m), NODES_FRAME);
        const row = nodes.fields[0].values.indexOf(passthrough.id);
        return NODE_FIELDS_FROM_EDGES.map((name) => nodes.fields.find((f) => f.name === name)!.values[row]);
      };
      expect(arcs(next)).not.toEqual(arcs(base));
      const delta = expectTruth(base, next);
      expect([...rowsById(frameNamed(delta, NODES_FRAME)).keys()]).toEqual([passthrough.id]);
    });

    it('would give wrong rows without that comparison', () => {
      const delta = deltaFrames(base, next);
      const nodes = frameNamed(delta, NODES_FRAME);
      const identityOnly: FrameDTO[] = [
        { ...nodes, fields: nodes.fields.map((f) => ({ ...f, values: [] })) },
        frameNamed(delta, EDGES_FRAME),
      ];
      const applied = applyDelta(toFrames(base), identityOnly);
      expect(applied.nodes).not.toEqual(rowsById(frameNamed(toFrames(next), NODES_FRAME)));
    });

    it('between views of the rollup itself, sends a shared node only when a column read from the edges changed', () => {
      const { view, groups } = manyNamespaces();
      for (const [from, to] of [
        [[], [groups[0]]],
        [[groups[0]], [groups[0], groups[1]]],
        [[groups[0], groups[1]], [groups[2]]],
      ]) {
        const was = view(from);
        const is = view(to);
        const shared = new Set(was.nodes.filter((n) => is.nodes.includes(n)).map((n) => n.id));
        expect(shared.size).toBeGreaterThan(0);
        const wasRows = rowsById(frameNamed(toFrames(was), NODES_FRAME));
        const isRows = rowsById(frameNamed(toFrames(is), NODES_FRAME));
        const fromEdgesChanged = (id: string) =>
          NODE_FIELDS_FROM_EDGES.some((name) => !Object.is(wasRows.get(id)![name], isRows.get(id)![name]));
        const sentShared = [...rowsById(frameNamed(deltaFrames(was, is), NODES_FRAME)).keys()].filter((id) =>
          shared.has(id)
        );
        expect(sentShared.filter((id) => !fromEdgesChanged(id))).toEqual([]);
        expect([...shared].filter(fromEdgesChanged).sort()).toEqual([...sentShared].sort());
      }
    });
  });
});
