import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup, Select, Stack } from '@grafana/ui';

import type { ResponseTimeStat, ThroughputType } from '../../../engine/model';
import { AGGREGATE_OPTIONS, RESPONSE_TIME_OPTIONS, THROUGHPUT_OPTIONS } from '../queryOptions';
import { LABEL_WIDTH, SectionProps } from './sectionProps';
import { SwitchField } from './SwitchField';

/** The operation labels offered: the usual one, plus the query's own when it is another. */
export function aggregateOptions(aggregate: string): Array<SelectableValue<string>> {
  return AGGREGATE_OPTIONS.concat(
    aggregate && aggregate !== 'request_operation' ? [{ label: aggregate, value: aggregate }] : []
  );
}

/** What the appenders add: edge labels (response time, throughput) and node details (mTLS, health, kube state…). */
export function AppendersSection({ query, change }: SectionProps) {
  return (
    <>
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
            options={aggregateOptions(query.aggregate)}
            value={query.aggregate}
            onChange={(v) => change({ aggregate: v.value ?? '' })}
          />
        </InlineField>
      </Stack>
    </>
  );
}
