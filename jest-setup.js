// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';
import { patchArrayVectorProrotypeMethods } from '@grafana/data';

// Run under the same Array.prototype Grafana patches at start-up (cytoscape once crashed on it).
patchArrayVectorProrotypeMethods();

// dagre (bundled by cytoscape-dagre) calls structuredClone, which jsdom lacks.
if (typeof globalThis.structuredClone !== 'function') {
  const v8 = require('node:v8');
  globalThis.structuredClone = (value) => v8.deserialize(v8.serialize(value));
}
