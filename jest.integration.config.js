// Integration and browser tests: real Prometheus, the CLI, the built dist/ in Chromium. Node environment,
// one file at a time (servers and a browser per file on a 2-core machine).
process.env.TZ = 'UTC';

const unit = require('./jest.config');

module.exports = {
  transform: unit.transform,
  moduleFileExtensions: unit.moduleFileExtensions,
  transformIgnorePatterns: unit.transformIgnorePatterns,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 180000,
  maxWorkers: 1,
};
