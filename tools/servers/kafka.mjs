#!/usr/bin/env node
// A real single-node Apache Kafka broker (KRaft) without Docker: the broker jars come from Maven
// Central, run on the machine's Java. Usable as a CLI and as a module (tests call ensureKafka()).
//
//   node tools/servers/kafka.mjs start|stop|status|fetch|ensure|release [--port N] [--lease PID]
//
// KAFKA_BROKERS=host:port[,host:port] points everything at an external broker instead; nothing is
// fetched, started or stopped then.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KAFKA_VERSION = process.env.KAFKA_VERSION ?? '3.9.1';
const SCALA_VERSION = '2.13';
const DEFAULT_PORT = 19092;
const START_TIMEOUT_MS = Number(process.env.KAFKA_START_TIMEOUT_MS ?? 120_000);
const STOP_TIMEOUT_MS = 30_000;
const LOCK_TIMEOUT_MS = Number(process.env.KAFKA_LOCK_TIMEOUT_MS ?? 15 * 60_000);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const serversDir = path.join(repoRoot, '.cache', 'servers');
/** A second broker beside the shared one (e.g. for a test that stops it): its own data dir, state and lock. */
const INSTANCE = process.env.KAFKA_INSTANCE?.trim() || '';
if (INSTANCE && !/^[a-z0-9-]+$/.test(INSTANCE)) throw new Error(`kafka: KAFKA_INSTANCE is [a-z0-9-], got ${JSON.stringify(INSTANCE)}`);
const runDir = path.join(serversDir, INSTANCE ? `kafka-run-${INSTANCE}` : 'kafka-run');
export const paths = {
  dist: path.join(serversDir, `kafka-${KAFKA_VERSION}`),
  libs: path.join(serversDir, `kafka-${KAFKA_VERSION}`, 'libs'),
  fetched: path.join(serversDir, `kafka-${KAFKA_VERSION}`, '.fetched'),
  fetchLock: path.join(serversDir, `kafka-${KAFKA_VERSION}.lock`),
  run: runDir,
  data: path.join(runDir, 'data'),
  config: path.join(runDir, 'server.properties'),
  log4j: path.join(runDir, 'log4j.properties'),
  log: path.join(runDir, 'kafka.log'),
  state: path.join(runDir, 'state.json'),
  lock: path.join(runDir, 'lock'),
  leases: path.join(runDir, 'leases'),
};

const progress = (line) => process.stderr.write(`[kafka] ${line}\n`);

/** Brokers from KAFKA_BROKERS, or null when this machine runs its own. */
export function externalBrokers() {
  const value = process.env.KAFKA_BROKERS?.trim();
  if (!value) return null;
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

export function readState() {
  try {
    return JSON.parse(fs.readFileSync(paths.state, 'utf8'));
  } catch {
    return null;
  }
}

function writeState(state) {
  fs.mkdirSync(paths.run, { recursive: true });
  const temp = `${paths.state}.${process.pid}`;
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temp, paths.state);
}

/** True if pid is alive and is our broker, so a recycled pid of some other program is never signalled. */
function isOurBroker(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') && cmdline.includes(paths.config);
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function pomFor(version) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>pls.tools</groupId>
  <artifactId>kafka-broker-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_${SCALA_VERSION}</artifactId><version>${version}</version></dependency>
    <!-- The broker logs through SLF4J; without a binding it would be silent, and start-up failures unexplained. -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
    <dependency><groupId>ch.qos.reload4j</groupId><artifactId>reload4j</artifactId><version>1.2.25</version></dependency>
  </dependencies>
</project>
`;
}

/** Downloads the broker and its runtime dependencies once; a machine that has them does nothing. */
export async function fetchKafka() {
  if (fs.existsSync(paths.fetched)) return;
  await withLock(paths.fetchLock, async () => {
    if (!fs.existsSync(paths.fetched)) await fetchUnlocked();
  });
}

async function fetchUnlocked() {
  const mvn = process.env.MVN ?? 'mvn';
  fs.mkdirSync(paths.dist, { recursive: true });
  fs.writeFileSync(path.join(paths.dist, 'pom.xml'), pomFor(KAFKA_VERSION));
  fs.rmSync(paths.libs, { recursive: true, force: true });
  progress(`fetching Apache Kafka ${KAFKA_VERSION} (kafka_${SCALA_VERSION}) and its dependencies from Maven Central into ${path.relative(repoRoot, paths.dist)} — about a minute on a fresh machine`);
  const started = Date.now();
  const child = spawn(
    mvn,
    ['-q', '-B', '-Dstyle.color=never', '-f', path.join(paths.dist, 'pom.xml'), 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${paths.libs}`],
    // All of Maven's output goes to stderr: stdout carries the CLI's answer (brokers, JSON) to callers.
    { stdio: ['ignore', 2, 2] },
  );
  // Maven is quiet (-q) so CI logs stay readable; a heartbeat shows the fetch is alive, not hung.
  const heartbeat = setInterval(() => progress(`still fetching (${Math.round((Date.now() - started) / 1000)} s)…`), 15_000);
  const exit = await new Promise((resolve) => {
    child.on('error', (error) => resolve({ error }));
    child.on('exit', (code) => resolve({ code }));
  }).finally(() => clearInterval(heartbeat));
  if (exit.error) throw new Error(`kafka: could not run ${mvn} (${exit.error.message}); install Maven or set KAFKA_BROKERS to use an external broker`);
  if (exit.code !== 0) throw new Error(`kafka: ${mvn} dependency:copy-dependencies failed with exit code ${exit.code} (output above)`);
  const jars = fs.readdirSync(paths.libs).filter((name) => name.endsWith('.jar'));
  if (!jars.some((name) => name.startsWith(`kafka_${SCALA_VERSION}-`))) throw new Error(`kafka: Maven finished but ${paths.libs} holds no kafka_${SCALA_VERSION} jar`);
  fs.writeFileSync(paths.fetched, `${new Date().toISOString()} ${jars.length} jars\n`);
  progress(`fetched ${jars.length} jars in ${Math.round((Date.now() - started) / 1000)} s`);
}

