// Bundles the Node entry points (the meshgraph CLI and the mesh simulator) into build/ with esbuild, so the
// package `bin` and the docker-compose simulator run with plain `node`, without TypeScript tooling; and the engine
// functions the bench times, so that it measures the engine as it ships.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const entries = [
  { in: 'src/cli/meshgraph.ts', out: 'build/cli/meshgraph.js', bin: true },
  { in: 'simulator/cli.ts', out: 'build/simulator/simulator.js', bin: true },
  // The engine functions `npm run bench` times, bundled as the CLI is (bench/shippedEngine.ts).
  { in: 'bench/shippedEngine.ts', out: 'build/bench/engine.cjs', bin: false },
];

for (const entry of entries) {
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: entry.bin ? { js: '#!/usr/bin/env node' } : undefined,
    logLevel: 'warning',
  });
  if (entry.bin) {
    chmodSync(entry.out, 0o755);
  }
}
