/**
 * Which rolled-up nodes a viewer has expanded, per panel. Kept in the URL (a shared link opens the same view) and
 * in local storage (a reload or a refresh keeps it); the URL wins when both say something. Only ids of the
 * rolled-up shape are kept (storage and URLs may hold anything); ids the graph no longer has are reported, not
 * dropped, so a namespace that comes back shows expanded again.
 */
import { parseRollupNodeId } from '../contract/nodeIds';
import type { StorageLike } from './display';

/** More would make the URL long and the graph unreadable; the oldest expansions go first. */
export const MAX_EXPANDED = 30;

/** The URL parameter of one panel's expanded ids (Grafana keeps unknown parameters while the dashboard is open). */
export function expandUrlParam(panelId: number | string): string {
  return `meshgraph-expand-${panelId}`;
}

/** The local-storage key of one panel's expanded ids: the dashboard's path and the panel id. */
export function expandStorageKey(path: string, panelId: number | string): string {
  return `meshgraph.expanded:${path}#${panelId}`;
}

/** Rolled-up ids only, each once, in the order given, at most MAX_EXPANDED (the latest kept). */
export function sanitizeExpanded(raw: unknown): string[] {
  if (!Array.isArray(raw)) {
    return [];
  }
  const out: string[] = [];
  for (const v of raw) {
    if (typeof v === 'string' && parseRollupNodeId(v) && !out.includes(v)) {
      out.push(v);
    }
  }
  return out.slice(-MAX_EXPANDED);
}

/** Expands a collapsed id or collapses an expanded one. */
export function toggleExpanded(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : sanitizeExpanded([...ids, id]);
}

/**
 * The URL form: ids joined by commas. Ids escape `%` (as %25), so a comma inside a label value, written %2C, is
 * read back unambiguously.
 */
export function encodeExpandedParam(ids: readonly string[]): string {
  return ids.map((id) => id.replace(/,/g, '%2C')).join(',');
}

export function decodeExpandedParam(value: unknown): string[] | undefined {
  const text = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof text !== 'string') {
    return undefined;
  }
  return sanitizeExpanded(
    text
      .split(',')
      .filter((p) => p !== '')
      .map((p) => p.replace(/%2C/g, ','))
  );
}

export function readExpanded(storage: StorageLike | undefined, key: string): string[] {
  try {
    const raw = storage?.getItem(key);
    return raw ? sanitizeExpanded(JSON.parse(raw)) : [];
  } catch {
    return [];
  }
}

export function writeExpanded(storage: StorageLike | undefined, key: string, ids: readonly string[]): void {
  try {
    if (ids.length === 0) {
      storage?.removeItem(key);
    } else {
      storage?.setItem(key, JSON.stringify(ids));
    }
  } catch {
    // Storage full or disabled: the URL still carries the choice.
  }
}

/** What the URL says, else what storage says. */
export function initialExpanded(urlValue: unknown, storage: StorageLike | undefined, key: string): string[] {
  return decodeExpandedParam(urlValue) ?? readExpanded(storage, key);
}

/**
 * The query field asking the datasource for the expanded view: only when the dashboard's graph is rolled up
 * (expanding means nothing otherwise, and asking would cost a second query per refresh).
 */
export function rollupExpandOverride(
  expanded: readonly string[],
  rolledUp: boolean
): { rollupExpand: string[] } | undefined {
  return rolledUp && expanded.length > 0 ? { rollupExpand: [...expanded].sort() } : undefined;
}

/** Expanded ids the datasource did not find in the graph (a namespace gone, renamed, or another rollup kind). */
export function missingExpanded(asked: readonly string[], found: readonly string[] | undefined): string[] {
  if (!found) {
    return [];
  }
  const have = new Set(found);
  return asked.filter((id) => !have.has(id));
}

/** "reviews" for a namespace id, "east" for a cluster id: how notices and buttons name a rolled-up node. */
export function rollupName(id: string): string {
  const p = parseRollupNodeId(id);
  return p ? (p.kind === 'namespace' ? p.namespace : p.cluster) : id;
}

/** The quiet notice for expanded ids that are not in the graph (undefined when all are there). */
export function missingNotice(missing: readonly string[]): string | undefined {
  if (missing.length === 0) {
    return undefined;
  }
  const names = missing.map(rollupName);
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return `Kept expanded but not in this graph: ${shown}.`;
}

/** True when a nodes frame of the data says the graph was rolled up (meta.custom.rollup.by namespace or cluster). */
export function seriesRolledUp(series: ReadonlyArray<{ meta?: { custom?: Record<string, unknown> } }> | undefined) {
  return (series ?? []).some((f) => {
    const by = (f?.meta?.custom?.rollup as { by?: unknown } | undefined)?.by;
    return by === 'namespace' || by === 'cluster';
  });
}
