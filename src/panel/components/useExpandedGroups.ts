import { useCallback, useState } from 'react';
import { locationService } from '@grafana/runtime';
import type { StorageLike } from '../display';
import {
  encodeExpandedParam,
  expandStorageKey,
  expandUrlParam,
  initialExpanded,
  toggleExpanded,
  writeExpanded,
} from '../drilldown';

function storage(): StorageLike | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

function urlValue(param: string): unknown {
  try {
    return locationService.getSearchObject()[param];
  } catch {
    return undefined;
  }
}

function writeUrl(param: string, ids: readonly string[]): void {
  try {
    // replace: expanding is not a navigation step of its own (Back leaves the dashboard as before).
    locationService.partial({ [param]: ids.length > 0 ? encodeExpandedParam(ids) : null }, true);
  } catch {
    // No location service (outside Grafana): local storage still keeps the choice.
  }
}

/**
 * The rolled-up ids a viewer expanded in one panel: read from the URL or local storage at mount, written to both
 * at every change. Returns the ids, a toggle for one id, and a setter for the whole list.
 */
export function useExpandedGroups(
  panelId: number | undefined
): [string[], (id: string) => void, (ids: string[]) => void] {
  const id = panelId ?? 0;
  const key = expandStorageKey(typeof window !== 'undefined' ? window.location.pathname : '', id);
  const param = expandUrlParam(id);
  const [state, setState] = useState(() => ({ key, ids: initialExpanded(urlValue(param), storage(), key) }));
  if (state.key !== key) {
    setState({ key, ids: initialExpanded(urlValue(param), storage(), key) });
  }
  const apply = useCallback(
    (next: (ids: string[]) => string[]) =>
      setState((s) => {
        const ids = next(s.ids);
        writeExpanded(storage(), s.key, ids);
        writeUrl(param, ids);
        return { key: s.key, ids };
      }),
    [param]
  );
  const toggle = useCallback((gid: string) => apply((ids) => toggleExpanded(ids, gid)), [apply]);
  const set = useCallback((ids: string[]) => apply(() => ids), [apply]);
  return [state.key === key ? state.ids : [], toggle, set];
}
