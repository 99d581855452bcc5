/**
 * Time maths of a Meshgraph query: the instant the graph is evaluated at, its rate window, and the interval
 * variables Grafana only computes for its own Prometheus datasource ($__range*, $__rate_interval).
 * Pure: no Grafana services.
 */
import type { Notice } from '../engine/model';

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/**
 * Parses a Prometheus duration ("90s", "1h30m", "500ms") or a bare number of seconds.
 * Returns seconds, or undefined when the text is not a positive duration.
 */
export function parseDurationSeconds(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    return n > 0 ? n : undefined;
  }
  const part = /(\d+)(ms|s|m|h|d|w|y)/y;
  let total = 0;
  let pos = 0;
  while (pos < trimmed.length) {
    part.lastIndex = pos;
    const m = part.exec(trimmed);
    if (!m) {
      return undefined;
    }
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    pos = part.lastIndex;
  }
  return total > 0 ? total : undefined;
}

/** Seconds as the shortest exact Prometheus duration ("90s" → "1m30s"). */
export function formatDuration(seconds: number): string {
  let rest = Math.round(seconds);
  if (rest <= 0) {
    return '0s';
  }
  let out = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

/** Grafana's Prometheus definition: max($__interval + scrape interval, 4 × scrape interval), in seconds. */
export function rateIntervalSeconds(intervalMs: number, scrapeIntervalS: number): number {
  const intervalS = Math.max(0, intervalMs) / 1000;
  return Math.max(intervalS + scrapeIntervalS, 4 * scrapeIntervalS);
}

export interface TimeWindowInput {
  fromMs: number;
  toMs: number;
  /** Explicit window in seconds; undefined = the whole time range. */
  durationS?: number;
  scrapeIntervalS: number;
}

export interface TimeWindow {
  /** Evaluation instant, unix seconds (the end of the range). */
  queryTime: number;
  /** Rate window, whole seconds. */
  duration: number;
  notices: Notice[];
}

/**
 * The graph is one instant query at the end of the range over a window of the range's length (or an explicit
 * duration), clamped to at least twice the scrape interval: shorter windows hold fewer than two samples and
 * every rate comes out empty.
 */
export function computeTimeWindow(input: TimeWindowInput): TimeWindow {
  const notices: Notice[] = [];
  const queryTime = Math.floor(input.toMs / 1000);
  const requested = input.durationS ?? (input.toMs - input.fromMs) / 1000;
  const minimum = Math.ceil(2 * input.scrapeIntervalS);
  let duration = Math.round(requested);
  if (!(duration >= minimum)) {
    notices.push({
      severity: 'info',
      text:
        `The graph window (${formatDuration(Math.max(0, duration))}) is shorter than twice the scrape interval ` +
        `(${formatDuration(input.scrapeIntervalS)}); using ${formatDuration(minimum)} so rates can be computed.`,
    });
    duration = minimum;
  }
  return { queryTime, duration, notices };
}

/**
 * The interval variables Grafana's Prometheus datasource computes itself, as scopedVars entries,
 * so "$__range" or "$__rate_interval" can be used in the duration field.
 */
export function intervalScopedVars(
  fromMs: number,
  toMs: number,
  intervalMs: number,
  scrapeIntervalS: number
): Record<string, { text: string; value: string | number }> {
  const rangeMs = Math.max(0, Math.round(toMs - fromMs));
  const rangeS = Math.round(rangeMs / 1000);
  const rate = `${Math.round(rateIntervalSeconds(intervalMs, scrapeIntervalS))}s`;
  return {
    __range_ms: { text: String(rangeMs), value: rangeMs },
    __range_s: { text: String(rangeS), value: rangeS },
    __range: { text: `${rangeS}s`, value: `${rangeS}s` },
    __rate_interval: { text: rate, value: rate },
  };
}
