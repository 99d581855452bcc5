/**
 * Edge label text with Kiali's rules (model §10.5). Several modes can be on at once; parts are joined by newlines.
 * Units show when more than one label mode is on or the edge is selected (verbose). Labels are plain text.
 */
import type { EdgeData } from './flatten';
import { ICON } from './iconFont';
import { formatByteRate, formatDuration, formatErrRate, formatPercent, formatRequestRate } from './format';

export type EdgeLabelMode = 'trafficRate' | 'trafficDistribution' | 'responseTime' | 'throughput' | 'mtls';

export const EDGE_LABEL_MODES: Array<{ value: EdgeLabelMode; label: string; description: string }> = [
  { value: 'trafficRate', label: 'Traffic rate', description: 'Requests per second (error % when any), TCP bytes/s' },
  { value: 'trafficDistribution', label: 'Traffic distribution', description: 'Share of the source’s requests' },
  { value: 'responseTime', label: 'Response time', description: 'As delivered by the datasource (avg or a quantile)' },
  { value: 'throughput', label: 'Throughput', description: 'Request or response bytes per second' },
  { value: 'mtls', label: 'mTLS lock', description: 'A lock on edges with mutual TLS traffic' },
];

/** Icons prefixed to labels: characters of the panel's icon font, so labels stay text. */
export const MTLS_GLYPH = ICON.lock;
export const CIRCUIT_BREAKER_GLYPH = ICON.circuitBreaker;

export interface EdgeLabelContext {
  modes: readonly EdgeLabelMode[];
  /** Selected edge: units always, protocol first. */
  verbose?: boolean;
  /** Whether the target node has a circuit breaker (Kiali's hasCB). */
  targetHasCB?: boolean;
  /** The edge's responses by code, read for their flags (the circuit-breaker glyph). */
  responses?: Readonly<Record<string, { flags?: Readonly<Record<string, number>> } | undefined>>;
}

/** How many modes produce a number (the mTLS lock does not count, as Kiali's numLabels). */
function numLabels(modes: readonly EdgeLabelMode[]): number {
  // Counted without a filtered copy: every edge is labelled twice at each refresh.
  let n = 0;
  for (let i = 0; i < modes.length; i++) {
    if (modes[i] !== 'mtls') {
      n++;
    }
  }
  return n;
}

/** `label` with `part` on a line of its own below it. */
function addLine(label: string, part: string | undefined): string {
  return !part ? label : label ? `${label}\n${part}` : part;
}

function trafficRateLabel(d: EdgeData, includeUnits: boolean): string | undefined {
  let rate = 0;
  let pErr = 0;
  if (d.http > 0) {
    rate = d.http;
    pErr = d.httpPercentErr > 0 ? d.httpPercentErr : 0;
  } else if (d.grpc > 0) {
    rate = d.grpc;
    pErr = d.grpcPercentErr > 0 ? d.grpcPercentErr : 0;
  } else if (d.tcp > 0) {
    rate = d.tcp;
  }
  if (!(rate > 0)) {
    return undefined;
  }
  if (pErr > 0) {
    return `${formatRequestRate(rate, includeUnits)}\n${formatErrRate(pErr)}`;
  }
  return d.protocol === 'tcp' ? formatByteRate(rate, includeUnits) : formatRequestRate(rate, includeUnits);
}

/** Label for a Meshgraph edge, or for another source's edge (its mainstat/secondarystat). */
export function edgeLabel(d: EdgeData, ctx: EdgeLabelContext): string {
  const { modes } = ctx;
  const verbose = !!ctx.verbose;
  if (!d.protocol) {
    // Node Graph edges of other sources: show their stats whenever labels are on.
    if (numLabels(modes) === 0 && !verbose) {
      return '';
    }
    return [d.mainstat, d.secondarystat].filter((s) => s).join('\n');
  }
  const includeUnits = verbose || numLabels(modes) > 1;
  let label = '';
  if (modes.includes('trafficRate')) {
    label = addLine(label, trafficRateLabel(d, includeUnits));
  }
  if (modes.includes('responseTime')) {
    const rt = Math.round(d.responseTime);
    if (rt > 0) {
      label = addLine(label, formatDuration(rt));
    }
  }
  if (modes.includes('throughput')) {
    if (d.throughput > 0) {
      label = addLine(label, formatByteRate(d.throughput, includeUnits));
    }
  }
  if (modes.includes('trafficDistribution')) {
    const pReq = d.httpPercentReq > 0 ? d.httpPercentReq : d.grpcPercentReq > 0 ? d.grpcPercentReq : 0;
    if (pReq > 0 && pReq < 100) {
      label = addLine(label, formatPercent(pReq));
    }
  }
  if (verbose) {
    label = label ? `${d.protocol}\n${label}` : d.protocol;
  }
  let lock = false;
  if (modes.includes('mtls') && d.hasTraffic && d.isMTLS > 0) {
    lock = true;
    label = label ? `${MTLS_GLYPH}\n${label}` : MTLS_GLYPH;
  }
  if (d.hasTraffic && ctx.targetHasCB && ctx.responses) {
    const tripped = Object.values(ctx.responses).some((r) => r?.flags && (r.flags.UO || r.flags.UH));
    if (tripped) {
      label = lock
        ? `${CIRCUIT_BREAKER_GLYPH} ${label}`
        : label
          ? `${CIRCUIT_BREAKER_GLYPH}\n${label}`
          : CIRCUIT_BREAKER_GLYPH;
    }
  }
  return label;
}
