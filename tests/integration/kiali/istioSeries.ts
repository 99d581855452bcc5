/**
 * Raw Istio series for the real-store tests: one counter per (metric, reporter, labels), growing at a constant
 * per-second rate, turned into the simulator's series families so that both stores load them the way they load
 * simulated meshes (promtool backfill for Prometheus, the import API for VictoriaMetrics).
 */
import { FamilySeries, renderLabels } from '../../../simulator/series';

export interface Source {
  source_cluster: string;
  source_workload_namespace: string;
  source_workload: string;
  source_canonical_service: string;
  source_canonical_revision: string;
}

export interface Destination {
  destination_cluster: string;
  destination_service_namespace: string;
  destination_service: string;
  destination_service_name: string;
  destination_workload_namespace: string;
  destination_workload: string;
  destination_canonical_service: string;
  destination_canonical_revision: string;
}

export interface RawIstioSeries {
  metric: string;
  labels: Record<string, string>;
  /** Per-second increase of the counter. */
  rate: number;
}

export function src(cluster: string, namespace: string, workload: string, app: string, version: string): Source {
  return {
    source_cluster: cluster,
    source_workload_namespace: namespace,
    source_workload: workload,
    source_canonical_service: app,
    source_canonical_revision: version,
  };
}

export function dst(
  cluster: string,
  serviceNamespace: string,
  host: string,
  service: string,
  workloadNamespace: string,
  workload: string,
  app: string,
  version: string
): Destination {
  return {
    destination_cluster: cluster,
    destination_service_namespace: serviceNamespace,
    destination_service: host,
    destination_service_name: service,
    destination_workload_namespace: workloadNamespace,
    destination_workload: workload,
    destination_canonical_service: app,
    destination_canonical_revision: version,
  };
}

export function series(
  metric: string,
  reporter: string,
  source: Source,
  destination: Destination,
  extra: Record<string, string>,
  rate: number
): RawIstioSeries {
  if (!(rate > 0) || !Number.isFinite(rate)) {
    throw new Error(`rate ${rate} of ${metric} is not a positive number`);
  }
  return { metric, labels: { reporter, ...source, ...destination, ...extra }, rate };
}

/** The same series with more labels (a test-case label, a query-scope label). */
export function withLabels(list: RawIstioSeries[], labels: Record<string, string>): RawIstioSeries[] {
  return list.map((s) => ({ ...s, labels: { ...s.labels, ...labels } }));
}

/**
 * Series families for the exposition writers, one per metric. A store cannot hold a label with an empty value (it
 * is the same as no label), so empty values are left out. Two series with the same metric and labels are refused.
 */
export function toFamilies(list: RawIstioSeries[]): FamilySeries[] {
  const byMetric = new Map<string, Map<string, number>>();
  for (const s of list) {
    if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*_total$/.test(s.metric)) {
      throw new Error(`${s.metric} is not a counter name ending in _total`);
    }
    const labels: Record<string, string> = {};
    for (const k of Object.keys(s.labels).sort()) {
      if (s.labels[k] !== '') {
        labels[k] = s.labels[k];
      }
    }
    const rendered = renderLabels(labels);
    const m = byMetric.get(s.metric) ?? new Map<string, number>();
    if (m.has(rendered)) {
      throw new Error(`duplicate series ${s.metric}${rendered}`);
    }
    m.set(rendered, s.rate);
    byMetric.set(s.metric, m);
  }
  return [...byMetric].map(([metric, m]) => ({
    family: { name: metric.replace(/_total$/, ''), type: 'counter' as const, help: `${metric} (test series)` },
    series: function* () {
      for (const [labels, slope] of m) {
        yield { metric, labels, slope };
      }
    },
  }));
}
