import { type Bounds, footprint, LayerDamage, movedInOrder, type PixelRect } from './layerDamage';

// A 1,000 × 800 pixel bitmap of a layer at level -1 (half a pixel per graph unit) whose corner is at (100, 50).
const LAYER: Bounds = { x1: 100, y1: 50, x2: 2100, y2: 1650 };
const damage = () => new LayerDamage(LAYER, 0.5, 1000, 800);

const inRects = (rects: PixelRect[], x: number, y: number) =>
  rects.some((r) => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h);

/** A graph point as a pixel of the bitmap. */
const pixel = (x: number, y: number) => ({ x: (x - LAYER.x1) * 0.5, y: (y - LAYER.y1) * 0.5 });

describe('layer damage', () => {
  it('marks whole tiles around a box, and finds the elements near them', () => {
    const d = damage();
    expect(d.empty).toBe(true);
    const box = { x1: 500, y1: 450, x2: 540, y2: 470 };
    d.add(footprint([box]));
    expect(d.empty).toBe(false);
    const rects = d.rects();
    // Every pixel of the box is in a marked rectangle, and the rectangles are whole tiles near it.
    const a = pixel(box.x1, box.y1);
    const b = pixel(box.x2, box.y2);
    for (let x = a.x; x <= b.x; x++) {
      for (let y = a.y; y <= b.y; y++) {
        expect(inRects(rects, x, y)).toBe(true);
      }
    }
    const area = rects.reduce((s, r) => s + r.w * r.h, 0);
    expect(area).toBeLessThanOrEqual(4 * 16 * 16);
    expect(rects.every((r) => r.x % 16 === 0 && r.y % 16 === 0)).toBe(true);
    expect(d.touches(footprint([{ x1: 530, y1: 460, x2: 900, y2: 900 }]))).toBe(true);
    expect(d.touches(footprint([{ x1: 1500, y1: 1200, x2: 1600, y2: 1300 }]))).toBe(false);
  });

  it('splits the bitmap exactly: the marked rectangles and the others cover every pixel once', () => {
    const d = damage();
    d.add(footprint([{ x1: 500, y1: 450, x2: 700, y2: 470 }]));
    d.add(footprint([], [{ x1: 120, y1: 1600, x2: 2000, y2: 80, radius: 6 }]));
    const covered = new Uint8Array(1000 * 800);
    for (const r of [...d.rects(), ...d.rects(false)]) {
      expect(r.x + r.w).toBeLessThanOrEqual(1000);
      expect(r.y + r.h).toBeLessThanOrEqual(800);
      for (let y = r.y; y < r.y + r.h; y++) {
        for (let x = r.x; x < r.x + r.w; x++) {
          covered[y * 1000 + x]++;
        }
      }
    }
    expect(covered.every((n) => n === 1)).toBe(true);
  });

  it('marks a long diagonal line along its path, not its whole box, and every pixel within its radius', () => {
    const d = damage();
    const line = { x1: 150, y1: 1600, x2: 2050, y2: 100, radius: 8 };
    d.add(footprint([], [line]));
    // Its box is nearly the whole bitmap; its path crosses a small share of the tiles.
    expect(d.share).toBeLessThan(0.15);
    const rects = d.rects();
    const dx = line.x2 - line.x1;
    const dy = line.y2 - line.y1;
    const length = Math.hypot(dx, dy);
    // Points at the radius on both sides of the line, all along it (in graph units, then as pixels).
    for (let t = 0; t <= 1; t += 0.001) {
      for (const side of [-1, 1]) {
        const x = line.x1 + dx * t + (side * line.radius * -dy) / length;
        const y = line.y1 + dy * t + (side * line.radius * dx) / length;
        const p = pixel(x, y);
        expect(inRects(rects, Math.floor(p.x), Math.floor(p.y))).toBe(true);
      }
    }
    // An element crossing the line is near it; one in a far corner is not.
    expect(d.touches(footprint([], [{ x1: 150, y1: 100, x2: 2050, y2: 1600, radius: 1 }]))).toBe(true);
    expect(d.touches(footprint([{ x1: 150, y1: 100, x2: 250, y2: 200 }]))).toBe(false);
  });

  it('marks nothing for empty or unmeasured bounds, or for what lies outside the bitmap', () => {
    const d = damage();
    d.add(footprint([{ x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity }]));
    d.add(footprint([{ x1: NaN, y1: NaN, x2: NaN, y2: NaN }]));
    d.add(footprint([], [{ x1: NaN, y1: 0, x2: 10, y2: 10, radius: 2 }]));
    d.add(footprint([{ x1: 5000, y1: 5000, x2: 5100, y2: 5100 }]));
    expect(d.empty).toBe(true);
    expect(d.touches(footprint([LAYER]))).toBe(false);
  });

  it("gives a footprint's overall bounds with its lines' radius", () => {
    const f = footprint([{ x1: 0, y1: 0, x2: 10, y2: 10 }], [{ x1: 5, y1: 5, x2: 100, y2: -20, radius: 3 }]);
    expect(f.bounds).toEqual({ x1: 0, y1: -23, x2: 103, y2: 10 });
  });
});

describe('elements moved in the drawing order', () => {
  /** The longest increasing subsequence's length, by the quadratic textbook recurrence. */
  function lisLength(a: number[]): number {
    const best = a.map(() => 1);
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < i; j++) {
        if (a[j] < a[i]) {
          best[i] = Math.max(best[i], best[j] + 1);
        }
      }
    }
    return Math.max(0, ...best);
  }

  it('finds none in an unchanged order, and the one moved element', () => {
    expect(movedInOrder([])).toEqual([]);
    expect(movedInOrder([0, 1, 2, 3])).toEqual([]);
    // The last element moved into the first one's place (as Cytoscape removes from its collection).
    expect(movedInOrder([4, 1, 2, 3])).toEqual([0]);
  });

  it('moves the fewest elements: what is left is in order, and as long as the longest run', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(random() * 30);
      const ranks = Array.from({ length: n }, (_, i) => i).sort(() => random() - 0.5);
      const moved = new Set(movedInOrder(ranks));
      const left = ranks.filter((_, i) => !moved.has(i));
      expect(left.every((r, i) => i === 0 || left[i - 1] < r)).toBe(true);
      expect(left.length).toBe(lisLength(ranks));
    }
  });
});
