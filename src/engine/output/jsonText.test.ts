import { jsonWriter, keptJson } from './jsonText';

describe('JSON text of frame values', () => {
  it('is JSON.stringify of the object, written once per object', () => {
    const rates = { total: 0.1 + 0.2, http5xx: 1 / 3 };
    const text = keptJson(rates);
    expect(text).toBe(JSON.stringify(rates));
    expect(keptJson(rates)).toBe(text);
    expect(keptJson({ ...rates })).toBe(text);
  });

  it('is kept for rolled-up views only: a flat graph’s text is written each time', () => {
    const responses = { '200': { rate: 1, flags: { '-': 1 }, hosts: {} } };
    expect(jsonWriter(true)).toBe(keptJson);
    expect(jsonWriter(false)(responses)).toBe(JSON.stringify(responses));
  });
});
