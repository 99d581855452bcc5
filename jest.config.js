// Keep time formatting deterministic whatever the machine's zone.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

const swc = base.transform['^.+\\.(t|j)sx?$'];

/** Unit tests: beside the code under src/ (jsdom), plus the simulator's (node). */
module.exports = {
  ...base,
  // d3-color and cytoscape-dagre ship .mjs files; transform them like the rest.
  transform: { ...base.transform, '^.+\\.mjs$': swc, '^.+\\.proto$': '<rootDir>/scripts/lib/jestTextTransform.cjs' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json', 'proto'],
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@prometheus-io/lezer-promql', '@lezer'])],
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/simulator/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/build/'],
};
