/** Streams a topology's telemetry over a fixed window to an OpenMetrics file for promtool backfilling. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { Window, writeOpenMetrics } from './exposition';
import { EmitOptions, familiesOf } from './series';
import { Topology } from './topology';

export interface ExportOptions extends Window, EmitOptions {}

export interface ExportResult {
  file: string;
  series: number;
  samples: number;
  bytes: number;
  seconds: number;
}

/** Resolves on 'drain' or 'error', whichever comes first, leaving no listener behind. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
  });
}

export async function exportOpenMetricsFile(
  topology: Topology,
  options: ExportOptions,
  file: string
): Promise<ExportResult> {
  const started = performance.now();
  const families = familiesOf(topology, options);
  const stream = createWriteStream(file, { encoding: 'utf8' });
  let failure: Error | undefined;
  stream.on('error', (e) => {
    failure = e;
  });
  const sink = async (chunk: string): Promise<void> => {
    if (failure) {
      throw failure;
    }
    if (!stream.write(chunk)) {
      await drained(stream);
      if (failure) {
        throw failure;
      }
    }
  };
  try {
    const stats = await writeOpenMetrics(families, options, sink);
    stream.end();
    await once(stream, 'finish');
    if (failure) {
      throw failure;
    }
    return { file, ...stats, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    stream.destroy();
    throw e;
  }
}
