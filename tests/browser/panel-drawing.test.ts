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
