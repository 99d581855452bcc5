/** A vector answer read and visited element by element: whole when small, as it arrives when large. */
import { apiError, notPrometheusAnswer, snippet } from './answerProblems';
import { AnswerScanner, AnswerSyntaxError, batchText, ScannedAnswer, scanAnswer, Span } from './answerScanner';
import { PrometheusError } from './errors';
import type { Reply } from './reply';
import {
  AnswerShapeError,
  ProblemCounts,
  SampleVisitor,
  VectorEnvelope,
  VisitCounts,
  visitVector,
} from './vectorAnswer';

export interface VisitedAnswer {
  samples: number;
  bytes: number;
  warnings: string[];
  /** Samples whose value cannot be used (visited with their problem), and elements that are not samples. */
  problems: ProblemCounts;
}

function invalidJson(reply: Reply, reason: string): PrometheusError {
  return new PrometheusError(
    `Prometheus answered with invalid JSON (HTTP ${reply.res.status}): ${reason}; the answer begins ${JSON.stringify(snippet(reply.head))}`,
    'format',
    reply.res.status
  );
}

/** Prometheus' usual head (`{"status":"success","data":{"resultType":"vector","result":[`): elements can be read at once. */
function headIsVector(head: string): boolean {
  try {
    const env = JSON.parse(head + ']}}') as VectorEnvelope;
    return env.status === 'success' && env.data?.resultType === 'vector';
  } catch {
    return false;
  }
}

/**
 * Reads a vector answer. Up to `streamAboveChars` it is parsed whole once it has arrived. A larger one is read as
 * it arrives: in Prometheus' layout (status and result type before the result list) each batch of elements is
 * visited as soon as it has arrived, and every part of the text is dropped once read, so the answer is never held
 * whole, as text or as objects; in any other layout the batches wait for the end of the answer and its checks.
 * Anything wrong after some elements were visited is flagged `partial` by the caller.
 */
export async function readVector(
  reply: Reply,
  visit: SampleVisitor,
  counts: VisitCounts,
  streamAboveChars: number
): Promise<VisitedAnswer> {
  const res = reply.res;
  const text: string[] = [];
  const scanner = new AnswerScanner(text);
  const scan = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof AnswerSyntaxError) {
        throw invalidJson(reply, `${e.message} (at character ${e.offset.toLocaleString('en-US')})`);
      }
      throw e;
    }
  };
  const run = (batches: Span[][]) => {
    for (const batch of batches) {
      let elements: unknown;
      try {
        elements = JSON.parse(batchText(text, batch));
      } catch (e) {
        throw invalidJson(reply, `${e instanceof Error ? e.message : String(e)} in its result list`);
      }
      // Each parsed batch is this method's own: released element by element as it is folded.
      visitVector(elements, visit, true, counts);
    }
  };
  let streaming: boolean | undefined;
  const held: Span[][] = [];
  let free = 0;
  let chars = 0;
  let scanning = false;
  for await (const part of reply.parts()) {
    text.push(part);
    chars += part.length;
    if (!scanning) {
      if (chars <= streamAboveChars) {
        continue;
      }
      scanning = true;
    }
    const done = scan(() => scanner.feed());
    if (streaming === undefined && scanner.head !== undefined) {
      streaming = headIsVector(scanner.head);
    }
    if (streaming) {
      run(done);
      // Parts before what is still needed are read: let them go.
      for (const keep = scanner.keepFrom(); free < keep; free++) {
        text[free] = '';
      }
    } else {
      held.push(...done);
    }
  }
  // A small answer is parsed whole, as one JSON.parse is fastest; a large one has been scanned as it arrived.
  const end: ScannedAnswer | undefined = scanning ? scan(() => scanner.finish()) : undefined;
  let env: VectorEnvelope;
  try {
    env = JSON.parse(end ? end.envelope : text.length === 1 ? text[0] : text.join('')) as VectorEnvelope;
  } catch (e) {
    // The scanner says what is wrong in words (an answer cut off, two result lists); the parser's words differ
    // from one JavaScript engine to another.
    if (!end) {
      scan(() => scanAnswer(text));
    }
    throw invalidJson(reply, e instanceof Error ? e.message : String(e));
  }
  if (!end) {
    text.length = 0;
  }
  if (env === null || typeof env !== 'object' || Array.isArray(env)) {
    throw new PrometheusError(`Unexpected answer from Prometheus: ${snippet(reply.head)}`, 'format', res.status);
  }
  if (env.status === 'error') {
    throw apiError(str(env.errorType), str(env.error), res.status);
  }
  if (env.status !== 'success') {
    throw notPrometheusAnswer(res, env, reply.head);
  }
  const data = env.data;
  const resultType = data !== null && typeof data === 'object' ? data.resultType : undefined;
  if (resultType !== 'vector') {
    throw new PrometheusError(
      `Prometheus returned a ${typeof resultType === 'string' ? resultType : 'missing'} result where an instant vector was expected`,
      'format',
      res.status
    );
  }
  try {
    if (end?.batches) {
      run(held);
      run(end.batches);
    } else {
      // The parsed answer is this method's own: released element by element as it is folded.
      visitVector(data!.result, visit, true, counts);
    }
  } catch (e) {
    if (e instanceof AnswerShapeError) {
      throw new PrometheusError(`Unexpected answer from Prometheus: ${e.message}`, 'format', res.status);
    }
    throw e;
  }
  const warnings = Array.isArray(env.warnings) ? env.warnings.map(String) : [];
  if (counts.histograms > 0) {
    warnings.push(`${counts.histograms} native-histogram sample(s) ignored`);
  }
  return { samples: counts.visited, bytes: reply.bytes(), warnings, problems: counts.problems };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
