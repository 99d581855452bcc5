import cytoscape from 'cytoscape';
import { drawPlainEdgeLines } from './plainEdgeLines';

// Which elements the shortcut takes and which canvas calls it makes, against a stand-in renderer. That the calls
// draw what Cytoscape's own drawEdge draws is a browser test's job (tests/browser/panel-drawing.test.ts compares
// the pixels).

/** Cytoscape's defaults for the properties the shortcut reads, as parsed values. */
const DEFAULTS: Record<string, { value?: unknown; pfValue?: number; strValue?: string }> = {
  width: { value: 2, pfValue: 2 },
  'line-style': { value: 'solid' },
  'line-fill': { value: 'solid' },
  ghost: { value: 'no' },
  'line-outline-width': { value: 0 },
  'underlay-opacity': { value: 0 },
  'overlay-opacity': { value: 0 },
  'mid-target-arrow-shape': { value: 'none' },
  'mid-source-arrow-shape': { value: 'none' },
  label: { strValue: '' },
  'source-label': { strValue: '' },
  'target-label': { strValue: '' },
  'line-color': { value: [10, 20, 30] },
  opacity: { value: 0.5 },
  'line-opacity': { value: 0.8 },
  'line-cap': { value: 'round' },
};

interface FakeEle {
  _private: {
    group: string;
    styleKey?: unknown;
    rscratch: { edgeType?: string; badLine?: boolean; allpts?: number[] };
  };
  style: Record<string, { value?: unknown; pfValue?: number; strValue?: string }>;
  reads: number;
  shown: boolean;
  bb: { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
  pstyle(name: string): { value?: unknown; pfValue?: number; strValue?: string };
  boundingBox(): FakeEle['bb'];
  visible(): boolean;
}

function edge(over: Partial<FakeEle['style']> = {}, edgeType = 'haystack'): FakeEle {
  return {
    _private: { group: 'edges', styleKey: 1, rscratch: { edgeType, allpts: [1, 2, 30, 40] } },
    style: { ...DEFAULTS, ...over } as FakeEle['style'],
    reads: 0,
    shown: true,
    bb: { x1: 0, y1: 1, x2: 31, y2: 41, w: 31, h: 40 },
    pstyle(name) {
      this.reads++;
      return this.style[name];
    },
    boundingBox() {
      return this.bb;
    },
    visible() {
      return this.shown;
    },
  };
}

/** A context that records what is set and called on it. */
function recordingContext() {
  const log: string[] = [];
  const ctx = new Proxy(
    {},
    {
      set(_t, key, value) {
        log.push(`${String(key)}=${JSON.stringify(value)}`);
        return true;
      },
      get(_t, key) {
        return (...args: unknown[]) => log.push(`${String(key)}(${args.map((a) => JSON.stringify(a)).join(',')})`);
      },
    }
  );
  return { ctx, log };
}

function setUp() {
  const own: unknown[][] = [];
  const renderer = {
    drawCachedElement(...args: unknown[]) {
      own.push(args);
    },
  };
  const cy = cytoscape({ headless: true });
  (cy as unknown as { renderer(): unknown }).renderer = () => renderer;
  drawPlainEdgeLines(cy);
  const { ctx, log } = recordingContext();
  const draw = (ele: FakeEle, extent?: object) =>
    (renderer.drawCachedElement as (...a: unknown[]) => unknown)(ctx, ele, 1, extent, -2, true);
  return { own, log, draw };
}

describe('plain edge lines', () => {
  it("strokes a plain haystack edge with drawEdge's calls, without the renderer's method", () => {
    const { own, log, draw } = setUp();
    draw(edge());
    expect(own).toEqual([]);
    expect(log).toEqual([
      'lineJoin="round"',
      'lineWidth=2',
      'lineCap="round"',
      'strokeStyle="rgba(10,20,30,0.4)"',
      'setLineDash([])',
      'beginPath()',
      'moveTo(1,2)',
      'lineTo(30,40)',
      'stroke()',
      'lineCap="butt"',
    ]);
  });

  it('leaves everything else to the renderer, with the same arguments', () => {
    const { own, log, draw } = setUp();
    const others: FakeEle[] = [
      { ...edge(), _private: { group: 'nodes', styleKey: 1, rscratch: {} } },
      edge({}, 'bezier'),
      edge({ label: { strValue: '12 rps' } }),
      edge({ 'target-label': { strValue: 'x' } }),
      edge({ 'line-style': { value: 'dashed' } }),
      edge({ 'overlay-opacity': { value: 0.35 } }),
      edge({ 'underlay-opacity': { value: 0.45 } }),
      edge({ 'mid-target-arrow-shape': { value: 'diamond' } }),
      edge({ 'line-fill': { value: 'linear-gradient' } }),
      edge({ width: { value: 0, pfValue: 0 } }),
      { ...edge(), _private: { group: 'edges', styleKey: 1, rscratch: { edgeType: 'haystack', badLine: true } } },
    ];
    others.forEach((e) => draw(e, { x1: 0, y1: 0, x2: 5, y2: 5 }));
    expect(own).toHaveLength(others.length);
    own.forEach((args, i) => expect(args.slice(1, 4)).toEqual([others[i], 1, { x1: 0, y1: 0, x2: 5, y2: 5 }]));
    expect(log).toEqual([]);
  });

  it('draws nothing for a hidden edge, an empty box, or one outside the extent', () => {
    const { own, log, draw } = setUp();
    const hidden = edge();
    hidden.shown = false;
    const empty = edge();
    empty.bb = { ...empty.bb, x2: 0, w: 0 };
    draw(hidden);
    draw(empty);
    draw(edge(), { x1: 100, y1: 100, x2: 200, y2: 200 });
    expect(own).toEqual([]);
    expect(log).toEqual([]);
  });

  it('reads the style once per style key', () => {
    const { log, draw } = setUp();
    const e = edge();
    draw(e);
    const reads = e.reads;
    expect(reads).toBeGreaterThan(10);
    draw(e);
    expect(e.reads).toBe(reads);
    // A new style (a health colour, say): a new key, read again.
    e.style = { ...e.style, 'line-color': { value: [200, 0, 0] } };
    e._private.styleKey = 2;
    draw(e);
    expect(e.reads).toBeGreaterThan(reads);
    expect(log.filter((l) => l.startsWith('strokeStyle'))).toEqual([
      'strokeStyle="rgba(10,20,30,0.4)"',
      'strokeStyle="rgba(10,20,30,0.4)"',
      'strokeStyle="rgba(200,0,0,0.4)"',
    ]);
  });
});
