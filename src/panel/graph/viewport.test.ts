import { fitViewport } from './viewport';

const base = { boxDepth: 0, width: 1000, height: 600, padding: 30, minZoom: 0.05, maxZoom: 4 };

describe('fitViewport', () => {
  it('fits the leaves (with their half size) into the padded area, centred', () => {
    // Leaves from (0,0) to (1000,0): extent 1027 × 27 → zoom (1000-60)/1027, limited by the width.
    const positions = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 1000, y: 0 }],
    ]);
    const v = fitViewport({ ...base, positions })!;
    expect(v.zoom).toBeCloseTo(940 / 1027, 6);
    // The centre of the extent (500, 0) lands on the centre of the panel.
    expect(v.pan.x + v.zoom * 500).toBeCloseTo(500, 6);
    expect(v.pan.y + v.zoom * 0).toBeCloseTo(300, 6);
  });

  it('leaves room for box padding and labels, more above than on the other sides', () => {
    const positions = new Map([['a', { x: 0, y: 0 }]]);
    const flat = fitViewport({ ...base, positions, maxZoom: 100 })!;
    const boxed = fitViewport({ ...base, positions, boxDepth: 2, maxZoom: 100 })!;
    expect(boxed.zoom).toBeLessThan(flat.zoom);
    // Extra room above moves the leaf below the vertical centre.
    expect(boxed.pan.y).toBeGreaterThan(300);
    expect(boxed.pan.x).toBeCloseTo(500, 6);
  });

  it('keeps the zoom within the limits and gives nothing for no leaves or no area', () => {
    const one = new Map([['a', { x: 5, y: 5 }]]);
    expect(fitViewport({ ...base, positions: one })!.zoom).toBe(4);
    const far = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 1e6, y: 0 }],
    ]);
    expect(fitViewport({ ...base, positions: far })!.zoom).toBe(0.05);
    expect(fitViewport({ ...base, positions: new Map() })).toBeUndefined();
    expect(fitViewport({ ...base, positions: one, width: 0 })).toBeUndefined();
  });
});
