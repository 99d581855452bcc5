import React, { useEffect, useMemo, useState } from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Collapse, InlineField, InlineSwitch, Input, MultiSelect, RadioButtonGroup, Select, Stack } from '@grafana/ui';

import type { DataSource } from '../datasource';
import type {
  AmbientTraffic,
  BoxBy,
  GrpcRate,
  HttpRate,
  ResponseTimeStat,
  RollupMode,
  TcpRate,
  ThroughputType,
} from '../../engine/model';
import { ALL_NAMESPACES, MeshgraphOptions, MeshgraphQuery, NodeFocusKind, withQueryDefaults } from '../types';
import { PromqlPreview } from './PromqlPreview';
import {
  AGGREGATE_OPTIONS,
  AMBIENT_OPTIONS,
  BOX_OPTIONS,
  FOCUS_OPTIONS,
  GRAPH_TYPE_OPTIONS,
  GRPC_OPTIONS,
  HTTP_OPTIONS,
  RESPONSE_TIME_OPTIONS,
  ROLLUP_OPTIONS,
  TCP_OPTIONS,
  THROUGHPUT_OPTIONS,
} from './queryOptions';
import { QueryTypeFields } from './QueryTypeFields';
import { ScopeLabelsEditor } from './ScopeLabelsEditor';

type Props = QueryEditorProps<DataSource, MeshgraphQuery, MeshgraphOptions>;

/** An on/off option of the query. */
function SwitchField(props: {
  id: string;
  label: string;
  ariaLabel: string;
  tooltip?: string;
  labelWidth?: number;
  value: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <InlineField label={props.label} labelWidth={props.labelWidth} tooltip={props.tooltip}>
      <InlineSwitch
        id={props.id}
        aria-label={props.ariaLabel}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
    </InlineField>
  );
}

const LABEL_WIDTH = 20;

