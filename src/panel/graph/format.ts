/**
 * Number formatting with Kiali's rules (Cytoscape-era GraphStyles): rates with up to 2 decimals and trailing zeros
 * trimmed, error rates with 1 decimal below 1 % and none above, bytes below 1024 as bps else kps, durations in ms
 * below 1 s else seconds with up to 2 decimals.
 */

/** Drop trailing zeros after a decimal point ("12.50" → "12.5", "3.00" → "3"). */
export function trimFixed(fixed: string): string {
  if (!fixed.includes('.')) {
    return fixed;
  }
  let s = fixed;
  while (s.endsWith('0')) {
    s = s.slice(0, -1);
  }
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

function safe(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

export function formatRequestRate(num: number, includeUnits: boolean, unit = 'rps'): string {
  const rate = trimFixed(safe(num).toFixed(2));
  return includeUnits ? `${rate} ${unit}` : rate;
}

export function formatErrRate(num: number): string {
  const n = safe(num);
  return `${trimFixed(n.toFixed(n < 1 ? 1 : 0))}% err`;
}

export function formatByteRate(num: number, includeUnits: boolean): string {
  const n = safe(num);
  if (n < 1024) {
    const rate = n < 1 ? trimFixed(n.toFixed(2)) : n.toFixed(0);
    return includeUnits ? `${rate} bps` : rate;
  }
  const rate = trimFixed((n / 1024).toFixed(2));
  return includeUnits ? `${rate} kps` : rate;
}

export function formatPercent(num: number): string {
  return `${trimFixed(safe(num).toFixed(1))}%`;
}

export function formatDuration(ms: number): string {
  const n = safe(ms);
  if (n < 1000) {
    return `${n.toFixed(0)}ms`;
  }
  return `${trimFixed((n / 1000).toFixed(2))}s`;
}
