/**
 * Lifecycle of the servers tests start (Prometheus, VictoriaMetrics): each child is tracked so that none is left
 * behind when the test process ends (killed by pid, only the ones started here), and stopped with SIGTERM then
 * SIGKILL after a grace period.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) {
    return;
  }
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });
}

/** Kills the child by pid if the test process ends while it still runs. */
export function trackChild(child: ChildProcess): void {
  running.add(child);
  installExitHook();
  child.on('exit', () => running.delete(child));
}

/** Resolves when the child has exited (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
  });
}

/** Sends SIGTERM, then SIGKILL when the process has not exited after graceMs. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const pid = child.pid;
  const gone = exited(child);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }, graceMs);
  await gone;
  clearTimeout(timer);
  running.delete(child);
}

export function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** A server's log file, or '' when it cannot be read. */
export function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
