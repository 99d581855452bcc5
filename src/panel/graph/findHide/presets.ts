/** Kiali's default Find and Hide presets (ui_defaults.graph.find_options / hide_options, model §10.9). */
export interface Preset {
  expression: string;
  description: string;
}

export const FIND_PRESETS: Preset[] = [
  { expression: 'rt > 1000', description: 'Find slow edges (> 1 s)' },
  { expression: '! healthy', description: 'Find unhealthy nodes' },
  { expression: 'name = unknown', description: 'Find unknown nodes' },
  { expression: 'rank <= 2', description: 'Find the most connected nodes' },
];

export const HIDE_PRESETS: Preset[] = [
  { expression: 'healthy', description: 'Hide healthy nodes' },
  { expression: 'name = unknown', description: 'Hide unknown nodes' },
  { expression: 'rank > 2', description: 'Hide all but the most connected nodes' },
];
