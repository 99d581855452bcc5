import cytoscape from 'cytoscape';
import { type BoundedElement, positionKey, readCachedBoundsDirectly } from './cachedBounds';

// The direct read against Cytoscape's own: the key it stores with a cached box, and the boxes its boundingBox() gives.

const STYLE: cytoscape.StylesheetJson = [
  { selector: 'node', style: { width: 30, height: 20 } },
  { selector: 'edge', style: { width: 2 } },
  { selector: '.wide', style: { width: 80 } },
];

function graph(): cytoscape.Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: STYLE,
    elements: [
      { data: { id: 'a' }, position: { x: -12.5, y: 3.49 } },
      { data: { id: 'b' }, position: { x: 1e6 + 0.5, y: -7.51 } },
      { data: { id: 'box' } },
      { data: { id: 'c', parent: 'box' }, position: { x: 0.4999, y: 250 } },
      { data: { id: 'a-b', source: 'a', target: 'b' } },
      { data: { id: 'c-a', source: 'c', target: 'a' } },
      { data: { id: 'c-c', source: 'c', target: 'c' } },
    ],
  });
}

const priv = (e: cytoscape.SingularElementArgument) => (e as unknown as BoundedElement)._private;
const plain = (b: cytoscape.BoundingBox12 & cytoscape.BoundingBoxWH) => ({ ...b });

describe('positionKey', () => {
  it('is the key Cytoscape stores with each cached box, nodes and edges, after moves', () => {
    const cy = graph();
    const check = () =>
      cy.elements().forEach((e) => {
        e.boundingBox();
        expect(positionKey(e as unknown as BoundedElement)).toBe(priv(e).bbCachePosKey);
      });
    check();
    cy.getElementById('a').position({ x: 77.7, y: -0.5 });
    cy.getElementById('c').position({ x: -3000.25, y: 12.5 });
    check();
    // A moved element no longer matches its stored key (before Cytoscape computes it again).
    cy.getElementById('b').position({ x: 10, y: 10 });
    expect(positionKey(cy.getElementById('b') as unknown as BoundedElement)).not.toBe(
      priv(cy.getElementById('b')).bbCachePosKey
    );
  });
});

describe('readCachedBoundsDirectly', () => {
  const reference = graph();
  const proto = Object.getPrototypeOf(reference.collection()) as { boundingBox(o?: unknown): unknown };
  const own = jest.spyOn(proto, 'boundingBox');
  readCachedBoundsDirectly(reference);
  readCachedBoundsDirectly(reference);
  /** The elements of `cy` whose boxes Cytoscape's own method computed since the last mockClear. */
  const askedOwn = (cy: cytoscape.Core) =>
    (own.mock.contexts as cytoscape.SingularElementArgument[]).filter((c) => c.cy() === cy);

  /** Cytoscape's own answer for the element with the same id on a fresh instance in the same state. */
  const ownAnswer = (cy: cytoscape.Core, id: string) => {
    const twin = graph();
    cy.nodes().forEach((n) => {
      twin.getElementById(n.id()).position({ ...n.position() });
    });
    cy.elements('.wide').forEach((e) => {
      twin.getElementById(e.id()).addClass('wide');
    });
    return plain(twin.getElementById(id).boundingBox());
  };

  it('answers a clean element from its cache, without Cytoscape, with Cytoscape’s box', () => {
    const cy = graph();
    cy.elements().forEach((e) => {
      e.boundingBox();
    });
    own.mockClear();
    cy.elements().forEach((e) => {
      const bb = e.boundingBox();
      expect(bb).toBe(priv(e).bbCache);
      expect(plain(bb)).toEqual(ownAnswer(cy, e.id()));
    });
    // The twins' first reads went to Cytoscape; the checked instance's did not.
    expect(askedOwn(cy)).toHaveLength(0);
  });

  it('leaves a moved, restyled or uncached element, options and collections to Cytoscape', () => {
    const cy = graph();
    cy.elements().forEach((e) => {
      e.boundingBox();
    });
    cy.getElementById('a').position({ x: 500, y: 500 });
    cy.getElementById('b').addClass('wide');
    own.mockClear();
    for (const id of ['a', 'a-b', 'c-a', 'b']) {
      expect(plain(cy.getElementById(id).boundingBox())).toEqual(ownAnswer(cy, id));
    }
    expect(askedOwn(cy).map((c) => c.id())).toEqual(['a', 'a-b', 'c-a', 'b']);
    // A style still to be computed, with the cache kept (as Cytoscape's own check, whatever cleared it or not).
    const c = cy.getElementById('c');
    c.boundingBox();
    priv(c).styleDirty = true;
    own.mockClear();
    c.boundingBox();
    expect(askedOwn(cy).map((e) => e.id())).toEqual(['c']);
    own.mockClear();
    cy.getElementById('c').boundingBox({ includeLabels: false });
    cy.$('#a, #b').boundingBox();
    expect(askedOwn(cy)).toHaveLength(2);
  });
});
