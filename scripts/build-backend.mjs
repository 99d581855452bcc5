// Bundles the backend plugin (src/backend/main.ts) into one plain-Node script, build/backend/plugin.cjs: the
// .proto is embedded as text, so the bundle needs no file beside it.
import { build } from 'esbuild';

export const BACKEND_BUNDLE = 'build/backend/plugin.cjs';

await build({
  entryPoints: ['src/backend/main.ts'],
  outfile: BACKEND_BUNDLE,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  loader: { '.proto': 'text' },
  logLevel: 'warning',
});
