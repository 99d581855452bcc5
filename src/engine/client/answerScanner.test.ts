import { AnswerSyntaxError, BATCH_CHARS, batchText, scanAnswer } from './answerScanner';

/** A small seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = [
  '',
  'a',
  'x"y',
  'back\\slash',
  '},"value":[',
  '{"metric":{',
  '"]}',
  '\\"',
  'ü🙂',
  '\u0000\u001f',
  '[',
  '{',
  'a_b c%',
  '\\',
];

function nasty(r: () => number): string {
  return NASTY[Math.floor(r() * NASTY.length)] + (r() < 0.5 ? String(Math.floor(r() * 100)) : '');
}

function value(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 2 ? 5 : 8));
  switch (k) {
    case 0:
      return nasty(r);
    case 1:
      return r() * 1000 - 10;
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return String(Math.round(r() * 1000) / 1000);
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [nasty(r), value(r, depth + 1)]));
  }
}

/** An element: mostly Prometheus' layout, sometimes anything. */
function element(r: () => number): unknown {
  const x = r();
  if (x < 0.6) {
    const metric = Object.fromEntries(Array.from({ length: Math.floor(r() * 6) }, () => [nasty(r), nasty(r)]));
    return { metric, value: [1700000000 + Math.floor(r() * 100) / 10, nasty(r)] };
  }
  if (x < 0.7) {
    return { value: [1, '2'], metric: { a: 'b' } };
  }
  if (x < 0.8) {
    return { metric: { a: 'b' }, histogram: [1, { count: '2', buckets: [[0, '1', '2', '3']] }] };
  }
  return value(r, 1);
}

function answerObject(r: () => number, n: number): Record<string, unknown> {
  const result = Array.from({ length: n }, () => element(r));
  const data: Record<string, unknown> = r() < 0.5 ? { resultType: 'vector', result } : { result, resultType: 'vector' };
  const env: Record<string, unknown> = r() < 0.7 ? { status: 'success', data } : { data, status: 'success' };
  if (r() < 0.3) {
    env.warnings = [nasty(r), nasty(r)];
  }
  return env;
}

/** Splits a text into 1–6 parts at random places (surrogate pairs may be split: parts are strings). */
function split(r: () => number, text: string): string[] {
  const cuts = Array.from({ length: Math.floor(r() * 6) }, () => Math.floor(r() * text.length)).sort((a, b) => a - b);
  const parts: string[] = [];
  let at = 0;
  for (const c of cuts) {
    parts.push(text.slice(at, c));
    at = c;
  }
  parts.push(text.slice(at));
  return parts;
}

/** What the reader makes of a text: the envelope and the elements, or the error it refuses it with. */
function read(parts: string[]): { envelope: unknown; elements: unknown[] } | { error: string } {
  try {
    const scanned = scanAnswer(parts);
    const envelope = JSON.parse(scanned.envelope);
    const elements: unknown[] = [];
    for (const b of scanned.batches ?? []) {
      elements.push(...(JSON.parse(batchText(parts, b)) as unknown[]));
    }
    return { envelope, elements };
  } catch (e) {
    if (e instanceof AnswerSyntaxError || e instanceof SyntaxError) {
      return { error: e.message };
    }
    throw e;
  }
}

function expected(text: string): { envelope: unknown; elements: unknown[] } {
  const env = JSON.parse(text);
  const data = env?.data;
  if (env && typeof env === 'object' && data && typeof data === 'object' && Array.isArray(data.result)) {
    const elements = data.result;
    return { envelope: { ...env, data: { ...data, result: [] } }, elements };
  }
  return { envelope: env, elements: [] };
}

describe('scanAnswer', () => {
  it("cuts Prometheus' own layout into batches of whole elements, and leaves the envelope", () => {
    const result = Array.from({ length: 3000 }, (_, i) => ({
      metric: { source_workload: `w${i}`, destination_workload: 'x"}{[' },
      value: [1700000000, String(i)],
    }));
    const text = JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, warnings: ['w'] });
    const scanned = scanAnswer([text]);
    expect(scanned.elements).toBe(3000);
    expect(scanned.batches!.length).toBeGreaterThan(2);
    expect(scanned.batches!.length).toBeLessThan(Math.ceil(text.length / BATCH_CHARS) + 2);
    expect(JSON.parse(scanned.envelope)).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [] },
      warnings: ['w'],
    });
    const elements = scanned.batches!.flatMap((b) => JSON.parse(batchText([text], b)));
    expect(elements).toEqual(result);
  });

  it('reads any JSON answer, in any number of parts, as JSON.parse does (2,000 random answers)', () => {
    const r = rng(7);
    for (let i = 0; i < 2000; i++) {
      const obj = answerObject(r, Math.floor(r() * 20));
      const text = r() < 0.2 ? JSON.stringify(obj, null, r() < 0.5 ? 2 : '\t') : JSON.stringify(obj);
      const got = read(split(r, text));
      expect(got).toEqual(expected(text));
    }
  });

  it('never takes a broken text for JSON: cut off or changed anywhere, it is refused or means what JSON.parse says', () => {
    const r = rng(11);
    let refused = 0;
    for (let i = 0; i < 2000; i++) {
      const text = JSON.stringify(answerObject(r, 1 + Math.floor(r() * 8)));
      const at = Math.floor(r() * text.length);
      const broken =
        r() < 0.4
          ? text.slice(0, at)
          : text.slice(0, at) + '{}[]",:x \\'[Math.floor(r() * 10)] + text.slice(at + (r() < 0.5 ? 1 : 0));
      const got = read(split(r, broken));
      let valid: ReturnType<typeof expected> | undefined;
      try {
        valid = expected(broken);
      } catch {
        valid = undefined;
      }
      if ('error' in got) {
        refused++;
        expect(valid).toBeUndefined();
      } else {
        expect(got).toEqual(valid);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('refuses an answer cut off inside its result list before reading any element', () => {
    const text = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: {}, value: [1, '1'] },
          { metric: {}, value: [1, '2'] },
        ],
      },
    });
    expect(() => scanAnswer([text.slice(0, text.length - 3)])).toThrow(/cut off/);
    expect(() => scanAnswer([text.slice(0, 60)])).toThrow(/cut off/);
  });

  it('refuses two result lists or two data members, where streaming and JSON.parse would disagree', () => {
    const el = '{"metric":{},"value":[1,"1"]}';
    expect(() => scanAnswer([`{"data":{"result":[${el}],"result":[${el}]}}`])).toThrow(/two data.result/);
    expect(() => scanAnswer([`{"data":{"result":[]},"data":{"result":[${el}]}}`])).toThrow(/two "data"/);
  });

  it('refuses a large answer without a result list instead of parsing it whole', () => {
    const big = JSON.stringify({ status: 'success', data: { resultType: 'vector', results: ['x'.repeat(17e6)] } });
    expect(() => scanAnswer([big])).toThrow(/no data.result list/);
  });
});
