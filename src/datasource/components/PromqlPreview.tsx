import React, { useEffect, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Alert, LoadingPlaceholder, useStyles2 } from '@grafana/ui';

import type { PlanResponse as QueryPreview } from '../resources';
import type { MeshgraphQuery } from '../types';
import type { TimeSpan } from '../variableQuery';

/** What the preview needs from the datasource: the backend's plan resource. */
export interface PlanSource {
  previewQueries(
    query: MeshgraphQuery,
    range?: TimeSpan,
    intervalMs?: number,
    signal?: AbortSignal
  ): Promise<QueryPreview>;
}

interface Props {
  datasource: PlanSource;
  query: MeshgraphQuery;
  /** Unix milliseconds; undefined = the last hour. */
  from?: number;
  to?: number;
  intervalMs?: number;
  /** Wait this long after the last change before asking the backend (typing in a field). */
  debounceMs?: number;
}

/** An answer, with the request it answers (a newer request makes it stale: loading again). */
interface Answer {
  request: string;
  preview: QueryPreview;
}

/**
 * The PromQL the backend will run for the query, asked from its plan resource when the query or the range
 * changes. A stale answer is dropped (the request is aborted); a failure shows as an error, never a crash.
 */
export function PromqlPreview({ datasource, query, from, to, intervalMs, debounceMs = 250 }: Props) {
  const styles = useStyles2(getStyles);
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  // Content, not identity: Grafana hands new objects after every run.
  const request = JSON.stringify({ query, from, to, intervalMs: intervalMs ?? 0 });

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const asked = JSON.parse(request) as { query: MeshgraphQuery; from?: number; to?: number; intervalMs: number };
      const range = asked.from !== undefined && asked.to !== undefined ? { from: asked.from, to: asked.to } : undefined;
      const settle = (preview: QueryPreview) => !controller.signal.aborted && setAnswer({ request, preview });
      datasource
        .previewQueries(asked.query, range, asked.intervalMs, controller.signal)
        .then(settle, (e: unknown) =>
          settle({ queries: [], notices: [], error: e instanceof Error ? e.message : String(e) })
        );
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [datasource, request, debounceMs]);

  if (answer?.request !== request) {
    return <LoadingPlaceholder text="Planning the queries…" />;
  }
  const { preview } = answer;
  return (
    <>
      {preview.error && (
        <Alert severity="error" title="No PromQL for this query">
          {preview.error}
        </Alert>
      )}
      {preview.notices.map((n, i) => (
        <Alert key={i} severity={n.severity} title={n.text} />
      ))}
      {preview.queries.map((q) => (
        <div key={q.id} className={styles.query}>
          <div className={styles.purpose}>{q.purpose}</div>
          <pre className={styles.code} aria-label={`PromQL ${q.id}`} data-testid="meshgraph-promql">
            {q.expr}
          </pre>
        </div>
      ))}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  query: css({ marginBottom: theme.spacing(1) }),
  purpose: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    background: theme.colors.background.secondary,
    padding: theme.spacing(1),
    margin: 0,
    maxHeight: 240,
    overflow: 'auto',
  }),
});
