import { CLASS } from '../../graph/style';
import { applyTopologyDiff, diffTopology, isSmallChange, styleFieldsOf, updateChunks, updateData } from './refresh';
import { NONE, testElements, testInstance, testStylesheet } from './testGraph';

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];
const chain = (rate: number, status?: string) =>
  ids.slice(1).map((id, i) => ({ source: ids[i], target: id, rate, ...(status && i === 0 ? { status } : {}) }));

describe('styleFieldsOf', () => {
  it('tells selector fields from fields mapped into a property', () => {
    const f = styleFieldsOf(testStylesheet(true));
    expect(f.selectorFields.has('healthStatus')).toBe(true);
    expect(f.selectorFields.has('hasTraffic')).toBe(true);
    expect(f.selectorFields.has('label')).toBe(false);
    expect(f.mappedInto.get('label')).toEqual(['label']);
    expect(f.mappedInto.get('labelVerbose')).toEqual(['label']);
  });
});

describe('updateData', () => {
  it('restyles an element whose health changed, and writes a label nobody shows without a restyle', () => {
    const sheet = testStylesheet(true); // large-graph mode: no labels until zoomed in
    const first = testElements(ids, chain(5));
    const inst = testInstance(first, { stylesheet: sheet });
    const { cy } = inst;
    cy.elements().forEach((e) => {
      e.style('label'); // styles applied, as after a frame
    });
    const touched: string[] = [];
    cy.on('data', (e) => {
      touched.push(e.target.id());
    });
    const next = testElements(ids, chain(7, 'Failure'));
    cy.batch(() => {
      updateData(cy, next.elements, styleFieldsOf(sheet));
    });
    expect([...new Set(touched)].sort()).toEqual(['a b http']);
    // Every edge holds its new rate in its data, restyled or not.
    expect(cy.getElementById('b c http').data('label')).toBe('7');
    expect(cy.getElementById('a b http').data('healthStatus')).toBe('Failure');
  });

  it('restyles an element whose label is shown when its text changes, and nothing when it does not', () => {
    const sheet = testStylesheet(false);
    const inst = testInstance(testElements(ids, chain(5)), { stylesheet: sheet });
    const { cy } = inst;
    cy.elements().forEach((e) => {
      e.style('label');
    });
    const touched: string[] = [];
    cy.on('data', (e) => {
      touched.push(e.target.id());
    });
    const fields = styleFieldsOf(sheet);
    const same = updateData(cy, testElements(ids, chain(5)).elements, fields);
    expect(same).toEqual({ restyled: 0, quiet: 0 });
    const changed = updateData(cy, testElements(ids, chain(6)).elements, fields);
    expect(changed.restyled).toBe(ids.length - 1);
    expect(touched).toHaveLength(ids.length - 1);
    expect(cy.getElementById('a b http').style('label')).toBe('6');
  });
});

describe('updateData, fields written in place', () => {
  it('writes unshown changes and a field gone into the data, and restyles only for a shown one', () => {
    const sheet = testStylesheet(true);
    const first = testElements(ids, chain(5));
    const inst = testInstance(first, { stylesheet: sheet });
    const { cy } = inst;
    const edge = cy.getElementById('b c http');
    // A field no selector reads and no property maps, gone from the next answer.
    edge.data('extra', 'was here');
    cy.elements().forEach((e) => {
      e.style('label');
    });
    const touched: string[] = [];
    cy.on('data', (e) => {
      touched.push(e.target.id());
    });
    const next = testElements(ids, chain(8, 'Degraded'));
    const written = updateData(cy, next.elements, styleFieldsOf(sheet));
    // The first edge's health is shown (restyled); the others' labels are not shown in large-graph mode.
    expect(written).toEqual({ restyled: 1, quiet: ids.length - 2 });
    expect([...new Set(touched)]).toEqual(['a b http']);
    expect(edge.data('label')).toBe('8');
    expect('extra' in edge.data()).toBe(true);
    expect(edge.data('extra')).toBeUndefined();
    expect(cy.getElementById('a b http').data('label')).toBe('8');
  });
});

