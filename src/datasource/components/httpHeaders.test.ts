import { headerRows, withHeaderRows } from './httpHeaders';

const saved = (names: Record<number, string>, configured: number[] = Object.keys(names).map(Number)) => ({
  jsonData: Object.fromEntries(Object.entries(names).map(([i, n]) => [`httpHeaderName${i}`, n])) as Record<
    string,
    string
  >,
  secureJsonFields: Object.fromEntries(configured.map((i) => [`httpHeaderValue${i}`, true])) as Record<string, boolean>,
  secureJsonData: {} as Record<string, string>,
});
const row = (name: string, configured = true, value = '') => ({ name, configured, value });

describe('custom headers', () => {
  it('lists headers in the order of their numbers (10 after 9)', () => {
    expect(headerRows(saved({ 10: 'J', 2: 'B', 9: 'I' })).map((h) => h.name)).toEqual(['B', 'I', 'J']);
    expect(headerRows(saved({ 1: 'A', 2: 'B' }, [2]))).toEqual([
      { name: 'A', configured: false },
      { name: 'B', configured: true },
    ]);
  });

  it('keeps the numbers when a saved header is renamed', () => {
    const next = withHeaderRows(saved({ 1: 'A', 2: 'B' }), [row('A'), row('B2')]);
    expect(next.jsonData).toEqual({ httpHeaderName1: 'A', httpHeaderName2: 'B2' });
    expect(next.secureJsonData).toEqual({});
    expect(next.secureJsonFields).toEqual({ httpHeaderValue1: true, httpHeaderValue2: true });
  });

  it('keeps the numbers of the others, and clears the stored value, when one is deleted', () => {
    const next = withHeaderRows(saved({ 1: 'A', 2: 'B', 3: 'C' }), [row('A'), row('C')]);
    expect(next.jsonData).toEqual({ httpHeaderName1: 'A', httpHeaderName3: 'C' });
    expect(next.secureJsonData).toEqual({ httpHeaderValue2: '' });
    expect(next.secureJsonFields).toEqual({ httpHeaderValue1: true, httpHeaderValue3: true });
  });

  it('gives a new header a free number, even with a deletion in the same change', () => {
    const next = withHeaderRows(saved({ 1: 'A', 2: 'B' }), [row('B'), row('N', false, 'v')]);
    expect(next.jsonData).toEqual({ httpHeaderName2: 'B', httpHeaderName1: 'N' });
    // A's stored value is overwritten by N's.
    expect(next.secureJsonData).toEqual({ httpHeaderValue1: 'v' });
    expect(next.secureJsonFields).toEqual({ httpHeaderValue1: false, httpHeaderValue2: true });
  });

  it('writes the new value of a reset header', () => {
    const next = withHeaderRows(saved({ 1: 'A', 2: 'B' }), [row('A', false, 'new'), row('B')]);
    expect(next.jsonData).toEqual({ httpHeaderName1: 'A', httpHeaderName2: 'B' });
    expect(next.secureJsonData).toEqual({ httpHeaderValue1: 'new' });
    expect(next.secureJsonFields).toEqual({ httpHeaderValue1: false, httpHeaderValue2: true });
  });

  it('keeps other settings and drops pending values of removed new headers', () => {
    const start = saved({ 1: 'A', 2: 'N' }, [1]);
    (start.jsonData as Record<string, unknown>).timeoutSeconds = 5;
    start.secureJsonData = { httpHeaderValue2: 'pending', basicAuthPassword: 'p' };
    const next = withHeaderRows(start, [row('A')]);
    expect(next.jsonData).toEqual({ httpHeaderName1: 'A', timeoutSeconds: 5 });
    expect(next.secureJsonData).toEqual({ basicAuthPassword: 'p' });
  });
});
