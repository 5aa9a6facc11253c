#!/usr/bin/env node
// The only entry point a new user needs: `npm start` / `npm test` / `npm run build`.
// Node built-ins only, because it runs before anything is installed. It installs when
// node_modules is missing or older than package.json / package-lock.json, builds, then runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.pls-install-stamp');
const [command = 'start', ...rest] = process.argv.slice(2);

function requireNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  // Nest 12 is ESM-only; CommonJS builds load it through require(esm), stable from Node 20.19.
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`PLS needs Node >= 20.19 (this is ${process.versions.node}).`);
    process.exit(1);
  }
}

function manifestDigest() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) {
    const path = join(root, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  hash.update(process.versions.modules); // a different Node ABI needs native modules rebuilt
  return hash.digest('hex');
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// Native modules compile against the headers of the Node that runs them (a second Node, such as
// the Node 24 CI run, must not pick up a machine-wide `nodedir` of another version).
function nativeBuildEnv() {
  const prefix = dirname(dirname(process.execPath));
  const headers = join(prefix, 'include', 'node', 'node.h');
  const nodeBin = dirname(process.execPath);
  const env = { ...process.env, PATH: `${nodeBin}${process.platform === 'win32' ? ';' : ':'}${process.env.PATH ?? ''}` };
  if (existsSync(headers)) env.npm_config_nodedir = prefix;
  return env;
}

// The SQLite build this Node uses (see libs/shared/infrastructure/src/sqlite/sqlite-driver.ts):
// 12.x, compiled for the running ABI, before Node 22; 13.x (N-API, prebuilt) from Node 22 on.
const sqliteDriver = Number(process.versions.node.split('.')[0]) >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';

function nativeModulesLoad() {
  const probe = spawnSync(process.execPath, ['-e', `new (require('${sqliteDriver}'))(':memory:').close()`], { cwd: root, stdio: 'pipe' });
  return probe.status === 0;
}

function ensureInstalled() {
  const digest = manifestDigest();
  const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (stamp === digest && nativeModulesLoad()) return;
  console.log('[pls] installing dependencies (first run or package.json changed)…');
  // `npm install`, not `npm ci`: a lockfile made on one platform lacks other platforms' optional
  // @swc/core binaries, which `npm ci` refuses (see shared/TOOLCHAIN.md).
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['install', '--no-audit', '--no-fund'], { env: nativeBuildEnv() }) !== 0) {
    console.error('[pls] npm install failed; see the output above.');
    process.exit(1);
  }
  if (!nativeModulesLoad()) {
    console.log(`[pls] ${sqliteDriver} does not load on this Node; rebuilding it from source…`);
    if (run(npm, ['rebuild', sqliteDriver], { env: nativeBuildEnv() }) !== 0 || !nativeModulesLoad()) {
      console.error('[pls] better-sqlite3 could not be built; a C++ toolchain (make, g++, python3) is needed.');
      process.exit(1);
    }
  }
  writeFileSync(stampFile, `${digest}\n`);
}

async function build() {
  const { buildAll } = await import('./build.mjs');
  await buildAll({ quiet: command === 'test' });
}

requireNode();
ensureInstalled();
switch (command) {
  case 'install':
    break;
  case 'build':
    await build();
    break;
  case 'start': {
    await build();
    const require = createRequire(import.meta.url);
    require(join(root, 'dist/apps/platform/src/main.js'));
    break;
  }
  case 'test': {
    const { refreshProjectGraph } = await import('./project-graph.mjs');
    refreshProjectGraph();
    const jest = join(root, 'node_modules/jest/bin/jest.js');
    // Tests run in UTC unless told otherwise: the code must pin Asia/Shanghai itself, never rely on
    // the machine's zone (a Shanghai-zoned CI would hide that bug).
    process.exit(run(process.execPath, [jest, ...rest], { env: { TZ: 'UTC', ...process.env, NX_DAEMON: 'false' } }));
    break;
  }
  default:
    console.error(`unknown command ${command}: use start, test, build or install`);
    process.exit(2);
}
