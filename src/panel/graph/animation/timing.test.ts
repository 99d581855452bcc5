import { calibrateThreshold, dotKind, emissionDelayMs, scaleFactor, speedFromResponseTime } from './timing';

describe('animation timing (Kiali formulas)', () => {
  it('calibrates the threshold from the largest rate', () => {
    expect(calibrateThreshold([1, 10, 49])).toBe(50);
    expect(calibrateThreshold([10, 60, 30])).toBe(120);
    expect(calibrateThreshold([NaN, Infinity])).toBe(50);
  });

  it('scale factor: linear, then power 0.95 above 1,000 and 0.9 above 100,000', () => {
    expect(scaleFactor(50)).toBe(1);
    expect(scaleFactor(500)).toBe(10);
    expect(scaleFactor(5000)).toBeCloseTo(Math.pow(100, 0.95), 10);
    expect(scaleFactor(500000)).toBeCloseTo(Math.pow(10000, 0.9), 10);
  });

  it('emission delay is 1000 × base × factor / rate, clamped to [40, 5000] ms', () => {
    expect(emissionDelayMs(1, 1, 1)).toBe(1000);
    expect(emissionDelayMs(4, 1, 1)).toBe(250);
    expect(emissionDelayMs(100, 1, 1)).toBe(40); // 10 ms → clamped
    expect(emissionDelayMs(0.1, 1, 1)).toBe(5000); // 10 s → clamped
    expect(emissionDelayMs(40, 20, 1)).toBe(500); // TCP: 20 bytes/s per dot
    expect(emissionDelayMs(0, 1, 1)).toBeUndefined();
    expect(emissionDelayMs(NaN, 1, 1)).toBeUndefined();
  });

  it('speed from response time', () => {
    expect(speedFromResponseTime(0)).toBeCloseTo(2.0);
    expect(speedFromResponseTime(5000)).toBeCloseTo(1.05);
    expect(speedFromResponseTime(10000)).toBeCloseTo(0.1);
    expect(speedFromResponseTime(50000)).toBeCloseTo(0.1);
    expect(speedFromResponseTime(undefined)).toBe(2.0);
    expect(speedFromResponseTime(NaN)).toBe(2.0);
  });

  it('error dots with probability percentErr / 100, TCP dots for TCP', () => {
    expect(dotKind('http', 25, 0.2)).toBe('error');
    expect(dotKind('http', 25, 0.3)).toBe('request');
    expect(dotKind('grpc', 0, 0)).toBe('request');
    expect(dotKind('tcp', 100, 0)).toBe('tcp');
    expect(dotKind('http', NaN, 0)).toBe('request');
  });
});
