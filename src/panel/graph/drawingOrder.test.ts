import cytoscape from 'cytoscape';
import { type DrawingOrder, sortDrawingOrderByKeys, type OrderedElement } from './drawingOrder';

// The keyed sort against Cytoscape's own: the canvas renderer's getCachedZSortedEles (its prototype, registered as
// the 'canvas' renderer extension) run on the same headless instance.

type OrderMethod = (this: unknown, force?: boolean) => DrawingOrder;

function cytoscapesOwnOrder(cy: cytoscape.Core): DrawingOrder {
  const Canvas = (
    cytoscape as unknown as (kind: string, name: string) => { prototype: { getCachedZSortedEles: OrderMethod } }
  )('renderer', 'canvas');
  const renderer = { cy, cachedZSortedEles: null, updateCachedGrabbedEles: () => undefined };
  return Canvas.prototype.getCachedZSortedEles.call(renderer, true);
}

function keyedOrder(cy: cytoscape.Core): DrawingOrder {
  // The headless instance's renderer, given the parts of the canvas one that the replacement needs.
  const renderer = Object.assign((cy as unknown as { renderer(): object }).renderer(), {
    cy,
    cachedZSortedEles: null,
    updateCachedGrabbedEles: jest.fn(),
    getCachedZSortedEles: () => [],
  });
  sortDrawingOrderByKeys(cy);
  const order = (renderer.getCachedZSortedEles as (force?: boolean) => DrawingOrder)();
  expect(renderer.updateCachedGrabbedEles).toHaveBeenCalledTimes(1);
  expect((renderer.getCachedZSortedEles as () => DrawingOrder)()).toBe(order);
  return order;
}

const ids = (order: OrderedElement[]) => order.map((e) => (e as unknown as cytoscape.SingularElementArgument).id());

const STYLE: cytoscape.StylesheetJson = [
  { selector: '.box', style: { 'z-compound-depth': 'bottom' } },
  { selector: '.top', style: { 'z-compound-depth': 'top' } },
  { selector: '.orphan', style: { 'z-compound-depth': 'orphan' } },
  { selector: '.manual', style: { 'z-index-compare': 'manual' } },
  { selector: '.raised', style: { 'z-index': 20 } },
  { selector: '.lowered', style: { 'z-index': -3 } },
];

/** Boxes two deep, leaves, edges within and across boxes; every z rule on some elements. */
function mesh(seed: number): cytoscape.ElementDefinition[] {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  function pick<T>(xs: T[]): T {
    return xs[Math.floor(rand() * xs.length)];
  }
  const classes = ['', '', '', 'top', 'orphan', 'manual', 'raised', 'lowered', 'manual raised'];
  const els: cytoscape.ElementDefinition[] = [];
  const leaves: string[] = [];
  for (let ns = 0; ns < 4; ns++) {
    els.push({ data: { id: `ns${ns}` }, classes: 'box' });
    for (let app = 0; app < 3; app++) {
      els.push({ data: { id: `ns${ns}-app${app}`, parent: `ns${ns}` }, classes: pick(['box', 'raised', '']) });
      for (let w = 0; w < 4; w++) {
        const id = `ns${ns}-app${app}-w${w}`;
        els.push({ data: { id, parent: `ns${ns}-app${app}` }, classes: pick(classes) });
        leaves.push(id);
      }
    }
    els.push({ data: { id: `ns${ns}-svc`, parent: `ns${ns}` }, classes: pick(classes) });
    leaves.push(`ns${ns}-svc`);
  }
  els.push({ data: { id: 'unknown' } }, { data: { id: 'outside' }, classes: 'raised' });
  leaves.push('unknown', 'outside');
  for (let e = 0; e < 120; e++) {
    els.push({ data: { id: `e${e}`, source: pick(leaves), target: pick(leaves) }, classes: pick(classes) });
  }
  return els;
}

describe('sortDrawingOrderByKeys', () => {
  it.each([1, 7, 42])('gives the order Cytoscape sorts (graph %i, after removals and a move into a box)', (seed) => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE, elements: mesh(seed) });
    // Removals move the last elements into the freed places; a move changes compound depths.
    cy.remove(cy.$('#e3, #e50, #ns1-app2-w1, #ns2-svc'));
    cy.add({ data: { id: 'late', parent: 'ns0-app0' }, classes: 'raised' });
    cy.getElementById('unknown').move({ parent: 'ns3' });
    const expected = cytoscapesOwnOrder(cy);
    expect(expected).toHaveLength(cy.elements().length);
    const order = keyedOrder(cy);
    expect(ids(order)).toEqual(ids(expected));
    expect(ids(order.interactive ?? [])).toEqual(ids(expected.interactive ?? []));
    // Not the instance's own order: the sort had something to do.
    expect(ids(order)).not.toEqual(cy.elements().map((e) => e.id()));
  });

  it('orders a graph without boxes as Cytoscape does', () => {
    const classes = ['', 'top', 'manual', 'raised', 'lowered', 'manual lowered'];
    const nodes = Array.from({ length: 30 }, (_, i) => ({
      data: { id: `n${i}` },
      classes: classes[i % classes.length],
    }));
    const edges = Array.from({ length: 60 }, (_, i) => ({
      data: { id: `f${i}`, source: `n${i % 30}`, target: `n${(i * 7 + 3) % 30}` },
      classes: classes[(i + 2) % classes.length],
    }));
    const cy = cytoscape({ headless: true, styleEnabled: true, style: STYLE, elements: [...edges, ...nodes] });
    expect(ids(keyedOrder(cy))).toEqual(ids(cytoscapesOwnOrder(cy)));
  });
});
