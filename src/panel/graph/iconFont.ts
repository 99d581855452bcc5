// Long on purpose: most of it is data (the glyph outlines of the icon font) and the tables of a TrueType file.
/**
 * The panel's icons as a font of its own, "MeshgraphIcons", built here as a small TrueType file (no asset to
 * load, nothing from the network). Labels are canvas text: with this font first in the label font stack, the
 * Private Use Area characters below draw as icons inline with the text (badges before a node name, a lock on an
 * mTLS edge), follow the zoom like the text, fade with it when dimmed, and are part of PNG exports. Other
 * characters fall back to the theme's font. Emoji and Unicode arrows are not used: they render as empty boxes
 * where no emoji or symbol font is installed.
 *
 * Outlines are polygons on a 1000-unit em (y up, baseline 0, ascent 800); outer contours clockwise, holes
 * counter-clockwise (TrueType's non-zero rule).
 */

export const ICON_FONT_FAMILY = 'MeshgraphIcons';

/** Characters of the icon font. */
export const ICON = {
  lock: '\uE000',
  trafficSource: '\uE001',
  gateway: '\uE002',
  waypoint: '\uE003',
  dead: '\uE004',
  outside: '\uE005',
  egress: '\uE006',
  missingSidecar: '\uE007',
  degraded: '\uE008',
  failure: '\uE009',
  circuitBreaker: '\uE00A',
  healthy: '\uE00B',
} as const;

export type IconName = keyof typeof ICON;

type Pt = [number, number];
type Contour = Pt[];

function area(c: Contour): number {
  let a = 0;
  for (let i = 0; i < c.length; i++) {
    const [x1, y1] = c[i];
    const [x2, y2] = c[(i + 1) % c.length];
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** Clockwise (y up: negative area) for outlines, counter-clockwise for holes. */
function orient(c: Contour, hole = false): Contour {
  const cw = area(c) < 0;
  return cw === !hole ? c : [...c].reverse();
}

function ellipse(cx: number, cy: number, rx: number, ry: number, hole = false, n = 28): Contour {
  const c: Contour = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    c.push([cx + rx * Math.cos(a), cy + ry * Math.sin(a)]);
  }
  return orient(c, hole);
}

function rect(x1: number, y1: number, x2: number, y2: number, hole = false): Contour {
  return orient(
    [
      [x1, y1],
      [x2, y1],
      [x2, y2],
      [x1, y2],
    ],
    hole
  );
}

/** A bar of width w from a to b. */
function bar(a: Pt, b: Pt, w: number, hole = false): Contour {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * (w / 2);
  const ny = (dx / len) * (w / 2);
  return orient(
    [
      [a[0] + nx, a[1] + ny],
      [b[0] + nx, b[1] + ny],
      [b[0] - nx, b[1] - ny],
      [a[0] - nx, a[1] - ny],
    ],
    hole
  );
}

function poly(points: Pt[], hole = false): Contour {
  return orient(points, hole);
}

function ring(cx: number, cy: number, r: number, w: number): Contour[] {
  return [ellipse(cx, cy, r, r), ellipse(cx, cy, r - w, r - w, true)];
}

function arc(cx: number, cy: number, r: number, from: number, to: number, n = 12): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i <= n; i++) {
    const a = from + ((to - from) * i) / n;
    out.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return out;
}

