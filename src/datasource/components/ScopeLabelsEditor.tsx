import React from 'react';
import { Button, IconButton, Input, Stack, Text } from '@grafana/ui';

import { reservedScopeLabel } from '../../engine/planner/labels';
import { isValidLabelName } from '../../engine/promql/escape';
import type { ScopeLabel } from '../types';

interface Props {
  labels: ScopeLabel[];
  onChange: (labels: ScopeLabel[]) => void;
  /** Called when a value input loses focus (the query editor runs the query then). */
  onBlur?: () => void;
  idPrefix: string;
}

/** Key = value rows for query-scope labels (e.g. mesh_id = mesh1), with a per-row label-name check. */
export function ScopeLabelsEditor({ labels, onChange, onBlur, idPrefix }: Props) {
  const update = (index: number, patch: Partial<ScopeLabel>) =>
    onChange(labels.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  return (
    <Stack direction="column" gap={1}>
      {labels.map((label, index) => {
        const key = label.key.trim();
        const problem =
          key === ''
            ? undefined
            : !isValidLabelName(key)
              ? 'A label name must match [a-zA-Z_][a-zA-Z0-9_]*'
              : reservedScopeLabel(key);
        const invalid = problem !== undefined;
        return (
          <Stack key={index} gap={1} alignItems="center">
            <Input
              id={`${idPrefix}-key-${index}`}
              aria-label={`Scope label ${index + 1} name`}
              placeholder="label, e.g. mesh_id"
              width={24}
              value={label.key}
              invalid={invalid}
              title={problem}
              onChange={(e) => update(index, { key: e.currentTarget.value })}
              onBlur={onBlur}
            />
            <span>=</span>
            <Input
              id={`${idPrefix}-value-${index}`}
              aria-label={`Scope label ${index + 1} value`}
              placeholder="value or $variable"
              width={28}
              value={label.value}
              onChange={(e) => update(index, { value: e.currentTarget.value })}
              onBlur={onBlur}
            />
            {problem && (
              <Text color="error" variant="bodySmall">
                {problem}
              </Text>
            )}
            <IconButton
              name="trash-alt"
              aria-label={`Remove scope label ${index + 1}`}
              tooltip="Remove"
              onClick={() => {
                onChange(labels.filter((_, i) => i !== index));
                onBlur?.();
              }}
            />
          </Stack>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="sm"
          icon="plus"
          onClick={() => onChange([...labels, { key: '', value: '' }])}
          aria-label="Add scope label"
        >
          Add scope label
        </Button>
      </div>
    </Stack>
  );
}
