'use strict';
// FerretDB v1 (MongoDB wire protocol over SQLite) for the Mongo read-store tests and for running
// the distributed read side by hand on a machine without Docker. Node built-ins only, except the
// MongoDB driver that mongoose brings, for the `ping` that says the server is up.
//
// CommonJS so that Jest (which compiles tests to CommonJS) can require it as it is; ferretdb.mjs
// is the command line and re-exports this.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const { join, resolve } = require('node:path');

const VERSION = '1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';
const ROOT = resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 60_000;
const LOCK_TIMEOUT_MS = 20 * 60_000;

function paths(cacheDir = process.env.FERRETDB_CACHE_DIR || join(ROOT, '.cache', 'servers', `ferretdb-${VERSION}`)) {
  return {
    cacheDir,
    binary: join(cacheDir, 'bin', 'ferretdb'),
    go: join(cacheDir, 'go'),
    source: join(cacheDir, 'src'),
    dataDir: join(cacheDir, 'data'),
    stateDir: join(cacheDir, 'ferretdb-state'),
    stateFile: join(cacheDir, 'server.json'),
    lockFile: join(cacheDir, 'server.lock'),
    leaseDir: join(cacheDir, 'leases'),
    logFile: join(cacheDir, 'ferretdb.log'),
    buildLog: join(cacheDir, 'build.log'),
  };
}

function say(line) {
  process.stderr.write(`ferretdb: ${line}\n`);
}

function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function goEnv(p) {
  // Everything Go downloads or caches stays in the git-ignored cache folder.
  return {
    ...process.env,
    GOPATH: p.go,
    GOMODCACHE: join(p.go, 'pkg', 'mod'),
    GOCACHE: join(p.go, 'build-cache'),
    GOBIN: join(p.cacheDir, 'bin'),
    GOFLAGS: '-modcacherw -buildvcs=false',
  };
}