const GLYPHS: Record<IconName, Contour[]> = {
  lock: [
    rect(170, -20, 830, 430),
    rect(460, 100, 540, 300, true),
    poly([
      [250, 430],
      ...arc(500, 560, 250, Math.PI, 0),
      [750, 430],
      [660, 430],
      ...arc(500, 560, 160, 0, Math.PI),
      [340, 430],
    ]),
  ],
  trafficSource: [
    poly([
      [80, 340],
      [460, 340],
      [460, 190],
      [700, 400],
      [460, 610],
      [460, 460],
      [80, 460],
    ]),
    poly([
      [600, -40],
      [920, -40],
      [920, 840],
      [600, 840],
      [600, 740],
      [820, 740],
      [820, 60],
      [600, 60],
    ]),
  ],
  gateway: [
    ...ring(500, 400, 420, 80),
    bar([110, 400], [890, 400], 70),
    ellipse(500, 400, 170, 420),
    ellipse(500, 400, 95, 345, true),
  ],
  waypoint: [
    poly([
      [500, -40],
      [940, 400],
      [500, 840],
      [60, 400],
    ]),
    poly(
      [
        [500, 110],
        [790, 400],
        [500, 690],
        [210, 400],
      ],
      true
    ),
    ellipse(500, 400, 110, 110),
  ],
  dead: [...ring(500, 400, 420, 80), bar([310, 210], [690, 590], 90), bar([690, 210], [310, 590], 90)],
  outside: [
    poly([
      [80, -20],
      [700, -20],
      [700, 380],
      [610, 380],
      [610, 70],
      [170, 70],
      [170, 510],
      [480, 510],
      [480, 600],
      [80, 600],
    ]),
    bar([380, 210], [780, 610], 100),
    poly([
      [920, 820],
      [560, 820],
      [920, 460],
    ]),
  ],
  egress: [
    poly([
      [80, -40],
      [400, -40],
      [400, 60],
      [180, 60],
      [180, 740],
      [400, 740],
      [400, 840],
      [80, 840],
    ]),
    poly([
      [300, 340],
      [680, 340],
      [680, 190],
      [920, 400],
      [680, 610],
      [680, 460],
      [300, 460],
    ]),
  ],
  missingSidecar: [rect(140, 20, 860, 780), rect(230, 110, 770, 690, true), bar([120, 0], [880, 800], 90)],
  degraded: [
    poly([
      [500, 820],
      [960, -20],
      [40, -20],
    ]),
    poly(
      [
        [500, 640],
        [830, 50],
        [170, 50],
      ],
      true
    ),
    rect(450, 250, 550, 540),
    rect(450, 110, 550, 200),
  ],
  failure: [ellipse(500, 400, 440, 440), rect(445, 300, 555, 680, true), rect(445, 120, 555, 230, true)],
  circuitBreaker: [
    poly([
      [600, 840],
      [180, 330],
      [460, 330],
      [360, -40],
      [820, 500],
      [540, 500],
    ]),
  ],
  healthy: [
    ellipse(500, 400, 440, 440),
    poly(
      [
        [240, 420],
        [310, 490],
        [440, 360],
        [700, 620],
        [770, 550],
        [440, 220],
      ],
      true
    ),
  ],
};

const ORDER: IconName[] = Object.keys(ICON) as IconName[];
const UNITS = 1000;

class Writer {
  private bytes: number[] = [];
  u8(v: number) {
    this.bytes.push(v & 0xff);
  }
  u16(v: number) {
    this.u8(v >> 8);
    this.u8(v);
  }
  i16(v: number) {
    this.u16(v < 0 ? v + 0x10000 : v);
  }
  u32(v: number) {
    this.u16(Math.floor(v / 0x10000) & 0xffff);
    this.u16(v & 0xffff);
  }
  tag(t: string) {
    for (let i = 0; i < 4; i++) {
      this.u8(t.charCodeAt(i));
    }
  }
  pad4() {
    while (this.bytes.length % 4 !== 0) {
      this.u8(0);
    }
  }
  get length() {
    return this.bytes.length;
  }
  out(): number[] {
    return this.bytes;
  }
}

interface GlyphOut {
  data: number[];
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  points: number;
  contours: number;
}

function glyph(contours: Contour[]): GlyphOut {
  const w = new Writer();
  const pts = contours.map((c) => c.map(([x, y]) => [Math.round(x), Math.round(y)] as Pt));
  const all = pts.flat();
  if (all.length === 0) {
    return { data: [], xMin: 0, yMin: 0, xMax: 0, yMax: 0, points: 0, contours: 0 };
  }
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const box = { xMin: Math.min(...xs), yMin: Math.min(...ys), xMax: Math.max(...xs), yMax: Math.max(...ys) };
  w.i16(pts.length);
  w.i16(box.xMin);
  w.i16(box.yMin);
  w.i16(box.xMax);
  w.i16(box.yMax);
  let end = -1;
  for (const c of pts) {
    end += c.length;
    w.u16(end);
  }
  w.u16(0); // no instructions
  for (let i = 0; i < all.length; i++) {
    w.u8(0x01); // on curve, 16-bit deltas
  }
  let prev = 0;
  for (const [x] of all) {
    w.i16(x - prev);
    prev = x;
  }
  prev = 0;
  for (const [, y] of all) {
    w.i16(y - prev);
    prev = y;
  }
  w.pad4();
  return { data: w.out(), ...box, points: all.length, contours: pts.length };
}

