/**
 * Exports, loaded on demand (ExportMenu): the current view as PNG (Cytoscape's own drawing) or SVG (written here
 * from Cytoscape's geometry: shapes, edges with their curves and arrows, labels as SVG text with the icon font
 * embedded), and the graph as Kiali's JSON (the contract's toKialiJson, the same as `meshgraph graph --format kiali`).
 * Labels are written as escaped XML text, never as markup.
 */
import type cytoscape from 'cytoscape';
import {
  emptyEdgeRates,
  emptyNodeRates,
  type GraphEdge,
  type GraphModel,
  type GraphNode,
  type GraphType,
  type HealthStatus,
  type NodeType,
  type Protocol,
} from '../../contract/graph';
import { toKialiJson } from '../../contract/kiali/kialiJson';
import { renderedEdgeEnds } from '../graph/edgeEnds';
import { buildIconFont, ICON_FONT_FAMILY } from '../graph/iconFont';
import { edgeRates, edgeResponses, nodeHealth, nodeRates } from '../graph/lazyCells';
import type { Palette } from '../graph/palette';
import { CLASS } from '../graph/style';
import type { PanelGraph, PanelNode } from '../graph/types';

export function fileName(title: string | undefined): string {
  const base = (title ?? '')
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const stamp = new Date().toISOString().replace(/[:]/g, '').replace(/\..*$/, '');
  return `${base || 'meshgraph'}-${stamp}`;
}

/** Saves a file through a temporary link (the browser's download). */
export function download(name: string, type: string, content: Blob | string): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------------------------------------------------------
// PNG

export async function pngOfView(cy: cytoscape.Core, palette: Palette): Promise<Blob> {
  const blob = (cy as unknown as { png(o: object): Blob | Promise<Blob> }).png({
    output: 'blob',
    full: false,
    scale: 2,
    bg: palette.background,
  });
  return await blob;
}

// ---------------------------------------------------------------------------------------------------------------
// SVG

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    s += String.fromCharCode(bytes[i]);
  }
  return btoa(s);
}

const num = (v: number) => (Math.round(v * 100) / 100).toString();

function polygonPoints(shape: string, x: number, y: number, w: number, h: number): string | undefined {
  const pts: Array<[number, number]> | undefined =
    shape === 'round-triangle' || shape === 'triangle'
      ? [
          [0, -1],
          [1, 1],
          [-1, 1],
        ]
      : shape === 'round-pentagon' || shape === 'pentagon'
        ? [0, 1, 2, 3, 4].map((i) => {
            const a = -Math.PI / 2 + (i * 2 * Math.PI) / 5;
            return [Math.cos(a), Math.sin(a)] as [number, number];
          })
        : shape === 'round-tag' || shape === 'tag'
          ? [
              [-1, -1],
              [0.5, -1],
              [1, 0],
              [0.5, 1],
              [-1, 1],
            ]
          : shape === 'diamond'
            ? [
                [0, -1],
                [1, 0],
                [0, 1],
                [-1, 0],
              ]
            : undefined;
  return pts?.map(([px, py]) => `${num(x + (px * w) / 2)},${num(y + (py * h) / 2)}`).join(' ');
}

type Ele = cytoscape.NodeSingular | cytoscape.EdgeSingular;

function styleNum(ele: Ele, prop: string): number {
  return parseFloat(String(ele.style(prop))) || 0;
}

function color(ele: Ele, prop: string): string {
  return String(ele.style(prop));
}

function labelSvg(
  ele: Ele,
  x: number,
  y: number,
  zoom: number,
  valign: 'top' | 'bottom' | 'center',
  outline: string
): string {
  const text = String(ele.style('label') ?? '');
  if (!text || ele.style('display') === 'none') {
    return '';
  }
  const size = styleNum(ele, 'font-size') * zoom;
  if (size < 1) {
    return '';
  }
  const lines = text.split('\n');
  const lh = size * 1.2;
  const weight = String(ele.style('font-weight') || 'normal');
  const y0 =
    valign === 'top'
      ? y - lines.length * lh + size * 0.8
      : valign === 'bottom'
        ? y + size * 0.9
        : y - ((lines.length - 1) * lh) / 2 + size * 0.35;
  const tspans = lines.map((l, i) => `<tspan x="${num(x)}" y="${num(y0 + i * lh)}">${xmlEscape(l)}</tspan>`).join('');
  return (
    `<text text-anchor="middle" font-size="${num(size)}" font-weight="${xmlEscape(weight)}" fill="${xmlEscape(color(ele, 'color'))}" ` +
    `stroke="${xmlEscape(outline)}" stroke-width="${num(2 * zoom)}" paint-order="stroke" stroke-linejoin="round">${tspans}</text>`
  );
}

