// Long (about 550 lines) on purpose: one state machine over the answer's characters, whose states read best together.
/**
 * Cuts a Prometheus answer's text into batches of whole elements of its `data.result` list, without parsing it:
 * the answer is then JSON.parsed one batch (about 64 kB) at a time, and the rest of it (status, errors, warnings,
 * result type) on its own. Parsing a 200 MB answer whole takes about three times its size again in objects, on top
 * of its text; batch by batch, only one small batch exists as objects at a time.
 *
 * The text may come in several strings (a transport's decoded parts). One pass finds, with the nesting of
 * brackets and strings tracked across parts: the top-level `data` object, its `result` list, every element of that
 * list, and everything else (the envelope). Elements in Prometheus' own layout (`{"metric":{…},"value":[t,"v"]}`,
 * written by Prometheus, Thanos, Mimir and VictoriaMetrics alike) are skipped with a few indexOf calls; any other
 * layout (spaces, other key orders, histograms, non-objects) is walked character by character.
 *
 * Nothing here decides what the JSON means; it only has to cut it where JSON.parse would see element boundaries.
 * Each batch and the envelope are then JSON.parsed, which rejects anything that is not JSON; the separators between
 * batches are checked here. A text that ends inside a string or a bracket (a cut-off answer) is refused before any
 * element is visited.
 */

/** An answer's text, in one or more parts. */
export type AnswerText = readonly string[];

/** A run of characters of one part: text[part].slice(start, end). */
export interface Span {
  part: number;
  start: number;
  end: number;
}

export interface ScannedAnswer {
  /** The answer with its `data.result` list emptied (`[]`), or the whole answer when it has no such list. */
  envelope: string;
  /** Batches of whole result elements, in order (each a run of one or more spans); undefined without a list. */
  batches?: Span[][];
  /** Elements in the result list. */
  elements: number;
}

/** The text is not JSON, or not JSON this reader can cut: `offset` is the character where it was noticed. */
export class AnswerSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number
  ) {
    super(message);
    this.name = 'AnswerSyntaxError';
  }
}

/** Characters per batch: small enough to stay in V8's young generation, large enough that JSON.parse is as fast as whole. */
export const BATCH_CHARS = 65536;
/** An envelope (everything but the result list) larger than this is refused: Prometheus' are a few hundred bytes. */
export const MAX_ENVELOPE_CHARS = 16 * 1024 * 1024;

/** Prometheus' layout of an element's start, and of the end of its metric followed by the start of its value. */
const ELEMENT_START = '{"metric":{';
const METRIC_END = '},"value":[';

const HEAD = 0;
const LIST = 1;
const ELEMENT = 2;
const TAIL = 3;

const OBJECT = 1;
const ARRAY = 2;

/** Within the result list: what may come next. */
const VALUE_OR_END = 0;
const VALUE = 1;
const COMMA_OR_END = 2;

interface Pos {
  part: number;
  pos: number;
}

/**
 * Scans an answer's text part by part as the parts arrive: `feed()` after each new part returns the batches it
 * completed, `finish()` after the last one checks the end and gives the envelope. scanAnswer() does it in one go.
 */
export class AnswerScanner {
  private mode = HEAD;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Container kind and key state per depth, for the first three levels (top object, data, result list). */
  private readonly kinds: number[] = [0, 0, 0, 0];
  private readonly expectKey: boolean[] = [false, false, false, false];
  private readonly lastKey: string[] = ['', '', '', ''];
  /** The object at depth 2 is the top-level `data`. */
  private inData = false;
  private sawData = false;
  private sawResult = false;
  private sawList = false;
  /** A key being read (depth ≤ 2): its parts so far and where it started in the current part (-1: at its start). */
  private keyParts?: string[];
  private keyStart = -1;
  private listState = VALUE_OR_END;
  /** A slowly walked element: its depth, and whether it is a number or literal (ends at a comma, bracket or blank). */
  private elementDepth = 0;
  private elementScalar = false;
  private elementStart: Pos = { part: 0, pos: 0 };
  private headEnd?: Pos;
  private tailStart?: Pos;
  /** Batches completed and not yet handed out by feed(). */
  private batches: Span[][] = [];
  private batchStart?: Pos;
  private batchChars = 0;
  private lastEnd: Pos = { part: 0, pos: 0 };
  private elements = 0;
  /** First '{' and '[' at or after the last position asked for, in the current part (length: none). */
  private curlyAt = -1;
  private squareAt = -1;
  /** Characters in the parts before the current one (for error offsets). */
  private before = 0;
  /** The next part to scan. */
  private next = 0;
  /** The answer up to and including the '[' of its result list, once that is reached. */
  head?: string;

