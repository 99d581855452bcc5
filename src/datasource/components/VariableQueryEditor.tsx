import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, Input, Select, Stack } from '@grafana/ui';

import { MeshgraphOptions, MeshgraphQuery, MeshgraphVariableQuery, VariableKind } from '../types';
import { normalizeVariableQuery, takesNamespaceFilter, VariableDataSource } from '../variableQuery';

/** Only the query and onChange are used: the editor needs nothing from the datasource. */
type Props = QueryEditorProps<VariableDataSource, MeshgraphQuery, MeshgraphOptions, MeshgraphVariableQuery>;

const KIND_OPTIONS: Array<SelectableValue<VariableKind>> = [
  { label: 'Namespaces', value: 'namespaces', description: 'Namespaces with Istio traffic' },
  { label: 'Workloads', value: 'workloads', description: 'Source and destination workloads' },
  { label: 'Apps', value: 'apps', description: 'Canonical services (app label)' },
  { label: 'Services', value: 'services', description: 'Destination service names' },
  { label: 'Clusters', value: 'clusters', description: 'Source and destination clusters' },
];

/** Editor of a Meshgraph query variable: which list, and for names, which namespaces. */
export function VariableQueryEditor({ query: raw, onChange }: Props) {
  const query = normalizeVariableQuery(raw);
  const filtered = takesNamespaceFilter(query.kind);
  return (
    <Stack gap={0} wrap="wrap">
      <InlineField label="List" labelWidth={14}>
        <Select<VariableKind>
          inputId="meshgraph-variable-kind"
          aria-label="Variable list"
          width={24}
          options={KIND_OPTIONS}
          value={query.kind}
          onChange={(v) => onChange({ ...query, kind: v.value! })}
        />
      </InlineField>
      {filtered && (
        <InlineField
          label="In namespaces"
          labelWidth={16}
          tooltip="Only names seen in these namespaces: a name or a variable such as $namespace (multi-value and All work). Empty: every namespace."
        >
          <Input
            id="meshgraph-variable-namespace"
            aria-label="Namespace filter"
            width={24}
            placeholder="$namespace"
            defaultValue={query.namespace ?? ''}
            onBlur={(e) => onChange({ ...query, namespace: e.currentTarget.value })}
          />
        </InlineField>
      )}
    </Stack>
  );
}