export function QueryEditor({ query: rawQuery, onChange, onRunQuery, datasource, range, data }: Props) {
  const query = useMemo(() => withQueryDefaults(rawQuery), [rawQuery]);
  const isGraph = !query.queryType || query.queryType === 'graph';
  const [namespaceNames, setNamespaceNames] = useState<string[]>([]);
  const [open, setOpen] = useState<Record<string, boolean>>({ focus: query.node.kind !== 'none' });

  // Namespaces seen in the telemetry over the panel's range (best effort: typing a name always works). Keyed on
  // the range to the minute: Grafana hands a new range object after every run.
  const fromMin = range ? Math.floor(range.from.valueOf() / 60_000) : undefined;
  const toMin = range ? Math.floor(range.to.valueOf() / 60_000) : undefined;
  useEffect(() => {
    const controller = new AbortController();
    const span =
      fromMin !== undefined && toMin !== undefined
        ? { from: fromMin * 60_000, to: toMin * 60_000 + 59_999 }
        : undefined;
    datasource
      .listNames('namespaces', '', span, undefined, controller.signal)
      .then((names) => !controller.signal.aborted && setNamespaceNames(names))
      .catch(() => undefined);
    return () => controller.abort();
  }, [datasource, fromMin, toMin]);

  const change = (patch: Partial<MeshgraphQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };

  // A dashboard variable (e.g. $graphType) may choose the graph type.
  const graphTypeOptions: Array<SelectableValue<MeshgraphQuery['graphType']>> = useMemo(
    () => [
      ...GRAPH_TYPE_OPTIONS,
      ...datasource
        .templateVariableNames()
        .filter((v): v is `$${string}` => v.startsWith('$'))
        .map((v) => ({ label: v, value: v, description: 'Dashboard variable' })),
    ],
    [datasource]
  );

  const namespaceOptions: Array<SelectableValue<string>> = useMemo(() => {
    const variables = datasource
      .templateVariableNames()
      .map((v) => ({ label: v, value: v, description: 'Dashboard variable' }));
    const known = namespaceNames.map((n) => ({ label: n, value: n }));
    const selected = query.namespaces
      .filter((v) => v !== ALL_NAMESPACES && !variables.some((o) => o.value === v) && !namespaceNames.includes(v))
      .map((v) => ({ label: v, value: v }));
    return [
      { label: 'All namespaces', value: ALL_NAMESPACES, description: 'No namespace filter' },
      ...variables,
      ...known,
      ...selected,
    ];
  }, [datasource, namespaceNames, query.namespaces]);

  const toggle = (key: string) => (isOpen: boolean) => setOpen({ ...open, [key]: isOpen });

  return (
    <div data-testid="meshgraph-query-editor">
      <QueryTypeFields
        query={query}
        labelWidth={LABEL_WIDTH}
        onChange={(next) => {
          onChange(next);
          onRunQuery();
        }}
      />
      <Stack gap={0} wrap="wrap">
        <InlineField
          label="Namespaces"
          labelWidth={LABEL_WIDTH}
          tooltip="Namespaces to graph: names, dashboard variables such as $namespace, or All"
        >
          <MultiSelect<string>
            inputId="meshgraph-namespaces"
            aria-label="Namespaces"
            width={48}
            allowCustomValue
            options={namespaceOptions}
            value={query.namespaces}
            placeholder="Choose namespaces or $namespace"
            onChange={(values) => {
              let next = values.map((v) => v.value!).filter((v) => v !== undefined && v !== '');
              // "All" and named namespaces exclude each other: the last pick wins.
              if (next.includes(ALL_NAMESPACES) && next.length > 1) {
                next =
                  next[next.length - 1] === ALL_NAMESPACES
                    ? [ALL_NAMESPACES]
                    : next.filter((v) => v !== ALL_NAMESPACES);
              }
              change({ namespaces: next });
            }}
          />
        </InlineField>
        <InlineField label="Graph type" labelWidth={LABEL_WIDTH}>
          <Select<MeshgraphQuery['graphType']>
            inputId="meshgraph-graph-type"
            aria-label="Graph type"
            width={24}
            allowCustomValue
            options={graphTypeOptions}
            value={query.graphType}
            onChange={(v) => v.value && change({ graphType: v.value })}
          />
        </InlineField>
      </Stack>
      <Stack gap={0} wrap="wrap">
        <InlineField
          label="Duration"
          labelWidth={LABEL_WIDTH}
          tooltip="Rate window. Empty: the dashboard time range. Otherwise a Prometheus duration (10m, 1h) or a variable ($__range, $__rate_interval). Never shorter than twice the scrape interval."
        >
          <Input
            id="meshgraph-duration"
            aria-label="Duration"
            width={16}
            placeholder="time range"
            value={query.duration}
            onChange={(e) => change({ duration: e.currentTarget.value }, false)}
            onBlur={onRunQuery}
          />
        </InlineField>
        <InlineField
          label="Service nodes"
          tooltip="Inject service nodes between clients and workloads (always on for the service graph)"
        >
          <InlineSwitch
            id="meshgraph-inject"
            aria-label="Inject service nodes"
            value={query.graphType === 'service' || query.injectServiceNodes}
            disabled={query.graphType === 'service'}
            onChange={(e) => change({ injectServiceNodes: e.currentTarget.checked })}
          />
        </InlineField>
        <InlineField label="Idle edges" tooltip="Show edges that had no traffic in the window">
          <InlineSwitch
            id="meshgraph-idle"
            aria-label="Idle edges"
            value={query.includeIdleEdges}
            onChange={(e) => change({ includeIdleEdges: e.currentTarget.checked })}
          />
        </InlineField>
        {isGraph && (
          <InlineField label="Box by" tooltip="Group nodes in boxes (app graphs always box by app)">
            <MultiSelect<BoxBy>
              inputId="meshgraph-box"
              aria-label="Box by"
              width={32}
              options={BOX_OPTIONS}
              value={query.boxBy}
              onChange={(values) => change({ boxBy: values.map((v) => v.value!) })}
            />
          </InlineField>
        )}
        {isGraph && (
          <InlineField
            label="Rollup"
            tooltip="Fold the graph into one node per namespace or cluster. Auto: when the graph has more nodes than the datasource's rollup node budget."
          >
            <Select<RollupMode | `$${string}`>
              inputId="meshgraph-rollup"
              aria-label="Rollup"
              width={16}
              allowCustomValue
              options={ROLLUP_OPTIONS}
              value={query.rollup ?? 'auto'}
              onChange={(v) => v.value && change({ rollup: v.value })}
            />
          </InlineField>
        )}
      </Stack>

      <Collapse label="Traffic" isOpen={!!open.traffic} onToggle={toggle('traffic')}>
        <Stack gap={0} wrap="wrap">
          <InlineField label="HTTP" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup<HttpRate>
              aria-label="HTTP rate"
              options={HTTP_OPTIONS}
              value={query.rates.http}
              onChange={(http) => change({ rates: { ...query.rates, http } })}
            />
          </InlineField>
          <InlineField label="gRPC">
            <Select<GrpcRate>
              inputId="meshgraph-grpc"
              aria-label="gRPC rate"
              width={22}
              options={GRPC_OPTIONS}
              value={query.rates.grpc}
              onChange={(v) => change({ rates: { ...query.rates, grpc: v.value! } })}
            />
          </InlineField>
          <InlineField label="TCP">
            <Select<TcpRate>
              inputId="meshgraph-tcp"
              aria-label="TCP rate"
              width={20}
              options={TCP_OPTIONS}
              value={query.rates.tcp}
              onChange={(v) => change({ rates: { ...query.rates, tcp: v.value! } })}
            />
          </InlineField>
          <InlineField
            label="Ambient"
            tooltip="Which ambient-mode telemetry to use (ztunnel L4, waypoint L7, both, or none)"
          >
            <Select<AmbientTraffic>
              inputId="meshgraph-ambient"
              aria-label="Ambient traffic"
              width={16}
              options={AMBIENT_OPTIONS}
              value={query.ambientTraffic}
              onChange={(v) => change({ ambientTraffic: v.value! })}
            />
          </InlineField>
        </Stack>
      </Collapse>

      <Collapse label="Edge labels and node details" isOpen={!!open.appenders} onToggle={toggle('appenders')}>
        <Stack gap={0} wrap="wrap">
          <InlineField label="Response time" labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup<ResponseTimeStat | 'off'>
              aria-label="Response time"
              options={RESPONSE_TIME_OPTIONS}
              value={query.responseTime}
              onChange={(responseTime) => change({ responseTime })}
            />
          </InlineField>
          <InlineField label="Throughput">
            <RadioButtonGroup<ThroughputType | 'off'>
              aria-label="Throughput"
              options={THROUGHPUT_OPTIONS}
              value={query.throughput}
              onChange={(throughput) => change({ throughput })}
            />
          </InlineField>
        </Stack>
        <Stack gap={0} wrap="wrap">
          <SwitchField
            id="meshgraph-security"
            label="Security (mTLS)"
            ariaLabel="Security"
            labelWidth={LABEL_WIDTH}
            value={query.securityPolicy}
            onChange={(securityPolicy) => change({ securityPolicy })}
          />
          <SwitchField
            id="meshgraph-health"
            label="Health"
            ariaLabel="Health"
            tooltip="Node and edge health from the datasource's tolerances"
            value={query.health}
            onChange={(health) => change({ health })}
          />
          <SwitchField
            id="meshgraph-kube"
            label="Kube state"
            ariaLabel="Kube state"
            tooltip="Idle nodes, replica health and missing sidecars from kube-state-metrics (skipped with a notice when absent)"
            value={query.kubeState}
            onChange={(kubeState) => change({ kubeState })}
          />
          <SwitchField
            id="meshgraph-details"
            label="Response details"
            ariaLabel="Response details"
            tooltip="Response flags and hosts per response code on edges"
            value={query.responseDetails}
            onChange={(responseDetails) => change({ responseDetails })}
          />
          <InlineField
            label="Operations"
            tooltip="Add operation nodes grouped by this request label (e.g. request_operation); Off to disable"
          >
            <Select<string>
              inputId="meshgraph-aggregate"
              aria-label="Operation label"
              width={24}
              allowCustomValue
              options={AGGREGATE_OPTIONS.concat(
                query.aggregate && query.aggregate !== 'request_operation'
                  ? [{ label: query.aggregate, value: query.aggregate }]
                  : []
              )}
              value={query.aggregate}
              onChange={(v) => change({ aggregate: v.value ?? '' })}
            />
          </InlineField>
        </Stack>
      </Collapse>

      <Collapse label="Node focus" isOpen={!!open.focus} onToggle={toggle('focus')}>
        <Stack gap={0} wrap="wrap">
          <InlineField
            label="Focus on"
            labelWidth={LABEL_WIDTH}
            tooltip="Show one node and its immediate inbound and outbound traffic"
          >
            <RadioButtonGroup<NodeFocusKind>
              aria-label="Node focus kind"
              options={FOCUS_OPTIONS}
              value={query.node.kind}
              onChange={(kind) => change({ node: { ...query.node, kind } })}
            />
          </InlineField>
          {query.node.kind !== 'none' && (
            <>
              <InlineField label="Namespace">
                <Input
                  id="meshgraph-node-ns"
                  aria-label="Node namespace"
                  width={20}
                  placeholder="$namespace"
                  value={query.node.namespace}
                  onChange={(e) => change({ node: { ...query.node, namespace: e.currentTarget.value } }, false)}
                  onBlur={onRunQuery}
                />
              </InlineField>
              <InlineField label="Name">
                <Input
                  id="meshgraph-node-name"
                  aria-label="Node name"
                  width={24}
                  placeholder={
                    query.node.kind === 'workload' ? '$workload' : query.node.kind === 'app' ? '$app' : '$service'
                  }
                  value={query.node.name}
                  onChange={(e) => change({ node: { ...query.node, name: e.currentTarget.value } }, false)}
                  onBlur={onRunQuery}
                />
              </InlineField>
              {query.node.kind === 'app' && (
                <InlineField label="Version">
                  <Input
                    id="meshgraph-node-version"
                    aria-label="Node version"
                    width={12}
                    placeholder="any"
                    value={query.node.version ?? ''}
                    onChange={(e) => change({ node: { ...query.node, version: e.currentTarget.value } }, false)}
                    onBlur={onRunQuery}
                  />
                </InlineField>
              )}
            </>
          )}
        </Stack>
      </Collapse>

      <Collapse
        label={`Scope labels${query.scope.length ? ` (${query.scope.length})` : ''}`}
        isOpen={!!open.scope}
        onToggle={toggle('scope')}
      >
        <ScopeLabelsEditor
          idPrefix="meshgraph-query-scope"
          labels={query.scope}
          onChange={(scope) => change({ scope }, false)}
          onBlur={onRunQuery}
        />
      </Collapse>

      <Collapse label="PromQL" isOpen={!!open.promql} onToggle={toggle('promql')}>
        {open.promql && (
          <PromqlPreview
            datasource={datasource}
            query={query}
            from={range?.from.valueOf()}
            to={range?.to.valueOf()}
            intervalMs={data?.request?.intervalMs}
          />
        )}
      </Collapse>
    </div>
  );
}
