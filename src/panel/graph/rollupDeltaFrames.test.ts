import { applyRollupDeltas, heldDeltaFrom } from './rollupDeltaFrames';
import type { FrameLike } from './frameReading';

type Row = Record<string, unknown>;

function frame(name: string, rows: Row[], custom?: Record<string, unknown>, refId = 'A'): FrameLike {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return {
    name,
    refId,
    fields: names.map((n) => ({ name: n, type: 'string', values: rows.map((r) => r[n] ?? null) })),
    meta: custom ? { custom } : {},
  };
}

function rowsOf(f: FrameLike): Row[] {
  const n = f.fields[0]?.values.length ?? 0;
  return Array.from({ length: n }, (_, i) => Object.fromEntries(f.fields.map((x) => [x.name, x.values[i]])));
}

const rollup = (expanded: string[]) => ({ rollup: { by: 'namespace', expanded }, evaluation: 'ev-1' });

const held = [
  frame(
    'nodes',
    [
      { id: 'ns:a', title: 'a', mainstat: '1 rps' },
      { id: 'ns:b', title: 'b', mainstat: '2 rps' },
      { id: 'unknown', title: 'unknown', mainstat: '' },
    ],
    rollup([])
  ),
  frame('edges', [
    { id: 'unknown>ns:a', source: 'unknown', target: 'ns:a' },
    { id: 'ns:a>ns:b', source: 'ns:a', target: 'ns:b' },
  ]),
];

/** ns:a expanded: its node becomes a box of the same id, two members come, its edges go to the members. */
const delta = [
  frame(
    'nodes',
    [
      { id: 'ns:a', title: 'a', mainstat: '' },
      { id: 'a/w1', title: 'w1', mainstat: '1 rps' },
      { id: 'a/w2', title: 'w2', mainstat: '' },
    ],
    { ...rollup(['ns:a']), delta: { from: [], removedNodes: [], removedEdges: ['unknown>ns:a', 'ns:a>ns:b'] } }
  ),
  frame('edges', [
    { id: 'unknown>a/w1', source: 'unknown', target: 'a/w1' },
    { id: 'a/w1>a/w2', source: 'a/w1', target: 'a/w2' },
    { id: 'a/w2>ns:b', source: 'a/w2', target: 'ns:b' },
  ]),
];

describe('rollup delta frames', () => {
  it('reads what a re-ask sends from the held frames', () => {
    expect(heldDeltaFrom(held, 'A')).toEqual({ evaluation: 'ev-1', expand: [] });
    expect(heldDeltaFrom(held, 'B')).toBeUndefined();
    // No evaluation (an older backend, a whole answer without rollup): nothing to build on.
    expect(heldDeltaFrom([frame('nodes', [{ id: 'x' }], { rollup: { expanded: [] } }), held[1]], 'A')).toBeUndefined();
  });

  it('applies the changed rows: removed ids go, the same id is replaced where it stood, new rows follow', () => {
    const result = applyRollupDeltas(held, delta);
    if ('error' in result) {
      throw new Error(result.error);
    }
    const [nodes, edges] = result.frames;
    expect(rowsOf(nodes)).toEqual([
      { id: 'ns:a', title: 'a', mainstat: '' },
      { id: 'ns:b', title: 'b', mainstat: '2 rps' },
      { id: 'unknown', title: 'unknown', mainstat: '' },
      { id: 'a/w1', title: 'w1', mainstat: '1 rps' },
      { id: 'a/w2', title: 'w2', mainstat: '' },
    ]);
    expect(rowsOf(edges).map((e) => e.id)).toEqual(['unknown>a/w1', 'a/w1>a/w2', 'a/w2>ns:b']);
    expect((nodes as { length?: number }).length).toBe(5);
    // The result reads as a whole answer: the new view's meta, no delta left in it.
    expect(nodes.meta?.custom).toEqual(rollup(['ns:a']));
    expect(heldDeltaFrom(result.frames, 'A')).toEqual({ evaluation: 'ev-1', expand: ['ns:a'] });
  });

  it('takes whole answers and other queries as they are', () => {
    const whole = [frame('nodes', [{ id: 'z' }], rollup(['ns:b'])), frame('edges', [])];
    const result = applyRollupDeltas(held, [...whole, frame('other', [{ v: 1 }], undefined, 'B')]);
    expect('frames' in result && result.frames.map((f) => f.name)).toEqual(['nodes', 'edges', 'other']);
    expect('frames' in result && result.frames[0]).toBe(whole[0]);
  });

  it('refuses changes meant for another view than the held one', () => {
    const otherEvaluation = [
      { ...delta[0], meta: { custom: { ...delta[0].meta!.custom, evaluation: 'ev-2' } } },
      delta[1],
    ];
    expect(applyRollupDeltas(held, otherEvaluation)).toEqual({ error: expect.stringContaining('another view') });
    const otherFrom = [
      {
        ...delta[0],
        meta: { custom: { ...delta[0].meta!.custom, delta: { from: ['ns:b'], removedNodes: [], removedEdges: [] } } },
      },
      delta[1],
    ];
    expect(applyRollupDeltas(held, otherFrom)).toEqual({ error: expect.stringContaining('another view') });
    // Another rollup of the same evaluation (a dashboard variable switched namespace to cluster) with nothing open.
    const otherRollup = [
      {
        ...delta[0],
        meta: { custom: { ...delta[0].meta!.custom, rollup: { by: 'cluster', expanded: ['ns:a'] } } },
      },
      delta[1],
    ];
    expect(applyRollupDeltas(held, otherRollup)).toEqual({ error: expect.stringContaining('another view') });
    expect(applyRollupDeltas([], delta)).toEqual({ error: expect.stringContaining('no graph to apply to') });
  });
});
