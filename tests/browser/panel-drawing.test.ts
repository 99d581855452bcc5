/**
 * The panel's shortcuts in Cytoscape's canvas drawing (src/panel/graph/skipEmptyLabels.ts, plainEdgeLines.ts) leave
 * the picture as Cytoscape's own drawing makes it: the panel from src/panel on the benchmark page, fed with the
 * synthetic mesh, drawn with the shortcuts and again with the renderer's own methods, pixel for pixel.
 */
import type { BenchSession } from '../../bench/panelPage/session';
import { CLASS } from '../../src/panel/graph/style';
import { benchPageForFile } from '../support/benchPage';

let s: BenchSession;

benchPageForFile({ width: 1000, height: 700 }, (opened) => (s = opened));

/** The renderer methods the panel wraps (its own properties; the prototype's are Cytoscape's). */
const SHORTCUTS = ['drawCachedElementPortion', 'drawCachedElement'];

interface Drawing {
  /** Which of the shortcuts were in place. */
  shortcuts: string[];
  labelled: number;
  unlabelled: number;
  /** Edges drawn as haystack lines (those the plain-line shortcut can take). */
  haystack: number;
  /** Each of Cytoscape's canvases as a data URL. */
  canvases: string[];
}

/**
 * Restyles every element (so the next frames draw each one again instead of reusing cached bitmaps), waits two
 * frames and reads Cytoscape's canvases; `own`: with the renderer's own methods instead of the panel's.
 */
function drawing(own: boolean): Promise<Drawing> {
  return s.page.evaluate(
    async (a) => {
      type Ele = { pstyle(n: string): { strValue: string }; _private: { rscratch: { edgeType?: string } } };
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as HTMLElement & {
        __cy: {
          elements(): { toArray(): Ele[]; updateStyle(): void };
          renderer(): Record<string, unknown>;
        };
      };
      const cy = el.__cy;
      const r = cy.renderer();
      const panels = a.names.map((name) => r[name]);
      if (a.own) {
        // The instance's own properties are the panel's wrappers; without them the prototype's methods draw.
        a.names.forEach((name) => delete r[name]);
      }
      const shortcuts = a.names.filter((name) => Object.prototype.hasOwnProperty.call(r, name));
      cy.elements().updateStyle();
      for (let i = 0; i < 2; i++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      const texts = cy
        .elements()
        .toArray()
        .map((e) => e.pstyle('label').strValue);
      const canvases = [...el.querySelectorAll('canvas[data-id^="layer"]')].map((c) =>
        (c as HTMLCanvasElement).toDataURL()
      );
      a.names.forEach((name, i) => (r[name] = panels[i]));
      return {
        shortcuts,
        labelled: texts.filter((t) => t !== '').length,
        unlabelled: texts.filter((t) => t === '').length,
        haystack: cy
          .elements()
          .toArray()
          .filter((e) => e._private.rscratch.edgeType === 'haystack').length,
        canvases,
      };
    },
    { own, names: SHORTCUTS }
  );
}

/** Zooms in on a leaf node (large-graph mode labels nodes from zoom 0.46, edges from 0.58); none: the fitted view. */
async function view(zoom?: number): Promise<void> {
  await s.page.evaluate(async (level) => {
    type Node = { data(k: string): unknown };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: {
        nodes(): { filter(f: (n: Node) => boolean): { first(): Node } };
        zoom(z: number): void;
        center(n: Node): void;
      };
    };
    const cy = el.__cy;
    if (level !== undefined) {
      cy.zoom(level);
      cy.center(
        cy
          .nodes()
          .filter((n) => !n.data('isBox'))
          .first()
      );
    }
    for (let i = 0; i < 5; i++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, zoom);
}

async function expectSamePicture(): Promise<Drawing> {
  const fast = await drawing(false);
  const own = await drawing(true);
  expect(fast.shortcuts).toEqual(SHORTCUTS);
  expect(own.shortcuts).toEqual([]);
  expect(fast.canvases.length).toBeGreaterThan(0);
  expect(own.canvases).toHaveLength(fast.canvases.length);
  for (let i = 0; i < fast.canvases.length; i++) {
    expect({ canvas: i, same: own.canvases[i] === fast.canvases[i] }).toEqual({ canvas: i, same: true });
  }
  return fast;
}

test('normal mode, zoomed in: node and edge labels drawn, the same pixels with and without the shortcuts', async () => {
  await s.call((api) => api.prepare(60));
  await s.call((api) =>
    api.mountPanel({ options: { edgeLabels: ['trafficRate'], renderer: 'canvas', animation: false } })
  );
  await view(1.2);
  const d = await expectSamePicture();
  // Labels were there to draw (the shortcut must let them through), and every edge's source and target labels
  // are empty (the shortcut skips those).
  expect(d.labelled).toBeGreaterThan(60);
}, 120000);

test('large-graph mode, zoomed in and zoomed out: the same pixels with and without the shortcuts', async () => {
  await s.call((api) => api.prepare(400));
  await s.call((api) =>
    api.mountPanel({ options: { edgeLabels: ['trafficRate'], renderer: 'canvas', animation: false } })
  );
  // Zoomed out only the namespace boxes carry their titles, and edges are haystack lines.
  const out = await expectSamePicture();
  expect(out.unlabelled).toBeGreaterThan(400);
  expect(out.haystack).toBeGreaterThan(1000);
  // Dimmed edges (Find, Hide and highlighting dim with opacity) draw with their opacity.
  await s.page.evaluate((dim) => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { edges(): { slice(a: number, b: number): { addClass(c: string): void } } };
    };
    el.__cy.edges().slice(0, 300).addClass(dim);
  }, CLASS.dim);
  await expectSamePicture();
  // A selected edge shows its traffic even zoomed out (Kiali's verbose label): the shortcut must let it through.
  await s.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { edges(): { first(): { select(): void } } };
    };
    el.__cy.edges().first().select();
  });
  const selected = await expectSamePicture();
  expect(selected.labelled).toBe(out.labelled + 1);
  await view(1.2);
  const zoomedIn = await expectSamePicture();
  // Zoomed in, large-graph mode gives every element its label.
  expect(zoomedIn.labelled).toBeGreaterThan(out.labelled);
}, 120000);

