/**
 * @jest-environment node
 *
 * Expansion re-asks answered with only the changed rows (src/contract/rollupDelta.ts), through QueryData as Grafana
 * calls it: the graphs come from a fixture mesh instead of Prometheus, the frames are read back from their Arrow
 * bytes as Grafana's Go SDK reads them.
 */
import { GrafanaFrame, readArrowFrame } from '../../../tests/support/grafanaFrames';
import { EDGES_FRAME, NodeField, NODES_FRAME, RollupNodeField } from '../../contract/frameFields';
import { RollupDelta, RollupMeta } from '../../contract/rollupDelta';
import { resolveSettings } from '../../datasource/settings';
import { lean } from '../../engine/fold/planRunner.testutil';
import type { GraphModel, GraphOptions } from '../../engine/model';
import { expansionMeshSeries, meshNamespace } from '../../engine/output/deltaMesh.testutil';
import type { Logger } from '../protocol/hclog';
import type { DataQuery, PluginContext } from '../protocol/messages';

import { evaluationKey, GraphEvaluations, REUSE_MS } from './evaluations';
import { evaluationToken } from './evaluationTokens';
import { toGraphRequest } from './graphRequest';
import { InstanceRegistry } from './instance';
import { queryData } from './queryData';
import { datasourceSettings } from './settings.testutil';

const series = expansionMeshSeries(12, 5, 9);

/** The shared evaluations, building graphs from the fixture mesh (and counting how many). */
class FixtureEvaluations extends GraphEvaluations {
  built = 0;
  override evaluate(key: string, stepS: number, options: GraphOptions, _build: unknown, signal: AbortSignal) {
    return super.evaluate(
      key,
      stepS,
      options,
      (o) => {
        this.built++;
        return Promise.resolve(lean(o, series));
      },
      signal
    );
  }
}

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const datasource = datasourceSettings({}, { scrapeInterval: '15s' });
const context: PluginContext = {
  orgId: 1,
  pluginId: 'meshgraph-istio-datasource',
  user: null,
  dataSourceInstanceSettings: datasource,
  grafanaConfig: {},
  pluginVersion: '',
  userAgent: '',
};

const TO_MS = 1_700_000_000_000;
const baseQuery = {
  namespaces: [...Array(10).keys()].map(meshNamespace),
  graphType: 'workload',
  kubeState: false,
  rollup: 'namespace',
};

function dataQuery(refId: string, json: object, queryType = ''): DataQuery {
  return {
    refId,
    maxDataPoints: 1000,
    intervalMS: 15_000,
    timeRange: { fromEpochMS: TO_MS - 300_000, toEpochMS: TO_MS },
    json: Buffer.from(JSON.stringify(json)),
    queryType,
  };
}

interface Answer {
  frames: GrafanaFrame[];
  bytes: Uint8Array[];
  error?: string;
}

function harness(now: () => number = Date.now) {
  const deps = { instances: new InstanceRegistry(), evaluations: new FixtureEvaluations(undefined, now), log: silent };
  const ask = async (json: object, queryType = ''): Promise<Answer> => {
    const res = await queryData(
      { pluginContext: context, headers: {}, queries: [dataQuery('A', json, queryType)] },
      deps,
      new AbortController().signal
    );
    const r = res.responses.A;
    return { frames: r.frames.map(readArrowFrame), bytes: r.frames, error: r.error };
  };
  return { deps, ask };
}

