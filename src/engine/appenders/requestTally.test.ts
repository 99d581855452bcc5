import { DirectionView, RequestTally, isArrayIndex } from './requestTally';

describe('isArrayIndex', () => {
  it('accepts canonical indices only', () => {
    for (const s of ['0', '1', '14', '200', '503', '4294967294']) {
      expect(isArrayIndex(s)).toBe(true);
    }
    for (const s of ['', '-', '01', '007', '-1', '1.5', '4294967295', '9999999999', '42949672940', 'UF', '2xx']) {
      expect(isArrayIndex(s)).toBe(false);
    }
  });
});

describe('RequestTally', () => {
  /** What the plain incremental accumulation gives: the reference the tally must reproduce. */
  function plain(adds: Array<[string, string, number]>): Record<string, Record<string, number>> {
    const requests: Record<string, Record<string, number>> = {};
    for (const [protocol, code, rate] of adds) {
      const codes = (requests[protocol] ??= {});
      codes[code] = (codes[code] ?? 0) + rate;
    }
    return requests;
  }

  it('builds the same records, key order included, as adding into plain objects', () => {
    const protocols = ['http', 'grpc', '7', '0'];
    const codes = ['503', '-', '200', '0', 'UNAVAILABLE', '14', '01', '4294967295', '404', '2'];
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const adds: Array<[string, string, number]> = [];
      for (let i = next(12); i > 0; i--) {
        adds.push([protocols[next(protocols.length)], codes[next(codes.length)], (next(1000) + 1) / 7]);
      }
      const tally = new RequestTally(2);
      for (const [p, c, r] of adds) {
        tally.add(1, p, c, r);
      }
      const view = new DirectionView();
      const got = tally.load(1, view);
      const want = plain(adds);
      expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      // The view walks protocols and codes in the records' own enumeration order, with their sums.
      expect(view.protocols.slice(0, view.count)).toEqual(Object.keys(want));
      for (let i = 0; i < view.count; i++) {
        const s = view.slots[i];
        const record = want[view.protocols[i]];
        expect(view.codes[s].slice(0, view.sizes[s])).toEqual(Object.keys(record));
        expect(view.subtotals[s]).toBe(Object.values(record).reduce((a, b) => a + b, 0));
      }
      // The other list stays empty.
      expect(tally.load(0, view)).toEqual({});
      expect(view.count).toBe(0);
    }
  });

  it('sorts protocols as Array.prototype.sort does', () => {
    const tally = new RequestTally(1);
    for (const p of ['http', 'grpc', 'Http', '10', '9']) {
      tally.add(0, p, '200', 1);
    }
    const view = new DirectionView();
    tally.load(0, view);
    const order = view.sortedProtocols().map((i) => view.protocols[i]);
    expect(order).toEqual(['http', 'grpc', 'Http', '10', '9'].sort());
  });
});
