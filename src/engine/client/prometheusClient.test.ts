import { PrometheusError } from './errors';
import { PrometheusClient } from './prometheusClient';
import { HttpTransport, TransportRequest } from './transport';

const ok = (result: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, ...extra });

function fake(status: number, body: string, seen: TransportRequest[] = []): HttpTransport {
  return async (req) => {
    seen.push(req);
    return { status, statusText: '', body };
  };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('PrometheusClient.instantQuery', () => {
  it('POSTs a form with query and time and parses values, flagging NaN and Inf as unusable', async () => {
    const seen: TransportRequest[] = [];
    const c = new PrometheusClient(
      fake(
        200,
        ok([
          { metric: { a: '1' }, value: [1700000000, '12.5'] },
          { metric: {}, value: [1700000000, 'NaN'] },
          { metric: { b: 'x"y' }, value: [1700000000, '+Inf'] },
        ]),
        seen
      )
    );
    const a = await c.instantQuery('sum(up{job="a b"})', 1700000000);
    expect(seen[0]).toMatchObject({
      path: '/api/v1/query',
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
    });
    const form = new URLSearchParams(seen[0].body);
    expect(form.get('query')).toBe('sum(up{job="a b"})');
    expect(form.get('time')).toBe('1700000000');
    expect(a.samples[0]).toEqual({ metric: { a: '1' }, value: 12.5 });
    expect(a.samples[1]).toEqual({ metric: {}, value: NaN, problem: 'NaN' });
    expect(a.samples[2]).toEqual({ metric: { b: 'x"y' }, value: NaN, problem: 'non-finite' });
    expect(a.problems).toEqual({ NaN: 1, 'non-finite': 1 });
    expect(a.bytes).toBeGreaterThan(100);
  });

  it('passes warnings through', async () => {
    const c = new PrometheusClient(fake(200, ok([], { warnings: ['query hit the sample limit'] })));
    expect((await c.instantQuery('x', 1)).warnings).toEqual(['query hit the sample limit']);
  });

  it('maps status:error to a readable PrometheusError', async () => {
    const body = JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 5' });
    const e = await failure(new PrometheusClient(fake(400, body)).instantQuery('x(', 1));
    expect(e).toBeInstanceOf(PrometheusError);
    expect(e.message).toBe('Prometheus error (bad_data): parse error at char 5');
  });

  it('explains an HTML page (wrong URL or a proxy)', async () => {
    const e = await failure(
      new PrometheusClient(fake(200, '<!doctype html><html>Grafana</html>')).instantQuery('x', 1)
    );
    expect(e.message).toMatch(/HTML page .*not the Prometheus API/);
  });

  it('explains 401/403, 404 and 5xx', async () => {
    expect((await failure(new PrometheusClient(fake(401, 'Unauthorized')).instantQuery('x', 1))).message).toMatch(
      /refused .*401.*credentials/
    );
    expect((await failure(new PrometheusClient(fake(403, '{}')).instantQuery('x', 1))).message).toMatch(/403/);
    expect((await failure(new PrometheusClient(fake(404, '404 page not found')).instantQuery('x', 1))).message).toMatch(
      /not point at a Prometheus API/
    );
    expect((await failure(new PrometheusClient(fake(502, 'Bad Gateway')).instantQuery('x', 1))).message).toMatch(
      /HTTP 502.*Bad Gateway/
    );
  });

  it('rejects results that are not vectors', async () => {
    const body = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } });
    expect((await failure(new PrometheusClient(fake(200, body)).instantQuery('x[5m]', 1))).message).toMatch(
      /matrix result where an instant vector/
    );
  });

  it('times out with a clear message', async () => {
    const never: HttpTransport = (req) =>
      new Promise((_, reject) => req.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const e = await failure(new PrometheusClient(never, { timeoutMs: 20 }).instantQuery('x', 1));
    expect(e.message).toBe('Prometheus did not answer within 0.02s');
  });

  it('cancels with an AbortError', async () => {
    const never: HttpTransport = () => new Promise(() => undefined);
    const ctl = new AbortController();
    const p = new PrometheusClient(never, { timeoutMs: 5000 }).instantQuery('x', 1, ctl.signal);
    ctl.abort();
    expect((await failure(p)).name).toBe('AbortError');
  });

  it('reports a refused connection', async () => {
    const refused: HttpTransport = async () => {
      throw Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    expect((await failure(new PrometheusClient(refused).instantQuery('x', 1))).message).toMatch(
      /Cannot reach Prometheus: connection refused/
    );
  });
});

describe('PrometheusClient.labelValues', () => {
  it('GETs label values with match[] selectors', async () => {
    const seen: TransportRequest[] = [];
    const c = new PrometheusClient(fake(200, JSON.stringify({ status: 'success', data: ['a', 'b'] }), seen));
    expect(await c.labelValues('namespace', ['istio_requests_total{reporter="source"}'], 10, 20)).toEqual(['a', 'b']);
    expect(seen[0].method).toBe('GET');
    const url = new URL('http://x' + seen[0].path);
    expect(url.pathname).toBe('/api/v1/label/namespace/values');
    expect(url.searchParams.get('match[]')).toBe('istio_requests_total{reporter="source"}');
    expect(url.searchParams.get('start')).toBe('10');
  });
});

describe('PrometheusClient messages for broken answers', () => {
  it('says an answer was cut off, whatever the JavaScript engine calls it, and describes binary bodies', async () => {
    const whole = JSON.stringify({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1, '1'] }] },
    });
    const cut = await new PrometheusClient(fake(200, whole.slice(0, 60))).instantQuery('x', 1).catch((e) => e);
    expect(cut.message).toMatch(/^Prometheus answered with invalid JSON \(HTTP 200\): the answer ends .*cut off/);
    const gzip = await new PrometheusClient(fake(200, '\u001f\u008b\u0008\u0000\ufffd\ufffd\u0003'))
      .instantQuery('x', 1)
      .catch((e) => e);
    expect(gzip.message).toBe(
      'Prometheus answered with something that is not JSON (HTTP 200): binary data (gzip, sent without its Content-Encoding header)'
    );
  });
});
