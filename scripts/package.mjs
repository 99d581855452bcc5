// Packs dist/ into the archive Grafana's catalog expects: one top-level folder named after the app id.
import AdmZip from 'adm-zip';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function packagePlugin(distDir = path.join(root, 'dist'), outDir = root) {
  const pluginJson = path.join(distDir, 'plugin.json');
  if (!existsSync(pluginJson)) {
    throw new Error(`${pluginJson} is missing: run npm run build first`);
  }
  const { id, info } = JSON.parse(readFileSync(pluginJson, 'utf8'));
  const zip = new AdmZip();
  zip.addLocalFolder(distDir, id);
  const out = path.join(outDir, `${id}-${info.version}.zip`);
  zip.writeZip(out);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${packagePlugin()}\n`);
}
