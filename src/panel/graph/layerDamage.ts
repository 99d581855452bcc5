/**
 * The part of a layer's bitmap that a patched replacement draws again, as square tiles of the bitmap's pixels.
 *
 * A tile is marked when the footprint an element had when it was drawn in the layer, or has now, comes near it. The
 * patch draws on a clear bitmap, in drawing order, every element whose footprint comes near a marked tile, and takes
 * the old layer's pixels for the other tiles. Each pixel of a marked tile is thus computed as a fresh drawing computes
 * it, and no pixel of the other tiles can have changed. Tiles are whole pixels, so nothing is blended at their edges.
 *
 * A footprint is where an element may paint: boxes, and for a straight edge its line (a long diagonal edge's box
 * covers much of the graph; its line crosses a few tiles).
 */

export interface Bounds {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** A straight line and how far from it an element may paint (half its width, arrows, overlays), in graph units. */
export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  radius: number;
}

export interface Footprint {
  /** All of it: the boxes, and the lines with their radius. */
  bounds: Bounds;
  boxes: Bounds[];
  lines?: Line[];
  /** The tiles of `bounds` (grown as touches grows them) in the last bitmap it was looked up in; -1 when none. */
  tiles?: { bitmap: string; range: Int32Array | -1 };
}

/** A footprint of boxes and lines, with its overall bounds. */
export function footprint(boxes: Bounds[], lines?: Line[]): Footprint {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  // Index loops: a patch makes the footprints of about as many elements as it draws again.
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i];
    x1 = Math.min(x1, b.x1);
    y1 = Math.min(y1, b.y1);
    x2 = Math.max(x2, b.x2);
    y2 = Math.max(y2, b.y2);
  }
  for (let i = 0; lines !== undefined && i < lines.length; i++) {
    const l = lines[i];
    x1 = Math.min(x1, l.x1 - l.radius, l.x2 - l.radius);
    y1 = Math.min(y1, l.y1 - l.radius, l.y2 - l.radius);
    x2 = Math.max(x2, l.x1 + l.radius, l.x2 + l.radius);
    y2 = Math.max(y2, l.y1 + l.radius, l.y2 + l.radius);
  }
  return { bounds: { x1, y1, x2, y2 }, boxes, lines };
}

/** A rectangle of the bitmap, in its pixels. */
export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Tile side, in bitmap pixels: few rectangles to copy, without drawing again much more than what changed. */
const TILE = 16;

/**
 * How far past its bounds an element may paint, in bitmap pixels (antialiasing, and textures whose size Cytoscape
 * rounds up to whole pixels).
 */
const PAD = 2;

export class LayerDamage {
  /** Where tiles are: the same for the patches of a layer, whose footprints keep their tiles. */
  private readonly geometry: string;
  private readonly cols: number;
  private readonly rows: number;
  private readonly marked: Uint8Array;
  private count = 0;
  /** Marked tiles above and left of each tile corner (a summed-area table), for touches; dropped by add. */
  private sums?: Int32Array;
  /**
   * The pixel rectangle looked at now (x1, y1, x2, y2) and its tile range (toTiles). A patch's search looks at
   * thousands of rectangles: kept in typed arrays, their coordinates are not boxed as heap numbers at each call.
   */
  private readonly rect = new Float64Array(4);
  private readonly scratch = new Int32Array(4);

  /**
   * @param bb the layer's bounds in graph coordinates (its bitmap's top left corner is bb.x1, bb.y1)
   * @param scale bitmap pixels per graph unit (2 ** the layer's level)
   */
  constructor(
    private readonly bb: Bounds,
    private readonly scale: number,
    private readonly width: number,
    private readonly height: number
  ) {
    this.geometry = `${bb.x1},${bb.y1},${scale},${width},${height}`;
    this.cols = Math.max(1, Math.ceil(width / TILE));
    this.rows = Math.max(1, Math.ceil(height / TILE));
    this.marked = new Uint8Array(this.cols * this.rows);
  }

