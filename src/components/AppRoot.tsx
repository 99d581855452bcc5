import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { AppRootProps, DataSourceInstanceSettings, GrafanaTheme2 } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, PluginPage } from '@grafana/runtime';
import { Alert, LinkButton, Spinner, Stack, Text, useStyles2 } from '@grafana/ui';

/** The dashboard this app imports when it is enabled (uid fixed in src/dashboards/istio-traffic-graph.json). */
export const TRAFFIC_DASHBOARD_URL = '/d/meshgraph-istio-traffic';
export const DATASOURCE_TYPE = 'meshgraph-istio-datasource';

/** A datasource's "Save & test" answer (the backend's CheckHealth, through Grafana's /health API). */
interface Health {
  status: 'OK' | 'ERROR' | 'checking';
  message: string;
}

async function checkHealth(uid: string): Promise<Health> {
  try {
    const answer = await getBackendSrv().get<{ status?: string; message?: string }>(
      `/api/datasources/uid/${encodeURIComponent(uid)}/health`,
      undefined,
      undefined,
      { showErrorAlert: false }
    );
    return { status: answer?.status === 'OK' ? 'OK' : 'ERROR', message: answer?.message ?? '' };
  } catch (e) {
    // Grafana answers 400 with the same {status, message} when the check fails.
    const data = (e as { data?: { message?: string } })?.data;
    return { status: 'ERROR', message: data?.message ?? (e instanceof Error ? e.message : 'The check failed') };
  }
}

function DatasourceHealth({ ds }: { ds: DataSourceInstanceSettings }) {
  const [health, setHealth] = useState<Health>({ status: 'checking', message: '' });
  useEffect(() => {
    let live = true;
    checkHealth(ds.uid).then((h) => live && setHealth(h));
    return () => {
      live = false;
    };
  }, [ds.uid]);
  return (
    <li data-testid="meshgraph-app-datasource">
      <Stack direction="column" gap={0.5}>
        <Stack gap={1} alignItems="center">
          <Text weight="medium">{ds.name}</Text>
          <LinkButton
            size="sm"
            variant="secondary"
            fill="text"
            href={`/connections/datasources/edit/${encodeURIComponent(ds.uid)}`}
          >
            Settings
          </LinkButton>
        </Stack>
        {health.status === 'checking' ? (
          <Stack gap={1} alignItems="center">
            <Spinner inline /> <Text color="secondary">Checking Prometheus…</Text>
          </Stack>
        ) : (
          // What the backend found: Istio request and TCP series, namespaces, kube-state-metrics.
          <Text color={health.status === 'OK' ? 'success' : 'error'}>{health.message}</Text>
        )}
      </Stack>
    </li>
  );
}

/** The app's page: its Meshgraph datasources with what each found in Prometheus, and the way to the dashboard. */
export function AppRoot(_props: AppRootProps) {
  const styles = useStyles2(getStyles);
  const datasources = getDataSourceSrv().getList({ type: DATASOURCE_TYPE });
  return (
    <PluginPage>
      <div className={styles.page} data-testid="meshgraph-app-root">
        <p>
          Kiali&apos;s Istio traffic graph in Grafana, built on Grafana&apos;s server from the Istio telemetry in your
          Prometheus, Thanos, Mimir or VictoriaMetrics.
        </p>
        <div className={styles.actions}>
          <LinkButton href={TRAFFIC_DASHBOARD_URL} icon="apps">
            Open the Istio traffic graph dashboard
          </LinkButton>
          <LinkButton href={`/connections/datasources/new`} variant="secondary" icon="database">
            Add a datasource
          </LinkButton>
        </div>
        <h3 className={styles.heading}>Meshgraph datasources</h3>
        {datasources.length === 0 ? (
          <Alert severity="info" title="No Meshgraph datasource yet">
            Add a <strong>Meshgraph Istio traffic</strong> datasource pointing at the Prometheus that scrapes your Istio
            proxies; the dashboard and alert rules use it.
          </Alert>
        ) : (
          <ul className={styles.list}>
            {datasources.map((ds) => (
              <DatasourceHealth key={ds.uid} ds={ds} />
            ))}
          </ul>
        )}
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ maxWidth: 900 }),
  actions: css({ display: 'flex', gap: theme.spacing(1), marginTop: theme.spacing(2) }),
  heading: css({ marginTop: theme.spacing(3) }),
  list: css({ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: theme.spacing(2), padding: 0 }),
});
