/**
 * Legend of the visual language: node shapes, health colours, edge kinds, badges and animation dots.
 * Colours come from the palette (the Grafana theme). Every entry has a text label: nothing is told by colour alone.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { IconName, iconSvgPath } from '../graph/iconFont';
import { BADGES } from '../graph/nodeLabels';
import type { Palette } from '../graph/palette';

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">
      {children}
    </svg>
  );
}

/** An icon of the panel's icon font, drawn as SVG (the same outlines as in the labels). */
export function IconGlyph({ name, color, size = 14 }: { name: IconName; color: string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 1000 900" aria-hidden="true" data-icon={name}>
      <path d={iconSvgPath(name)} fill={color} fillRule="nonzero" />
    </svg>
  );
}

/** rolledUp: the graph has rolled-up namespaces or clusters (their entry says how to expand them). */
function Legend({ palette, rolledUp = false }: { palette: Palette; rolledUp?: boolean }) {
  const styles = useStyles2(getStyles);
  const stroke = palette.nodeBorder;
  const fill = palette.nodeFill;
  const shapes: Array<[string, React.ReactNode]> = [
    ['Workload', <circle key="w" cx="11" cy="8" r="6" fill={fill} stroke={stroke} />],
    ['App', <rect key="a" x="5" y="2" width="12" height="12" rx="3" fill={fill} stroke={stroke} />],
    ['Service', <path key="s" d="M11 2 17 14 5 14Z" fill={fill} stroke={stroke} strokeLinejoin="round" />],
    ['Operation', <path key="o" d="M11 2 17 7 15 14 7 14 5 7Z" fill={fill} stroke={stroke} />],
    ...(rolledUp
      ? ([
          [
            'Namespace or cluster, rolled up (double-click or X expands)',
            <circle key="r" cx="11" cy="8" r="6" fill={fill} stroke={stroke} strokeWidth={2} />,
          ],
        ] as Array<[string, React.ReactNode]>)
      : []),
  ];
  const nodeColors: Array<[string, string, string, IconName | undefined]> = [
    ['Healthy', stroke, 'solid', undefined],
    ['Degraded', palette.degraded, 'solid', 'degraded'],
    ['Failure', palette.failure, 'solid', 'failure'],
    ['Idle', palette.idle, 'dotted', undefined],
  ];
  // Edge marks as drawn: failures solid with a square in the middle, degraded with a hollow diamond.
  const edges: Array<[string, string, string | undefined, React.ReactNode]> = [
    ['Healthy', palette.healthy, undefined, null],
    [
      'Degraded',
      palette.degraded,
      undefined,
      <path key="d" d="M11 4 15 8 11 12 7 8Z" fill={palette.background} stroke={palette.degraded} strokeWidth={1.5} />,
    ],
    ['Failure', palette.failure, undefined, <rect key="f" x="8" y="5" width="6" height="6" fill={palette.failure} />],
    ['TCP', palette.tcp, undefined, null],
    ['Idle', palette.idle, '1 2', null],
  ];
  return (
    <div className={styles.legend} aria-label="Legend" role="region" data-testid="meshgraph-legend">
      <section>
        <h4 className={styles.h}>Nodes</h4>
        <ul className={styles.list}>
          {shapes.map(([label, shape]) => (
            <li key={label}>
              <Swatch>{shape}</Swatch> {label}
            </li>
          ))}
          {nodeColors.map(([label, color, style, icon]) => (
            <li key={`c-${label}`}>
              <Swatch>
                <circle
                  cx="11"
                  cy="8"
                  r="6"
                  fill={fill}
                  stroke={color}
                  strokeWidth={2}
                  strokeDasharray={style === 'dotted' ? '1 2' : undefined}
                />
              </Swatch>{' '}
              {icon && <IconGlyph name={icon} color={color} />} {label}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h4 className={styles.h}>Edges</h4>
        <ul className={styles.list}>
          {edges.map(([label, color, dash, mark]) => (
            <li key={label}>
              <Swatch>
                <line x1="1" y1="8" x2="21" y2="8" stroke={color} strokeWidth={2} strokeDasharray={dash} />
                {mark}
              </Swatch>{' '}
              {label}
            </li>
          ))}
          <li>
            <span className={styles.glyph}>
              <IconGlyph name="lock" color={palette.text} />
            </span>{' '}
            mTLS
          </li>
        </ul>
      </section>
      <section>
        <h4 className={styles.h}>Badges</h4>
        <ul className={styles.list}>
          {BADGES.map((b) => (
            <li key={b.key}>
              <span className={styles.glyph}>
                <IconGlyph name={b.icon} color={palette.text} />
              </span>{' '}
              {b.label}
            </li>
          ))}
        </ul>
      </section>
      <section data-testid="meshgraph-legend-animation">
        <h4 className={styles.h}>Animation</h4>
        <ul className={styles.list}>
          <li>
            <Swatch>
              <circle cx="11" cy="8" r="3" fill={palette.healthy} />
            </Swatch>{' '}
            Request
          </li>
          <li>
            <Swatch>
              <path d="M11 4 15 8 11 12 7 8Z" fill={palette.failure} />
            </Swatch>{' '}
            Failed request
          </li>
          <li>
            <Swatch>
              <circle cx="11" cy="8" r="2" fill={palette.textWeak} />
            </Swatch>{' '}
            TCP
          </li>
        </ul>
      </section>
    </div>
  );
}
const getStyles = (theme: GrafanaTheme2) => ({
  legend: css({
    position: 'absolute',
    left: theme.spacing(1),
    bottom: theme.spacing(1),
    display: 'flex',
    gap: theme.spacing(2),
    padding: theme.spacing(1),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    fontSize: theme.typography.bodySmall.fontSize,
    maxWidth: 'calc(100% - 80px)',
    overflowX: 'auto',
    zIndex: 1,
  }),
  h: css({ fontSize: theme.typography.bodySmall.fontSize, fontWeight: theme.typography.fontWeightMedium, margin: 0 }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    li: { display: 'flex', alignItems: 'center', gap: 4, whiteSpace: 'nowrap' },
  }),
  glyph: css({ display: 'inline-flex', width: 22, justifyContent: 'center' }),
});

/** Memoised: a parent render that changes none of its props (a refresh) skips the legend. */
const MemoLegend = React.memo(Legend);
export { MemoLegend as Legend };
