// `npm run demo`: installs what is missing, builds the plugins, then starts Prometheus fed by the Istio mesh
// simulator and the sandbox page that loads the built plugins, and prints its URL. Ctrl-C stops everything.
import { spawnSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSetup } from './ensure-setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
try {
  ensureSetup();
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
if (build.status !== 0) {
  process.stderr.write('npm run build failed\n');
  process.exit(1);
}
const demo = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/demo.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => demo.kill(signal));
}
demo.on('exit', (code) => process.exit(code ?? 0));
