/**
 * The process around the server: it must never die of one bad request (Grafana would restart it and every
 * in-flight query would fail), and it must not outlive Grafana.
 */
import type { Logger } from './hclog';

/** A write to a pipe whose reader is gone: Grafana has exited. */
function isBrokenPipe(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET';
}

/**
 * Logs unhandled rejections and exceptions instead of exiting on them, except a broken stdout or stderr pipe,
 * which means Grafana is gone: then `onHostGone` (logging it would only break the pipe again).
 */
export function keepAliveOnErrors(log: Logger, onHostGone: () => void): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (isBrokenPipe(e)) {
        onHostGone();
      }
    });
  }
  process.on('unhandledRejection', (reason) => {
    log.error('Unhandled promise rejection (the plugin keeps running)', { error: describe(reason) });
  });
  process.on('uncaughtException', (error) => {
    if (isBrokenPipe(error)) {
      onHostGone();
      return;
    }
    log.error('Uncaught exception (the plugin keeps running)', { error: describe(error) });
  });
}

/**
 * Calls `onGone` when the parent process exits: the plugin is then re-parented, so its parent pid changes.
 * (Grafana's stdin may be /dev/null, so stdin's end says nothing.)
 */
export function watchParent(onGone: () => void, intervalMs = 1000): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function onTerminationSignals(handler: (signal: string) => void): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => handler(signal));
  }
  // A closed stdout/stderr pipe must not kill the process with EPIPE.
  process.on('SIGPIPE', () => undefined);
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    return e.stack ?? e.message;
  }
  return String(e);
}
