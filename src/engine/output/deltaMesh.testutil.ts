/**
 * A mesh for expansion tests: `namespaces` namespaces of `workloads` workloads in two clusters, calling within and
 * across namespaces over HTTP (some failing), gRPC and TCP, some called by the unknown source, some sending to
 * PassthroughCluster, plus the shop/pay fixture. Fixed by `seed`.
 */
import type { RawSeries } from '../promql/evaluate.testutil';
import { both, dst, meshSeries, PASSTHROUGH, req, src, tcp, UNKNOWN_SRC } from '../fold/meshFixture.testutil';

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

export const meshNamespace = (i: number) => `ns${i}`;
export const meshCluster = (i: number) => (i % 3 === 2 ? 'c2' : 'c1');

/** Rates of a few plain fractions. */
function plainRate(rnd: () => number): number {
  return [0.1, 0.2, 1 / 3, 0.7, 2 / 7, 12.5][Math.floor(rnd() * 6)] * (1 + Math.floor(rnd() * 4));
}

export function expansionMeshSeries(
  namespaces: number,
  workloads: number,
  seed: number,
  rateOf: (rnd: () => number) => number = plainRate
): RawSeries[] {
  const rnd = prng(seed);
  const rate = () => rateOf(rnd);
  const out: RawSeries[] = [...meshSeries()];
  for (let n = 0; n < namespaces; n++) {
    for (let w = 0; w < workloads; w++) {
      const from = src(meshNamespace(n), `w${w}-v1`, `w${w}`, 'v1', meshCluster(n));
      for (let k = 0; k < 3; k++) {
        const m = rnd() < 0.4 ? Math.floor(rnd() * namespaces) : n;
        const t = Math.floor(rnd() * workloads);
        if (m === n && t === w) {
          continue;
        }
        const to = dst(meshNamespace(m), `w${t}-v1`, `w${t}`, 'v1', meshCluster(m));
        const kind = rnd();
        if (kind < 0.6) {
          out.push(...both(from, to, '200', rate()));
          if (rnd() < 0.3) {
            out.push(req('source', from, to, '503', rate(), { flags: 'UF' }));
          }
        } else if (kind < 0.8) {
          out.push(...both(from, to, '200', rate(), { protocol: 'grpc', grpcStatus: '0' }));
          out.push(...both(from, to, '200', rate(), { protocol: 'grpc', grpcStatus: '14' }));
        } else {
          out.push(tcp('source', 'istio_tcp_sent_bytes_total', from, to, rate() * 100));
        }
      }
      if (rnd() < 0.25) {
        const to = dst(meshNamespace(n), `w${w}-v1`, `w${w}`, 'v1', meshCluster(n));
        out.push(req('destination', UNKNOWN_SRC, to, rnd() < 0.5 ? '200' : '500', 0.3));
      }
      if (rnd() < 0.25) {
        out.push(req('source', from, PASSTHROUGH, rnd() < 0.5 ? '200' : '502', rate()));
      }
    }
  }
  return out;
}
