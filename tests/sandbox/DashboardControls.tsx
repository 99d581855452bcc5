/**
 * Grafana's dashboard chrome for the demo (URL parameter `controls=1`): variable pickers (datasource, namespace
 * multi-select with All, graph type and any other custom variable), the time-range picker, refresh with an auto
 * interval, and the panel editor's options pane built from the plugin's own option builder. Tests run without it.
 */
import { type GrafanaTheme2, type SelectableValue, type TimeRange } from '@grafana/data';
import {
  Field,
  Input,
  MultiSelect,
  RadioButtonGroup,
  RefreshPicker,
  Select,
  Switch,
  TimeRangePicker,
  ToolbarButton,
  useStyles2,
} from '@grafana/ui';
import { css } from '@emotion/css';
import React, { useEffect, useState } from 'react';

import { ALL_VALUE, type SandboxVariable } from './params';

/** One option of the panel's options editor, as its builder declared it. */
export interface OptionItem {
  kind: 'select' | 'multiSelect' | 'booleanSwitch' | 'numberInput' | 'textInput' | 'radio';
  path: string;
  name: string;
  description?: string;
  category?: string[];
  settings?: { options?: Array<SelectableValue<unknown>>; min?: number; max?: number };
}

/** Runs a panel plugin's option supplier with a recording builder (what Grafana's options pane renders). */
export function optionItems(supplier: ((builder: unknown, context: unknown) => void) | undefined): OptionItem[] {
  const items: OptionItem[] = [];
  if (!supplier) {
    return items;
  }
  const builder: Record<string, unknown> = {};
  for (const kind of ['select', 'multiSelect', 'booleanSwitch', 'numberInput', 'textInput', 'radio'] as const) {
    const method = `add${kind[0].toUpperCase()}${kind.slice(1)}`;
    builder[method] = (cfg: Omit<OptionItem, 'kind'>) => {
      items.push({ kind, ...cfg });
      return builder;
    };
  }
  builder.addCustomEditor = () => builder;
  builder.addSliderInput = () => builder;
  builder.addColorPicker = () => builder;
  builder.addFieldNamePicker = () => builder;
  builder.addNestedOptions = () => builder;
  supplier(builder, { data: [] });
  return items;
}

export interface DashboardControlsProps {
  variables: SandboxVariable[];
  datasources: Array<{ uid: string; name: string }>;
  range: TimeRange;
  loading: boolean;
  onVariable: (name: string, values: string[]) => void;
  onTimeRange: (from: string | number, to: string | number) => void;
  onRefresh: () => void;
  optionsOpen: boolean;
  onToggleOptions: () => void;
}

export function DashboardControls(props: DashboardControlsProps) {
  const styles = useStyles2(getStyles);
  const [interval, setIntervalValue] = useState('');
  const { onRefresh } = props;
  useEffect(() => {
    const seconds =
      /^(\d+)s$/.exec(interval)?.[1] ??
      (/^(\d+)m$/.exec(interval) ? String(Number(/^(\d+)m$/.exec(interval)![1]) * 60) : undefined);
    if (!seconds) {
      return;
    }
    const timer = setInterval(onRefresh, Number(seconds) * 1000);
    return () => clearInterval(timer);
  }, [interval, onRefresh]);

  return (
    <div className={styles.bar} data-testid="sandbox-controls">
      <div className={styles.variables}>
        <Field label="Datasource" className={styles.field}>
          <Select
            aria-label="Datasource"
            width={20}
            value={props.datasources[0]?.uid}
            options={props.datasources.map((d) => ({ value: d.uid, label: d.name }))}
            onChange={() => undefined}
          />
        </Field>
        {props.variables
          .filter((v) => v.type === 'query' || v.type === 'custom')
          .map((v) => {
            const label = v.label ?? v.name;
            const options = [
              ...(v.includeAll ? [{ value: ALL_VALUE, label: 'All' }] : []),
              ...v.options.map((o) => ({ value: o, label: o })),
            ];
            return (
              <Field key={v.name} label={label} className={styles.field}>
                {v.multi ? (
                  <MultiSelect<string>
                    aria-label={label}
                    width={36}
                    value={v.current}
                    options={options}
                    onChange={(sel) => {
                      let values = sel.map((s) => s.value as string);
                      // Picking All clears the rest; picking a name after All replaces All (Grafana's picker).
                      if (values.includes(ALL_VALUE)) {
                        values =
                          values[values.length - 1] === ALL_VALUE ? [ALL_VALUE] : values.filter((x) => x !== ALL_VALUE);
                      }
                      props.onVariable(v.name, values.length > 0 ? values : [ALL_VALUE]);
                    }}
                  />
                ) : (
                  <Select<string>
                    aria-label={label}
                    width={20}
                    value={v.current[0]}
                    options={options}
                    onChange={(sel) => sel?.value !== undefined && props.onVariable(v.name, [sel.value])}
                  />
                )}
              </Field>
            );
          })}
      </div>
      <div className={styles.time}>
        <TimeRangePicker
          value={props.range}
          timeZone="utc"
          onChange={(r) => props.onTimeRange(r.raw.from as string | number, r.raw.to as string | number)}
          onChangeTimeZone={() => undefined}
          onMoveBackward={() => {
            const span = props.range.to.valueOf() - props.range.from.valueOf();
            props.onTimeRange(props.range.from.valueOf() - span, props.range.from.valueOf());
          }}
          onMoveForward={() => {
            const span = props.range.to.valueOf() - props.range.from.valueOf();
            props.onTimeRange(props.range.to.valueOf(), props.range.to.valueOf() + span);
          }}
          onZoom={() => {
            const span = props.range.to.valueOf() - props.range.from.valueOf();
            props.onTimeRange(props.range.from.valueOf() - span / 2, props.range.to.valueOf() + span / 2);
          }}
        />
        <RefreshPicker
          onRefresh={props.onRefresh}
          onIntervalChanged={setIntervalValue}
          value={interval}
          intervals={['15s', '30s', '1m', '5m']}
          isLoading={props.loading}
        />
        <ToolbarButton
          icon="sliders-v-alt"
          variant={props.optionsOpen ? 'active' : 'default'}
          aria-pressed={props.optionsOpen}
          onClick={props.onToggleOptions}
        >
          Panel options
        </ToolbarButton>
      </div>
    </div>
  );
}

