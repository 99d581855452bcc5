/**
 * Where an edge's line meets its nodes, on screen. Large-graph mode draws edges without arrowheads as Cytoscape's
 * haystack lines, centre to centre under their nodes (no endpoint geometry to compute when nodes move); what draws
 * over Cytoscape (the traffic dots, the SVG export) moves those ends back to each node's outline, where a
 * straight edge has them.
 */
import type cytoscape from 'cytoscape';
import type { Point } from './fastLayout';

/** Centre to outline of a node along a unit direction, on screen: the ellipse of its outer width and height. */
function outlineDistance(n: cytoscape.NodeSingular, ux: number, uy: number): number {
  const a = n.renderedOuterWidth() / 2;
  const b = n.renderedOuterHeight() / 2;
  return a > 0 && b > 0 ? 1 / Math.sqrt((ux / a) ** 2 + (uy / b) ** 2) : 0;
}

export function renderedEdgeEnds(e: cytoscape.EdgeSingular): { source: Point; target: Point } {
  const source = e.renderedSourceEndpoint();
  const target = e.renderedTargetEndpoint();
  if (e.style('curve-style') !== 'haystack') {
    return { source, target };
  }
  const dx = target.x - source.x;
  const dy = target.y - source.y;
  const length = Math.hypot(dx, dy);
  if (length === 0) {
    return { source, target };
  }
  const ux = dx / length;
  const uy = dy / length;
  const fromSource = outlineDistance(e.source(), ux, uy);
  const fromTarget = outlineDistance(e.target(), ux, uy);
  if (fromSource + fromTarget >= length) {
    // Overlapping nodes: no line shows between them.
    return { source, target };
  }
  return {
    source: { x: source.x + ux * fromSource, y: source.y + uy * fromSource },
    target: { x: target.x - ux * fromTarget, y: target.y - uy * fromTarget },
  };
}
