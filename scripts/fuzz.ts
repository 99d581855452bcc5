/**
 * `npm run fuzz -- [--seed N] [--iterations N] [--from I]`: odd Prometheus answers (shapes, values, labels, hostile
 * strings; src/engine/fuzz/answers.testutil.ts) through the real client and engine, every case checked against the
 * invariants (src/engine/fuzz/invariants.testutil.ts): only clean errors, edges join existing nodes, unique ids,
 * finite rates from 0, percentages within 0–100, every skipped sample counted. A case is fixed by its seed and
 * index, so `--seed S --from I --iterations 1` replays case I. Exits 1 when any invariant fails. `npm test` runs a
 * fixed slice of seed 1 (src/engine/fuzz/fuzz.test.ts).
 */
import { runCase } from '../src/engine/fuzz/invariants.testutil';

const MAX_ITERATIONS = 1_000_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) {
    return fallback;
  }
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`fuzz: ${name} needs a whole number, got ${JSON.stringify(process.argv[i + 1])}\n`);
    process.exit(2);
  }
  return v;
}

async function main(): Promise<number> {
  const seed = arg('--seed', 1);
  const from = arg('--from', 0);
  const iterations = arg('--iterations', 5000);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    process.stderr.write(`fuzz: --iterations must be from 1 to ${MAX_ITERATIONS}\n`);
    return 2;
  }
  const started = Date.now();
  let answers = 0;
  let graphs = 0;
  let errors = 0;
  let failed = 0;
  for (let i = from; i < from + iterations; i++) {
    const r = await runCase(seed, i);
    answers += r.answers;
    if (r.outcome === 'graph') {
      graphs++;
    } else {
      errors++;
    }
    if (r.violations.length > 0) {
      failed++;
      process.stdout.write(`case ${i} (replay: npm run fuzz -- --seed ${seed} --from ${i} --iterations 1)\n`);
      for (const v of r.violations.slice(0, 10)) {
        process.stdout.write(`  ${v}\n`);
      }
    }
    if ((i - from + 1) % 1000 === 0) {
      process.stderr.write(`… ${i - from + 1} cases, ${answers} answers\n`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `seed ${seed}, cases ${from}–${from + iterations - 1}: ${answers} answers, ${graphs} graphs, ${errors} clean errors, ` +
      `${failed} case(s) breaking an invariant (${seconds} s)\n`
  );
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
);
