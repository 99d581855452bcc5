import { newCodeRecord } from './codeRecord';

describe('newCodeRecord', () => {
  it('behaves exactly like {} for response-code keys: same keys, order, JSON and prototype', () => {
    const codes = ['-', '503', 'UNAVAILABLE', '200', '0', '14'];
    const plain: Record<string, number> = {};
    const record = newCodeRecord<number>();
    codes.forEach((c, i) => {
      plain[c] = i;
      record[c] = i;
    });
    // Index-like keys ascending first, then the others in insertion order, as for any object.
    expect(Object.keys(record)).toEqual(['0', '14', '200', '503', '-', 'UNAVAILABLE']);
    expect(Object.keys(record)).toEqual(Object.keys(plain));
    expect(JSON.stringify(record)).toBe(JSON.stringify(plain));
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(record).toStrictEqual(plain);
  });

  it('starts empty and leaves no trace of the far index', () => {
    const record = newCodeRecord<number>();
    expect(Object.keys(record)).toEqual([]);
    expect(JSON.stringify(record)).toBe('{}');
    expect('4294967294' in record).toBe(false);
  });
});
