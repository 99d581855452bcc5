// A fresh process for bench/answerMemory.ts: reads one answer through the shipped engine bundle (argv[2]) from
// argv[3] with the CLI's transport, folding every sample into a traffic map, and prints its resident memory before
// the query and at its peak (kB), the samples read and the time taken, as one JSON line.
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const [bundle, url] = process.argv.slice(2);
const { fetchTransport, PrometheusClient, trafficVisitor, TrafficMap } = require(bundle);

const options = {
  namespaces: 'all',
  graphType: 'workload',
  injectServiceNodes: false,
  duration: 600,
  queryTime: 1767225600,
  rates: { http: 'requests', grpc: 'requests', tcp: 'sent' },
  ambientTraffic: 'total',
  includeIdleEdges: false,
  boxBy: [],
  scope: {},
  appenders: {
    responseTime: false,
    throughput: false,
    securityPolicy: false,
    aggregate: false,
    health: false,
    kubeState: false,
    responseDetails: true,
  },
};

/**
 * This process' own peak resident memory (kB): VmHWM, which starts afresh with the executable. getrusage's
 * ru_maxrss does not: Linux carries the forked copy of the parent's memory over exec, so a child of a large parent
 * (this bench holds the answer it serves) would report the parent's size.
 */
function peakRssKB() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) {
      return Number(m[1]);
    }
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

async function main() {
  const client = new PrometheusClient(fetchTransport(url, { maxAnswerBytes: 2e9 }), { timeoutMs: 600000 });
  const map = new TrafficMap('workload');
  const visit = trafficVisitor(map, options, 'istio_requests_total', true, {});
  global.gc();
  const beforeKB = Math.round(process.memoryUsage().rss / 1024);
  const t = performance.now();
  const a = await client.instantQueryVisit('sum(rate(istio_requests_total[10m]))', options.queryTime, visit);
  const ms = performance.now() - t;
  let edges = 0;
  for (const n of map.nodes.values()) {
    edges += n.edges.size;
  }
  const peakKB = peakRssKB();
  process.stdout.write(
    JSON.stringify({ beforeKB, peakKB, samples: a.samples, ms, nodes: map.nodes.size, edges }) + '\n'
  );
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(1);
});
