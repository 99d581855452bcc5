/**
 * Traffic animation on the overlay canvas: one animator per instance, paused off screen, never under
 * prefers-reduced-motion. A refresh hands the running animator the new rates (its dots keep moving); only the
 * instance, the palette or switching the animation restart it.
 */
import { RefObject, useEffect, useLayoutEffect, useRef } from 'react';
import type { ElementDefs } from '../../graph/elements';
import type { Selection } from '../../graph/findHide';
import type { Palette } from '../../graph/palette';
import { planEdges, TrafficAnimator } from '../../graph/animation/TrafficAnimator';
import { renderedEdgeEnds } from '../../graph/edgeEnds';
import type { CyInstance } from './shared';

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)').matches
    : false;
}

/** The colour of an edge's dots by its health and protocol. */
export function dotColour(palette: Palette, status: unknown, protocol: unknown): string {
  return protocol === 'tcp'
    ? palette.tcp
    : status === 'Failure'
      ? palette.failure
      : status === 'Degraded'
        ? palette.degraded
        : palette.healthy;
}

export function useTrafficAnimation(
  inst: CyInstance | undefined,
  canvasRef: RefObject<HTMLCanvasElement>,
  containerRef: RefObject<HTMLElement>,
  animate: boolean,
  palette: Palette,
  elements: ElementDefs,
  hidden: Selection
): RefObject<TrafficAnimator | undefined> {
  const animator = useRef<TrafficAnimator | undefined>(undefined);
  const edges = useRef({ elements, hidden });
  useLayoutEffect(() => {
    edges.current = { elements, hidden };
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    const el = containerRef.current;
    const cy = inst?.cy;
    if (!animate || !canvas || !cy || !el || prefersReducedMotion()) {
      return;
    }
    const a = new TrafficAnimator(
      {
        canvas,
        requestFrame: (cb) => window.requestAnimationFrame(cb),
        cancelFrame: (h) => window.cancelAnimationFrame(h),
        segment: (id) => {
          const e = cy.getElementById(id);
          if (e.empty() || !e.visible()) {
            return undefined;
          }
          const { source: s, target: t } = renderedEdgeEnds(e);
          return {
            sx: s.x,
            sy: s.y,
            tx: t.x,
            ty: t.y,
            color: dotColour(palette, e.data('healthStatus'), e.data('protocol')),
          };
        },
      },
      palette
    );
    const { elements: els, hidden: hid } = edges.current;
    a.setEdges(planEdges([...els.edgeData.values()].filter((e) => !hid.edges.has(e.id))));
    animator.current = a;
    let observer: IntersectionObserver | undefined;
    if (typeof IntersectionObserver !== 'undefined') {
      observer = new IntersectionObserver((entries) => {
        if (entries.some((en) => en.isIntersecting)) {
          a.start();
        } else {
          a.stop();
        }
      });
      observer.observe(el);
    } else {
      a.start();
    }
    return () => {
      observer?.disconnect();
      a.stop();
      if (animator.current === a) {
        animator.current = undefined;
      }
    };
  }, [inst, animate, palette, canvasRef, containerRef]);

  // New rates or another hidden set: the running animator gets new plans, keeping the dots on kept edges.
  const planned = useRef<{ elements: ElementDefs; hidden: Selection } | undefined>(undefined);
  useEffect(() => {
    const a = animator.current;
    if (!a) {
      planned.current = undefined;
      return;
    }
    if (planned.current?.elements === elements && planned.current.hidden === hidden) {
      return;
    }
    planned.current = { elements, hidden };
    a.setEdges(planEdges([...elements.edgeData.values()].filter((e) => !hidden.edges.has(e.id))));
  }, [elements, hidden]);

  return animator;
}
