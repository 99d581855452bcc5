import React, { useMemo, useState } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Collapse } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { MeshgraphOptions, MeshgraphQuery, withQueryDefaults } from '../types';
import { PromqlPreview } from './PromqlPreview';
import { AppendersSection } from './queryEditor/AppendersSection';
import { GraphOptionsSection } from './queryEditor/GraphOptionsSection';
import { NamespacesSection } from './queryEditor/NamespacesSection';
import { NodeFocusSection } from './queryEditor/NodeFocusSection';
import { LABEL_WIDTH, SectionProps } from './queryEditor/sectionProps';
import { TrafficSection } from './queryEditor/TrafficSection';
import { useNamespaceNames } from './queryEditor/useNamespaceNames';
import { QueryTypeFields } from './QueryTypeFields';
import { ScopeLabelsEditor } from './ScopeLabelsEditor';

type Props = QueryEditorProps<DataSource, MeshgraphQuery, MeshgraphOptions>;

/**
 * The query editor: the query type, then one section per group of options (queryEditor/), the less used ones
 * folded; changes run the query at once, text fields on blur.
 */
export function QueryEditor({ query: rawQuery, onChange, onRunQuery, datasource, range, data }: Props) {
  const query = useMemo(() => withQueryDefaults(rawQuery), [rawQuery]);
  const isGraph = !query.queryType || query.queryType === 'graph';
  const namespaceNames = useNamespaceNames(datasource, range);
  const variables = useMemo(() => datasource.templateVariableNames(), [datasource]);
  const [open, setOpen] = useState<Record<string, boolean>>({ focus: query.node.kind !== 'none' });
  const toggle = (key: string) => (isOpen: boolean) => setOpen({ ...open, [key]: isOpen });

  const change = (patch: Partial<MeshgraphQuery>, run = true) => {
    onChange({ ...query, ...patch });
    if (run) {
      onRunQuery();
    }
  };
  const section: SectionProps = { query, change, onRunQuery };

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
      <NamespacesSection {...section} variables={variables} namespaceNames={namespaceNames} />
      <GraphOptionsSection {...section} isGraph={isGraph} />

      <Collapse label="Traffic" isOpen={!!open.traffic} onToggle={toggle('traffic')}>
        <TrafficSection {...section} />
      </Collapse>

      <Collapse label="Edge labels and node details" isOpen={!!open.appenders} onToggle={toggle('appenders')}>
        <AppendersSection {...section} />
      </Collapse>

      <Collapse label="Node focus" isOpen={!!open.focus} onToggle={toggle('focus')}>
        <NodeFocusSection {...section} />
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
