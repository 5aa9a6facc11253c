// `npm test` runs unit, int and e2e in one Jest process; `--selectProjects unit|int|e2e` picks one.
// `npm run test:distributed` (PLS_E2E_MODE=distributed) runs the e2e specs on the distributed topology
// and adds the `distributed` project: fault tests that stop brokers and kill services, run one file at
// a time so that they never share two cores with the rest of the suite.
const preset = require('./jest.preset.cjs');

const roots = ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'];
// Stops a Kafka broker these tests started, once no other live test run holds it (tools/servers/README.md).
// On every project as well as the root: with one project selected (`--selectProjects e2e`), Jest runs
// that project's config alone and the root's teardown never runs. Releasing twice is harmless.
const globalTeardown = '<rootDir>/tools/servers/jest-global-teardown.cjs';
const project = (displayName, suffix, extra = {}) => ({
  ...preset,
  displayName,
  rootDir: __dirname,
  roots,
  testMatch: [`**/*.${suffix}.spec.ts`],
  globalTeardown,
  ...extra,
});

module.exports = {
  projects: [
    project('unit', 'unit'),
    project('int', 'int', { slowTestThreshold: 30 }),
    project('e2e', 'e2e', { slowTestThreshold: 60 }),
    ...(process.env.PLS_E2E_MODE === 'distributed' ? [project('distributed', 'distributed', { slowTestThreshold: 120 })] : []),
  ],
  testTimeout: 60_000,
  globalTeardown,
};
