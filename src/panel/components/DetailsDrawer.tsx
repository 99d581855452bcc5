/**
 * Details of the clicked node, edge or box, as Kiali's side panel: identity, health with its reason, badges,
 * inbound/outbound traffic per protocol and response class, response codes with flags and hosts, principals,
 * response time, small charts over the dashboard range (fetched on selection only), and the data links of its
 * frame row. Node Graph internals (main/secondary stat, arcs) are shown only for other sources' nodes, which have
 * nothing else. All values are rendered as React text (escaped), never as HTML. Escape closes it (TrafficPanel).
 */
import React from 'react';
import { css } from '@emotion/css';
import type { DataFrame, DataQueryRequest, GrafanaTheme2, InterpolateFunction } from '@grafana/data';
import { Button, DataLinkButton, IconButton, useStyles2 } from '@grafana/ui';
import { edgeHealthReason, healthReason } from '../graph/healthReason';
import { formatByteRate, formatDuration, formatPercent, formatRequestRate } from '../graph/format';
import { edgeRates, edgeResponses, edgeTotals, nodeHealth } from '../graph/lazyCells';
import { badgesOf, nodeDisplayName } from '../graph/nodeLabels';
import type { Palette } from '../graph/palette';
import { ProtocolTotals, responseRows, trafficSummary } from '../graph/summary';
import type { PanelEdge, PanelGraph, PanelNode } from '../graph/types';
import type { ResponseTimeStatLabel } from '../options';
import type { SelectedElement } from './CytoscapeGraph';
import { DrawerCharts } from './DrawerCharts';
import { IconGlyph } from './Legend';
import { rowLinks } from './links';

export interface DetailsDrawerProps {
  graph: PanelGraph;
  selected: SelectedElement;
  series: readonly DataFrame[];
  replaceVariables?: InterpolateFunction;
  responseTimeStat: ResponseTimeStatLabel;
  /** The dashboard's request (range, datasource, variables): the charts ask the same datasource. */
  request?: DataQueryRequest;
  /** Right side of the panel, or its lower part in a narrow panel. */
  placement?: 'right' | 'bottom';
  palette: Palette;
  /** Expands a rolled-up node or collapses an expanded one (by its id). */
  onToggleExpand?: (id: string) => void;
  onClose: () => void;
}

/** The drawer's expand/collapse button for rolled-up nodes and the boxes of expanded ones. */
function RollupToggle({ node, onToggle }: { node: PanelNode; onToggle: (id: string) => void }) {
  const styles = useStyles2(getStyles);
  const r = node.rollup;
  if (!r) {
    return null;
  }
  const unhealthy = [
    r.membersFailing > 0 ? `${r.membersFailing} failing` : '',
    r.membersDegraded > 0 ? `${r.membersDegraded} degraded` : '',
  ].filter(Boolean);
  return (
    <div className={styles.section}>
      <div className={styles.muted}>
        {r.memberCount} members{unhealthy.length > 0 ? ` (${unhealthy.join(', ')})` : ''}
      </div>
      <Button
        size="sm"
        variant="secondary"
        icon={r.expanded ? 'compress-arrows' : 'expand-arrows'}
        onClick={() => onToggle(node.id)}
        data-testid="meshgraph-rollup-toggle"
      >
        {r.expanded ? 'Collapse' : r.kind === 'namespace' ? 'Expand namespace' : 'Expand cluster'}
      </Button>
    </div>
  );
}

const RT_NAMES: Record<ResponseTimeStatLabel, string> = {
  auto: 'Response time',
  avg: 'Response time (average)',
  '50': 'Response time (p50)',
  '95': 'Response time (p95)',
  '99': 'Response time (p99)',
};

function rateText(protocol: string, rate: number): string {
  return protocol === 'tcp' ? formatByteRate(rate, true) : formatRequestRate(rate, true);
}

function TotalsTable({ title, rows }: { title: string; rows: ProtocolTotals[] }) {
  const styles = useStyles2(getStyles);
  if (rows.length === 0) {
    return (
      <div className={styles.section}>
        <h4 className={styles.h}>{title}</h4>
        <div className={styles.muted}>No traffic</div>
      </div>
    );
  }
  return (
    <div className={styles.section}>
      <h4 className={styles.h}>{title}</h4>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">Protocol</th>
            <th scope="col">Rate</th>
            <th scope="col">Errors</th>
            <th scope="col">Responses</th>
            <th scope="col">Edges</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.protocol}>
              <td>{r.protocol === 'other' ? '—' : r.protocol.toUpperCase()}</td>
              <td>{r.protocol === 'other' ? '—' : rateText(r.protocol, r.rate)}</td>
              <td>{r.protocol === 'tcp' || r.protocol === 'other' ? '—' : formatPercent(r.percentErr)}</td>
              <td>
                {r.codes.length > 0 ? r.codes.map((c) => `${c.label} ${formatPercent(c.percent)}`).join(', ') : '—'}
              </td>
              <td>{r.edges}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows
        .filter((r) => r.unreadable > 0)
        .map((r) => (
          <div key={r.protocol} className={styles.muted}>
            {`${r.protocol === 'other' ? 'Other' : r.protocol.toUpperCase()}: ${r.unreadable} edge(s) with a rates or responses field that is not JSON, left out of the errors and responses`}
          </div>
        ))}
    </div>
  );
}

