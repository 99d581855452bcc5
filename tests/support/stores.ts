/**
 * The PromQL stores Meshgraph is tested on, loaded with the same series over the same window:
 * - `prometheus`: Debian's Prometheus, filled by promtool backfilling from OpenMetrics;
 * - `victoriametrics`: Debian's single-node VictoriaMetrics, filled through its JSON line import API.
 * Counters grow linearly from the window's origin, so rate(counter[W]) at the window's end is the declared rate in
 * both. Every server binds 127.0.0.1 on a free port and is stopped by pid.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backfill, startPrometheus } from '../../scripts/lib/prometheus';
import { startVictoriaMetrics } from '../../scripts/lib/victoriametrics';
import { FamilySeries, familiesOf, EmitOptions } from '../../simulator/series';
import { Window, writeOpenMetrics, writeVictoriaMetricsImport, Sink } from '../../simulator/exposition';
import { Topology } from '../../simulator/topology';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { BACKFILL_END, BACKFILL_STEP } from './prometheusFixture';

export type StoreKind = 'prometheus' | 'victoriametrics';
export const STORES: StoreKind[] = ['prometheus', 'victoriametrics'];

export interface LoadedStore {
  kind: StoreKind;
  url: string;
  /** The window's last sample: evaluate instant queries here. */
  queryTime: number;
  pid: number;
  stop(): Promise<void>;
}

async function writeFile(file: string, write: (sink: Sink) => Promise<unknown>): Promise<void> {
  const stream = createWriteStream(file, { encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (e) => (failure = e));
  await write(async (chunk) => {
    if (failure) {
      throw failure;
    }
    if (!stream.write(chunk)) {
      await once(stream, 'drain');
    }
  });
  stream.end();
  await once(stream, 'finish');
  if (failure) {
    throw failure;
  }
}

/** Starts a store of `kind` holding `families` sampled over `window`. */
export async function startLoadedStore(
  kind: StoreKind,
  families: FamilySeries[],
  window: Window
): Promise<LoadedStore> {
  const dir = mkdtempSync(join(tmpdir(), `meshgraph-${kind}-`));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  const queryTime = window.start + Math.floor((window.end - window.start) / window.step) * window.step;
  try {
    if (kind === 'prometheus') {
      const file = join(dir, 'series.om');
      const dataDir = join(dir, 'data');
      await writeFile(file, (sink) => writeOpenMetrics(families, window, sink));
      await backfill(file, dataDir);
      rmSync(file, { force: true });
      const p = await startPrometheus({ dataDir });
      return {
        kind,
        url: p.url,
        queryTime,
        pid: p.pid,
        stop: async () => {
          await p.stop();
          removeDir();
        },
      };
    }
    const file = join(dir, 'series.jsonl');
    await writeFile(file, (sink) => writeVictoriaMetricsImport(families, window, sink));
    const vm = await startVictoriaMetrics();
    try {
      await vm.importJsonLines(file);
    } catch (e) {
      await vm.stop();
      throw e;
    }
    rmSync(file, { force: true });
    return {
      kind,
      url: vm.url,
      queryTime,
      pid: vm.pid,
      stop: async () => {
        await vm.stop();
        removeDir();
      },
    };
  } catch (e) {
    removeDir();
    throw e;
  }
}

/** The hour before BACKFILL_END at 15 s, as the Prometheus fixture backfills it. */
export function defaultWindow(): Window {
  return { start: BACKFILL_END - 3600, end: BACKFILL_END, step: BACKFILL_STEP };
}

/** A store holding a simulated topology's telemetry (the same families the Prometheus fixture backfills). */
export function startSimulatedStore(
  kind: StoreKind,
  topology: Topology,
  options: EmitOptions = {},
  window: Window = defaultWindow()
): Promise<LoadedStore> {
  return startLoadedStore(kind, familiesOf(topology, options), window);
}
