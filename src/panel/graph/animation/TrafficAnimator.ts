/**
 * Dots travelling along edges on an overlay canvas (Kiali's TrafficRenderer, model §10.6). One animator per panel;
 * everything it schedules is cancelled by stop(). Geometry comes from a callback (rendered edge endpoints), so the
 * animator knows nothing about Cytoscape and can be driven by a fake clock in tests.
 */
import type { EdgeData } from '../flatten';
import type { Palette } from '../palette';
import {
  REQUEST_BASE_DELAY,
  TCP_BASE_DELAY,
  TCP_SPEED,
  calibrateThreshold,
  dotKind,
  emissionDelayMs,
  scaleFactor,
  speedFromResponseTime,
  DotKind,
} from './timing';

/** Edge length (px) at which `speed` edge lengths per second is taken literally; longer edges take longer. */
const BASE_LENGTH = 80;
const MAX_DOTS = 3000;

export interface EdgePlan {
  id: string;
  protocol: string;
  delayMs: number;
  speed: number;
  percentErr: number;
}

/** Per-edge emission delay and speed; edges without traffic get no plan. */
export function planEdges(edges: Iterable<EdgeData>): EdgePlan[] {
  const list = [...edges].filter((e) => e.hasTraffic);
  const reqThreshold = calibrateThreshold(list.filter((e) => e.protocol !== 'tcp').map((e) => rateOf(e)));
  const tcpThreshold = calibrateThreshold(list.filter((e) => e.protocol === 'tcp').map((e) => rateOf(e)));
  const plans: EdgePlan[] = [];
  for (const e of list) {
    const tcp = e.protocol === 'tcp';
    const delay = emissionDelayMs(
      rateOf(e),
      tcp ? TCP_BASE_DELAY : REQUEST_BASE_DELAY,
      scaleFactor(tcp ? tcpThreshold : reqThreshold)
    );
    if (delay === undefined) {
      continue;
    }
    plans.push({
      id: e.id,
      protocol: e.protocol,
      delayMs: delay,
      speed: tcp ? TCP_SPEED : speedFromResponseTime(Number.isFinite(e.responseTime) ? e.responseTime : undefined),
      percentErr: e.protocol === 'grpc' ? e.grpcPercentErr : e.httpPercentErr,
    });
  }
  return plans;
}

function rateOf(e: EdgeData): number {
  const v = e.protocol === 'tcp' ? e.tcp : e.protocol === 'grpc' ? e.grpc : e.http;
  return Number.isFinite(v) ? v : 0;
}

export interface Segment {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  color: string;
}

export interface AnimatorHost {
  /** Rendered (screen) endpoints and colour of a visible edge; undefined hides its dots. */
  segment(edgeId: string): Segment | undefined;
  canvas: HTMLCanvasElement;
  requestFrame(cb: (t: number) => void): number;
  cancelFrame(handle: number): void;
  random?: () => number;
}

interface Dot {
  t: number;
  kind: DotKind;
}

interface EdgeState {
  plan: EdgePlan;
  nextEmit: number;
  dots: Dot[];
  /** Where the edge is on screen in this frame (read once by step, drawn by draw). */
  segment?: Segment;
}

export class TrafficAnimator {
  private states: EdgeState[] = [];
  private frame: number | undefined;
  private last: number | undefined;
  private running = false;

  constructor(
    private readonly host: AnimatorHost,
    private palette: Palette
  ) {}

  setPalette(p: Palette): void {
    this.palette = p;
  }

  setEdges(plans: EdgePlan[]): void {
    const old = new Map(this.states.map((s) => [s.plan.id, s]));
    this.states = plans.map((plan) => {
      const prev = old.get(plan.id);
      return prev ? { ...prev, plan } : { plan, nextEmit: 0, dots: [] };
    });
  }

  get isRunning(): boolean {
    return this.running;
  }

  dotCount(): number {
    return this.states.reduce((n, s) => n + s.dots.length, 0);
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.last = undefined;
    this.frame = this.host.requestFrame(this.tick);
  }

  stop(): void {
    this.running = false;
    if (this.frame !== undefined) {
      this.host.cancelFrame(this.frame);
      this.frame = undefined;
    }
    this.clear();
  }

  private clear(): void {
    const ctx = this.host.canvas.getContext('2d');
    ctx?.clearRect(0, 0, this.host.canvas.width, this.host.canvas.height);
  }

  /** Advance the simulation to time `now` (ms); exposed for tests. */
  step(now: number): void {
    const dt = this.last === undefined ? 0 : Math.min(now - this.last, 250);
    this.last = now;
    const random = this.host.random ?? Math.random;
    let total = 0;
    for (const s of this.states) {
      const seg = this.host.segment(s.plan.id);
      s.segment = seg;
      const length = seg ? Math.max(1, Math.hypot(seg.tx - seg.sx, seg.ty - seg.sy)) : BASE_LENGTH;
      const dtT = ((s.plan.speed * BASE_LENGTH) / length) * (dt / 1000);
      for (const d of s.dots) {
        d.t += dtT;
      }
      s.dots = s.dots.filter((d) => d.t < 1);
      if (now >= s.nextEmit && total < MAX_DOTS) {
        s.dots.push({ t: 0, kind: dotKind(s.plan.protocol, s.plan.percentErr, random()) });
        s.nextEmit = now + s.plan.delayMs;
      }
      total += s.dots.length;
    }
  }

  private draw(): void {
    const canvas = this.host.canvas;
    const ctx = canvas.getContext('2d');
    if (!ctx) {
      return;
    }
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const s of this.states) {
      const seg = s.segment;
      if (!seg) {
        continue;
      }
      for (const d of s.dots) {
        const x = seg.sx + (seg.tx - seg.sx) * d.t;
        const y = seg.sy + (seg.ty - seg.sy) * d.t;
        ctx.beginPath();
        if (d.kind === 'error') {
          // A diamond in the failure colour: errors differ by shape, not colour alone.
          ctx.fillStyle = this.palette.failure;
          ctx.moveTo(x, y - 4);
          ctx.lineTo(x + 4, y);
          ctx.lineTo(x, y + 4);
          ctx.lineTo(x - 4, y);
          ctx.closePath();
        } else {
          // A dot is one request: green when it succeeded (the legend's colour), whatever the edge's health.
          ctx.fillStyle = d.kind === 'tcp' ? this.palette.textWeak : this.palette.healthy;
          ctx.arc(x, y, d.kind === 'tcp' ? 2 : 3, 0, Math.PI * 2);
        }
        ctx.fill();
      }
    }
  }

  private readonly tick = (now: number): void => {
    if (!this.running) {
      return;
    }
    this.step(now);
    this.draw();
    this.frame = this.host.requestFrame(this.tick);
  };
}