function Row({ name, value }: { name: string; value: React.ReactNode }) {
  const styles = useStyles2(getStyles);
  if (value === undefined || value === null || value === '') {
    return null;
  }
  return (
    <>
      <dt className={styles.dt}>{name}</dt>
      <dd className={styles.dd}>{value}</dd>
    </>
  );
}

function NodeDetails({ node, graph, palette }: { node: PanelNode; graph: PanelGraph; palette: Palette }) {
  const styles = useStyles2(getStyles);
  const summary = trafficSummary(graph, node.id);
  const badges = badgesOf(node);
  const generic = node.nodeType === 'generic';
  const kind =
    node.nodeType === 'box' ? `${node.isBox ?? ''} box` : node.nodeType === 'generic' ? 'node' : node.nodeType;
  return (
    <>
      <dl className={styles.dl}>
        <Row name="Type" value={kind} />
        <Row name="Namespace" value={node.namespace} />
        <Row name="Cluster" value={node.cluster} />
        <Row name="App" value={node.app} />
        <Row name="Version" value={node.version} />
        <Row name="Workload" value={node.workload} />
        <Row name="Service" value={node.service} />
        <Row name="Operation" value={node.aggregate ? `${node.aggregate} = ${node.aggregateValue ?? ''}` : undefined} />
        <Row name="Health" value={healthReason(node, graph)} />
        <Row name="Health details" value={nodeHealth(node).unreadable ? UNREADABLE('health') : undefined} />
        <Row name="Subtitle" value={generic ? node.subtitle : undefined} />
        {/* Other sources' Node Graph nodes have only these; Meshgraph's say the same in the tables below. */}
        <Row name="Statistic" value={generic ? node.mainstat : undefined} />
        <Row name="Second statistic" value={generic ? node.secondarystat : undefined} />
        {node.details.map((d) => (
          <Row key={d.name} name={d.name} value={d.value} />
        ))}
        {generic &&
          node.arcs.map((a) => <Row key={`arc-${a.name}`} name={a.name} value={formatPercent(a.value * 100)} />)}
        <Row
          name="Badges"
          value={
            badges.length > 0 ? (
              <span className={styles.badges}>
                {badges.map((b) => (
                  <span key={b.key} className={styles.badge}>
                    <IconGlyph name={b.icon} color={palette.text} size={12} /> {b.label}
                  </span>
                ))}
              </span>
            ) : undefined
          }
        />
        <Row
          name="Services"
          value={
            node.destServices?.length ? node.destServices.map((s) => `${s.name}.${s.namespace}`).join(', ') : undefined
          }
        />
      </dl>
      {node.nodeType === 'box' && (
        <div className={styles.muted}>{graph.nodes.filter((n) => n.parent === node.id).length} members</div>
      )}
      <TotalsTable title="Inbound" rows={summary.inbound} />
      <TotalsTable title="Outbound" rows={summary.outbound} />
    </>
  );
}

/** A JSON cell the frames reader kept as text and that turns out not to be JSON: said, not left out silently. */
const UNREADABLE = (field: string) => `Unreadable: the ${field} field of this row is not JSON`;

