/**
 * Data links on the nodes frame's `id` field: Grafana's Node Graph shows them in the node's context menu (and
 * Meshgraph's panel in its side panel). They open Istio's workload and service dashboards for the node, keeping
 * the time range. `${__data.fields.X}` is filled in by Grafana per node; `:percentencode` keeps any value a
 * single URL parameter.
 */
import type { DataLink } from '@grafana/data';

import type { ResolvedSettings } from './settings';

type LinkSettings = Pick<ResolvedSettings, 'workloadDashboardUid' | 'serviceDashboardUid' | 'clusterDomain'>;

const field = (name: string) => `\${__data.fields.${name}:percentencode}`;

export function nodeDataLinks(settings: LinkSettings): DataLink[] {
  const links: DataLink[] = [];
  if (settings.workloadDashboardUid) {
    links.push({
      title: 'Istio workload dashboard',
      url:
        `/d/${encodeURIComponent(settings.workloadDashboardUid)}` +
        `?var-namespace=${field('namespace')}&var-workload=${field('workload')}&\${__url_time_range}`,
    });
  }
  if (settings.serviceDashboardUid) {
    // Istio's service dashboard selects a service by its host (destination_service), e.g. reviews.bookinfo.svc.cluster.local.
    links.push({
      title: 'Istio service dashboard',
      url:
        `/d/${encodeURIComponent(settings.serviceDashboardUid)}` +
        `?var-service=${field('service')}.${field('namespace')}.${encodeURIComponent(settings.clusterDomain)}` +
        `&\${__url_time_range}`,
    });
  }
  return links;
}
