/**
 * Rollup on real Prometheus holding the simulator's synthetic mesh (10 namespaces × 20 workloads, 8 of them
 * requested so that the other two show as outside namespaces), through the meshgraph CLI and through the built
 * backend plugin as Grafana starts it. The rolled-up graph is checked against the unrolled graph of the same
 * Prometheus data: every rolled-up edge's rates are the exact sums of the unrolled edges it stands for, internal
 * traffic plus rolled-up edges add up to the unrolled total per protocol, every node is in one group or kept as
 * itself; 'auto' switches exactly at the node budget; the frames are read as Grafana's Node Graph panel reads them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { syntheticTopology } from '../../simulator';
import { exactSum } from '../../src/engine/rollup/exactSum';
import { rollupNodeId } from '../../src/contract/nodeIds';
import { applyRollupDeltas } from '../../src/panel/graph/rollupDeltaFrames';
import { CountingProxy, startCountingProxy } from '../support/countingProxy';
import { BUILT_PLUGIN, DatasourceSettings, HostDataResponse, PluginHost, startPlugin } from '../support/grafanaHost';
import { readNodeGraph, ReaderFrame, ring } from '../support/nodeGraphReader';
import { BackfilledPrometheus, BACKFILL_END, startBackfilledPrometheus } from '../support/prometheusFixture';

const root = path.resolve(__dirname, '../..');
const EXECUTABLE = process.env.MESHGRAPH_PLUGIN_EXECUTABLE ?? BUILT_PLUGIN;
const BUILT_CLI = path.join(root, 'build/cli/meshgraph.js');

const topology = syntheticTopology({ namespaces: 10, workloadsPerNamespace: 20, seed: 14 });
const allNamespaces = [...new Set(topology.workloads.map((w) => w.namespace))].sort();
const requested = allNamespaces.slice(0, 8);

type Frame = ReaderFrame;
type Row = Record<string, unknown>;

function rows(frame: Frame): Row[] {
  const n = frame.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
}
const named = (frames: Frame[], name: string) => {
  const f = frames.find((x) => x.name === name);
  if (!f) {
    throw new Error(`no ${name} frame in ${JSON.stringify(frames.map((x) => x.name))}`);
  }
  return f;
};
const hasField = (frame: Frame, name: string) => frame.fields.some((f) => f.name === name);

/** The CLI's frames (the built bundle when present, else the sources through tsx). */
function cliFrames(args: string[]): Promise<Frame[]> {
  const [cmd, pre] = existsSync(BUILT_CLI)
    ? [process.execPath, [BUILT_CLI]]
    : [path.join(root, 'node_modules/.bin/tsx'), ['src/cli/meshgraph.ts']];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, [...pre, 'graph', ...args, '--format', 'frames'], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`CLI exit ${code}: ${err}`))
    );
  });
}

/**
 * The group an unrolled node belongs to, from its nodes-frame row: none for the unknown source, egress clusters
 * and the unknown namespace; its namespace's rolled-up node otherwise (namespace rollup).
 */
function groupOf(node: Row): string | undefined {
  const flags = String(node.flags).split(' ');
  if (node.nodeType === 'unknown' || flags.includes('isEgressCluster') || node.namespace === 'unknown') {
    return undefined;
  }
  return rollupNodeId('namespace', String(node.cluster), String(node.namespace));
}

