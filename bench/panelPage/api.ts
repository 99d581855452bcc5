/**
 * The benchmark page's API (`window.panelBench`), shared by the page (page.tsx) and the Node side
 * (panelBench.ts, tests/browser/panel-leaks.test.ts). Everything crossing the boundary is JSON.
 */
import type { MeshVariation } from './syntheticMesh';

export interface GraphSize {
  /** Workload nodes (namespace boxes not counted). */
  nodes: number;
  boxes: number;
  edges: number;
}

export interface MountResult {
  /** Mount → data-status="ready" → two animation frames, ms. */
  ms: number;
  /** data-layout of the graph container (the layout actually used). */
  layout: string;
  status: string;
  nodeCount: number;
}

export interface PanResult {
  /** requestAnimationFrame intervals during the pan, ms (one viewport change per frame). */
  intervals: number[];
  /** Drag only: mouse release → two animation frames (the full redraw after a textured pan), ms. */
  releaseMs?: number;
}

export interface TimerCounts {
  /** requestAnimationFrame callbacks requested and neither run nor cancelled. */
  rafPending: number;
  /** requestAnimationFrame calls since the page loaded. */
  rafRequests: number;
  /** setInterval timers not cleared. */
  intervals: number;
  /** setTimeout timers neither fired nor cleared. */
  timeouts: number;
}

export interface DomCounts {
  /** Elements carrying a Cytoscape instance (`__cy`, the panel's test hook, or the baseline's). */
  cyContainers: number;
  canvases: number;
  elements: number;
}

export type PanKind = 'drag' | 'panBy';

export interface PanelBenchApi {
  /**
   * Builds the frames of a synthetic mesh (GraphModel → engine toFrames → toDataFrame) as the panel's next data;
   * boxes false: without the namespace boxes (to weigh what compound nodes cost).
   */
  prepare(workloads: number, variant?: number, boxes?: boolean): GraphSize;
  /** Renders the Meshgraph panel (TrafficPanel) with the prepared data; options merged over the panel defaults. */
  mountPanel(opts?: { width?: number; height?: number; options?: Record<string, unknown> }): Promise<MountResult>;
  /** Re-renders the mounted panel with new data objects (same ids, rates of `variant`); resolves after 2 frames. */
  refreshPanel(variant: number): Promise<void>;
  /**
   * Builds the frames of refreshPanel(variant) now, so that refresh times the panel alone; `variation`: health
   * kept as in variant 0, or workloads renamed (a topology change), see syntheticMesh.
   */
  stageRefresh(variant: number, variation?: MeshVariation): void;
  /** The edges the staged refresh should show (the panel's own element definitions, trafficRate labels). */
  stagedEdges(): Array<{ id: string; label: string; healthStatus: string }>;
  /** A mouse drag on the background for `frames` frames with refreshPanel(variant) started a quarter into it. */
  dragWhileRefreshing(frames: number, variant: number): Promise<PanResult>;
  resizePanel(width: number, height: number): Promise<void>;
  unmountPanel(): Promise<void>;
  /** Plain Cytoscape, grid layout, the same element definitions and labels, a plain stylesheet with boxes. */
  mountBaseline(opts?: { width?: number; height?: number }): Promise<MountResult>;
  unmountBaseline(): Promise<void>;
  /**
   * Pans the graph on screen for `frames` frames: 'drag' = a left-button mouse drag on the background (what a
   * user does; Cytoscape's viewport options apply), 'panBy' = cy.panBy() once per frame (programmatic).
   */
  pan(target: 'panel' | 'baseline', kind: PanKind, frames: number): Promise<PanResult>;
  /**
   * Dims the elements with these ids as the highlight does: 'drawing' through the panel's drawn dimming
   * (graph/drawnDimming.ts), 'style' with the stylesheet's dim class (Cytoscape's own opacity); 'none' clears both.
   */
  dim(ids: string[], by: 'drawing' | 'style' | 'none'): void;
  /** Applies an experimental renderer setting to the live instance (prototypes of possible fixes). */
  tweak(target: 'panel' | 'baseline', setting: string): void;
  dom(): DomCounts;
  /** Counters installed by installTimerCounters (instrument.ts); undefined when it was not installed. */
  timers(): TimerCounts | undefined;
  /** Waits for n animation frames. */
  frames(n: number): Promise<void>;
}
