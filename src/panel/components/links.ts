/**
 * Data links of a node or edge row: the `config.links` of the row's frame fields, through Grafana's link supplier
 * (`field.getLinks`, set when Grafana applied field overrides), else interpolated here: `${__data.fields.<name>}`
 * placeholders take the row's values (URL-encoded), then dashboard variables via replaceVariables.
 */
import type { DataFrame, Field, InterpolateFunction, LinkModel } from '@grafana/data';
import type { RowRef } from '../graph/types';

interface RawLink {
  title?: string;
  url?: string;
  targetBlank?: boolean;
}

function fieldValue(frame: DataFrame, name: string, row: number): string {
  const f =
    frame.fields.find((x) => x.name === name) ?? frame.fields.find((x) => x.name.toLowerCase() === name.toLowerCase());
  const v = f?.values[row];
  return v === undefined || v === null ? '' : String(v);
}

/** A stand-in origin: a link resolving anywhere else leaves the dashboard's site. */
const HERE = 'https://grafana.invalid';

/**
 * Whether a data link may be offered: same-origin paths (`/d/…`, `./…`, `#…`) and explicit http(s) URLs only. The
 * check resolves the link as the browser will (it drops tabs and newlines, reads `\` as `/`, ignores leading
 * spaces), so `//evil.example`, `/\evil.example`, `/\t/evil.example` or `javascript:` never pass as a "path".
 */
export function isSafeLink(href: string): boolean {
  let resolved: URL;
  try {
    resolved = new URL(href, `${HERE}/d/current`);
  } catch {
    return false;
  }
  if (resolved.origin === HERE) {
    // A path of this site, unless the text itself named a scheme (e.g. `https://grafana.invalid`, never real).
    return !/^[\s\u0000-\u001f]*[a-z][a-z0-9+.-]*:/i.test(href);
  }
  const explicit = /^\s*https?:\/\//i.test(href.replace(/[\t\n\r]/g, ''));
  return explicit && (resolved.protocol === 'http:' || resolved.protocol === 'https:');
}

export function rowLinks(
  series: readonly DataFrame[],
  ref: RowRef | undefined,
  replaceVariables: InterpolateFunction | undefined
): Array<LinkModel<Field>> {
  if (!ref) {
    return [];
  }
  const frame = series[ref.frameIndex];
  if (!frame) {
    return [];
  }
  const out: Array<LinkModel<Field>> = [];
  const seen = new Set<string>();
  for (const field of frame.fields) {
    const links = (field.config?.links ?? []) as RawLink[];
    if (links.length === 0) {
      continue;
    }
    let models: Array<LinkModel<Field>> = [];
    if (typeof field.getLinks === 'function') {
      try {
        models = field.getLinks({ valueRowIndex: ref.rowIndex });
      } catch {
        models = [];
      }
    }
    if (models.length === 0) {
      models = links
        .filter((l) => typeof l.url === 'string' && l.url)
        .map((l) => {
          // `${__data.fields.<name>[:format]}`: the row's value, URL-encoded unless the format is raw.
          const withRow = (l.url as string).replace(
            /\$\{__data\.fields\.([^}:]+)(?::([^}]*))?\}/g,
            (_m, name: string, format: string | undefined) => {
              const value = fieldValue(frame, name.replace(/^\[?"?|"?\]?$/g, ''), ref.rowIndex);
              return format === 'raw' ? value : encodeURIComponent(value);
            }
          );
          const href = replaceVariables ? replaceVariables(withRow) : withRow;
          return {
            href,
            title: l.title || href,
            target: l.targetBlank ? '_blank' : '_self',
            origin: field,
          } as LinkModel<Field>;
        });
    }
    for (const m of models) {
      // Only web links: a javascript: URL or another host disguised as a path must never become clickable.
      if (!isSafeLink(m.href) || seen.has(m.href + m.title)) {
        continue;
      }
      seen.add(m.href + m.title);
      out.push(m);
    }
  }
  return out;
}
