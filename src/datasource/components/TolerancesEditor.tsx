import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, IconButton, Input, Stack, useStyles2 } from '@grafana/ui';

import { DEFAULT_TOLERANCES, validateTolerances } from '../../engine/appenders/healthTolerances';
import type { HealthTolerance } from '../../engine/model';

interface Props {
  /** Undefined = Kiali's defaults (shown prefilled). */
  tolerances: HealthTolerance[] | undefined;
  onChange: (tolerances: HealthTolerance[] | undefined) => void;
}

const TEXT_COLUMNS = [
  { key: 'code', label: 'Code', placeholder: '5XX', width: 20 },
  { key: 'protocol', label: 'Protocol', placeholder: 'http', width: 14 },
  { key: 'direction', label: 'Direction', placeholder: '.*', width: 12 },
] as const;
const NUMBER_COLUMNS = [
  { key: 'degraded', label: 'Degraded %' },
  { key: 'failure', label: 'Failure %' },
] as const;

function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * Kiali's rate tolerances as an editable table: a response code pattern (X = any digit), protocol and direction
 * regexes, and the error percentages from which an edge or node is Degraded and Failure.
 */
export function TolerancesEditor({ tolerances, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const rows = tolerances ?? DEFAULT_TOLERANCES;
  const problems = validateTolerances(rows);
  const update = (index: number, patch: Partial<HealthTolerance>) =>
    onChange(rows.map((t, i) => (i === index ? { ...t, ...patch } : t)));

  return (
    <div data-testid="meshgraph-tolerances">
      <table className={styles.table}>
        <thead>
          <tr>
            {TEXT_COLUMNS.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            {NUMBER_COLUMNS.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((t, index) => (
            <tr key={index}>
              {TEXT_COLUMNS.map((c) => (
                <td key={c.key}>
                  <Input
                    aria-label={`Tolerance ${index + 1} ${c.label.toLowerCase()}`}
                    width={c.width}
                    placeholder={c.placeholder}
                    value={t[c.key] ?? ''}
                    onChange={(e) => update(index, { [c.key]: e.currentTarget.value })}
                  />
                </td>
              ))}
              {NUMBER_COLUMNS.map((c) => (
                <td key={c.key}>
                  <Input
                    aria-label={`Tolerance ${index + 1} ${c.label.toLowerCase()}`}
                    width={12}
                    type="number"
                    min={0}
                    max={100}
                    step="any"
                    value={Number.isFinite(t[c.key]) ? String(t[c.key]) : ''}
                    onChange={(e) => update(index, { [c.key]: toNumber(e.currentTarget.value) })}
                  />
                </td>
              ))}
              <td>
                <IconButton
                  name="trash-alt"
                  aria-label={`Remove tolerance ${index + 1}`}
                  tooltip="Remove"
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Stack gap={1}>
        <Button
          variant="secondary"
          size="sm"
          icon="plus"
          onClick={() =>
            onChange([...rows, { code: '5XX', protocol: 'http', direction: '.*', degraded: 0, failure: 10 }])
          }
        >
          Add tolerance
        </Button>
        <Button
          variant="secondary"
          size="sm"
          icon="history"
          onClick={() => onChange(undefined)}
          disabled={tolerances === undefined}
        >
          Reset to Kiali defaults
        </Button>
      </Stack>
      {rows.length === 0 && (
        <Alert
          severity="info"
          title="No tolerances: Kiali's defaults are used. Reset or add tolerances to change them."
        />
      )}
      {problems.length > 0 && (
        <Alert severity="error" title="These tolerances are invalid; Kiali's defaults are used until they are fixed">
          <ul>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    marginBottom: theme.spacing(1),
    'th, td': { paddingRight: theme.spacing(1), paddingBottom: theme.spacing(0.5), textAlign: 'left' },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
});
