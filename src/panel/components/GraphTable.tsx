/**
 * The graph as two tables (nodes, edges): the accessible alternative to the canvas, and a plain list for anyone
 * who prefers one. Hidden elements (Hide expression) are left out; found ones are marked. Columns sort on their
 * header (aria-sort says how); health is coloured and has an icon and its word; a name selects the element.
 */
import React, { useMemo, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import type { Selection } from '../graph/findHide';
import { formatByteRate, formatDuration, formatPercent, formatRequestRate } from '../graph/format';
import { nodeDisplayName } from '../graph/nodeLabels';
import type { IconName } from '../graph/iconFont';
import { edgeTotals, nodeTraffic } from '../graph/lazyCells';
import type { Palette } from '../graph/palette';
import type { PanelEdge, PanelGraph, PanelNode } from '../graph/types';
import { IconGlyph } from './Legend';

export interface GraphTableProps {
  graph: PanelGraph;
  hidden: Selection;
  found: Selection;
  /** Visually hidden (screen readers only). */
  srOnly?: boolean;
  /** Health colours (the graph's palette). */
  palette?: Palette;
  onSelect?: (sel: { kind: 'node' | 'edge'; id: string }) => void;
}

/** A node's rates in and out as the table shows them (its stats for other sources). */
function rateTexts(n: PanelNode): { inbound: string; outbound: string } {
  const r = nodeTraffic(n);
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
  const total = edgeTotals(e)?.total ?? 0;
  return e.protocol === 'tcp' ? formatByteRate(total, true) : formatRequestRate(total, true);
}

type Dir = 'ascending' | 'descending';
interface Sort {
  col: number;
  dir: Dir;
}

const HEALTH_ORDER: Record<string, number> = { Failure: 0, Degraded: 1, 'Not Ready': 2, Healthy: 3, Idle: 4, '': 5 };

interface Row {
  id: string;
  /** Cell texts, in column order. */
  cells: string[];
  /** Sort keys, in column order (numbers sort numerically). */
  keys: Array<string | number>;
  health: string;
}

function sortRows(rows: Row[], sort: Sort | undefined): Row[] {
  if (!sort) {
    return rows;
  }
  const f = sort.dir === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a.keys[sort.col];
    const y = b.keys[sort.col];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * f || a.id.localeCompare(b.id);
  });
}

function HealthCell({ health, palette }: { health: string; palette?: Palette }) {
  const color =
    health === 'Failure' ? palette?.failure : health === 'Degraded' ? palette?.degraded : health === 'Healthy' ? palette?.healthy : undefined;
  const icon: IconName | undefined = health === 'Failure' ? 'failure' : health === 'Degraded' ? 'degraded' : health === 'Healthy' ? 'healthy' : undefined;
  return (
    <td data-health={health || undefined} style={color ? { color } : undefined}>
      {icon && color && <IconGlyph name={icon} color={color} size={11} />} {health}
    </td>
  );
}

