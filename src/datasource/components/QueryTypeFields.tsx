import React from 'react';
import { InlineField, RadioButtonGroup, Select, Stack, Text } from '@grafana/ui';

import { EDGE_METRICS, EdgeMetric, MeshgraphQuery, NODE_METRICS, NodeMetric, QUERY_TYPES, QueryType } from '../types';
import { EDGE_METRIC_OPTIONS, NODE_METRIC_OPTIONS, QUERY_TYPE_OPTIONS } from './queryOptions';

interface Props {
  query: MeshgraphQuery;
  labelWidth: number;
  /** The whole next query (switching to the graph drops the metric). */
  onChange: (query: MeshgraphQuery) => void;
}

/** The query type of a saved query: absent or '' = the graph (queries saved before the query types). */
export function queryTypeOf(query: Pick<MeshgraphQuery, 'queryType'>): QueryType | string {
  return query.queryType ? query.queryType : 'graph';
}

/** Graph, edge numbers or node numbers, and the number of the last two. */
export function QueryTypeFields({ query, labelWidth, onChange }: Props) {
  const queryType = queryTypeOf(query);
  const known = (QUERY_TYPES as string[]).includes(queryType);

  const setQueryType = (next: QueryType) => {
    const { metric, ...rest } = query;
    if (next === 'graph') {
      onChange({ ...rest, queryType: 'graph' });
      return;
    }
    const allowed: string[] = next === 'edgeMetrics' ? EDGE_METRICS : NODE_METRICS;
    onChange({ ...rest, queryType: next, metric: metric && allowed.includes(metric) ? metric : 'requestRate' });
  };

  return (
    <Stack gap={0} wrap="wrap" alignItems="center">
      <InlineField
        label="Query type"
        labelWidth={labelWidth}
        tooltip="Graph: the traffic graph. Edge and node numbers: one number per edge or node, labelled with its identity — for alert rules, tables and time series."
      >
        <RadioButtonGroup<QueryType>
          aria-label="Query type"
          options={QUERY_TYPE_OPTIONS}
          value={known ? (queryType as QueryType) : undefined}
          onChange={setQueryType}
        />
      </InlineField>
      {queryType === 'edgeMetrics' && (
        <InlineField label="Number" tooltip="What each edge's number is">
          <Select<EdgeMetric>
            inputId="meshgraph-edge-metric"
            aria-label="Edge number"
            width={24}
            options={EDGE_METRIC_OPTIONS}
            value={(query.metric as EdgeMetric) ?? 'requestRate'}
            onChange={(v) => v.value && onChange({ ...query, metric: v.value })}
          />
        </InlineField>
      )}
      {queryType === 'nodeMetrics' && (
        <InlineField label="Number" tooltip="What each node's number is">
          <Select<NodeMetric>
            inputId="meshgraph-node-metric"
            aria-label="Node number"
            width={24}
            options={NODE_METRIC_OPTIONS}
            value={(query.metric as NodeMetric) ?? 'requestRate'}
            onChange={(v) => v.value && onChange({ ...query, metric: v.value })}
          />
        </InlineField>
      )}
      {queryType === 'edgeMetrics' && query.metric === 'responseTime' && query.responseTime === 'off' && (
        <Text color="secondary" variant="bodySmall">
          Response time is off under &quot;Edge labels and node details&quot;: p95 is used.
        </Text>
      )}
      {!known && (
        <Text color="warning" variant="bodySmall">
          Unknown query type {JSON.stringify(queryType)}: choose one.
        </Text>
      )}
    </Stack>
  );
}
