/** Test fixtures for the graph hooks: element definitions from frames and a headless instance holding them. */
import cytoscape from 'cytoscape';
import { createTheme } from '@grafana/data';
import { elementDefinitions } from '../../graph/cyContent';
import { buildElements, ElementDefs, topologyKey } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import { fromFrames } from '../../graph/fromFrames';
import { paletteFromTheme } from '../../graph/palette';
import { buildStylesheet, StyleBlock } from '../../graph/style';
import { meshEdgesFrame, meshNodesFrame } from '../../graph/testing/frames';
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
