import { useCallback, useState } from 'react';
import { DisplaySettings, readOverrides, storageKey, StorageLike, withChoice, writeOverrides } from '../display';

function storage(): StorageLike | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The viewer's Display choices for one panel, kept in local storage under the dashboard's path and the panel id
 * (never in the dashboard). Returns the overrides, a setter for one choice, and a reset to the panel options.
 */
export function useDisplayOverrides(
  panelId: number | undefined,
  defaults: DisplaySettings
): [
  Partial<DisplaySettings>,
  <K extends keyof DisplaySettings>(key: K, value: DisplaySettings[K]) => void,
  () => void,
] {
  const key = storageKey(typeof window !== 'undefined' ? window.location.pathname : '', panelId ?? 0);
  const [state, setState] = useState(() => ({ key, overrides: readOverrides(storage(), key) }));
  const overrides = state.key === key ? state.overrides : readOverrides(storage(), key);
  if (state.key !== key) {
    setState({ key, overrides });
  }
  const set = useCallback(
    <K extends keyof DisplaySettings>(k: K, value: DisplaySettings[K]) => {
      setState((s) => {
        const next = withChoice(s.overrides, defaults, k, value);
        writeOverrides(storage(), s.key, next);
        return { key: s.key, overrides: next };
      });
    },
    [defaults]
  );
  const reset = useCallback(() => {
    setState((s) => {
      writeOverrides(storage(), s.key, {});
      return { key: s.key, overrides: {} };
    });
  }, []);
  return [overrides, set, reset];
}
