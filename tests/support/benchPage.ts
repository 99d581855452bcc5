/**
 * The benchmark page (bench/panelPage/) for a browser test file: opened and loaded before the file's tests, closed
 * after them, and every test must leave the page without page or console errors. `use` receives the session
 * once it is open (the file keeps it in its own variable).
 */
import { openBenchSession, type BenchSession } from '../../bench/panelPage/session';

export function benchPageForFile(
  viewport: { width: number; height: number },
  use: (session: BenchSession) => void
): void {
  let session: BenchSession | undefined;
  beforeAll(async () => {
    session = await openBenchSession({ viewport });
    await session.load();
    use(session);
  }, 120000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(() => {
    expect(session?.browser.pageErrors).toEqual([]);
    expect(session?.browser.consoleErrors).toEqual([]);
  });
}
