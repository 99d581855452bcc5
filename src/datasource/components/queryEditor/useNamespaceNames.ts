import { useEffect, useState } from 'react';

import type { NameSource } from '../../variableQuery';

/**
 * Namespaces seen in the telemetry over the panel's range (best effort: typing a name always works). Keyed on the
 * range to the minute: Grafana hands a new range object after every run.
 */
export function useNamespaceNames(
  names: Pick<NameSource, 'listNames'>,
  range: { from: { valueOf(): number }; to: { valueOf(): number } } | undefined
): string[] {
  const [namespaceNames, setNamespaceNames] = useState<string[]>([]);
  const fromMin = range ? Math.floor(range.from.valueOf() / 60_000) : undefined;
  const toMin = range ? Math.floor(range.to.valueOf() / 60_000) : undefined;
  useEffect(() => {
    const controller = new AbortController();
    const span =
      fromMin !== undefined && toMin !== undefined
        ? { from: fromMin * 60_000, to: toMin * 60_000 + 59_999 }
        : undefined;
    names
      .listNames('namespaces', '', span, undefined, controller.signal)
      .then((list) => !controller.signal.aborted && setNamespaceNames(list))
      .catch(() => undefined);
    return () => controller.abort();
  }, [names, fromMin, toMin]);
  return namespaceNames;
}
