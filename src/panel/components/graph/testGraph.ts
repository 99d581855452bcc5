/** Test fixtures for the graph hooks: element definitions from frames and a headless instance holding them. */
import cytoscape from 'cytoscape';
import { createTheme } from '@grafana/data';
import { elementDefinitions } from '../../graph/cyContent';
import { buildElements, ElementDefs, topologyKey } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import { fromFrames } from '../../graph/fromFrames';
import { paletteFromTheme } from '../../graph/palette';
import { buildStylesheet, StyleBlock } from '../../graph/style';
import { MeshEdgeSpec, MeshNodeSpec, meshEdgesFrame, meshNodesFrame } from '../../graph/testing/frames';
import type { CyInstance, LayoutParts } from './shared';

export const palette = paletteFromTheme(createTheme());
export const NONE: Selection = { nodes: new Set(), edges: new Set() };

export interface TestEdge {
  source: string;
  target: string;
  rate: number;
  status?: string;
}

/** Workloads by id and HTTP edges between them. */
export function testElements(
  ids: string[],
  edges: TestEdge[],
  edgeLabels = true
): { elements: ElementDefs; topology: string } {
  const g = fromFrames([
    meshNodesFrame(ids.map((id) => ({ id, nodeType: 'workload', workload: id, namespace: 'ns' }))),
    meshEdgesFrame(
      edges.map((e) => ({
        source: e.source,
        target: e.target,
        protocol: 'http',
        rates: { total: e.rate },
        ...(e.status ? { healthStatus: e.status } : {}),
      }))
    ),
  ]);
  return {
    elements: buildElements(g, { edgeLabels: edgeLabels ? ['trafficRate'] : [], showBadges: true }),
    topology: topologyKey(g),
  };
}

export const ROLLUP_NAMESPACES = ['a', 'b', 'c', 'd'];
export const ROLLUP_MEMBERS = ['w1', 'w2', 'w3'];
export const rolledUpId = (ns: string) => `rollup_namespace_c1_${ns}`;

/** Rolled up by namespace, `open` expanded: its members in a box with the rolled-up node's id. */
export function rolledUpView(open: string[]): { elements: ElementDefs; topology: string } {
  // A collapsed group is a node of type 'namespace'; expanded, a box of the same id (as the engine's rollup).
  const nodes: MeshNodeSpec[] = ROLLUP_NAMESPACES.flatMap((ns) =>
    open.includes(ns)
      ? [
          { id: rolledUpId(ns), nodeType: 'box', isBox: 'namespace', namespace: ns },
          ...ROLLUP_MEMBERS.map((w) => ({
            id: `${ns}/${w}`,
            nodeType: 'workload',
            workload: w,
            namespace: ns,
            parent: rolledUpId(ns),
          })),
        ]
      : [{ id: rolledUpId(ns), nodeType: 'namespace', namespace: ns }]
  );
  // Traffic a → b → c → d, entering each namespace at w1 and leaving from w3 when expanded.
  const end = (ns: string, w: string) => (open.includes(ns) ? `${ns}/${w}` : rolledUpId(ns));
  const edges: MeshEdgeSpec[] = ROLLUP_NAMESPACES.slice(1).map((ns, i) => ({
    source: end(ROLLUP_NAMESPACES[i], 'w3'),
    target: end(ns, 'w1'),
    protocol: 'http' as const,
    rates: { total: 10 },
  }));
  for (const ns of open) {
    edges.push({ source: `${ns}/w1`, target: `${ns}/w2`, protocol: 'http', rates: { total: 5 } });
    edges.push({ source: `${ns}/w2`, target: `${ns}/w3`, protocol: 'http', rates: { total: 5 } });
  }
  const g = fromFrames([meshNodesFrame(nodes), meshEdgesFrame(edges)]);
  return { elements: buildElements(g, { edgeLabels: [], showBadges: false }), topology: topologyKey(g) };
}

export function testStylesheet(large = false): StyleBlock[] {
  return buildStylesheet(palette, { labelMinZoomedFontSize: 6, large });
}

/** A headless instance holding `elements` at the given positions (grid when omitted). */
export function testInstance(
  content: { elements: ElementDefs; topology: string },
  opts: { stylesheet?: StyleBlock[]; positions?: Map<string, { x: number; y: number }>; layout?: LayoutParts } = {}
): CyInstance {
  const stylesheet = opts.stylesheet ?? testStylesheet();
  const positions =
    opts.positions ?? new Map(content.elements.nodes.map((n, i) => [n.data.id, { x: 100 * i, y: 50 * (i % 3) }]));
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: elementDefinitions(content.elements, {
      found: NONE,
      hidden: NONE,
      positions,
    }) as cytoscape.ElementDefinition[],
    style: stylesheet as unknown as cytoscape.StylesheetJson,
    // Cytoscape's default (a grid pass, all at 0,0 when headless) would move what the definitions place.
    layout: { name: 'preset' },
  });
  return {
    cy,
    created: {
      elements: content.elements,
      topology: content.topology,
      stylesheet,
      found: NONE,
      hidden: NONE,
      size: '600x400',
      layout: opts.layout,
    },
  };
}
