import { MessageChannel as NodeMessageChannel } from 'node:worker_threads';
import cytoscape from 'cytoscape';
import { batching, elementCounts, settleDrawing, writeThenPrepare } from './shared';

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
