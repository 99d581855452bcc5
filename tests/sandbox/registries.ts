/**
 * Grafana fills @grafana/data's option registries at boot (app/core/components/OptionsUI/registry.tsx:
 * standardEditorsRegistry.setInit(getAllOptionEditors), standardFieldConfigEditorRegistry.setInit(
 * getAllStandardFieldConfigs)). Panel option builders (`addTextInput`, `addRadio`, ...) look editors up there, so
 * `PanelPlugin.defaults` fails without them. The sandbox renders no options pane, so the editors are empty
 * components; the standard field-config items carry Grafana's processors, which applyFieldOverrides runs.
 */
import {
  type FieldConfigPropertyItem,
  type StandardEditorsRegistryItem,
  type ThresholdsConfig,
  FieldType,
  ThresholdsMode,
  booleanOverrideProcessor,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

const NoEditor = () => null;

const EDITOR_IDS = [
  'select',
  'multi-select',
  'radio',
  'text',
  'number',
  'slider',
  'boolean',
  'color',
  'unit',
  'mappings',
  'thresholds',
  'links',
  'actions',
  'stats-picker',
  'strings',
  'timezone',
  'fieldColor',
  'color-scheme',
  'field-name',
  'dashboard-uid',
  'interval',
  'data-links',
];

const isNumber = (field: { type: FieldType }) => field.type === FieldType.number;
const always = () => true;

const DEFAULT_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'green' },
    { value: 80, color: 'red' },
  ],
};

function item(
  id: string,
  process: FieldConfigPropertyItem['process'],
  shouldApply: FieldConfigPropertyItem['shouldApply'],
  extra: Partial<FieldConfigPropertyItem> = {}
): FieldConfigPropertyItem {
  return {
    id,
    path: id,
    name: id,
    editor: NoEditor,
    override: NoEditor,
    process,
    shouldApply,
    settings: {},
    category: ['Standard options'],
    ...extra,
  } as FieldConfigPropertyItem;
}

let initialised = false;

export function initOptionRegistries(): void {
  if (initialised) {
    return;
  }
  initialised = true;
  standardEditorsRegistry.setInit(
    () => EDITOR_IDS.map((id) => ({ id, name: id, editor: NoEditor })) as unknown as StandardEditorsRegistryItem[]
  );
  standardFieldConfigEditorRegistry.setInit(() => [
    item('unit', unitOverrideProcessor, always, { settings: { placeholder: 'none', expandTemplateVars: true } }),
    item('min', numberOverrideProcessor, isNumber),
    item('max', numberOverrideProcessor, isNumber),
    item('fieldMinMax', booleanOverrideProcessor, isNumber),
    item('decimals', numberOverrideProcessor, isNumber, {
      settings: { placeholder: 'auto', min: 0, max: 15, integer: true },
    }),
    item('displayName', displayNameOverrideProcessor, always),
    item('color', identityOverrideProcessor, always),
    item('noValue', stringOverrideProcessor, always),
    item('links', dataLinksOverrideProcessor, always),
    item('mappings', valueMappingsOverrideProcessor, always, { defaultValue: [] }),
    item('thresholds', thresholdsOverrideProcessor, always, { defaultValue: DEFAULT_THRESHOLDS }),
    item('filterable', booleanOverrideProcessor, always, { hideFromDefaults: true }),
  ]);
}
