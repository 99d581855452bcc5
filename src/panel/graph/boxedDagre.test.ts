import { LEAF, boxedDagrePositions, dagrePlacement } from './boxedDagre';
import { presetPositions } from './layouts';

// Two namespace boxes; inside each a chain; ns1's tail calls ns2's head.
const nodes = [
  { id: 'ns1', isBox: 'namespace' },
  { id: 'ns2', isBox: 'namespace' },
  { id: 'a1', parent: 'ns1' },
  { id: 'a2', parent: 'ns1' },
  { id: 'a3', parent: 'ns1' },
  { id: 'b1', parent: 'ns2' },
  { id: 'b2', parent: 'ns2' },
  { id: 'lone' },
];
const edges = [
  { source: 'a1', target: 'a2' },
  { source: 'a2', target: 'a3' },
  { source: 'a3', target: 'b1' },
  { source: 'b1', target: 'b2' },
];

function extent(pos: Map<string, { x: number; y: number }>, ids: string[]) {
  const ps = ids.map((id) => pos.get(id)!);
  return {
    x1: Math.min(...ps.map((p) => p.x)),
    x2: Math.max(...ps.map((p) => p.x)),
    y1: Math.min(...ps.map((p) => p.y)),
    y2: Math.max(...ps.map((p) => p.y)),
  };
}

describe('boxedDagrePositions', () => {
  const pos = boxedDagrePositions(nodes, edges);

  it('positions every leaf and no box (Cytoscape sizes boxes from their members)', () => {
    expect([...pos.keys()].sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'lone']);
  });

  it('follows the traffic left to right inside a box and between boxes', () => {
    expect(pos.get('a2')!.x).toBeGreaterThan(pos.get('a1')!.x);
    expect(pos.get('a3')!.x).toBeGreaterThan(pos.get('a2')!.x);
    expect(pos.get('b2')!.x).toBeGreaterThan(pos.get('b1')!.x);
    // ns1 calls ns2: the whole of ns2 lies to the right of the whole of ns1.
    expect(extent(pos, ['b1', 'b2']).x1).toBeGreaterThan(extent(pos, ['a1', 'a2', 'a3']).x2);
  });

  it('leaves room for a label below each node: a fan-out stacks its targets a node and a label apart', () => {
    const fan = boxedDagrePositions(
      [{ id: 'ns', isBox: 'namespace' }, { id: 'src' }, ...['t1', 't2', 't3'].map((id) => ({ id, parent: 'ns' }))],
      ['t1', 't2', 't3'].map((target, i) => ({ id: `e${i}`, source: 'src', target }))
    );
    const ys = ['t1', 't2', 't3'].map((id) => fan.get(id)!);
    expect(new Set(ys.map((p) => Math.round(p.x))).size).toBe(1); // one rank
    const sorted = ys.map((p) => p.y).sort((a, b) => a - b);
    expect(sorted[1] - sorted[0]).toBeGreaterThanOrEqual(LEAF.h);
    expect(sorted[2] - sorted[1]).toBeGreaterThanOrEqual(LEAF.h);
  });

  it('keeps the members of different boxes apart (the box areas do not overlap)', () => {
    const one = extent(pos, ['a1', 'a2', 'a3']);
    const two = extent(pos, ['b1', 'b2']);
    const lone = pos.get('lone')!;
    const overlaps = (r: typeof one, s: typeof one) => r.x1 <= s.x2 && s.x1 <= r.x2 && r.y1 <= s.y2 && s.y1 <= r.y2;
    expect(overlaps(one, two)).toBe(false);
    expect(overlaps(one, { x1: lone.x, x2: lone.x, y1: lone.y, y2: lone.y })).toBe(false);
    expect(overlaps(two, { x1: lone.x, x2: lone.x, y1: lone.y, y2: lone.y })).toBe(false);
  });
});

describe('dagrePlacement', () => {
  it('returns top-left corners from (0, 0) and a size that holds every block', () => {
    const level = [
      { id: 'x', w: 100, h: 40, leaf: false },
      { id: 'y', w: 25, h: 25, leaf: true },
    ];
    const p = dagrePlacement(level, [['x', 'y']]);
    const xs = level.map((b) => p.topLeft.get(b.id)!);
    expect(Math.min(...xs.map((t) => t.x))).toBeCloseTo(0, 6);
    expect(Math.min(...xs.map((t) => t.y))).toBeCloseTo(0, 6);
    for (const b of level) {
      expect(p.topLeft.get(b.id)!.x + b.w).toBeLessThanOrEqual(p.w + 1e-6);
      expect(p.topLeft.get(b.id)!.y + b.h).toBeLessThanOrEqual(p.h + 1e-6);
    }
    expect(p.topLeft.get('y')!.x).toBeGreaterThanOrEqual(100); // LR: the target right of the source's block
  });
});

describe('presetPositions', () => {
  it('is used for the layered layout and for dagre with boxes, not for dagre without boxes or other layouts', () => {
    expect(presetPositions('dagre', nodes, edges)).toBeDefined();
    expect(presetPositions('layered', nodes, edges)).toBeDefined();
    const flat = nodes.filter((n) => !n.isBox).map((n) => ({ id: n.id }));
    expect(presetPositions('dagre', flat, edges)).toBeUndefined();
    expect(presetPositions('fcose', nodes, edges)).toBeUndefined();
    expect(presetPositions('dagre', [], [])).toBeUndefined();
  });
});
