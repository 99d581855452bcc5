import { boxedLayoutPositions, separate } from './boxedLayouts';
import type { LayoutNodeIn } from './fastLayout';
import { leafBlock } from './labelMetrics';

/** Two namespace boxes (one with an app box inside) and two nodes outside any box. */
const nodes: LayoutNodeIn[] = [
  { id: 'ns_a', isBox: 'namespace' },
  { id: 'ns_b', isBox: 'namespace' },
  { id: 'app_a', isBox: 'app', parent: 'ns_a' },
  ...['a1', 'a2', 'a3'].map((id) => ({ id, parent: 'ns_a', label: `${id}\n(a)` })),
  ...['r1', 'r2'].map((id) => ({ id, parent: 'app_a', label: id })),
  ...['b1', 'b2'].map((id) => ({ id, parent: 'ns_b', label: id })),
  { id: 'unknown', label: 'unknown' },
  { id: 'egress', label: 'PassthroughCluster' },
];
const edges = [
  { source: 'unknown', target: 'a1' },
  { source: 'a1', target: 'a2' },
  { source: 'a2', target: 'r1' },
  { source: 'a2', target: 'r2' },
  { source: 'a3', target: 'b1' },
  { source: 'b1', target: 'b2' },
  { source: 'b2', target: 'egress' },
];

/** Extent of a box's leaves (with their blocks), as the box will be drawn around them. */
function extent(pos: Map<string, { x: number; y: number }>, ids: string[]) {
  const xs = ids.map((id) => pos.get(id)!);
  return {
    x1: Math.min(...xs.map((p) => p.x)) - 20,
    x2: Math.max(...xs.map((p) => p.x)) + 20,
    y1: Math.min(...xs.map((p) => p.y)) - 20,
    y2: Math.max(...xs.map((p) => p.y)) + 40,
  };
}
const inside = (p: { x: number; y: number }, r: { x1: number; x2: number; y1: number; y2: number }) =>
  p.x >= r.x1 && p.x <= r.x2 && p.y >= r.y1 && p.y <= r.y2;

describe.each(['grid', 'concentric', 'breadthfirst'] as const)('%s with boxes', (name) => {
  const pos = boxedLayoutPositions(name, nodes, edges);

  it('places every leaf once, apart from the others', () => {
    const leaves = nodes.filter((n) => !n.isBox).map((n) => n.id);
    expect([...pos.keys()].sort()).toEqual([...leaves].sort());
    for (const a of leaves) {
      for (const b of leaves) {
        if (a < b) {
          const d = Math.hypot(pos.get(a)!.x - pos.get(b)!.x, pos.get(a)!.y - pos.get(b)!.y);
          expect({ a, b, apart: d >= 25 }).toEqual({ a, b, apart: true });
        }
      }
    }
  });

  it('keeps other boxes’ nodes and outside nodes out of each box', () => {
    const boxA = extent(pos, ['a1', 'a2', 'a3', 'r1', 'r2']);
    const boxB = extent(pos, ['b1', 'b2']);
    const app = extent(pos, ['r1', 'r2']);
    for (const id of ['b1', 'b2', 'unknown', 'egress']) {
      expect({ id, inA: inside(pos.get(id)!, boxA) }).toEqual({ id, inA: false });
    }
    for (const id of ['a1', 'a2', 'a3', 'r1', 'r2', 'unknown', 'egress']) {
      expect({ id, inB: inside(pos.get(id)!, boxB) }).toEqual({ id, inB: false });
    }
    for (const id of ['a1', 'a2', 'a3']) {
      expect({ id, inApp: inside(pos.get(id)!, app) }).toEqual({ id, inApp: false });
    }
  });
});

describe('label room', () => {
  it('a leaf block grows with its label', () => {
    const short = leafBlock('a');
    const long = leafBlock('recommendations\nv1\n(bookinfo)');
    expect(long.w).toBeGreaterThan(short.w);
    expect(long.h).toBeGreaterThan(short.h);
    expect(long.node!.y).toBe(short.node!.y);
  });
});

describe('separate', () => {
  it('pushes overlapping blocks apart', () => {
    const level = [
      { id: 'a', w: 100, h: 100, leaf: false },
      { id: 'b', w: 100, h: 100, leaf: false },
    ];
    const c = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 10, y: 5 }],
    ]);
    separate(level, c, 10);
    const a = c.get('a')!;
    const b = c.get('b')!;
    expect(Math.abs(a.x - b.x) >= 110 - 1e-9 || Math.abs(a.y - b.y) >= 110 - 1e-9).toBe(true);
  });
});
