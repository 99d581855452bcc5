/**
 * Node label text and badges (model §10.4). Badges are characters of the panel's icon font (iconFont.ts) before
 * the name, as Kiali puts its badge icons; labels stay plain text, never HTML.
 * Text: workload / service / "unknown" / operation / app (versionedApp: app and version lines, only the version
 * inside an app box); the namespace is added when several namespaces are shown or the node is outside, unless a
 * namespace box already says it; the cluster when several clusters are shown and no box says it.
 */
import { ICON, IconName } from './iconFont';
import type { PanelNode } from './types';

export interface BadgeDef {
  key: string;
  /** A character of the panel's icon font (iconFont.ts). */
  glyph: string;
  icon: IconName;
  label: string;
  applies: (n: PanelNode) => boolean;
}

/** Badge order follows Kiali: missing sidecar first, then traffic source, gateway, the rest. */
export const BADGES: BadgeDef[] = [
  {
    key: 'missingSidecar',
    glyph: ICON.missingSidecar,
    icon: 'missingSidecar',
    label: 'Missing sidecar',
    applies: (n) => !!n.flags.isOutOfMesh && n.nodeType !== 'box',
  },
  { key: 'trafficSource', glyph: ICON.trafficSource, icon: 'trafficSource', label: 'Traffic source', applies: (n) => !!n.flags.isRoot },
  { key: 'gateway', glyph: ICON.gateway, icon: 'gateway', label: 'Gateway', applies: (n) => !!n.flags.isGateway },
  { key: 'waypoint', glyph: ICON.waypoint, icon: 'waypoint', label: 'Waypoint proxy', applies: (n) => !!n.flags.isWaypoint },
  { key: 'dead', glyph: ICON.dead, icon: 'dead', label: 'Dead (no pods)', applies: (n) => !!n.flags.isDead },
  {
    key: 'outside',
    glyph: ICON.outside,
    icon: 'outside',
    label: 'Outside the selected namespaces',
    applies: (n) => !!n.flags.isOutside && n.nodeType !== 'box',
  },
  { key: 'egress', glyph: ICON.egress, icon: 'egress', label: 'Egress (Passthrough/BlackHole)', applies: (n) => !!n.flags.isEgressCluster },
];

export function badgesOf(n: PanelNode): BadgeDef[] {
  return BADGES.filter((b) => b.applies(n));
}

export interface NodeLabelContext {
  /** Namespaces shown in the graph (Kiali adds the namespace when there are several). */
  namespaceCount: number;
  clusterCount: number;
  showBadges: boolean;
  /** Box kinds enclosing this node (its parent chain). */
  enclosingBoxes: ReadonlySet<string>;
  /** versionedApp graphs: app nodes carry a version line. */
  parentIsAppBox: boolean;
}

function mainText(n: PanelNode, ctx: NodeLabelContext): string[] {
  switch (n.nodeType) {
    case 'box':
      if (n.isBox === 'app') {
        return [n.app || n.id];
      }
      if (n.isBox === 'cluster') {
        return [n.cluster || n.id];
      }
      return [n.namespace || n.id];
    case 'service':
      return [n.service || n.id];
    case 'unknown':
      return ['unknown'];
    case 'aggregate':
      return [n.aggregateValue || n.aggregate || n.id];
    case 'workload':
      return [n.workload || n.id];
    case 'app':
      if (n.version) {
        return ctx.parentIsAppBox ? [n.version] : [n.app || n.id, n.version];
      }
      return [n.app || n.id];
    default: {
      const lines = [n.title || n.id];
      if (n.subtitle) {
        lines.push(n.subtitle);
      }
      return lines;
    }
  }
}

export function nodeLabel(n: PanelNode, ctx: NodeLabelContext): string {
  const lines = mainText(n, ctx);
  if (n.nodeType !== 'box' && n.nodeType !== 'generic' && n.nodeType !== 'unknown') {
    const boxedByNs = ctx.enclosingBoxes.has('namespace') || ctx.enclosingBoxes.has('app');
    if (n.namespace && !boxedByNs && (ctx.namespaceCount > 1 || n.flags.isOutside)) {
      lines.push(`(${n.namespace})`);
    }
    if (n.cluster && ctx.clusterCount > 1 && !ctx.enclosingBoxes.has('cluster') && n.cluster !== 'unknown') {
      lines.push(`[${n.cluster}]`);
    }
  }
  // Health is never told by colour alone: an icon before the name of a degraded or failing node.
  const health = n.nodeType === 'box' ? '' : healthGlyph(n.healthStatus);
  const glyphs = (ctx.showBadges ? badgesOf(n).map((b) => b.glyph) : []).join('');
  const prefix = `${health}${glyphs}`;
  if (prefix) {
    lines[0] = `${prefix} ${lines[0]}`;
  }
  return lines.join('\n');
}

/** The icon-font character for a health status that is not healthy (nothing for healthy or unknown). */
export function healthGlyph(status: string | undefined): string {
  return status === 'Failure' ? ICON.failure : status === 'Degraded' ? ICON.degraded : '';
}

/** A one-line name for tables, drawers and aria text. */
export function nodeDisplayName(n: PanelNode): string {
  const main = mainText(n, { namespaceCount: 1, clusterCount: 1, showBadges: false, enclosingBoxes: new Set(), parentIsAppBox: false });
  const name = main.join(' ');
  return n.namespace && n.nodeType !== 'box' && n.nodeType !== 'unknown' ? `${name} (${n.namespace})` : name;
}
