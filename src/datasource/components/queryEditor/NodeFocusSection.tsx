import React from 'react';
import { InlineField, Input, RadioButtonGroup, Stack } from '@grafana/ui';

import type { NodeFocusKind } from '../../types';
import { FOCUS_OPTIONS } from '../queryOptions';
import { LABEL_WIDTH, SectionProps } from './sectionProps';

const NAME_PLACEHOLDER: Record<Exclude<NodeFocusKind, 'none'>, string> = {
  workload: '$workload',
  app: '$app',
  service: '$service',
};

/** One node and its immediate traffic: the kind, then its namespace, name and (apps) version. */
export function NodeFocusSection({ query, change, onRunQuery }: SectionProps) {
  const node = query.node;
  const setText = (field: 'namespace' | 'name' | 'version') => (e: React.FormEvent<HTMLInputElement>) =>
    change({ node: { ...node, [field]: e.currentTarget.value } }, false);
  return (
    <Stack gap={0} wrap="wrap">
      <InlineField
        label="Focus on"
        labelWidth={LABEL_WIDTH}
        tooltip="Show one node and its immediate inbound and outbound traffic"
      >
        <RadioButtonGroup<NodeFocusKind>
          aria-label="Node focus kind"
          options={FOCUS_OPTIONS}
          value={node.kind}
          onChange={(kind) => change({ node: { ...node, kind } })}
        />
      </InlineField>
      {node.kind !== 'none' && (
        <>
          <InlineField label="Namespace">
            <Input
              id="meshgraph-node-ns"
              aria-label="Node namespace"
              width={20}
              placeholder="$namespace"
              value={node.namespace}
              onChange={setText('namespace')}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Name">
            <Input
              id="meshgraph-node-name"
              aria-label="Node name"
              width={24}
              placeholder={NAME_PLACEHOLDER[node.kind] ?? '$service'}
              value={node.name}
              onChange={setText('name')}
              onBlur={onRunQuery}
            />
          </InlineField>
          {node.kind === 'app' && (
            <InlineField label="Version">
              <Input
                id="meshgraph-node-version"
                aria-label="Node version"
                width={12}
                placeholder="any"
                value={node.version ?? ''}
                onChange={setText('version')}
                onBlur={onRunQuery}
              />
            </InlineField>
          )}
        </>
      )}
    </Stack>
  );
}