  /** Looks at the box (graph units) as bitmap pixels, `pad` pixels wider on every side. */
  private lookAtBox(b: Bounds, pad: number): void {
    const { bb, scale, rect } = this;
    rect[0] = (b.x1 - bb.x1) * scale - pad;
    rect[1] = (b.y1 - bb.y1) * scale - pad;
    rect[2] = (b.x2 - bb.x1) * scale + pad;
    rect[3] = (b.y2 - bb.y1) * scale + pad;
  }

  /**
   * The tiles the rectangle looked at comes into, cut to the bitmap, written into `scratch` (first and last column,
   * first and last row); false when the rectangle is empty or misses the bitmap.
   */
  private toTiles(): boolean {
    const range = this.scratch;
    const r = this.rect;
    const px1 = r[0];
    const py1 = r[1];
    const px2 = r[2];
    const py2 = r[3];
    // Cytoscape's empty bounds run from +Infinity to -Infinity (and NaN compares false): nothing painted.
    if (!(px1 <= px2 && py1 <= py2) || !Number.isFinite(px1 + py1 + px2 + py2)) {
      return false;
    }
    if (px2 < 0 || py2 < 0 || px1 >= this.width || py1 >= this.height) {
      return false;
    }
    range[0] = Math.max(0, Math.floor(px1 / TILE));
    range[1] = Math.max(0, Math.floor(py1 / TILE));
    range[2] = Math.min(this.cols - 1, Math.floor(px2 / TILE));
    range[3] = Math.min(this.rows - 1, Math.floor(py2 / TILE));
    return true;
  }

  /** Marks the tiles of the rectangle looked at; false, so that someTile goes on to the next. */
  private markRect(): boolean {
    const t = this.scratch;
    if (this.toTiles()) {
      for (let r = t[1]; r <= t[3]; r++) {
        for (let c = t[0]; c <= t[2]; c++) {
          const i = r * this.cols + c;
          if (!this.marked[i]) {
            this.marked[i] = 1;
            this.count++;
          }
        }
      }
    }
    return false;
  }

  /** How many tiles of the range are marked, from a summed-area table made after the last add. */
  private markedIn(range: ArrayLike<number>): number {
    if (!this.sums) {
      const w = this.cols + 1;
      const sums = new Int32Array(w * (this.rows + 1));
      for (let r = 0; r < this.rows; r++) {
        for (let c = 0; c < this.cols; c++) {
          sums[(r + 1) * w + c + 1] =
            this.marked[r * this.cols + c] + sums[r * w + c + 1] + sums[(r + 1) * w + c] - sums[r * w + c];
        }
      }
      this.sums = sums;
    }
    const sums = this.sums;
    const w = this.cols + 1;
    // Read one by one: a destructured array literal is allocated at each of the many calls of a patch's search.
    const c1 = range[0];
    const r1 = range[1];
    const c2 = range[2];
    const r2 = range[3];
    return sums[(r2 + 1) * w + c2 + 1] - sums[r1 * w + c2 + 1] - sums[(r2 + 1) * w + c1] + sums[r1 * w + c1];
  }

  /** Whether a marked tile is in the rectangle looked at. */
  private rectTouches(): boolean {
    return this.toTiles() && this.markedIn(this.scratch) > 0;
  }

  /** Marks the tiles of the rectangle looked at (mark), or tells whether one of them is marked. */
  private visit(mark: boolean): boolean {
    return mark ? this.markRect() : this.rectTouches();
  }

