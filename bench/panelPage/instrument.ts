/**
 * Counters for requestAnimationFrame, setInterval and setTimeout, installed before any page script runs
 * (`page.addInitScript(installTimerCounters)`), so every library captures the counting versions.
 * Self-contained on purpose: Playwright serialises the function source into the page.
 */
export function installTimerCounters(): void {
  const w = window as unknown as Record<string, unknown> & Window;
  if (w.__meshgraphTimers) {
    return;
  }
  const rafPending = new Set<number>();
  const intervals = new Set<number>();
  const timeouts = new Set<number>();
  let rafRequests = 0;
  const raf = window.requestAnimationFrame.bind(window);
  const caf = window.cancelAnimationFrame.bind(window);
  const si = window.setInterval.bind(window);
  const ci = window.clearInterval.bind(window);
  const st = window.setTimeout.bind(window);
  const ct = window.clearTimeout.bind(window);

  window.requestAnimationFrame = (cb: FrameRequestCallback) => {
    rafRequests++;
    const id = raf((t) => {
      rafPending.delete(id);
      cb(t);
    });
    rafPending.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id: number) => {
    rafPending.delete(id);
    caf(id);
  };
  window.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id = si(handler, ms, ...args);
    intervals.add(id);
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) {
      intervals.delete(id);
    }
    ci(id);
  }) as typeof window.clearInterval;
  window.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
    const id: number = st(
      (...a: unknown[]) => {
        timeouts.delete(id);
        if (typeof handler === 'function') {
          (handler as (...x: unknown[]) => void)(...a);
        } else {
          // String handlers are eval'd by the browser; keep that behaviour.
          (0, eval)(handler);
        }
      },
      ms,
      ...args
    );
    timeouts.add(id);
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) {
      timeouts.delete(id);
    }
    ct(id);
  }) as typeof window.clearTimeout;
  Object.defineProperty(w, '__meshgraphTimers', {
    value: () => ({ rafPending: rafPending.size, rafRequests, intervals: intervals.size, timeouts: timeouts.size }),
    enumerable: false,
  });
}