function writeConfig(port) {
  const controllerPort = port + 1;
  fs.mkdirSync(paths.run, { recursive: true });
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': paths.data,
    'num.partitions': '3',
    'offsets.topic.replication.factor': '1',
    // Few partitions: a fresh broker creates and loads the offsets topic in a moment.
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'min.insync.replicas': '1',
    'default.replication.factor': '1',
    // Tests create groups by the hundred; the default 3 s delay would be paid by every one of them.
    'group.initial.rebalance.delay.ms': '0',
    // The adapter creates topics with an explicit partition count; a typo must not create a topic.
    'auto.create.topics.enable': 'false',
    'delete.topic.enable': 'true',
    'log.retention.hours': '168',
    'log.segment.bytes': String(64 * 1024 * 1024),
  };
  fs.writeFileSync(paths.config, `${Object.entries(settings).map(([key, value]) => `${key}=${value}`).join('\n')}\n`);
  fs.writeFileSync(
    paths.log4j,
    [
      'log4j.rootLogger=INFO, file',
      'log4j.appender.file=org.apache.log4j.FileAppender',
      `log4j.appender.file.File=${paths.log}`,
      'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka=INFO',
      'log4j.logger.org.apache.kafka=INFO',
      'log4j.logger.state.change.logger=WARN',
      'log4j.logger.kafka.request.logger=WARN',
      '',
    ].join('\n'),
  );
}

function java(mainClass, args, options) {
  return [
    process.env.JAVA ?? 'java',
    ['-Xms128m', '-Xmx512m', '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${paths.log4j}`, '-cp', `${paths.libs}/*`, mainClass, ...args],
    options,
  ];
}

function formatStorage() {
  if (fs.existsSync(path.join(paths.data, 'meta.properties'))) return;
  const clusterId = randomBytes(16).toString('base64url');
  progress(`formatting KRaft storage in ${path.relative(repoRoot, paths.data)} (cluster ${clusterId})`);
  const [command, args] = java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', paths.config, '--ignore-formatted']);
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kafka: formatting storage failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

function logTail(lines = 40) {
  try {
    return fs.readFileSync(paths.log, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log yet)';
  }
}

function int16(value) {
  const buffer = Buffer.alloc(2);
  buffer.writeInt16BE(value);
  return buffer;
}
function int32(value) {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}

/** One request over raw TCP; resolves to the response body after the correlation id, or null. */
function kafkaRequest(host, port, apiKey, apiVersion, body, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const clientId = Buffer.from('pls-probe');
    const request = Buffer.concat([int16(apiKey), int16(apiVersion), int32(7), int16(clientId.length), clientId, body]);
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const finish = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.on('error', () => finish(null));
    socket.on('connect', () => socket.write(Buffer.concat([int32(request.length), request])));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4 || received.length < 4 + received.readInt32BE(0)) return;
      finish(received.readInt32BE(4) === 7 ? received.subarray(8) : null);
    });
    socket.on('close', () => finish(null));
  });
}

/**
 * Ready means more than an open port: Metadata v0 lists this broker among the live ones (it
 * registered with the KRaft controller), and FindCoordinator v0 finds a group coordinator (the
 * offsets topic exists and is led), so the first consumer group does not meet "coordinator loading".
 */
