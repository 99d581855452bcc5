/**
 * One evaluation for many viewers. Identical graph requests share one set of Prometheus queries while it runs
 * (single-flight) and reuse its result afterwards. Requests are identical when their datasource settings and graph
 * options match, with the evaluation instant rounded down to the scrape interval: requests within one scrape
 * interval of each other share it (Prometheus has no newer samples before that), and a request with the same key
 * later asks for the same range again (a panel expanding a rolled-up namespace or applying a display choice to
 * the dashboard's last answer, another viewer of a fixed range), which is answered from it for REUSE_MS. A
 * cancelled request stops waiting; the Prometheus calls are cancelled only when no other request still waits for
 * them. Finished results are kept within a small memory bound.
 */
import type { GraphModel, GraphOptions } from '../../engine/model';

export interface EvaluationLimits {
  /** Finished results kept at most. */
  maxEntries: number;
  /**
   * Nodes + edges kept at most over all finished results (a 100 × 100 mesh has about 40,000; with its encoded
   * frames it takes about 60 MB).
   */
  maxElements: number;
}

export const DEFAULT_LIMITS: EvaluationLimits = { maxEntries: 32, maxElements: 120_000 };

/**
 * How long a finished result answers the same range asked again: five minutes, the default time to live of
 * Grafana's own query cache. An expansion asked a minute after the dashboard's refresh then shows the evaluation
 * the viewer is looking at, in a fraction of a second, instead of evaluating the whole mesh again.
 */
export const REUSE_MS = 5 * 60_000;

type Build = (options: GraphOptions, signal: AbortSignal) => Promise<GraphModel>;

interface Entry {
  promise: Promise<GraphModel>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
  /** Unix ms after which a finished result is not reused. */
  expiresAt: number;
  elements: number;
}

export interface EvaluationStats {
  /** Evaluations started (each one runs the Prometheus queries once). */
  evaluations: number;
  /** Requests answered by a running evaluation. */
  joined: number;
  /** Requests answered from a finished one. */
  reused: number;
}

function abortError(): Error {
  const e = new Error('The request was cancelled');
  e.name = 'AbortError';
  return e;
}

/** The request's identity: its settings key and options, with the evaluation instant in scrape-interval steps. */
export function evaluationKey(instanceKey: string, options: GraphOptions, stepS: number): string {
  const step = Math.max(1, Math.round(stepS));
  const bucket = Math.floor(options.queryTime / step);
  return `${instanceKey}\u0000${bucket}\u0000${JSON.stringify({ ...options, queryTime: 0 })}`;
}

export class GraphEvaluations {
  private readonly entries = new Map<string, Entry>();
  readonly stats: EvaluationStats = { evaluations: 0, joined: 0, reused: 0 };

  constructor(
    private readonly limits: EvaluationLimits = DEFAULT_LIMITS,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * The graph for the options, from a running or recent evaluation of the same key when there is one.
   * `stepS` is the scrape interval (a result is kept at least that long).
   */
  evaluate(key: string, stepS: number, options: GraphOptions, build: Build, signal: AbortSignal): Promise<GraphModel> {
    if (signal.aborted) {
      return Promise.reject(abortError());
    }
    let entry = this.entries.get(key);
    if (entry && entry.settled && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      entry = undefined;
    }
    if (entry) {
      // Most recently used last, so eviction takes the oldest.
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (entry.settled) {
        this.stats.reused++;
        return entry.promise;
      }
      this.stats.joined++;
    } else {
      entry = this.start(key, stepS, options, build);
    }
    return this.wait(key, entry, signal);
  }

  private start(key: string, stepS: number, options: GraphOptions, build: Build): Entry {
    this.stats.evaluations++;
    const controller = new AbortController();
    const entry: Entry = {
      promise: Promise.resolve(undefined as unknown as GraphModel),
      controller,
      waiters: 0,
      settled: false,
      expiresAt: Infinity,
      elements: 0,
    };
    entry.promise = build(options, controller.signal).then(
      (model) => {
        entry.settled = true;
        entry.expiresAt = this.now() + Math.max(Math.max(1, stepS) * 1000, REUSE_MS);
        entry.elements = model.nodes.length + model.edges.length;
        this.trim();
        return model;
      },
      (e: unknown) => {
        // Failures are not reused: the next request tries Prometheus again.
        if (this.entries.get(key) === entry) {
          this.entries.delete(key);
        }
        throw e;
      }
    );
    // Waiters handle the rejection; this keeps an abandoned evaluation's failure from being "unhandled".
    entry.promise.catch(() => undefined);
    this.entries.set(key, entry);
    return entry;
  }

  private wait(key: string, entry: Entry, signal: AbortSignal): Promise<GraphModel> {
    entry.waiters++;
    return new Promise<GraphModel>((resolve, reject) => {
      let done = false;
      const onAbort = () => {
        if (done) {
          return;
        }
        done = true;
        entry.waiters--;
        if (entry.waiters === 0 && !entry.settled) {
          entry.controller.abort();
          if (this.entries.get(key) === entry) {
            this.entries.delete(key);
          }
        }
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (model) => {
          if (!done) {
            done = true;
            entry.waiters--;
            signal.removeEventListener('abort', onAbort);
            resolve(model);
          }
        },
        (e: unknown) => {
          if (!done) {
            done = true;
            entry.waiters--;
            signal.removeEventListener('abort', onAbort);
            reject(e);
          }
        }
      );
    });
  }

  /** Drops expired results, then the least recently used ones until the limits hold. */
  private trim(): void {
    const now = this.now();
    let elements = 0;
    let finished = 0;
    for (const [key, entry] of this.entries) {
      if (entry.settled && entry.expiresAt <= now) {
        this.entries.delete(key);
      } else if (entry.settled) {
        elements += entry.elements;
        finished++;
      }
    }
    for (const [key, entry] of this.entries) {
      if (finished <= this.limits.maxEntries && elements <= this.limits.maxElements) {
        break;
      }
      if (entry.settled) {
        this.entries.delete(key);
        elements -= entry.elements;
        finished--;
      }
    }
  }

  /** Finished results currently kept (for tests and the bench). */
  get size(): number {
    return [...this.entries.values()].filter((e) => e.settled).length;
  }
}
