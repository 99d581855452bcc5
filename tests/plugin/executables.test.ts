/**
 * The backend executables start where Grafana runs them. With no container runtime or image registry here, each
 * grafana/grafana image is rebuilt as a root filesystem from the same pieces, taken from Debian 12:
 *  - grafana/grafana (Alpine), amd64: only the glibc files the image's Dockerfile extracts on x86_64 ("glibc
 *    support for alpine x86_64 only"), at its paths: /usr/glibc-compat/lib/{ld-linux-x86-64.so.2, libc, libdl,
 *    libm, libpthread, librt, libresolv} and /lib64/ld-linux-x86-64.so.2 linking there. No libstdc++, no
 *    libgcc_s. Run in a chroot with its own mount and pid namespaces and /proc (unshare), as a container is.
 *  - grafana/grafana:*-ubuntu, amd64: the host itself (Debian 12, full glibc).
 *  - grafana/grafana:*-ubuntu, arm64: qemu-aarch64 (Debian's qemu-user) with a root holding Debian's arm64 glibc
 *    (libc6-arm64-cross). The Alpine image has no glibc on arm64, so no Bun executable starts there (README).
 * Each run gets Grafana's environment only (cookie, PLUGIN_PROTOCOL_VERSIONS=2, GF_*; no PATH, no HOME) and must
 * print go-plugin's handshake line and answer gRPC health for the service "plugin" on the socket it names.
 * Needs root (chroot, namespaces).
 *
 * Long on purpose: each image rebuilt as a root filesystem needs its own file list, next to the checks.
 */
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import dgram from 'node:dgram';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
// @ts-expect-error plain ESM script without type declarations
import { BACKEND_BUNDLE, compileExecutable, executablePath } from '../../scripts/build-backend.mjs';
// @ts-expect-error plain ESM script without type declarations
import { manifestFiles, packagePlugin, verifyManifest } from '../../scripts/package.mjs';
import { grafanaEnvironment, parseHandshake } from '../support/grafanaHost';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');

/** What grafana/grafana's Dockerfile extracts from its glibc-bin tarball on x86_64, in /usr/glibc-compat/lib. */
const ALPINE_GLIBC = [
  'ld-linux-x86-64.so.2',
  'libc.so.6',
  'libdl.so.2',
  'libm.so.6',
  'libpthread.so.0',
  'librt.so.1',
  'libresolv.so.2',
];
const HOST_GLIBC_DIR = '/lib/x86_64-linux-gnu';
/** Debian's libc6-arm64-cross (scripts/ensure-setup.mjs installs it and qemu-user). */
const ARM64_GLIBC_DIR = '/usr/aarch64-linux-gnu/lib';
const QEMU_AARCH64 = '/usr/bin/qemu-aarch64';
const QEMU_X86_64 = '/usr/bin/qemu-x86_64';
/** Where the executable sits in the image: GF_PATHS_PLUGINS/<app id>/datasource/. */
const PLUGIN_DIR_IN_IMAGE = 'var/lib/grafana/plugins/meshgraph-traffic-app/datasource';

/** A loopback address for this run's DNS server (port 53), named in the chroot's /etc/resolv.conf as Docker's is. */
const DNS_IP = `127.0.0.${2 + (process.pid % 250)}`;

const NATIVE_TIMEOUT_MS = 5_000;
const EMULATED_TIMEOUT_MS = 30_000;
const HEALTH_SERVING = 1;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'meshgraph-executables-'));
const timings: string[] = [];

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  if (timings.length > 0) {
    process.stdout.write(`spawn to handshake:\n  ${timings.join('\n  ')}\n`);
  }
});

interface Run {
  /** The command to spawn and its arguments; the executable is the last argument or the command. */
  command: string;
  args: string[];
  /** Where the plugin's own / is on the host (a chroot's root), to reach the socket it names. */
  socketRoot?: string;
  /** How to stop it: SIGKILL for unshare (it passes the kill on to the plugin with --kill-child). */
  stopSignal: NodeJS.Signals;
}

interface Started {
  line: string;
  ms: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

function start(run: Run, env: Record<string, string>, timeoutMs: number): Promise<Started> {
  const began = performance.now();
  const child = spawn(run.command, run.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => `stdout: ${JSON.stringify(stdout)}, stderr: ${JSON.stringify(stderr.slice(0, 2000))}`;
  return new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no handshake within ${timeoutMs} ms; ${output()}`));
    }, timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve({ line: stdout.slice(0, end), ms: performance.now() - began, child, exited, output });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before the handshake; ${output()}`));
    });
  });
}