/** The current view (what the panel shows, at its zoom and pan) as an SVG document. */
export function svgOfView(cy: cytoscape.Core, palette: Palette): string {
  const w = cy.width();
  const h = cy.height();
  const zoom = cy.zoom();
  const parts: string[] = [];
  const visible = (e: Ele) => e.visible() && !e.hasClass(CLASS.hidden);
  const dimmed = (e: Ele) => Number(e.style('opacity')) < 1;

  // Boxes first (outer ones first), then edges, then the other nodes, as Cytoscape orders them.
  const boxes = cy
    .nodes()
    .filter((n) => !!n.data('isBox') && visible(n as cytoscape.NodeSingular))
    .sort(
      (a, b) => (a as cytoscape.NodeSingular).ancestors().length - (b as cytoscape.NodeSingular).ancestors().length
    );
  const leaves = cy.nodes().filter((n) => !n.data('isBox') && visible(n as cytoscape.NodeSingular));
  const drawNode = (n: cytoscape.NodeSingular, isBox: boolean) => {
    const bb = n.renderedBoundingBox({
      includeLabels: false,
      includeOverlays: false,
      includeUnderlays: false,
    } as never);
    const bw = styleNum(n, 'border-width') * zoom;
    const x = (bb.x1 + bb.x2) / 2;
    const y = (bb.y1 + bb.y2) / 2;
    const nw = bb.w - bw;
    const nh = bb.h - bw;
    const fill = color(n, 'background-color');
    const stroke = color(n, 'border-color');
    const dash = String(n.style('border-style'));
    const dashAttr =
      dash === 'dotted'
        ? ` stroke-dasharray="${num(bw)} ${num(2 * bw)}"`
        : dash === 'dashed'
          ? ` stroke-dasharray="${num(4 * bw)} ${num(2 * bw)}"`
          : '';
    const common = `fill="${xmlEscape(fill)}" stroke="${xmlEscape(stroke)}" stroke-width="${num(bw)}"${dashAttr}${dimmed(n) ? ` opacity="${n.style('opacity')}"` : ''}`;
    const shape = String(n.style('shape'));
    const points = polygonPoints(shape, x, y, nw, nh);
    if (points) {
      parts.push(`<polygon points="${points}" ${common} stroke-linejoin="round"/>`);
    } else if (shape === 'ellipse') {
      parts.push(`<ellipse cx="${num(x)}" cy="${num(y)}" rx="${num(nw / 2)}" ry="${num(nh / 2)}" ${common}/>`);
    } else {
      const r = shape.startsWith('round') ? Math.min(8 * zoom, nw / 4, nh / 4) : 0;
      parts.push(
        `<rect x="${num(x - nw / 2)}" y="${num(y - nh / 2)}" width="${num(nw)}" height="${num(nh)}" rx="${num(r)}" ${common}/>`
      );
    }
    const valign = String(n.style('text-valign')) as 'top' | 'bottom' | 'center';
    const margin = styleNum(n, 'text-margin-y') * zoom;
    const ly = valign === 'top' ? y - nh / 2 - bw + margin : valign === 'bottom' ? y + nh / 2 + bw + margin : y;
    parts.push(labelSvg(n, x, ly, zoom, valign, palette.background));
    void isBox;
  };
  boxes.forEach((b) => drawNode(b as cytoscape.NodeSingular, true));
  cy.edges().forEach((e: cytoscape.EdgeSingular) => {
    if (!visible(e)) {
      return;
    }
    const { source: s, target: t } = renderedEdgeEnds(e);
    let ctrl: Array<{ x: number; y: number }> | undefined;
    try {
      // Cytoscape throws here for edges drawn straight (they have no control points).
      ctrl = (
        e as unknown as { renderedControlPoints(): Array<{ x: number; y: number }> | undefined }
      ).renderedControlPoints();
    } catch {
      ctrl = undefined;
    }
    let d = `M${num(s.x)} ${num(s.y)}`;
    if (ctrl && ctrl.length > 0) {
      // Cytoscape's bezier edges: quadratic curves through the midpoints of their control points.
      const pts = [s, ...ctrl, t];
      for (let i = 1; i < pts.length - 1; i++) {
        const end =
          i === pts.length - 2 ? pts[i + 1] : { x: (pts[i].x + pts[i + 1].x) / 2, y: (pts[i].y + pts[i + 1].y) / 2 };
        d += ` Q${num(pts[i].x)} ${num(pts[i].y)} ${num(end.x)} ${num(end.y)}`;
      }
    } else {
      d += ` L${num(t.x)} ${num(t.y)}`;
    }
    const stroke = color(e, 'line-color');
    const width = styleNum(e, 'width') * zoom;
    const ls = String(e.style('line-style'));
    const dash =
      ls === 'dotted'
        ? ` stroke-dasharray="${num(width)} ${num(2 * width)}"`
        : ls === 'dashed'
          ? ` stroke-dasharray="${num(4 * width)} ${num(2 * width)}"`
          : '';
    const op = dimmed(e) ? ` opacity="${e.style('opacity')}"` : '';
    parts.push(`<path d="${d}" fill="none" stroke="${xmlEscape(stroke)}" stroke-width="${num(width)}"${dash}${op}/>`);
    // The arrow head at the target, along the last segment.
    const from = ctrl && ctrl.length > 0 ? ctrl[ctrl.length - 1] : s;
    const ang = Math.atan2(t.y - from.y, t.x - from.x);
    const size = Math.max(4, width * 3.2);
    const p1 = { x: t.x - size * Math.cos(ang - 0.45), y: t.y - size * Math.sin(ang - 0.45) };
    const p2 = { x: t.x - size * Math.cos(ang + 0.45), y: t.y - size * Math.sin(ang + 0.45) };
    parts.push(
      `<polygon points="${num(t.x)},${num(t.y)} ${num(p1.x)},${num(p1.y)} ${num(p2.x)},${num(p2.y)}" fill="${xmlEscape(color(e, 'target-arrow-color'))}"${op}/>`
    );
    const mid = e.renderedMidpoint();
    parts.push(labelSvg(e, mid.x, mid.y, zoom, 'center', palette.background));
  });
  leaves.forEach((n) => drawNode(n as cytoscape.NodeSingular, false));

  const font = base64(buildIconFont());
  const family = `${ICON_FONT_FAMILY}, ${palette.fontFamily}`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(w)}" height="${num(h)}" viewBox="0 0 ${num(w)} ${num(h)}" font-family="${xmlEscape(family)}">` +
    `<style>@font-face{font-family:${ICON_FONT_FAMILY};src:url(data:font/ttf;base64,${font}) format("truetype");}</style>` +
    `<rect width="100%" height="100%" fill="${xmlEscape(palette.background)}"/>` +
    parts.filter(Boolean).join('') +
    `</svg>\n`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Kiali JSON

