/**
 * Custom HTTP headers of the datasource: names in jsonData.httpHeaderName<n>, values (secrets) in
 * secureJsonData.httpHeaderValue<n>. Grafana never sends a stored secret back to the browser, so a saved header
 * must keep its number <n> for as long as it exists: renumbering it (as plugin-ui's convertLegacyAuthProps does
 * after a deletion) would pair its name with another header's stored value. Here saved headers keep their
 * numbers, new and re-entered ones take free numbers, and deleted ones have their stored value cleared.
 */
import type { DataSourceSettings } from '@grafana/data';

const NAME = 'httpHeaderName';
const VALUE = 'httpHeaderValue';

/** One header as plugin-ui's custom header list shows it. */
export interface HeaderRow {
  name: string;
  /** A value is stored on the server (and not known here). */
  configured: boolean;
}

export interface HeaderRowWithValue extends HeaderRow {
  value: string;
}

type Settings = Pick<DataSourceSettings, 'jsonData' | 'secureJsonFields'> & { secureJsonData?: object };

interface Entry extends HeaderRow {
  index: number;
}

function entries(options: Settings): Entry[] {
  const jsonData = (options.jsonData ?? {}) as Record<string, unknown>;
  return Object.keys(jsonData)
    .map((key) => new RegExp(`^${NAME}(\\d+)$`).exec(key))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b)
    .map((index) => ({
      index,
      name: String(jsonData[`${NAME}${index}`] ?? ''),
      configured: Boolean(options.secureJsonFields?.[`${VALUE}${index}`]),
    }));
}

/** The headers in the order of their numbers. */
export function headerRows(options: Settings): HeaderRow[] {
  return entries(options).map(({ name, configured }) => ({ name, configured }));
}

/**
 * The settings after the header list changed. The list keeps its order (rows are edited in place, deleted, or
 * added at the end), so the saved rows still in it are the saved headers in the same order: matched by
 * position when none was deleted (names may have been edited), by name when some were.
 */
export function withHeaderRows<T extends Settings>(options: T, rows: HeaderRowWithValue[]): T {
  const before = entries(options).filter((e) => e.configured);
  const savedRows = rows.map((row, position) => ({ row, position })).filter(({ row }) => row.configured);
  const numberOf = new Map<number, number>();
  if (savedRows.length === before.length) {
    savedRows.forEach(({ position }, k) => numberOf.set(position, before[k].index));
  } else {
    let i = 0;
    savedRows.forEach(({ row, position }, k) => {
      while (i < before.length && before[i].name !== row.name && before.length - i > savedRows.length - k) {
        i++;
      }
      if (i < before.length) {
        numberOf.set(position, before[i].index);
        i++;
      }
    });
  }

  const used = new Set(numberOf.values());
  let candidate = 1;
  const freeNumber = () => {
    while (used.has(candidate)) {
      candidate++;
    }
    used.add(candidate);
    return candidate;
  };

  const jsonData = Object.fromEntries(
    Object.entries((options.jsonData ?? {}) as Record<string, unknown>).filter(([key]) => !key.startsWith(NAME))
  );
  const secureJsonData: Record<string, unknown> = { ...((options.secureJsonData ?? {}) as Record<string, unknown>) };
  const secureJsonFields: Record<string, boolean> = { ...(options.secureJsonFields ?? {}) };

  rows.forEach((row, position) => {
    const saved = numberOf.get(position);
    const index = saved ?? freeNumber();
    jsonData[`${NAME}${index}`] = row.name;
    if (saved === undefined) {
      // New, re-entered, or a saved row that could not be matched (its value must be typed again).
      secureJsonData[`${VALUE}${index}`] = row.configured ? '' : row.value;
      secureJsonFields[`${VALUE}${index}`] = false;
    }
  });
  // Stored values no header uses any more are cleared on the server.
  for (const key of Object.keys(secureJsonFields)) {
    const m = new RegExp(`^${VALUE}(\\d+)$`).exec(key);
    if (m && !used.has(Number(m[1]))) {
      if (secureJsonFields[key]) {
        secureJsonData[key] = '';
      }
      delete secureJsonFields[key];
    }
  }
  for (const key of Object.keys(secureJsonData)) {
    const m = new RegExp(`^${VALUE}(\\d+)$`).exec(key);
    if (m && !used.has(Number(m[1])) && secureJsonData[key] !== '') {
      delete secureJsonData[key];
    }
  }
  return { ...options, jsonData, secureJsonData, secureJsonFields };
}
