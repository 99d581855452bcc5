/**
 * Dashboard variables from the Istio metrics: namespaces, workloads, apps (canonical services), services and
 * clusters, optionally limited to some namespaces (e.g. the workloads of $namespace).
 */
import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, MetricFindValue } from '@grafana/data';
import { Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { describeError } from '../backend/handlers/errors';
import { MeshgraphVariableQuery, VariableKind } from './types';

export const VARIABLE_KINDS: VariableKind[] = ['namespaces', 'workloads', 'apps', 'services', 'clusters'];

/**
 * Accepts the editor's object and a short text form for hand-written dashboards:
 * "namespaces", "workloads", "workloads($namespace)", "services(bookinfo)".
 */
export function normalizeVariableQuery(query: unknown): MeshgraphVariableQuery {
  if (typeof query === 'string') {
    const m = /^\s*(\w+)\s*(?:\((.*)\))?\s*$/s.exec(query);
    const kind = m && VARIABLE_KINDS.includes(m[1] as VariableKind) ? (m[1] as VariableKind) : 'namespaces';
    return { refId: 'variable', kind, namespace: m?.[2]?.trim() ?? '' };
  }
  const q = (query ?? {}) as Partial<MeshgraphVariableQuery> & { query?: unknown };
  if (typeof q.kind !== 'string' && typeof q.query === 'string') {
    return { ...normalizeVariableQuery(q.query), refId: q.refId ?? 'variable' };
  }
  return {
    refId: q.refId ?? 'variable',
    kind: VARIABLE_KINDS.includes(q.kind as VariableKind) ? (q.kind as VariableKind) : 'namespaces',
    namespace: typeof q.namespace === 'string' ? q.namespace : '',
  };
}

export class MeshgraphVariableSupport extends CustomVariableSupport<DataSource, MeshgraphVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  override getDefaultQuery(): Partial<MeshgraphVariableQuery> {
    return { kind: 'namespaces', namespace: '' };
  }

  query(request: DataQueryRequest<MeshgraphVariableQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      const q = normalizeVariableQuery(request.targets[0]);
      const needsNamespace = q.kind !== 'namespaces' && q.kind !== 'clusters';
      this.datasource
        .listNames(q.kind, needsNamespace ? q.namespace ?? '' : '', request.range, request.scopedVars, controller.signal)
        .then(
          (names) => {
            if (!controller.signal.aborted) {
              const data: MetricFindValue[] = names.map((text) => ({ text, value: text }));
              subscriber.next({ data });
              subscriber.complete();
            }
          },
          (e) => {
            if (!controller.signal.aborted) {
              subscriber.error({ message: describeError(e) });
            }
          }
        );
      return () => controller.abort();
    });
  }
}
