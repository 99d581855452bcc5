// `npm test`: installs what is missing, then runs every suite and ends with one line `N passed, N failed`.
// Suites: typecheck, lint, unit (jest), build, integration + browser (jest against real Prometheus and Chromium).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSetup } from './ensure-setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'meshgraph-test-'));

function run(title, command, args) {
  process.stdout.write(`\n=== ${title}: ${[path.basename(command), ...args].join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CI: 'true' } });
  process.stdout.write(`=== ${title}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result.status === 0;
}

/** A check that is not a test runner counts as one test. */
function check(title, command, args) {
  const ok = run(title, command, args);
  return { title, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

/** A jest run counts its tests; a run that crashed before reporting counts as one failure. */
function jest(title, args) {
  const report = path.join(tmp, `${title}.json`);
  run(title, bin('jest'), [...args, '--ci', '--json', `--outputFile=${report}`]);
  try {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const failedSuites = result.numRuntimeErrorTestSuites ?? 0;
    return { title, passed: result.numPassedTests, failed: result.numFailedTests + failedSuites };
  } catch {
    return { title, passed: 0, failed: 1 };
  }
}

let results = [];
try {
  ensureSetup();
  results = [
    check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
    check('lint', bin('eslint'), ['.']),
    jest('unit', ['-c', 'jest.config.js', '--maxWorkers=2']),
    check('build', 'npm', ['run', '-s', 'build']),
    jest('integration', ['-c', 'jest.integration.config.js', '--runInBand']),
  ];
} catch (err) {
  process.stdout.write(`setup failed: ${err.message}\n`);
  results.push({ title: 'setup', passed: 0, failed: 1 });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

process.stdout.write('\n');
for (const r of results) {
  process.stdout.write(`suite ${r.title}: passed ${r.passed}, failed ${r.failed}\n`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
