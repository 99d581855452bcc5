/**
 * What Grafana's PanelQueryRunner + runRequest do for one panel: build a DataQueryRequest (range, interval from
 * the panel width, `__interval`/`__interval_ms` scoped vars, request id, targets with the datasource ref), run
 * `datasource.query()`, merge the emitted packets by key, and turn errors into PanelData errors.
 */
import {
  CoreApp,
  type DataQuery,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceApi,
  LoadingState,
  type PanelData,
  type TimeRange,
  dateMath,
  dateTime,
  isDataFrame,
  rangeUtil,
  toDataFrame,
} from '@grafana/data';
import { toDataQueryError } from '@grafana/runtime';
import { from, type Subscription } from 'rxjs';

let requestCounter = 100;

export function toTimeRange(fromRaw: number | string, toRaw: number | string): TimeRange {
  const parse = (raw: number | string, roundUp: boolean) => {
    const parsed = typeof raw === 'number' ? dateTime(raw) : dateMath.parse(raw, roundUp, 'utc');
    if (!parsed || !parsed.isValid()) {
      throw new Error(`sandbox: invalid time "${raw}"`);
    }
    return parsed;
  };
  const fromTime = parse(fromRaw, false);
  const toTime = parse(toRaw, true);
  return {
    from: fromTime,
    to: toTime,
    raw: {
      from: typeof fromRaw === 'number' ? fromTime : fromRaw,
      to: typeof toRaw === 'number' ? toTime : toRaw,
    },
  };
}

export interface QueryInput {
  datasource: DataSourceApi;
  targets: DataQuery[];
  range: TimeRange;
  maxDataPoints: number;
  panelPluginId: string;
}

export function buildRequest(input: QueryInput): DataQueryRequest {
  const { datasource, range } = input;
  const lowLimit = (datasource as { interval?: string }).interval;
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, input.maxDataPoints, lowLimit);
  const ref = datasource.getRef();
  const targets = input.targets
    .map((t) => ({ ...t, datasource: t.datasource ?? ref }))
    .filter((t) => !t.hide && (datasource.filterQuery ? datasource.filterQuery(t) : true));
  return {
    app: CoreApp.Dashboard,
    requestId: `SQR${requestCounter++}`,
    timezone: 'utc',
    range,
    rangeRaw: range.raw,
    interval,
    intervalMs,
    maxDataPoints: input.maxDataPoints,
    targets,
    scopedVars: {
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    startTime: Date.now(),
    dashboardUID: 'sandbox',
    panelId: 1,
    panelName: 'Sandbox panel',
    panelPluginId: input.panelPluginId,
  } as DataQueryRequest;
}

/**
 * Runs the request to completion. `onPacket` sees intermediate PanelData (streaming datasources);
 * `cancel()` unsubscribes, which Grafana does when a new query starts.
 */
export function runRequest(
  datasource: DataSourceApi,
  request: DataQueryRequest,
  onPacket?: (data: PanelData) => void
): { done: Promise<PanelData>; cancel: () => void } {
  const packets = new Map<string, DataQueryResponse>();
  let subscription: Subscription | undefined;
  let settle: (data: PanelData) => void = () => {};
  let last: PanelData = { state: LoadingState.Loading, series: [], timeRange: request.range, request };

  const done = new Promise<PanelData>((resolve) => {
    settle = resolve;
  });

  const merge = (packet: DataQueryResponse): PanelData => {
    packets.set(packet.key || 'A', packet);
    let state: LoadingState = packet.state ?? LoadingState.Done;
    const errors: DataQueryError[] = [];
    const series = [];
    for (const p of packets.values()) {
      if (p.errors?.length) {
        errors.push(...p.errors);
      } else if (p.error) {
        errors.push(p.error);
      }
      for (const item of p.data ?? []) {
        series.push(isDataFrame(item) ? item : toDataFrame(item));
      }
    }
    if (errors.length > 0) {
      state = LoadingState.Error;
    }
    return {
      state,
      series,
      errors: errors.length ? errors : undefined,
      error: errors[0],
      timeRange: request.range,
      request,
    };
  };

  try {
    subscription = from(datasource.query(request)).subscribe({
      next: (packet) => {
        last = merge(packet);
        onPacket?.(last);
      },
      error: (err: unknown) => {
        // Grafana logs the same line (runRequest.catchError) before showing the error on the panel.
        console.error('runRequest.catchError', typeof err === 'string' ? err : safeJson(err));
        const error = toDataQueryError(err);
        settle({ ...last, state: LoadingState.Error, error, errors: [error] });
      },
      complete: () => settle(last.state === LoadingState.Loading ? { ...last, state: LoadingState.Done } : last),
    });
  } catch (err) {
    const error = toDataQueryError(err);
    settle({ ...last, state: LoadingState.Error, error, errors: [error] });
  }
  return { done, cancel: () => subscription?.unsubscribe() };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
