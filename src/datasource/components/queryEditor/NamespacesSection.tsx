import React, { useMemo } from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, MultiSelect, Select, Stack } from '@grafana/ui';

import { ALL_NAMESPACES, MeshgraphQuery } from '../../types';
import { GRAPH_TYPE_OPTIONS } from '../queryOptions';
import { LABEL_WIDTH, SectionProps } from './sectionProps';

interface Props extends Omit<SectionProps, 'onRunQuery'> {
  /** Dashboard variables as `$name`. */
  variables: string[];
  /** Namespaces seen in the telemetry. */
  namespaceNames: string[];
}

/** The namespace choices: All, the dashboard variables, the namespaces seen, then any other name the query holds. */
export function namespaceOptions(
  variables: string[],
  namespaceNames: string[],
  selected: string[]
): Array<SelectableValue<string>> {
  const variableOptions = variables.map((v) => ({ label: v, value: v, description: 'Dashboard variable' }));
  const others = selected
    .filter((v) => v !== ALL_NAMESPACES && !variables.includes(v) && !namespaceNames.includes(v))
    .map((v) => ({ label: v, value: v }));
  return [
    { label: 'All namespaces', value: ALL_NAMESPACES, description: 'No namespace filter' },
    ...variableOptions,
    ...namespaceNames.map((n) => ({ label: n, value: n })),
    ...others,
  ];
}

/** The graph types, then the dashboard variables that may hold one (e.g. $graphType). */
export function graphTypeOptions(variables: string[]): Array<SelectableValue<MeshgraphQuery['graphType']>> {
  return [
    ...GRAPH_TYPE_OPTIONS,
    ...variables
      .filter((v): v is `$${string}` => v.startsWith('$'))
      .map((v) => ({ label: v, value: v, description: 'Dashboard variable' })),
  ];
}

/** "All" and named namespaces exclude each other: the last pick wins. */
export function pickNamespaces(values: Array<string | undefined>): string[] {
  const next = values.filter((v): v is string => v !== undefined && v !== '');
  if (!next.includes(ALL_NAMESPACES) || next.length === 1) {
    return next;
  }
  return next[next.length - 1] === ALL_NAMESPACES ? [ALL_NAMESPACES] : next.filter((v) => v !== ALL_NAMESPACES);
}

/** Which namespaces, and which graph type. */
export function NamespacesSection({ query, change, variables, namespaceNames }: Props) {
  const namespaceChoices = useMemo(
    () => namespaceOptions(variables, namespaceNames, query.namespaces),
    [variables, namespaceNames, query.namespaces]
  );
  const graphTypeChoices = useMemo(() => graphTypeOptions(variables), [variables]);
  return (
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
          options={namespaceChoices}
          value={query.namespaces}
          placeholder="Choose namespaces or $namespace"
          onChange={(values) => change({ namespaces: pickNamespaces(values.map((v) => v.value)) })}
        />
      </InlineField>
      <InlineField label="Graph type" labelWidth={LABEL_WIDTH}>
        <Select<MeshgraphQuery['graphType']>
          inputId="meshgraph-graph-type"
          aria-label="Graph type"
          width={24}
          allowCustomValue
          options={graphTypeChoices}
          value={query.graphType}
          onChange={(v) => v.value && change({ graphType: v.value })}
        />
      </InlineField>
    </Stack>
  );
}