function checksum(bytes: number[]): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    sum =
      (sum +
        ((bytes[i] << 24) >>> 0) +
        ((bytes[i + 1] ?? 0) << 16) +
        ((bytes[i + 2] ?? 0) << 8) +
        (bytes[i + 3] ?? 0)) >>>
      0;
  }
  return sum;
}

function utf16be(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(c >> 8, c & 0xff);
  }
  return out;
}

/** The TrueType file of the icon font. */
export function buildIconFont(): Uint8Array {
  const glyphs = [glyph([]), ...ORDER.map((name) => glyph(GLYPHS[name]))];
  const numGlyphs = glyphs.length;
  const first = ICON[ORDER[0]].charCodeAt(0);
  const last = first + ORDER.length - 1;
  const bbox = {
    xMin: Math.min(...glyphs.slice(1).map((g) => g.xMin)),
    yMin: Math.min(...glyphs.slice(1).map((g) => g.yMin)),
    xMax: Math.max(...glyphs.slice(1).map((g) => g.xMax)),
    yMax: Math.max(...glyphs.slice(1).map((g) => g.yMax)),
  };
  const tables: Record<string, number[]> = {};

  const glyf = new Writer();
  const offsets: number[] = [];
  for (const g of glyphs) {
    offsets.push(glyf.length);
    g.data.forEach((b) => glyf.u8(b));
  }
  offsets.push(glyf.length);
  tables.glyf = glyf.out();

  const loca = new Writer();
  offsets.forEach((o) => loca.u32(o));
  tables.loca = loca.out();

  const head = new Writer();
  head.u32(0x00010000);
  head.u32(0x00010000);
  head.u32(0); // checkSumAdjustment, set below
  head.u32(0x5f0f3cf5);
  head.u16(0x000b);
  head.u16(UNITS);
  for (let i = 0; i < 4; i++) {
    head.u32(0); // created, modified
  }
  head.i16(bbox.xMin);
  head.i16(bbox.yMin);
  head.i16(bbox.xMax);
  head.i16(bbox.yMax);
  head.u16(0);
  head.u16(8);
  head.i16(2);
  head.i16(1); // long loca
  head.i16(0);
  tables.head = head.out();

  const hhea = new Writer();
  hhea.u32(0x00010000);
  hhea.i16(850);
  hhea.i16(-150);
  hhea.i16(0);
  hhea.u16(UNITS);
  hhea.i16(Math.min(...glyphs.slice(1).map((g) => g.xMin)));
  hhea.i16(Math.min(...glyphs.slice(1).map((g) => UNITS - g.xMax)));
  hhea.i16(bbox.xMax);
  hhea.i16(1);
  hhea.i16(0);
  hhea.i16(0);
  for (let i = 0; i < 4; i++) {
    hhea.i16(0);
  }
  hhea.i16(0);
  hhea.u16(numGlyphs);
  tables.hhea = hhea.out();

  const hmtx = new Writer();
  for (const g of glyphs) {
    hmtx.u16(UNITS);
    hmtx.i16(g.xMin);
  }
  tables.hmtx = hmtx.out();

  const maxp = new Writer();
  maxp.u32(0x00010000);
  maxp.u16(numGlyphs);
  maxp.u16(Math.max(...glyphs.map((g) => g.points)));
  maxp.u16(Math.max(...glyphs.map((g) => g.contours)));
  maxp.u16(0);
  maxp.u16(0);
  maxp.u16(2);
  for (let i = 0; i < 7; i++) {
    maxp.u16(0);
  }
  maxp.u16(0);
  tables.maxp = maxp.out();

  const os2 = new Writer();
  os2.u16(4);
  os2.i16(UNITS);
  os2.u16(400);
  os2.u16(5);
  os2.u16(0);
  [650, 600, 0, 75, 650, 600, 0, 350, 50, 300].forEach((v) => os2.i16(v));
  os2.i16(0);
  for (let i = 0; i < 10; i++) {
    os2.u8(0);
  }
  os2.u32(0);
  os2.u32(0);
  os2.u32(0);
  os2.u32(0);
  os2.tag('MESH');
  os2.u16(0x0040);
  os2.u16(first);
  os2.u16(last);
  os2.i16(850);
  os2.i16(-150);
  os2.i16(0);
  os2.u16(850);
  os2.u16(150);
  os2.u32(1);
  os2.u32(0);
  os2.i16(500);
  os2.i16(700);
  os2.u16(0);
  os2.u16(32);
  os2.u16(1);
  tables['OS/2'] = os2.out();

  const cmap = new Writer();
  cmap.u16(0);
  cmap.u16(1);
  cmap.u16(3);
  cmap.u16(1);
  cmap.u32(12);
  const segCount = 2;
  cmap.u16(4);
  cmap.u16(16 + 8 * segCount);
  cmap.u16(0);
  cmap.u16(segCount * 2);
  cmap.u16(4); // searchRange = 2 * 2^floor(log2(segCount))
  cmap.u16(1);
  cmap.u16(0);
  cmap.u16(last);
  cmap.u16(0xffff);
  cmap.u16(0);
  cmap.u16(first);
  cmap.u16(0xffff);
  cmap.u16((1 - first + 0x10000) & 0xffff);
  cmap.u16(1);
  cmap.u16(0);
  cmap.u16(0);
  tables.cmap = cmap.out();

  const names: Array<[number, string]> = [
    [1, ICON_FONT_FAMILY],
    [2, 'Regular'],
    [3, `${ICON_FONT_FAMILY} 1.0`],
    [4, ICON_FONT_FAMILY],
    [5, 'Version 1.0'],
    [6, ICON_FONT_FAMILY],
  ];
  const name = new Writer();
  name.u16(0);
  name.u16(names.length);
  name.u16(6 + 12 * names.length);
  let strOffset = 0;
  const strings: number[] = [];
  for (const [id, text] of names) {
    const bytes = utf16be(text);
    name.u16(3);
    name.u16(1);
    name.u16(0x409);
    name.u16(id);
    name.u16(bytes.length);
    name.u16(strOffset);
    strOffset += bytes.length;
    strings.push(...bytes);
  }
  strings.forEach((b) => name.u8(b));
  tables.name = name.out();

  const post = new Writer();
  post.u32(0x00030000);
  post.u32(0);
  post.i16(-100);
  post.i16(50);
  for (let i = 0; i < 5; i++) {
    post.u32(0);
  }
  tables.post = post.out();

  const tags = Object.keys(tables).sort();
  const file = new Writer();
  const n = tags.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  file.u32(0x00010000);
  file.u16(n);
  file.u16(searchRange);
  file.u16(entrySelector);
  file.u16(n * 16 - searchRange);
  let offset = 12 + 16 * n;
  const layout: Array<{ tag: string; offset: number; data: number[] }> = [];
  for (const tag of tags) {
    const data = tables[tag];
    layout.push({ tag, offset, data });
    offset += Math.ceil(data.length / 4) * 4;
  }
  for (const t of layout) {
    file.tag(t.tag);
    file.u32(checksum(t.data));
    file.u32(t.offset);
    file.u32(t.data.length);
  }
  for (const t of layout) {
    t.data.forEach((b) => file.u8(b));
    file.pad4();
  }
  const bytes = Uint8Array.from(file.out());
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  const headAt = layout.find((t) => t.tag === 'head')!.offset;
  const adjust = (0xb1b0afba - checksum(Array.from(bytes)) + 0x100000000) >>> 0;
  bytes[headAt + 8] = adjust >>> 24;
  bytes[headAt + 9] = (adjust >>> 16) & 0xff;
  bytes[headAt + 10] = (adjust >>> 8) & 0xff;
  bytes[headAt + 11] = adjust & 0xff;
  return bytes;
}

let loading: Promise<boolean> | undefined;

/**
 * Adds the font to the document (once per page). Resolves true when it is usable; false where fonts cannot be
 * added (no FontFace, e.g. tests in jsdom), in which case icons fall back to whatever the system draws.
 */
export function loadIconFont(): Promise<boolean> {
  if (loading) {
    return loading;
  }
  const FontFaceCtor = (globalThis as { FontFace?: typeof FontFace }).FontFace;
  if (typeof document === 'undefined' || !FontFaceCtor || !document.fonts) {
    loading = Promise.resolve(false);
    return loading;
  }
  const face = new FontFaceCtor(ICON_FONT_FAMILY, buildIconFont().buffer as ArrayBuffer);
  document.fonts.add(face);
  loading = face.load().then(
    () => true,
    () => false
  );
  return loading;
}

/** SVG markup of an icon (for the legend and exports), filled with `color`, `size` px square. */
export function iconSvgPath(name: IconName): string {
  // Font units are y-up with the baseline at 0: flip into a 0..1000 box with the ascent at the top.
  return GLYPHS[name]
    .map((c) => `M${c.map(([x, y]) => `${Math.round(x)} ${Math.round(850 - y)}`).join('L')}Z`)
    .join('');
}
