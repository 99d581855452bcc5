/**
 * What a change to the graph leaves for Cytoscape's drawing frames to compute: checked before each drawing frame's
 * own calculations (Cytoscape runs higher priorities first; its element calculations are 300), on the panel's
 * instance (the `__cy` hook of `[data-testid="meshgraph-graph"]`). Frames count from the first `startEvent` on the
 * instance (`data` for a refresh's writes, `add` for a drill-down's), so frames still finishing earlier work are
 * not the change's.
 */
import type { Page } from 'playwright-core';

export interface FrameWork {
  /** Elements whose style is not computed. */
  dirty: number;
  /** Displayed elements not placed (rendered style not computed). */
  unplaced: number;
  /** Displayed elements without bounds: computed at their first draw, they mark the element changed again. */
  unmeasured: number;
  /** The drawing order is not computed. */
  unordered: boolean;
}

/** Starts recording; read the frames with takeFrameWork. */
export async function watchFrameWork(page: Page, startEvent: 'data' | 'add'): Promise<void> {
  await page.evaluate((event) => {
    type Ele = {
      _private: { styleDirty?: boolean; rstyle?: { clean?: boolean }; bbCache?: unknown };
      pstyle(name: string): { value: unknown };
    };
    const el = document.querySelector('[data-testid="meshgraph-graph"]') as unknown as {
      __cy: {
        elements(): { toArray(): Ele[] };
        one(event: string, f: () => void): void;
        renderer(): { beforeRender(fn: (willDraw: boolean) => void, p: number): void; cachedZSortedEles?: unknown };
      };
    };
    const w = window as unknown as { __frameWork?: FrameWork[] };
    w.__frameWork = [];
    let started = false;
    el.__cy.one(event, () => {
      started = true;
    });
    const r = el.__cy.renderer();
    r.beforeRender((willDraw) => {
      if (!willDraw || !started || !w.__frameWork) {
        return;
      }
      const f: FrameWork = { dirty: 0, unplaced: 0, unmeasured: 0, unordered: !r.cachedZSortedEles };
      for (const e of el.__cy.elements().toArray()) {
        // Read before pstyle(), which computes a dirty style (and marks the element's bounds changed).
        if (e._private.styleDirty) {
          f.dirty++;
          continue;
        }
        const shown = e.pstyle('display').value !== 'none';
        if (e._private.rstyle?.clean === false && shown) {
          // Cytoscape never places elements it does not display (hidden ones stay unplaced): not work left.
          f.unplaced++;
        } else if (e._private.bbCache == null && shown) {
          f.unmeasured++;
        }
      }
      w.__frameWork.push(f);
    }, 350);
  }, startEvent);
}

/** Waits for at least one recorded frame, then returns the frames and stops recording. */
export async function takeFrameWork(page: Page): Promise<FrameWork[]> {
  await page.waitForFunction(
    () => ((window as unknown as { __frameWork?: unknown[] }).__frameWork?.length ?? 0) > 0,
    undefined,
    { timeout: 5000 }
  );
  return page.evaluate(() => {
    const w = window as unknown as { __frameWork?: FrameWork[] };
    const f = w.__frameWork ?? [];
    w.__frameWork = undefined;
    return f;
  });
}

/** The frames that found work left. */
export const framesWithWork = (frames: FrameWork[]) =>
  frames.filter((f) => f.dirty > 0 || f.unplaced > 0 || f.unmeasured > 0 || f.unordered);
