// Installs what tests and the demo need on a fresh machine: Debian's prometheus and chromium (when root),
// and the npm packages from package-lock.json. Plain Node, no dependencies, so it runs before `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages and the binary that proves each is installed. */
const SYSTEM_PACKAGES = [
  { pkg: 'prometheus', bin: '/usr/bin/prometheus' },
  { pkg: 'prometheus', bin: '/usr/bin/promtool' },
  // tests/integration: the graph tests run on VictoriaMetrics too (scripts/lib/victoriametrics.ts).
  { pkg: 'victoria-metrics', bin: '/usr/bin/victoria-metrics' },
  { pkg: 'chromium', bin: '/usr/bin/chromium' },
  // tests/plugin/executables: the arm64 executable under qemu with Debian's arm64 glibc, amd64 on a CPU without AVX.
  { pkg: 'qemu-user', bin: '/usr/bin/qemu-aarch64' },
  { pkg: 'libc6-arm64-cross', bin: '/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1' },
  // tests/gohost: go-plugin's own client as a test host (Debian's go-plugin package does not depend on grpc).
  { pkg: 'golang-go', bin: '/usr/bin/go' },
  {
    pkg: 'golang-github-hashicorp-go-plugin-dev',
    bin: '/usr/share/gocode/src/github.com/hashicorp/go-plugin/client.go',
  },
  { pkg: 'golang-google-grpc-dev', bin: '/usr/share/gocode/src/google.golang.org/grpc/server.go' },
  {
    pkg: 'golang-google-protobuf-dev',
    bin: '/usr/share/gocode/src/google.golang.org/protobuf/encoding/protowire/wire.go',
  },
];

function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

/** How long setup waits for another apt process (an unattended upgrade, another setup) to release its lock. */
const APT_LOCK_WAIT_S = 600;

export function ensureSystemPackages() {
  const missing = [...new Set(SYSTEM_PACKAGES.filter((p) => !existsSync(p.bin)).map((p) => p.pkg))];
  if (missing.length === 0) {
    return;
  }
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with:\n  sudo sh -c '${command}'`);
  }
  log(`installing ${missing.join(', ')} with apt-get (waiting up to ${APT_LOCK_WAIT_S / 60} minutes if another apt process holds its lock)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt waits for the dpkg and list locks itself with this option instead of failing at once.
  const waiting = command.replace(/apt-get /g, `apt-get -o DPkg::Lock::Timeout=${APT_LOCK_WAIT_S} `);
  execFileSync('sh', ['-c', waiting], { stdio: ['ignore', 'inherit', 'inherit'], env });
}

/** npm ci when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) {
    return;
  }
  log('installing npm packages (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error('npm ci failed');
  }
}

export function ensureSetup() {
  ensureSystemPackages();
  ensureNodeModules();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureSetup();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
