/** Plain-data summaries of PanelData for tests (they cross page.evaluate as JSON). */
import { type DataFrame, type DataQueryRequest, NodeGraphDataFrameFieldNames, type PanelData } from '@grafana/data';

import type { ErrorSummary, FrameSummary, NodeGraphCheck, NoticeSummary, QuerySummary } from './api';

export function summarizeFrames(series: DataFrame[]): FrameSummary[] {
  return series.map((frame) => ({
    name: frame.name,
    refId: frame.refId,
    length: frame.length,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: String(f.type),
      ...(f.config?.displayName ? { displayName: f.config.displayName } : {}),
    })),
    preferredVisualisationType: frame.meta?.preferredVisualisationType,
  }));
}

export function summarizeNotices(series: DataFrame[]): NoticeSummary[] {
  return series.flatMap((frame) =>
    (frame.meta?.notices ?? []).map((n) => ({ severity: String(n.severity), text: n.text, frame: frame.name }))
  );
}

export function summarizeErrors(data: PanelData): ErrorSummary[] {
  const errors = data.errors ?? (data.error ? [data.error] : []);
  return errors.map((e) => ({
    message: e.message ?? (typeof e.data?.message === 'string' ? e.data.message : JSON.stringify(e)),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(e.refId ? { refId: e.refId } : {}),
    ...(e.type ? { type: String(e.type) } : {}),
  }));
}

const CONTRACT_NAMES = new Set<string>(Object.values(NodeGraphDataFrameFieldNames));

/**
 * Which frames Grafana's Node Graph would use (meta.preferredVisualisationType 'nodeGraph' or the names
 * nodes/edges; the edges frame is the one with source and target) and which required fields are missing.
 */
export function checkNodeGraphContract(series: DataFrame[]): NodeGraphCheck {
  const candidates = series.filter(
    (f) => f.meta?.preferredVisualisationType === 'nodeGraph' || f.name === 'nodes' || f.name === 'edges'
  );
  const lower = (frame: DataFrame) => frame.fields.map((f) => f.name.toLowerCase());
  const isEdges = (frame: DataFrame) =>
    frame.name === 'edges' || (lower(frame).includes('source') && lower(frame).includes('target'));
  const edges = candidates.find(isEdges);
  const nodes = candidates.find((f) => f !== edges && (f.name === 'nodes' || !isEdges(f)));

  const missing: string[] = [];
  const caseOnlyMatches: string[] = [];
  const check = (frame: DataFrame | undefined, label: string, required: string[]) => {
    if (!frame) {
      if (label === 'edges') {
        missing.push('edges frame');
      }
      return;
    }
    const names = frame.fields.map((f) => f.name);
    for (const name of required) {
      if (!names.includes(name)) {
        missing.push(`${label}.${name}`);
      }
    }
    for (const name of names) {
      const known = (n: string) => CONTRACT_NAMES.has(n) || n.startsWith('arc__') || n.startsWith('detail__');
      if (!known(name) && known(name.toLowerCase())) {
        caseOnlyMatches.push(`${label}.${name}`);
      }
    }
  };
  check(edges, 'edges', ['id', 'source', 'target']);
  check(nodes, 'nodes', ['id']);
  return {
    nodesFrame: nodes?.name,
    edgesFrame: edges?.name,
    nodeFields: nodes?.fields.map((f) => f.name) ?? [],
    edgeFields: edges?.fields.map((f) => f.name) ?? [],
    missing,
    caseOnlyMatches,
  };
}

export function summarizeQuery(data: PanelData, request: DataQueryRequest): QuerySummary {
  return {
    state: String(data.state),
    series: summarizeFrames(data.series),
    errors: summarizeErrors(data),
    notices: summarizeNotices(data.series),
    request: {
      requestId: request.requestId,
      targets: JSON.parse(JSON.stringify(request.targets)),
      range: { from: request.range.from.valueOf(), to: request.range.to.valueOf() },
      interval: request.interval,
      intervalMs: request.intervalMs,
    },
    nodeGraph: checkNodeGraphContract(data.series),
  };
}
