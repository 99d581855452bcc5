import { incrementalPositions } from './savedLayout';

type Point = { x: number; y: number };
/** Kept positions as the panel passes them. */
const kept = (positions: Record<string, Point>) => new Map(Object.entries(positions));

describe('incrementalPositions', () => {
  const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'x', target: 'd' },
  ];

  it('keeps saved nodes, drops vanished ones, puts new nodes beside a caller or in a column', () => {
    const r = incrementalPositions(
      kept({ a: { x: 0, y: 0 }, c: { x: 400, y: 0 }, gone: { x: 9, y: 9 } }),
      nodes,
      edges
    );
    expect(r.positions.get('a')).toEqual({ x: 0, y: 0 });
    expect(r.positions.get('c')).toEqual({ x: 400, y: 0 });
    expect(r.positions.has('gone')).toBe(false);
    expect(r.kept).toBe(2);
    // b is called by a: to a's right.
    expect(r.positions.get('b')).toEqual({ x: 170, y: 0 });
    // d and e have no kept neighbour: a column right of the drawing, apart.
    const d = r.positions.get('d')!;
    const e = r.positions.get('e')!;
    expect(d.x).toBeGreaterThan(400);
    expect(e.x).toBe(d.x);
    expect(Math.abs(e.y - d.y)).toBeGreaterThanOrEqual(70);
    expect(r.added.sort()).toEqual(['b', 'd', 'e']);
  });

  it('stacks new nodes that would land on a taken place', () => {
    const r = incrementalPositions(
      kept({ a: { x: 0, y: 0 }, b: { x: 170, y: 0 } }),
      [{ id: 'a' }, { id: 'b' }, { id: 'n' }],
      [
        { source: 'a', target: 'b' },
        { source: 'a', target: 'n' },
      ]
    );
    const n = r.positions.get('n')!;
    expect(n.x).toBe(170);
    expect(Math.abs(n.y)).toBeGreaterThanOrEqual(70);
  });
});

describe('incrementalPositions with places left by removed nodes', () => {
  it('gives a new node the place a removed node of its box left, the nearest to its neighbour', () => {
    const saved = kept({ a: { x: 0, y: 0 }, b: { x: 400, y: 0 } });
    const nodes = [
      { id: 'a', parent: 'X' },
      { id: 'b', parent: 'Y' },
      { id: 'n', parent: 'X' },
      { id: 'p', parent: 'X' },
      { id: 'q', parent: 'X' },
      { id: 'm', parent: 'Y' },
      { id: 'o', parent: 'Z' },
    ];
    const edges = ['n', 'p', 'q', 'o'].map((target) => ({ source: 'a', target }));
    const vacated = [
      { parent: 'X', at: { x: 0, y: -700 } },
      { parent: 'X', at: { x: 0, y: 140 } },
      { parent: 'Y', at: { x: 400, y: 140 } },
    ];
    const r = incrementalPositions(saved, nodes, edges, vacated);
    // n and p, of box X: X's two places, the nearer to a first; q finds none left and goes beside a, its caller.
    expect(r.positions.get('n')).toEqual({ x: 0, y: 140 });
    expect(r.positions.get('p')).toEqual({ x: 0, y: -700 });
    expect(r.positions.get('q')).toEqual({ x: 170, y: 0 });
    // m, of box Y, without neighbours: Y's place. o, of a box that lost nothing: beside its caller, not in X's place.
    expect(r.positions.get('m')).toEqual({ x: 400, y: 140 });
    expect(r.positions.get('o')!.x).toBe(170);
    expect(r.positions.get('o')!.y).not.toBe(0);
    expect(r.added.sort()).toEqual(['m', 'n', 'o', 'p', 'q']);
    // Kept nodes stay.
    expect(r.positions.get('a')).toEqual(saved.get('a'));
  });
});

describe('incrementalPositions for a node that replaces another', () => {
  it('gives the place of the removed node that shared most of its neighbours, before a nearer one', () => {
    // v1 (callers a and b) and w1 (caller a) went from box X; v2 is called by a and b, as v1 was.
    const saved = kept({ a: { x: 0, y: 0 }, b: { x: 0, y: 300 } });
    const nodes = [
      { id: 'a', parent: 'X' },
      { id: 'b', parent: 'X' },
      { id: 'v2', parent: 'X' },
    ];
    const edges = [
      { source: 'a', target: 'v2' },
      { source: 'b', target: 'v2' },
    ];
    const vacated = [
      { parent: 'X', at: { x: 170, y: 0 }, neighbours: ['a'] },
      { parent: 'X', at: { x: 500, y: 500 }, neighbours: ['a', 'b'] },
    ];
    const r = incrementalPositions(saved, nodes, edges, vacated);
    expect(r.positions.get('v2')).toEqual({ x: 500, y: 500 });
    // Without what the removed nodes called, the nearer place.
    const plain = vacated.map(({ parent, at }) => ({ parent, at }));
    expect(incrementalPositions(saved, nodes, edges, plain).positions.get('v2')).toEqual({ x: 170, y: 0 });
  });
});

describe('incrementalPositions in a crowded drawing', () => {
  it('places new nodes apart from every taken spot, as a check against all of them would', () => {
    // A dense saved drawing (positions off the grid's cell edges too) and new leaves hanging off kept nodes.
    const saved = new Map<string, Point>();
    const nodes: Array<{ id: string }> = [];
    const edges: Array<{ source: string; target: string }> = [];
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2000 - 1000;
    for (let i = 0; i < 400; i++) {
      saved.set(`k${i}`, { x: rnd(), y: rnd() });
      nodes.push({ id: `k${i}` });
    }
    for (let i = 0; i < 60; i++) {
      nodes.push({ id: `n${i}` });
      edges.push({ source: `k${(i * 37) % 400}`, target: `n${i}` });
    }
    const r = incrementalPositions(saved, nodes, edges);
    expect(r.added).toHaveLength(60);
    const all = [...r.positions.entries()];
    for (const id of r.added) {
      const p = r.positions.get(id)!;
      const near = all.filter(
        ([other, q]) => other !== id && Math.abs(q.x - p.x) < 170 * 0.8 && Math.abs(q.y - p.y) < 70 * 0.8
      );
      expect(near.map(([other]) => other)).toEqual([]);
    }
  });
});