describe('updateChunks', () => {
  it('writes every element exactly once over its chunks, nodes then edges', () => {
    const sheet = testStylesheet(false);
    const { cy } = testInstance(testElements(ids, chain(5)), { stylesheet: sheet });
    const next = testElements(ids, chain(6)).elements;
    const chunks = updateChunks(cy, next, styleFieldsOf(sheet), 4);
    // 11 nodes and 10 edges, 4 at a time.
    expect(chunks).toHaveLength(6);
    const written = chunks.map((write) => write());
    // Only the edges' labels changed: elements 11..20 are the edges, so the chunks hold 0, 0, 1, 4, 4 and 1 of them.
    expect(written.map((w) => w.restyled + w.quiet)).toEqual([0, 0, 1, 4, 4, 1]);
    expect(written.reduce((n, w) => n + w.restyled, 0)).toBe(10);
    expect(cy.edges().map((e) => e.data('label'))).toEqual(Array(10).fill('6'));
  });
});

describe('topology changes', () => {
  const before = testElements(ids, chain(5));
  // k is gone; l is new, called by j.
  const afterIds = [...ids.slice(0, -1), 'l'];
  const after = testElements(afterIds, [...chain(5).slice(0, -1), { source: 'j', target: 'l', rate: 5 }]);

  it('lists what to remove and add, and calls one node in ten a small change', () => {
    const d = diffTopology(before.elements, after.elements);
    expect(d.removedNodes).toEqual(['k']);
    expect([...d.removedParents]).toEqual([['k', undefined]]);
    expect(d.addedNodes).toEqual(['l']);
    expect(d.removedEdges).toEqual(['j k http']);
    expect(d.addedEdges).toEqual(['j l http']);
    expect(d.keptNodes).toBe(10);
    expect(isSmallChange(d, 11, 11)).toBe(false); // 2 of 11 changed
    expect(isSmallChange({ ...d, removedNodes: [] }, 11, 11)).toBe(true);
  });

  it("keeps the kept nodes where they are and puts a new node in the place of the one that went (as k's, no box)", () => {
    const inst = testInstance(before);
    const { cy } = inst;
    expect(cy.getElementById('j').position()).toEqual({ x: 900, y: 0 });
    const kWas = { ...cy.getElementById('k').position() };
    const kept = new Map(ids.slice(0, -1).map((id) => [id, { ...cy.getElementById(id).position() }]));
    const hidden = { nodes: new Set<string>(), edges: new Set(['j l http']) };
    cy.batch(() => {
      applyTopologyDiff(cy, after.elements, diffTopology(before.elements, after.elements), {
        found: NONE,
        hidden,
        flatBoxes: false,
      });
    });
    expect(cy.getElementById('k').empty()).toBe(true);
    for (const [id, p] of kept) {
      expect(cy.getElementById(id).position()).toEqual(p);
    }
    const j = cy.getElementById('j').position();
    const l = cy.getElementById('l').position();
    expect(Math.hypot(l.x - j.x, l.y - j.y)).toBeLessThanOrEqual(400);
    expect(l).toEqual(kWas);
    // New elements come with their classes.
    expect(cy.getElementById('j l http').hasClass(CLASS.hidden)).toBe(true);
  });

  it("keeps the kept elements' drawing order: what goes takes what comes, not a kept element's place", () => {
    // c goes (with its two edges) from the middle of the collection; l comes, called by j and calling k. (Where more
    // elements go than come, Cytoscape fills the extra places with kept elements from the end.)
    const middle = testElements(ids.filter((id) => id !== 'c').concat('l'), [
      ...chain(5).filter((e) => e.source !== 'c' && e.target !== 'c'),
      { source: 'j', target: 'l', rate: 5 },
      { source: 'l', target: 'k', rate: 5 },
    ]);
    const { cy } = testInstance(before);
    const order = () => cy.elements().map((e) => e.id());
    const gone = new Set(['c', 'b c http', 'c d http']);
    const keptBefore = order().filter((id) => !gone.has(id));
    cy.batch(() => {
      applyTopologyDiff(cy, middle.elements, diffTopology(before.elements, middle.elements), {
        found: NONE,
        hidden: NONE,
        flatBoxes: false,
      });
    });
    const now = order();
    expect(now.filter((id) => keptBefore.includes(id))).toEqual(keptBefore);
    expect(now.filter((id) => !keptBefore.includes(id)).sort()).toEqual(['j l http', 'l', 'l k http']);
  });
});
