/**
 * Kiali's rate-health tolerances: defaults, pattern compilation, the threshold rule, the `health.kiali.io/rate`
 * annotation format and validation for editors. Pure functions; the graph-walking part lives in health.ts.
 */
import type { HealthStatus, HealthTolerance } from '../model';

/** Kiali's defaults (`config.AddHealthDefault`): percent of requests; degraded 0 = any error degrades. */
export const DEFAULT_TOLERANCES: HealthTolerance[] = [
  { code: '5XX', protocol: 'http', direction: '.*', degraded: 0, failure: 10 },
  { code: '4XX', protocol: 'http', direction: '.*', degraded: 10, failure: 20 },
  { code: '^[1-9]$|^1[0-6]$', protocol: 'grpc', direction: '.*', degraded: 0, failure: 10 },
  { code: '^-$', protocol: 'http|grpc', direction: '.*', degraded: 0, failure: 10 },
];

/** Kiali's priority (`models.HealthStatusPriority`): higher is worse. */
const PRIORITY: Record<HealthStatus, number> = { Failure: 4, Degraded: 3, 'Not Ready': 2, Healthy: 1, NA: 0 };

export function healthPriority(status: HealthStatus): number {
  return PRIORITY[status] ?? 0;
}

/** The worse of two statuses (Kiali's MergeHealthStatus). */
export function worseStatus(a: HealthStatus, b: HealthStatus): HealthStatus {
  return healthPriority(b) > healthPriority(a) ? b : a;
}

export interface CompiledTolerance {
  code: RegExp;
  protocol: RegExp;
  direction: RegExp;
  degraded: number;
  failure: number;
}

/**
 * Anchors a pattern as `^(?:pattern)$`. Kiali prepends `^`/appends `$` only when missing, so `http|grpc` becomes
 * `^http|grpc$` there (anchors bind to the alternatives only). The two differ only for patterns with top-level
 * alternation, which is harmless for the real protocol/direction values (http, grpc, tcp, inbound, outbound).
 * An empty pattern means "anything", as in Kiali.
 */
export function anchorPattern(pattern: string): string {
  return `^(?:${pattern === '' ? '.*' : pattern})$`;
}

/** In a code pattern X/x stands for one digit (`5XX` → `5\d\d`), exactly as Kiali rewrites it. */
export function codePatternSource(code: string): string {
  return anchorPattern(code.replace(/[Xx]/g, '\\d'));
}

