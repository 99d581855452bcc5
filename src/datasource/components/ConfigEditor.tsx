import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Auth, AuthMethod, ConfigSection, ConnectionSettings, convertLegacyAuthProps } from '@grafana/plugin-ui';
import { Divider, Field, Input, SecretInput, Stack, Text } from '@grafana/ui';

import { DEFAULT_QUERY_SHARDS, MAX_QUERY_SHARDS, isValidQueryShards } from '../../engine/planner/planQueries';
import { DEFAULT_ROLLUP_NODE_BUDGET, isValidRollupBudget } from '../../engine/rollup/rollup';
import { parseDurationSeconds } from '../timeWindow';
import {
  DEFAULT_CLUSTER_DOMAIN,
  DEFAULT_MAX_ANSWER_MB,
  DEFAULT_SCRAPE_INTERVAL,
  DEFAULT_SERVICE_DASHBOARD_UID,
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WORKLOAD_DASHBOARD_UID,
  MeshgraphOptions,
  MeshgraphSecureOptions,
} from '../types';
import { headerRows, withHeaderRows } from './httpHeaders';
import { ScopeLabelsEditor } from './ScopeLabelsEditor';
import { TolerancesEditor } from './TolerancesEditor';

type Props = DataSourcePluginOptionsEditorProps<MeshgraphOptions, MeshgraphSecureOptions>;
type Settings = Props['options'];

export const DEFAULT_URL = 'http://prometheus:9090';

/** Auth's custom method for `Authorization: Bearer <token>` (jsonData.bearerAuth + secureJsonData.bearerToken). */
export const BEARER_METHOD = 'custom-bearer' as const;

function BearerTokenField({ options, onOptionsChange }: Props) {
  return (
    <Field
      label="Bearer token"
      description="Sent as Authorization: Bearer <token> with every Prometheus request. Stored encrypted on Grafana's server; only the backend reads it."
    >
      <SecretInput
        id="meshgraph-bearer-token"
        width={40}
        placeholder="Token"
        disabled={options.readOnly}
        isConfigured={Boolean(options.secureJsonFields?.bearerToken)}
        value={options.secureJsonData?.bearerToken ?? ''}
        onChange={(e) =>
          onOptionsChange({
            ...options,
            secureJsonData: { ...options.secureJsonData, bearerToken: e.currentTarget.value },
          })
        }
        onReset={() =>
          onOptionsChange({
            ...options,
            secureJsonData: { ...options.secureJsonData, bearerToken: '' },
            secureJsonFields: { ...options.secureJsonFields, bearerToken: false },
          })
        }
      />
    </Field>
  );
}