/**
 * The ids to dim: a namespace box with half of what it holds (large-graph mode draws boxes flat, holding nothing),
 * every third other leaf node, and a third of the edges (a box dimmed with some of its content, content dimmed in a
 * box that is not, edges of both kinds).
 */
function dimmedIds(): Promise<{ ids: string[]; inDimmedBox: number }> {
  return s.page.evaluate(() => {
    type Ele = { id(): string; data(k: string): unknown; children(): { toArray(): Ele[] } };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { nodes(): { toArray(): Ele[] }; edges(): { toArray(): Ele[] } };
    };
    const nodes = el.__cy.nodes().toArray();
    const box = nodes.find((n) => n.data('isBox') === 'namespace');
    if (!box) {
      throw new Error('no namespace box');
    }
    const inBox = box.children().toArray();
    const held = new Set(inBox.map((c) => c.id()));
    const ids = [
      box.id(),
      ...inBox.filter((_, i) => i % 2 === 0).map((c) => c.id()),
      ...nodes.filter((n, i) => !n.data('isBox') && !held.has(n.id()) && i % 3 === 0).map((n) => n.id()),
      ...el.__cy
        .edges()
        .toArray()
        .filter((_, i) => i % 3 === 0)
        .map((e) => e.id()),
    ];
    return { ids, inDimmedBox: inBox.length };
  });
}

/** Every element drawn again with the ids dimmed `by` drawing or by style: Cytoscape's canvases and its PNG export. */
async function dimmedPicture(ids: string[], by: 'drawing' | 'style'): Promise<string[]> {
  await s.call((api, a) => api.dim(a.ids, a.by), { ids, by });
  const d = await drawing(false);
  const png = await s.page.evaluate(() => {
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: { png(o: { full: boolean }): string };
    };
    return el.__cy.png({ full: false });
  });
  return [...d.canvases, png];
}

