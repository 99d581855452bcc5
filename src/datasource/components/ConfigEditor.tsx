import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { DataSourceHttpSettings, Field, FieldSet, Input, Stack, Text } from '@grafana/ui';

import { DEFAULT_QUERY_SHARDS, MAX_QUERY_SHARDS, isValidQueryShards } from '../../engine/planner/planQueries';
import { parseDurationSeconds } from '../timeWindow';
import {
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_SCRAPE_INTERVAL,
  DEFAULT_SERVICE_DASHBOARD_UID,
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WORKLOAD_DASHBOARD_UID,
  MeshgraphOptions,
  MeshgraphSecureOptions,
} from '../types';
import { ScopeLabelsEditor } from './ScopeLabelsEditor';
import { TolerancesEditor } from './TolerancesEditor';

type Props = DataSourcePluginOptionsEditorProps<MeshgraphOptions, MeshgraphSecureOptions>;

export const DEFAULT_URL = 'http://prometheus:9090';

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? ({} as MeshgraphOptions);
  const setJson = (patch: Partial<MeshgraphOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });

  const scrape = jsonData.scrapeInterval ?? '';
  const scrapeInvalid = scrape.trim() !== '' && parseDurationSeconds(scrape) === undefined;
  const timeoutText = jsonData.timeoutSeconds === undefined ? '' : String(jsonData.timeoutSeconds);
  const timeoutInvalid = jsonData.timeoutSeconds !== undefined && !(Number(jsonData.timeoutSeconds) > 0);
  const shardsText = jsonData.queryShards === undefined ? '' : String(jsonData.queryShards);
  const shardsInvalid = jsonData.queryShards !== undefined && !isValidQueryShards(jsonData.queryShards);

  return (
    <div data-testid="meshgraph-config-editor">
      <DataSourceHttpSettings
        defaultUrl={DEFAULT_URL}
        dataSourceConfig={options}
        onChange={onOptionsChange}
        showAccessOptions={false}
        showForwardOAuthIdentityOption
        urlDocs={
          <>
            The base URL of the Prometheus (or Prometheus-compatible) server that holds the Istio metrics, as
            Grafana&apos;s server reaches it, e.g. {DEFAULT_URL}. Requests go through Grafana&apos;s data proxy with the
            authentication below.
          </>
        }
      />

      <FieldSet label="Prometheus">
        <Field
          label="Scrape interval"
          description={`How often Prometheus scrapes the Istio proxies (default ${DEFAULT_SCRAPE_INTERVAL}). The graph window is at least twice this; $__rate_interval is computed from it.`}
          invalid={scrapeInvalid}
          error={scrapeInvalid ? 'Use a Prometheus duration such as 15s or 1m' : undefined}
        >
          <Input
            id="meshgraph-scrape-interval"
            width={16}
            placeholder={DEFAULT_SCRAPE_INTERVAL}
            value={scrape}
            onChange={(e) => setJson({ scrapeInterval: e.currentTarget.value })}
          />
        </Field>
        <Field
          label="Request timeout (seconds)"
          description={`Per Prometheus request (default ${DEFAULT_TIMEOUT_SECONDS}).`}
          invalid={timeoutInvalid}
          error={timeoutInvalid ? 'Use a positive number of seconds' : undefined}
        >
          <Input
            id="meshgraph-timeout"
            width={16}
            type="number"
            min={1}
            placeholder={String(DEFAULT_TIMEOUT_SECONDS)}
            value={timeoutText}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setJson({ timeoutSeconds: text.trim() === '' ? undefined : Number(text) });
            }}
          />
        </Field>
        <Field
          label="Parallel queries"
          description={`Each traffic metric is asked in this many queries, split by destination namespace, so that Prometheus evaluates them on several cores (default ${DEFAULT_QUERY_SHARDS}; 1 = one query per metric). The answers add up to the same graph.`}
          invalid={shardsInvalid}
          error={shardsInvalid ? `Use a whole number from 1 to ${MAX_QUERY_SHARDS}` : undefined}
        >
          <Input
            id="meshgraph-query-shards"
            width={16}
            type="number"
            min={1}
            max={MAX_QUERY_SHARDS}
            placeholder={String(DEFAULT_QUERY_SHARDS)}
            value={shardsText}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setJson({ queryShards: text.trim() === '' ? undefined : Number(text) });
            }}
          />
        </Field>
        <Field
          label="Default query-scope labels"
          description="Labels added to every query, e.g. mesh_id = mesh1 when one Prometheus holds several meshes. A query's own scope labels override these."
        >
          <ScopeLabelsEditor
            idPrefix="meshgraph-config-scope"
            labels={jsonData.scopeLabels ?? []}
            onChange={(scopeLabels) => setJson({ scopeLabels })}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Health">
        <Text element="p" color="secondary">
          Rate tolerances decide when an edge or node is Degraded or Failure: the share of requests whose response code
          matches the pattern (X = any digit; gRPC uses status codes, &quot;-&quot; means no response). Protocol and
          direction (inbound, outbound) are regular expressions. A degraded threshold of 0 means any error degrades.
        </Text>
        <TolerancesEditor
          tolerances={jsonData.healthTolerances}
          onChange={(healthTolerances) => setJson({ healthTolerances })}
        />
      </FieldSet>

      <FieldSet label="Links">
        <Stack direction="column" gap={0}>
          <Field
            label="Istio workload dashboard UID"
            description={`Target of the nodes' "Istio workload dashboard" link (namespace, workload and time range are passed). Istio's generated dashboards use the MD5 of their file name (${DEFAULT_WORKLOAD_DASHBOARD_UID}); older JSON releases used UbsSZTDik. Empty: no link.`}
          >
            <Input
              id="meshgraph-workload-uid"
              width={40}
              value={jsonData.workloadDashboardUid ?? DEFAULT_WORKLOAD_DASHBOARD_UID}
              onChange={(e) => setJson({ workloadDashboardUid: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Istio service dashboard UID"
            description={`Target of the nodes' "Istio service dashboard" link (the service host and time range are passed). Default ${DEFAULT_SERVICE_DASHBOARD_UID}; older JSON releases used LJ_uJAvmk. Empty: no link.`}
          >
            <Input
              id="meshgraph-service-uid"
              width={40}
              value={jsonData.serviceDashboardUid ?? DEFAULT_SERVICE_DASHBOARD_UID}
              onChange={(e) => setJson({ serviceDashboardUid: e.currentTarget.value })}
            />
          </Field>
          <Field
            label="Cluster domain"
            description={`Builds the service host the service dashboard expects: <service>.<namespace>.<domain> (default ${DEFAULT_CLUSTER_DOMAIN}).`}
          >
            <Input
              id="meshgraph-cluster-domain"
              width={40}
              placeholder={DEFAULT_CLUSTER_DOMAIN}
              value={jsonData.clusterDomain ?? ''}
              onChange={(e) => setJson({ clusterDomain: e.currentTarget.value })}
            />
          </Field>
        </Stack>
      </FieldSet>
    </div>
  );
}
