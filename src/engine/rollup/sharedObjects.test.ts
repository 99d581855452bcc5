/** @jest-environment node */
import { lean, testOptions } from '../fold/planRunner.testutil';
import { expansionMeshSeries, meshNamespace } from '../output/deltaMesh.testutil';
import { rollupNodeId } from '../../contract/nodeIds';
import { deltaFrames } from '../output/deltaFrames';
import { applyRollup, newRollupIndexes } from './rollup';
import { newSharedObjects, sameData, shareEqualObjects } from './sharedObjects';

describe('objects shared between views', () => {
  it('compares data as the frames read it', () => {
    expect(sameData({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: NaN }, { a: NaN })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: 0 })).toBe(false);
    expect(sameData({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameData({ a: [1] }, { a: { 0: 1 } })).toBe(false);
    expect(sameData({ a: null }, { a: undefined })).toBe(false);
    expect(sameData({ r: { total: 0.1 + 0.2 } }, { r: { total: 0.3 } })).toBe(false);
  });

  const namespaces = [...Array(6).keys()].map(meshNamespace);
  const options = testOptions({ namespaces, appenders: { health: true } });
  const model = lean(options, expansionMeshSeries(6, 6, 11));
  const id = (i: number) => rollupNodeId('namespace', i % 3 === 2 ? 'c2' : 'c1', meshNamespace(i));
  const view = (expand: string[], seen = newSharedObjects(), indexes = newRollupIndexes()) =>
    shareEqualObjects(applyRollup(model, { ...options, rollup: 'namespace', rollupExpand: expand }, indexes), seen);

  it('a second group opened keeps the first group’s members and edges as the same objects', () => {
    const seen = newSharedObjects();
    const indexes = newRollupIndexes();
    const one = view([id(0)], seen, indexes);
    const two = view([id(0), id(1)], seen, indexes);
    const members = (v: typeof one) => v.nodes.filter((n) => n.parent === id(0));
    expect(members(one).length).toBeGreaterThan(3);
    for (const m of members(two)) {
      expect(members(one)).toContain(m);
    }
    // Edges between the first group's members are the same objects too.
    const inFirst = new Set(members(two).map((m) => m.id));
    const inner = two.edges.filter((e) => inFirst.has(e.source) && inFirst.has(e.target));
    expect(inner.length).toBeGreaterThan(0);
    expect(inner.every((e) => one.edges.includes(e))).toBe(true);
    // So the answer of changed rows for the second opening carries none of the first group's members.
    const [nodes] = deltaFrames(one, two, {});
    const ids = nodes.fields.find((f) => f.name === 'id')!.values as string[];
    expect(ids).toContain(id(1));
    expect(ids.filter((x) => inFirst.has(x))).toEqual([]);
    // Without sharing, the same two views from the same index sum the first group's edges to collapsed groups
    // anew; its members are the index's own placed copies, the same objects in both.
    const plainIndexes = newRollupIndexes();
    const plainOne = applyRollup(model, { ...options, rollup: 'namespace', rollupExpand: [id(0)] }, plainIndexes);
    const plainTwo = applyRollup(
      model,
      { ...options, rollup: 'namespace', rollupExpand: [id(0), id(1)] },
      plainIndexes
    );
    const collapsed = new Set([2, 3, 4, 5].map(id));
    const toCollapsed = (v: typeof one) =>
      v.edges.filter((e) => (inFirst.has(e.source) && collapsed.has(e.target)) || collapsed.has(e.source));
    const summed = toCollapsed(plainTwo).filter((e) => inFirst.has(e.source) || inFirst.has(e.target));
    expect(summed.length).toBeGreaterThan(0);
    expect(summed.filter((e) => plainOne.edges.includes(e))).toEqual([]);
    expect(toCollapsed(two).filter((e) => inFirst.has(e.source) && !one.edges.includes(e))).toEqual([]);
    expect(members(plainTwo).every((m) => plainOne.nodes.includes(m))).toBe(true);
    // Shared or not, every view holds the same data.
    expect(JSON.stringify(two)).toBe(JSON.stringify(plainTwo));
  });

  it('keeps a changed object as the new one, and the view itself when nothing is equal to an earlier one', () => {
    const seen = newSharedObjects();
    const first = view([], seen);
    const again = view([], seen);
    expect(again).not.toBe(first);
    expect(again.nodes.every((n, i) => n === first.nodes[i])).toBe(true);
    const fresh = applyRollup(model, { ...options, rollup: 'namespace' }, newRollupIndexes());
    expect(shareEqualObjects(fresh, newSharedObjects())).toBe(fresh);
    const changed = {
      ...fresh,
      nodes: fresh.nodes.map((n, i) => (i === 0 ? { ...n, rates: { ...n.rates, httpIn: 42 } } : n)),
    };
    const shared = shareEqualObjects(changed, seen);
    expect(shared.nodes[0]).toBe(changed.nodes[0]);
    expect(shared.nodes[1]).toBe(first.nodes[1]);
    expect(seen.nodes.get(changed.nodes[0].id)).toBe(changed.nodes[0]);
  });
});
