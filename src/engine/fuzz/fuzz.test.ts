/**
 * @jest-environment node
 */
/**
 * A fixed slice of the fuzzer (`npm run fuzz` runs any seed and count): odd answers through the real client and
 * engine, every invariant checked on every case (invariants.testutil.ts).
 */
import { runCase } from './invariants.testutil';

describe('fuzzed Prometheus answers (seed 1)', () => {
  it('never throw but clean errors, and every graph keeps its invariants (at least 2,000 answers)', async () => {
    let answers = 0;
    let graphs = 0;
    let errors = 0;
    const violations: string[] = [];
    for (let i = 0; answers < 2000; i++) {
      const r = await runCase(1, i);
      answers += r.answers;
      if (r.outcome === 'graph') {
        graphs++;
      } else {
        errors++;
      }
      violations.push(...r.violations.map((v) => `case ${i}: ${v}`));
    }
    expect(violations.slice(0, 20)).toEqual([]);
    // Both outcomes occur, so both sets of checks ran.
    expect(graphs).toBeGreaterThan(100);
    expect(errors).toBeGreaterThan(10);
  }, 120000);
});
