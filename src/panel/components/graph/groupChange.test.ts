import type cytoscape from 'cytoscape';
import { buildElements, ElementDefs, topologyKey } from '../../graph/elements';
import { fromFrames } from '../../graph/fromFrames';
import { MeshEdgeSpec, MeshNodeSpec, meshEdgesFrame, meshNodesFrame } from '../../graph/testing/frames';
import { fitFlatBoxes } from './flatBoxLayout';
import { applyGroupChange, groupChangeOf } from './groupChange';
import { NONE, testInstance, testStylesheet } from './testGraph';

const NS = ['a', 'b', 'c', 'd'];
const rolled = (ns: string) => `rollup_namespace_c1_${ns}`;
const MEMBERS = ['w1', 'w2', 'w3'];

/** Rolled up by namespace, `open` expanded: its members in a box with the rolled-up node's id. */
function view(open: string[]): { elements: ElementDefs; topology: string } {
  // A collapsed group is a node of type 'namespace'; expanded, a box of the same id (as the engine's rollup).
  const nodes: MeshNodeSpec[] = NS.flatMap((ns) =>
    open.includes(ns)
      ? [
          { id: rolled(ns), nodeType: 'box', isBox: 'namespace', namespace: ns },
          ...MEMBERS.map((w) => ({ id: `${ns}/${w}`, nodeType: 'workload', workload: w, namespace: ns, parent: rolled(ns) })),
        ]
      : [{ id: rolled(ns), nodeType: 'namespace', namespace: ns }]
  );
  // Traffic a → b → c → d, entering each namespace at w1 and leaving from w3 when expanded.
  const end = (ns: string, w: string) => (open.includes(ns) ? `${ns}/${w}` : rolled(ns));
  const edges: MeshEdgeSpec[] = NS.slice(1).map((ns, i) => ({
    source: end(NS[i], 'w3'),
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

const leafPositions = (cy: cytoscape.Core) =>
  Object.fromEntries(
    cy
      .nodes()
      .filter((n) => !n.data('isBox'))
      .map((n) => [n.id(), { ...(n as cytoscape.NodeSingular).position() }])
  );

describe('groupChangeOf', () => {
  it('sees a rolled-up node turning into a box of its members, and back', () => {
    const closed = view([]);
    const open = view(['b']);
    const expand = groupChangeOf(closed.elements, open.elements)!;
    expect(expand.expanded).toEqual([rolled('b')]);
    expect(expand.collapsed).toEqual([]);
    expect(expand.addedNodes.sort()).toEqual([rolled('b'), 'b/w1', 'b/w2', 'b/w3'].sort());
    expect(expand.removedNodes).toEqual([rolled('b')]);
    const collapse = groupChangeOf(open.elements, closed.elements)!;
    expect(collapse.collapsed).toEqual([rolled('b')]);
    expect(collapse.removedNodes.sort()).toEqual([rolled('b'), 'b/w1', 'b/w2', 'b/w3'].sort());
  });

  it('is no group change when nothing is regrouped', () => {
    expect(groupChangeOf(view(['b']).elements, view(['b']).elements)).toBeUndefined();
  });
});

describe('applyGroupChange', () => {
  it('closes one group and opens another in one answer; the others end where they started', () => {
    const closed = view([]);
    const positions = new Map(NS.map((ns, i) => [rolled(ns), { x: 200 * i, y: (i % 2) * 90 }]));
    const inst = testInstance(closed, { stylesheet: testStylesheet(true), positions });
    const { cy } = inst;
    const opts = { found: NONE, hidden: NONE, flatBoxes: true };
    const before = leafPositions(cy);
    const ids = (defs: ElementDefs) => [...defs.nodeData.keys(), ...defs.edgeData.keys()].sort();
    // closed → a open → c open instead (a closes in the same answer) → a again → closed
    const steps = [view([]), view(['a']), view(['c']), view(['a']), view([])];
    for (let i = 1; i < steps.length; i++) {
      const change = groupChangeOf(steps[i - 1].elements, steps[i].elements)!;
      expect(change).toBeDefined();
      cy.batch(() => applyGroupChange(cy, steps[i - 1].elements, steps[i].elements, change, opts));
      fitFlatBoxes(cy, steps[i].elements);
      expect(cy.elements().map((e) => e.id()).sort()).toEqual(ids(steps[i].elements));
      if (i === 2) {
        expect(change.collapsed).toEqual([rolled('a')]);
        expect(change.expanded).toEqual([rolled('c')]);
      }
    }
    const after = leafPositions(cy);
    for (const ns of NS) {
      expect(after[rolled(ns)].x).toBeCloseTo(before[rolled(ns)].x, 6);
      expect(after[rolled(ns)].y).toBeCloseTo(before[rolled(ns)].y, 6);
    }
  });

  for (const flat of [false, true]) {
    it(`opens a group where its node was and closes it back (${flat ? 'flat' : 'compound'} boxes)`, () => {
      const closed = view([]);
      const positions = new Map(NS.map((ns, i) => [rolled(ns), { x: 200 * i, y: i % 2 === 0 ? 0 : 100 }]));
      const inst = testInstance(closed, { stylesheet: testStylesheet(flat), positions });
      const { cy } = inst;
      const before = leafPositions(cy);
      const open = view(['b']);
      const change = groupChangeOf(closed.elements, open.elements)!;
      const opts = { found: NONE, hidden: NONE, flatBoxes: flat };
      cy.batch(() => applyGroupChange(cy, closed.elements, open.elements, change, opts));
      if (flat) {
        fitFlatBoxes(cy, open.elements);
      }
      // The instance holds the new answer's elements, no more.
      const ids = (defs: ElementDefs) => [...defs.nodeData.keys(), ...defs.edgeData.keys()].sort();
      expect(cy.elements().map((e) => e.id()).sort()).toEqual(ids(open.elements));
      expect(cy.getElementById(rolled('b')).data('isBox')).toBe('namespace');
      // The members sit around where b was; nothing else lies inside their box.
      const box = cy.getElementById(rolled('b')).boundingBox({});
      const centre = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
      expect(Math.abs(centre.x - before[rolled('b')].x)).toBeLessThan(30);
      for (const ns of ['a', 'c', 'd']) {
        const p = cy.getElementById(rolled(ns)).position();
        expect(p.x > box.x1 && p.x < box.x2 && p.y > box.y1 && p.y < box.y2).toBe(false);
      }
      // The drawing keeps its order: a left of b's members, c and d right of them.
      const xs = (id: string) => cy.getElementById(id).position().x;
      expect(xs(rolled('a'))).toBeLessThan(Math.min(...MEMBERS.map((w) => xs(`b/${w}`))));
      expect(xs(rolled('c'))).toBeGreaterThan(Math.max(...MEMBERS.map((w) => xs(`b/${w}`))));

      const back = groupChangeOf(open.elements, closed.elements)!;
      cy.batch(() => applyGroupChange(cy, open.elements, closed.elements, back, opts));
      expect(cy.elements().map((e) => e.id()).sort()).toEqual(ids(closed.elements));
      const after = leafPositions(cy);
      for (const [id, p] of Object.entries(before)) {
        expect(after[id].x).toBeCloseTo(p.x, 6);
        expect(after[id].y).toBeCloseTo(p.y, 6);
      }
    });
  }
});
