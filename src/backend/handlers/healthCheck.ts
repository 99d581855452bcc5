/**
 * "Save & test": can Grafana reach a Prometheus, and does it hold Istio telemetry? Each failure gets a message
 * that says what to fix (wrong URL, credentials, no Istio metrics).
 */
import type { PrometheusClient } from '../../engine/client';
import { scopeMatchers, selector } from '../../engine/promql/selector';

import { describeError } from './errors';
import { listNames } from './labelLists';

export interface HealthCheckResult {
  status: 'success' | 'error';
  message: string;
  details?: { message?: string; verboseMessage?: string };
}

export interface HealthCheckOptions {
  nowS: number;
  scope: Record<string, string>;
  /** How far back to look for Istio series (default one hour). */
  lookbackS?: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function countSeries(client: PrometheusClient, expr: string, nowS: number): Promise<number> {
  const answer = await client.instantQuery(`count(${expr})`, nowS);
  return answer.samples.length > 0 && Number.isFinite(answer.samples[0].value) ? answer.samples[0].value : 0;
}

export async function checkPrometheus(client: PrometheusClient, opts: HealthCheckOptions): Promise<HealthCheckResult> {
  const lookback = opts.lookbackS ?? 3600;
  const window = `${lookback}s`;

  // 1. Is it a Prometheus API at all?
  try {
    const answer = await client.instantQuery('vector(1)', opts.nowS);
    if (answer.samples.length !== 1 || answer.samples[0].value !== 1) {
      return {
        status: 'error',
        message: 'The URL answers, but not like a Prometheus query API (vector(1) did not return 1).',
      };
    }
  } catch (e) {
    return { status: 'error', message: describeError(e) };
  }

  // 2. Istio telemetry in the last hour (last_over_time keeps idle series visible).
  const scope = scopeMatchers(opts.scope);
  const scopeText = Object.keys(opts.scope).length
    ? ` with the scope labels ${Object.entries(opts.scope)
        .map(([k, v]) => `${k}="${v}"`)
        .join(', ')}`
    : '';
  let requests: number;
  let tcp: number;
  try {
    requests = await countSeries(
      client,
      `last_over_time(${selector('istio_requests_total', scope)}[${window}])`,
      opts.nowS
    );
    tcp = await countSeries(
      client,
      `last_over_time(${selector('istio_tcp_sent_bytes_total', scope)}[${window}])`,
      opts.nowS
    );
  } catch (e) {
    return {
      status: 'error',
      message: `Connected to Prometheus, but counting Istio series failed: ${describeError(e)}`,
    };
  }
  if (requests + tcp === 0) {
    return {
      status: 'error',
      message:
        `Connected to Prometheus, but it has no Istio metrics (istio_requests_total, istio_tcp_sent_bytes_total)` +
        `${scopeText} in the last hour.`,
      details: {
        message:
          'Check that this Prometheus scrapes the Istio proxies (the sidecars, or ztunnel and waypoints in ambient mode), ' +
          'that traffic flows in the mesh, and that the scope labels in these settings match the series.',
      },
    };
  }

  // 3. Namespaces and kube-state-metrics: informative, never fatal.
  let namespaces: string[] = [];
  let namespaceProblem = '';
  try {
    namespaces = await listNames(client, {
      kind: 'namespaces',
      namespaces: 'all',
      scope: opts.scope,
      startS: opts.nowS - lookback,
      endS: opts.nowS,
    });
  } catch (e) {
    namespaceProblem = ` Listing namespaces failed: ${describeError(e)}.`;
  }
  let kubeState = false;
  try {
    kubeState = (await countSeries(client, 'last_over_time(kube_deployment_spec_replicas[5m])', opts.nowS)) > 0;
  } catch {
    kubeState = false;
  }

  const shown = namespaces.slice(0, 5).join(', ') + (namespaces.length > 5 ? ', …' : '');
  const message =
    `Connected to Prometheus: ${fmt(requests)} Istio request series and ${fmt(tcp)} TCP series${scopeText}` +
    (namespaceProblem
      ? '.'
      : ` in ${fmt(namespaces.length)} namespace${namespaces.length === 1 ? '' : 's'}${shown ? ` (${shown})` : ''}.`) +
    namespaceProblem +
    (kubeState
      ? ' kube-state-metrics found: idle nodes and replica health are shown.'
      : ' kube-state-metrics not found: idle nodes and replica health are skipped.');
  return { status: 'success', message };
}
