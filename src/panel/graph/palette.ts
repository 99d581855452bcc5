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

/**
 * Okabe and Ito's colour-blind-safe set: health as blue / orange / vermillion, told apart with every common colour
 * vision deficiency (and, besides colour, by the node icons and edge marks of the stylesheet). Lighter tints on dark.
 */
const COLOR_BLIND = {
  dark: { healthy: '#56B4E9', degraded: '#E69F00', failure: '#D55E00', tcp: '#CC79A7', find: '#F0E442' },
  light: { healthy: '#0072B2', degraded: '#E69F00', failure: '#D55E00', tcp: '#CC79A7', find: '#F0E442' },
};

export function paletteFromTheme(theme: GrafanaTheme2, choice: 'theme' | 'colorBlind' = 'theme'): Palette {
  const viz = theme.visualization;
  const c = theme.colors;
  const cb = choice === 'colorBlind' ? COLOR_BLIND[c.mode] : undefined;
  return {
    mode: c.mode,
    healthy: cb?.healthy ?? viz.getColorByName('green'),
    degraded: cb?.degraded ?? viz.getColorByName('orange'),
    failure: cb?.failure ?? viz.getColorByName('red'),
    tcp: cb?.tcp ?? viz.getColorByName('blue'),
    idle: c.text.disabled,
    text: c.text.primary,
    textWeak: c.text.secondary,
    background: c.background.primary,
    nodeFill: c.mode === 'dark' ? c.background.secondary : c.background.primary,
    nodeBorder: c.border.strong,
    selected: c.primary.main,
    find: cb?.find ?? viz.getColorByName('yellow'),
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
