/**
 * The variable query model and what the variable support needs from a datasource. Pure (no Grafana runtime, no
 * components), so the datasource, the variable support and the variable editor all import it without a circle.
 */
import type { DataSourceApi, ScopedVars } from '@grafana/data';

import { MeshgraphOptions, MeshgraphQuery, MeshgraphVariableQuery, VariableKind } from './types';

export const VARIABLE_KINDS: VariableKind[] = ['namespaces', 'workloads', 'apps', 'services', 'clusters'];

/** A time range as anything with from/to convertible to unix milliseconds (a TimeRange, or plain numbers). */
export interface TimeSpan {
  from: { valueOf(): number };
  to: { valueOf(): number };
}

/** The name look-up behind the variables (the backend's names resource). */
export interface NameSource {
  /** Names for dashboard variables; `namespaceFilter` may reference variables ("$namespace"). */
  listNames(
    kind: VariableKind,
    namespaceFilter: string,
    range: TimeSpan | undefined,
    scopedVars: ScopedVars | undefined,
    signal?: AbortSignal
  ): Promise<string[]>;
}

/** The datasource as the variable support and its editor see it. */
export type VariableDataSource = DataSourceApi<MeshgraphQuery, MeshgraphOptions> & NameSource;

/** Kinds whose names can be limited to some namespaces. */
export function takesNamespaceFilter(kind: VariableKind): boolean {
  return kind !== 'namespaces' && kind !== 'clusters';
}

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
