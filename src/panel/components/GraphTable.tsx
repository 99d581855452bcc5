/**
 * The graph as two tables (nodes, edges): the accessible alternative to the canvas, and a plain list for anyone
 * who prefers one. Hidden elements (Hide expression) are left out; found ones are marked.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { Selection } from '../graph/findHide';
import { formatByteRate, formatDuration, formatPercent, formatRequestRate } from '../graph/format';
import { nodeDisplayName } from '../graph/nodeLabels';
import type { PanelEdge, PanelGraph, PanelNode } from '../graph/types';

export interface GraphTableProps {
  graph: PanelGraph;
  hidden: Selection;
  found: Selection;
  /** Visually hidden (screen readers only). */
  srOnly?: boolean;
  onSelect?: (sel: { kind: 'node' | 'edge'; id: string }) => void;
}

function nodeRates(n: PanelNode): { inbound: string; outbound: string } {
  const r = n.rates;
  if (!r) {
    return { inbound: n.mainstat ?? '', outbound: n.secondarystat ?? '' };
  }
  const parts = (http: number, grpc: number, tcp: number) =>
    [
      http > 0 ? `HTTP ${formatRequestRate(http, true)}` : '',
      grpc > 0 ? `gRPC ${formatRequestRate(grpc, true)}` : '',
      tcp > 0 ? `TCP ${formatByteRate(tcp, true)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  return { inbound: parts(r.httpIn, r.grpcIn, r.tcpIn), outbound: parts(r.httpOut, r.grpcOut, r.tcpOut) };
}

function edgeRate(e: PanelEdge): string {
  if (!e.protocol) {
    return [e.mainstat, e.secondarystat].filter(Boolean).join(', ');
  }
  const total = e.rates?.total ?? 0;
  return e.protocol === 'tcp' ? formatByteRate(total, true) : formatRequestRate(total, true);
}

export function GraphTable({ graph, hidden, found, srOnly, onSelect }: GraphTableProps) {
  const styles = useStyles2(getStyles);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const nodes = graph.nodes.filter((n) => n.nodeType !== 'box' && !hidden.nodes.has(n.id));
  const edges = graph.edges.filter((e) => !hidden.edges.has(e.id));
  const name = (id: string) => {
    const n = byId.get(id);
    return n ? nodeDisplayName(n) : id;
  };
  const selectable = !srOnly && !!onSelect;
  return (
    <div className={srOnly ? styles.srOnly : styles.wrap} data-testid="meshgraph-table">
      <table className={styles.table}>
        <caption className={styles.caption}>
          Nodes ({nodes.length}){found.nodes.size > 0 ? `, ${found.nodes.size} found` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Health</th>
            <th scope="col">Inbound</th>
            <th scope="col">Outbound</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const rates = nodeRates(n);
            return (
              <tr key={n.id} className={found.nodes.has(n.id) ? styles.found : undefined}>
                <th scope="row">
                  {selectable ? (
                    <button type="button" className={styles.link} onClick={() => onSelect?.({ kind: 'node', id: n.id })}>
                      {nodeDisplayName(n)}
                    </button>
                  ) : (
                    nodeDisplayName(n)
                  )}
                  {found.nodes.has(n.id) ? ' (found)' : ''}
                </th>
                <td>{n.nodeType === 'generic' ? '' : n.nodeType}</td>
                <td>{n.healthStatus && n.healthStatus !== 'NA' ? n.healthStatus : ''}</td>
                <td>{rates.inbound}</td>
                <td>{rates.outbound}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table className={styles.table}>
        <caption className={styles.caption}>Edges ({edges.length})</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Protocol</th>
            <th scope="col">Rate</th>
            <th scope="col">Errors</th>
            <th scope="col">Response time</th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e) => (
            <tr key={e.id} className={found.edges.has(e.id) ? styles.found : undefined}>
              <td>
                {selectable ? (
                  <button type="button" className={styles.link} onClick={() => onSelect?.({ kind: 'edge', id: e.id })}>
                    {name(e.source)}
                  </button>
                ) : (
                  name(e.source)
                )}
              </td>
              <td>{name(e.target)}</td>
              <td>{e.protocol?.toUpperCase() ?? ''}</td>
              <td>{edgeRate(e)}</td>
              <td>{e.rates && e.protocol !== 'tcp' && e.rates.percentErr > 0 ? formatPercent(e.rates.percentErr) : ''}</td>
              <td>{e.responseTime !== undefined ? formatDuration(e.responseTime) : ''}</td>
              <td>{e.healthStatus && e.healthStatus !== 'NA' ? e.healthStatus : e.hasTraffic ? '' : 'Idle'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrap: css({ height: '100%', overflow: 'auto', padding: theme.spacing(1) }),
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  }),
  caption: css({ textAlign: 'left', fontWeight: theme.typography.fontWeightMedium, padding: theme.spacing(0.5, 0) }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    marginBottom: theme.spacing(2),
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': { textAlign: 'left', padding: theme.spacing(0.25, 0.75), borderBottom: `1px solid ${theme.colors.border.weak}` },
    'thead th': { color: theme.colors.text.secondary },
  }),
  found: css({ background: theme.colors.action.selected }),
  link: css({
    background: 'none',
    border: 'none',
    padding: 0,
    color: theme.colors.text.link,
    cursor: 'pointer',
    textAlign: 'left',
    font: 'inherit',
  }),
});
