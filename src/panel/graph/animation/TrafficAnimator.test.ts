import { createTheme } from '@grafana/data';
import { flattenEdge } from '../flatten';
import { paletteFromTheme } from '../palette';
import type { PanelEdge } from '../types';
import { TrafficAnimator, planEdges } from './TrafficAnimator';

function edge(id: string, protocol: 'http' | 'tcp', total: number, extra: Partial<PanelEdge> = {}): PanelEdge {
  return {
    id,
    source: 'a',
    target: 'b',
    protocol,
    hasTraffic: total > 0,
    details: [],
    rates: { total, http3xx: 0, http4xx: 0, http5xx: 0, noResponse: 0, grpcErr: 0, percentErr: 0, percentReq: 0 },
    ...extra,
  };
}

describe('planEdges', () => {
  it('plans only edges with traffic, calibrating requests and TCP separately', () => {
    const plans = planEdges([
      flattenEdge(edge('slow', 'http', 1, { responseTime: 10000 })),
      flattenEdge(edge('busy', 'http', 200)),
      flattenEdge(edge('idle', 'http', 0)),
      flattenEdge(edge('bytes', 'tcp', 40)),
    ]);
    expect(plans.map((p) => p.id)).toEqual(['slow', 'busy', 'bytes']);
    // threshold 400 → factor 8: slow 8000 ms → 5000; busy 40 ms
    expect(plans[0].delayMs).toBe(5000);
    expect(plans[0].speed).toBeCloseTo(0.1);
    expect(plans[1].delayMs).toBe(40);
    // TCP: factor 1 (40 < 50), base 20 → 500 ms, constant speed 1
    expect(plans[2].delayMs).toBe(500);
    expect(plans[2].speed).toBe(1);
  });
});

describe('TrafficAnimator', () => {
  const palette = paletteFromTheme(createTheme());

  it('emits dots per the plan, moves them and drops them at the end; stop cancels the frame', () => {
    const frames: Array<(t: number) => void> = [];
    const cancel = jest.fn();
    const canvas = document.createElement('canvas');
    const animator = new TrafficAnimator(
      {
        canvas,
        segment: () => ({ sx: 0, sy: 0, tx: 80, ty: 0, color: 'green' }),
        requestFrame: (cb) => frames.push(cb),
        cancelFrame: cancel,
        random: () => 0.99,
      },
      palette
    );
    animator.setEdges([{ id: 'e', protocol: 'http', delayMs: 500, speed: 2, percentErr: 0 }]);
    animator.step(0);
    expect(animator.dotCount()).toBe(1);
    animator.step(250); // dot at t = 0.5 (2 lengths/s × 0.25 s); no new dot before 500 ms
    expect(animator.dotCount()).toBe(1);
    animator.step(500); // first dot reaches the end and goes; a new one starts
    expect(animator.dotCount()).toBe(1);
    animator.start();
    expect(animator.isRunning).toBe(true);
    expect(frames).toHaveLength(1);
    animator.stop();
    expect(animator.isRunning).toBe(false);
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
