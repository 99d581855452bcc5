import type { Point } from './fastLayout';
import { closeAround, layOutMembers, openAround, openedExtent } from './groupOpening';

const grid = (): Map<string, Point> =>
  new Map([
    ['left', { x: -300, y: 0 }],
    ['right', { x: 300, y: 0 }],
    ['above', { x: 0, y: -200 }],
    ['below-right', { x: 120, y: 250 }],
  ]);

describe('layOutMembers', () => {
  it('centres the members on the node they replace and reports the room they take', () => {
    const members = ['a', 'b', 'c', 'd'].map((id) => ({ id, parent: 'g' }));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'x', target: 'd' },
    ];
    const { positions, half } = layOutMembers('g', members, edges, { x: 50, y: 70 });
    expect([...positions.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    const extent = openedExtent(positions.values())!;
    expect(extent.centre.x).toBeCloseTo(50);
    expect(extent.centre.y).toBeCloseTo(70);
    expect(half).toEqual(extent.half);
    // Layered: a calls b calls c, left to right.
    expect(positions.get('a')!.x).toBeLessThan(positions.get('b')!.x);
    expect(positions.get('b')!.x).toBeLessThan(positions.get('c')!.x);
  });
});

describe('openAround / closeAround', () => {
  it('moves every node out of the opened box, keeping the order of the drawing', () => {
    const p = grid();
    const at = { x: 0, y: 0 };
    const half = { hx: 200, hy: 150 };
    openAround(p, at, half);
    for (const q of p.values()) {
      const inside = Math.abs(q.x - at.x) < half.hx && Math.abs(q.y - at.y) < half.hy;
      expect(inside).toBe(false);
    }
    expect(p.get('left')).toEqual({ x: -500, y: 0 });
    expect(p.get('right')).toEqual({ x: 500, y: 0 });
    expect(p.get('above')).toEqual({ x: 0, y: -350 });
    expect(p.get('below-right')).toEqual({ x: 320, y: 400 });
  });

  it('closing the same box brings every node back to where it was', () => {
    const p = grid();
    const before = new Map(p);
    const half = { hx: 180, hy: 90 };
    openAround(p, { x: 10, y: 5 }, half);
    closeAround(p, { x: 10, y: 5 }, half);
    expect(p).toEqual(before);
  });

  it('moves an open box as one piece instead of stretching it', () => {
    const p = new Map<string, Point>([
      ['m1', { x: -50, y: -400 }],
      ['m2', { x: 60, y: -400 }],
      ['other', { x: 200, y: 0 }],
    ]);
    const units = new Map([
      ['m1', 'box'],
      ['m2', 'box'],
    ]);
    openAround(p, { x: 0, y: 0 }, { hx: 100, hy: 100 }, units);
    // The box's centre (x 5) lies right of the opening: both members move right by 100, up by 100.
    expect(p.get('m1')).toEqual({ x: 50, y: -500 });
    expect(p.get('m2')).toEqual({ x: 160, y: -500 });
    expect(p.get('other')).toEqual({ x: 300, y: 0 });
  });
});