export async function probeBroker(host, port, timeoutMs = 2_000) {
  const metadata = await kafkaRequest(host, port, 3, 0, int32(0), timeoutMs);
  if (!metadata || metadata.readInt32BE(0) < 1) return false;
  const group = Buffer.from('pls-probe');
  const coordinator = await kafkaRequest(host, port, 10, 0, Buffer.concat([int16(group.length), group]), timeoutMs);
  return coordinator !== null && coordinator.readInt16BE(0) === 0;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port }, () => server.close(() => resolve(true)));
  });
}

async function waitUntil(check, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}

function portOption(options) {
  const port = options.port ?? readState()?.port ?? (process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`kafka: --port must be an integer 1–65534, got ${options.port}`);
  return port;
}

/** Status of the locally managed broker: running (and answering) or not. */
export async function kafkaStatus() {
  const state = readState();
  if (!state?.pid || !isOurBroker(state.pid)) return { running: false, state };
  return { running: true, answering: await probeBroker('127.0.0.1', state.port), state };
}

/**
 * Starts the broker detached, keeping the data dir and port of an earlier run (so a fault test can
 * stop and restart it), and waits until it is ready (see probeBroker).
 */
export function startKafka(options = {}) {
  return withLock(paths.lock, () => startUnlocked(options));
}

async function startUnlocked(options) {
  const current = await kafkaStatus();
  if (current.running) {
    if (current.answering || (await waitUntil(() => probeBroker('127.0.0.1', current.state.port), START_TIMEOUT_MS))) return { brokers: [`127.0.0.1:${current.state.port}`], pid: current.state.pid };
    throw new Error(`kafka: broker pid ${current.state.pid} runs but does not answer on ${current.state.port}. Log tail:\n${logTail()}`);
  }
  const port = portOption(options);
  // A restart keeps who started the broker, so a test-started broker is still stopped after the tests.
  const owner = options.owner ?? readState()?.owner ?? 'cli';
  await fetchKafka();
  for (const candidate of [port, port + 1]) {
    if (!(await portIsFree(candidate))) throw new Error(`kafka: port ${candidate} on 127.0.0.1 is taken by another program; pick another with --port or KAFKA_PORT`);
  }
  writeConfig(port);
  formatStorage();
  fs.appendFileSync(paths.log, `\n---- starting kafka ${KAFKA_VERSION} on 127.0.0.1:${port} at ${new Date().toISOString()} ----\n`);
  const out = fs.openSync(paths.log, 'a');
  const [command, args] = java('kafka.Kafka', [paths.config]);
  const child = spawn(command, args, { cwd: paths.run, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exitCode = null;
  child.on('exit', (code, signal) => {
    exitCode = code ?? signal;
  });
  child.unref();
  writeState({ pid: child.pid, port, controllerPort: port + 1, version: KAFKA_VERSION, startedAt: new Date().toISOString(), owner });
  progress(`started broker pid ${child.pid} on 127.0.0.1:${port}; log ${path.relative(repoRoot, paths.log)}`);
  const ready = await waitUntil(async () => exitCode !== null || (await probeBroker('127.0.0.1', port)), START_TIMEOUT_MS);
  if (exitCode !== null || !ready) {
    const reason = exitCode !== null ? `exited (${exitCode})` : `was not ready (metadata and group coordinator) within ${START_TIMEOUT_MS / 1000} s`;
    if (exitCode === null) await stopKafka();
    throw new Error(`kafka: broker ${reason}. Log tail (${paths.log}):\n${logTail()}`);
  }
  progress(`broker ready on 127.0.0.1:${port}`);
  return { brokers: [`127.0.0.1:${port}`], pid: child.pid };
}

/** Stops the recorded broker — that pid only — with SIGTERM, then SIGKILL after a bounded wait. Keeps data and port. */
export async function stopKafka() {
  const state = readState();
  if (!state?.pid || !isOurBroker(state.pid)) {
    if (state?.pid) writeState({ ...state, pid: null });
    return false;
  }
  const { pid } = state;
  process.kill(pid, 'SIGTERM');
  if (!(await waitUntil(() => !isOurBroker(pid), STOP_TIMEOUT_MS))) {
    progress(`broker pid ${pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s; sending SIGKILL`);
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !isOurBroker(pid), STOP_TIMEOUT_MS);
  }
  writeState({ ...state, pid: null, stoppedAt: new Date().toISOString() });
  progress(`stopped broker pid ${pid}`);
  return true;
}

/**
 * Serializes start-ups (and the fetch) across processes. Jest runs test files in parallel workers, and
 * two brokers on one data dir would corrupt it: whoever creates the lock file (O_EXCL) starts the
 * broker, the others wait and then find it running. A lock left by a dead process is taken over.
 * A lock file rather than a Jest globalSetup because the CLI, the lead's process tests and any other
 * script need the same guarantee, and a unit-test-only run should not pay for a broker.
 */
async function withLock(lockPath, action) {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, { encoding: 'utf8', flag: 'a+' }));
      // An empty file is a holder between open and write: wait for it like for a live one.
      if (holder > 0 && !isAlive(holder)) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`kafka: waited ${LOCK_TIMEOUT_MS / 1000} s for process ${holder} holding ${lockPath}`);
      if (!announced) progress(`waiting for process ${holder}, which is fetching or starting the broker`);
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await action();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * For tests: the external broker of KAFKA_BROKERS, else the running local broker, else a new one
 * (fetched first if needed). The broker outlives the caller so the next test file reuses it; `stop`
 * stops it explicitly (a no-op for an external broker).
 *
 * `lease` (a pid, normally the Jest main process) records who uses the broker, so that
 * releaseKafka() at the end of a test run stops a broker the tests started only when no other live
 * run still holds it. A broker started by hand (`start`) is never stopped by a release.
 */