/** Runs go with its output in the build log, saying every 30 s that it is still at it (a first build takes minutes). */
function runGo(args, { cwd, env, logFile, what }) {
  return new Promise((resolveRun, reject) => {
    const log = fs.openSync(logFile, 'a');
    const child = spawn('go', args, { cwd, env, stdio: ['ignore', 'pipe', log] });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const started = Date.now();
    const ticker = setInterval(() => say(`still ${what} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
    const finish = () => {
      clearInterval(ticker);
      fs.closeSync(log);
    };
    child.on('error', (error) => {
      finish();
      reject(new Error(`cannot run go (${error.message}); install Go >= 1.24 or set MONGO_URL to a running server`));
    });
    child.on('close', (status) => {
      finish();
      fs.appendFileSync(logFile, stdout);
      resolveRun({ status, stdout });
    });
  });
}

/**
 * Builds the binary unless it is there. Not `go install …@v1.24.2`: that build's main module is
 * FerretDB itself without the `build/version/version.txt` its release process generates, and
 * such a binary panics at start ("Invalid build/version/version.txt"); `go install` also asks the
 * proxy for the module's version list (a deprecation check), which some networks refuse (403).
 * So: download exactly v1.24.2 (checked against the checksum database), write version.txt into
 * a copy, and build that copy.
 */
async function ensureBinary(p = paths()) {
  if (fs.existsSync(p.binary)) return p.binary;
  const started = Date.now();
  say(`building FerretDB v${VERSION} with Go into ${p.cacheDir} (5–10 minutes on a fresh 2-core machine: it downloads and compiles ~100 modules)`);
  fs.mkdirSync(p.cacheDir, { recursive: true });
  const env = goEnv(p);
  const download = await runGo(['mod', 'download', '-json', `${MODULE}@v${VERSION}`], { cwd: p.cacheDir, env, logFile: p.buildLog, what: 'downloading' });
  if (download.status !== 0) throw new Error(`go mod download failed:\n${tail(p.buildLog)}`);
  const moduleDir = JSON.parse(download.stdout).Dir;
  fs.rmSync(p.source, { recursive: true, force: true });
  fs.cpSync(moduleDir, p.source, { recursive: true });
  for (const entry of fs.readdirSync(p.source, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath ?? entry.path, entry.name);
    fs.chmodSync(full, entry.isDirectory() ? 0o755 : 0o644);
  }
  fs.chmodSync(p.source, 0o755);
  fs.writeFileSync(join(p.source, 'build', 'version', 'version.txt'), `v${VERSION}\n`);
  say('source downloaded; compiling (go build)…');
  const partial = `${p.binary}.${process.pid}.partial`;
  fs.mkdirSync(join(p.cacheDir, 'bin'), { recursive: true });
  const build = await runGo(['build', '-trimpath', '-o', partial, './cmd/ferretdb'], { cwd: p.source, env, logFile: p.buildLog, what: 'compiling' });
  if (build.status !== 0) throw new Error(`go build failed:\n${tail(p.buildLog)}`);
  // Renamed into place only once complete, so nobody ever starts a half-written binary.
  fs.renameSync(partial, p.binary);
  say(`built ${p.binary} in ${Math.round((Date.now() - started) / 1000)} s`);
  return p.binary;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Guards against a recycled pid: only a process whose command line is our binary is ever signalled. */
function isOurServer(state) {
  if (!state || !isAlive(state.pid)) return false;
  try {
    return fs.readFileSync(`/proc/${state.pid}/cmdline`, 'utf8').split('\0')[0] === state.binary;
  } catch {
    return process.platform !== 'linux';
  }
}

function readState(p = paths()) {
  try {
    return JSON.parse(fs.readFileSync(p.stateFile, 'utf8'));
  } catch {
    return null;
  }
}

function uriOf(state) {
  return `mongodb://127.0.0.1:${state.port}/`;
}

/** Answers whether a Mongo `ping` succeeds within the time given; the driver retries the connection itself meanwhile. */
async function ping(uri, timeoutMs) {
  const { mongo } = require('mongoose');
  const client = new mongo.MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, directConnection: true });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * One starter at a time per cache folder (Jest runs test files in parallel worker processes, and a
 * person may run `start` meanwhile): an O_EXCL lock file holding the owner's pid; a lock whose
 * owner died is taken over. Waiting is bounded (a first build takes minutes).
 */
async function withLock(p, action) {
  fs.mkdirSync(p.cacheDir, { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(p.lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const owner = Number(fs.readFileSync(p.lockFile, 'utf8') || 'NaN');
      if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
        fs.rmSync(p.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${p.lockFile} (held by pid ${owner})`);
      if (!announced) say(`waiting for pid ${owner}, which is building or starting FerretDB`);
      announced = true;
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
  try {
    return await action();
  } finally {
    fs.rmSync(p.lockFile, { force: true });
  }
}

async function startLocked(p, { port, owner }) {
  const running = readState(p);
  if (isOurServer(running) && (await ping(uriOf(running), 2_000))) return { state: running, reused: true };
  const binary = await ensureBinary(p);
  const listenPort = port ?? (await freePort());
  const debugPort = await freePort();
  fs.mkdirSync(p.dataDir, { recursive: true });
  fs.mkdirSync(p.stateDir, { recursive: true });
  const log = fs.openSync(p.logFile, 'a');
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${p.dataDir}/`,
    `--state-dir=${p.stateDir}`,
    `--listen-addr=127.0.0.1:${listenPort}`,
    `--debug-addr=127.0.0.1:${debugPort}`,
    '--telemetry=disable',
    '--log-level=warn',
  ];
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const state = { pid: child.pid, port: listenPort, debugPort, binary, owner, dataDir: p.dataDir, logFile: p.logFile, startedAt: new Date().toISOString() };
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  child.unref();
  say(`started pid ${child.pid} on 127.0.0.1:${listenPort} (SQLite files in ${p.dataDir}, log ${p.logFile}); waiting for ping`);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!exited && Date.now() < deadline) {
    if (await ping(uriOf(state), Math.min(2_000, deadline - Date.now()))) {
      fs.writeFileSync(p.stateFile, JSON.stringify(state, null, 2));
      say(`ready at ${uriOf(state)}`);
      return { state, reused: false };
    }
  }
  if (!exited) process.kill(child.pid, 'SIGKILL');
  throw new Error(`FerretDB did not answer ping ${exited ? `(it exited: ${JSON.stringify(exited)})` : `within ${START_TIMEOUT_MS / 1000} s`}; log tail:\n${tail(p.logFile)}`);
}

async function stopState(p, state) {
  if (isOurServer(state)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isAlive(state.pid) && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 50));
    if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
    say(`stopped pid ${state.pid}`);
  }
  fs.rmSync(p.stateFile, { force: true });
}

/** Starts FerretDB (building it first if needed), or finds the one already running. */
async function startFerretDb({ port, cacheDir } = {}) {
  const p = paths(cacheDir);
  const { state, reused } = await withLock(p, () => startLocked(p, { port, owner: 'cli' }));
  if (reused) say(`already running: pid ${state.pid} at ${uriOf(state)}`);
  return { uri: uriOf(state), ...state };
}

/** Stops the server recorded in the state file, and only that process. */
async function stopFerretDb({ cacheDir } = {}) {
  const p = paths(cacheDir);
  await withLock(p, async () => {
    const state = readState(p);
    if (!state) say('not running (no state file)');
    await stopState(p, state);
    fs.rmSync(p.leaseDir, { recursive: true, force: true });
  });
}

async function ferretDbStatus({ cacheDir } = {}) {
  const p = paths(cacheDir);
  const state = readState(p);
  const running = isOurServer(state) && (await ping(uriOf(state), 2_000));
  return { running, uri: state ? uriOf(state) : null, state, binaryBuilt: fs.existsSync(p.binary) };
}

function liveLeases(p) {
  if (!fs.existsSync(p.leaseDir)) return [];
  return fs.readdirSync(p.leaseDir).filter((lease) => {
    if (isAlive(Number(lease.split('-')[0]))) return true;
    fs.rmSync(join(p.leaseDir, lease), { force: true });
    return false;
  });
}

/**
 * For tests: a server to talk to, and `stop` to call when done. With MONGO_URL set, that server
 * is used and nothing is started. Otherwise a running FerretDB from the state file is reused, or
 * one is started. Every caller holds a lease (a file named by its pid); `stop` gives the lease up,
 * and the last holder stops a server the tests started. One started by hand (`start`) stays up.
 */
async function ensureFerretDb({ cacheDir } = {}) {
  if (process.env.MONGO_URL) return { uri: process.env.MONGO_URL, stop: async () => undefined };
  const p = paths(cacheDir);
  const lease = join(p.leaseDir, `${process.pid}-${randomBytes(4).toString('hex')}`);
  const { state } = await withLock(p, async () => {
    const started = await startLocked(p, { owner: 'tests' });
    fs.mkdirSync(p.leaseDir, { recursive: true });
    fs.writeFileSync(lease, '');
    return started;
  });
  let stopped = false;
  return {
    uri: uriOf(state),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await withLock(p, async () => {
        fs.rmSync(lease, { force: true });
        const current = readState(p);
        if (current?.owner === 'tests' && current.pid === state.pid && liveLeases(p).length === 0) await stopState(p, current);
      });
    },
  };
}

module.exports = { VERSION, paths, ensureBinary, startFerretDb, stopFerretDb, ferretDbStatus, ensureFerretDb };
