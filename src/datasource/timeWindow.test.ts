import {
  computeTimeWindow,
  formatDuration,
  intervalScopedVars,
  parseDurationSeconds,
  rateIntervalSeconds,
} from './timeWindow';

describe('parseDurationSeconds', () => {
  it.each([
    ['15s', 15],
    ['10m', 600],
    ['1h30m', 5400],
    ['500ms', 0.5],
    ['2d', 172800],
    ['1w', 604800],
    ['90', 90],
    [' 5m ', 300],
  ])('%j = %d s', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
  });

  it.each(['', 'abc', '5x', '-5m', '0s', '10m foo', '1.5m', 'm'])('rejects %j', (text) => {
    expect(parseDurationSeconds(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('writes the shortest exact duration', () => {
    expect(formatDuration(90)).toBe('1m30s');
    expect(formatDuration(3600)).toBe('1h');
    expect(formatDuration(86400 + 60)).toBe('1d1m');
    expect(formatDuration(0)).toBe('0s');
  });
});

describe('rateIntervalSeconds', () => {
  it('is 4 × scrape interval when the panel interval is short', () => {
    // interval 1s + 15s = 16s < 60s.
    expect(rateIntervalSeconds(1000, 15)).toBe(60);
  });
  it('is interval + scrape interval when the panel interval is long', () => {
    // 120s + 15s = 135s > 60s.
    expect(rateIntervalSeconds(120_000, 15)).toBe(135);
  });
});

describe('computeTimeWindow', () => {
  const to = Date.UTC(2026, 10, 21, 12, 0, 0, 750);

  it('queries at the end of the range, over the whole range', () => {
    const w = computeTimeWindow({ fromMs: to - 3_600_000, toMs: to, scrapeIntervalS: 15 });
    expect(w.queryTime).toBe(Math.floor(to / 1000));
    expect(w.duration).toBe(3600);
    expect(w.notices).toEqual([]);
  });

  it('uses an explicit duration instead of the range', () => {
    const w = computeTimeWindow({ fromMs: to - 3_600_000, toMs: to, durationS: 600, scrapeIntervalS: 15 });
    expect(w.duration).toBe(600);
  });

  it('clamps a window shorter than twice the scrape interval, with a notice', () => {
    const w = computeTimeWindow({ fromMs: to - 10_000, toMs: to, scrapeIntervalS: 15 });
    expect(w.duration).toBe(30);
    expect(w.notices).toHaveLength(1);
    expect(w.notices[0].text).toContain('30s');
  });

  it('keeps a window of exactly twice the scrape interval', () => {
    const w = computeTimeWindow({ fromMs: to - 60_000, toMs: to, scrapeIntervalS: 30 });
    expect(w.duration).toBe(60);
    expect(w.notices).toEqual([]);
  });
});

describe('intervalScopedVars', () => {
  it('computes $__range, $__range_s, $__range_ms and $__rate_interval', () => {
    const vars = intervalScopedVars(0, 6 * 3600 * 1000, 30_000, 15);
    expect(vars.__range.value).toBe('21600s');
    expect(vars.__range_s.value).toBe(21600);
    expect(vars.__range_ms.value).toBe(21_600_000);
    // max(30s + 15s, 60s) = 60s.
    expect(vars.__rate_interval.value).toBe('60s');
  });
});
