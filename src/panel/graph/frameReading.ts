/**
 * Reading a data frame's fields the forgiving way fromFrames needs: by name whatever the case, values of any
 * type turned into text, finite numbers or booleans (or nothing), stat values as Grafana shows them, JSON cells
 * parsed with each failure counted by reason. Plain structural types, so tests can pass plain objects.
 */

/** The part of @grafana/data's DataFrame this reader needs (kept structural so tests can pass plain objects). */
export interface FieldLike {
  name: string;
  type?: string;
  values: ArrayLike<unknown>;
  config?: {
    displayName?: string;
    unit?: string;
    color?: { mode?: string; fixedColor?: string };
    links?: unknown[];
  };
}
export interface FrameLike {
  name?: string;
  refId?: string;
  fields: FieldLike[];
  meta?: {
    preferredVisualisationType?: string;
    notices?: Array<{ severity?: string; text?: string }>;
    custom?: Record<string, unknown>;
  };
}

/** What a field the frame does not have reads as: no value at any row. */
const NO_VALUES: ArrayLike<unknown> = Object.freeze([]);

/** Case-insensitive field lookup for one frame. */
export class FieldIndex {
  private readonly byName = new Map<string, FieldLike>();
  readonly details: FieldLike[] = [];
  readonly arcs: FieldLike[] = [];
  readonly length: number;

  constructor(frame: FrameLike) {
    let length = 0;
    for (const field of frame.fields ?? []) {
      if (!field || typeof field.name !== 'string') {
        continue;
      }
      const lower = field.name.toLowerCase();
      if (!this.byName.has(lower)) {
        this.byName.set(lower, field);
      }
      if (lower.startsWith('detail__')) {
        this.details.push(field);
      } else if (lower.startsWith('arc__')) {
        this.arcs.push(field);
      }
      length = Math.max(length, field.values?.length ?? 0);
    }
    this.length = length;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }
  field(name: string): FieldLike | undefined {
    return this.byName.get(name.toLowerCase());
  }
  /**
   * The values of each named field, under the same keys (no values for a field the frame lacks), looked up once: a
   * frame's rows are then read by index, without looking each cell's field up by name (a refresh at 1,000 nodes read
   * about 100,000 cells that way).
   */
  columns<K extends string>(names: Readonly<Record<K, string>>): Record<K, ArrayLike<unknown>> {
    const out = {} as Record<K, ArrayLike<unknown>>;
    for (const key of Object.keys(names) as K[]) {
      out[key] = this.field(names[key])?.values ?? NO_VALUES;
    }
    return out;
  }
}

export function toStr(v: unknown): string | undefined {
  if (v === null || v === undefined) {
    return undefined;
  }
  if (typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    return String(v);
  }
  return undefined;
}

export function toNum(v: unknown): number | undefined {
  if (typeof v === 'number') {
    return Number.isFinite(v) ? v : undefined;
  }
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function toBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') {
    return v;
  }
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1') {
      return true;
    }
    if (s === 'false' || s === '0') {
      return false;
    }
  }
  if (typeof v === 'number') {
    return v !== 0;
  }
  return undefined;
}

/** Display text of a Node Graph stat value (strings as delivered, numbers with their unit). */
export function statText(field: FieldLike | undefined, row: number): string | undefined {
  const v = field?.values[row];
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      return undefined;
    }
    const rounded = Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toFixed(2)));
    const unit = field?.config?.unit;
    return unit && !unit.startsWith('none') && unit.length <= 6 ? `${rounded} ${unit}` : rounded;
  }
  const s = toStr(v);
  return s === '' ? undefined : s;
}

export class Counter {
  readonly counts: Record<string, number> = {};
  add(reason: string, n = 1): void {
    this.counts[reason] = (this.counts[reason] ?? 0) + n;
  }
}

/**
 * Parsed JSON cells by their text, for the next answer: an expansion's frames hold the previous answer's rows as
 * they were (graph/rollupDeltaFrames.ts) and a refresh repeats the texts that did not change, so most cells are read
 * once. Two generations, the answer being read and the one before it (a text found in the older one is carried
 * into the newer); anything older is let go, so the cache holds at most two answers' texts however many refreshes
 * come (new rates are new texts). PARSED_KEEP bounds a generation within one very large answer. The parsed objects
 * are shared between graphs, so nothing may change them (nothing in the panel does).
 */
const PARSED_KEEP = 40_000;
let parsedNow = new Map<string, object>();
let parsedBefore = new Map<string, object>();

/**
 * A new generation of parsed texts: the texts of the one before stay found, older ones are let go. Called when a new
 * answer is read, and when one answer alone fills a generation.
 */
export function startAnswer(): void {
  parsedBefore = parsedNow;
  parsedNow = new Map();
}

function parsedFor(text: string): object | undefined {
  const now = parsedNow.get(text);
  if (now !== undefined) {
    return now;
  }
  const before = parsedBefore.get(text);
  if (before !== undefined) {
    keepParsed(text, before);
  }
  return before;
}

function keepParsed(text: string, value: object): void {
  if (parsedNow.size >= PARSED_KEEP) {
    startAnswer();
  }
  parsedNow.set(text, value);
}

/**
 * A JSON object cell through the answer cache: its value; 'unreadable' when the text is not JSON; undefined when it
 * is blank or JSON that is not an object.
 */
export function parseJsonText(text: string | undefined): object | 'unreadable' | undefined {
  if (text === undefined || text === '') {
    return undefined;
  }
  const known = parsedFor(text);
  if (known !== undefined) {
    return known;
  }
  if (text.trim() === '') {
    return undefined;
  }
  try {
    const v = JSON.parse(text);
    if (v === null || typeof v !== 'object') {
      return undefined;
    }
    keepParsed(text, v);
    return v;
  } catch {
    return 'unreadable';
  }
}

export function parseJson<T>(text: string | undefined, reason: string, skipped: Counter): T | undefined {
  const v = parseJsonText(text);
  if (v === 'unreadable') {
    skipped.add(reason);
    return undefined;
  }
  return v as T | undefined;
}