function tryRegExp(source: string): RegExp | string {
  try {
    return new RegExp(source);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function describe(t: HealthTolerance, index: number): string {
  return `tolerance ${index + 1} (code "${t.code}", protocol "${t.protocol}", direction "${t.direction}")`;
}

/** Problems of one tolerance, each a sentence; empty when usable. */
function toleranceProblems(t: HealthTolerance, where: string): string[] {
  const problems: string[] = [];
  if (typeof t.code !== 'string' || t.code.trim() === '') {
    problems.push(`${where}: code is empty (it would count every response as an error)`);
  } else {
    const re = tryRegExp(codePatternSource(t.code));
    if (typeof re === 'string') {
      problems.push(`${where}: code is not a valid regular expression: ${re}`);
    }
  }
  for (const field of ['protocol', 'direction'] as const) {
    const value = t[field];
    if (typeof value !== 'string') {
      problems.push(`${where}: ${field} must be text`);
      continue;
    }
    const re = tryRegExp(anchorPattern(value));
    if (typeof re === 'string') {
      problems.push(`${where}: ${field} is not a valid regular expression: ${re}`);
    }
  }
  for (const field of ['degraded', 'failure'] as const) {
    const value = t[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${where}: ${field} must be a number`);
    } else if (value < 0) {
      problems.push(`${where}: ${field} is negative (${value}); thresholds are percentages from 0 to 100`);
    }
  }
  if (Number.isFinite(t.degraded) && Number.isFinite(t.failure) && t.degraded > t.failure) {
    problems.push(`${where}: degraded (${t.degraded}) is greater than failure (${t.failure})`);
  }
  return problems;
}

/** Human-readable problems of a tolerance list (bad regex, degraded > failure, negative numbers); empty = valid. */
export function validateTolerances(list: HealthTolerance[]): string[] {
  if (!Array.isArray(list)) {
    return ['tolerances must be a list'];
  }
  return list.flatMap((t, i) =>
    t && typeof t === 'object' ? toleranceProblems(t, describe(t, i)) : [`tolerance ${i + 1}: not an object`]
  );
}

export interface CompiledTolerances {
  tolerances: CompiledTolerance[];
  /** One sentence per tolerance left out. */
  problems: string[];
}

/** Compiles the usable tolerances and reports the rest (Kiali falls back to `.*` for a bad regex; we skip it). */
export function compileTolerances(list: HealthTolerance[]): CompiledTolerances {
  const tolerances: CompiledTolerance[] = [];
  const problems: string[] = [];
  (Array.isArray(list) ? list : []).forEach((t, i) => {
    const found =
      t && typeof t === 'object' ? toleranceProblems(t, describe(t, i)) : [`tolerance ${i + 1}: not an object`];
    if (found.length > 0) {
      problems.push(...found);
      return;
    }
    tolerances.push({
      code: new RegExp(codePatternSource(t.code)),
      protocol: new RegExp(anchorPattern(t.protocol)),
      direction: new RegExp(anchorPattern(t.direction)),
      degraded: t.degraded,
      failure: t.failure,
    });
  });
  return { tolerances, problems };
}

/**
 * Kiali's `applyThresholds` (the frontend's ascendingThresholdCheck): no errors → Healthy; failure 0 means "unset";
 * degraded 0 means any error degrades.
 */
export function thresholdStatus(errorRatio: number, degraded: number, failure: number): HealthStatus {
  if (!(errorRatio > 0)) {
    return 'Healthy';
  }
  if (failure > 0 && errorRatio >= failure) {
    return 'Failure';
  }
  if (errorRatio >= degraded) {
    return 'Degraded';
  }
  return 'Healthy';
}

/** Kiali's fallback when no tolerance is configured at all: 4xx+5xx share ≥ 10 % → Failure, ≥ 0.1 % → Degraded. */
export function fallbackStatus(errorRatio: number): HealthStatus {
  if (errorRatio >= 10) {
    return 'Failure';
  }
  if (errorRatio >= 0.1) {
    return 'Degraded';
  }
  return 'Healthy';
}

/**
 * Codes that count as errors in the fallback: three-digit 4xx/5xx. (Kiali's GetErrorRatio tests the first character,
 * so it also counts a bare gRPC status "4" or "5"; we keep to HTTP codes, as the rule is documented.)
 */
export function isFallbackErrorCode(code: string): boolean {
  return /^[45]\d\d$/.test(code);
}

export class HealthAnnotationError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid health.kiali.io/rate annotation: ${problems.join('; ')}`);
    this.name = 'HealthAnnotationError';
    this.problems = problems;
  }
}

/** Strict decimal number (Go's ParseFloat accepts a little more; editors want plain numbers). */
function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    return undefined;
  }
  return Number(trimmed);
}

/**
 * Parses Kiali's `health.kiali.io/rate` annotation, "code,degraded,failure,protocol,direction;…"
 * (e.g. `4xx,10,20,http,inbound;5xx,5,10,http,inbound`). Empty text gives an empty list.
 * Kiali logs and skips a bad entry; an editor wants to know, so every bad entry is reported at once in a
 * HealthAnnotationError (wrong field count, a threshold that is not a number, degraded > failure, a bad regex).
 */
export function parseHealthAnnotation(text: string): HealthTolerance[] {
  const tolerances: HealthTolerance[] = [];
  const problems: string[] = [];
  const entries = (text ?? '').split(';');
  entries.forEach((raw, i) => {
    const entry = raw.trim();
    if (entry === '') {
      return;
    }
    const where = `entry ${i + 1} "${entry}"`;
    const fields = entry.split(',').map((f) => f.trim());
    if (fields.length !== 5) {
      problems.push(
        `${where}: expected 5 comma-separated fields (code,degraded,failure,protocol,direction), found ${fields.length}`
      );
      return;
    }
    const [code, degradedText, failureText, protocol, direction] = fields;
    const degraded = parseNumber(degradedText);
    const failure = parseNumber(failureText);
    if (degraded === undefined) {
      problems.push(`${where}: degraded threshold "${degradedText}" is not a number`);
    }
    if (failure === undefined) {
      problems.push(`${where}: failure threshold "${failureText}" is not a number`);
    }
    if (degraded === undefined || failure === undefined) {
      return;
    }
    const tolerance: HealthTolerance = { code, degraded, failure, protocol, direction };
    const found = toleranceProblems(tolerance, where);
    if (found.length > 0) {
      problems.push(...found);
      return;
    }
    tolerances.push(tolerance);
  });
  if (problems.length > 0) {
    throw new HealthAnnotationError(problems);
  }
  return tolerances;
}

/** The inverse of parseHealthAnnotation, for editors that show the annotation form. */
export function formatHealthAnnotation(list: HealthTolerance[]): string {
  return list.map((t) => [t.code, t.degraded, t.failure, t.protocol, t.direction].join(',')).join(';');
}
