/**
 * The engine functions the bench times, bundled by scripts/build-node.mjs into build/bench/engine.cjs the way the
 * CLI and the plugin ship (one esbuild or webpack bundle). The bench loads that bundle rather than the sources
 * through tsx: tsx's per-file transform measured 10–25 % slower on the same code, which users never run.
 */
export { buildGraph, PrometheusClient, toFrames } from '../src/engine';
export { fetchTransport } from '../src/engine/client/transport';
export { trafficVisitor } from '../src/engine/fold/foldTraffic';
export { TrafficMap } from '../src/engine/fold/trafficMap';
export { graphWireFrames } from '../src/backend/frames/graphFrames';
export { encodeFrame } from '../src/backend/frames/arrowFrame';
export { applyRollup } from '../src/engine/rollup/rollup';
