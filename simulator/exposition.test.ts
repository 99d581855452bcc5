import { bookinfoTopology } from './bookinfo';
import { sampleTimes, writeOpenMetrics, writePrometheusText } from './exposition';
import { DURATION_BUCKETS_MS, escapeLabelValue, familiesOf } from './series';

async function render(fn: (sink: (c: string) => void) => Promise<unknown>): Promise<string> {
  let text = '';
  await fn((chunk) => {
    text += chunk;
  });
  return text;
}

interface Sample {
  name: string;
  labels: string;
  value: number;
  ts?: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? (\S+)(?: (\S+))?$/;

function parseLines(
  text: string
): Array<
  { kind: 'type'; family: string; type: string } | { kind: 'sample'; s: Sample } | { kind: 'other'; line: string }
> {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      if (line.startsWith('# TYPE ')) {
        const [, , family, type] = line.split(' ');
        return { kind: 'type' as const, family, type };
      }
      const m = SAMPLE.exec(line);
      if (!line.startsWith('#') && m) {
        return {
          kind: 'sample' as const,
          s: { name: m[1], labels: m[2] ?? '', value: Number(m[3]), ts: m[4] === undefined ? undefined : Number(m[4]) },
        };
      }
      return { kind: 'other' as const, line };
    });
}

const suffixes: Record<string, string[]> = {
  counter: ['_total'],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count'],
};

