import { BOX_LABEL, BOX_PAD, boxRects, LEAF_HALF } from './flatBoxes';

describe('boxRects', () => {
  it('encloses the members with the box padding', () => {
    const rects = boxRects(
      [
        { id: 'ns', isBox: 'namespace' },
        { id: 'a', parent: 'ns' },
        { id: 'b', parent: 'ns' },
      ],
      new Map([
        ['a', { x: 0, y: 0 }],
        ['b', { x: 100, y: 50 }],
      ])
    );
    const m = LEAF_HALF + BOX_PAD;
    expect(rects.get('ns')).toEqual({ x: 50, y: 25, w: 100 + 2 * m, h: 50 + 2 * m });
  });

  it('nests: an outer box encloses its inner boxes and their labels', () => {
    const rects = boxRects(
      [
        { id: 'cl', isBox: 'cluster' },
        { id: 'ns', isBox: 'namespace', parent: 'cl' },
        { id: 'a', parent: 'ns' },
        { id: 'c', parent: 'cl' },
      ],
      new Map([
        ['a', { x: 0, y: 0 }],
        ['c', { x: 0, y: 200 }],
      ])
    );
    const ns = rects.get('ns')!;
    const cl = rects.get('cl')!;
    const top = (r: { y: number; h: number }) => r.y - r.h / 2;
    expect(top(cl)).toBeCloseTo(top(ns) - BOX_LABEL - BOX_PAD, 6);
    expect(cl.w).toBeCloseTo(ns.w + 2 * BOX_PAD, 6);
    // The cluster's bottom is the lower leaf's extent plus padding.
    expect(cl.y + cl.h / 2).toBeCloseTo(200 + LEAF_HALF + BOX_PAD, 6);
  });

  it('leaves out unplaced leaves and gives empty boxes no rectangle', () => {
    const rects = boxRects(
      [
        { id: 'ns', isBox: 'namespace' },
        { id: 'empty', isBox: 'namespace' },
        { id: 'a', parent: 'ns' },
        { id: 'hidden', parent: 'ns' },
        { id: 'gone', parent: 'empty' },
      ],
      new Map([['a', { x: 10, y: 10 }]])
    );
    expect(rects.get('ns')).toMatchObject({ x: 10, y: 10 });
    expect(rects.has('empty')).toBe(false);
  });
});