function SortableTable({
  caption,
  columns,
  rows,
  healthCol,
  palette,
  selectable,
  onSelect,
  found,
  styles,
}: {
  caption: string;
  columns: string[];
  rows: Row[];
  healthCol: number;
  palette?: Palette;
  selectable: boolean;
  onSelect: (id: string) => void;
  found: Set<string>;
  styles: ReturnType<typeof getStyles>;
}) {
  const [sort, setSort] = useState<Sort | undefined>(undefined);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={c} scope="col" aria-sort={sort?.col === i ? sort.dir : undefined}>
              {selectable ? (
                <button
                  type="button"
                  className={styles.sortButton}
                  onClick={() =>
                    setSort((s) => ({ col: i, dir: s?.col === i && s.dir === 'ascending' ? 'descending' : 'ascending' }))
                  }
                >
                  {c}
                  <span aria-hidden="true" className={styles.sortMark}>
                    {sort?.col === i ? (sort.dir === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              ) : (
                c
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => (
          <tr key={r.id} className={found.has(r.id) ? styles.found : undefined}>
            {r.cells.map((cell, i) =>
              i === 0 ? (
                <th scope="row" key={i}>
                  {selectable ? (
                    <button type="button" className={styles.link} onClick={() => onSelect(r.id)}>
                      {cell}
                    </button>
                  ) : (
                    cell
                  )}
                  {found.has(r.id) ? ' (found)' : ''}
                </th>
              ) : i === healthCol ? (
                <HealthCell key={i} health={cell} palette={palette} />
              ) : (
                <td key={i}>{cell}</td>
              )
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Memoized: the panel renders on every hover, selection or notice; the rows change only with these props. */
export const GraphTable = React.memo(function GraphTable({
  graph,
  hidden,
  found,
  srOnly,
  onSelect,
  palette,
}: GraphTableProps) {
  const styles = useStyles2(getStyles);
  const selectable = !srOnly && !!onSelect;
  const nodeRows = useMemo((): Row[] => {
    return graph.nodes
      .filter((n) => n.nodeType !== 'box' && !hidden.nodes.has(n.id))
      .map((n) => {
        const rates = rateTexts(n);
        const health = n.healthStatus && n.healthStatus !== 'NA' ? n.healthStatus : '';
        const name = nodeDisplayName(n);
        const type = n.nodeType === 'generic' ? '' : n.nodeType;
        const t = nodeTraffic(n);
        const inRate = (t?.httpIn ?? 0) + (t?.grpcIn ?? 0) + (t?.tcpIn ?? 0);
        const outRate = (t?.httpOut ?? 0) + (t?.grpcOut ?? 0) + (t?.tcpOut ?? 0);
        return {
          id: n.id,
          cells: [name, type, health, rates.inbound, rates.outbound],
          keys: [name.toLowerCase(), type, HEALTH_ORDER[health] ?? 5, inRate, outRate],
          health,
        };
      });
  }, [graph, hidden]);
  const edgeRows = useMemo((): Row[] => {
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const name = (id: string) => {
      const n = byId.get(id);
      return n ? nodeDisplayName(n) : id;
    };
    return graph.edges
      .filter((e) => !hidden.edges.has(e.id))
      .map((e) => {
        const health = e.healthStatus && e.healthStatus !== 'NA' ? e.healthStatus : e.hasTraffic ? '' : 'Idle';
        const totals = edgeTotals(e);
        const err = totals && e.protocol !== 'tcp' && totals.percentErr > 0 ? totals.percentErr : 0;
        return {
          id: e.id,
          cells: [
            name(e.source),
            name(e.target),
            e.protocol?.toUpperCase() ?? '',
            edgeRate(e),
            err > 0 ? formatPercent(err) : '',
            e.responseTime !== undefined ? formatDuration(e.responseTime) : '',
            health,
          ],
          keys: [
            name(e.source).toLowerCase(),
            name(e.target).toLowerCase(),
            e.protocol ?? '',
            totals?.total ?? 0,
            err,
            e.responseTime ?? -1,
            HEALTH_ORDER[health] ?? 5,
          ],
          health,
        };
      });
  }, [graph, hidden]);
  const foundEdges = found.edges as Set<string>;
  return (
    <div className={srOnly ? styles.srOnly : styles.wrap} data-testid="meshgraph-table">
      <SortableTable
        caption={`Nodes (${nodeRows.length})${found.nodes.size > 0 ? `, ${found.nodes.size} found` : ''}`}
        columns={['Name', 'Type', 'Health', 'Inbound', 'Outbound']}
        rows={nodeRows}
        healthCol={2}
        palette={palette}
        selectable={selectable}
        onSelect={(id) => onSelect?.({ kind: 'node', id })}
        found={found.nodes as Set<string>}
        styles={styles}
      />
      <SortableTable
        caption={`Edges (${edgeRows.length})`}
        columns={['From', 'To', 'Protocol', 'Rate', 'Errors', 'Response time', 'Health']}
        rows={edgeRows}
        healthCol={6}
        palette={palette}
        selectable={selectable}
        onSelect={(id) => onSelect?.({ kind: 'edge', id })}
        found={foundEdges}
        styles={styles}
      />
    </div>
  );
});

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
  sortButton: css({
    background: 'none',
    border: 'none',
    padding: 0,
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 1 },
  }),
  sortMark: css({ fontSize: '0.8em' }),
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