/** The panel editor's options pane (the plugin's options, grouped by category). */
export function OptionsPane({
  items,
  values,
  onChange,
}: {
  items: OptionItem[];
  values: Record<string, unknown>;
  onChange: (path: string, value: unknown) => void;
}) {
  const styles = useStyles2(getStyles);
  const groups = new Map<string, OptionItem[]>();
  for (const it of items) {
    const c = it.category?.[0] ?? 'Options';
    groups.set(c, [...(groups.get(c) ?? []), it]);
  }
  return (
    <aside className={styles.pane} aria-label="Panel options" data-testid="sandbox-options-pane">
      <h3 className={styles.paneTitle}>Panel options</h3>
      <p className={styles.note}>
        What Grafana's panel editor shows for this panel; changes apply to the panel as they would in the editor.
      </p>
      {[...groups].map(([category, list]) => (
        <section key={category}>
          <h4 className={styles.group}>{category}</h4>
          {list.map((it) => (
            <Field key={it.path} label={it.name} description={it.description}>
              <OptionEditor item={it} value={values[it.path]} onChange={(v) => onChange(it.path, v)} />
            </Field>
          ))}
        </section>
      ))}
    </aside>
  );
}

function OptionEditor({ item, value, onChange }: { item: OptionItem; value: unknown; onChange: (v: unknown) => void }) {
  const options = (item.settings?.options ?? []) as Array<SelectableValue<string>>;
  switch (item.kind) {
    case 'booleanSwitch':
      return <Switch aria-label={item.name} value={!!value} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'select':
      return (
        <Select<string>
          aria-label={item.name}
          value={value as string}
          options={options}
          onChange={(v) => onChange(v?.value)}
        />
      );
    case 'multiSelect':
      return (
        <MultiSelect<string>
          aria-label={item.name}
          value={(value as string[]) ?? []}
          options={options}
          onChange={(v) => onChange(v.map((x) => x.value))}
        />
      );
    case 'radio':
      return (
        <RadioButtonGroup<string>
          options={options as Array<{ value: string; label: string }>}
          value={value as string}
          onChange={onChange}
        />
      );
    case 'numberInput':
      return (
        <Input
          aria-label={item.name}
          type="number"
          defaultValue={String(value ?? '')}
          onBlur={(e) => {
            const n = Number(e.currentTarget.value);
            if (Number.isFinite(n)) {
              onChange(n);
            }
          }}
        />
      );
    default:
      return (
        <Input
          aria-label={item.name}
          defaultValue={String(value ?? '')}
          onBlur={(e) => onChange(e.currentTarget.value)}
        />
      );
  }
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1.5),
  }),
  variables: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1), alignItems: 'flex-end' }),
  field: css({ marginBottom: 0 }),
  time: css({ display: 'flex', gap: theme.spacing(0.5), alignItems: 'center' }),
  pane: css({
    width: 340,
    flex: '0 0 340px',
    overflowY: 'auto',
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  paneTitle: css({ fontSize: theme.typography.h5.fontSize, margin: 0 }),
  note: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  group: css({ fontSize: theme.typography.h6.fontSize, margin: theme.spacing(2, 0, 1) }),
});