function frameNamed(answer: Answer, name: string): GrafanaFrame {
  const f = answer.frames.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no ${name} frame`);
  }
  return f;
}
const custom = (answer: Answer) => (frameNamed(answer, NODES_FRAME).meta?.custom ?? {}) as Record<string, unknown>;
const tokenOf = (answer: Answer) => custom(answer)[RollupMeta.evaluation] as string | undefined;
const deltaOf = (answer: Answer) => custom(answer)[RollupMeta.delta] as RollupDelta | undefined;
const expandedOf = (answer: Answer) => (custom(answer).rollup as { expanded: string[] }).expanded;
const rowCount = (frame: GrafanaFrame) => frame.fields[0]?.values.length ?? 0;
const rowsOf = (answer: Answer) => answer.frames.map(rowCount);

function rowsById(frame: GrafanaFrame): Map<string, Record<string, unknown>> {
  const ids = frame.fields.find((f) => f.name === NodeField.id)!.values;
  return new Map(
    ids.map((id, r) => [String(id), Object.fromEntries(frame.fields.map((f) => [f.name, f.values[r]]))] as const)
  );
}

/** The held answer's rows with a delta answer applied (removed ids dropped, same ids replaced, new ones added). */
function applied(held: Answer, delta: Answer, name: string): Map<string, Record<string, unknown>> {
  const info = deltaOf(delta)!;
  const rows = rowsById(frameNamed(held, name));
  for (const id of name === NODES_FRAME ? info.removedNodes : info.removedEdges) {
    rows.delete(id);
  }
  for (const [id, row] of rowsById(frameNamed(delta, name))) {
    rows.set(id, row);
  }
  return rows;
}

/** Group ids of a rolled-up answer. */
function groupIds(answer: Answer): string[] {
  const nodes = frameNamed(answer, NODES_FRAME);
  const ids = nodes.fields.find((f) => f.name === NodeField.id)!.values;
  const members = nodes.fields.find((f) => f.name === RollupNodeField.memberCount)!.values;
  return ids.filter((_id, r) => typeof members[r] === 'number').map(String);
}

describe('QueryData: expansion re-asks with only the changed rows', () => {
  it('names the evaluation on rolled-up answers only, the same token for every view of one evaluation', async () => {
    const { ask, deps } = harness();
    const held = await ask(baseQuery);
    expect(held.error).toBeUndefined();
    const token = tokenOf(held);
    expect(token).toMatch(/^\S{1,100}$/);
    expect(custom(held).rollup).toMatchObject({ by: 'namespace', expanded: [] });
    expect(frameNamed(held, EDGES_FRAME).meta?.custom).toBeUndefined();
    const [a] = groupIds(held);
    const other = await ask({ ...baseQuery, rollupExpand: [a] });
    expect(tokenOf(other)).toBe(token);
    expect(deps.evaluations.built).toBe(1);
    // The unrolled graph: no rollup asked for, no token (nothing to expand).
    const flat = await ask({ ...baseQuery, rollup: 'none' });
    expect(custom(flat)).not.toHaveProperty(RollupMeta.evaluation);
    expect(deps.evaluations.built).toBe(1);
    // Another evaluation (another range), another token.
    const later = await ask({ ...baseQuery, namespaces: baseQuery.namespaces.slice(1) });
    expect(tokenOf(later)).toBeDefined();
    expect(tokenOf(later)).not.toBe(token);
  });

  it('answers a re-ask naming the held view with its changed rows, which give the whole answer applied', async () => {
    const { ask } = harness();
    const held = await ask(baseQuery);
    const [a, b] = groupIds(held);
    for (const [from, to] of [
      [[], [a]],
      [[a], [a, b]],
      [[a, b], [b]],
      [[a, b], []],
    ]) {
      const holding = await ask({ ...baseQuery, rollupExpand: from });
      const whole = await ask({ ...baseQuery, rollupExpand: to });
      const delta = await ask({
        ...baseQuery,
        rollupExpand: to,
        rollupDeltaFrom: { evaluation: tokenOf(holding), expand: expandedOf(holding) },
      });
      expect(delta.error).toBeUndefined();
      expect(deltaOf(whole)).toBeUndefined();
      expect(deltaOf(delta)).toEqual({ from, removedNodes: expect.any(Array), removedEdges: expect.any(Array) });
      expect(tokenOf(delta)).toBe(tokenOf(whole));
      expect(custom(delta).rollup).toEqual(custom(whole).rollup);
      expect(frameNamed(delta, NODES_FRAME).meta?.notices).toEqual(frameNamed(whole, NODES_FRAME).meta?.notices);
      // Fewer rows, the same columns.
      const [nodes, edges] = rowsOf(delta);
      const [allNodes, allEdges] = rowsOf(whole);
      expect(nodes + edges).toBeLessThan((allNodes + allEdges) / 2);
      delta.frames.forEach((f, i) =>
        expect(f.fields.map((x) => [x.name, x.type, x.config])).toEqual(
          whole.frames[i].fields.map((x) => [x.name, x.type, x.config])
        )
      );
      for (const name of [NODES_FRAME, EDGES_FRAME]) {
        expect(applied(holding, delta, name)).toEqual(rowsById(frameNamed(whole, name)));
      }
    }
  });

  it('keeps the encoded answer per held view', async () => {
    const { ask } = harness();
    const held = await ask(baseQuery);
    const [a, b] = groupIds(held);
    const reAsk = (from: string[]) => ({
      ...baseQuery,
      rollupExpand: [a, b],
      rollupDeltaFrom: { evaluation: tokenOf(held), expand: from },
    });
    const first = await ask(reAsk([]));
    const again = await ask(reAsk([]));
    expect(again.bytes).toEqual(first.bytes);
    expect(again.bytes[0]).toBe(first.bytes[0]);
    const fromA = await ask(reAsk([a]));
    expect(deltaOf(fromA)!.from).toEqual([a]);
    expect(rowsOf(fromA)).not.toEqual(rowsOf(first));
    // The whole answer of the same view is kept apart from its deltas.
    const whole = await ask({ ...baseQuery, rollupExpand: [a, b] });
    expect(deltaOf(whole)).toBeUndefined();
  });

  it('answers whole when the token is not the evaluation’s', async () => {
    const now = { ms: Date.now() };
    const { ask } = harness(() => now.ms);
    const held = await ask(baseQuery);
    const [a] = groupIds(held);
    const whole = await ask({ ...baseQuery, rollupExpand: [a] });
    const wrong = await ask({ ...baseQuery, rollupExpand: [a], rollupDeltaFrom: { evaluation: 'x.1', expand: [] } });
    expect(deltaOf(wrong)).toBeUndefined();
    expect(wrong.frames).toEqual(whole.frames);
    // The evaluation is gone (five minutes on): the re-ask is evaluated again and answered whole, with a new token.
    now.ms += REUSE_MS + 1;
    const stale = await ask({
      ...baseQuery,
      rollupExpand: [a],
      rollupDeltaFrom: { evaluation: tokenOf(held), expand: [] },
    });
    expect(deltaOf(stale)).toBeUndefined();
    expect(tokenOf(stale)).not.toBe(tokenOf(held));
    expect(rowsOf(stale)).toEqual(rowsOf(whole));
  });

  it('answers whole, without an error, when rollupDeltaFrom is malformed', async () => {
    const { ask } = harness();
    const held = await ask(baseQuery);
    const token = tokenOf(held)!;
    const [a] = groupIds(held);
    const whole = await ask({ ...baseQuery, rollupExpand: [a] });
    for (const rollupDeltaFrom of [
      'from',
      null,
      [token, []],
      { evaluation: token },
      { evaluation: token, expand: [1, 2] },
      { evaluation: token, expand: 'rollup_namespace_c1_ns0' },
      { evaluation: token.repeat(20) + 'x'.repeat(100), expand: [] },
      { evaluation: '', expand: [] },
      { evaluation: token, expand: Array(10_001).fill(a) },
    ]) {
      const answer = await ask({ ...baseQuery, rollupExpand: [a], rollupDeltaFrom });
      expect(answer.error).toBeUndefined();
      expect(deltaOf(answer)).toBeUndefined();
      expect(answer.frames).toEqual(whole.frames);
    }
  });

  it('answers whole when the asked view is not rolled up', async () => {
    const { ask } = harness();
    const held = await ask(baseQuery);
    const from = { evaluation: tokenOf(held), expand: [] };
    const flat = await ask({ ...baseQuery, rollup: 'none', rollupDeltaFrom: from });
    expect(deltaOf(flat)).toBeUndefined();
    expect(rowsOf(flat)).toEqual(rowsOf(await ask({ ...baseQuery, rollup: 'none' })));
  });

  it('ignores rollupDeltaFrom for alert numbers', async () => {
    const { ask } = harness();
    const held = await ask(baseQuery);
    const from = { evaluation: tokenOf(held), expand: [] };
    for (const queryType of ['edgeMetrics', 'nodeMetrics']) {
      const plain = await ask({ ...baseQuery, metric: 'requestRate' }, queryType);
      const asked = await ask({ ...baseQuery, metric: 'requestRate', rollupDeltaFrom: from }, queryType);
      expect(asked.error).toBeUndefined();
      expect(plain.frames.length).toBeGreaterThan(0);
      expect(asked.frames).toEqual(plain.frames);
      for (const f of asked.frames) {
        expect(f.meta?.custom).toBeUndefined();
      }
    }
  });
});

describe('toGraphRequest: rollupDeltaFrom', () => {
  const settings = resolveSettings({ scrapeInterval: '15s' } as never);
  const range = { fromMs: TO_MS - 300_000, toMs: TO_MS, intervalMs: 15_000 };
  const json = { ...baseQuery, rollupExpand: ['rollup_namespace_c1_ns0'] };
  const from = { evaluation: 'abc.7', expand: ['rollup_namespace_c1_ns1'] };

  it('reads it for graph queries, apart from the graph options and the evaluation key', () => {
    const plain = toGraphRequest({ refId: 'A', json, ...range }, settings);
    const asked = toGraphRequest(
      { refId: 'A', json: JSON.stringify({ ...json, rollupDeltaFrom: from }), ...range },
      settings
    );
    expect(asked.queryType === 'graph' && asked.deltaFrom).toEqual(from);
    expect(plain).not.toHaveProperty('deltaFrom');
    expect(asked.options).toEqual(plain.options);
    expect(asked.notices).toEqual(plain.notices);
    expect(evaluationKey('ds', asked.options, 15)).toBe(evaluationKey('ds', plain.options, 15));
  });

  it('leaves it out when malformed, and for other query types', () => {
    const bad = toGraphRequest(
      { refId: 'A', json: { ...json, rollupDeltaFrom: { evaluation: 7, expand: [] } }, ...range },
      settings
    );
    expect(bad).not.toHaveProperty('deltaFrom');
    for (const queryType of ['edgeMetrics', 'nodeMetrics']) {
      const r = toGraphRequest({ refId: 'A', json: { ...json, rollupDeltaFrom: from }, queryType, ...range }, settings);
      expect(r).not.toHaveProperty('deltaFrom');
    }
  });
});

describe('evaluationToken', () => {
  it('is stable per graph, different between graphs, and short', () => {
    const a = { nodes: [], edges: [], notices: [] } as unknown as GraphModel;
    const b = { ...a };
    expect(evaluationToken(a)).toBe(evaluationToken(a));
    expect(evaluationToken(b)).not.toBe(evaluationToken(a));
    expect(evaluationToken(a).length).toBeLessThanOrEqual(40);
  });
});
