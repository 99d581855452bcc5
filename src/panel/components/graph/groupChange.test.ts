import type cytoscape from 'cytoscape';
import { fitFlatBoxes } from './flatBoxLayout';
import { applyGroupChange, groupChangeOf } from './groupChange';
import type { ElementDefs } from '../../graph/elements';
import {
  NONE,
  ROLLUP_MEMBERS,
  ROLLUP_NAMESPACES,
  rolledUpId,
  rolledUpView,
  testInstance,
  testStylesheet,
} from './testGraph';

const leafPositions = (cy: cytoscape.Core) =>
  Object.fromEntries(
    cy
      .nodes()
      .filter((n) => !n.data('isBox'))
      .map((n) => [n.id(), { ...(n as cytoscape.NodeSingular).position() }])
  );

/** The ids the instance holds, and those an answer has. */
const heldIds = (cy: cytoscape.Core) =>
  cy
    .elements()
    .map((e) => e.id())
    .sort();
const answerIds = (defs: ElementDefs) => [...defs.nodeData.keys(), ...defs.edgeData.keys()].sort();

describe('groupChangeOf', () => {
  it('sees a rolled-up node turning into a box of its members, and back', () => {
    const closed = rolledUpView([]);
    const open = rolledUpView(['b']);
    const expand = groupChangeOf(closed.elements, open.elements)!;
    expect(expand.expanded).toEqual([rolledUpId('b')]);
    expect(expand.collapsed).toEqual([]);
    expect(expand.addedNodes.sort()).toEqual([rolledUpId('b'), 'b/w1', 'b/w2', 'b/w3'].sort());
    expect(expand.removedNodes).toEqual([rolledUpId('b')]);
    const collapse = groupChangeOf(open.elements, closed.elements)!;
    expect(collapse.collapsed).toEqual([rolledUpId('b')]);
    expect(collapse.removedNodes.sort()).toEqual([rolledUpId('b'), 'b/w1', 'b/w2', 'b/w3'].sort());
  });

  it('is no group change when nothing is regrouped', () => {
    expect(groupChangeOf(rolledUpView(['b']).elements, rolledUpView(['b']).elements)).toBeUndefined();
  });
});

describe('applyGroupChange', () => {
  it('closes one group and opens another in one answer; the others end where they started', () => {
    const closed = rolledUpView([]);
    const positions = new Map(ROLLUP_NAMESPACES.map((ns, i) => [rolledUpId(ns), { x: 200 * i, y: (i % 2) * 90 }]));
    const inst = testInstance(closed, { stylesheet: testStylesheet(true), positions });
    const { cy } = inst;
    const opts = { found: NONE, hidden: NONE, flatBoxes: true };
    const before = leafPositions(cy);
    // closed → a open → c open instead (a closes in the same answer) → a again → closed
    const steps = [rolledUpView([]), rolledUpView(['a']), rolledUpView(['c']), rolledUpView(['a']), rolledUpView([])];
    for (let i = 1; i < steps.length; i++) {
      const change = groupChangeOf(steps[i - 1].elements, steps[i].elements)!;
      expect(change).toBeDefined();
      cy.batch(() => applyGroupChange(cy, steps[i - 1].elements, steps[i].elements, change, opts));
      fitFlatBoxes(cy, steps[i].elements);
      expect(heldIds(cy)).toEqual(answerIds(steps[i].elements));
      if (i === 2) {
        expect(change.collapsed).toEqual([rolledUpId('a')]);
        expect(change.expanded).toEqual([rolledUpId('c')]);
      }
    }
    const after = leafPositions(cy);
    for (const ns of ROLLUP_NAMESPACES) {
      expect(after[rolledUpId(ns)].x).toBeCloseTo(before[rolledUpId(ns)].x, 6);
      expect(after[rolledUpId(ns)].y).toBeCloseTo(before[rolledUpId(ns)].y, 6);
    }
  });

  for (const flat of [false, true]) {
    it(`opens a group where its node was and closes it back (${flat ? 'flat' : 'compound'} boxes)`, () => {
      const closed = rolledUpView([]);
      const positions = new Map(
        ROLLUP_NAMESPACES.map((ns, i) => [rolledUpId(ns), { x: 200 * i, y: i % 2 === 0 ? 0 : 100 }])
      );
      const inst = testInstance(closed, { stylesheet: testStylesheet(flat), positions });
      const { cy } = inst;
      const before = leafPositions(cy);
      const open = rolledUpView(['b']);
      const change = groupChangeOf(closed.elements, open.elements)!;
      const opts = { found: NONE, hidden: NONE, flatBoxes: flat };
      cy.batch(() => applyGroupChange(cy, closed.elements, open.elements, change, opts));
      if (flat) {
        fitFlatBoxes(cy, open.elements);
      }
      // The instance holds the new answer's elements, no more.
      expect(heldIds(cy)).toEqual(answerIds(open.elements));
      expect(cy.getElementById(rolledUpId('b')).data('isBox')).toBe('namespace');
      // The members sit around where b was; nothing else lies inside their box.
      const box = cy.getElementById(rolledUpId('b')).boundingBox({});
      const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
      expect(Math.abs(centre.x - before[rolledUpId('b')].x)).toBeLessThan(30);
      for (const ns of ['a', 'c', 'd']) {
        const p = cy.getElementById(rolledUpId(ns)).position();
        expect(p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2).toBe(false);
      }
      // The drawing keeps its order: a left of b's members, c and d right of them.
      const xs = (id: string) => cy.getElementById(id).position().x;
      expect(xs(rolledUpId('a'))).toBeLessThan(Math.min(...ROLLUP_MEMBERS.map((w) => xs(`b/${w}`))));
      expect(xs(rolledUpId('c'))).toBeGreaterThan(Math.max(...ROLLUP_MEMBERS.map((w) => xs(`b/${w}`))));

      const back = groupChangeOf(open.elements, closed.elements)!;
      cy.batch(() => applyGroupChange(cy, open.elements, closed.elements, back, opts));
      expect(heldIds(cy)).toEqual(answerIds(closed.elements));
      const after = leafPositions(cy);
      for (const [id, p] of Object.entries(before)) {
        expect(after[id].x).toBeCloseTo(p.x, 6);
        expect(after[id].y).toBeCloseTo(p.y, 6);
      }
    });
  }
});
