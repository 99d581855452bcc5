import { useEffect, useMemo, useState } from 'react';
import {
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  LoadingState,
  type PanelData,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import type { Observable, Unsubscribable } from 'rxjs';
import type { FrameLike } from '../graph/frameReading';
import { applyRollupDeltas, heldDeltaFrom } from '../graph/rollupDeltaFrames';

export interface QueryVariant {
  /** The panel data of the variant query, once it answered; undefined: use the dashboard's data. */
  data?: PanelData;
  loading: boolean;
  error?: string;
}

const MESHGRAPH_DS = 'meshgraph-istio-datasource';

/** What a Meshgraph target means when it leaves a field out (the datasource's defaults). */
const QUERY_DEFAULTS: Record<string, unknown> = {
  injectServiceNodes: true,
  aggregate: '',
  boxBy: ['namespace'],
  includeIdleEdges: false,
  rollupExpand: [],
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A target of the dashboard's request. */
type Target = DataQueryRequest['targets'][number];

function isMeshgraphTarget(t: Target): boolean {
  return 'graphType' in t || 'namespaces' in t;
}

/**
 * The dashboard's targets with the display choices applied to the Meshgraph ones. Given the frames on screen, an
 * expansion (only the expanded ids change) asks as changes to them (`rollupDeltaFrom`).
 */
function variantTargets(targets: Target[], changed: Record<string, unknown>, held?: FrameLike[]): Target[] {
  return targets.map((t) => {
    if (!isMeshgraphTarget(t)) {
      return t;
    }
    const from = held && 'rollupExpand' in changed ? heldDeltaFrom(held, t.refId) : undefined;
    return { ...t, ...changed, ...(from ? { rollupDeltaFrom: from } : {}) };
  });
}

/** The answer's frames (changes applied to `held`), its error, or a mismatch (the changes are for another view). */
function readVariantAnswer(
  res: DataQueryResponse,
  held: FrameLike[]
): { frames: DataFrame[] } | { error: string; mismatch?: boolean } {
  const error = res.errors?.[0]?.message;
  if (error) {
    return { error };
  }
  const applied = applyRollupDeltas(held, (res.data ?? []) as FrameLike[]);
  return 'error' in applied
    ? { error: applied.error, mismatch: true }
    : { frames: applied.frames as unknown as DataFrame[] };
}

/** Calls `done` with the last answer of a query (a promise or an observable); the subscription, if any. */
function lastAnswer(
  result: Observable<DataQueryResponse> | Promise<DataQueryResponse>,
  done: (res: DataQueryResponse) => void,
  fail: (e: unknown) => void
): Unsubscribable | undefined {
  if (typeof (result as Promise<DataQueryResponse>).then === 'function') {
    (result as Promise<DataQueryResponse>).then(done, fail);
    return undefined;
  }
  let last: DataQueryResponse | undefined;
  return (result as Observable<DataQueryResponse>).subscribe({
    next: (r) => (last = r),
    error: fail,
    complete: () => last && done(last),
  });
}

/**
 * Display choices that the graph's query decides (service nodes, operation nodes, boxes, idle edges, expanded
 * rolled-up nodes) are applied
 * the way Kiali applies them: the panel asks the datasource again, with the dashboard's request (same range,
 * variables and targets) and those fields changed. Nothing is asked when the targets already say the same.
 * The variant is re-asked at every refresh of the dashboard's data and cancelled when it is no longer wanted.
 * Expanding or collapsing rolled-up nodes asks with the view on screen (`rollupDeltaFrom`), so the answer may carry
 * only the rows that changed; they are applied to the frames on screen (graph/rollupDeltaFrames.ts).
 */
export function useQueryVariant(data: PanelData, overrides: Record<string, unknown> | undefined): QueryVariant {
  const request = data.request as DataQueryRequest | undefined;
  const targets = request?.targets;
  const changed = useMemo(() => {
    if (!overrides || !targets || targets.length === 0) {
      return undefined;
    }
    const meshgraph = targets.filter(isMeshgraphTarget);
    const differs = meshgraph.some((t) =>
      Object.entries(overrides).some(
        ([k, v]) => !same((t as unknown as Record<string, unknown>)[k] ?? QUERY_DEFAULTS[k], v)
      )
    );
    return differs ? overrides : undefined;
  }, [overrides, targets]);
  const key = changed && request ? `${request.requestId}|${JSON.stringify(changed)}` : '';
  const [state, setState] = useState<{ key: string; variant: QueryVariant }>({ key: '', variant: { loading: false } });

  // What is on screen while the variant loads: an expansion may be answered as changes to it.
  const shown = state.variant.data ?? data;
  useEffect(() => {
    if (!key || !request || !changed) {
      return;
    }
    let sub: Unsubscribable | undefined;
    let cancelled = false;
    const held = (shown.series ?? []) as unknown as FrameLike[];
    const fail = (e: unknown) =>
      !cancelled && setState({ key, variant: { loading: false, error: (e as Error)?.message ?? 'the query failed' } });
    const ref = request.targets.find((t) => t.datasource)?.datasource ?? undefined;
    getDataSourceSrv()
      .get(ref, request.scopedVars)
      .then((ds) => {
        if (cancelled) {
          return;
        }
        if (ds.meta?.id !== MESHGRAPH_DS && ds.type !== MESHGRAPH_DS) {
          setState({ key, variant: { loading: false, error: 'only the Meshgraph datasource has these choices' } });
          return;
        }
        const ask = (asChanges: boolean) => {
          const result = ds.query({
            ...request,
            requestId: `${request.requestId}-display`,
            targets: variantTargets(request.targets, changed, asChanges ? held : undefined),
          }) as Observable<DataQueryResponse> | Promise<DataQueryResponse>;
          const done = (res: DataQueryResponse) => {
            if (cancelled) {
              return;
            }
            const answer = readVariantAnswer(res, held);
            if ('mismatch' in answer && asChanges) {
              // The changes do not fit what is shown (it changed meanwhile): the whole view instead.
              ask(false);
              return;
            }
            setState({
              key,
              variant:
                'frames' in answer
                  ? {
                      loading: false,
                      data: { state: LoadingState.Done, series: answer.frames, timeRange: data.timeRange, request },
                    }
                  : { loading: false, error: answer.error },
            });
          };
          sub = lastAnswer(result, done, fail);
        };
        ask(true);
      }, fail);
    return () => {
      cancelled = true;
      sub?.unsubscribe();
    };
    // request and changed are captured through key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!key) {
    // The dashboard's own data is on screen now: a later variant must not bring back an older one while it loads
    // (state adjusted while rendering, as React advises for state that follows props).
    if (state.key || state.variant.data) {
      setState({ key: '', variant: { loading: false } });
    }
    return { loading: false };
  }
  // A new key (refresh, another choice): what is on screen (the previous variant, or the dashboard's data when there
  // was none) stays until the new one answers.
  return state.key === key ? state.variant : { loading: true, data: state.variant.data };
}
