import './publicPath';
import { FieldConfigProperty, PanelPlugin } from '@grafana/data';
import { TrafficPanel } from './components/TrafficPanel';
import { loadIconFont } from './graph/iconFont';
import { buildOptionsEditor, TrafficPanelOptions } from './options';

// The label icons' font, as early as the module loads (before the first graph is drawn).
void loadIconFont();

// No field options: the panel reads its frames' fields as they come (units, thresholds, value mappings, overrides
// would do nothing), so every standard option is off and the editor shows only the panel's own options.
export const plugin = new PanelPlugin<TrafficPanelOptions>(TrafficPanel)
  .useFieldConfig({ disableStandardOptions: Object.values(FieldConfigProperty) })
  .setPanelOptions(buildOptionsEditor);
