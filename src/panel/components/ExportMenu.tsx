/**
 * Export of the current view as PNG or SVG, and of the graph as JSON in Kiali's format (as the CLI prints it).
 * The exporters are loaded on demand (a separate chunk through the plugin's public path), so they cost nothing
 * until used.
 */
import React, { useState } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { ToolbarButton, useStyles2 } from '@grafana/ui';
import type { Palette } from '../graph/palette';
import type { PanelGraph } from '../graph/types';
import type { GraphApi } from './CytoscapeGraph';
import { useToolbarMenu } from './useToolbarMenu';

export interface ExportMenuProps {
  /** The graph on screen, read when an export runs: a refresh does not render the menu again. */
  graph: React.MutableRefObject<PanelGraph>;
  graphApi: React.MutableRefObject<GraphApi | undefined>;
  palette: Palette;
  title?: string;
  disabled?: boolean;
}

type Kind = 'png' | 'svg' | 'json';

const ITEMS: Array<{ kind: Kind; label: string }> = [
  { kind: 'png', label: 'PNG image of the view' },
  { kind: 'svg', label: 'SVG image of the view' },
  { kind: 'json', label: 'Graph as JSON (Kiali format)' },
];

function ExportMenu({ graph, graphApi, palette, title, disabled }: ExportMenuProps) {
  const styles = useStyles2(getStyles);
  const [error, setError] = useState<string | undefined>();
  const { open, setOpen, menuRef, buttonRef } = useToolbarMenu('[role="menuitem"]');

  const run = async (kind: Kind) => {
    setOpen(false);
    setError(undefined);
    try {
      const m = await import(/* webpackChunkName: "panel/export" */ '../export/exporters');
      const cy = graphApi.current?.cy();
      const name = m.fileName(title);
      if (kind === 'json') {
        m.download(`${name}.json`, 'application/json', m.kialiJson(graph.current));
      } else if (!cy) {
        setError('Nothing to export: the graph is not drawn.');
      } else if (kind === 'png') {
        m.download(`${name}.png`, 'image/png', await m.pngOfView(cy, palette));
      } else {
        m.download(`${name}.svg`, 'image/svg+xml', m.svgOfView(cy, palette));
      }
    } catch (e) {
      setError(`Export failed: ${(e as Error)?.message ?? String(e)}`);
    }
  };

  return (
    <div className={styles.anchor}>
      <ToolbarButton
        ref={buttonRef}
        icon="download-alt"
        aria-label="Export"
        aria-haspopup="menu"
        aria-expanded={open}
        tooltip="Export the view or the graph"
        disabled={disabled}
        onClick={() => setOpen((v) => !v)}
      />
      {open && (
        <div
          ref={menuRef}
          role="menu"
          aria-label="Export"
          className={styles.menu}
          data-testid="meshgraph-export-menu"
          onKeyDown={(e) => {
            const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
            const at = items.indexOf(document.activeElement as HTMLElement);
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              buttonRef.current?.focus();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
              items[next]?.focus();
            }
          }}
        >
          {ITEMS.map((it) => (
            <button key={it.kind} type="button" role="menuitem" className={styles.item} onClick={() => run(it.kind)}>
              {it.label}
            </button>
          ))}
        </div>
      )}
      {error && (
        <div role="alert" className={styles.error}>
          {error}
        </div>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  anchor: css({ position: 'relative' }),
  menu: css({
    position: 'absolute',
    top: '100%',
    right: 0,
    marginTop: theme.spacing(0.5),
    zIndex: 5,
    minWidth: 220,
    padding: theme.spacing(0.5, 0),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    display: 'flex',
    flexDirection: 'column',
  }),
  item: css({
    textAlign: 'left',
    background: 'none',
    border: 'none',
    color: theme.colors.text.primary,
    padding: theme.spacing(0.75, 1.5),
    font: 'inherit',
    fontSize: theme.typography.bodySmall.fontSize,
    cursor: 'pointer',
    '&:hover, &:focus-visible': { background: theme.colors.action.hover, outline: 'none' },
    '&:focus-visible': { boxShadow: `inset 0 0 0 2px ${theme.colors.primary.main}` },
  }),
  error: css({
    position: 'absolute',
    right: 0,
    top: '100%',
    zIndex: 5,
    whiteSpace: 'nowrap',
    color: theme.colors.error.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});

/** Memoised: a refresh changes none of its props (the graph is read through its ref), so it skips the menu. */
const MemoExportMenu = React.memo(ExportMenu);
export { MemoExportMenu as ExportMenu };
