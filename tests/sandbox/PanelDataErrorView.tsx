/**
 * Grafana registers its PanelDataErrorView at boot (setPanelDataErrorView); without it @grafana/runtime's
 * placeholder prints "Unable to render data". This one gives Grafana's messages for the common cases.
 */
import { FieldType, type PanelData } from '@grafana/data';
import type { PanelDataErrorViewProps } from '@grafana/runtime';
import { useTheme2 } from '@grafana/ui';
import React from 'react';

export function dataErrorMessage(props: PanelDataErrorViewProps): string {
  if (props.message) {
    return props.message;
  }
  const series = (props.data as PanelData).series ?? [];
  if (series.length === 0 || series.every((frame) => frame.length === 0)) {
    return 'No data';
  }
  const fields = series.flatMap((frame) => frame.fields);
  if (props.needsNumberField && !fields.some((f) => f.type === FieldType.number)) {
    return 'Data is missing a number field';
  }
  if (props.needsTimeField && !fields.some((f) => f.type === FieldType.time)) {
    return 'Data is missing a time field';
  }
  if (props.needsStringField && !fields.some((f) => f.type === FieldType.string)) {
    return 'Data is missing a string field';
  }
  return 'Cannot visualize data';
}

export function SandboxPanelDataErrorView(props: PanelDataErrorViewProps) {
  const theme = useTheme2();
  return (
    <div
      data-testid="data-testid Panel data error message"
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        height: '100%',
        width: '100%',
        color: theme.colors.text.secondary,
      }}
    >
      {dataErrorMessage(props)}
    </div>
  );
}
