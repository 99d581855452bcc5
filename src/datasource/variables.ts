/**
 * Dashboard variables from the Istio metrics: namespaces, workloads, apps (canonical services), services and
 * clusters, optionally limited to some namespaces (e.g. the workloads of $namespace). The names come from the
 * backend's names resource.
 */
import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, MetricFindValue } from '@grafana/data';
import { Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import { MeshgraphVariableQuery } from './types';
import { normalizeVariableQuery, takesNamespaceFilter, VariableDataSource } from './variableQuery';

export class MeshgraphVariableSupport extends CustomVariableSupport<VariableDataSource, MeshgraphVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: VariableDataSource) {
    super();
  }

  override getDefaultQuery(): Partial<MeshgraphVariableQuery> {
    return { kind: 'namespaces', namespace: '' };
  }

  /** Unsubscribing (a new refresh, leaving the dashboard) aborts the look-up. */
  query(request: DataQueryRequest<MeshgraphVariableQuery>): Observable<DataQueryResponse> {
    return new Observable<DataQueryResponse>((subscriber) => {
      const controller = new AbortController();
      const q = normalizeVariableQuery(request.targets[0]);
      this.datasource
        .listNames(
          q.kind,
          takesNamespaceFilter(q.kind) ? (q.namespace ?? '') : '',
          request.range,
          request.scopedVars,
          controller.signal
        )
        .then(
          (names) => {
            if (!controller.signal.aborted) {
              const data: MetricFindValue[] = names.map((text) => ({ text, value: text }));
              subscriber.next({ data });
              subscriber.complete();
            }
          },
          (e: unknown) => {
            if (!controller.signal.aborted) {
              subscriber.error({ message: e instanceof Error ? e.message : String(e) });
            }
          }
        );
      return () => controller.abort();
    });
  }
}
