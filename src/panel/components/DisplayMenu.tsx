/**
 * Kiali's Display menu for dashboard viewers: edge labels, badges, idle nodes and edges, animation, layout,
 * boxes, service and operation nodes, edge width and the colour-blind palette. Choices are kept per panel in this
 * browser (never in the dashboard); "Panel defaults" returns to the panel options.
 */
import React, { useId } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Button, RadioButtonGroup, Select, ToolbarButton, useStyles2 } from '@grafana/ui';
import type { BoxChoice, DisplaySettings } from '../display';
import { EDGE_LABEL_MODES, EdgeLabelMode } from '../graph/edgeLabels';
import { LAYOUTS, LayoutName } from '../graph/layouts';
import { useToolbarMenu } from './useToolbarMenu';

export interface DisplayMenuProps {
  display: DisplaySettings;
  /** Whether any choice differs from the panel options. */
  overridden: boolean;
  /** What the query says for the query-level choices (shown when no choice is made); absent: not a Meshgraph query. */
  query?: { serviceNodes: boolean; operationNodes: boolean; boxes: BoxChoice };
  onChange: <K extends keyof DisplaySettings>(key: K, value: DisplaySettings[K]) => void;
  onReset: () => void;
  /** Icon only (small panels). */
  compact?: boolean;
}

const BOX_OPTIONS: Array<{ value: BoxChoice; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'namespace', label: 'Namespace' },
  { value: 'app', label: 'App' },
  { value: 'cluster', label: 'Cluster' },
];

/** A plain checkbox with its label (keyboard and screen readers as the browser gives them). */
function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const styles = useStyles2(getStyles);
  return (
    <label className={styles.check}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {label}
    </label>
  );
}

function DisplayMenu({ display, overridden, query, onChange, onReset, compact }: DisplayMenuProps) {
  const styles = useStyles2(getStyles);
  const id = useId();
  // Escape closes it wherever the focus is (a select's menu, the page).
  const { open, setOpen, menuRef: panelRef, buttonRef } = useToolbarMenu('input,button', { closeOnEscape: true });

  const toggleLabel = (mode: EdgeLabelMode, on: boolean) =>
    onChange(
      'edgeLabels',
      on ? [...display.edgeLabels.filter((m) => m !== mode), mode] : display.edgeLabels.filter((m) => m !== mode)
    );
  const check = (
    key: 'showBadges' | 'showIdleNodes' | 'showIdleEdges' | 'animation' | 'widthByTraffic' | 'colorBlind',
    label: string
  ) => <Check label={label} checked={display[key]} onChange={(v) => onChange(key, v)} />;

  return (
    <div className={styles.anchor}>
      <ToolbarButton
        ref={buttonRef}
        icon="sliders-v-alt"
        aria-label="Display"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        tooltip="Display options (kept in this browser for this panel)"
        variant={overridden ? 'active' : 'default'}
        onClick={() => setOpen((v) => !v)}
      >
        {compact ? undefined : 'Display'}
      </ToolbarButton>
      {open && (
        <div
          ref={panelRef}
          id={id}
          role="dialog"
          aria-label="Display options"
          className={styles.panel}
          data-testid="meshgraph-display-menu"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // Not the panel's Escape (closing the details): this one closes the menu.
              e.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            }
          }}
        >
          <fieldset className={styles.group}>
            <legend className={styles.legend}>Edge labels</legend>
            {EDGE_LABEL_MODES.map((m) => (
              <Check
                key={m.value}
                label={m.label}
                checked={display.edgeLabels.includes(m.value)}
                onChange={(v) => toggleLabel(m.value, v)}
              />
            ))}
          </fieldset>
          <fieldset className={styles.group}>
            <legend className={styles.legend}>Show</legend>
            {check('showBadges', 'Badges')}
            {check('showIdleNodes', 'Idle nodes')}
            {check('showIdleEdges', 'Idle edges')}
            {check('animation', 'Traffic animation')}
            {query && (
              <>
                <Check
                  label="Service nodes"
                  checked={display.serviceNodes ?? query.serviceNodes}
                  onChange={(v) => onChange('serviceNodes', v)}
                />
                <Check
                  label="Operation nodes"
                  checked={display.operationNodes ?? query.operationNodes}
                  onChange={(v) => onChange('operationNodes', v)}
                />
              </>
            )}
            {check('widthByTraffic', 'Edge width by traffic')}
            {check('colorBlind', 'Colour-blind-safe colours')}
          </fieldset>
          <fieldset className={styles.group}>
            <legend className={styles.legend}>Layout</legend>
            <Select<LayoutName>
              aria-label="Layout"
              value={display.layout}
              options={LAYOUTS.map((l) => ({ value: l.value, label: l.label, description: l.description }))}
              onChange={(v) => v?.value && onChange('layout', v.value)}
              width={26}
            />
          </fieldset>
          {query && (
            <fieldset className={styles.group}>
              <legend className={styles.legend}>Boxes</legend>
              <RadioButtonGroup<BoxChoice>
                size="sm"
                options={BOX_OPTIONS}
                value={display.boxes && display.boxes !== 'query' ? display.boxes : query.boxes}
                onChange={(v) => onChange('boxes', v)}
              />
            </fieldset>
          )}
          <div className={styles.footer}>
            <span className={styles.note}>Kept in this browser for this panel; the dashboard is not changed.</span>
            <Button size="sm" variant="secondary" fill="outline" disabled={!overridden} onClick={onReset}>
              Panel defaults
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  anchor: css({ position: 'relative' }),
  panel: css({
    position: 'absolute',
    top: '100%',
    right: 0,
    marginTop: theme.spacing(0.5),
    zIndex: 5,
    width: 300,
    maxHeight: 'min(80vh, 640px)',
    overflowY: 'auto',
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  group: css({
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  }),
  check: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.body.fontSize,
    cursor: 'pointer',
    margin: 0,
    input: { width: 16, height: 16, accentColor: theme.colors.primary.main, margin: 0, cursor: 'pointer' },
    'input:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: 2 },
  }),
  legend: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.secondary,
    marginBottom: theme.spacing(0.5),
  }),
  footer: css({ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: theme.spacing(0.5) }),
  note: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.secondary }),
});

/** Memoised: a parent render that changes none of its props (a refresh) skips the menu. */
const MemoDisplayMenu = React.memo(DisplayMenu);
export { MemoDisplayMenu as DisplayMenu };
