/** jsdom lacks IntersectionObserver, which Grafana's Select menus (ScrollContainer) use. */
export function installDomStubs(): void {
  if (typeof (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver === 'undefined') {
    class NoopIntersectionObserver {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    }
    (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = NoopIntersectionObserver;
  }
}