function graphTypeOf(g: PanelGraph): GraphType {
  const leaves = g.nodes.filter((n) => n.nodeType !== 'box');
  if (leaves.some((n) => n.nodeType === 'workload')) {
    return 'workload';
  }
  if (leaves.some((n) => n.nodeType === 'app')) {
    return leaves.some((n) => n.nodeType === 'app' && n.version) ? 'versionedApp' : 'app';
  }
  return 'service';
}

function healthOf(n: PanelNode): { health?: NonNullable<PanelNode['health']> } {
  const health = nodeHealth(n).value;
  return health ? { health } : {};
}

/** The graph as Kiali's graph API answers it (sha256 ids, string numbers), from the panel's frames. */
export function kialiJson(g: PanelGraph, durationSeconds = 0): string {
  const nodes: GraphNode[] = g.nodes.map((n) => ({
    id: n.id,
    ...(n.parent ? { parent: n.parent } : {}),
    nodeType: (n.nodeType === 'generic' ? 'unknown' : n.nodeType) as NodeType,
    cluster: n.cluster ?? 'unknown',
    namespace: n.namespace ?? '',
    ...(n.workload ? { workload: n.workload } : {}),
    ...(n.app ? { app: n.app } : {}),
    ...(n.version ? { version: n.version } : {}),
    ...(n.service ? { service: n.service } : {}),
    ...(n.aggregate ? { aggregate: n.aggregate, aggregateValue: n.aggregateValue ?? '' } : {}),
    ...(n.isBox ? { isBox: n.isBox } : {}),
    ...(n.destServices ? { destServices: n.destServices } : {}),
    rates: nodeRates(n).value ?? emptyNodeRates(),
    ...Object.fromEntries(Object.keys(n.flags).map((f) => [f, true])),
    ...healthOf(n),
  }));
  const edges: GraphEdge[] = g.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    protocol: (e.protocol ?? 'http') as Protocol,
    rates: edgeRates(e).value ?? emptyEdgeRates(),
    responses: edgeResponses(e).value ?? {},
    hasTraffic: e.hasTraffic,
    ...(e.responseTime !== undefined ? { responseTime: e.responseTime } : {}),
    ...(e.throughput !== undefined ? { throughput: e.throughput } : {}),
    ...(e.isMTLS !== undefined ? { isMTLS: e.isMTLS } : {}),
    ...(e.sourcePrincipal ? { sourcePrincipal: e.sourcePrincipal } : {}),
    ...(e.destPrincipal ? { destPrincipal: e.destPrincipal } : {}),
    ...(e.healthStatus ? { healthStatus: e.healthStatus as HealthStatus } : {}),
  }));
  const model: GraphModel = {
    timestamp: Math.floor(Date.now() / 1000),
    duration: durationSeconds,
    graphType: graphTypeOf(g),
    namespaces: g.namespaces,
    nodes,
    edges,
    notices: [],
    stats: { queries: 0, samples: 0, bytes: 0, skipped: {} },
  };
  return `${JSON.stringify(toKialiJson(model), null, 2)}\n`;
}
