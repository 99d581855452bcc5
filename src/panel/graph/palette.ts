/**
 * The graph's colours as plain values, derived from the Grafana theme (dark or light). Nothing else in the panel
 * names a colour: the stylesheet, the animation and the badge images all take a Palette.
 */
import type { GrafanaTheme2 } from '@grafana/data';

export interface Palette {
  mode: 'dark' | 'light';
  healthy: string;
  degraded: string;
  failure: string;
  tcp: string;
  idle: string;
  text: string;
  textWeak: string;
  /** Label outline: the panel background, so labels stay legible over edges. */
  background: string;
  nodeFill: string;
  nodeBorder: string;
  selected: string;
  find: string;
  boxFill: { cluster: string; namespace: string; app: string };
  boxBorder: string;
  fontFamily: string;
}

export function paletteFromTheme(theme: GrafanaTheme2): Palette {
  const viz = theme.visualization;
  const c = theme.colors;
  return {
    mode: c.mode,
    healthy: viz.getColorByName('green'),
    degraded: viz.getColorByName('orange'),
    failure: viz.getColorByName('red'),
    tcp: viz.getColorByName('blue'),
    idle: c.text.disabled,
    text: c.text.primary,
    textWeak: c.text.secondary,
    background: c.background.primary,
    nodeFill: c.mode === 'dark' ? c.background.secondary : c.background.primary,
    nodeBorder: c.border.strong,
    selected: c.primary.main,
    find: viz.getColorByName('yellow'),
    boxFill: {
      cluster: c.background.canvas,
      namespace: c.background.secondary,
      app: c.background.primary,
    },
    boxBorder: c.border.medium,
    // Cytoscape rejects quoted family names.
    fontFamily: theme.typography.fontFamily.replace(/['"]/g, ''),
  };
}
