// Grafana's scaffolding setup and @grafana/data need a browser-like environment; the backend's tests run in
// Node (`@jest-environment node`) and get none of it.
if (typeof window !== 'undefined') {
  require('./.config/jest-setup');
  // Run under the same Array.prototype Grafana patches at start-up (cytoscape once crashed on it).
  require('@grafana/data').patchArrayVectorProrotypeMethods();
}

// dagre (bundled by cytoscape-dagre) calls structuredClone, which jsdom lacks.
if (typeof globalThis.structuredClone !== 'function') {
  const v8 = require('node:v8');
  globalThis.structuredClone = (value) => v8.deserialize(v8.serialize(value));
}
