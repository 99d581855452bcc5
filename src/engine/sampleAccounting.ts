/**
 * Every sample the engine does not use is counted, never dropped silently: unreadable values by problem and metric,
 * samples skipped for their labels by reason, and the notices that tell the user.
 */
import type { SkipCounts } from './fold/foldTraffic';
import type { VectorSample } from './client/types';
import { PROBLEM_TEXT, ProblemCounts, SampleProblem, numberProblem } from './client/vectorAnswer';
import type { Notice } from './model';

/** The metrics a query reads, for naming them in notices (`istio_requests_total`, …). */
export function queryMetrics(q: { expr: string; role?: { kind: string; metric?: string } }): string {
  if (q.role?.kind === 'traffic' && q.role.metric) {
    return q.role.metric;
  }
  const names = [...new Set(q.expr.match(/\b(?:istio|kube)_[a-zA-Z0-9_]+/g) ?? [])];
  return names.length > 0 ? names.join(', ') : 'the answer';
}

/**
 * Samples whose value could not be read (NaN, infinite, negative, non-numeric) or that were not samples at all, by
 * problem and metric: added to `unreadable` and to `skipped` (which lists every sample not used).
 */
export function countProblems(
  skipped: SkipCounts,
  unreadable: SkipCounts,
  metric: string,
  problems: ProblemCounts
): void {
  for (const [p, n] of Object.entries(problems) as Array<[SampleProblem, number]>) {
    if (n > 0) {
      const reason = `${PROBLEM_TEXT[p]} in ${metric}`;
      unreadable[reason] = (unreadable[reason] ?? 0) + n;
      skipped[reason] = (skipped[reason] ?? 0) + n;
    }
  }
}

/** Counts the unusable samples of in-memory answers (marking them, so that visitSamples hands them on as such). */
export function countSampleProblems(
  samples: VectorSample[],
  metric: string,
  skipped: SkipCounts,
  unreadable: SkipCounts
): void {
  const problems: ProblemCounts = {};
  for (const s of samples) {
    const p = s.problem ?? numberProblem(s.value);
    if (p !== undefined) {
      s.problem = p;
      problems[p] = (problems[p] ?? 0) + 1;
    }
  }
  countProblems(skipped, unreadable, metric, problems);
}

/** The notice for samples skipped for their labels (those in `unreadable` have their own notice). */
export function skipNotice(skipped: SkipCounts, unreadable: SkipCounts = {}): Notice | undefined {
  const entries = Object.entries(skipped).filter(([r]) => !(r in unreadable));
  if (entries.length === 0) {
    return undefined;
  }
  const total = entries.reduce((s, [, n]) => s + n, 0);
  return {
    severity: 'warning',
    text: `${total} telemetry sample(s) skipped: ${entries.map(([r, n]) => `${r} (${n})`).join(', ')}`,
  };
}

/** The notice for samples whose value could not be read, naming each problem and metric. */
export function unreadableNotice(unreadable: SkipCounts): Notice | undefined {
  const entries = Object.entries(unreadable);
  if (entries.length === 0) {
    return undefined;
  }
  const total = entries.reduce((s, [, n]) => s + n, 0);
  return {
    severity: 'warning',
    text:
      `${total} sample(s) from Prometheus could not be read as rates and are left out of the graph: ` +
      `${entries.map(([r, n]) => `${r} (${n})`).join(', ')}. The edges and nodes they belong to are not shown as healthy.`,
  };
}
