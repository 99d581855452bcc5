/** Kiali's number formatting (§7.5): rates ≥ 2 decimals, percentages ≥ 1, more (up to 5) to show a digit. */
function requiredPrecision(v: number, max: number): number {
  let p = 0;
  let x = Math.abs(v);
  if (!(x > 0)) {
    return 0;
  }
  while (p < max && x < 1) {
    x *= 10;
    p++;
  }
  return p;
}

export function rateToString(minPrecision: number, v: number): string {
  return v.toFixed(Math.max(minPrecision, requiredPrecision(v, 5)));
}

export const formatRate = (v: number) => rateToString(2, v);
export const formatPercent = (v: number) => rateToString(1, v);
/** `%.0f` for isMTLS, responseTime, throughput. */
export const formatInt = (v: number) => v.toFixed(0);
