/**
 * The engine's frames (plain DTOs) → Grafana DataFrames for one query: refId, Node Graph hint, data links on the
 * nodes' id field, and the notices Grafana shows in the panel header (on the first frame only, so they are not
 * repeated).
 */
import { DataFrame, DataLink, FieldType, QueryResultMetaNotice, toDataFrame } from '@grafana/data';

import type { Notice } from '../engine/model';
import { FrameDTO, NODES_FRAME, NodeField } from '../engine/output/frameFields';

const FIELD_TYPES: Record<string, FieldType> = {
  string: FieldType.string,
  number: FieldType.number,
  boolean: FieldType.boolean,
  other: FieldType.other,
};

function dedupe(notices: Notice[]): QueryResultMetaNotice[] {
  const seen = new Set<string>();
  const out: QueryResultMetaNotice[] = [];
  for (const n of notices) {
    const key = `${n.severity}\u0000${n.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ severity: n.severity, text: n.text });
    }
  }
  return out;
}

export function toGrafanaFrames(dtos: FrameDTO[], refId: string, notices: Notice[], links: DataLink[]): DataFrame[] {
  const engineNotices = dtos.flatMap((d) => (d.meta?.notices ?? []) as Notice[]);
  const all = dedupe([...engineNotices, ...notices]);
  return dtos.map((dto, index) => {
    const isNodes = dto.name === NODES_FRAME;
    const frame = toDataFrame({
      name: dto.name,
      refId,
      fields: dto.fields.map((f) => {
        const config = { ...(f.config ?? {}) } as Record<string, unknown>;
        if (isNodes && f.name === NodeField.id && links.length > 0 && !(Array.isArray(config.links) && config.links.length)) {
          config.links = links;
        }
        return { name: f.name, type: FIELD_TYPES[f.type] ?? FieldType.other, values: f.values, config };
      }),
      meta: {
        ...(dto.meta ?? {}),
        preferredVisualisationType: 'nodeGraph',
        notices: index === 0 ? all : [],
      },
    });
    return frame;
  });
}
