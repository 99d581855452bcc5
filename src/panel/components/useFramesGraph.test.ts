import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import { act, renderHook, waitFor } from '@testing-library/react';
import { meshEdgesFrame, meshNodesFrame } from '../graph/testing/frames';
import { fromFrames, type FrameLike } from '../graph/fromFrames';
import { useFramesGraph } from './useFramesGraph';

function answer(...workloads: string[]): FrameLike[] {
  const ids = workloads.map((w) => `wl_cluster-1_bookinfo_${w}`);
  return [
    meshNodesFrame(ids.map((id, i) => ({ id, nodeType: 'workload', namespace: 'bookinfo', workload: workloads[i] }))),
    meshEdgesFrame(ids.slice(1).map((id) => ({ source: ids[0], target: id, protocol: 'http', rates: { total: 1 } }))),
  ] as unknown as FrameLike[];
}

jest.mock('../graph/fromFrames', () => {
  const actual = jest.requireActual('../graph/fromFrames');
  return { ...actual, fromFrames: jest.fn(actual.fromFrames) };
});
const reads = fromFrames as jest.MockedFunction<typeof fromFrames>;

const ids = (g: { nodes: Array<{ id: string }> }) => g.nodes.map((n) => n.id).sort();

/** Lets posted tasks run (jsdom has no MessageChannel of its own: Node's stands in, as browsers have one). */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 20)));

beforeAll(() => {
  (globalThis as { MessageChannel?: unknown }).MessageChannel ??= NodeMessageChannel;
});

describe('useFramesGraph', () => {
  it('reads the first answer during the first render', () => {
    const { result } = renderHook(() => useFramesGraph(answer('a', 'b')));
    expect(ids(result.current)).toEqual(['wl_cluster-1_bookinfo_a', 'wl_cluster-1_bookinfo_b']);
  });

  it('keeps the drawn graph through the render that brings a new answer, and reads it in a task after', async () => {
    const first = answer('a', 'b');
    const { result, rerender } = renderHook(({ series }) => useFramesGraph(series), {
      initialProps: { series: first },
    });
    const drawn = result.current;
    rerender({ series: answer('a', 'b', 'c') });
    expect(result.current).toBe(drawn);
    await waitFor(() => expect(result.current.nodes).toHaveLength(3));
    expect(ids(result.current)).toEqual([
      'wl_cluster-1_bookinfo_a',
      'wl_cluster-1_bookinfo_b',
      'wl_cluster-1_bookinfo_c',
    ]);
  });

  it('reads only the newest of answers that come before the first is read', async () => {
    const { result, rerender } = renderHook(({ series }) => useFramesGraph(series), {
      initialProps: { series: answer('a') },
    });
    reads.mockClear();
    rerender({ series: answer('a', 'b') });
    rerender({ series: answer('a', 'b', 'c', 'd') });
    await waitFor(() => expect(result.current.nodes).toHaveLength(4));
    // Nothing older comes in later.
    await settle();
    expect(result.current.nodes).toHaveLength(4);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('keeps the graph when the same frames come again', async () => {
    const series = answer('a', 'b');
    const { result, rerender } = renderHook(({ s }) => useFramesGraph(s), { initialProps: { s: series } });
    const drawn = result.current;
    rerender({ s: series });
    await settle();
    expect(result.current).toBe(drawn);
  });
});
