import cytoscape from 'cytoscape';
import { drawnDimmingOf, installDrawnDimming } from './drawnDimming';
import { CLASS, DIM_OPACITY } from './style';

// The stand-in against a real (headless) Cytoscape's own readings: while the renderer draws an element, every opacity
// Cytoscape reads equals what it reads on a twin instance where the same elements carry the stylesheet's dim class.
// That the picture is the same is a browser test's job (tests/browser/panel-drawing.test.ts).

const STYLE = [
  { selector: 'node, edge', style: { opacity: 1 } },
  { selector: `.${CLASS.dim}`, style: { opacity: DIM_OPACITY } },
];

const ELEMENTS: cytoscape.ElementDefinition[] = [
  { data: { id: 'ns' } },
  { data: { id: 'app', parent: 'ns' } },
  { data: { id: 'a', parent: 'app' } },
  { data: { id: 'b', parent: 'ns' } },
  { data: { id: 'c' } },
  { data: { id: 'a-c', source: 'a', target: 'c' } },
  { data: { id: 'c-b', source: 'c', target: 'b' } },
];

type Reading = Record<string, { own: number; effective: number }>;

/** The opacity property Cytoscape reads when it draws (pstyle is not in its type declarations). */
const ownOpacity = (e: cytoscape.SingularElementArgument) =>
  (e as unknown as { pstyle(name: string): { value: number } }).pstyle('opacity').value;

function readings(cy: cytoscape.Core): Reading {
  const out: Reading = {};
  cy.elements().forEach((e) => {
    out[e.id()] = { own: ownOpacity(e), effective: e.effectiveOpacity() };
  });
  return out;
}

function setUp() {
  const invalidated: string[][] = [];
  let frames = 0;
  const seen: Array<{ id: string; reading: Reading; nested?: Reading }> = [];
  const renderer = {
    // Cytoscape tells its renderer of every change; a frame is asked for with 'draw'.
    notify(event: string) {
      if (event === 'draw') {
        frames++;
      }
    },
    data: {
      lyrTxrCache: {
        invalidateElements(eles: cytoscape.Collection) {
          invalidated.push(eles.map((e) => e.id()).sort());
        },
      },
    },
    // As Cytoscape's: drawCachedElement falls back to drawElement for edges.
    drawCachedElement(_ctx: unknown, ele: cytoscape.SingularElementArgument) {
      const reading = readings(ele.cy());
      const nested = renderer.drawElement(_ctx, ele);
      seen.push({ id: ele.id(), reading, nested });
    },
    drawElement(_ctx: unknown, ele: cytoscape.SingularElementArgument): Reading {
      return readings(ele.cy());
    },
  };
  const cy = cytoscape({ headless: true, styleEnabled: true, elements: ELEMENTS, style: STYLE });
  (cy as unknown as { renderer(): unknown }).renderer = () => renderer;
  installDrawnDimming(cy);
  const twin = cytoscape({ headless: true, styleEnabled: true, elements: ELEMENTS, style: STYLE });
  return { cy, twin, renderer, invalidated, seen, frames: () => frames };
}

describe('drawn dimming', () => {
  it('reads, while an element is drawn, the opacities the dim class gives; none after', () => {
    const { cy, twin, renderer, seen } = setUp();
    const dimming = drawnDimmingOf(cy);
    expect(dimming).toBeDefined();
    const ids = ['app', 'b', 'c-b'];
    dimming!.change(
      ids.map((id) => cy.getElementById(id)),
      []
    );
    twin.elements(ids.map((id) => `#${id}`).join(', ')).addClass(CLASS.dim);
    const truth = readings(twin);
    const plain = readings(cytoscape({ headless: true, styleEnabled: true, elements: ELEMENTS, style: STYLE }));
    cy.elements().forEach((e) => {
      renderer.drawCachedElement({}, e);
    });
    // a sits in a dimmed app box inside ns: 0.25 through its box, as Cytoscape's effectiveOpacity gives it.
    expect(truth.a.effective).toBe(DIM_OPACITY);
    for (const { id, reading, nested } of seen) {
      // The element drawn, and its boxes, read as with the class; its nested drawing too.
      const mine = [
        id,
        ...cy
          .getElementById(id)
          .ancestors()
          .map((p) => p.id()),
      ];
      for (const k of mine) {
        expect({ id, k, ...reading[k] }).toEqual({ id, k, ...truth[k] });
        expect({ id, k, ...nested![k] }).toEqual({ id, k, ...truth[k] });
      }
    }
    // Nothing stays swapped after a drawing, nor does anything read dimmed outside one.
    expect(readings(cy)).toEqual(plain);
    expect(cy.elements(`.${CLASS.dim}`).length).toBe(0);
  });

  it('stands in where the style is still to be computed (a new instance), and puts it back when drawing throws', () => {
    const renderer = {
      notify: () => undefined,
      data: { lyrTxrCache: { invalidateElements: () => undefined } },
      drawCachedElement(_ctx: unknown, ele: cytoscape.SingularElementArgument) {
        throw new Error(`cannot draw ${ele.id()} at ${ownOpacity(ele)}`);
      },
      drawElement: () => undefined,
    };
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: ELEMENTS, style: STYLE });
    (cy as unknown as { renderer(): unknown }).renderer = () => renderer;
    installDrawnDimming(cy);
    drawnDimmingOf(cy)!.change([cy.getElementById('c')], []);
    // Cytoscape computes an element's style at its first read: nothing has read c's yet.
    expect(() => renderer.drawCachedElement({}, cy.getElementById('c'))).toThrow(`cannot draw c at ${DIM_OPACITY}`);
    expect(ownOpacity(cy.getElementById('c'))).toBe(1);
    // And the next drawing swaps again.
    expect(() => renderer.drawCachedElement({}, cy.getElementById('c'))).toThrow(`cannot draw c at ${DIM_OPACITY}`);
  });

  it('has the changed elements and what dimmed boxes hold drawn again, and forgets removed elements', () => {
    const { cy, invalidated, frames } = setUp();
    const dimming = drawnDimmingOf(cy)!;
    dimming.change([cy.getElementById('app'), cy.getElementById('c-b')], []);
    expect(invalidated).toEqual([['a', 'app', 'c-b']]);
    expect(frames()).toBe(1);
    dimming.change([], []);
    expect(invalidated).toHaveLength(1);
    expect(dimming.isDimmed(cy.getElementById('app'))).toBe(true);
    cy.getElementById('c-b').remove();
    dimming.change([], [cy.getElementById('app')]);
    expect(invalidated[1]).toEqual(['a', 'app']);
    expect(dimming.isDimmed(cy.getElementById('app'))).toBe(false);
    // Removed while dimmed: not dimmed if it comes back.
    const back = cy.add({ data: { id: 'c-b', source: 'c', target: 'b' } });
    expect(dimming.isDimmed(back)).toBe(false);
  });

  it('installs nothing on an instance without a renderer (headless): the highlight marks by class there', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: ELEMENTS, style: STYLE });
    installDrawnDimming(cy);
    expect(drawnDimmingOf(cy)).toBeUndefined();
  });
});
