/**
 * Data links on the nodes frame's `id` field: Grafana's Node Graph shows them in the node's context menu (and
 * Meshgraph's panel in its side panel). Each node type links only to what it is: a workload (or an app node whose
 * workload is known) to Istio's workload dashboard, a service to Istio's service dashboard with its host; unknown
 * nodes, egress clusters, operation nodes and boxes have neither. The links read the per-node fields `linkWorkload`
 * and `linkService` (src/engine/output/frames.ts), which are empty where a node has no such target, so a link whose
 * field is empty for a node does not apply to it (linksForNode). `${__data.fields.X}` is filled in by Grafana per
 * node; `:percentencode` keeps any value a single URL parameter.
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
        `?var-namespace=${field('namespace')}&var-workload=${field('linkWorkload')}&\${__url_time_range}`,
    });
  }
  if (settings.serviceDashboardUid) {
    // Istio's service dashboard selects a service by its host (destination_service), e.g. reviews.bookinfo.svc.cluster.local.
    links.push({
      title: 'Istio service dashboard',
      url:
        `/d/${encodeURIComponent(settings.serviceDashboardUid)}` +
        `?var-service=${field('linkService')}.${field('namespace')}.${encodeURIComponent(settings.clusterDomain)}` +
        `&\${__url_time_range}`,
    });
  }
  return links;
}

/** The `${__data.fields.X}` names a link's URL reads. */
export function linkFields(link: Pick<DataLink, 'url'>): string[] {
  const names: string[] = [];
  for (const m of link.url.matchAll(/\$\{__data\.fields\.([^}:]+)(?::[^}]*)?\}/g)) {
    names.push(m[1]);
  }
  return names;
}

/**
 * The links that apply to one node: those whose every per-node field has a value for it. `value(name)` reads the
 * node's field (undefined or '' = none).
 */
export function linksForNode<L extends Pick<DataLink, 'url'>>(
  links: readonly L[],
  value: (field: string) => unknown
): L[] {
  return links.filter((l) =>
    linkFields(l).every((name) => {
      const v = value(name);
      return v !== undefined && v !== null && v !== '';
    })
  );
}
