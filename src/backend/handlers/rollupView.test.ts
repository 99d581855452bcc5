/** @jest-environment node */
import { meshSeries } from '../../engine/fold/meshFixture.testutil';
import { lean, testOptions } from '../../engine/fold/planRunner.testutil';
import { rollupNodeId } from '../../contract/nodeIds';
import { evaluationKey } from './evaluations';
import { evaluationOptions, MAX_VIEWS_PER_GRAPH, rolledView } from './rollupView';

describe('rollup in the backend', () => {
  const options = testOptions({ namespaces: ['shop', 'pay'], appenders: { health: true } });
  const model = lean(options, meshSeries());
  const frozen = JSON.stringify(model);

  it('evaluates the unrolled graph: the rollup options are not part of the shared evaluation', () => {
    const rolled = { ...options, rollup: 'namespace' as const, rollupNodeBudget: 10, rollupExpand: ['x'] };
    const evaluated = evaluationOptions(rolled);
    expect(evaluated).not.toHaveProperty('rollup');
    expect(evaluated).not.toHaveProperty('rollupNodeBudget');
    expect(evaluated).not.toHaveProperty('rollupExpand');
    expect(evaluationKey('ds', evaluated, 15)).toBe(evaluationKey('ds', options, 15));
    expect(evaluationOptions(options)).toBe(options);
  });

  it('gives each view of a shared graph once, and never changes the graph', () => {
    expect(rolledView(model, options)).toBe(model);
    expect(rolledView(model, { ...options, rollup: 'none' })).toBe(model);
    const a = rolledView(model, { ...options, rollup: 'namespace' });
    expect(a).not.toBe(model);
    expect(a.nodes.some((n) => n.id === rollupNodeId('namespace', 'c1', 'shop'))).toBe(true);
    expect(rolledView(model, { ...options, rollup: 'namespace' })).toBe(a);
    const expanded = rolledView(model, {
      ...options,
      rollup: 'namespace',
      rollupExpand: [rollupNodeId('namespace', 'c1', 'shop')],
    });
    expect(expanded).not.toBe(a);
    expect(expanded.rollup!.expanded).toEqual([rollupNodeId('namespace', 'c1', 'shop')]);
    const auto = rolledView(model, { ...options, rollup: 'auto', rollupNodeBudget: 3 });
    expect(auto.rollup).toMatchObject({ requested: 'auto', by: 'namespace', budget: 3 });
    expect(rolledView(model, { ...options, rollup: 'auto', rollupNodeBudget: 500 }).rollup!.by).toBe('none');
    expect(JSON.stringify(model)).toBe(frozen);
  });

  it('keeps a bounded number of views per graph', () => {
    const graph = { ...model };
    const first = rolledView(graph, { ...options, rollup: 'auto', rollupNodeBudget: 1 });
    for (let i = 2; i <= MAX_VIEWS_PER_GRAPH; i++) {
      rolledView(graph, { ...options, rollup: 'auto', rollupNodeBudget: i });
    }
    expect(rolledView(graph, { ...options, rollup: 'auto', rollupNodeBudget: 1 })).toBe(first);
    rolledView(graph, { ...options, rollup: 'auto', rollupNodeBudget: MAX_VIEWS_PER_GRAPH + 1 });
    expect(rolledView(graph, { ...options, rollup: 'auto', rollupNodeBudget: 1 })).not.toBe(first);
  });
});
