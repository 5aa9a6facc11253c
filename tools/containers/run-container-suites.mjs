// `npm run test:containers`: the testcontainers suites alone, one file at a time (each starts its
// own server). Unlike `npm test`, a missing container engine fails the run instead of skipping.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const jest = join(root, 'node_modules/jest/bin/jest.js');
const suites = 'libs/shared/infrastructure/src/containers';

// `npm run test:containers -- kurrentdb` narrows to the matching files of this folder; flags go to Jest.
const args = process.argv.slice(2);
const names = args.filter((arg) => !arg.startsWith('-'));
const flags = args.filter((arg) => arg.startsWith('-'));
const patterns = names.length > 0 ? names.map((name) => `${suites}/.*${name}`) : [suites];

const result = spawnSync(process.execPath, [jest, ...patterns, '--selectProjects', 'int', '--runInBand', ...flags], {
  cwd: root,
  stdio: 'inherit',
  env: { TZ: 'UTC', ...process.env, PLS_REQUIRE_CONTAINERS: '1' },
});
process.exit(result.status ?? 1);