/** grpc.health.v1.Health/Check for the service "plugin", messages encoded by hand; returns the status number. */
function healthCheck(socket: string): Promise<number> {
  const client = new grpc.Client(`unix://${socket}`, grpc.credentials.createInsecure());
  const service = Buffer.from('plugin');
  return new Promise<number>((resolve, reject) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      () => Buffer.concat([Buffer.from([0x0a, service.length]), service]),
      (bytes: Buffer) => (bytes.length >= 2 && bytes[0] === 0x08 ? bytes[1] : 0),
      {},
      new grpc.Metadata(),
      { deadline: Date.now() + EMULATED_TIMEOUT_MS },
      (error, status) => {
        client.close();
        if (error) {
          reject(error);
        } else {
          resolve(status ?? 0);
        }
      }
    );
  });
}

/** Starts it as Grafana does, checks handshake and health, stops it; returns spawn-to-handshake ms. */
async function expectHandshake(run: Run, label: string, timeoutMs: number): Promise<number> {
  const started = await start(run, grafanaEnvironment(), timeoutMs);
  try {
    expect(started.line).toMatch(/^1\|2\|unix\|\/[^|]+\|grpc$/);
    const handshake = parseHandshake(started.line);
    const inRoot = run.socketRoot ? path.join(run.socketRoot, handshake.address) : handshake.address;
    const socket = existsSync(inRoot) ? inRoot : handshake.address;
    expect(await healthCheck(socket)).toBe(HEALTH_SERVING);
    timings.push(`${label}: ${Math.round(started.ms)} ms`);
    return started.ms;
  } finally {
    started.child.kill(run.stopSignal);
    await started.exited;
    if (!run.socketRoot) {
      rmSync(parseHandshake(started.line).address, { force: true });
    }
  }
}

/** Started by hand (no cookie): one human sentence, no handshake, a non-zero exit. */
async function expectRefusal(run: Run, timeoutMs: number): Promise<void> {
  const env = grafanaEnvironment({}, false);
  const child = spawn(run.command, run.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  const lines = out.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^[A-Z][^{}|]*Grafana[^{}|]*\.$/);
}

function listTree(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    const stat = lstatSync(full);
    const rel = path.relative(base, full);
    return stat.isDirectory() ? listTree(full, base) : [stat.isSymbolicLink() ? `${rel} -> link` : rel];
  });
}

function placeExecutable(executable: string, into: string): string {
  mkdirSync(path.dirname(into), { recursive: true });
  try {
    linkSync(executable, into);
  } catch {
    copyFileSync(executable, into);
  }
  return into;
}

/** The Alpine grafana/grafana image's amd64 root as far as a glibc program can see it. */
function alpineLikeRoot(dir: string, executable: string): string {
  const glibc = path.join(dir, 'usr/glibc-compat/lib');
  mkdirSync(glibc, { recursive: true });
  for (const lib of ALPINE_GLIBC) {
    copyFileSync(path.join(HOST_GLIBC_DIR, lib), path.join(glibc, lib));
  }
  mkdirSync(path.join(dir, 'lib64'));
  symlinkSync('/usr/glibc-compat/lib/ld-linux-x86-64.so.2', path.join(dir, 'lib64/ld-linux-x86-64.so.2'));
  // The image's loader (glibc built with prefix /usr/glibc-compat) searches /usr/glibc-compat/lib by itself;
  // Debian's loader searches /lib/x86_64-linux-gnu, so a cache listing exactly these files stands in for that.
  mkdirSync(path.join(dir, 'etc'));
  writeFileSync(path.join(dir, 'etc/ld.so.conf'), '/usr/glibc-compat/lib\n');
  execFileSync('/usr/sbin/ldconfig', ['-r', dir]);
  // What Docker puts in every container: its embedded DNS server in resolv.conf (here DNS_IP), hosts, hostname.
  writeFileSync(path.join(dir, 'etc/resolv.conf'), `nameserver ${DNS_IP}\n`);
  writeFileSync(path.join(dir, 'etc/hosts'), '127.0.0.1\tlocalhost\n');
  writeFileSync(path.join(dir, 'etc/hostname'), 'grafana\n');
  for (const sub of ['tmp', 'proc']) {
    mkdirSync(path.join(dir, sub));
  }
  execFileSync('chmod', ['1777', path.join(dir, 'tmp')]);
  return placeExecutable(executable, path.join(dir, PLUGIN_DIR_IN_IMAGE, path.basename(executable)));
}

