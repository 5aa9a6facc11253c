import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { RecordingLogger, Relay, silentLogger, type EventStore, type RecordedEvent } from '@pls/event-sourcing';
import { CommandSender, KafkaEventBus, MemoryCheckpointStore, NamespacedEventBus, SqliteEventStore, type ServiceAddress } from '@pls/infrastructure';
import { FileClock, SERVICE_NAMES, type ServiceName } from '@pls/platform-host';
import { DemoIssuer, type Caller } from '@pls/shared-api';
import { ManualClock } from '@pls/shared-kernel';
import type { EventMark, GraphQLResponse } from './test-platform';

const root = path.resolve(__dirname, '../../../..');
// The real servers' scripts (tools/servers): a broker and FerretDB fetched, built and started on demand.
const { ensureKafka } = require(path.join(root, 'tools/servers/kafka.cjs')) as typeof import('../../../../tools/servers/kafka.cjs');
const { ensureFerretDb } = require(path.join(root, 'tools/servers/ferretdb.cjs')) as typeof import('../../../../tools/servers/ferretdb.cjs');

/** Moves time in every process of the topology: the test's clock and the file they all read. */
class SharedClock extends ManualClock {
  constructor(
    start: string,
    private readonly file: string,
  ) {
    super(start);
    FileClock.write(file, this.now());
  }

  override set(to: Date | string): void {
    super.set(to);
    FileClock.write(this.file, this.now());
  }

  override advance(ms: number): void {
    super.advance(ms);
    FileClock.write(this.file, this.now());
  }
}

interface Child {
  readonly name: string;
  readonly main: string;
  process: ChildProcess;
  url: string;
}

/**
 * The distributed topology in separate processes on this machine: each service with its own SQLite
 * event store, Kafka between them, the projector into FerretDB (MongoDB protocol), the gateway in
 * front. The same e2e specs drive it through GraphQL as drive the embedded platform
 * (PLS_E2E_MODE=distributed). A test-owned store plays a back office that does not exist yet.
 */
export class DistributedTestPlatform {
  readonly logger = new RecordingLogger();
  private readonly nestLines: string[] = [];
  private readonly outputs = new Map<string, string>();

  private constructor(
    readonly url: string,
    readonly clock: SharedClock,
    private readonly children: Child[],
    private readonly sender: CommandSender,
    private readonly issuer: DemoIssuer,
    private readonly backOffice: { store: SqliteEventStore; relay: Relay; bus: NamespacedEventBus },
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
    /** Gives up this platform's hold on the servers: FerretDB's lease, and a broker of the test's own. */
    private readonly releaseServers: () => Promise<void>,
  ) {}

