// Builds tests/gohost, the Go test host made from Debian's hashicorp go-plugin client, into
// node_modules/.cache/meshgraph-gohost/gohost. Offline, in GOPATH mode from Debian's /usr/share/gocode: no
// module proxy, no network. Plain Node, no dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIR = path.join(root, 'tests', 'gohost');
const CACHE_DIR = path.join(root, 'node_modules', '.cache', 'meshgraph-gohost');
const DEBIAN_GOPATH = '/usr/share/gocode';

/** What the build needs from Debian, and the package that brings each (scripts/ensure-setup.mjs installs them). */
const REQUIREMENTS = [
  {
    file: `${DEBIAN_GOPATH}/src/github.com/hashicorp/go-plugin/client.go`,
    pkg: 'golang-github-hashicorp-go-plugin-dev',
  },
  { file: `${DEBIAN_GOPATH}/src/google.golang.org/grpc/server.go`, pkg: 'golang-google-grpc-dev' },
  {
    file: `${DEBIAN_GOPATH}/src/google.golang.org/protobuf/encoding/protowire/wire.go`,
    pkg: 'golang-google-protobuf-dev',
  },
];

function findGo() {
  if (existsSync('/usr/bin/go')) {
    return '/usr/bin/go';
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'go'))) {
      return path.join(dir, 'go');
    }
  }
  return undefined;
}

function newestSourceMs() {
  return Math.max(
    ...readdirSync(SOURCE_DIR)
      .filter((name) => name.endsWith('.go'))
      .map((name) => statSync(path.join(SOURCE_DIR, name)).mtimeMs)
  );
}

/**
 * Builds the host when it is missing or older than a source file; returns the executable's path. Throws with
 * what to install when Go or a Go package is missing.
 * @returns {string}
 */
export function buildGoHost() {
  const output = path.join(CACHE_DIR, 'gohost');
  if (existsSync(output) && statSync(output).mtimeMs >= newestSourceMs()) {
    return output;
  }
  const go = findGo();
  const missing = REQUIREMENTS.filter((r) => !existsSync(r.file)).map((r) => r.pkg);
  if (!go) {
    missing.unshift('golang-go');
  }
  if (missing.length > 0) {
    throw new Error(
      `The Go test host needs Debian packages: ${missing.join(', ')}. Install them with ` +
        `node scripts/ensure-setup.mjs (as root) or apt-get install ${missing.join(' ')}`
    );
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: CACHE_DIR,
    GO111MODULE: 'off',
    GOPATH: [path.join(CACHE_DIR, 'gopath'), DEBIAN_GOPATH].join(path.delimiter),
    GOCACHE: path.join(CACHE_DIR, 'gocache'),
    GOFLAGS: '',
    GOPROXY: 'off',
    GOENV: 'off',
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
  };
  // Built beside the target and renamed over it, so a concurrent run never sees half an executable.
  const partial = `${output}.${process.pid}.tmp`;
  try {
    execFileSync(go, ['build', '-o', partial, './tests/gohost'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (e) {
    const err = /** @type {{ stderr?: string, message: string }} */ (e);
    throw new Error(`go build ./tests/gohost failed:\n${err.stderr || err.message}`);
  }
  renameSync(partial, output);
  return output;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${buildGoHost()}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
