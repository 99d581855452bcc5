import cytoscape from 'cytoscape';
import { buildElements } from '../../graph/elements';
import { fromFrames } from '../../graph/fromFrames';
import { chooseLayout } from '../../graph/layouts';
import { meshEdgesFrame, meshNodesFrame } from '../../graph/testing/frames';
import { boxDepthOf, fitFlatBoxes, usesFlatBoxes } from './flatBoxLayout';

describe('flat boxes', () => {
  it('go with the layered layout only', () => {
    expect(usesFlatBoxes(chooseLayout('dagre', 500, 300))).toBe(true);
    expect(usesFlatBoxes(chooseLayout('dagre', 5, 300))).toBe(false);
  });

  it('count the boxes around the deepest leaf', () => {
    expect(boxDepthOf([{ id: 'a' }])).toBe(0);
    expect(boxDepthOf([{ id: 'c' }, { id: 'n', parent: 'c' }, { id: 'a', parent: 'n' }])).toBe(2);
  });

  it('are sized around their members where those are now', () => {
    const g = fromFrames([
      meshNodesFrame([
        { id: 'box', nodeType: 'box', isBox: 'namespace', namespace: 'ns' },
        { id: 'a', nodeType: 'workload', namespace: 'ns', parent: 'box' },
        { id: 'b', nodeType: 'workload', namespace: 'ns', parent: 'box' },
      ]),
      meshEdgesFrame([]),
    ]);
    const elements = buildElements(g, { edgeLabels: [], showBadges: true });
    const cy = cytoscape({
      headless: true,
      layout: { name: 'preset' },
      elements: [
        { group: 'nodes', data: { id: 'box', isBox: 'namespace', boxW: 1, boxH: 1 }, position: { x: 0, y: 0 } },
        { group: 'nodes', data: { id: 'a' }, position: { x: 0, y: 0 } },
        { group: 'nodes', data: { id: 'b' }, position: { x: 400, y: 100 } },
      ],
    });
    fitFlatBoxes(cy, elements);
    const box = cy.getElementById('box');
    expect(box.data('boxW')).toBeGreaterThan(400);
    expect(box.position().x).toBeCloseTo(200, 0);
  });
});
