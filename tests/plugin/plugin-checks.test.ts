/**
 * Offline stand-ins for Grafana's plugin-validator (which downloads itself and its schema from GitHub, so it
 * cannot run here): the analyzers that need no network, run over the built dist/ and the distribution archive.
 */
import AdmZip from 'adm-zip';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM script without type declarations
import { packagePlugin } from '../../scripts/package.mjs';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

const ID_PATTERN = /^[0-9a-z]+-([0-9a-z]+-)?(app|panel|datasource)$/;
const ALLOWED_TOP_LEVEL = new Set([
  '$schema', 'type', 'name', 'id', 'info', 'includes', 'dependencies', 'metrics', 'annotations', 'alerting', 'logs',
  'tracing', 'streaming', 'backend', 'executable', 'routes', 'queryOptions', 'category', 'skipDataQuery', 'autoEnabled',
  'preload', 'state', 'hideFromList', 'sort', 'builtIn', 'mixed', 'roles', 'iam', 'languages', 'buildMode', 'extensions',
  'annotationsQuery', 'explore', 'hiddenQueries',
]);

interface PluginJson {
  id: string;
  type: string;
  name: string;
  info: {
    version: string;
    updated: string;
    description: string;
    keywords: string[];
    logos: { small: string; large: string };
    screenshots?: Array<{ path: string }>;
  };
  includes?: Array<{ type: string; name: string; path?: string }>;
  dependencies: { grafanaDependency: string };
  [key: string]: unknown;
}

function readPluginJsons(): Array<{ rel: string; json: PluginJson }> {
  const found: Array<{ rel: string; json: PluginJson }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) {
        walk(full);
      } else if (entry === 'plugin.json') {
        found.push({ rel: path.relative(dist, full), json: JSON.parse(readFileSync(full, 'utf8')) });
      }
    }
  };
  walk(dist);
  return found;
}

beforeAll(() => {
  if (!existsSync(path.join(dist, 'plugin.json'))) {
    throw new Error('dist/ is missing: run npm run build first');
  }
});

describe('plugin.json files in dist (root and nested)', () => {
  const plugins = () => readPluginJsons();

  it('finds the app and both nested plugins', () => {
    expect(plugins().map((p) => `${p.rel}:${p.json.id}`).sort()).toEqual([
      'datasource/plugin.json:meshgraph-istio-datasource',
      'panel/plugin.json:meshgraph-traffic-panel',
      'plugin.json:meshgraph-traffic-app',
    ]);
  });

  it('have valid ids whose suffix matches the type, and a name that is not the id', () => {
    for (const { json } of plugins()) {
      expect(json.id).toMatch(ID_PATTERN);
      expect(json.id.endsWith(`-${json.type}`)).toBe(true);
      expect(json.name).not.toEqual(json.id);
      expect(json.name.length).toBeGreaterThan(0);
    }
  });

  it('have only schema-known top-level fields and the required ones', () => {
    for (const { rel, json } of plugins()) {
      for (const key of Object.keys(json)) {
        expect(`${rel}:${key}:${ALLOWED_TOP_LEVEL.has(key)}`).toBe(`${rel}:${key}:true`);
      }
      for (const key of ['type', 'name', 'id', 'info', 'dependencies']) {
        expect(json).toHaveProperty(key);
      }
    }
  });

  it('have the version substituted from package.json, a date, keywords and a short description', () => {
    for (const { json } of plugins()) {
      expect(json.info.version).toBe(pkg.version);
      expect(json.info.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(json.info.keywords.length).toBeGreaterThan(0);
      expect(json.info.description.length).toBeGreaterThan(10);
      const sentences = json.info.description.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0);
      expect(sentences.length).toBeLessThanOrEqual(2);
      expect(json.dependencies.grafanaDependency).toMatch(/^>=\d+\.\d+\.\d+/);
    }
  });

  it('have SVG logos and screenshots that exist next to each plugin.json', () => {
    for (const { rel, json } of plugins()) {
      const dir = path.join(dist, path.dirname(rel));
      for (const logo of [json.info.logos.small, json.info.logos.large]) {
        const file = path.join(dir, logo);
        expect(`${file}:${existsSync(file)}`).toBe(`${file}:true`);
        expect(readFileSync(file, 'utf8')).toContain('<svg');
      }
      for (const shot of json.info.screenshots ?? []) {
        expect(existsSync(path.join(dir, shot.path))).toBe(true);
      }
    }
  });

  it('declare every nested plugin in the app includes with its path and type (includesnested)', () => {
    const all = plugins();
    const app = all.find((p) => p.rel === 'plugin.json')!.json;
    expect(app.type).toBe('app');
    for (const nested of all.filter((p) => p.rel !== 'plugin.json')) {
      const include = app.includes?.find((i) => i.path === nested.rel);
      expect(include).toBeDefined();
      expect(include!.type).toBe(nested.json.type);
    }
  });

  it('ship the dashboards the app includes', () => {
    const app = plugins().find((p) => p.rel === 'plugin.json')!.json;
    const dashboards = (app.includes ?? []).filter((i) => i.type === 'dashboard');
    expect(dashboards.length).toBeGreaterThan(0);
    for (const d of dashboards) {
      const file = path.join(dist, d.path!);
      expect(JSON.parse(readFileSync(file, 'utf8')).title).toBe(d.name);
    }
  });
});

describe('built modules', () => {
  it.each(['module.js', 'datasource/module.js', 'panel/module.js'])('%s is an AMD module with a source map', (rel) => {
    const code = readFileSync(path.join(dist, rel), 'utf8');
    // create-plugin puts a banner comment before the define() call.
    expect(code).toMatch(/^(\/\*[^]*?\*\/\s*)*define\(\[/);
    expect(existsSync(path.join(dist, `${rel}.map`))).toBe(true);
  });

  it('contain no console.log and no remote script loading', () => {
    for (const rel of ['module.js', 'datasource/module.js', 'panel/module.js']) {
      const code = readFileSync(path.join(dist, rel), 'utf8');
      expect(code).not.toMatch(/console\.log\(/);
      expect(code).not.toMatch(/googletagmanager|google-analytics|segment\.io/);
    }
  });
});

describe('documents', () => {
  it('README, CHANGELOG and LICENSE are in dist, and the README is not the template', () => {
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
      expect(existsSync(path.join(dist, file))).toBe(true);
    }
    const readme = readFileSync(path.join(dist, 'README.md'), 'utf8');
    expect(readme).toContain('Meshgraph');
    expect(readme).not.toMatch(/This README file is going to be the one displayed/);
    expect(readFileSync(path.join(dist, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}`));
  });
});

describe('distribution archive', () => {
  it('has one top-level folder named after the app id holding the contents of dist', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'meshgraph-zip-'));
    try {
      const zipFile: string = packagePlugin(dist, out);
      const entries = new AdmZip(zipFile).getEntries().map((e) => e.entryName);
      const roots = new Set(entries.map((e) => e.split('/')[0]));
      expect([...roots]).toEqual(['meshgraph-traffic-app']);
      for (const rel of ['plugin.json', 'module.js', 'datasource/plugin.json', 'datasource/module.js', 'panel/plugin.json', 'panel/module.js']) {
        expect(entries).toContain(`meshgraph-traffic-app/${rel}`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
