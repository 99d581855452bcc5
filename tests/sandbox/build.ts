/**
 * Bundles the sandbox host (tests/sandbox/host.tsx) with esbuild into node_modules/.cache/meshgraph-sandbox/
 * (outside git, ESLint and Prettier, like other build caches).
 * Unlike the plugin build, this bundle includes React and @grafana/*: it plays Grafana's part.
 * Rebuilds only when a sandbox source file or package-lock.json is newer than the bundle.
 *
 *   npx tsx tests/sandbox/build.ts          # build if stale
 *   npx tsx tests/sandbox/build.ts --force  # always build
 */
import { build } from 'esbuild';
import fs from 'fs';
import path from 'path';

export const SANDBOX_DIR = __dirname;

/** An esbuild failure as one readable error: what was built and its first errors with file and line. */
export function buildFailure(what: string, err: unknown): unknown {
  const errors = (err as { errors?: Array<{ text: string; location?: { file: string; line: number } }> }).errors;
  if (!errors?.length) {
    return err;
  }
  const lines = errors
    .slice(0, 10)
    .map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
  return new Error(`${what} build failed:\n${lines.join('\n')}`);
}
const REPO_ROOT = path.resolve(SANDBOX_DIR, '..', '..');
export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'meshgraph-sandbox');

export interface SandboxBuild {
  outDir: string;
  /** host.js, plus host.css when the shared modules import CSS. */
  files: string[];
  rebuilt: boolean;
}

function newestSourceMtime(): number {
  const sources = fs
    .readdirSync(SANDBOX_DIR)
    .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') && f !== 'build.ts')
    .map((f) => path.join(SANDBOX_DIR, f));
  sources.push(path.join(REPO_ROOT, 'package-lock.json'), __filename);
  return Math.max(...sources.filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs));
}

function listOutputs(outDir: string): string[] {
  return ['host.js', 'host.css'].filter((f) => fs.existsSync(path.join(outDir, f)));
}

export async function buildSandboxHost(options: { outDir?: string; force?: boolean } = {}): Promise<SandboxBuild> {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const hostJs = path.join(outDir, 'host.js');
  if (!options.force && fs.existsSync(hostJs) && fs.statSync(hostJs).mtimeMs >= newestSourceMtime()) {
    return { outDir, files: listOutputs(outDir), rebuilt: false };
  }

  // Build into a fresh sibling directory and swap it in, so a reader never sees half a bundle.
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const tmpDir = fs.mkdtempSync(`${outDir}.tmp-`);
  try {
    const result = await build({
      entryPoints: { host: path.join(SANDBOX_DIR, 'host.tsx') },
      outdir: tmpDir,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      sourcemap: 'linked',
      jsx: 'automatic',
      logLevel: 'silent',
      absWorkingDir: REPO_ROOT,
      tsconfigRaw: { compilerOptions: { jsx: 'react-jsx' } },
      loader: {
        '.svg': 'text',
        '.png': 'file',
        '.woff': 'file',
        '.woff2': 'file',
        '.ttf': 'file',
        '.eot': 'file',
      },
      define: {
        'process.env.NODE_ENV': '"production"',
        global: 'window',
      },
    });
    const warnings = result.warnings.filter((w) => !/direct-eval|empty-import-meta/.test(w.id ?? ''));
    if (warnings.length > 50) {
      console.warn(`sandbox build: ${warnings.length} esbuild warnings (first: ${warnings[0].text})`);
    }
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(tmpDir, outDir);
  } catch (err) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw buildFailure('sandbox', err);
  }
  return { outDir, files: listOutputs(outDir), rebuilt: true };
}

if (require.main === module) {
  buildSandboxHost({ force: process.argv.includes('--force') }).then(
    (r) => {
      const sizes = r.files.map((f) => `${f} ${(fs.statSync(path.join(r.outDir, f)).size / 1e6).toFixed(2)} MB`);
      console.log(`${r.rebuilt ? 'built' : 'up to date'}: ${r.outDir} (${sizes.join(', ')})`);
    },
    (err) => {
      console.error(err.message ?? err);
      process.exit(1);
    }
  );
}
