/** @jest-environment node */
import { defaultGraphOptions } from '../../engine/options';
import type { GraphModel, GraphOptions } from '../../engine/model';

import { evaluationKey, GraphEvaluations, REUSE_MS } from './evaluations';

function model(nodes = 1): GraphModel {
  return {
    timestamp: 0,
    duration: 600,
    graphType: 'workload',
    namespaces: ['bookinfo'],
    nodes: Array.from({ length: nodes }, (_, i) => ({ id: `n${i}` }) as GraphModel['nodes'][number]),
    edges: [],
    notices: [],
  } as unknown as GraphModel;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const options = (queryTime = 1_700_000_000): GraphOptions =>
  defaultGraphOptions({ namespaces: ['bookinfo'], queryTime, duration: 600 });

describe('evaluationKey', () => {
  it('puts instants of one scrape interval in one key and the next interval in another', () => {
    const t = 15 * 113_333_334; // a multiple of 15 s
    expect(evaluationKey('ds', options(t), 15)).toBe(evaluationKey('ds', options(t + 14), 15));
    expect(evaluationKey('ds', options(t + 14), 15)).not.toBe(evaluationKey('ds', options(t + 15), 15));
  });
  it('differs by datasource settings and by every graph option', () => {
    expect(evaluationKey('a', options(), 15)).not.toBe(evaluationKey('b', options(), 15));
    const other = { ...options(), graphType: 'app' as const };
    expect(evaluationKey('a', options(), 15)).not.toBe(evaluationKey('a', other, 15));
  });
});

describe('GraphEvaluations', () => {
  it('runs one evaluation for concurrent identical requests and hands each the same graph', async () => {
    const evaluations = new GraphEvaluations();
    const pending = deferred<GraphModel>();
    const build = jest.fn(() => pending.promise);
    const waits = Array.from({ length: 10 }, () =>
      evaluations.evaluate('k', 15, options(), build, new AbortController().signal)
    );
    pending.resolve(model());
    const results = await Promise.all(waits);
    expect(build).toHaveBeenCalledTimes(1);
    expect(new Set(results).size).toBe(1);
    expect(evaluations.stats).toEqual({ evaluations: 1, joined: 9, reused: 0 });
  });

  it('answers the same range asked again from the finished result for five minutes, then evaluates again', async () => {
    let now = 1000;
    const evaluations = new GraphEvaluations(undefined, () => now);
    const build = jest.fn(async () => model());
    await evaluations.evaluate('k', 15, options(), build, new AbortController().signal);
    now += 14_000;
    await evaluations.evaluate('k', 15, options(), build, new AbortController().signal);
    // An expansion a minute later: the same key (the same range), the same evaluation.
    now += 60_000;
    await evaluations.evaluate('k', 15, options(), build, new AbortController().signal);
    expect(build).toHaveBeenCalledTimes(1);
    now = 1000 + REUSE_MS + 1;
    await evaluations.evaluate('k', 15, options(), build, new AbortController().signal);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('keeps a result at least one scrape interval when that is longer than five minutes', async () => {
    let now = 0;
    const evaluations = new GraphEvaluations(undefined, () => now);
    const build = jest.fn(async () => model());
    await evaluations.evaluate('k', 600, options(), build, new AbortController().signal);
    now += 590_000;
    await evaluations.evaluate('k', 600, options(), build, new AbortController().signal);
    expect(build).toHaveBeenCalledTimes(1);
    now += 20_000;
    await evaluations.evaluate('k', 600, options(), build, new AbortController().signal);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('does not keep failures: the next request asks Prometheus again', async () => {
    const evaluations = new GraphEvaluations();
    const build = jest.fn().mockRejectedValueOnce(new Error('Prometheus down')).mockResolvedValueOnce(model());
    await expect(evaluations.evaluate('k', 15, options(), build, new AbortController().signal)).rejects.toThrow(
      'Prometheus down'
    );
    await expect(evaluations.evaluate('k', 15, options(), build, new AbortController().signal)).resolves.toBeDefined();
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('cancels the Prometheus calls only when the last waiting request is cancelled', async () => {
    const evaluations = new GraphEvaluations();
    const pending = deferred<GraphModel>();
    let evaluationSignal: AbortSignal | undefined;
    const build = (_o: GraphOptions, signal: AbortSignal) => {
      evaluationSignal = signal;
      return pending.promise;
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = evaluations.evaluate('k', 15, options(), build, first.signal);
    const b = evaluations.evaluate('k', 15, options(), build, second.signal);
    first.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(evaluationSignal!.aborted).toBe(false);
    second.abort();
    await expect(b).rejects.toMatchObject({ name: 'AbortError' });
    expect(evaluationSignal!.aborted).toBe(true);
    // A cancelled evaluation is not joined by the next request.
    const build2 = jest.fn(async () => model());
    await evaluations.evaluate('k', 15, options(), build2, new AbortController().signal);
    expect(build2).toHaveBeenCalledTimes(1);
  });

  it('keeps finished results within the entry and element bounds, dropping the least recently used', async () => {
    const evaluations = new GraphEvaluations({ maxEntries: 2, maxElements: 25 });
    const signal = new AbortController().signal;
    await evaluations.evaluate('a', 60, options(), async () => model(10), signal);
    await evaluations.evaluate('b', 60, options(), async () => model(10), signal);
    await evaluations.evaluate('a', 60, options(), async () => model(10), signal); // a is now the most recent
    await evaluations.evaluate('c', 60, options(), async () => model(10), signal);
    expect(evaluations.size).toBe(2);
    const rebuildB = jest.fn(async () => model(10));
    const rebuildA = jest.fn(async () => model(10));
    await evaluations.evaluate('a', 60, options(), rebuildA, signal);
    await evaluations.evaluate('b', 60, options(), rebuildB, signal);
    expect(rebuildA).not.toHaveBeenCalled();
    expect(rebuildB).toHaveBeenCalledTimes(1);
  });
});