/** The same pixels with the drawn dimming as with the stylesheet's class, and other pixels without either. */
async function expectDimmedAsCytoscapeDimsThem(): Promise<{ ids: string[]; inDimmedBox: number }> {
  const dimmed = await dimmedIds();
  const ids = dimmed.ids;
  const drawn = await dimmedPicture(ids, 'drawing');
  const styled = await dimmedPicture(ids, 'style');
  const plain = await dimmedPicture([], 'none' as 'style');
  expect(drawn.length).toBeGreaterThan(1);
  expect(styled).toHaveLength(drawn.length);
  for (let i = 0; i < drawn.length; i++) {
    expect({ picture: i, same: drawn[i] === styled[i] }).toEqual({ picture: i, same: true });
  }
  expect(plain.some((c, i) => c !== styled[i])).toBe(true);
  return dimmed;
}

test('the highlight dimming drawn by the panel is the picture of Cytoscape’s own opacity, in both modes', async () => {
  await s.call((api) => api.prepare(60));
  await s.call((api) =>
    api.mountPanel({ options: { edgeLabels: ['trafficRate'], renderer: 'canvas', animation: false } })
  );
  await view(1.2);
  const normal = await expectDimmedAsCytoscapeDimsThem();
  expect(normal.ids.length).toBeGreaterThan(20);
  // A box dimmed with half of its content: the other half is dimmed through its box only.
  expect(normal.inDimmedBox).toBeGreaterThan(1);
  await s.call((api) => api.prepare(400));
  await s.call((api) =>
    api.mountPanel({ options: { edgeLabels: ['trafficRate'], renderer: 'canvas', animation: false } })
  );
  // Zoomed out (haystack lines, the plain-line shortcut) and zoomed in (labels, arrowheads).
  expect((await expectDimmedAsCytoscapeDimsThem()).ids.length).toBeGreaterThan(400);
  await view(1.2);
  await expectDimmedAsCytoscapeDimsThem();
}, 180000);

test('a change of the drawn dimming alone shows, from the cached layers, as the class’s restyle does', async () => {
  await s.call((api) => api.prepare(400));
  await s.call((api) =>
    api.mountPanel({ options: { edgeLabels: ['trafficRate'], renderer: 'canvas', animation: false } })
  );
  const { ids } = await dimmedIds();
  // What is on screen once Cytoscape has settled: drawn from its cached layers, which it builds from a redraw that
  // comes 250 ms after the last change (a slice per frame), when a frame after them is asked for.
  const settled = async (by: 'drawing' | 'style' | 'none') => {
    await s.call((api, a) => api.dim(a.ids, a.by), { ids, by });
    return s.page.evaluate(async () => {
      const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as HTMLElement & {
        __cy: {
          forceRender(): void;
          renderer(): { data: { lyrTxrCache: { layersByLevel: Record<string, unknown[]> } } };
        };
      };
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let i = 0; i < 2; i++) {
        await pause(400);
        el.__cy.forceRender();
      }
      await pause(400);
      const layers = Object.values(el.__cy.renderer().data.lyrTxrCache.layersByLevel).flat().length;
      const canvases = [...el.querySelectorAll('canvas[data-id^="layer"]')].map((c) =>
        (c as HTMLCanvasElement).toDataURL()
      );
      return { layers, canvases };
    });
  };
  const plain = await settled('none');
  const drawn = await settled('drawing');
  const styled = await settled('style');
  const plainAgain = await settled('none');
  // Drawn from layers, before and after each change.
  expect([plain, drawn, styled, plainAgain].map((p) => p.layers > 0)).toEqual([true, true, true, true]);
  expect(drawn.canvases).toEqual(styled.canvases);
  expect(drawn.canvases).not.toEqual(plain.canvases);
  expect(plainAgain.canvases).toEqual(plain.canvases);
}, 120000);
