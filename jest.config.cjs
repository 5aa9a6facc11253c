// `npm test` runs these three projects in one Jest process; `--selectProjects unit|int|e2e` picks one.
const preset = require('./jest.preset.cjs');

const roots = ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'];
const project = (displayName, suffix, extra = {}) => ({
  ...preset,
  displayName,
  rootDir: __dirname,
  roots,
  testMatch: [`**/*.${suffix}.spec.ts`],
  ...extra,
});

module.exports = {
  projects: [
    project('unit', 'unit'),
    project('int', 'int', { slowTestThreshold: 30 }),
    project('e2e', 'e2e', { slowTestThreshold: 60 }),
  ],
  testTimeout: 60_000,
  // Stops a Kafka broker these tests started, once no other live test run holds it (tools/servers/README.md).
  globalTeardown: '<rootDir>/tools/servers/jest-global-teardown.cjs',
};
