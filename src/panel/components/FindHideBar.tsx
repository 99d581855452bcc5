/**
 * Find and Hide inputs (Kiali's expression language) with presets and error messages. An expression is applied on
 * Enter, on leaving the field, or when a preset is picked; Escape clears. The panel focuses Find on "/".
 */
import React, { useId, useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, Input, Select, useStyles2 } from '@grafana/ui';
import { CollapsedMatch, collapsedMatchText, FIND_PRESETS, HIDE_PRESETS, Preset } from '../graph/findHide';

export interface FindHideBarProps {
  find: string;
  hide: string;
  findError?: string;
  hideError?: string;
  onFind: (expression: string) => void;
  onHide: (expression: string) => void;
  findInputRef?: React.Ref<HTMLInputElement>;
  /** Counts shown next to the inputs, e.g. "3 found". */
  findCount?: number;
  hideCount?: number;
  /** A small panel: no preset menus, labels for screen readers only, so the bar keeps to one row. */
  compact?: boolean;
  /** Find matches among the members of collapsed rolled-up nodes: said in words, with a button to expand. */
  collapsedMatches?: CollapsedMatch[];
  onExpand?: (id: string) => void;
}

/** "3 matches in collapsed namespace reviews — Expand": where Find matched what the graph does not show. */
function CollapsedMatches({ matches, onExpand }: { matches: CollapsedMatch[]; onExpand?: (id: string) => void }) {
  const styles = useStyles2(getStyles);
  const first = matches[0];
  return (
    <div className={styles.collapsed} role="status" data-testid="meshgraph-find-collapsed">
      <span>{collapsedMatchText(matches)}</span>
      {onExpand && (
        <Button
          size="sm"
          variant="secondary"
          fill="text"
          onClick={() => onExpand(first.id)}
          aria-label={`Expand ${first.kind} ${first.name}`}
        >
          — expand {first.name}
        </Button>
      )}
    </div>
  );
}

function ExpressionInput({
  label,
  value,
  error,
  presets,
  onApply,
  inputRef,
  count,
  placeholder,
  compact,
}: {
  label: string;
  value: string;
  error?: string;
  presets: Preset[];
  onApply: (v: string) => void;
  inputRef?: React.Ref<HTMLInputElement>;
  count?: string;
  placeholder: string;
  compact?: boolean;
}) {
  const styles = useStyles2(getStyles);
  const [draft, setDraft] = useState(value);
  // A new value from outside (options, preset) replaces the draft (React's "adjust state on prop change").
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  const id = useId();
  const errorId = `${id}-error`;
  const apply = (v: string) => {
    if (v !== value) {
      onApply(v);
    }
  };
  return (
    <div className={compact ? styles.groupCompact : styles.group}>
      <label htmlFor={id} className={compact ? styles.srOnly : styles.label}>
        {label}
      </label>
      <div className={styles.inputWrap}>
        <Input
          id={id}
          ref={inputRef}
          value={draft}
          placeholder={placeholder}
          invalid={!!error}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              apply(draft);
            } else if (e.key === 'Escape') {
              setDraft('');
              apply('');
            }
          }}
          onBlur={() => apply(draft)}
          suffix={count ? <span className={styles.count}>{count}</span> : undefined}
        />
      </div>
      <div className={compact ? styles.srOnly : styles.presets}>
        <Select
          aria-label={`${label} presets`}
          placeholder="Presets"
          value={null}
          width={14}
          options={presets.map((p) => ({ value: p.expression, label: p.expression, description: p.description }))}
          onChange={(v) => {
            const expr = (v?.value as string) ?? '';
            setDraft(expr);
            apply(expr);
          }}
        />
      </div>
      {error && (
        <div id={errorId} role="alert" className={styles.error} data-testid={`meshgraph-${label.toLowerCase()}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

function FindHideBar(props: FindHideBarProps) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.bar} role="search" aria-label="Find and hide">
      <ExpressionInput
        label="Find"
        value={props.find}
        error={props.findError}
        presets={FIND_PRESETS}
        onApply={props.onFind}
        inputRef={props.findInputRef}
        count={props.find && !props.findError && props.findCount !== undefined ? `${props.findCount} found` : undefined}
        placeholder="Find… (press /)"
        compact={props.compact}
      />
      <ExpressionInput
        label="Hide"
        value={props.hide}
        error={props.hideError}
        presets={HIDE_PRESETS}
        onApply={props.onHide}
        count={
          props.hide && !props.hideError && props.hideCount !== undefined ? `${props.hideCount} hidden` : undefined
        }
        placeholder="Hide…"
        compact={props.compact}
      />
      {props.find && !props.findError && (props.collapsedMatches?.length ?? 0) > 0 && (
        <CollapsedMatches matches={props.collapsedMatches!} onExpand={props.onExpand} />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
    flex: 1,
    minWidth: 0,
  }),
  group: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flex: '1 1 260px',
    minWidth: 0,
  }),
  label: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary, margin: 0 }),
  inputWrap: css({ flex: 1, minWidth: 80 }),
  groupCompact: css({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', flex: '1 1 100px', minWidth: 0 }),
  srOnly: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
  }),
  presets: css({ flex: '0 0 auto' }),
  count: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  collapsed: css({
    flexBasis: '100%',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  error: css({ flexBasis: '100%', color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
});

/** Memoised: a parent render that changes none of its props (a refresh) skips the bar. */
const MemoFindHideBar = React.memo(FindHideBar);
export { MemoFindHideBar as FindHideBar };
