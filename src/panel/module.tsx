import { PanelPlugin } from '@grafana/data';
import { TrafficPanel } from './components/TrafficPanel';
import { buildOptionsEditor, TrafficPanelOptions } from './options';

export const plugin = new PanelPlugin<TrafficPanelOptions>(TrafficPanel).setPanelOptions(buildOptionsEditor);
