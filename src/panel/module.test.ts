import fs from 'fs';
import path from 'path';
import { plugin } from './module';
import { DEFAULT_OPTIONS, withDefaults } from './options';

describe('panel plugin', () => {
  it('exports a PanelPlugin whose options editor covers every default', () => {
    const builder = plugin.getPanelOptionsSupplier();
    expect(builder).toBeDefined();
    const paths: string[] = [];
    builder(
      {
        addSelect: rec,
        addMultiSelect: rec,
        addBooleanSwitch: rec,
        addNumberInput: rec,
        addTextInput: rec,
        addRadio: rec,
      } as never,
      {} as never
    );
    function rec(this: unknown, cfg: { path: string; defaultValue: unknown }) {
      paths.push(cfg.path);
      expect(cfg.defaultValue).toEqual(DEFAULT_OPTIONS[cfg.path as keyof typeof DEFAULT_OPTIONS]);
      return new Proxy({}, { get: () => rec });
    }
    expect(paths.sort()).toEqual(Object.keys(DEFAULT_OPTIONS).sort());
  });

  it('fills in defaults and repairs bad saved options', () => {
    const o = withDefaults({ edgeLabels: ['trafficRate', 'bogus' as never], largeGraphThreshold: NaN });
    expect(o.edgeLabels).toEqual(['trafficRate']);
    expect(o.largeGraphThreshold).toBe(DEFAULT_OPTIONS.largeGraphThreshold);
    expect(withDefaults(undefined)).toEqual(DEFAULT_OPTIONS);
    expect(withDefaults({ renderer: 'vulkan' as never }).renderer).toBe(DEFAULT_OPTIONS.renderer);
  });

  it('reads the earlier boolean WebGL switch as a renderer choice, unless a renderer is saved', () => {
    const legacy = (webgl: boolean, extra: object = {}) => withDefaults({ webgl, ...extra } as never);
    expect(legacy(true).renderer).toBe('webgl');
    expect(legacy(false).renderer).toBe('canvas');
    expect(legacy(true, { renderer: 'canvas' }).renderer).toBe('canvas');
    expect('webgl' in legacy(true)).toBe(false);
  });
});

describe('plugin.json', () => {
  const json = JSON.parse(fs.readFileSync(path.join(__dirname, 'plugin.json'), 'utf8'));

  it('has the catalogue fields', () => {
    expect(json.id).toBe('meshgraph-traffic-panel');
    expect(json.type).toBe('panel');
    expect(json.name).not.toBe(json.id);
    expect(json.info.keywords).toEqual(expect.arrayContaining(['istio', 'kiali', 'service mesh', 'traffic', 'graph']));
    expect(json.info.description.split(/[.!?](\s|$)/).filter((s: string) => s && s.trim()).length).toBeLessThanOrEqual(
      2
    );
    expect(json.info.version).toBe('%VERSION%');
    expect(json.info.updated).toBe('%TODAY%');
    expect(json.dependencies.grafanaDependency).toBe('>=12.3.0');
  });

  it('points at an SVG logo that exists', () => {
    for (const logo of [json.info.logos.small, json.info.logos.large]) {
      const svg = fs.readFileSync(path.join(__dirname, logo), 'utf8');
      expect(svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    }
  });
});