/** plugin-ui's Auth for what the backend supports: none, basic, bearer token; TLS; custom headers. */
function AuthSettings({ options, onOptionsChange }: Props) {
  const legacy = convertLegacyAuthProps<Settings>({ config: options, onChange: onOptionsChange });
  const jsonData = options.jsonData ?? ({} as MeshgraphOptions);
  const selectedMethod = jsonData.bearerAuth
    ? BEARER_METHOD
    : options.basicAuth
      ? AuthMethod.BasicAuth
      : AuthMethod.NoAuth;
  return (
    <Auth
      {...legacy}
      selectedMethod={selectedMethod}
      visibleMethods={[AuthMethod.NoAuth, AuthMethod.BasicAuth, BEARER_METHOD]}
      defaultOptionsOverrides={{
        [AuthMethod.NoAuth]: { label: 'No authentication', description: 'Prometheus is reachable without credentials' },
      }}
      customMethods={[
        {
          id: BEARER_METHOD,
          label: 'Bearer token',
          description: 'Authenticate with a token (Authorization: Bearer …)',
          component: <BearerTokenField options={options} onOptionsChange={onOptionsChange} />,
        },
      ]}
      onAuthMethodSelect={(method) =>
        onOptionsChange({
          ...options,
          basicAuth: method === AuthMethod.BasicAuth,
          withCredentials: false,
          jsonData: { ...jsonData, bearerAuth: method === BEARER_METHOD },
        })
      }
      basicAuth={legacy.basicAuth && { ...legacy.basicAuth, userLabel: 'User', passwordLabel: 'Password' }}
      customHeaders={{
        headers: headerRows(options),
        onChange: (rows) => onOptionsChange(withHeaderRows(options, rows)),
      }}
    />
  );
}

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const jsonData = options.jsonData ?? ({} as MeshgraphOptions);
  const setJson = (patch: Partial<MeshgraphOptions>) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, ...patch } });

  const scrape = jsonData.scrapeInterval ?? '';
  const scrapeInvalid = scrape.trim() !== '' && parseDurationSeconds(scrape) === undefined;
  const maxAnswerText = jsonData.maxAnswerMB === undefined ? '' : String(jsonData.maxAnswerMB);
  const maxAnswerInvalid = jsonData.maxAnswerMB !== undefined && !(Number(jsonData.maxAnswerMB) > 0);
  const timeoutText = jsonData.timeoutSeconds === undefined ? '' : String(jsonData.timeoutSeconds);
  const timeoutInvalid = jsonData.timeoutSeconds !== undefined && !(Number(jsonData.timeoutSeconds) > 0);
  const shardsText = jsonData.queryShards === undefined ? '' : String(jsonData.queryShards);
  const shardsInvalid = jsonData.queryShards !== undefined && !isValidQueryShards(jsonData.queryShards);
  const budgetText = jsonData.rollupNodeBudget === undefined ? '' : String(jsonData.rollupNodeBudget);
  const budgetInvalid = jsonData.rollupNodeBudget !== undefined && !isValidRollupBudget(jsonData.rollupNodeBudget);

  return (
    <div data-testid="meshgraph-config-editor">
      <ConnectionSettings<Settings>
        config={options}
        onChange={onOptionsChange}
        urlLabel="Prometheus URL"
        urlPlaceholder={DEFAULT_URL}
        urlTooltip="The Prometheus (or Prometheus-compatible) base URL, as Grafana's server reaches it."
        description={
          <>
            The base URL of the Prometheus server that holds the Istio metrics, e.g. {DEFAULT_URL}. Meshgraph&apos;s
            backend runs on Grafana&apos;s server and queries this URL itself, with the authentication below: the
            browser never talks to Prometheus, so the URL must be reachable from Grafana&apos;s server.
          </>
        }
      />
      <AuthSettings options={options} onOptionsChange={onOptionsChange} />
      <Divider />

      <ConfigSection title="Prometheus" description="How the backend queries Prometheus.">
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
          description={`How long the backend waits for each Prometheus request (default ${DEFAULT_TIMEOUT_SECONDS}).`}
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
          label="Maximum answer size (MB)"
          description={`Prometheus answers larger than this are refused with a message instead of being read (default ${DEFAULT_MAX_ANSWER_MB}; reading an answer takes about five times its size in the Grafana server's memory).`}
          invalid={maxAnswerInvalid}
          error={maxAnswerInvalid ? 'Use a positive number of MB' : undefined}
        >
          <Input
            id="meshgraph-max-answer"
            width={16}
            type="number"
            min={1}
            placeholder={String(DEFAULT_MAX_ANSWER_MB)}
            value={maxAnswerText}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setJson({ maxAnswerMB: text.trim() === '' ? undefined : Number(text) });
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
      </ConfigSection>

      <Divider />
      <ConfigSection title="Large graphs">
        <Field
          label="Rollup node budget"
          description={`Graph queries with rollup "Auto" (the default) show a graph of more nodes than this rolled up into one node per namespace (per cluster when the namespaces are still too many); expanding a namespace shows its members (default ${DEFAULT_ROLLUP_NODE_BUDGET}).`}
          invalid={budgetInvalid}
          error={budgetInvalid ? 'Use a whole number of at least 1' : undefined}
        >
          <Input
            id="meshgraph-rollup-budget"
            width={16}
            type="number"
            min={1}
            placeholder={String(DEFAULT_ROLLUP_NODE_BUDGET)}
            value={budgetText}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setJson({ rollupNodeBudget: text.trim() === '' ? undefined : Number(text) });
            }}
          />
        </Field>
      </ConfigSection>

      <Divider />
      <ConfigSection title="Health">
        <Text element="p" color="secondary">
          Rate tolerances decide when an edge or node is Degraded or Failure: the share of requests whose response code
          matches the pattern (X = any digit; gRPC uses status codes, &quot;-&quot; means no response). Protocol and
          direction (inbound, outbound) are regular expressions. A degraded threshold of 0 means any error degrades.
        </Text>
        <TolerancesEditor
          tolerances={jsonData.healthTolerances}
          onChange={(healthTolerances) => setJson({ healthTolerances })}
        />
      </ConfigSection>

      <Divider />
      <ConfigSection title="Links" description="Data links on the graph's nodes.">
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
      </ConfigSection>
    </div>
  );
}
