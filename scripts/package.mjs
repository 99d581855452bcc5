// Packs dist/ into the archive Grafana's catalog expects: one top-level folder named after the app id, the
// datasource (with its backend executables, mode 0755) nested under datasource/.
//
// `npm run package` (= npm run build, then this script): compiles the executables `npm run build` leaves out
// (linux_arm64), signs dist/ when a Grafana access policy token is set (GRAFANA_ACCESS_POLICY_TOKEN, as
// @grafana/sign-plugin reads it), checks that MANIFEST.txt, if any, covers every file as it now is, then zips.
// Signing must come after the last executable is written: MANIFEST.txt lists the sha256 of every file in dist/.
import AdmZip from 'adm-zip';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TARGETS, TARGETS, checkExecutable, compileExecutable, executablePath } from './build-backend.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MANIFEST = 'MANIFEST.txt';

/**
 * Every file under distDir as @grafana/sign-plugin lists it for MANIFEST.txt (relative, '/'-separated, the
 * manifest itself left out). Throws on anything that is neither a file nor a directory: a symlink would be
 * hashed as its target by the signer but archived as a link, so Grafana's signature check would fail.
 */
export function manifestFiles(distDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        walk(full);
      } else if (stat.isFile()) {
        files.push(path.relative(distDir, full).split(path.sep).join('/'));
      } else {
        throw new Error(`${full} is not a regular file (symlink or special file): it cannot be signed and zipped`);
      }
    }
  };
  walk(distDir);
  return files.filter((f) => f !== MANIFEST);
}

function sha256(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * Checks dist/MANIFEST.txt (the clear-signed JSON @grafana/sign-plugin writes) against the files: the same set,
 * the same sha256. Returns false when there is no manifest (an unsigned plugin); throws when it is stale.
 */
export function verifyManifest(distDir) {
  const file = path.join(distDir, MANIFEST);
  if (!existsSync(file)) {
    return false;
  }
  const text = readFileSync(file, 'utf8');
  const body = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  const signed = JSON.parse(body).files ?? {};
  const present = manifestFiles(distDir);
  const problems = [
    ...present.filter((f) => !(f in signed)).map((f) => `${f} is not in ${MANIFEST}`),
    ...Object.keys(signed)
      .filter((f) => !present.includes(f))
      .map((f) => `${f} is in ${MANIFEST} but not in dist`),
    ...present
      .filter((f) => f in signed && signed[f] !== sha256(path.join(distDir, f)))
      .map((f) => `${f} changed after signing`),
  ];
  if (problems.length > 0) {
    throw new Error(
      `${MANIFEST} does not match ${distDir} (sign after the last build step):\n  ${problems.join('\n  ')}`
    );
  }
  return true;
}

export function packagePlugin(distDir = path.join(root, 'dist'), outDir = root) {
  const pluginJson = path.join(distDir, 'plugin.json');
  if (!existsSync(pluginJson)) {
    throw new Error(`${pluginJson} is missing: run npm run build first`);
  }
  manifestFiles(distDir);
  const { id, info } = JSON.parse(readFileSync(pluginJson, 'utf8'));
  const zip = new AdmZip();
  // addLocalFolder keeps each file's mode, so the executables stay 0755.
  zip.addLocalFolder(distDir, id);
  const out = path.join(outDir, `${id}-${info.version}.zip`);
  zip.writeZip(out);
  return out;
}

function sign() {
  if (!process.env.GRAFANA_ACCESS_POLICY_TOKEN && !process.env.GRAFANA_API_KEY) {
    return;
  }
  const result = spawnSync('npx', ['--yes', '@grafana/sign-plugin@latest'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error('@grafana/sign-plugin failed');
  }
}

function megabytes(file) {
  return `${(statSync(file).size / 1e6).toFixed(1)} MB`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const dist = path.join(root, 'dist');
    for (const target of Object.keys(TARGETS)) {
      if (DEFAULT_TARGETS.includes(target)) {
        checkExecutable(target);
      } else {
        compileExecutable(target);
      }
      process.stderr.write(
        `[package] ${path.relative(root, executablePath(target))}: ${megabytes(executablePath(target))}\n`
      );
    }
    sign();
    if (!verifyManifest(dist)) {
      process.stderr.write(
        '[package] unsigned (no MANIFEST.txt): set GRAFANA_ACCESS_POLICY_TOKEN to sign, or allow it with allow_loading_unsigned_plugins\n'
      );
    }
    const out = packagePlugin(dist);
    process.stderr.write(`[package] ${path.relative(root, out)}: ${megabytes(out)}\n`);
    process.stdout.write(`${out}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
