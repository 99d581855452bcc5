/**
 * The engine's frames (toFrames DTOs) → the Node Graph frames one query answers with, as the browser datasource
 * builds them (src/datasource/frames.ts): the refId, the Node Graph hint, data links on the nodes' id field, and
 * the notices Grafana shows in the panel header, once, on the first frame.
 */
import type { Notice } from '../../engine/model';
import { FrameDTO, FrameFieldDTO, NODES_FRAME, NodeField } from '../../contract/frameFields';
import { forwardValues } from '../../engine/output/lazyColumn';
import type { WireField, WireFieldType, WireFrame } from './wireFrame';

type NoticeSeverity = Notice['severity'];
const SEVERITIES: ReadonlySet<string> = new Set<NoticeSeverity>(['info', 'warning', 'error']);

/**
 * Engine notices first, then the caller's, each (severity, text) once. Grafana's Go SDK refuses a frame whose notice
 * severity is not info/warning/error (the whole answer would be lost), so anything else is sent as a warning.
 */
function dedupe(notices: Array<{ severity: string; text: string }>): Notice[] {
  const seen = new Set<string>();
  const out: Notice[] = [];
  for (const n of notices) {
    const severity = (SEVERITIES.has(n.severity) ? n.severity : 'warning') as NoticeSeverity;
    const key = `${severity}\u0000${n.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ severity, text: n.text });
    }
  }
  return out;
}

/**
 * No engine field is typed 'other' today (its JSON columns are strings already). Should one appear, its values go
 * as JSON text: the wire has no object column, and a string column keeps them readable in tables.
 */
function wireField(f: FrameFieldDTO, config: Record<string, unknown>): WireField {
  if (f.type !== 'other') {
    // The engine's values are built only if read: the encoder reads the columns without building them.
    return forwardValues({ name: f.name, type: f.type satisfies WireFieldType, config }, f);
  }
  const values = f.values.map((v) => (v === null || v === undefined || typeof v === 'string' ? v : JSON.stringify(v)));
  return { name: f.name, type: 'string', values, config };
}

function hasLinks(config: Record<string, unknown>): boolean {
  return Array.isArray(config.links) && config.links.length > 0;
}

export function graphWireFrames(dtos: FrameDTO[], refId: string, notices: Notice[], links: unknown[]): WireFrame[] {
  const all = dedupe([...dtos.flatMap((d) => d.meta?.notices ?? []), ...notices]);
  return dtos.map((dto, index) => {
    const isNodes = dto.name === NODES_FRAME;
    const fields = dto.fields.map((f) => {
      const config: Record<string, unknown> = { ...(f.config ?? {}) };
      if (isNodes && f.name === NodeField.id && links.length > 0 && !hasLinks(config)) {
        config.links = links;
      }
      return wireField(f, config);
    });
    const { notices: _engineNotices, ...otherMeta } = dto.meta ?? {};
    const meta: Record<string, unknown> = { ...otherMeta, preferredVisualisationType: 'nodeGraph' };
    if (index === 0 && all.length > 0) {
      meta.notices = all;
    }
    return { name: dto.name, refId, meta, fields };
  });
}
