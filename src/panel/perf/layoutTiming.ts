/**
 * Local perf helper (not a benchmark): times the panel's pure stages and the chosen layout in headless Cytoscape
 * on a synthetic mesh, and checks that the large-graph path picks a fast layout.
 *   npx tsx src/panel/perf/layoutTiming.ts [namespaces=10] [perNamespace=100] [layout=dagre]
 * Drawing is not measured here (no canvas in Node); the Chromium benchmark measures first paint.
 */
import cytoscape from 'cytoscape';
import { registerLayouts } from '../graph/cy';
import { buildElements } from '../graph/elements';
import { fastLayeredPositions } from '../graph/fastLayout';
import { fromFrames } from '../graph/fromFrames';
import { chooseLayout, LayoutName, layoutOptions } from '../graph/layouts';
import { syntheticMeshFrames } from '../graph/testing/frames';
import { DEFAULT_OPTIONS } from '../options';

function time<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const v = f();
  process.stdout.write(`${label.padEnd(34)} ${(performance.now() - t0).toFixed(1)} ms\n`);
  return v;
}

const [nsArg, perArg, layoutArg] = process.argv.slice(2);
const namespaces = Number(nsArg ?? 10);
const perNamespace = Number(perArg ?? 100);
const requested = (layoutArg ?? 'dagre') as LayoutName;

registerLayouts(cytoscape);
const frames = time('synthetic frames', () => syntheticMeshFrames(namespaces, perNamespace));
const graph = time('fromFrames', () => fromFrames(frames));
const leaves = graph.nodes.filter((n) => n.nodeType !== 'box').length;
process.stdout.write(`graph: ${leaves} nodes, ${graph.edges.length} edges\n`);
const choice = chooseLayout(requested, leaves, DEFAULT_OPTIONS.largeGraphThreshold);
process.stdout.write(`layout: requested ${choice.requested}, used ${choice.effective}${choice.notice ? ' (notice shown)' : ''}\n`);
const els = time('buildElements', () => buildElements(graph, { edgeLabels: ['trafficRate'], showBadges: true }));
if (choice.effective === 'layered') {
  time('fastLayeredPositions', () => fastLayeredPositions(graph.nodes, graph.edges));
}
const cy = time('cytoscape (headless) + add', () =>
  cytoscape({ headless: true, elements: [...els.nodes, ...els.edges] as cytoscape.ElementDefinition[] })
);
const opts = time('layout options', () =>
  layoutOptions(choice.effective, { nodes: graph.nodes, edges: graph.edges, boundingBox: { x1: 0, y1: 0, w: 1400, h: 900 } })
);
time(`layout run (${choice.effective})`, () => cy.elements().layout(opts as unknown as cytoscape.LayoutOptions).run());
cy.destroy();
if (leaves > DEFAULT_OPTIONS.largeGraphThreshold && (choice.effective === 'dagre' || choice.effective === 'fcose')) {
  process.stdout.write('FAIL: a large graph would use a slow layout\n');
  process.exitCode = 1;
}