describe('OpenMetrics export', () => {
  const window = { start: 1000, end: 1060, step: 15 };
  let text = '';
  beforeAll(async () => {
    text = await render((sink) => writeOpenMetrics(familiesOf(bookinfoTopology()), window, sink));
  });

  it('ends with # EOF and has no line after it', () => {
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(text.indexOf('# EOF')).toBe(text.length - '# EOF\n'.length);
  });

  it('declares each family once, before its samples, with counter families named without _total', () => {
    const lines = parseLines(text);
    const seen = new Set<string>();
    const problems: string[] = [];
    let current: { family: string; type: string } | undefined;
    for (const l of lines) {
      if (l.kind === 'type') {
        if (seen.has(l.family) || l.family.endsWith('_total')) {
          problems.push(`TYPE ${l.family}`);
        }
        seen.add(l.family);
        current = l;
      } else if (l.kind === 'sample') {
        if (!current || !suffixes[current.type].some((suffix) => current!.family + suffix === l.s.name)) {
          problems.push(`sample ${l.s.name} under ${current?.family}`);
        }
      } else if (!(l.line.startsWith('# HELP ') || l.line === '# EOF')) {
        problems.push(l.line);
      }
    }
    expect(problems).toEqual([]);
    expect(seen).toEqual(
      new Set([
        'istio_requests',
        'istio_request_duration_milliseconds',
        'istio_request_bytes',
        'istio_response_bytes',
        'istio_request_messages',
        'istio_response_messages',
        'istio_tcp_sent_bytes',
        'istio_tcp_received_bytes',
        'istio_tcp_connections_opened',
        'istio_tcp_connections_closed',
        'kube_deployment_spec_replicas',
        'kube_deployment_status_replicas_available',
        'kube_deployment_labels',
        'kube_replicaset_owner',
        'kube_pod_owner',
        'kube_pod_container_info',
        'kube_service_info',
      ])
    );
  });

  it('writes each series contiguously, in time order, at every step of the window, with non-decreasing counters', () => {
    const times = sampleTimes(window);
    expect(times).toEqual([1000, 1015, 1030, 1045, 1060]);
    const samples = parseLines(text).flatMap((l) => (l.kind === 'sample' ? [l.s] : []));
    expect(samples.length % times.length).toBe(0);
    const finished = new Set<string>();
    const problems: string[] = [];
    for (let i = 0; i < samples.length; i += times.length) {
      const key = samples[i].name + samples[i].labels;
      if (finished.has(key)) {
        problems.push(`${key} appears twice`);
      }
      finished.add(key);
      for (let j = 0; j < times.length; j++) {
        const s = samples[i + j];
        if (s.name + s.labels !== key || s.ts !== times[j]) {
          problems.push(`${key}: sample ${j} is ${s.name}${s.labels} at ${s.ts}`);
        }
        if (j > 0 && !s.name.startsWith('kube_') && s.value < samples[i + j - 1].value) {
          problems.push(`${key}: counter decreases at ${s.ts}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(finished.size).toBe(samples.length / times.length);
  });

  it('keeps histogram buckets cumulative (monotonic in le) with +Inf equal to _count at every timestamp', () => {
    const samples = parseLines(text).flatMap((l) => (l.kind === 'sample' ? [l.s] : []));
    const buckets = new Map<string, Map<number, Array<[number, number]>>>();
    const counts = new Map<string, Map<number, number>>();
    for (const s of samples) {
      const family = s.name.replace(/_(bucket|sum|count)$/, '');
      if (s.name.endsWith('_bucket')) {
        const le = /,le="([^"]+)"\}$/.exec(s.labels)![1];
        const key = family + s.labels.replace(/,le="[^"]+"\}$/, '}');
        const perTs = buckets.get(key) ?? new Map();
        perTs.set(s.ts!, [...(perTs.get(s.ts!) ?? []), [le === '+Inf' ? Infinity : Number(le), s.value]]);
        buckets.set(key, perTs);
      } else if (s.name.endsWith('_count') && family.startsWith('istio_re')) {
        const perTs = counts.get(family + s.labels) ?? new Map();
        perTs.set(s.ts!, s.value);
        counts.set(family + s.labels, perTs);
      }
    }
    expect(buckets.size).toBeGreaterThan(0);
    const problems: string[] = [];
    let durationSeries = 0;
    for (const [key, perTs] of buckets) {
      if (key.startsWith('istio_request_duration_milliseconds')) {
        durationSeries++;
      }
      for (const [ts, list] of perTs) {
        const les = list.map(([le]) => le);
        const expectedLes = key.startsWith('istio_request_duration_milliseconds')
          ? [...DURATION_BUCKETS_MS, Infinity]
          : [...les].sort((a, b) => a - b);
        if (les.join() !== expectedLes.join()) {
          problems.push(`${key} at ${ts}: le order ${les.join()}`);
        }
        for (let i = 1; i < list.length; i++) {
          if (list[i][1] < list[i - 1][1]) {
            problems.push(`${key} at ${ts}: bucket le=${list[i][0]} below le=${list[i - 1][0]}`);
          }
        }
        if (list[list.length - 1][1] !== counts.get(key)?.get(ts)) {
          problems.push(`${key} at ${ts}: +Inf differs from _count`);
        }
      }
    }
    expect(problems).toEqual([]);
    // one duration histogram per istio_requests_total series
    const requestSeries = new Set(samples.filter((s) => s.name === 'istio_requests_total').map((s) => s.labels)).size;
    expect(durationSeries).toBe(requestSeries);
  });

  it('computes counters as rate × seconds since the origin', async () => {
    const t = bookinfoTopology();
    t.flows = t.flows.filter((f) => f.id === 'productpage->reviews-v1');
    const out = await render((sink) =>
      writeOpenMetrics(
        familiesOf(t, { omitKubeState: true, histograms: 'none' }),
        { start: 100, end: 130, step: 10, origin: 40 },
        sink
      )
    );
    const values = parseLines(out)
      .flatMap((l) => (l.kind === 'sample' ? [l.s] : []))
      .filter((s) => s.name === 'istio_requests_total' && s.labels.includes('reporter="destination"'));
    // 8 req/s, all 200: 8 × (100 - 40) = 480 at the first sample
    expect(values.map((s) => [s.ts, s.value])).toEqual([
      [100, 480],
      [110, 560],
      [120, 640],
      [130, 720],
    ]);
  });

  it('adds extra labels to every series and rejects clashing or invalid names', async () => {
    const out = await render((sink) =>
      writeOpenMetrics(familiesOf(bookinfoTopology(), { extraLabels: { mesh_id: 'mesh1' } }), window, sink)
    );
    const samples = parseLines(out).flatMap((l) => (l.kind === 'sample' ? [l.s] : []));
    expect(samples.length).toBeGreaterThan(0);
    expect(samples.every((s) => s.labels.includes(',mesh_id="mesh1"'))).toBe(true);
    expect(() => familiesOf(bookinfoTopology(), { extraLabels: { reporter: 'x' } })).toThrow(/clash/);
    expect(() => familiesOf(bookinfoTopology(), { extraLabels: { 'bad-name': 'x' } })).toThrow(/not a valid/);
  });

  it('rejects an empty or inverted window', async () => {
    await expect(render((sink) => writeOpenMetrics([], { start: 10, end: 5, step: 15 }, sink))).rejects.toThrow(
      /invalid window/
    );
    await expect(render((sink) => writeOpenMetrics([], { start: 10, end: 50, step: 0 }, sink))).rejects.toThrow(
      /invalid window/
    );
    await expect(
      render((sink) => writeOpenMetrics([], { start: 10, end: 50, step: 5, origin: 20 }, sink))
    ).rejects.toThrow(/origin/);
  });
});

describe('Prometheus text format 0.0.4', () => {
  it('names counter families with _total, has no timestamps, and scales counters by the elapsed time', async () => {
    const t = bookinfoTopology();
    const text = await render((sink) => writePrometheusText(familiesOf(t), 100, sink));
    const lines = parseLines(text);
    expect(lines).toContainEqual({ kind: 'type', family: 'istio_requests_total', type: 'counter' });
    expect(lines).toContainEqual({ kind: 'type', family: 'istio_request_duration_milliseconds', type: 'histogram' });
    const samples = lines.flatMap((l) => (l.kind === 'sample' ? [l.s] : []));
    expect(samples.every((s) => s.ts === undefined)).toBe(true);
    const blackhole = samples.filter(
      (s) => s.name === 'istio_requests_total' && s.labels.includes('destination_service_name="BlackHoleCluster"')
    );
    expect(blackhole.map((s) => s.value)).toEqual([50]); // 0.5 req/s × 100 s
  });
});

describe('escapeLabelValue', () => {
  it('escapes backslashes, quotes and newlines', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });
});