  /**
   * Visits pixel rectangles that together cover where the footprint may paint (PAD pixels around it), until a visit
   * returns true; whether one did. A line is walked in steps of half a tile, each step's square reaching a quarter
   * tile further than its radius, so the squares cover the line between steps. No closure and no iterator: a patch's
   * search calls this for thousands of elements, and long lines take dozens of steps.
   */
  private someTile(f: Footprint, mark: boolean): boolean {
    const { bb, scale, rect } = this;
    const boxes = f.boxes;
    for (let i = 0; i < boxes.length; i++) {
      this.lookAtBox(boxes[i], PAD);
      if (this.visit(mark)) {
        return true;
      }
    }
    const lines = f.lines;
    for (let i = 0; lines !== undefined && i < lines.length; i++) {
      const l = lines[i];
      const x1 = (l.x1 - bb.x1) * scale;
      const y1 = (l.y1 - bb.y1) * scale;
      const dx = (l.x2 - l.x1) * scale;
      const dy = (l.y2 - l.y1) * scale;
      const reach = l.radius * scale + PAD + TILE / 4;
      const steps = Math.ceil(Math.hypot(dx, dy) / (TILE / 2));
      if (!Number.isFinite(steps + x1 + y1 + reach)) {
        // Not a drawable line: Cytoscape paints nothing for it.
        continue;
      }
      for (let k = 0; k <= Math.max(1, steps); k++) {
        const t = steps > 0 ? k / steps : 0;
        const x = x1 + dx * t;
        const y = y1 + dy * t;
        rect[0] = x - reach;
        rect[1] = y - reach;
        rect[2] = x + reach;
        rect[3] = y + reach;
        if (this.visit(mark)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Marks where an element painted, or will paint. */
  add(f: Footprint): void {
    this.sums = undefined;
    this.someTile(f, true);
  }

  /** Whether an element may paint into a marked tile (so the patch draws it again). */
  touches(f: Footprint): boolean {
    if (this.count === 0) {
      return false;
    }
    // Most elements are far from every change: one look at their overall bounds tells. Those tiles are kept with the
    // footprint: a layer's patches share its bitmap's geometry, and most elements' footprints.
    if (f.tiles?.bitmap !== this.geometry) {
      // Grown as a line's squares reach past it.
      this.lookAtBox(f.bounds, PAD + TILE / 4);
      const inside = this.toTiles();
      f.tiles = { bitmap: this.geometry, range: inside ? Int32Array.from(this.scratch) : -1 };
    }
    if (f.tiles.range === -1 || this.markedIn(f.tiles.range) === 0) {
      return false;
    }
    return this.someTile(f, false);
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** The marked share of the bitmap's tiles. */
  get share(): number {
    return this.count / this.marked.length;
  }

  /**
   * The marked tiles (or, with `marked` false, the others) as rectangles cut to the bitmap: runs of a tile row,
   * merged with the same run of the rows below.
   */
  rects(marked = true): PixelRect[] {
    const out: PixelRect[] = [];
    // The rectangles still growing downwards, by their run's first and last column.
    let open = new Map<string, PixelRect>();
    for (let r = 0; r < this.rows; r++) {
      const next = new Map<string, PixelRect>();
      const y = r * TILE;
      const h = Math.min(y + TILE, this.height) - y;
      let c = 0;
      while (c < this.cols) {
        if (!this.marked[r * this.cols + c] === marked) {
          c++;
          continue;
        }
        const start = c;
        while (c < this.cols && !this.marked[r * this.cols + c] !== marked) {
          c++;
        }
        const key = `${start},${c}`;
        const above = open.get(key);
        if (above) {
          above.h += h;
          next.set(key, above);
        } else {
          const x = start * TILE;
          const rect = { x, y, w: Math.min(c * TILE, this.width) - x, h };
          out.push(rect);
          next.set(key, rect);
        }
      }
      open = next;
    }
    return out;
  }
}

/**
 * The positions of `ranks` outside one longest increasing run through it (not necessarily contiguous): the fewest
 * elements whose moves explain a new drawing order. `ranks` are the kept elements' places in the old order, listed in
 * the new order. (Cytoscape removes an element from its collection by moving the last one into its place, so removals
 * can move other elements in the drawing order.)
 */
export function movedInOrder(ranks: readonly number[]): number[] {
  // Patience sorting: tails[k] is the position ending the smallest-ranked increasing run of length k + 1.
  const tails: number[] = [];
  const before = new Int32Array(ranks.length).fill(-1);
  for (let i = 0; i < ranks.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[tails[mid]] < ranks[i]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    before[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const inRun = new Uint8Array(ranks.length);
  for (let i = tails.length > 0 ? tails[tails.length - 1] : -1; i >= 0; i = before[i]) {
    inRun[i] = 1;
  }
  const moved: number[] = [];
  for (let i = 0; i < ranks.length; i++) {
    if (!inRun[i]) {
      moved.push(i);
    }
  }
  return moved;
}