/** A -ubuntu arm64 image's glibc: Debian's arm64 loader in /lib, the libraries in /lib/aarch64-linux-gnu. */
function arm64UbuntuLikeRoot(dir: string): void {
  const libs = path.join(dir, 'lib/aarch64-linux-gnu');
  mkdirSync(libs, { recursive: true });
  copyFileSync(path.join(ARM64_GLIBC_DIR, 'ld-linux-aarch64.so.1'), path.join(dir, 'lib/ld-linux-aarch64.so.1'));
  for (const lib of readdirSync(ARM64_GLIBC_DIR).filter((f) => /^lib.*\.so\.\d+$/.test(f))) {
    copyFileSync(path.join(ARM64_GLIBC_DIR, lib), path.join(libs, lib));
  }
  mkdirSync(path.join(dir, 'tmp'));
}

/**
 * A DNS server answering A queries for `name` with 127.0.0.1 (AAAA and other names: no answer), as Docker's embedded
 * server answers a compose service name. Returns the names it was asked.
 */
async function startDns(ip: string, name: string): Promise<{ asked: string[]; close: () => void }> {
  const socket = dgram.createSocket('udp4');
  const asked: string[] = [];
  socket.on('message', (query, peer) => {
    const labels: string[] = [];
    let at = 12;
    while (query[at] !== 0) {
      labels.push(query.subarray(at + 1, at + 1 + query[at]).toString('latin1'));
      at += query[at] + 1;
    }
    const question = query.subarray(12, at + 5);
    const type = query.readUInt16BE(at + 1);
    const qname = labels.join('.').toLowerCase();
    asked.push(qname);
    const known = qname === name;
    const answer =
      known && type === 1 ? Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1]) : Buffer.alloc(0);
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(known ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer.length > 0 ? 1 : 0, 6);
    socket.send(Buffer.concat([header, question, answer]), peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(53, ip, () => resolve());
  });
  return { asked, close: () => socket.close() };
}

/** pluginv2.Diagnostics/CheckHealth for a datasource at `url`, over the plugin's socket. */
function checkHealth(socket: string, url: string): Promise<{ status: string; message: string }> {
  const definition = loadSync(path.join(root, 'src/backend/protocol/plugin.proto'), {
    keepCase: true,
    longs: Number,
    enums: String,
    bytes: Buffer,
    defaults: true,
  });
  const pluginv2 = (grpc.loadPackageDefinition(definition) as any).pluginv2;
  const client = new pluginv2.Diagnostics(`unix://${socket}`, grpc.credentials.createInsecure());
  const request = {
    pluginContext: {
      orgId: 1,
      pluginId: 'meshgraph-istio-datasource',
      dataSourceInstanceSettings: {
        id: 1,
        uid: 'meshgraph',
        name: 'Meshgraph',
        url,
        jsonData: Buffer.from('{}'),
        lastUpdatedMS: 1,
      },
    },
    headers: {},
  };
  return new Promise((resolve, reject) => {
    client.CheckHealth(
      request,
      { deadline: Date.now() + EMULATED_TIMEOUT_MS },
      (error: Error | null, response: { status: string; message: string }) => {
        client.close();
        if (error) {
          reject(error);
        } else {
          resolve(response);
        }
      }
    );
  });
}

beforeAll(() => {
  if (process.getuid?.() !== 0) {
    throw new Error('These checks need root: they chroot into image-like roots and create namespaces');
  }
  for (const tool of [QEMU_AARCH64, QEMU_X86_64, path.join(ARM64_GLIBC_DIR, 'libc.so.6')]) {
    if (!existsSync(tool)) {
      throw new Error(`${tool} is missing: run node scripts/ensure-setup.mjs (qemu-user, libc6-arm64-cross)`);
    }
  }
});