  /** `text`: the parts so far; the caller appends to it, and may blank parts before keepFrom(). */
  constructor(private readonly text: string[]) {}

  /** Scans the parts appended since the last call; returns the batches completed. */
  feed(): Span[][] {
    const text = this.text;
    for (; this.next < text.length; this.next++) {
      const part = this.next;
      const s = text[part];
      this.curlyAt = -1;
      this.squareAt = -1;
      let i = 0;
      while (i < s.length) {
        switch (this.mode) {
          case LIST:
            i = this.list(s, part, i);
            break;
          case ELEMENT:
            i = this.element(s, part, i);
            break;
          default:
            i = this.generic(s, part, i);
        }
      }
      if (this.keyParts !== undefined) {
        this.keyParts.push(s.slice(this.keyStart < 0 ? 0 : this.keyStart));
        this.keyStart = -1;
      }
      this.before += s.length;
    }
    const done = this.batches;
    this.batches = [];
    return done;
  }

  /** The first part still needed (by a batch not yet complete, the envelope or the scan itself). */
  keepFrom(): number {
    if (this.mode === HEAD) {
      return 0;
    }
    if (this.mode === TAIL) {
      return this.tailStart!.part;
    }
    return this.batchStart?.part ?? Math.max(0, this.next - 1);
  }

  /** After the last part: the envelope (the answer with its result list emptied) and the last batches. */
  finish(): ScannedAnswer {
    const batches = this.feed();
    const text = this.text;
    if (this.mode !== HEAD && this.mode !== TAIL) {
      throw new AnswerSyntaxError('the answer ends inside its result list: it was cut off', this.before);
    }
    if (this.inString || this.depth > 0) {
      throw new AnswerSyntaxError('the answer ends before its JSON does: it was cut off', this.before);
    }
    if (text.length === 0) {
      return { envelope: '', elements: 0 };
    }
    const end: Pos = { part: text.length - 1, pos: text[text.length - 1].length };
    if (this.head === undefined || this.tailStart === undefined) {
      if (this.before > MAX_ENVELOPE_CHARS) {
        throw new AnswerSyntaxError(
          `the answer has no data.result list, and ${Math.round(this.before / 1e6)} MB of something else`,
          0
        );
      }
      return { envelope: this.slice({ part: 0, pos: 0 }, end), elements: 0 };
    }
    const tail = this.slice(this.tailStart, end);
    if (this.head.length + tail.length > MAX_ENVELOPE_CHARS) {
      throw new AnswerSyntaxError(
        `the answer holds ${Math.round((this.head.length + tail.length) / 1e6)} MB besides its data.result list`,
        0
      );
    }
    return { envelope: this.head + tail, batches, elements: this.elements };
  }

  private fail(message: string, pos: number): never {
    throw new AnswerSyntaxError(message, this.before + pos);
  }

  /** The text from `a` to `b` (parts joined). */
  private slice(a: Pos, b: Pos): string {
    const text = this.text;
    if (a.part === b.part) {
      return text[a.part]?.slice(a.pos, b.pos) ?? '';
    }
    const out = [text[a.part].slice(a.pos)];
    for (let p = a.part + 1; p < b.part; p++) {
      out.push(text[p]);
    }
    out.push(text[b.part].slice(0, b.pos));
    return out.join('');
  }

