/**
 * A scanning reader for Prometheus instant-query answers. It walks the JSON text once and hands each vector
 * element to a visitor as parallel label name/value arrays (reused between elements), without building an
 * object per element. Label names are interned; a label value equal to the previous element's value at the
 * same position is reused instead of sliced again (Prometheus sorts labels by name, so positions line up).
 * Anything unexpected falls back to a clear error; strings with escapes are decoded with JSON.parse.
 */

export type SampleVisitor = (names: string[], values: string[], count: number, value: number) => void;

export interface ScannedAnswer {
  status: string;
  resultType?: string;
  errorType?: string;
  error?: string;
  warnings: string[];
  infos: string[];
  /** Vector elements visited. */
  samples: number;
  /** Native-histogram elements (not usable here), counted. */
  histograms: number;
}

export class ScanError extends Error {}

const Q = 34; // "
const BS = 92; // backslash

export function parseSampleValue(s: string): number {
  switch (s) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    default:
      return Number(s);
  }
}

export function scanVectorAnswer(body: string, visit: SampleVisitor): ScannedAnswer {
  const keyCache = new Map<string, string>();
  let pos = 0;
  const len = body.length;
  const names: string[] = [];
  const values: string[] = [];
  const out: ScannedAnswer = { status: '', warnings: [], infos: [], samples: 0, histograms: 0 };

  const fail = (what: string): never => {
    throw new ScanError(`${what} at offset ${pos}`);
  };
  const ws = () => {
    let c = body.charCodeAt(pos);
    while (c === 32 || c === 10 || c === 13 || c === 9) {
      c = body.charCodeAt(++pos);
    }
  };
  const expect = (code: number) => {
    ws();
    if (body.charCodeAt(pos) !== code) {
      fail(`expected '${String.fromCharCode(code)}'`);
    }
    pos++;
  };
  /** Reads a string at pos (after optional whitespace); returns its decoded value. */
  const str = (): string => {
    ws();
    if (body.charCodeAt(pos) !== Q) {
      fail('expected a string');
    }
    const start = pos + 1;
    let end = body.indexOf('"', start);
    if (end < 0) {
      fail('unterminated string');
    }
    let bs = body.indexOf('\\', start);
    if (bs < 0 || bs > end) {
      pos = end + 1;
      return body.slice(start, end);
    }
    // Escapes present: find the real end (a quote not preceded by an odd number of backslashes).
    while (true) {
      let n = 0;
      let k = end - 1;
      while (body.charCodeAt(k) === BS) {
        n++;
        k--;
      }
      if (n % 2 === 0) {
        break;
      }
      end = body.indexOf('"', end + 1);
      if (end < 0) {
        fail('unterminated string');
      }
    }
    pos = end + 1;
    return JSON.parse(body.slice(start - 1, end + 1));
  };
  /** Like str() but reuses `prev` when the text equals it (no allocation). */
  const strLike = (prev: string | undefined): string => {
    ws();
    if (prev !== undefined && body.charCodeAt(pos) === Q) {
      const l = prev.length;
      if (body.charCodeAt(pos + 1 + l) === Q && body.startsWith(prev, pos + 1) && prev.indexOf('\\') < 0) {
        // A backslash in the source would precede the closing quote only with escapes; prev has none.
        if (body.charCodeAt(pos + l) !== BS || l === 0) {
          pos += l + 2;
          return prev;
        }
      }
    }
    return str();
  };
  const skip = (): void => {
    ws();
    const c = body.charCodeAt(pos);
    if (c === Q) {
      str();
      return;
    }
    if (c === 123 || c === 91) {
      const close = c === 123 ? 125 : 93;
      pos++;
      ws();
      if (body.charCodeAt(pos) === close) {
        pos++;
        return;
      }
      while (true) {
        if (c === 123) {
          str();
          expect(58);
        }
        skip();
        ws();
        const n = body.charCodeAt(pos++);
        if (n === close) {
          return;
        }
        if (n !== 44) {
          fail('expected , or closing bracket');
        }
      }
    }
    // number, true, false, null
    const m = /^-?[0-9.eE+-]+|^true|^false|^null/.exec(body.slice(pos, pos + 40));
    if (!m) {
      fail('unexpected character');
    }
    pos += m![0].length;
  };
  const stringArray = (): string[] => {
    const arr: string[] = [];
    expect(91);
    ws();
    if (body.charCodeAt(pos) === 93) {
      pos++;
      return arr;
    }
    while (true) {
      arr.push(str());
      ws();
      const n = body.charCodeAt(pos++);
      if (n === 93) {
        return arr;
      }
      if (n !== 44) {
        fail('expected , or ]');
      }
    }
  };
  /** Iterates `{ "k": <value>, ... }`, calling onKey with pos at the value. */
  const object = (onKey: (key: string) => void) => {
    expect(123);
    ws();
    if (body.charCodeAt(pos) === 125) {
      pos++;
      return;
    }
    while (true) {
      const k = str();
      expect(58);
      onKey(k);
      ws();
      const n = body.charCodeAt(pos++);
      if (n === 125) {
        return;
      }
      if (n !== 44) {
        fail('expected , or }');
      }
    }
  };

  let count = 0;
  const metric = () => {
    count = 0;
    expect(123);
    ws();
    if (body.charCodeAt(pos) === 125) {
      pos++;
      return;
    }
    while (true) {
      // Label name: predicted from the previous element, else interned.
      const pred = names[count];
      let key: string;
      ws();
      if (pred !== undefined && body.charCodeAt(pos + 1 + pred.length) === Q && body.startsWith(pred, pos + 1)) {
        key = pred;
        pos += pred.length + 2;
      } else {
        const raw = str();
        key = keyCache.get(raw) ?? raw;
        keyCache.set(key, key);
        // A new name at this position invalidates the value prediction.
        values[count] = undefined as unknown as string;
      }
      expect(58);
      const v = strLike(values[count]);
      names[count] = key;
      values[count] = v;
      count++;
      ws();
      const n = body.charCodeAt(pos++);
      if (n === 125) {
        return;
      }
      if (n !== 44) {
        fail('expected , or }');
      }
    }
  };
  const element = () => {
    let value = NaN;
    let hasValue = false;
    let isHistogram = false;
    object((k) => {
      if (k === 'metric') {
        metric();
      } else if (k === 'value') {
        expect(91);
        skip();
        expect(44);
        value = parseSampleValue(str());
        expect(93);
        hasValue = true;
      } else if (k === 'histogram') {
        isHistogram = true;
        skip();
      } else if (k === 'values' || k === 'histograms') {
        throw new ScanError('Prometheus returned a range (matrix) result where an instant vector was expected');
      } else {
        skip();
      }
    });
    if (hasValue) {
      out.samples++;
      visit(names, values, count, value);
    } else if (isHistogram) {
      out.histograms++;
    }
  };
  const result = () => {
    ws();
    if (out.resultType !== undefined && out.resultType !== 'vector') {
      throw new ScanError(`Prometheus returned a ${out.resultType} result where an instant vector was expected`);
    }
    expect(91);
    ws();
    if (body.charCodeAt(pos) === 93) {
      pos++;
      return;
    }
    while (true) {
      ws();
      if (body.charCodeAt(pos) !== 123) {
        throw new ScanError('Prometheus returned a non-vector result where an instant vector was expected');
      }
      element();
      ws();
      const n = body.charCodeAt(pos++);
      if (n === 93) {
        return;
      }
      if (n !== 44) {
        fail('expected , or ]');
      }
    }
  };

  object((k) => {
    switch (k) {
      case 'status':
        out.status = str();
        break;
      case 'errorType':
        out.errorType = str();
        break;
      case 'error':
        out.error = str();
        break;
      case 'warnings':
        out.warnings = stringArray();
        break;
      case 'infos':
        out.infos = stringArray();
        break;
      case 'data':
        ws();
        if (body.charCodeAt(pos) !== 123) {
          skip();
          break;
        }
        object((dk) => {
          if (dk === 'resultType') {
            out.resultType = str();
          } else if (dk === 'result') {
            result();
          } else {
            skip();
          }
        });
        break;
      default:
        skip();
    }
  });
  ws();
  if (pos < len) {
    fail('trailing characters');
  }
  return out;
}
