import { USAGE, UsageError, parseArgs, parseDuration, parseNode } from './args';

const NOW = 1700000000;
const graph = (...a: string[]) => parseArgs(['graph', '--prometheus', 'http://127.0.0.1:9090', ...a], NOW);

describe('meshgraph arguments', () => {
  it("uses Kiali's API defaults", () => {
    const c = graph('--namespaces', 'shop,pay');
    if (c.kind === 'help') {
      throw new Error('unexpected');
    }
    expect(c.options).toMatchObject({
      namespaces: ['shop', 'pay'],
      graphType: 'workload',
      duration: 600,
      queryTime: NOW,
      injectServiceNodes: false,
      rates: { http: 'requests', grpc: 'requests', tcp: 'sent' },
      ambientTraffic: 'total',
      appenders: { health: true, responseTime: false, responseDetails: true },
    });
    expect(c.format).toBe('kiali');
  });

  it('parses every option', () => {
    const c = graph(
      '--all-namespaces',
      '--graph-type',
      'versionedApp',
      '--duration',
      '10m',
      '--time',
      '1600000000',
      '--inject-service-nodes',
      '--rate-http',
      'none',
      '--rate-grpc',
      'total',
      '--rate-tcp',
      'received',
      '--include-idle-edges',
      '--scope',
      'mesh_id=m1',
      '--scope',
      'region=eu=west',
      '--box-by',
      'namespace,app',
      '--node',
      'app:shop/cart/v2',
      '--response-time',
      '99',
      '--throughput',
      'request',
      '--security',
      '--operations',
      'request_operation',
      '--no-health',
      '--timeout',
      '5',
      '--format',
      'frames'
    );
    if (c.kind === 'help') {
      throw new Error('unexpected');
    }
    expect(c.options).toMatchObject({
      namespaces: 'all',
      graphType: 'versionedApp',
      duration: 600,
      queryTime: 1600000000,
      injectServiceNodes: true,
      rates: { http: 'none', grpc: 'total', tcp: 'received' },
      includeIdleEdges: true,
      scope: { mesh_id: 'm1', region: 'eu=west' },
      boxBy: ['namespace', 'app'],
      node: { kind: 'app', namespace: 'shop', app: 'cart', version: 'v2' },
      appenders: {
        responseTime: '99',
        throughput: 'request',
        securityPolicy: true,
        aggregate: 'request_operation',
        health: false,
      },
    });
    expect(c.timeoutS).toBe(5);
    expect(c.format).toBe('frames');
  });

  it('--shards sets the parallel traffic queries; out of range is a usage error', () => {
    const c = graph('--namespaces', 'a,b', '--shards', '3');
    expect(c.kind !== 'help' && c.options.queryShards).toBe(3);
    const d = graph('--namespaces', 'a,b');
    expect(d.kind !== 'help' && d.options.queryShards).toBeUndefined();
    for (const bad of ['0', '17', '1.5', 'many']) {
      expect(() => graph('--namespaces', 'a', '--shards', bad)).toThrow(
        /--shards: expected a whole number from 1 to 16/
      );
    }
  });

  it('accepts durations in s, m and h', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('45')).toBe(45);
    expect(() => parseDuration('ten')).toThrow(UsageError);
  });

  it('parses node focus forms', () => {
    expect(parseNode('workload:shop/cart-v1')).toEqual({ kind: 'workload', namespace: 'shop', name: 'cart-v1' });
    expect(parseNode('service:shop/cart')).toEqual({ kind: 'service', namespace: 'shop', name: 'cart' });
    expect(parseNode('app:shop/cart')).toEqual({ kind: 'app', namespace: 'shop', app: 'cart' });
    expect(() => parseNode('workload:shop/cart/v1')).toThrow(UsageError);
    expect(() => parseNode('pod:shop/x')).toThrow(UsageError);
  });

  it('rejects bad input with usage errors', () => {
    expect(() => graph()).toThrow(/--namespaces/);
    expect(() => parseArgs(['graph', '--namespaces', 'a'], NOW)).toThrow(/--prometheus/);
    expect(() => graph('--namespaces', 'a', '--graph-type', 'pods')).toThrow(/expected one of app, versionedApp/);
    expect(() => graph('--namespaces', 'a', '--scope', 'bad-name=x')).toThrow(/--scope/);
    expect(() => graph('--namespaces', 'a', '--operations', 'a"b')).toThrow(/not a valid label name/);
    expect(() => graph('--namespaces', 'a', '--bogus')).toThrow(/Unknown option/);
    expect(() => graph('--namespaces')).toThrow(/needs a value/);
    expect(() => parseArgs(['graph', '--prometheus', 'ftp://x', '--namespaces', 'a'], NOW)).toThrow(/http\(s\) URL/);
    expect(() => parseArgs(['draw'], NOW)).toThrow(/Unknown command/);
  });

  it('plan needs no Prometheus URL; --help wins', () => {
    expect(parseArgs(['plan', '--namespaces', 'a'], NOW).kind).toBe('plan');
    expect(parseArgs(['graph', '--help'], NOW).kind).toBe('help');
    expect(parseArgs([], NOW).kind).toBe('help');
  });
});

describe('reserved scope labels', () => {
  it('refuses --scope on labels the engine sets, with the reason', () => {
    expect(() => graph('--namespaces', 'a', '--scope', '__name__=up')).toThrow(
      /--scope __name__: __name__ is the metric name/
    );
    expect(() => graph('--namespaces', 'a', '--scope', 'reporter=source')).toThrow(
      /--scope reporter: reporter is a label the engine itself/
    );
  });
});

describe('rollup options', () => {
  const base = ['graph', '--prometheus', 'http://p:9090', '--namespaces', 'a'];
  it('defaults to no rollup; --rollup, --rollup-budget and repeated --rollup-expand set it', () => {
    const plain = parseArgs(base, 1);
    expect(plain.kind === 'graph' && plain.options.rollup).toBeUndefined();
    const c = parseArgs(
      [
        ...base,
        '--rollup',
        'auto',
        '--rollup-budget',
        '200',
        '--rollup-expand',
        'rollup_namespace_c_a,b',
        '--rollup-expand=rollup_cluster_c',
      ],
      1
    );
    expect(c.kind === 'graph' && c.options).toMatchObject({
      rollup: 'auto',
      rollupNodeBudget: 200,
      rollupExpand: ['rollup_namespace_c_a,b', 'rollup_cluster_c'],
    });
    expect(USAGE).toMatch(/--rollup none\|namespace\|cluster\|auto/);
    expect(USAGE).toMatch(/--rollup-budget <n> .*default 500/);
  });

  it('refuses an unknown mode and a budget that is not a whole number of at least 1', () => {
    expect(() => parseArgs([...base, '--rollup', 'galaxy'], 1)).toThrow(
      '--rollup: expected one of none, namespace, cluster, auto, got "galaxy"'
    );
    for (const v of ['0', '-1', '2.5', 'many', '']) {
      expect(() => parseArgs([...base, '--rollup-budget', v], 1)).toThrow(UsageError);
    }
  });
});
