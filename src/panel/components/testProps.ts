/** PanelProps for component tests (no Grafana runtime needed). */
import { DataFrame, EventBusSrv, FieldType, getDefaultTimeRange, LoadingState, PanelData, PanelProps, toDataFrame } from '@grafana/data';
import type { FrameLike } from '../graph/fromFrames';
import { DEFAULT_OPTIONS, TrafficPanelOptions } from '../options';

export function toFrames(frames: FrameLike[]): DataFrame[] {
  return frames.map((f) =>
    toDataFrame({
      name: f.name,
      meta: f.meta as DataFrame['meta'],
      fields: f.fields.map((fl) => ({
        name: fl.name,
        type: FieldType.other,
        values: Array.from(fl.values),
        config: fl.config ?? {},
      })),
    })
  );
}

export function panelProps(
  data: Partial<PanelData>,
  options: Partial<TrafficPanelOptions> = {}
): PanelProps<TrafficPanelOptions> {
  return {
    id: 1,
    data: { state: LoadingState.Done, series: [], timeRange: getDefaultTimeRange(), ...data } as PanelData,
    timeRange: getDefaultTimeRange(),
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, ...options },
    transparent: false,
    width: 800,
    height: 500,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Traffic',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (s: string) => s,
    onChangeTimeRange: jest.fn(),
  } as PanelProps<TrafficPanelOptions>;
}
