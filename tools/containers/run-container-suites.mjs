// `npm run test:containers`: the testcontainers suites alone, one file at a time (each starts its
// own server). Unlike `npm test`, a missing container engine fails the run instead of skipping.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const jest = join(root, 'node_modules/jest/bin/jest.js');
const suites = 'libs/shared/infrastructure/src/containers';

const result = spawnSync(process.execPath, [jest, suites, '--selectProjects', 'int', '--runInBand', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { TZ: 'UTC', ...process.env, PLS_REQUIRE_CONTAINERS: '1' },
});
process.exit(result.status ?? 1);
