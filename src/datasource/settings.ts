/** The datasource's jsonData, checked and completed with defaults once per query run. Pure. */
import { validateTolerances } from '../engine/appenders/healthTolerances';
import { DEFAULT_QUERY_SHARDS, MAX_QUERY_SHARDS, isValidQueryShards } from '../engine/planner/planQueries';
import { reservedScopeLabel } from '../engine/planner/labels';
import { DEFAULT_ROLLUP_NODE_BUDGET, isValidRollupBudget } from '../engine/rollup/rollup';
import { isValidLabelName } from '../engine/promql/escape';
import type { HealthTolerance, Notice } from '../engine/model';

import { parseDurationSeconds } from './timeWindow';
import {
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_MAX_ANSWER_MB,
  DEFAULT_SCRAPE_INTERVAL,
  DEFAULT_SERVICE_DASHBOARD_UID,
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WORKLOAD_DASHBOARD_UID,
  MeshgraphOptions,
  ScopeLabel,
} from './types';

export interface ResolvedSettings {
  scrapeIntervalS: number;
  timeoutMs: number;
  /** Prometheus answers larger than this are refused while read. */
  maxAnswerBytes: number;
  /** Parallel traffic queries per metric; undefined = the engine's default. */
  queryShards?: number;
  /** Default scope labels (valid names only). */
  scope: ScopeLabel[];
  /** Undefined = the engine's (Kiali's) defaults. */
  healthTolerances?: HealthTolerance[];
  workloadDashboardUid: string;
  serviceDashboardUid: string;
  clusterDomain: string;
  /** Node budget of rollup 'auto'. */
  rollupNodeBudget: number;
  /** Problems found in the settings, shown with every answer until fixed. */
  notices: Notice[];
}

export function resolveSettings(jsonData: MeshgraphOptions | undefined): ResolvedSettings {
  const data = jsonData ?? ({} as MeshgraphOptions);
  const notices: Notice[] = [];

  const scrapeText = (data.scrapeInterval ?? '').trim() || DEFAULT_SCRAPE_INTERVAL;
  let scrapeIntervalS = parseDurationSeconds(scrapeText);
  if (scrapeIntervalS === undefined) {
    notices.push({
      severity: 'warning',
      text: `Datasource setting "Scrape interval" is not a duration (${JSON.stringify(scrapeText)}); using ${DEFAULT_SCRAPE_INTERVAL}.`,
    });
    scrapeIntervalS = parseDurationSeconds(DEFAULT_SCRAPE_INTERVAL)!;
  }

  const timeout = Number(data.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);
  const timeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout * 1000 : DEFAULT_TIMEOUT_SECONDS * 1000;

  let maxAnswerMB = DEFAULT_MAX_ANSWER_MB;
  if (data.maxAnswerMB !== undefined && data.maxAnswerMB !== null) {
    const n = Number(data.maxAnswerMB);
    if (Number.isFinite(n) && n > 0) {
      maxAnswerMB = n;
    } else {
      notices.push({
        severity: 'warning',
        text: `Datasource setting "Maximum answer size" must be a positive number of MB (got ${JSON.stringify(data.maxAnswerMB)}); using ${DEFAULT_MAX_ANSWER_MB}.`,
      });
    }
  }

  let queryShards: number | undefined;
  if (data.queryShards !== undefined && data.queryShards !== null) {
    if (isValidQueryShards(data.queryShards)) {
      queryShards = data.queryShards;
    } else {
      notices.push({
        severity: 'warning',
        text: `Datasource setting "Parallel queries" must be a whole number from 1 to ${MAX_QUERY_SHARDS} (got ${JSON.stringify(data.queryShards)}); using ${DEFAULT_QUERY_SHARDS}.`,
      });
    }
  }

  const scope: ScopeLabel[] = [];
  for (const label of Array.isArray(data.scopeLabels) ? data.scopeLabels : []) {
    const key = (label?.key ?? '').trim();
    if (key === '') {
      continue;
    }
    if (!isValidLabelName(key)) {
      notices.push({
        severity: 'warning',
        text: `Datasource scope label ${JSON.stringify(key)} is not a valid Prometheus label name; it is ignored.`,
      });
      continue;
    }
    const reserved = reservedScopeLabel(key);
    if (reserved) {
      notices.push({ severity: 'warning', text: `Datasource scope label ignored: ${reserved}.` });
      continue;
    }
    scope.push({ key, value: String(label.value ?? '') });
  }

  let healthTolerances: HealthTolerance[] | undefined;
  if (Array.isArray(data.healthTolerances) && data.healthTolerances.length > 0) {
    const problems = validateTolerances(data.healthTolerances);
    if (problems.length === 0) {
      healthTolerances = data.healthTolerances;
    } else {
      notices.push({
        severity: 'warning',
        text: `Datasource health tolerances are invalid (${problems.join('; ')}); Kiali's defaults are used.`,
      });
    }
  }

  let rollupNodeBudget = DEFAULT_ROLLUP_NODE_BUDGET;
  if (data.rollupNodeBudget !== undefined && data.rollupNodeBudget !== null) {
    if (isValidRollupBudget(data.rollupNodeBudget)) {
      rollupNodeBudget = data.rollupNodeBudget;
    } else {
      notices.push({
        severity: 'warning',
        text: `Datasource setting "Rollup node budget" must be a whole number of at least 1 (got ${JSON.stringify(data.rollupNodeBudget)}); using ${DEFAULT_ROLLUP_NODE_BUDGET}.`,
      });
    }
  }

  return {
    scrapeIntervalS,
    timeoutMs,
    maxAnswerBytes: maxAnswerMB * 1e6,
    queryShards,
    scope,
    healthTolerances,
    workloadDashboardUid: (data.workloadDashboardUid ?? DEFAULT_WORKLOAD_DASHBOARD_UID).trim(),
    serviceDashboardUid: (data.serviceDashboardUid ?? DEFAULT_SERVICE_DASHBOARD_UID).trim(),
    clusterDomain: (data.clusterDomain ?? '').trim() || DEFAULT_CLUSTER_DOMAIN,
    rollupNodeBudget,
    notices,
  };
}