function EdgeDetails({ edge, graph, rtName }: { edge: PanelEdge; graph: PanelGraph; rtName: string }) {
  const styles = useStyles2(getStyles);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const src = byId.get(edge.source);
  const dst = byId.get(edge.target);
  const rows = responseRows(edge);
  const r = edgeTotals(edge);
  return (
    <>
      <dl className={styles.dl}>
        <Row name="From" value={src ? nodeDisplayName(src) : edge.source} />
        <Row name="To" value={dst ? nodeDisplayName(dst) : edge.target} />
        <Row name="Protocol" value={edge.protocol?.toUpperCase()} />
        <Row name="Rate" value={r && edge.protocol ? rateText(edge.protocol, r.total) : undefined} />
        <Row
          name="Errors"
          value={r && edge.protocol !== 'tcp' && r.percentErr > 0 ? formatPercent(r.percentErr) : undefined}
        />
        <Row name="Share of source traffic" value={r && r.percentReq > 0 ? formatPercent(r.percentReq) : undefined} />
        <Row name="Health" value={edgeHealthReason(edge)} />
        <Row name={rtName} value={edge.responseTime !== undefined ? formatDuration(edge.responseTime) : undefined} />
        <Row
          name="Throughput"
          value={edge.throughput !== undefined ? formatByteRate(edge.throughput, true) : undefined}
        />
        <Row
          name="mTLS"
          value={edge.isMTLS !== undefined && edge.isMTLS >= 0 ? formatPercent(edge.isMTLS) : undefined}
        />
        <Row name="Source principal" value={edge.sourcePrincipal} />
        <Row name="Destination principal" value={edge.destPrincipal} />
        <Row name="Statistic" value={edge.protocol ? undefined : edge.mainstat} />
        <Row name="Second statistic" value={edge.protocol ? undefined : edge.secondarystat} />
        {edge.details.map((d) => (
          <Row key={d.name} name={d.name} value={d.value} />
        ))}
        <Row name="Traffic" value={edge.hasTraffic ? undefined : 'Idle (no traffic in the range)'} />
        <Row name="Responses" value={edgeResponses(edge).unreadable ? UNREADABLE('responses') : undefined} />
        <Row name="Rates by response" value={edgeRates(edge).unreadable ? UNREADABLE('rates') : undefined} />
      </dl>
      {rows.length > 0 && (
        <div className={styles.section}>
          <h4 className={styles.h}>Responses</h4>
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Share</th>
                <th scope="col">Flags</th>
                <th scope="col">Hosts</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.code}>
                  <td>{row.code === '-' ? (edge.protocol === 'tcp' ? '-' : 'no response') : row.code}</td>
                  <td>{formatPercent(row.percent)}</td>
                  <td>{row.flags.map((f) => `${f.name} ${formatPercent(f.percent)}`).join(', ')}</td>
                  <td>{row.hosts.map((h) => `${h.name} ${formatPercent(h.percent)}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function DetailsDrawer({
  graph,
  selected,
  series,
  replaceVariables,
  responseTimeStat,
  request,
  placement = 'right',
  palette,
  onToggleExpand,
  onClose,
}: DetailsDrawerProps) {
  const styles = useStyles2(getStyles);
  const node = selected.kind === 'node' ? graph.nodes.find((n) => n.id === selected.id) : undefined;
  const edge = selected.kind === 'edge' ? graph.edges.find((e) => e.id === selected.id) : undefined;
  if (!node && !edge) {
    return null;
  }
  const title = node ? nodeDisplayName(node) : 'Edge';
  const links = rowLinks(series, node ? node.ref : edge?.ref, replaceVariables);
  return (
    <aside
      className={placement === 'bottom' ? styles.drawerBottom : styles.drawer}
      aria-label={`Details: ${title}`}
      data-testid="meshgraph-details"
      data-placement={placement}
    >
      <div className={styles.header}>
        <h3 className={styles.title}>{title}</h3>
        <IconButton name="times" aria-label="Close details" tooltip="Close details" onClick={onClose} />
      </div>
      {node && onToggleExpand && <RollupToggle node={node} onToggle={onToggleExpand} />}
      {node && <NodeDetails node={node} graph={graph} palette={palette} />}
      {edge && <EdgeDetails edge={edge} graph={graph} rtName={RT_NAMES[responseTimeStat] ?? RT_NAMES.auto} />}
      {node?.nodeType !== 'box' && (node || edge) && graph.source === 'meshgraph' && (
        <DrawerCharts graph={graph} node={node} edge={edge} request={request} palette={palette} />
      )}
      {links.length > 0 && (
        <div className={styles.section}>
          <h4 className={styles.h}>Links</h4>
          <div className={styles.links}>
            {links.map((l, i) => (
              <DataLinkButton key={`${l.href}-${i}`} link={l} buttonProps={{ size: 'sm', variant: 'secondary' }} />
            ))}
          </div>
        </div>
      )}
    </aside>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  drawerBottom: css({
    position: 'absolute',
    left: 0,
    right: 0,
    bottom: 0,
    height: '42%',
    overflowY: 'auto',
    padding: theme.spacing(1),
    background: theme.colors.background.primary,
    borderTop: `1px solid ${theme.colors.border.medium}`,
    boxShadow: theme.shadows.z2,
    zIndex: 2,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  badges: css({ display: 'inline-flex', flexWrap: 'wrap', gap: theme.spacing(0.5, 1) }),
  badge: css({ display: 'inline-flex', alignItems: 'center', gap: 4 }),
  drawer: css({
    position: 'absolute',
    top: 0,
    right: 0,
    bottom: 0,
    width: 'clamp(220px, 38%, 400px)',
    overflowY: 'auto',
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    borderLeft: `1px solid ${theme.colors.border.medium}`,
    boxShadow: theme.shadows.z2,
    zIndex: 2,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  header: css({ display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: theme.spacing(1) }),
  title: css({ fontSize: theme.typography.h5.fontSize, margin: 0, overflowWrap: 'anywhere' }),
  section: css({ marginTop: theme.spacing(1.5) }),
  h: css({ fontSize: theme.typography.h6.fontSize, margin: theme.spacing(0, 0, 0.5) }),
  dl: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.25, 1),
    margin: theme.spacing(1, 0),
  }),
  dt: css({ color: theme.colors.text.secondary }),
  dd: css({ margin: 0, overflowWrap: 'anywhere' }),
  muted: css({ color: theme.colors.text.secondary }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.25, 0.5),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  links: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
});
