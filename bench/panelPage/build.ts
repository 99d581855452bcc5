/**
 * Bundles the panel benchmark page (page.tsx) with esbuild into node_modules/.cache/meshgraph-panel-bench/
 * (a build cache, outside git): React, @grafana/data, @grafana/ui, Cytoscape and the panel's sources from src/panel,
 * built for production like Grafana ships them. Rebuilds when a source under bench/panelPage, src/panel or
 * src/engine, or package-lock.json, is newer than the bundle.
 *
 *   npx tsx bench/panelPage/build.ts [--force]
 */
import { build } from 'esbuild';
import fs from 'fs';
import path from 'path';

import { buildFailure } from '../../tests/sandbox/build';

const PAGE_DIR = __dirname;
const REPO_ROOT = path.resolve(PAGE_DIR, '..', '..');
export const PAGE_OUT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'meshgraph-panel-bench');
const SOURCE_DIRS = [PAGE_DIR, path.join(REPO_ROOT, 'src', 'panel'), path.join(REPO_ROOT, 'src', 'engine')];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      newest = Math.max(newest, newestMtime(p));
    } else if (/\.(ts|tsx|svg|json)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  }
  return newest;
}

export interface PageBuild {
  outDir: string;
  rebuilt: boolean;
}

export interface PageBuildOptions {
  force?: boolean;
  /** false: unminified, for readable CPU profiles. */
  minify?: boolean;
}

export async function buildPanelPage(options: PageBuildOptions = {}): Promise<PageBuild> {
  const minify = options.minify ?? true;
  const outDir = `${PAGE_OUT_DIR}${minify ? '' : '-dev'}`;
  const pageJs = path.join(outDir, 'page.js');
  const newest = Math.max(
    ...SOURCE_DIRS.map(newestMtime),
    fs.statSync(path.join(REPO_ROOT, 'package-lock.json')).mtimeMs
  );
  if (!options.force && fs.existsSync(pageJs) && fs.statSync(pageJs).mtimeMs >= newest) {
    return { outDir, rebuilt: false };
  }
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  // Build beside and swap in, so a concurrent reader never sees half a bundle.
  const tmpDir = fs.mkdtempSync(`${outDir}.tmp-`);
  try {
    await build({
      entryPoints: { page: path.join(PAGE_DIR, 'page.tsx') },
      outdir: tmpDir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify,
      sourcemap: 'linked',
      jsx: 'automatic',
      logLevel: 'silent',
      absWorkingDir: REPO_ROOT,
      tsconfigRaw: { compilerOptions: { jsx: 'react-jsx' } },
      loader: { '.svg': 'text', '.png': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file' },
      define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    });
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(tmpDir, outDir);
  } catch (err) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw buildFailure('panel benchmark page', err);
  }
  return { outDir, rebuilt: true };
}

if (require.main === module) {
  buildPanelPage({
    force: process.argv.includes('--force'),
  }).then(
    (r) => {
      const size = fs.statSync(path.join(r.outDir, 'page.js')).size;
      console.log(`${r.rebuilt ? 'built' : 'up to date'}: ${r.outDir} (page.js ${(size / 1e6).toFixed(2)} MB)`);
    },
    (err) => {
      console.error(err.message ?? err);
      process.exit(1);
    }
  );
}
