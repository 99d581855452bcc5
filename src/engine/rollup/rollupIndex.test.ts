// Views built from a graph's rollup index against the same views rolled up from scratch.
import { RawSeries } from '../promql/evaluate.testutil';
import { both, CART, dst, INGRESS, meshSeries, WEB } from '../fold/meshFixture.testutil';
import { expansionMeshSeries, meshCluster, meshNamespace } from '../output/deltaMesh.testutil';
import { lean, testOptions } from '../fold/planRunner.testutil';
import type { GraphModel, GraphOptions, RollupKind } from '../model';
import { rollupNodeId } from '../../contract/nodeIds';
import { applyRollup, newRollupIndexes, rollupGraph } from './rollup';

/** Rates whose sums round differently by grouping (so exact sums per view matter), from a fixed seed. */
function awkwardRate(rnd: () => number): number {
  return [0.1, 0.2, 0.3, 1 / 3, 0.7, 1e-9, 12345.678, 2 / 7][Math.floor(rnd() * 8)] * (1 + Math.floor(rnd() * 5));
}

/**
 * The expansion mesh (output/deltaMesh.testutil.ts) with awkward rates, plus the shop/pay fixture's outside gateway
 * calling into three namespaces.
 */
function randomMeshSeries(namespaces: number, workloads: number, seed: number): RawSeries[] {
  const at = (i: number) => dst(meshNamespace(i), `w${i}-v1`, `w${i}`, 'v1', meshCluster(i));
  return [
    ...expansionMeshSeries(namespaces, workloads, seed, awkwardRate),
    ...both(INGRESS, at(0), '200', 2),
    ...both(WEB, at(1), '404', 0.25),
    ...both(CART, at(2), '200', 0.75),
  ];
}

const groupIds = (model: GraphModel, by: RollupKind) =>
  rollupGraph(model, by, {})
    .nodes.filter((n) => n.rollup)
    .map((n) => n.id);

/** Expanded sets to try: none, each group alone, pairs, all but one, all, with an id that is no group. */
function expandedSets(ids: string[]): string[][] {
  const sets: string[][] = [[], ...ids.map((id) => [id]), ids, ids.slice(1), ['rollup_namespace_nowhere_x']];
  for (let i = 0; i + 1 < ids.length; i += 2) {
    sets.push([ids[i + 1], ids[i], 'rollup_namespace_nowhere_x']);
  }
  return sets;
}

/** Every view from one index equals the view from scratch, field by field and in order; no view changes another. */
function expectViewsFromIndex(model: GraphModel, by: RollupKind, options: GraphOptions): number {
  const frozen = JSON.stringify(model);
  const indexes = newRollupIndexes();
  const views: Array<{ view: GraphModel; text: string }> = [];
  const sets = expandedSets(groupIds(model, by));
  for (const rollupExpand of sets) {
    const view = rollupGraph(model, by, { ...options, rollupExpand }, indexes);
    const scratch = rollupGraph(model, by, { ...options, rollupExpand });
    expect(view).toEqual(scratch);
    const text = JSON.stringify(view);
    expect(text).toBe(JSON.stringify(scratch));
    views.push({ view, text });
  }
  for (const { view, text } of views) {
    expect(JSON.stringify(view)).toBe(text);
  }
  expect(JSON.stringify(model)).toBe(frozen);
  return sets.length;
}

describe('views from a rollup index', () => {
  const cases: Array<[string, RawSeries[], Parameters<typeof testOptions>[0]]> = [
    [
      'the shop/pay mesh, versioned apps in app boxes',
      [...meshSeries(), ...both(WEB, dst('shop', 'reviews-v2', 'reviews', 'v2'), '200', 1.5)],
      { namespaces: ['shop', 'pay'], graphType: 'versionedApp', boxBy: ['app', 'namespace', 'cluster'] },
    ],
    [
      'the shop/pay mesh with services, health off, response times averaged',
      meshSeries(),
      {
        namespaces: ['shop', 'pay'],
        graphType: 'workload',
        injectServiceNodes: true,
        appenders: { health: false, responseTime: 'avg' },
      },
    ],
    [
      'a mesh of 12 namespaces in two clusters, boxed by cluster',
      randomMeshSeries(12, 8, 7),
      { namespaces: [...Array(12).keys()].map((i) => `ns${i}`), graphType: 'workload', boxBy: ['cluster'] },
    ],
    [
      'a mesh of 9 namespaces, some requested (the rest outside)',
      randomMeshSeries(9, 6, 11),
      { namespaces: ['ns0', 'ns1', 'ns2', 'ns3', 'ns4'], graphType: 'workload', injectServiceNodes: false },
    ],
  ];
  for (const [name, series, overrides] of cases) {
    for (const by of ['namespace', 'cluster'] as const) {
      it(`equal the rollup from scratch by ${by}: ${name}`, () => {
        const options = testOptions({ ...overrides, appenders: { health: true, ...overrides?.appenders } });
        const model = lean(options, series);
        expect(model.nodes.some((n) => n.nodeType === 'unknown' || n.isEgressCluster)).toBe(true);
        expect(expectViewsFromIndex(model, by, options)).toBeGreaterThan(3);
      });
    }
  }

  it('share the collapsed view’s nodes and edges that do not touch an expanded group', () => {
    const options = testOptions({ namespaces: ['ns0', 'ns1', 'ns2', 'ns3'], appenders: { health: true } });
    const model = lean(options, randomMeshSeries(4, 6, 3));
    const indexes = newRollupIndexes();
    const base = rollupGraph(model, 'namespace', options, indexes);
    const ns0 = rollupNodeId('namespace', 'c1', 'ns0');
    const view = rollupGraph(model, 'namespace', { ...options, rollupExpand: [ns0] }, indexes);
    const baseEdges = new Set(base.edges);
    const untouched = view.edges.filter(
      (e) => e.source !== ns0 && e.target !== ns0 && base.edges.some((b) => b.id === e.id)
    );
    expect(untouched.length).toBeGreaterThan(0);
    // Same objects unless their percentReq changed (their source now also sends to ns0's members).
    expect(untouched.filter((e) => baseEdges.has(e)).length).toBeGreaterThan(untouched.length / 2);
    expect(view.nodes.find((n) => n.id === ns0)).toMatchObject({ nodeType: 'box', isBox: 'namespace' });
  });

  it('are what applyRollup gives with indexes, notices of "auto" included', () => {
    const options = testOptions({ namespaces: ['ns0', 'ns1', 'ns2'], appenders: { health: true } });
    const model = lean(options, randomMeshSeries(3, 5, 5));
    const indexes = newRollupIndexes();
    for (const rollupExpand of [[], [rollupNodeId('namespace', 'c1', 'ns1')]]) {
      const asked = { ...options, rollup: 'auto' as const, rollupNodeBudget: 4, rollupExpand };
      const view = applyRollup(model, asked, indexes);
      expect(view).toEqual(applyRollup(model, asked));
      expect(view.notices.some((n) => /rollup budget of 4/.test(n.text))).toBe(true);
    }
    expect(indexes.byRollup.size).toBe(1);
  });

  it('are built again for another graph given the same indexes', () => {
    const options = testOptions({ namespaces: ['ns0', 'ns1'], appenders: { health: true } });
    const a = lean(options, randomMeshSeries(2, 5, 5));
    const b = lean(options, randomMeshSeries(2, 5, 6));
    const indexes = newRollupIndexes();
    rollupGraph(a, 'namespace', options, indexes);
    expect(rollupGraph(b, 'namespace', options, indexes)).toEqual(rollupGraph(b, 'namespace', options));
  });
});
