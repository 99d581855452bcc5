/**
 * Keyboard navigation of the graph: the arrow keys move to the nearest visible node in their direction (a cone of
 * ±60° around it, nearer and straighter first), and each move is announced in words for screen readers.
 */
import type cytoscape from 'cytoscape';
import type { ElementDefs } from './elements';
import { formatByteRate, formatPercent, formatRequestRate } from './format';

type Arrow = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

const DIRS: Record<Arrow, { x: number; y: number }> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

export interface Candidate {
  id: string;
  x: number;
  y: number;
}

/** The candidate nearest to `from` in the direction of the arrow (undefined when nothing lies that way). */
export function nearestInDirection(
  from: { x: number; y: number },
  arrow: Arrow,
  candidates: readonly Candidate[],
  except?: string
): string | undefined {
  const d = DIRS[arrow];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c.id === except) {
      continue;
    }
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const along = dx * d.x + dy * d.y;
    if (along <= 0.5) {
      continue;
    }
    const across = Math.abs(dx * d.y - dy * d.x);
    if (across > along * Math.tan(Math.PI / 3)) {
      continue;
    }
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = c.id;
    }
  }
  return best;
}

/** The next node for an arrow key; from nothing, the top-left node. */
export function nextByArrow(
  cy: cytoscape.Core,
  current: cytoscape.CollectionReturnValue | undefined,
  arrow: Arrow
): string | undefined {
  const nodes: Candidate[] = [];
  cy.nodes().forEach((n) => {
    if (!n.data('isBox') && n.visible()) {
      const p = n.position();
      nodes.push({ id: n.id(), x: p.x, y: p.y });
    }
  });
  if (nodes.length === 0) {
    return undefined;
  }
  if (!current || current.empty()) {
    return [...nodes].sort((a, b) => a.x + a.y - (b.x + b.y))[0].id;
  }
  const from = current.isNode() ? current.position() : (current as unknown as cytoscape.EdgeSingular).midpoint();
  return nearestInDirection(from, arrow, nodes, current.id()) ?? (current.isNode() ? current.id() : undefined);
}

/** A sentence about an element for the live region. */
export function describeElement(ele: cytoscape.CollectionReturnValue, elements: ElementDefs): string {
  if (ele.empty()) {
    return '';
  }
  if (ele.isNode()) {
    const d = elements.nodeData.get(ele.id());
    const name = d
      ? String(d.label ?? ele.id())
          .replace(/[\uE000-\uF8FF]\s?/g, '')
          .replace(/\n/g, ' ')
      : ele.id();
    const kind = d?.nodeType && d.nodeType !== 'generic' ? `${d.nodeType}` : 'node';
    const health = d?.healthStatus && d.healthStatus !== 'NA' ? `, ${d.healthStatus}` : '';
    const edges = ele.connectedEdges().filter((x) => x.visible()).length;
    return `${name}, ${kind}${health}, ${edges} edge${edges === 1 ? '' : 's'}. Enter for details, E for its edges.`;
  }
  const edge = ele as unknown as cytoscape.EdgeSingular;
  const e = elements.edgeData.get(edge.id());
  const src = elements.nodeData.get(String(edge.data('source')));
  const dst = elements.nodeData.get(String(edge.data('target')));
  const name = (n: typeof src, id: string) =>
    n
      ? String(n.label ?? id)
          .replace(/[\uE000-\uF8FF]\s?/g, '')
          .replace(/\n/g, ' ')
      : id;
  const rate = e
    ? e.protocol === 'tcp'
      ? formatByteRate(e.tcp, true)
      : formatRequestRate(e.protocol === 'grpc' ? e.grpc : e.http, true)
    : '';
  const err = e && e.protocol !== 'tcp' ? (e.protocol === 'grpc' ? e.grpcPercentErr : e.httpPercentErr) : 0;
  const health = e?.healthStatus && e.healthStatus !== 'NA' ? `, ${e.healthStatus}` : '';
  return (
    `Edge from ${name(src, String(edge.data('source')))} to ${name(dst, String(edge.data('target')))}` +
    `${e?.protocol ? `, ${e.protocol.toUpperCase()}` : ''}${rate ? `, ${rate}` : ''}` +
    `${err > 0 ? `, ${formatPercent(err)} errors` : ''}${health}. Enter for details.`
  );
}