describe('linux_amd64 executable (npm run build)', () => {
  const executable: string = executablePath('linux_amd64');

  beforeAll(() => {
    if (!existsSync(executable)) {
      throw new Error(`${executable} is missing: run npm run build first`);
    }
  });

  it('is an executable file (mode 0755), not a link', () => {
    const stat = lstatSync(executable);
    expect(stat.isFile()).toBe(true);
    expect((stat.mode & 0o777).toString(8)).toBe('755');
  });

  describe('on an Alpine grafana/grafana-like root (the image’s minimal glibc, nothing else)', () => {
    const dir = path.join(tmp, 'alpine-amd64');
    let inRoot = '';
    const chrooted = (): Run => ({
      command: '/usr/bin/unshare',
      args: [
        '--mount',
        '--pid',
        '--fork',
        '--kill-child',
        `--mount-proc=${path.join(dir, 'proc')}`,
        '/usr/sbin/chroot',
        dir,
        inRoot,
      ],
      socketRoot: dir,
      stopSignal: 'SIGKILL',
    });

    beforeAll(() => {
      inRoot = `/${path.relative(dir, alpineLikeRoot(dir, executable))}`;
    });

    it('holds the seven glibc files at the image’s paths and no libstdc++ or libgcc_s', () => {
      expect(listTree(dir).sort()).toEqual(
        [
          ...ALPINE_GLIBC.map((lib) => `usr/glibc-compat/lib/${lib}`),
          'lib64/ld-linux-x86-64.so.2 -> link',
          'etc/ld.so.conf',
          'etc/ld.so.cache',
          'etc/resolv.conf',
          'etc/hosts',
          'etc/hostname',
          `${PLUGIN_DIR_IN_IMAGE}/gpx_meshgraph_linux_amd64`,
        ].sort()
      );
    });

    it('prints the go-plugin handshake within 5 s and serves gRPC health on its socket', async () => {
      expect(await expectHandshake(chrooted(), 'linux_amd64, Alpine-like chroot', NATIVE_TIMEOUT_MS)).toBeLessThan(
        NATIVE_TIMEOUT_MS
      );
    });

    it('started by hand (no cookie) says so in one sentence and exits non-zero', async () => {
      await expectRefusal(chrooted(), NATIVE_TIMEOUT_MS);
    });

    it('reaches Prometheus by its compose service name there (resolv.conf naming a Docker-style DNS server)', async () => {
      const requests: string[] = [];
      const prometheus = http.createServer((req, res) => {
        requests.push(`${req.method} ${req.headers.host} ${req.url}`);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
      });
      await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', () => resolve()));
      const port = (prometheus.address() as AddressInfo).port;
      const dns = await startDns(DNS_IP, 'prometheus');
      const started = await start(chrooted(), grafanaEnvironment(), NATIVE_TIMEOUT_MS);
      try {
        const socket = path.join(dir, parseHandshake(started.line).address);
        const health = await checkHealth(socket, `http://prometheus:${port}`);
        expect(dns.asked).toContain('prometheus');
        expect(requests.length).toBeGreaterThan(0);
        expect(requests[0]).toMatch(new RegExp(`^(GET|POST) prometheus:${port} /`));
        expect(health.message).not.toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo/);
      } finally {
        started.child.kill('SIGKILL');
        await started.exited;
        dns.close();
        prometheus.close();
      }
    });

    it('is as strict as the image: Node (as in a Node single executable) misses libstdc++ there', () => {
      const node = `/${path.relative(dir, placeExecutable(realpathSync(process.execPath), path.join(dir, 'control/node')))}`;
      let failure = '';
      try {
        execFileSync('/usr/sbin/chroot', [dir, node, '--version'], { env: {}, stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (e) {
        failure = String((e as { stderr?: Buffer }).stderr ?? e);
      }
      expect(failure).toMatch(/libstdc\+\+\.so\.6: cannot open shared object file/);
    });
  });

  describe('on the host (Debian 12, full glibc, as the -ubuntu images)', () => {
    const direct = (): Run => ({ command: executable, args: [], stopSignal: 'SIGTERM' });

    it('prints the go-plugin handshake within 5 s and serves gRPC health on its socket', async () => {
      expect(await expectHandshake(direct(), 'linux_amd64, host', NATIVE_TIMEOUT_MS)).toBeLessThan(NATIVE_TIMEOUT_MS);
    });

    it('started by hand (no cookie) says so in one sentence and exits non-zero', async () => {
      await expectRefusal(direct(), NATIVE_TIMEOUT_MS);
    });
  });

  it('starts on an x86-64 CPU without AVX (Nehalem under qemu-x86_64): the baseline build', async () => {
    const run: Run = { command: QEMU_X86_64, args: ['-cpu', 'Nehalem', executable], stopSignal: 'SIGTERM' };
    await expectHandshake(run, 'linux_amd64, Nehalem CPU under qemu', EMULATED_TIMEOUT_MS);
  });
});

describe('linux_arm64 executable (npm run package), compiled here from the same bundle', () => {
  const dir = path.join(tmp, 'ubuntu-arm64');
  let executable = '';
  const emulated = (): Run => ({
    command: QEMU_AARCH64,
    args: ['-L', dir, executable],
    socketRoot: dir,
    stopSignal: 'SIGTERM',
  });

  beforeAll(() => {
    if (!existsSync(path.join(root, BACKEND_BUNDLE))) {
      throw new Error(`${BACKEND_BUNDLE} is missing: run npm run build first`);
    }
    arm64UbuntuLikeRoot(dir);
    executable = compileExecutable('linux_arm64', path.join(tmp, 'gpx_meshgraph_linux_arm64'));
  });

  it('is an aarch64 executable (mode 0755)', () => {
    expect((statSync(executable).mode & 0o777).toString(8)).toBe('755');
    expect(execFileSync('file', ['-b', executable], { encoding: 'utf8' })).toMatch(
      /ELF 64-bit.*ARM aarch64.*ld-linux-aarch64\.so\.1/
    );
  });

  it('under qemu-aarch64 with Debian’s arm64 glibc, prints the handshake and serves gRPC health', async () => {
    await expectHandshake(emulated(), 'linux_arm64, qemu-aarch64', EMULATED_TIMEOUT_MS);
  });

  it('started by hand (no cookie) says so in one sentence and exits non-zero', async () => {
    await expectRefusal(emulated(), EMULATED_TIMEOUT_MS);
  });
});

describe('signing and the archive', () => {
  it('dist holds only regular files, so @grafana/sign-plugin’s MANIFEST.txt covers every one, executables included', () => {
    const files: string[] = manifestFiles(dist);
    expect(files).toContain('datasource/gpx_meshgraph_linux_amd64');
    expect(files).toContain('datasource/plugin.json');
    expect(files).not.toContain('MANIFEST.txt');
  });

  it('package refuses a MANIFEST.txt that was signed before the last executable was written', () => {
    const small = mkdtempSync(path.join(tmp, 'signed-'));
    mkdirSync(path.join(small, 'datasource'));
    writeFileSync(path.join(small, 'plugin.json'), '{}');
    writeFileSync(path.join(small, 'datasource/gpx_meshgraph_linux_amd64'), 'amd64');
    expect(verifyManifest(small)).toBe(false);
    const hash = (rel: string) =>
      createHash('sha256')
        .update(readFileSync(path.join(small, rel)))
        .digest('hex');
    const files = Object.fromEntries(manifestFiles(small).map((rel: string) => [rel, hash(rel)]));
    // The clear-signed text @grafana/sign-plugin writes (signature shortened).
    const body = JSON.stringify(
      { manifestVersion: '2.0.0', plugin: 'meshgraph-traffic-app', version: '0.1.0', files },
      null,
      2
    );
    writeFileSync(
      path.join(small, 'MANIFEST.txt'),
      `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n${body}\n-----BEGIN PGP SIGNATURE-----\nxx\n-----END PGP SIGNATURE-----\n`
    );
    expect(verifyManifest(small)).toBe(true);
    writeFileSync(path.join(small, 'datasource/gpx_meshgraph_linux_arm64'), 'arm64');
    expect(() => verifyManifest(small)).toThrow('datasource/gpx_meshgraph_linux_arm64 is not in MANIFEST.txt');
    rmSync(path.join(small, 'datasource/gpx_meshgraph_linux_arm64'));
    writeFileSync(path.join(small, 'datasource/gpx_meshgraph_linux_amd64'), 'rebuilt');
    expect(() => verifyManifest(small)).toThrow('datasource/gpx_meshgraph_linux_amd64 changed after signing');
  });

  it('the zip has the executables under <app id>/datasource/ with mode 0755 and the same bytes', () => {
    const out = mkdtempSync(path.join(tmp, 'zip-'));
    const zip = new AdmZip(packagePlugin(dist, out));
    const entry = zip.getEntry('meshgraph-traffic-app/datasource/gpx_meshgraph_linux_amd64');
    expect(entry).not.toBeNull();
    expect(((entry!.attr >>> 16) & 0o777).toString(8)).toBe('755');
    expect(entry!.header.size).toBe(statSync(executablePath('linux_amd64')).size);
    const files = zip
      .getEntries()
      .filter((e) => !e.isDirectory)
      .map((e) => e.entryName.replace(/^meshgraph-traffic-app\//, ''));
    expect(files.sort()).toEqual(manifestFiles(dist).sort());
  });
});
