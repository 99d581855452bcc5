/**
 * Reads frames the way Grafana's own Node Graph panel does (public/app/plugins/panel/nodeGraph: getNodeGraphDataFrames,
 * getGraphFrame, getNodeFields/getEdgeFields, processNodes/processEdges, Node's ColorCircle), and reports every way a
 * frame would break or mislead it. Restated here from Grafana's behaviour; throws on the conditions Grafana throws on
 * or crashes on, and returns what Grafana would draw for the other checks.
 */

export interface ReaderField {
  name: string;
  type: string;
  values: unknown[];
  config?: { color?: { mode?: string; fixedColor?: string }; links?: unknown[] } & Record<string, unknown>;
}

export interface ReaderFrame {
  name?: string;
  refId?: string;
  meta?: Record<string, unknown>;
  fields: ReaderField[];
}

export interface DrawnNode {
  id: string;
  title: string;
  subTitle: string;
  mainStat: string;
  secondaryStat: string;
  /** arc__ field name → value; Grafana draws the non-zero ones as the ring, a value ≥ 1 as a full circle. */
  arcs: Record<string, number>;
  /** The ring's colour when no arc is drawn (all arcs 0). */
  color?: string;
  incoming: number;
  outgoing: number;
  row: number;
}

export interface DrawnEdge {
  id: string;
  source: string;
  target: string;
  mainStat: string;
  secondaryStat: string;
  thickness: number;
  color?: string;
  strokeDasharray?: string;
}

export interface NodeGraphView {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  /** Legend entries of the arc fields: Grafana takes them from each arc field's fixed colour. */
  legend: Array<{ name: string; color: string }>;
  nodesFrame: ReaderFrame;
}

/** Grafana's FieldCache lookup on lower-cased names (getNodeFields/getEdgeFields). */
function byName(frame: ReaderFrame, name: string): ReaderField | undefined {
  return frame.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
}

function text(f: ReaderField | undefined, row: number): string {
  const v = f?.values[row];
  if (v === undefined || v === null) {
    return '';
  }
  if (typeof v === 'number') {
    // statToString: numbers with 2 decimals (no unit configured).
    return Number.isFinite(v) ? v.toFixed(2) : '';
  }
  return String(v);
}

export function readNodeGraph(frames: ReaderFrame[]): NodeGraphView {
  // getNodeGraphDataFrames: the node graph hint, the names nodes/edges, or an id field.
  const graphFrames = frames.filter(
    (f) =>
      f.meta?.preferredVisualisationType === 'nodeGraph' ||
      f.name === 'nodes' ||
      f.name === 'edges' ||
      byName(f, 'id') !== undefined
  );
  // getGraphFrame: a frame named edges or with a `source` field is an edges frame; only the first of each is used.
  const edgesFrames = graphFrames.filter((f) => f.name === 'edges' || f.fields.some((x) => x.name === 'source'));
  const nodesFrames = graphFrames.filter((f) => !edgesFrames.includes(f));
  if (nodesFrames.length !== 1 || edgesFrames.length !== 1) {
    throw new Error(`expected one nodes and one edges frame, got ${nodesFrames.length} and ${edgesFrames.length}`);
  }
  const nodesFrame = nodesFrames[0];
  const edgesFrame = edgesFrames[0];
  const id = byName(nodesFrame, 'id');
  if (!id) {
    throw new Error('id field is required for nodes data frame.');
  }
  const lengths = new Set(nodesFrame.fields.map((f) => f.values.length));
  if (lengths.size > 1) {
    throw new Error(`nodes frame fields have different lengths: ${[...lengths].join(', ')}`);
  }
  const arcFields = nodesFrame.fields.filter((f) => /^arc__/.test(f.name));
  const colorField = byName(nodesFrame, 'color');
  const nodes = new Map<string, DrawnNode>();
  for (let row = 0; row < id.values.length; row++) {
    const key = id.values[row];
    if (typeof key !== 'string' || key === '') {
      throw new Error(`node row ${row} has no string id`);
    }
    if (nodes.has(key)) {
      // processNodes keys a map by id: the earlier row would silently disappear.
      throw new Error(`two node rows with id ${key}: Grafana would draw only the last`);
    }
    const arcs: Record<string, number> = {};
    for (const f of arcFields) {
      const v = f.values[row];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
        throw new Error(`node ${key}: ${f.name} is ${String(v)}, not a number from 0 to 1`);
      }
      arcs[f.name] = v;
    }
    nodes.set(key, {
      id: key,
      title: text(byName(nodesFrame, 'title'), row),
      subTitle: text(byName(nodesFrame, 'subtitle'), row),
      mainStat: text(byName(nodesFrame, 'mainstat'), row),
      secondaryStat: text(byName(nodesFrame, 'secondarystat'), row),
      arcs,
      color: colorField ? text(colorField, row) : undefined,
      incoming: 0,
      outgoing: 0,
      row,
    });
  }
  const edgeId = byName(edgesFrame, 'id');
  if (!edgeId) {
    throw new Error('id field is required for edges data frame.');
  }
  const source = byName(edgesFrame, 'source');
  const target = byName(edgesFrame, 'target');
  const edges: DrawnEdge[] = [];
  const edgeIds = new Set<string>();
  for (let row = 0; row < edgeId.values.length; row++) {
    const e: DrawnEdge = {
      id: String(edgeId.values[row]),
      source: String(source?.values[row]),
      target: String(target?.values[row]),
      mainStat: text(byName(edgesFrame, 'mainstat'), row),
      secondaryStat: text(byName(edgesFrame, 'secondarystat'), row),
      thickness: Number(byName(edgesFrame, 'thickness')?.values[row] ?? 1) || 1,
      color: byName(edgesFrame, 'color') ? text(byName(edgesFrame, 'color'), row) : undefined,
      strokeDasharray: byName(edgesFrame, 'strokedasharray')
        ? text(byName(edgesFrame, 'strokedasharray'), row)
        : undefined,
    };
    // processEdges reads nodesMap[source].nodeRadius: an edge to a missing node crashes the panel.
    const s = nodes.get(e.source);
    const t = nodes.get(e.target);
    if (!s || !t) {
      throw new Error(`edge ${e.id} refers to a node that is not in the nodes frame (${e.source} -> ${e.target})`);
    }
    if (edgeIds.has(e.id)) {
      throw new Error(`two edge rows with id ${e.id}`);
    }
    edgeIds.add(e.id);
    s.outgoing++;
    t.incoming++;
    edges.push(e);
  }
  return {
    nodes: [...nodes.values()],
    edges,
    legend: arcFields.map((f) => ({ name: f.name, color: f.config?.color?.fixedColor ?? '' })),
    nodesFrame,
  };
}

/** The ring Grafana draws around a node: the full arc, the non-zero arcs, or the colour field (ColorCircle). */
export function ring(node: DrawnNode): { kind: 'full' | 'arcs' | 'color'; arcs: string[] } {
  const full = Object.entries(node.arcs).find(([, v]) => v >= 1);
  if (full) {
    return { kind: 'full', arcs: [full[0]] };
  }
  const nonZero = Object.entries(node.arcs).filter(([, v]) => v !== 0);
  return nonZero.length > 0 ? { kind: 'arcs', arcs: nonZero.map(([k]) => k) } : { kind: 'color', arcs: [] };
}