/** Checks a namespace rollup against the unrolled frames of the same data (see the file comment). */
function expectRolledUpFromUnrolled(full: Frame[], rolled: Frame[], expanded: string[] = []): void {
  const fullNodes = rows(named(full, 'nodes'));
  const fullEdges = rows(named(full, 'edges'));
  const rolledNodes = rows(named(rolled, 'nodes'));
  const rolledEdges = rows(named(rolled, 'edges'));
  const group = new Map(fullNodes.map((n) => [String(n.id), groupOf(n)]));
  const rep = (id: string) => {
    const g = group.get(id);
    return g !== undefined && !expanded.includes(g) ? g : id;
  };
  // Every unrolled node: in exactly one group's member list (collapsed or expanded), or kept as itself.
  const memberOf = new Map<string, string>();
  for (const n of rolledNodes) {
    if (n.members) {
      for (const m of JSON.parse(String(n.members)) as string[]) {
        expect(memberOf.has(m)).toBe(false);
        memberOf.set(m, String(n.id));
      }
    }
  }
  const rolledIds = new Set(rolledNodes.map((n) => String(n.id)));
  for (const n of fullNodes) {
    const id = String(n.id);
    const g = group.get(id);
    expect({ id, in: g === undefined ? (rolledIds.has(id) ? id : 'missing') : memberOf.get(id) }).toEqual({
      id,
      in: g ?? id,
    });
    if (g !== undefined && expanded.includes(g)) {
      expect(rolledIds.has(id)).toBe(true);
    }
  }
  // Every unrolled edge: in one rolled-up edge (exact sums) or internal traffic of a collapsed namespace.
  const members = new Map<string, Row[]>();
  const internal: Record<string, number[]> = { http: [], grpc: [], tcp: [] };
  for (const e of fullEdges) {
    const gs = group.get(String(e.source));
    if (gs !== undefined && gs === group.get(String(e.target)) && !expanded.includes(gs)) {
      internal[String(e.protocol)].push(Number(e.rate));
      continue;
    }
    const id = `${rep(String(e.source))} ${rep(String(e.target))} ${e.protocol}`;
    members.set(id, [...(members.get(id) ?? []), e]);
  }
  expect(rolledEdges.map((e) => e.id).sort()).toEqual([...members.keys()].sort());
  for (const e of rolledEdges) {
    const list = members.get(String(e.id))!;
    expect({ id: e.id, edges: e.memberEdges, rate: e.rate }).toEqual({
      id: e.id,
      edges: list.length,
      rate: exactSum(list.map((m) => Number(m.rate))),
    });
  }
  for (const p of ['http', 'grpc', 'tcp']) {
    const onNodes = rolledNodes
      .filter((n) => n.rollup && n.nodeType !== 'box')
      .map((n) => JSON.parse(String(n.rollup)).traffic[p]?.internal.rate ?? 0);
    expect(exactSum(onNodes)).toBeCloseTo(exactSum(internal[p]), 9);
    const unrolled = exactSum(fullEdges.filter((e) => e.protocol === p).map((e) => Number(e.rate)));
    const summed = exactSum([...rolledEdges.filter((e) => e.protocol === p).map((e) => Number(e.rate)), ...onNodes]);
    expect(unrolled).toBeGreaterThan(0);
    expect(Math.abs(summed - unrolled)).toBeLessThanOrEqual(1e-12 * unrolled);
  }
}

/**
 * Grafana's Node Graph panel reads the frames: unique ids, edges between existing nodes, a title per node, arcs from
 * 0 to 1 adding up to 1 (a ring, not the plain colour), and every node without edges meaningful on its own.
 */