  /** `kafkaInstance`: a broker of this test's own (tools/servers/kafka.mjs instances), for tests that stop it. */
  static async start(options: { now?: string; env?: Record<string, string>; kafkaInstance?: { instance: string; port: number } } = {}): Promise<DistributedTestPlatform> {
    const [kafka, mongo] = await Promise.all([ensureKafka(options.kafkaInstance ?? {}), ensureFerretDb()]);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pls-distributed-'));
    const run = `t${randomBytes(4).toString('hex')}`;
    const clockFile = path.join(dataDir, 'clock');
    const clock = new SharedClock(options.now ?? '2026-03-02T01:00:00.000Z', clockFile);
    const token = randomBytes(24).toString('hex');
    const addresses = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (service) => [service, { host: '127.0.0.1', port: await freePort() }]))) as Record<ServiceName, ServiceAddress>;
    const env: Record<string, string> = {
      HOST: '127.0.0.1',
      PORT: '0',
      PLS_DATA_DIR: dataDir,
      PLS_LOG_FORMAT: 'json',
      PLS_LOG_LEVEL: 'info',
      PLS_KAFKA_BROKERS: kafka.brokers.join(','),
      PLS_TOPIC_NAMESPACE: run,
      PLS_KAFKA_PARTITIONS: '2',
      PLS_MONGO_URL: mongo.uri,
      PLS_MONGO_DATABASE: run,
      PLS_INTERNAL_TOKEN: token,
      PLS_TEST_CLOCK_FILE: clockFile,
      ...Object.fromEntries(SERVICE_NAMES.map((service) => [`PLS_${service.toUpperCase().replaceAll('-', '_')}_SERVICE`, `127.0.0.1:${addresses[service].port}`])),
      ...options.env,
    };
    const logger = new RecordingLogger();
    const sender = new CommandSender(addresses, { token, timeoutMs: 120_000, logger: silentLogger });
    const platform = { outputs: new Map<string, string>() };
    const children: Child[] = [];
    try {
      children.push(await spawnProcess('projector', 'apps/projector/src/main.ts', env, platform.outputs));
      children.push(...(await Promise.all(SERVICE_NAMES.map((service) => spawnProcess(`${service}-service`, `apps/${service}-service/src/main.ts`, env, platform.outputs)))));
      children.push(await spawnProcess('gateway', 'apps/gateway/src/main.ts', env, platform.outputs));
    } catch (error) {
      await Promise.all(children.map((child) => stopChild(child.process)));
      throw error;
    }
    const gateway = children.find((child) => child.name === 'gateway')!;
    const bus = new NamespacedEventBus(new KafkaEventBus({ clientId: `${run}-test-back-office`, brokers: kafka.brokers, defaultPartitions: 2 }), run);
    const store = SqliteEventStore.open(path.join(dataDir, 'test-back-office-events.sqlite'));
    const relay = new Relay({ name: 'test-back-office', store, bus, checkpoints: new MemoryCheckpointStore(), filter: {} });
    await relay.start();
    const distributed = new DistributedTestPlatform(`${gateway.url}/graphql`, clock, children, sender, await DemoIssuer.open(dataDir), { store, relay, bus }, dataDir, env, async () => {
      await mongo.stop();
      // The shared broker is released by the run's global teardown; one of the test's own stops here.
      if (options.kafkaInstance) await kafka.stop();
    });
    for (const [name, output] of platform.outputs) distributed.outputs.set(name, output);
    distributed.follow(logger);
    await distributed.whenCaughtUp();
    return distributed;
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  tokenFor(caller: Caller, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
    return this.issuer.issue(caller, { now: options.now ?? this.clock.now(), ...options });
  }

  /** A back office this test plays itself (notarization has no service yet): its events reach Kafka like a service's. */
  get store(): EventStore {
    return this.backOffice.store;
  }

  /** Every line the processes wrote that was not a JSON log record. */
  get nestLog(): readonly string[] {
    return this.nestLines;
  }

  /** Where every store stands now, to read what is appended after it with `eventsSince`. */
  async eventMark(): Promise<Record<string, number>> {
    return Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (service) => [service, (await this.sender.status(service)).headPosition] as const)));
  }

  /** Events the services appended after `mark`, read from their stores (SQLite allows a second reader). */
  async eventsSince(mark: EventMark): Promise<RecordedEvent[]> {
    if (typeof mark === 'number') throw new Error('an embedded mark given to the distributed topology');
    const events: RecordedEvent[] = [];
    for (const service of SERVICE_NAMES) {
      const store = SqliteEventStore.open(path.join(this.dataDir, `${service}-events.sqlite`));
      try {
        events.push(...(await store.readAll({ after: mark[service] ?? 0 })));
      } finally {
        await store.close();
      }
    }
    return events;
  }

  /** The services' heads summed (and the test back office's): unchanged means nothing was appended anywhere. */
  async eventCount(): Promise<number> {
    const heads = await Promise.all(SERVICE_NAMES.map(async (service) => (await this.sender.status(service)).headPosition));
    return heads.reduce((sum, head) => sum + head, 0) + (await this.backOffice.store.headPosition());
  }

  /**
   * Settles the whole topology: every service's relay has published, its reactors have handled what
   * reached them, and the projector has applied it — repeated until a round adds no event anywhere.
   */
  async whenCaughtUp(): Promise<number> {
    for (;;) {
      const before = await this.eventCount();
      await this.backOffice.relay.whenCaughtUp();
      for (const service of SERVICE_NAMES) await this.sender.status(service, { settle: true });
      const after = await this.eventCount();
      if (after === before) return after;
    }
  }

  /** Log records of every process so far, newest last. */
  private follow(logger: RecordingLogger): void {
    this.logger.entries.push(...logger.entries);
    for (const child of this.children) this.followChild(child);
    for (const output of this.outputs.values()) for (const line of output.split('\n')) this.record(line);
  }

  private followChild(child: Child): void {
    const pending = { text: '' };
    const onData = (chunk: Buffer): void => {
      pending.text += chunk.toString();
      const lines = pending.text.split('\n');
      pending.text = lines.pop() ?? '';
      for (const line of lines) this.record(line);
    };
    child.process.stdout?.on('data', onData);
    child.process.stderr?.on('data', onData);
  }

  private record(line: string): void {
    if (!line.trim()) return;
    try {
      const { level, msg, time: _time, service: _service, ...context } = JSON.parse(line) as Record<string, unknown>;
      if (typeof msg === 'string' && typeof level === 'string') {
        this.logger.entries.push({ level: level as 'info', message: msg, context });
        return;
      }
    } catch {
      // not a log record
    }
    this.nestLines.push(line);
  }

  /** Stops one process the way an orchestrator or a crash would, for the fault tests. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await stopChild(this.child(name).process, signal);
  }

  /** Starts a stopped process again with the same settings and data, as an orchestrator would. */
  async restart(name: string): Promise<void> {
    const child = this.child(name);
    const outputs = new Map<string, string>();
    const started = await spawnProcess(name, child.main, this.env, outputs);
    child.process = started.process;
    child.url = started.url;
    for (const line of (outputs.get(name) ?? '').split('\n')) this.record(line);
    this.followChild(child);
  }

  /** The bus the test's own back office publishes on: fault tests put duplicates and poison on it. */
  get bus(): NamespacedEventBus {
    return this.backOffice.bus;
  }

  private child(name: string): Child {
    const child = this.children.find((candidate) => candidate.name === name);
    if (!child) throw new Error(`no process ${name}`);
    return child;
  }

  async close(): Promise<void> {
    await this.backOffice.relay.stop();
    await this.backOffice.bus.close();
    await this.backOffice.store.close();
    await this.sender.close();
    await Promise.all(this.children.map((child) => stopChild(child.process)));
    rmSync(this.dataDir, { recursive: true, force: true });
    await this.releaseServers();
  }
}

async function spawnProcess(name: string, main: string, env: Record<string, string>, outputs: Map<string, string>): Promise<Child> {
  // `npm run test:distributed` builds first and runs the compiled processes, as production does;
  // a single spec run by hand compiles the sources on the fly.
  const entry = process.env['PLS_E2E_ENTRY'] === 'dist' ? [path.join(root, 'dist', main.replace(/\.ts$/, '.js'))] : ['-r', path.join(root, 'tools/ts-register.cjs'), path.join(root, main)];
  const child = spawn(process.execPath, entry, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /"message":"[^"]* listening","url":"(http:\/\/[^"]+)"/.exec(output);
      if (match) resolve(match[1]!.replace('[::1]', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`${name} exited before listening (code ${code}, signal ${signal}):\n${output}`)));
  });
  outputs.set(name, output);
  return { name, main, process: child, url };
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
