/** Loading, empty and error states of the panel: each says what is going on and what to do. */
import React from 'react';
import { css } from '@emotion/css';
import type { DataQueryError, GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

export function LoadingState() {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.center} data-testid="meshgraph-loading">
      <LoadingPlaceholder text="Loading traffic graph…" />
    </div>
  );
}

export function EmptyState({ hasOtherFrames }: { hasOtherFrames: boolean }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.center} data-testid="meshgraph-empty">
      <div className={styles.box}>
        <p className={styles.title}>No Istio traffic for these namespaces in this range</p>
        {hasOtherFrames ? (
          <p className={styles.hint}>
            The query returned data, but no node graph frames: the panel expects frames named “nodes” and “edges”
            (Grafana’s Node Graph format), or an edges frame with id, source and target fields.
          </p>
        ) : (
          <p className={styles.hint}>
            Rates need at least two samples: make the time range (the rate window) at least twice the Prometheus
            scrape interval (e.g. 30s or more for a 15s scrape), check the namespace selection, and that the mesh
            sends traffic in this period.
          </p>
        )}
      </div>
    </div>
  );
}

/** Advice for the usual causes, from the status and the text of the error. */
export function adviceFor(err: DataQueryError): string {
  const status = Number(err.status);
  const text = `${err.message ?? ''} ${err.statusText ?? ''}`.toLowerCase();
  if (status === 401 || status === 403 || /unauthori[sz]ed|forbidden/.test(text)) {
    return 'Check the credentials of the data source (Connections → Data sources) and your permissions.';
  }
  if (status === 404 || /not found/.test(text)) {
    return 'Check the data source URL: it should point at the Prometheus server (the path that serves /api/v1/query).';
  }
  if (status >= 500 || /timeout|timed out|bad gateway|unavailable|econnrefused|network/.test(text)) {
    return 'Prometheus did not answer in time or is unreachable: check that it is up, or narrow the namespaces or time range.';
  }
  if (/parse|syntax|invalid/.test(text)) {
    return 'A query was rejected: check the query options (namespaces, variables) in the panel’s query editor.';
  }
  return 'Check the query editor and the data source settings, then refresh the dashboard.';
}

export function errorsOf(data: { errors?: DataQueryError[]; error?: DataQueryError }): DataQueryError[] {
  const list = [...(data.errors ?? [])];
  if (data.error && !list.includes(data.error)) {
    list.push(data.error);
  }
  return list.filter((e) => e && (e.message || e.statusText || e.status));
}

export function ErrorState({ errors }: { errors: DataQueryError[] }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.center} data-testid="meshgraph-error">
      <div className={styles.box}>
        {errors.map((e, i) => (
          <Alert key={i} severity="error" title={e.message || e.statusText || `Request failed (${e.status})`}>
            {e.refId ? `Query ${e.refId}. ` : ''}
            {adviceFor(e)}
          </Alert>
        ))}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  center: css({ display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%', padding: theme.spacing(2) }),
  box: css({ maxWidth: 560, textAlign: 'center' }),
  title: css({ fontSize: theme.typography.h5.fontSize, marginBottom: theme.spacing(1) }),
  hint: css({ color: theme.colors.text.secondary }),
});