function expectNodeGraphReads(frames: Frame[]): void {
  const view = readNodeGraph(frames);
  const nodes = rows(view.nodesFrame);
  for (const n of view.nodes) {
    const row = nodes[n.row];
    expect(n.title).not.toBe('');
    const sum = Object.values(n.arcs).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
    expect(ring(n).kind).not.toBe('color');
    if (n.incoming + n.outgoing === 0) {
      const internal = row.rollup ? JSON.stringify(JSON.parse(String(row.rollup)).traffic) : '';
      const why = row.nodeType === 'box' ? 'box' : /"internal":\{"rate":[1-9]/.test(internal) ? 'internal' : row.flags;
      expect({ node: n.id, why }).toEqual({ node: n.id, why: expect.stringMatching(/^box$|^internal$|isIdle|isDead/) });
    }
  }
}

let prom: BackfilledPrometheus;
let proxy: CountingProxy;
let host: PluginHost;
let window: { fromMs: number; toMs: number };
const cliBase = () => [
  '--prometheus',
  prom.url,
  '--namespaces',
  requested.join(','),
  '--time',
  String(prom.queryTime),
  '--duration',
  '600s',
  '--no-kube-state',
];
const graphQuery = {
  namespaces: requested,
  graphType: 'workload',
  injectServiceNodes: false,
  duration: '600s',
  boxBy: [],
};
const ds = (jsonData: Record<string, unknown> = {}, uid = 'rollup'): DatasourceSettings => ({
  uid,
  url: proxy.url,
  jsonData: { scrapeInterval: '15s', ...jsonData },
  lastUpdatedMS: 1,
});
async function ask(settings: DatasourceSettings, json: Record<string, unknown>): Promise<HostDataResponse> {
  const answer = await host.queryData(settings, [{ refId: 'A', json: { ...graphQuery, ...json }, ...window }]);
  expect(answer.A.error).toBe('');
  return answer.A;
}

beforeAll(async () => {
  prom = await startBackfilledPrometheus({ topology, start: BACKFILL_END - 1200, end: BACKFILL_END, step: 15 });
  proxy = await startCountingProxy(prom.url);
  window = { fromMs: (prom.queryTime - 600) * 1000, toMs: prom.queryTime * 1000 };
  host = await startPlugin(EXECUTABLE);
}, 120_000);

afterAll(async () => {
  host?.kill();
  await proxy?.stop();
  await prom?.stop();
});

describe('rollup through the CLI', () => {
  let full: Frame[];
  beforeAll(async () => {
    full = await cliFrames([...cliBase(), '--rollup', 'none']);
  });

  it('rolls up by namespace with every rate the exact sum of the unrolled edges', async () => {
    const rolled = await cliFrames([...cliBase(), '--rollup', 'namespace']);
    const nodes = rows(named(rolled, 'nodes'));
    // The requested namespaces and the two outside ones (their workloads call into the requested ones), plus the
    // unknown source of the ingress traffic.
    expect(nodes.filter((n) => n.nodeType === 'namespace').map((n) => n.namespace)).toEqual(
      expect.arrayContaining(allNamespaces)
    );
    expect(nodes.filter((n) => n.nodeType === 'namespace').length).toBe(10);
    expect(
      nodes
        .filter((n) => String(n.flags).includes('isOutside'))
        .map((n) => n.namespace)
        .sort()
    ).toEqual(allNamespaces.slice(8));
    expect(nodes.some((n) => n.nodeType === 'unknown')).toBe(true);
    expect(nodes.length).toBe(11);
    expectRolledUpFromUnrolled(full, rolled);
    expectNodeGraphReads(rolled);
    expect(named(rolled, 'nodes').meta?.custom).toMatchObject({
      rollup: { requested: 'namespace', by: 'namespace', fullNodes: rows(named(full, 'nodes')).length },
    });
  });

  it("'auto' rolls up above the node budget and not at it", async () => {
    const n = rows(named(full, 'nodes')).length;
    expect(n).toBeGreaterThan(150);
    const [at, above] = await Promise.all([
      cliFrames([...cliBase(), '--rollup', 'auto', '--rollup-budget', String(n)]),
      cliFrames([...cliBase(), '--rollup', 'auto', '--rollup-budget', String(n - 1)]),
    ]);
    expect(rows(named(at, 'nodes')).length).toBe(n);
    expect(hasField(named(at, 'nodes'), 'members')).toBe(false);
    expect(named(at, 'nodes').meta?.custom).toMatchObject({ rollup: { requested: 'auto', by: 'none', budget: n } });
    expect(rows(named(above, 'nodes')).length).toBe(11);
    expect(named(above, 'nodes').meta?.custom).toMatchObject({ rollup: { by: 'namespace', budget: n - 1 } });
    expectRolledUpFromUnrolled(full, above);
  });
});

describe('rollup through the backend plugin', () => {
  it('serves the unrolled and the rolled-up graph from one evaluation, rolled-up rates equal to the unrolled sums', async () => {
    const before = proxy.log.length;
    const full = await ask(ds(), { rollup: 'none' });
    const asked = proxy.log.length - before;
    expect(asked).toBeGreaterThan(0);
    const rolled = await ask(ds(), { rollup: 'namespace' });
    // Same graph, same scrape interval: no second set of Prometheus queries.
    expect(proxy.log.length - before).toBe(asked);
    expectRolledUpFromUnrolled(full.frames, rolled.frames);
    expectNodeGraphReads(rolled.frames);
    // The same rolled-up graph as the CLI's.
    const cli = await cliFrames([...cliBase(), '--rollup', 'namespace']);
    const rate = (frames: Frame[]) =>
      Object.fromEntries(rows(named(frames, 'edges')).map((e) => [e.id, [e.rate, e.memberEdges]]));
    expect(rate(rolled.frames)).toEqual(rate(cli));
  });

  it("applies 'auto' by default with the datasource's node budget", async () => {
    const full = await ask(ds(), { rollup: 'none' });
    const n = rows(named(full.frames, 'nodes')).length;
    const at = await ask(ds({ rollupNodeBudget: n }, 'at-budget'), {});
    expect(rows(named(at.frames, 'nodes')).length).toBe(n);
    expect(named(at.frames, 'nodes').meta?.custom).toMatchObject({
      rollup: { requested: 'auto', by: 'none', budget: n },
    });
    const above = await ask(ds({ rollupNodeBudget: n - 1 }, 'above-budget'), {});
    expect(rows(named(above.frames, 'nodes')).length).toBe(11);
    expect(named(above.frames, 'nodes').meta?.custom).toMatchObject({ rollup: { by: 'namespace', budget: n - 1 } });
    expect((named(above.frames, 'nodes').meta?.notices as Array<{ text: string }>).map((x) => x.text)).toContain(
      `The graph has ${n} nodes, more than the rollup budget of ${n - 1}: showing it rolled up by namespace (11 nodes).`
    );
    expectRolledUpFromUnrolled(full.frames, above.frames);
    // The default budget (500) is above this mesh: the graph comes unrolled.
    expect(rows(named((await ask(ds(), {})).frames, 'nodes')).length).toBe(n);
  });

  it('expands a namespace in place: its box keeps the rolled-up id and holds its members', async () => {
    const full = await ask(ds(), { rollup: 'none' });
    const open = rollupNodeId('namespace', topology.cluster, requested[2]);
    const answer = await ask(ds(), { rollup: 'namespace', rollupExpand: [open] });
    const nodes = rows(named(answer.frames, 'nodes'));
    const box = nodes.find((n) => n.id === open)!;
    expect(box).toMatchObject({ nodeType: 'box', isBox: 'namespace', group: open, memberCount: 20 });
    const members = JSON.parse(String(box.members)) as string[];
    expect(members).toHaveLength(20);
    for (const id of members) {
      expect(nodes.find((n) => n.id === id)).toMatchObject({ parent: open, group: open, namespace: requested[2] });
    }
    expectRolledUpFromUnrolled(full.frames, answer.frames, [open]);
    expect(named(answer.frames, 'nodes').meta?.custom).toMatchObject({ rollup: { expanded: [open] } });
  });

  it('answers a re-ask from a held view with the changed rows, which applied as the panel applies them give the whole answer', async () => {
    const [a, b, c] = [requested[1], requested[3], requested[5]].map((n) =>
      rollupNodeId('namespace', topology.cluster, n)
    );
    const customOf = (frames: Frame[]) => (named(frames, 'nodes').meta?.custom ?? {}) as Record<string, unknown>;
    const byId = (frames: Frame[], name: string) => new Map(rows(named(frames, name)).map((r) => [String(r.id), r]));
    // Steps a viewer takes: open one, a second, close the first, open another while closing one.
    let held: Frame[] = (await ask(ds(), { rollup: 'namespace' })).frames;
    const token = customOf(held).evaluation;
    expect(typeof token).toBe('string');
    for (const expand of [[a], [a, b], [b], [c]]) {
      const from = customOf(held).rollup as { expanded: string[] };
      const changes = await ask(ds(), {
        rollup: 'namespace',
        rollupExpand: expand,
        rollupDeltaFrom: { evaluation: token, expand: from.expanded },
      });
      const whole = await ask(ds(), { rollup: 'namespace', rollupExpand: expand });
      const delta = customOf(changes.frames).delta as { from: string[] } | undefined;
      expect(delta?.from).toEqual(from.expanded);
      // Fewer rows than the whole answer (on this small mesh one namespace is a large share of the graph).
      const count = (frames: Frame[]) => rows(named(frames, 'nodes')).length + rows(named(frames, 'edges')).length;
      expect(count(changes.frames)).toBeLessThan(count(whole.frames));
      const applied = applyRollupDeltas(held, changes.frames);
      if ('error' in applied) {
        throw new Error(applied.error);
      }
      const merged = applied.frames as Frame[];
      // Row by row, every column: the panel's frames equal the whole answer's (order aside).
      for (const name of ['nodes', 'edges']) {
        expect(named(merged, name).fields.map((f) => f.name)).toEqual(
          named(whole.frames, name).fields.map((f) => f.name)
        );
        expect(byId(merged, name)).toEqual(byId(whole.frames, name));
      }
      expect(named(merged, 'nodes').meta).toEqual(named(whole.frames, 'nodes').meta);
      expectRolledUpFromUnrolled((await ask(ds(), { rollup: 'none' })).frames, merged, expand);
      held = merged;
    }
    // Another evaluation's token (the panel held an older range): the whole answer, no changes.
    const stale = await ask(ds(), {
      rollup: 'namespace',
      rollupExpand: [a],
      rollupDeltaFrom: { evaluation: 'not-this-one', expand: [] },
    });
    expect(customOf(stale.frames).delta).toBeUndefined();
    expect(rows(named(stale.frames, 'edges')).length).toBe(
      rows(named((await ask(ds(), { rollup: 'namespace', rollupExpand: [a] })).frames, 'edges')).length
    );
  });
});
