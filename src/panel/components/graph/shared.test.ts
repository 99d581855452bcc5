import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import cytoscape from 'cytoscape';
import { CLASS } from '../../graph/style';
import { batching, elementCounts, FIT_PADDING, fitVisible, settleDrawing, writeThenPrepare } from './shared';
import { testStylesheet } from './testGraph';

// jsdom has no MessageChannel of its own: Node's stands in, as browsers have one.
const saved = (globalThis as { MessageChannel?: unknown }).MessageChannel;
beforeAll(() => {
  (globalThis as { MessageChannel?: unknown }).MessageChannel = NodeMessageChannel;
});
afterAll(() => {
  (globalThis as { MessageChannel?: unknown }).MessageChannel = saved;
});

function graph() {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [{ data: { id: 'a', health: 'Healthy' } }, { data: { id: 'b', health: 'Healthy' } }],
    style: [
      { selector: 'node', style: { 'border-color': 'green' } },
      { selector: 'node[health = "Failure"]', style: { 'border-color': 'red' } },
    ],
  });
}

const nextTasks = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Waits until the batch writeThenPrepare opened is closed by its own tasks. A fixed wait is not enough: on a loaded
 * machine Node may run an expired timer before a MessageChannel message that was posted first.
 */
async function tasksDone(cy: cytoscape.Core, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (batching(cy)) {
    if (Date.now() > deadline) {
      throw new Error(`the batch was still open after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('writeThenPrepare', () => {
  it('writes now and ends the batch (the styles) in a task of its own', async () => {
    const cy = graph();
    writeThenPrepare(cy, [() => cy.getElementById('a').data('health', 'Failure')]);
    // Written, but Cytoscape draws nothing while the batch is open.
    expect(cy.getElementById('a').data('health')).toBe('Failure');
    expect(batching(cy)).toBe(true);
    await tasksDone(cy);
    expect(cy.getElementById('a').style('border-color')).toBe('rgb(255,0,0)');
    cy.destroy();
  });

  it('writes chunk by chunk, a task each, the styles of one chunk computed before the next is written', async () => {
    const cy = graph();
    const seen: string[] = [];
    // Cytoscape tells a batch's restyles when the batch ends: each chunk's before the next chunk is written.
    cy.on('style', (e) => {
      seen.push(`${e.target.id()} styled`);
    });
    const chunk = (id: string) => () => {
      seen.push(`${id} written`);
      cy.getElementById(id).data('health', 'Failure');
    };
    writeThenPrepare(cy, [chunk('a'), chunk('b')]);
    // Only the first chunk in the caller's task, its batch still open.
    expect(seen).toEqual(['a written']);
    expect(batching(cy)).toBe(true);
    await tasksDone(cy);
    expect(seen).toEqual(['a written', 'a styled', 'b written', 'b styled']);
    expect(batching(cy)).toBe(false);
    expect(cy.nodes().map((n) => n.style('border-color'))).toEqual(['rgb(255,0,0)', 'rgb(255,0,0)']);
    cy.destroy();
  });

  it('settles every chunk left at once', () => {
    const cy = graph();
    writeThenPrepare(cy, [
      () => cy.getElementById('a').data('health', 'Failure'),
      () => cy.getElementById('b').data('health', 'Failure'),
    ]);
    expect(cy.getElementById('b').data('health')).toBe('Healthy');
    settleDrawing(cy);
    expect(batching(cy)).toBe(false);
    expect(cy.nodes().map((n) => n.style('border-color'))).toEqual(['rgb(255,0,0)', 'rgb(255,0,0)']);
    cy.destroy();
  });

  it('ends at once when asked to settle, and a second write settles the first', () => {
    const cy = graph();
    writeThenPrepare(cy, [() => cy.getElementById('a').data('health', 'Failure')]);
    writeThenPrepare(cy, [() => cy.getElementById('b').data('health', 'Failure')]);
    // One batch open, not two: the first was ended before the second began.
    settleDrawing(cy);
    expect(batching(cy)).toBe(false);
    expect(cy.nodes().map((n) => n.style('border-color'))).toEqual(['rgb(255,0,0)', 'rgb(255,0,0)']);
    cy.destroy();
  });

  it('leaves a destroyed instance alone', async () => {
    const cy = graph();
    writeThenPrepare(cy, [() => cy.getElementById('a').data('health', 'Failure')]);
    cy.destroy();
    // Settled at once on the destroyed instance (as an unmount would), then the posted task finds nothing left.
    expect(() => settleDrawing(cy)).not.toThrow();
    await nextTasks();
  });
});

describe('elementCounts', () => {
  it('counts what nodes() and edges() hold, boxes and removals included', () => {
    const cy = cytoscape({
      headless: true,
      elements: [
        { data: { id: 'box' } },
        { data: { id: 'a', parent: 'box' } },
        { data: { id: 'b' } },
        { data: { id: 'c' } },
        { data: { id: 'a-b', source: 'a', target: 'b' } },
        { data: { id: 'b-c', source: 'b', target: 'c' } },
      ],
    });
    expect(elementCounts(cy)).toEqual({ nodes: 4, edges: 2 });
    cy.remove('#c');
    expect(elementCounts(cy)).toEqual({ nodes: cy.nodes().length, edges: cy.edges().length });
    expect(elementCounts(cy)).toEqual({ nodes: 3, edges: 1 });
  });
});

describe('fitVisible', () => {
  // The panel's stylesheet, both kinds; a box, its members, edges between them and to outside, labels.
  function shown(large: boolean): cytoscape.Core {
    const cy = cytoscape({
      headless: true,
      styleEnabled: true,
      style: testStylesheet(large) as unknown as cytoscape.StylesheetJson,
      elements: [
        { data: { id: 'box', nodeType: 'box', isBox: 'namespace', label: 'ns' } },
        { data: { id: 'a', parent: 'box', nodeType: 'workload', label: 'a' }, position: { x: 0, y: 0 } },
        { data: { id: 'b', parent: 'box', nodeType: 'workload', label: 'b' }, position: { x: 120, y: 40 } },
        { data: { id: 'far', nodeType: 'workload', label: 'far' }, position: { x: 900, y: -700 } },
        { data: { id: 'out', nodeType: 'workload', label: 'out' }, position: { x: -500, y: 300 } },
        { data: { id: 'a-b', source: 'a', target: 'b', label: '1 rps', labelVerbose: '1 rps' } },
        { data: { id: 'b-far', source: 'b', target: 'far', label: '2 rps', labelVerbose: '2 rps' } },
        { data: { id: 'out-a', source: 'out', target: 'a', label: '3 rps', labelVerbose: '3 rps' } },
      ],
      // Cytoscape's default (a grid pass, all at 0,0 when headless) would move what the definitions place.
      layout: { name: 'preset' },
    });
    // Headless instances have no size: one to fit into.
    jest.spyOn(cy, 'width').mockReturnValue(800);
    jest.spyOn(cy, 'height').mockReturnValue(500);
    return cy;
  }

  const viewport = (cy: cytoscape.Core) => ({ zoom: cy.zoom(), pan: { ...cy.pan() } });

  it.each([
    ['nothing hidden', []],
    ['a far node hidden (its edge not)', ['far']],
    ['a node and its edge hidden', ['out', 'out-a']],
    ['the box hidden (its members not)', ['box']],
    ['all but one node hidden', ['box', 'a', 'b', 'far', 'a-b', 'b-far', 'out-a']],
  ])('fits what is shown, right after a change (%s)', (_case, hidden) => {
    for (const large of [false, true]) {
      const cy = shown(large);
      // Bounds measured before the change, as a drawn graph has them.
      cy.elements().boundingBox();
      cy.$(hidden.map((id) => `#${id}`).join(', ') || '#none').addClass(CLASS.hidden);
      fitVisible(cy);
      const fitted = viewport(cy);
      // The fit to the elements without the hidden class, once every style is computed. (Right after the change,
      // Cytoscape's bounds of that collection still held the edge of a hidden node, from its cached box.)
      cy.elements().forEach((e) => void (e as unknown as { pstyle(name: string): unknown }).pstyle('display'));
      cy.viewport({ zoom: 1, pan: { x: 0, y: 0 } });
      cy.fit(cy.elements().not(`.${CLASS.hidden}`), FIT_PADDING);
      expect(fitted).toEqual(viewport(cy));
      if (hidden.includes('far')) {
        // The hidden node is left out: the view is not the one that fits every element.
        cy.elements().removeClass(CLASS.hidden);
        cy.fit(cy.elements(), FIT_PADDING);
        expect(viewport(cy)).not.toEqual(fitted);
      }
    }
  });
});
