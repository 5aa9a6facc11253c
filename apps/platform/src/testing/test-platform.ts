import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, RecordingLogger, type EventStore, type RecordedEvent } from '@pls/event-sourcing';
import { InProcessEventBus, MemoryCheckpointStore, MemoryReadStore, PlatformRuntime, SqliteEventStore } from '@pls/infrastructure';
import { DEMO_ISSUER_TOKEN, type Caller, type DemoIssuer } from '@pls/shared-api';
import { ManualClock } from '@pls/shared-kernel';
import { loadConfig, type PlatformConfig } from '../config';
import { PlatformModule } from '../platform.module';
import { createHttpAdapter } from '../http-edge';

/** Nest's own log lines, kept so tests can check them (errors still reach the console). */
class RecordingNestLogger extends ConsoleLogger {
  readonly lines: string[] = [];

  override log(message: unknown, ...rest: unknown[]): void {
    this.lines.push(JSON.stringify([message, ...rest]));
  }
  override warn(message: unknown, ...rest: unknown[]): void {
    this.lines.push(JSON.stringify([message, ...rest]));
  }
  override debug(message: unknown, ...rest: unknown[]): void {
    this.lines.push(JSON.stringify([message, ...rest]));
  }
  override verbose(message: unknown, ...rest: unknown[]): void {
    this.lines.push(JSON.stringify([message, ...rest]));
  }
  override error(message: unknown, ...rest: unknown[]): void {
    this.lines.push(JSON.stringify([message, ...rest]));
    super.error(message, ...rest);
  }
}

/** One store's head (embedded) or each service's (distributed). */
export type EventMark = number | Readonly<Record<string, number>>;

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: { code?: string; reason?: string; [key: string]: unknown } }[];
}

/**
 * The whole embedded platform in the test process, on a temporary data directory, with a clock the
 * test moves. GraphQL goes over real HTTP, exactly as a client sends it.
 */
export class TestPlatform {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly clock: ManualClock,
    readonly logger: RecordingLogger,
    private readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly nestLogger: RecordingNestLogger,
  ) {}

  /** Every line Nest itself logged (bootstrap, exceptions it caught). */
  get nestLog(): readonly string[] {
    return this.nestLogger.lines;
  }

  static async start(options: { now?: string; env?: Record<string, string>; dataDir?: string } = {}): Promise<TestPlatform> {
    if (process.env['PLS_E2E_MODE'] === 'distributed' && options.dataDir === undefined && options.env?.['NODE_ENV'] !== 'production') {
      // The same specs against one process per service, Kafka and FerretDB (`npm run test:distributed`).
      // It offers everything a spec uses except `app`, which only exists in one process. Restarts on
      // a kept data directory and production settings (no test clock there) stay embedded.
      const { DistributedTestPlatform } = await import('./distributed-test-platform');
      return (await DistributedTestPlatform.start(options)) as unknown as TestPlatform;
    }
    const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'pls-test-'));
    const config: PlatformConfig = loadConfig({ PORT: '0', PLS_DATA_DIR: dataDir, PLS_LOG_LEVEL: 'warn', ...options.env }, process.cwd());
    const clock = new ManualClock(options.now ?? '2026-03-02T01:00:00.000Z');
    const logger = new RecordingLogger();
    const nestLogger = new RecordingNestLogger();
    const app = await NestFactory.create(
      PlatformModule.embedded(config, {
        adapters: async () => ({
          store: SqliteEventStore.open(path.join(dataDir, 'events.sqlite')),
          bus: new InProcessEventBus(),
          readStore: new MemoryReadStore(),
          relayCheckpoints: new MemoryCheckpointStore(),
          clock,
          logger,
        }),
      }),
      createHttpAdapter(config),
      { logger: nestLogger, bodyParser: false, rawBody: false },
    );
    await app.listen(0, '127.0.0.1');
    const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    return new TestPlatform(app, url, clock, logger, dataDir, options.dataDir === undefined, nestLogger);
  }

  async graphql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** A bearer token for any caller, signed by the embedded demo issuer. */
  async tokenFor(caller: Caller, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
    const issuer = this.app.get<DemoIssuer | null>(DEMO_ISSUER_TOKEN);
    if (!issuer) throw new Error('the demo issuer is off in this configuration');
    return issuer.issue(caller, { now: options.now ?? this.clock.now(), ...options });
  }

  get store(): EventStore {
    return this.app.get<EventStore>(EVENT_STORE);
  }

  /** Global position of the newest event: tests compare it before and after a refused command. */
  eventCount(): Promise<number> {
    return this.store.headPosition();
  }

  /** Where the store stands now, to read what is appended after it with `eventsSince` (both modes). */
  async eventMark(): Promise<EventMark> {
    return this.store.headPosition();
  }

  eventsSince(mark: EventMark): Promise<RecordedEvent[]> {
    if (typeof mark !== 'number') throw new Error('a mark of the distributed topology given to the embedded platform');
    return this.store.readAll({ after: mark });
  }

  whenCaughtUp(): Promise<number> {
    return this.app.get(PlatformRuntime).whenCaughtUp();
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
