import React from 'react';
import { css } from '@emotion/css';
import { AppRootProps, GrafanaTheme2 } from '@grafana/data';
import { LinkButton, useStyles2 } from '@grafana/ui';

/** The dashboard this app imports when it is enabled (uid fixed in src/dashboards/istio-traffic-graph.json). */
export const TRAFFIC_DASHBOARD_URL = '/d/meshgraph-istio-traffic';

export function AppRoot(_props: AppRootProps) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.page} data-testid="meshgraph-app-root">
      <h2>Meshgraph</h2>
      <p>
        Kiali&apos;s Istio traffic graph in Grafana. Add a <strong>Meshgraph Istio traffic</strong> datasource pointing at
        the Prometheus, Thanos, Mimir or VictoriaMetrics that holds your Istio telemetry, then open the bundled dashboard
        or add the <strong>Meshgraph traffic graph</strong> panel to your own.
      </p>
      <div className={styles.actions}>
        <LinkButton href={TRAFFIC_DASHBOARD_URL} icon="apps">
          Open the Istio traffic graph dashboard
        </LinkButton>
        <LinkButton href="/connections/datasources/new" variant="secondary" icon="database">
          Add a datasource
        </LinkButton>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ padding: theme.spacing(2), maxWidth: 900 }),
  actions: css({ display: 'flex', gap: theme.spacing(1), marginTop: theme.spacing(2) }),
});
