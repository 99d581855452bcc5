// Bundles the Node entry points (the meshgraph CLI and the mesh simulator) into build/ with esbuild, so the
// package `bin` and the docker-compose simulator run with plain `node`, without TypeScript tooling.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const entries = [
  { in: 'src/cli/meshgraph.ts', out: 'build/cli/meshgraph.js' },
  { in: 'simulator/cli.ts', out: 'build/simulator/simulator.js' },
];

for (const entry of entries) {
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'warning',
  });
  chmodSync(entry.out, 0o755);
}
