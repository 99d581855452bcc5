/**
 * Peak memory of reading one large Prometheus answer, against the answer's size: synthetic istio_requests_total
 * answers (Prometheus' own layout, 17 labels per series, a mesh of 5,000 workloads) of 50, 100 and 200 MB, served
 * over HTTP from this process and read in a fresh child process by the shipped engine (build/bench/engine.cjs):
 * the client with the CLI's transport, folding every sample into a traffic map as buildGraph does. The child reports
 * its resident memory before the query (after startup) and its peak; the figure is (peak − before) / answer size.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface AnswerMemoryFigure {
  answerMB: number;
  samples: number;
  /** Resident memory of the child before the query, and its peak while reading and folding. */
  beforeMB: number;
  peakMB: number;
  /** (peak − before) / answer size: what reading the answer costs, in answer sizes (goal ≤ 2.5). */
  ratio: number;
  /** peak / answer size, the process' whole footprint included. */
  peakRatio: number;
  seconds: number;
  nodes: number;
  edges: number;
}

const root = path.resolve(__dirname, '..');

/** A seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = ['200', '200', '200', '201', '404', '503', '0'];
const FLAGS = ['-', '-', '-', 'UF', 'NR', 'DC', 'URX'];

/** One series in Prometheus' layout (labels sorted by name, as Prometheus writes them). */
function element(r: () => number): string {
  const sn = Math.floor(r() * 100);
  const sw = Math.floor(r() * 50);
  // Each workload calls a handful of others: about 20,000 edges in all.
  const k = Math.floor(r() * 4);
  const dn = (sn + k * 7) % 100;
  const dw = (sw * 3 + k) % 50;
  const code = CODES[Math.floor(r() * CODES.length)];
  const flags = FLAGS[Math.floor(r() * FLAGS.length)];
  const ver = `v${1 + Math.floor(r() * 3)}`;
  const s = `ns-${sn}`;
  const d = `ns-${dn}`;
  const sa = `app-${sw}`;
  const da = `app-${dw}`;
  return (
    `{"metric":{"destination_canonical_revision":"${ver}","destination_canonical_service":"${da}",` +
    `"destination_cluster":"Kubernetes","destination_service":"${da}.${d}.svc.cluster.local",` +
    `"destination_service_name":"${da}","destination_service_namespace":"${d}","destination_workload":"${da}-${ver}",` +
    `"destination_workload_namespace":"${d}","grpc_response_status":"","request_protocol":"http",` +
    `"response_code":"${code}","response_flags":"${flags}","source_canonical_revision":"v1",` +
    `"source_canonical_service":"${sa}","source_cluster":"Kubernetes","source_workload":"${sa}-v1",` +
    `"source_workload_namespace":"${s}"},"value":[1767225585,"${(r() * 100).toFixed(3)}"]}`
  );
}

/** An instant-query answer of about `bytes` bytes. */
export function syntheticAnswer(bytes: number, seed = 1): { body: Buffer; samples: number } {
  const r = rng(seed);
  const chunks: Buffer[] = [Buffer.from('{"status":"success","data":{"resultType":"vector","result":[')];
  let size = chunks[0].length;
  let samples = 0;
  const tail = ']}}';
  while (size < bytes - tail.length) {
    const batch: string[] = [];
    for (let i = 0; i < 2000; i++) {
      batch.push(element(r));
    }
    const text = (samples > 0 ? ',' : '') + batch.join(',');
    const b = Buffer.from(text);
    chunks.push(b);
    size += b.length;
    samples += batch.length;
  }
  chunks.push(Buffer.from(tail));
  return { body: Buffer.concat(chunks), samples };
}

function serve(body: Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
        res.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

function runChild(bundle: string, url: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', path.join(root, 'bench/answerMemoryChild.cjs'), bundle, url],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`answer memory child failed (${code}): ${err.slice(-800)}`));
        return;
      }
      resolve(JSON.parse(out.trim().split('\n').pop()!));
    });
  });
}

/**
 * Reads answers of each size in a fresh process. `bundle`: the engine bundle to measure (default: this checkout's
 * build/bench/engine.cjs; another checkout's gives the figures of another version on the same answers).
 */
export async function benchAnswerMemory(
  sizesMB: number[] = [50, 100, 200],
  bundle = path.join(root, 'build/bench/engine.cjs')
): Promise<AnswerMemoryFigure[]> {
  const figures: AnswerMemoryFigure[] = [];
  for (const mb of sizesMB) {
    let answer: { body: Buffer; samples: number } | undefined = syntheticAnswer(mb * 1e6);
    const bytes = answer.body.length;
    const samples = answer.samples;
    const server = await serve(answer.body);
    answer = undefined;
    try {
      const r = await runChild(bundle, server.url);
      if (r.samples !== samples) {
        throw new Error(`the child read ${r.samples} of ${samples} samples`);
      }
      const beforeMB = r.beforeKB / 1024;
      const peakMB = r.peakKB / 1024;
      figures.push({
        answerMB: bytes / 1e6,
        samples,
        beforeMB,
        peakMB,
        ratio: ((peakMB - beforeMB) * 1024 * 1024) / bytes,
        peakRatio: (peakMB * 1024 * 1024) / bytes,
        seconds: r.ms / 1000,
        nodes: r.nodes,
        edges: r.edges,
      });
    } finally {
      await server.close();
    }
  }
  return figures;
}

if (require.main === module) {
  const bundle = process.argv[2];
  const sizes = process.argv.slice(3).map(Number);
  benchAnswerMemory(sizes.length > 0 ? sizes : undefined, bundle ? path.resolve(bundle) : undefined).then(
    (f) => process.stdout.write(JSON.stringify(f, null, 2) + '\n'),
    (e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    }
  );
}
