// Bundles the backend plugin (src/backend/main.ts) into one plain-Node script, build/backend/plugin.cjs: the
// .proto is embedded as text, so the bundle needs no file beside it. Then compiles that bundle with
// `bun build --compile` into the executables Grafana starts, dist/datasource/gpx_meshgraph_<os>_<arch>.
//
//   node scripts/build-backend.mjs                      bundle + DEFAULT_TARGETS (what `npm run build` does)
//   node scripts/build-backend.mjs --targets=linux_arm64  compile more targets from the existing bundle
//   node scripts/build-backend.mjs --all                bundle + every target in TARGETS
//
// The Bun runtime each executable is made from is the npm package of the same version as the `bun`
// devDependency, fetched once with `npm pack` (so the machine's npm registry settings apply) into
// node_modules/.cache/bun-compile/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BACKEND_BUNDLE = 'build/backend/plugin.cjs';

/** Where Grafana looks for the executables: next to the datasource's plugin.json. */
export const EXECUTABLE_DIR = 'dist/datasource';

/**
 * The targets we build and test. Grafana runs `<executable>_<os>_<arch>`.
 * - linux_amd64: Bun's glibc build, "baseline" flavour (no AVX/AVX2; any x86-64 CPU since Nehalem). The glibc
 *   build needs only ld, libc, libdl, libm and libpthread, which the Alpine grafana/grafana image adds on amd64;
 *   Bun's musl build needs libstdc++, which that image does not have.
 * - linux_arm64: Bun's glibc build. Runs on the grafana/grafana:*-ubuntu images; the Alpine image has no glibc
 *   on arm64 (and no libstdc++ for Bun's musl build), so no Bun executable starts there.
 * darwin and windows are left out: they cannot be tested on the Linux machines this project builds on.
 */
export const TARGETS = {
  linux_amd64: { bunTarget: 'bun-linux-x64-baseline', runtimePackage: '@oven/bun-linux-x64-baseline', machine: 62 },
  linux_arm64: { bunTarget: 'bun-linux-arm64', runtimePackage: '@oven/bun-linux-aarch64', machine: 183 },
};

/** What `npm run build` makes: amd64, and arm64 too on an arm64 machine (Docker there runs linux/arm64 Grafana). */
export const DEFAULT_TARGETS = ['linux_amd64', ...(process.arch === 'arm64' ? ['linux_arm64'] : [])];

/** Bundles src/backend/main.ts into BACKEND_BUNDLE. */
export async function bundleBackend() {
  await build({
    entryPoints: [path.join(root, 'src/backend/main.ts')],
    outfile: path.join(root, BACKEND_BUNDLE),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    loader: { '.proto': 'text' },
    logLevel: 'warning',
  });
}

/** The `executable` name from the datasource's plugin.json (gpx_meshgraph). */
export function executableName() {
  return JSON.parse(readFileSync(path.join(root, 'src/datasource/plugin.json'), 'utf8')).executable;
}

/** dist/datasource/gpx_meshgraph_<os>_<arch> for a key of TARGETS. */
export function executablePath(target, distDatasourceDir = path.join(root, EXECUTABLE_DIR)) {
  return path.join(distDatasourceDir, `${executableName()}_${target}`);
}

function bunVersion() {
  return JSON.parse(readFileSync(path.join(root, 'node_modules/bun/package.json'), 'utf8')).version;
}

/**
 * The Bun runtime an executable for `target` is made from: package/bin/bun of the target's npm package,
 * fetched with `npm pack` on first use and kept in node_modules/.cache/bun-compile/<package>-<version>/.
 */
export function bunRuntime(target) {
  const spec = TARGETS[target];
  if (!spec) {
    throw new Error(`Unknown target ${target}; known: ${Object.keys(TARGETS).join(', ')}`);
  }
  const version = bunVersion();
  const dir = path.join(root, 'node_modules/.cache/bun-compile', `${spec.runtimePackage.replace('/', '+')}-${version}`);
  const binary = path.join(dir, 'bin/bun');
  if (existsSync(binary)) {
    return binary;
  }
  mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = mkdtempSync(path.join(path.dirname(dir), '.fetch-'));
  try {
    process.stderr.write(`[build-backend] fetching ${spec.runtimePackage}@${version} with npm pack\n`);
    const tarball = execFileSync(
      'npm',
      ['pack', `${spec.runtimePackage}@${version}`, '--silent', '--pack-destination', tmp],
      {
        cwd: tmp,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }
    )
      .trim()
      .split('\n')
      .pop();
    const unpacked = path.join(tmp, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', path.join(tmp, tarball), '-C', unpacked, '--strip-components=1', 'package/bin/bun']);
    chmodSync(path.join(unpacked, 'bin/bun'), 0o755);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
    return binary;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Compiles `bundle` into a standalone executable for `target` at `outfile` (mode 0755). The executable does not
 * read .env or bunfig.toml from Grafana's working directory.
 */
export function compileExecutable(target, outfile = executablePath(target), bundle = path.join(root, BACKEND_BUNDLE)) {
  const spec = TARGETS[target];
  const runtime = bunRuntime(target);
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: bundle the backend first`);
  }
  mkdirSync(path.dirname(outfile), { recursive: true });
  const partial = `${outfile}.partial`;
  execFileSync(
    path.join(root, 'node_modules/.bin/bun'),
    [
      'build',
      bundle,
      '--compile',
      `--target=${spec.bunTarget}`,
      `--compile-executable-path=${runtime}`,
      '--no-compile-autoload-dotenv',
      '--no-compile-autoload-bunfig',
      '--outfile',
      partial,
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }
  );
  chmodSync(partial, 0o755);
  renameSync(partial, outfile);
  checkExecutable(target, outfile);
  return outfile;
}

/** Throws unless `file` is an executable ELF file for the target's machine (e_machine: 62 x86-64, 183 aarch64). */
export function checkExecutable(target, file = executablePath(target)) {
  const head = readFileSync(file).subarray(0, 20);
  const elf = head.subarray(0, 4).toString('latin1') === '\x7fELF';
  const machine = head.readUInt16LE(18);
  if (!elf || machine !== TARGETS[target].machine) {
    throw new Error(`${file} is not a ${target} executable (ELF ${elf}, machine ${machine})`);
  }
}

/** Bundles (unless told not to) and compiles the given targets; returns the executables' paths. */
export async function buildBackend({ targets = DEFAULT_TARGETS, bundle = true } = {}) {
  if (bundle) {
    await bundleBackend();
  }
  return targets.map((target) => compileExecutable(target));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const listed = args.find((a) => a.startsWith('--targets='));
  const all = args.includes('--all');
  const targets = all ? Object.keys(TARGETS) : listed ? listed.slice('--targets='.length).split(',') : DEFAULT_TARGETS;
  buildBackend({ targets, bundle: all || !listed }).then(
    (files) => files.forEach((file) => process.stderr.write(`[build-backend] ${path.relative(root, file)}\n`)),
    (err) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
  );
}