  /** The envelope outside the result list: brackets, strings, and the keys of the first two levels. */
  private generic(s: string, part: number, i: number): number {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
        } else if (c === 92) {
          this.escaped = true;
        } else if (c === 34) {
          this.inString = false;
          if (this.keyParts !== undefined) {
            this.endKey(s, i);
          }
        }
        continue;
      }
      switch (c) {
        case 34: {
          this.inString = true;
          const d = this.depth;
          if (d <= 2 && d > 0 && this.kinds[d] === OBJECT && this.expectKey[d]) {
            this.keyParts = [];
            this.keyStart = i + 1;
          }
          break;
        }
        case 123:
        case 91: {
          const d = ++this.depth;
          if (d <= 3) {
            this.kinds[d] = c === 123 ? OBJECT : ARRAY;
            this.expectKey[d] = c === 123;
          }
          if (d === 2) {
            this.inData = c === 123 && this.kinds[1] === OBJECT && this.lastKey[1] === 'data';
          } else if (d === 3 && c === 91 && this.inData && this.lastKey[2] === 'result') {
            if (this.sawList) {
              this.fail('the answer has two data.result lists', i);
            }
            this.sawList = true;
            this.headEnd = { part, pos: i + 1 };
            this.head = this.slice({ part: 0, pos: 0 }, this.headEnd);
            if (this.head.length > MAX_ENVELOPE_CHARS) {
              this.fail(`the answer holds ${Math.round(this.head.length / 1e6)} MB before its data.result list`, i);
            }
            this.mode = LIST;
            this.listState = VALUE_OR_END;
            return i + 1;
          }
          break;
        }
        case 125:
        case 93: {
          const d = this.depth;
          if (d === 0) {
            this.fail(`unexpected '${String.fromCharCode(c)}'`, i);
          }
          if (d <= 3 && this.kinds[d] !== (c === 125 ? OBJECT : ARRAY)) {
            this.fail(`'${String.fromCharCode(c)}' closes a bracket it does not match`, i);
          }
          this.depth = d - 1;
          if (d === 2) {
            this.inData = false;
          }
          break;
        }
        case 44: {
          const d = this.depth;
          if (d <= 2 && this.kinds[d] === OBJECT) {
            this.expectKey[d] = true;
          }
          break;
        }
        case 58:
          if (this.depth <= 2) {
            this.expectKey[this.depth] = false;
          }
          break;
      }
    }
    return i;
  }

  private endKey(s: string, i: number): void {
    const parts = this.keyParts!;
    parts.push(s.slice(this.keyStart < 0 ? 0 : this.keyStart, i));
    this.keyParts = undefined;
    this.keyStart = -1;
    const raw = parts.length === 1 ? parts[0] : parts.join('');
    let key = raw;
    if (raw.indexOf('\\') >= 0) {
      try {
        key = JSON.parse('"' + raw + '"') as string;
      } catch {
        // Not a JSON string: the envelope's JSON.parse reports it.
      }
    }
    const d = this.depth;
    this.lastKey[d] = key;
    this.expectKey[d] = false;
    if (d === 1 && key === 'data') {
      if (this.sawData) {
        this.fail('the answer has two "data" members', i);
      }
      this.sawData = true;
    } else if (d === 2 && this.inData && key === 'result') {
      if (this.sawResult) {
        this.fail('the answer has two data.result members', i);
      }
      this.sawResult = true;
    }
  }

  /** Between the elements of the result list. */
  private list(s: string, part: number, i: number): number {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        continue;
      }
      if (c === 93) {
        if (this.listState === VALUE) {
          this.fail('a comma ends the result list', i);
        }
        this.closeBatch();
        this.tailStart = { part, pos: i };
        this.mode = TAIL;
        return i;
      }
      if (c === 44) {
        if (this.listState !== COMMA_OR_END) {
          this.fail('unexpected comma in the result list', i);
        }
        this.listState = VALUE;
        continue;
      }
      if (this.listState === COMMA_OR_END) {
        this.fail('two result elements without a comma between them', i);
      }
      if (this.batchStart === undefined) {
        this.batchStart = { part, pos: i };
        this.batchChars = 0;
      }
      this.elements++;
      const end = this.fastEnd(s, i);
      if (end >= 0) {
        this.batchChars += end - i;
        this.endElement(part, end);
        i = end - 1;
        continue;
      }
      this.mode = ELEMENT;
      this.elementStart = { part, pos: i };
      this.elementDepth = 0;
      this.elementScalar = !(c === 123 || c === 91 || c === 34);
      return i;
    }
    return i;
  }

  /**
   * The end of an element in Prometheus' layout starting at `i`, or -1 (walk it slowly). When the metric object
   * holds no '{' or '[' at all, the first `},"value":[` after it ends it: that sequence cannot occur inside a JSON
   * string (its '"' would have to be escaped), and a '}' closing anything else there would not be JSON (which
   * the batch's JSON.parse then rejects). The value must then be `t,"v"]` and close the element.
   */
  private fastEnd(s: string, i: number): number {
    if (!s.startsWith(ELEMENT_START, i)) {
      return -1;
    }
    const m = i + ELEMENT_START.length - 1;
    let sq = this.squareAt;
    if (sq <= m) {
      sq = s.indexOf('[', m + 1);
      this.squareAt = sq = sq < 0 ? s.length : sq;
    }
    const valueAt = sq - (METRIC_END.length - 1);
    if (sq >= s.length || valueAt <= m || !s.startsWith(METRIC_END, valueAt)) {
      return -1;
    }
    let cu = this.curlyAt;
    if (cu <= m) {
      cu = s.indexOf('{', m + 1);
      this.curlyAt = cu = cu < 0 ? s.length : cu;
    }
    if (cu < sq) {
      return -1;
    }
    let j = sq + 1;
    const t = j;
    for (;;) {
      const c = s.charCodeAt(j);
      if ((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69) {
        j++;
      } else {
        break;
      }
    }
    if (j === t || s.charCodeAt(j) !== 44 || s.charCodeAt(j + 1) !== 34) {
      return -1;
    }
    const q = s.indexOf('"', j + 2);
    if (q < 0 || s.charCodeAt(q - 1) === 92 || s.charCodeAt(q + 1) !== 93 || s.charCodeAt(q + 2) !== 125) {
      return -1;
    }
    return q + 3;
  }

  /** An element in any other layout, character by character. */
  private element(s: string, part: number, i: number): number {
    const n = s.length;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
        } else if (c === 92) {
          this.escaped = true;
        } else if (c === 34) {
          this.inString = false;
          if (this.elementDepth === 0) {
            return this.endSlowElement(part, i + 1);
          }
        }
        continue;
      }
      if (this.elementScalar) {
        if (c === 44 || c === 93 || c === 32 || c === 10 || c === 13 || c === 9) {
          return this.endSlowElement(part, i);
        }
        if (c === 123 || c === 91 || c === 125 || c === 34 || c === 58) {
          this.fail(`unexpected '${String.fromCharCode(c)}' in the result list`, i);
        }
        continue;
      }
      switch (c) {
        case 34:
          this.inString = true;
          break;
        case 123:
        case 91:
          this.elementDepth++;
          break;
        case 125:
        case 93:
          if (--this.elementDepth === 0) {
            return this.endSlowElement(part, i + 1);
          }
          break;
      }
    }
    return i;
  }

  private endSlowElement(part: number, end: number): number {
    const a = this.elementStart;
    let chars = end - a.pos;
    for (let p = a.part; p < part; p++) {
      chars += this.text[p].length;
    }
    this.batchChars += chars;
    this.mode = LIST;
    this.endElement(part, end);
    return end;
  }

  private endElement(part: number, end: number): void {
    this.listState = COMMA_OR_END;
    this.lastEnd = { part, pos: end };
    if (this.batchChars >= BATCH_CHARS) {
      this.closeBatch();
    }
  }

  private closeBatch(): void {
    const a = this.batchStart;
    if (a === undefined) {
      return;
    }
    const b = this.lastEnd;
    const spans: Span[] = [];
    if (a.part === b.part) {
      spans.push({ part: a.part, start: a.pos, end: b.pos });
    } else {
      spans.push({ part: a.part, start: a.pos, end: this.text[a.part].length });
      for (let p = a.part + 1; p < b.part; p++) {
        spans.push({ part: p, start: 0, end: this.text[p].length });
      }
      spans.push({ part: b.part, start: 0, end: b.pos });
    }
    this.batches.push(spans);
    this.batchStart = undefined;
  }
}

/** Scans a whole text at once: the envelope and every batch. */
export function scanAnswer(text: AnswerText): ScannedAnswer {
  const scanner = new AnswerScanner([...text]);
  const batches = scanner.feed();
  const end = scanner.finish();
  if (end.batches) {
    batches.push(...end.batches);
  }
  return scanner.head === undefined ? end : { ...end, batches };
}

/** A batch's elements as one JSON array text. */
export function batchText(text: AnswerText, spans: Span[]): string {
  if (spans.length === 1) {
    const s = spans[0];
    return '[' + text[s.part].slice(s.start, s.end) + ']';
  }
  const out: string[] = ['['];
  for (const s of spans) {
    out.push(text[s.part].slice(s.start, s.end));
  }
  out.push(']');
  return out.join('');
}

/** The first `n` characters of a text. */
export function textHead(text: AnswerText, n: number): string {
  let out = '';
  for (const s of text) {
    out += s.length > n - out.length ? s.slice(0, n - out.length) : s;
    if (out.length >= n) {
      break;
    }
  }
  return out;
}
