/**
 * Text renderings of series specifications: Prometheus text format 0.0.4 at one instant (the live /metrics page) and
 * OpenMetrics with explicit timestamps over a window (input of `promtool tsdb create-blocks-from openmetrics`).
 * Both stream through an async sink in chunks so that large meshes never sit in memory as one string.
 */
import { FamilyDef, FamilySeries, SeriesSpec } from './series';

export type Sink = (chunk: string) => Promise<void> | void;

const CHUNK_CHARS = 1 << 20;

/** Collects text and hands it to the sink in ~1 MiB chunks, awaiting back-pressure. */
class ChunkedWriter {
  private buffer = '';
  bytes = 0;
  constructor(private readonly sink: Sink) {}

  async add(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length >= CHUNK_CHARS) {
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (this.buffer.length > 0) {
      const chunk = this.buffer;
      this.buffer = '';
      this.bytes += Buffer.byteLength(chunk);
      await this.sink(chunk);
    }
  }
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Prometheus 0.0.4 names counters with their `_total` suffix in HELP/TYPE lines. */
function classicFamilyName(f: FamilyDef): string {
  return f.type === 'counter' ? `${f.name}_total` : f.name;
}

export interface RenderStats {
  series: number;
  samples: number;
  bytes: number;
}

/**
 * Prometheus text format 0.0.4 at one instant: counters = slope × elapsedSeconds, gauges as they are.
 * No timestamps (the scraper stamps them).
 */
export async function writePrometheusText(
  families: Iterable<{ family: FamilyDef; series: SeriesSpec[] | (() => Iterable<SeriesSpec>) }>,
  elapsedSeconds: number,
  sink: Sink
): Promise<RenderStats> {
  const out = new ChunkedWriter(sink);
  let series = 0;
  for (const { family, series: list } of families) {
    const name = classicFamilyName(family);
    let header = `# HELP ${name} ${escapeHelp(family.help)}\n# TYPE ${name} ${family.type}\n`;
    for (const s of typeof list === 'function' ? list() : list) {
      const value = s.gauge !== undefined ? s.gauge : s.slope * elapsedSeconds;
      await out.add(`${header}${s.metric}${s.labels} ${value}\n`);
      header = '';
      series++;
    }
  }
  await out.flush();
  return { series, samples: series, bytes: out.bytes };
}

export interface Window {
  /** Unix seconds of the first sample. */
  start: number;
  /** Unix seconds; the last sample is at the last step not after end. */
  end: number;
  /** Seconds between samples. */
  step: number;
  /** Unix seconds at which counters are 0 (default: start). */
  origin?: number;
}

/** Sample times of a window, validated. */
export function sampleTimes(w: Window): number[] {
  if (![w.start, w.end, w.step].every(Number.isFinite) || w.step <= 0 || w.end < w.start) {
    throw new Error(`invalid window start=${w.start} end=${w.end} step=${w.step}: need start <= end and step > 0`);
  }
  const origin = w.origin ?? w.start;
  if (origin > w.start) {
    throw new Error(`origin ${origin} is after the window start ${w.start}: counters would be negative`);
  }
  const times: number[] = [];
  for (let t = w.start; t <= w.end; t += w.step) {
    times.push(t);
  }
  return times;
}

/**
 * OpenMetrics for backfilling: one TYPE line per family (counter families without `_total`), every series'
 * samples contiguous and in time order, timestamps in seconds, `# EOF` at the end.
 */
export async function writeOpenMetrics(families: FamilySeries[], window: Window, sink: Sink): Promise<RenderStats> {
  const times = sampleTimes(window);
  const origin = window.origin ?? window.start;
  const stamps = times.map((t) => ` ${t}\n`);
  const elapsed = times.map((t) => t - origin);
  const out = new ChunkedWriter(sink);
  let series = 0;
  for (const { family, series: list } of families) {
    let header = `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
    for (const s of list()) {
      const prefix = `${s.metric}${s.labels} `;
      let text = header;
      header = '';
      if (s.gauge !== undefined) {
        const v = String(s.gauge);
        for (let i = 0; i < stamps.length; i++) {
          text += prefix + v + stamps[i];
        }
      } else {
        for (let i = 0; i < stamps.length; i++) {
          text += prefix + s.slope * elapsed[i] + stamps[i];
        }
      }
      await out.add(text);
      series++;
    }
  }
  await out.add('# EOF\n');
  await out.flush();
  return { series, samples: series * times.length, bytes: out.bytes };
}

/** Reads a rendered label set (`{a="1",b="x\"y"}`, as SeriesSpec.labels holds it) back into a record. */
export function parseRenderedLabels(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|\})/y;
  if (!text.startsWith('{')) {
    throw new Error(`not a rendered label set: ${text.slice(0, 80)}`);
  }
  re.lastIndex = 1;
  if (text === '{}') {
    return out;
  }
  for (;;) {
    const m = re.exec(text);
    if (!m) {
      throw new Error(`malformed label set at offset ${re.lastIndex}: ${text.slice(0, 120)}`);
    }
    out[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    if (m[3] === '}') {
      if (re.lastIndex !== text.length) {
        throw new Error(`trailing text after a label set: ${text.slice(re.lastIndex, re.lastIndex + 40)}`);
      }
      return out;
    }
  }
}

/**
 * VictoriaMetrics' JSON line import format (POST /api/v1/import): one line per series with its samples over the
 * window, timestamps in milliseconds. Same values as writeOpenMetrics, so both stores hold the same data.
 */
export async function writeVictoriaMetricsImport(
  families: FamilySeries[],
  window: Window,
  sink: Sink
): Promise<RenderStats> {
  const times = sampleTimes(window);
  const origin = window.origin ?? window.start;
  const stamps = JSON.stringify(times.map((t) => t * 1000));
  const elapsed = times.map((t) => t - origin);
  const out = new ChunkedWriter(sink);
  let series = 0;
  for (const { series: list } of families) {
    for (const s of list()) {
      const metric = { __name__: s.metric, ...parseRenderedLabels(s.labels) };
      const values = s.gauge !== undefined ? times.map(() => s.gauge!) : elapsed.map((e) => s.slope * e);
      await out.add(`{"metric":${JSON.stringify(metric)},"values":${JSON.stringify(values)},"timestamps":${stamps}}\n`);
      series++;
    }
  }
  await out.flush();
  return { series, samples: series * times.length, bytes: out.bytes };
}
