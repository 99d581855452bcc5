import React from 'react';
import { InlineField, InlineSwitch } from '@grafana/ui';

/** An on/off option of the query. */
export function SwitchField(props: {
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
