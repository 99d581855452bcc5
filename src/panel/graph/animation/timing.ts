/**
 * Traffic animation formulas (Kiali's AnimationTimerConfig / TrafficRenderer, model §10.6).
 * Emission delay = 1000 × baseDelay × scaleFactor / rate ms, clamped to [40, 5000]; baseDelay 1 for requests
 * (1 rps → 1 dot/s), 20 for TCP bytes. The scale factor is calibrated per graph from the largest rate: the threshold
 * starts at 50 and becomes 2 × rate whenever a rate exceeds it; factor = threshold / 50, raised to 0.95 above a
 * threshold of 1,000 and to 0.9 above 100,000. Speed from response time: 0.1 + (1 − clamp(rt, 0, 10000)/10000) × 1.9
 * edge lengths per second (2.0 when unknown); TCP dots move at 1.
 */
export const MIN_DELAY_MS = 40;
export const MAX_DELAY_MS = 5000;
export const INITIAL_THRESHOLD = 50;
export const REQUEST_BASE_DELAY = 1;
export const TCP_BASE_DELAY = 20;

export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Threshold after seeing all rates of a graph (calibration). */
export function calibrateThreshold(rates: Iterable<number>): number {
  let threshold = INITIAL_THRESHOLD;
  for (const r of rates) {
    if (Number.isFinite(r) && r > threshold) {
      threshold = 2 * r;
    }
  }
  return threshold;
}

export function scaleFactor(threshold: number): number {
  const ratio = threshold / INITIAL_THRESHOLD;
  if (threshold > 100000) {
    return Math.pow(ratio, 0.9);
  }
  if (threshold > 1000) {
    return Math.pow(ratio, 0.95);
  }
  return ratio;
}

/** Milliseconds between two dots on an edge; undefined for an edge without traffic (no dots). */
export function emissionDelayMs(rate: number, baseDelay: number, factor: number): number | undefined {
  if (!Number.isFinite(rate) || rate <= 0) {
    return undefined;
  }
  return clamp((1000 * baseDelay * factor) / rate, MIN_DELAY_MS, MAX_DELAY_MS);
}

/** Dot speed in edge lengths per second. */
export function speedFromResponseTime(rt: number | undefined): number {
  if (rt === undefined || !Number.isFinite(rt)) {
    return 2.0;
  }
  return 0.1 + (1 - clamp(rt, 0, 10000) / 10000) * 1.9;
}

export const TCP_SPEED = 1;

export type DotKind = 'request' | 'error' | 'tcp';

/** An error dot with probability percentErr / 100 (`random` in [0, 1)). */
export function dotKind(protocol: string, percentErr: number, random: number): DotKind {
  if (protocol === 'tcp') {
    return 'tcp';
  }
  const p = Number.isFinite(percentErr) ? clamp(percentErr, 0, 100) / 100 : 0;
  return random < p ? 'error' : 'request';
}