export async function ensureKafka(options = {}) {
  const external = externalBrokers();
  if (external) return { brokers: external, external: true, stop: async () => undefined };
  if (options.lease) {
    fs.mkdirSync(paths.leases, { recursive: true });
    fs.writeFileSync(path.join(paths.leases, String(options.lease)), new Date().toISOString());
  }
  const state = readState();
  if (state?.pid && isOurBroker(state.pid) && (await probeBroker('127.0.0.1', state.port))) {
    return { brokers: [`127.0.0.1:${state.port}`], external: false, stop: () => stopKafka() };
  }
  const { brokers } = await startKafka({ owner: 'test', port: options.port });
  return { brokers, external: false, stop: () => stopKafka() };
}

/** Drops a lease; stops the broker if tests started it and no other live process holds a lease. */
export async function releaseKafka(lease) {
  if (externalBrokers()) return false;
  fs.rmSync(path.join(paths.leases, String(lease)), { force: true });
  const others = fs.existsSync(paths.leases) ? fs.readdirSync(paths.leases).filter((holder) => isAlive(Number(holder))) : [];
  if (others.length > 0 || readState()?.owner !== 'test') return false;
  return stopKafka();
}

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--port') options.port = Number(rest[++i]);
    else if (rest[i] === '--lease') options.lease = Number(rest[++i]);
    else if (rest[i].startsWith('--port=')) options.port = Number(rest[i].slice('--port='.length));
    else throw new Error(`kafka: unknown argument ${rest[i]}`);
  }
  return { command, options };
}

async function main(argv) {
  const { command, options } = parseArgs(argv);
  if (externalBrokers() && command !== 'status' && command !== 'ensure') {
    progress(`KAFKA_BROKERS=${process.env.KAFKA_BROKERS} is set: using that broker, not managing a local one`);
    return 0;
  }
  switch (command) {
    case 'fetch':
      await fetchKafka();
      return 0;
    case 'ensure': {
      const { brokers, external } = await ensureKafka(options);
      process.stdout.write(`${JSON.stringify({ brokers, external })}\n`);
      return 0;
    }
    case 'start': {
      const { brokers } = await startKafka(options);
      process.stdout.write(`${brokers.join(',')}\n`);
      return 0;
    }
    case 'release':
      if (!Number.isInteger(options.lease)) throw new Error('kafka: release needs --lease <pid>');
      await releaseKafka(options.lease);
      return 0;
    case 'stop':
      if (!(await stopKafka())) progress('no broker running');
      return 0;
    case 'status': {
      const external = externalBrokers();
      if (external) {
        const [host, port] = external[0].split(':');
        const answering = await probeBroker(host, Number(port));
        process.stdout.write(`external ${external.join(',')} ${answering ? 'answering' : 'NOT answering'}\n`);
        return answering ? 0 : 1;
      }
      const status = await kafkaStatus();
      if (!status.running) {
        process.stdout.write('stopped\n');
        return 3;
      }
      process.stdout.write(`running pid ${status.state.pid} on 127.0.0.1:${status.state.port} ${status.answering ? 'answering' : 'NOT answering'}\n`);
      return status.answering ? 0 : 1;
    }
    default:
      process.stderr.write('usage: node tools/servers/kafka.mjs start|stop|status|fetch|ensure|release [--port N] [--lease PID]\n');
      return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
