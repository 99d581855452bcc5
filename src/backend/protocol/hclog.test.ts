/** @jest-environment node */
import { createLogger, hclogLine, levelFromEnv, timestamp } from './hclog';

describe('hclog lines', () => {
  it("writes the timestamp in Go's 2006-01-02T15:04:05.000000Z07:00 layout, which go-plugin requires", () => {
    expect(timestamp(new Date(Date.UTC(2026, 11, 5, 16, 33, 5, 42)))).toBe('2026-12-05T16:33:05.042000Z');
  });
  it('keeps level, message and fields as JSON strings and numbers, and never lets a field replace them', () => {
    const line = JSON.parse(hclogLine('warn', 'Query failed', { refId: 'A', ms: 12, '@level': 'error' }));
    expect(line['@level']).toBe('warn');
    expect(line['@message']).toBe('Query failed');
    expect(line).toMatchObject({ refId: 'A', ms: 12 });
  });
  it('drops lines below the level Grafana asks for, and survives a closed stream', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), levelFromEnv({ GF_PLUGIN_LOGLEVEL: 'warn' }));
    log.info('hidden');
    log.error('shown');
    expect(lines.map((l) => JSON.parse(l)['@message'])).toEqual(['shown']);
    const broken = createLogger(() => {
      throw new Error('EPIPE');
    });
    expect(() => broken.error('x')).not.toThrow();
  });
});
