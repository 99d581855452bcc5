/**
 * Kiali's side-panel charts: request rate, error rate and response time of the selected node (inbound) or edge over
 * the dashboard's range. Asked of the panel's datasource (its `series` resource) only when something is selected;
 * a datasource without it shows no charts. The lines are drawn here as small SVG charts.
 */
import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import type { DataQueryRequest, GrafanaTheme2 } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import type { SeriesNodeRef, SeriesRequest, SeriesResponse } from '../../contract/seriesResource';
import { formatDuration, formatPercent, formatRequestRate, formatByteRate } from '../graph/format';
import type { Palette } from '../graph/palette';
import type { PanelEdge, PanelGraph, PanelNode } from '../graph/types';

const TITLES: Record<string, string> = {
  requestRate: 'Request rate',
  errorRate: 'Error rate',
  responseTime: 'Response time',
};

interface SeriesSource {
  getSeries(req: SeriesRequest, signal?: AbortSignal): Promise<SeriesResponse>;
}

function ref(n: PanelNode | undefined): SeriesNodeRef | undefined {
  if (!n) {
    return undefined;
  }
  return {
    nodeType: n.nodeType,
    cluster: n.cluster,
    namespace: n.namespace,
    workload: n.workload,
    app: n.app,
    version: n.version,
    service: n.service,
  };
}

function format(unit: string, v: number): string {
  return unit === 'percent'
    ? formatPercent(v)
    : unit === 'ms'
      ? formatDuration(v)
      : unit === 'Bps'
        ? formatByteRate(v, true)
        : formatRequestRate(v, true);
}

type State =
  | { kind: 'loading' }
  | { kind: 'none' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; answer: SeriesResponse };

export function DrawerCharts({
  graph,
  node,
  edge,
  request,
  palette,
}: {
  graph: PanelGraph;
  node?: PanelNode;
  edge?: PanelEdge;
  request?: DataQueryRequest;
  palette: Palette;
}) {
  const styles = useStyles2(getStyles);
  // The answer for a request key; another key (a new selection or range) reads as loading until it answers.
  const [answered, setAnswered] = useState<{ key: string; state: State }>({ key: '', state: { kind: 'loading' } });
  const from = request?.range?.from?.valueOf();
  const to = request?.range?.to?.valueOf();
  const dsRef = request?.targets?.find((t) => t.datasource)?.datasource;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const body: SeriesRequest | undefined =
    from === undefined || to === undefined
      ? undefined
      : node
        ? { node: ref(node), from, to, maxPoints: 60 }
        : edge
          ? {
              edge: {
                source: ref(byId.get(edge.source)) as SeriesNodeRef,
                target: ref(byId.get(edge.target)) as SeriesNodeRef,
                protocol: edge.protocol ?? 'http',
              },
              from,
              to,
              maxPoints: 60,
            }
          : undefined;
  const key = JSON.stringify(body ?? null);
  const state: State = !body ? { kind: 'none' } : answered.key === key ? answered.state : { kind: 'loading' };

  useEffect(() => {
    if (!body) {
      return;
    }
    const controller = new AbortController();
    const setState = (st: State) => setAnswered({ key, state: st });
    getDataSourceSrv()
      .get(dsRef ?? undefined, request?.scopedVars)
      .then((ds) => {
        const src = ds as unknown as Partial<SeriesSource>;
        if (typeof src.getSeries !== 'function') {
          setState({ kind: 'none' });
          return;
        }
        return src.getSeries(body, controller.signal).then((answer) => {
          if (!controller.signal.aborted) {
            setState(answer.error ? { kind: 'error', message: answer.error } : { kind: 'done', answer });
          }
        });
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) {
          setState({ kind: 'error', message: (e as Error)?.message ?? String(e) });
        }
      });
    return () => controller.abort();
    // body and the datasource are captured through key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (state.kind === 'none') {
    return null;
  }
  return (
    <div className={styles.section} data-testid="meshgraph-drawer-charts" data-state={state.kind}>
      <h4 className={styles.h}>{node ? 'Inbound over the range' : 'Over the range'}</h4>
      {state.kind === 'loading' && <div className={styles.muted}>Loading charts…</div>}
      {state.kind === 'error' && <div className={styles.muted}>Charts unavailable: {state.message}</div>}
      {state.kind === 'done' &&
        state.answer.series.map((s) => (
          <Chart
            key={s.name}
            title={TITLES[s.name] ?? s.name}
            unit={s.unit}
            points={s.points}
            color={s.name === 'errorRate' ? palette.failure : s.name === 'responseTime' ? palette.tcp : palette.healthy}
            palette={palette}
          />
        ))}
    </div>
  );
}

function Chart({
  title,
  unit,
  points,
  color,
  palette,
}: {
  title: string;
  unit: string;
  points: Array<[number, number | null]>;
  color: string;
  palette: Palette;
}) {
  const styles = useStyles2(getStyles);
  const W = 300;
  const H = 48;
  const values = points.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v));
  const max = values.length > 0 ? Math.max(...values) : 0;
  const last = values.length > 0 ? values[values.length - 1] : undefined;
  const t0 = points[0]?.[0] ?? 0;
  const t1 = points[points.length - 1]?.[0] ?? 1;
  const x = (t: number) => (t1 > t0 ? ((t - t0) / (t1 - t0)) * W : 0);
  // From zero to a little above the maximum, so a steady series reads as a level line, not the chart's edge.
  const y = (v: number) => H - 2 - (max > 0 ? (v / (max * 1.25)) * (H - 4) : 0);
  // Gaps (no data) break the line.
  const paths: string[] = [];
  let d = '';
  for (const [t, v] of points) {
    if (v === null || !Number.isFinite(v)) {
      if (d) {
        paths.push(d);
      }
      d = '';
      continue;
    }
    d += `${d ? 'L' : 'M'}${x(t).toFixed(1)} ${y(v).toFixed(1)}`;
  }
  if (d) {
    paths.push(d);
  }
  const summary =
    values.length === 0 ? 'no data in the range' : `last ${format(unit, last as number)}, max ${format(unit, max)}`;
  return (
    <figure
      className={styles.chart}
      data-testid="meshgraph-chart"
      data-title={title}
      data-points={values.length}
      aria-label={`${title}: ${summary}`}
    >
      <figcaption className={styles.caption}>
        <span>{title}</span>
        <span className={styles.muted}>{summary}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className={styles.svg} aria-hidden="true">
        <line x1="0" y1={H - 2} x2={W} y2={H - 2} stroke={palette.idle} strokeWidth="1" />
        {paths.map((p, i) => (
          <path key={i} d={p} fill="none" stroke={color} strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
        ))}
      </svg>
    </figure>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  section: css({ marginTop: theme.spacing(1.5) }),
  h: css({ fontSize: theme.typography.h6.fontSize, margin: theme.spacing(0, 0, 0.5) }),
  muted: css({ color: theme.colors.text.secondary }),
  chart: css({ margin: theme.spacing(0, 0, 1) }),
  caption: css({ display: 'flex', justifyContent: 'space-between', gap: theme.spacing(1) }),
  svg: css({ width: '100%', height: 48, display: 'block' }),
});
