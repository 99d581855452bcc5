import React from 'react';
import { InlineField, RadioButtonGroup, Select, Stack } from '@grafana/ui';

import type { AmbientTraffic, GrpcRate, HttpRate, TcpRate } from '../../../engine/model';
import { AMBIENT_OPTIONS, GRPC_OPTIONS, HTTP_OPTIONS, TCP_OPTIONS } from '../queryOptions';
import { LABEL_WIDTH, SectionProps } from './sectionProps';

/** Which rate counts per protocol, and which ambient-mode telemetry. */
export function TrafficSection({ query, change }: SectionProps) {
  return (
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
  );
}
