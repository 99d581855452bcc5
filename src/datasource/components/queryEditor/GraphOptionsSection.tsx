import React from 'react';
import { InlineField, InlineSwitch, Input, MultiSelect, Select, Stack } from '@grafana/ui';

import type { BoxBy, RollupMode } from '../../../engine/model';
import { BOX_OPTIONS, ROLLUP_OPTIONS } from '../queryOptions';
import { LABEL_WIDTH, SectionProps } from './sectionProps';

interface Props extends SectionProps {
  /** Boxes and rollup shape the graph only: number queries leave them out. */
  isGraph: boolean;
}

/** The rate window and the graph's shape: service nodes, idle edges, boxes, rollup. */
export function GraphOptionsSection({ query, change, onRunQuery, isGraph }: Props) {
  return (
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
  );
}
