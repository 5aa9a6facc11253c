import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { InvalidInput } from '@pls/shared-kernel';
import {
  assertValidAppend,
  assertValidMultiStreamAppend,
  assertValidReadAll,
  assertValidReadStream,
  eventIdConflict,
  EVENT_STORE_ERRORS,
  NO_STREAM_REVISION,
  plainRecordedEvent,
  revisionSatisfies,
  serializeEventPayload,
  wrongExpectedRevision,
  type AllFilter,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type StreamAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '@pls/event-sourcing';
import { openSqlite, type SqliteDatabase } from './sqlite-database';

export interface SqliteEventStoreOptions {
  /** How often subscribers look for appends made by other processes on the same file. Default 500 ms. */
  readonly pollIntervalMs?: number;
  /**
   * How long an append waits for another process's write lock. better-sqlite3 is synchronous, so
   * this blocks the event loop: only embedded mode (one writing process) should rely on SQLite.
   */
  readonly busyTimeoutMs?: number;
  /** Largest batch handed to a subscriber that sets no maxCount. Default 500. */
  readonly subscriptionBatchSize?: number;
}

// UNIQUE (stream_id, stream_revision) is the stream index (reads, the revision check) and a second
// writer's guard. There is deliberately no index on type: $all reads walk the primary key from a
// checkpoint and test prefixes row by row, so a subscription looks at each row once; SQLite never
// chooses a type index for that shape, and it would cost every append another page write.
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY,
    event_id        TEXT    NOT NULL UNIQUE,
    stream_id       TEXT    NOT NULL,
    stream_revision INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    occurred_at     TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    UNIQUE (stream_id, stream_revision)
  ) STRICT;
`;

const COLUMNS = 'global_position, event_id, stream_id, stream_revision, type, schema_version, occurred_at, data, metadata';

/** A row of `COLUMNS` as `.raw()` gives it, read by these positions. */
type RawEventRow = readonly [number, string, string, number, string, number, string, string, string];

const RAW = { globalPosition: 0, eventId: 1, streamId: 2, streamRevision: 3, type: 4, schemaVersion: 5, occurredAt: 6, data: 7, metadata: 8 } as const;

interface EventRow {
  readonly global_position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly occurred_at: string;
  readonly data: string;
  readonly metadata: string;
}

/** An event as queued: copied and serialized when appendToStream is called, so later mutation of the caller's objects cannot leak in. */
interface QueuedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly data: string;
  readonly metadata: string;
}

interface StreamPart {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly QueuedEvent[];
}

/** One append request: one stream, or several that land together or not at all. */
interface PendingAppend {
  readonly parts: readonly StreamPart[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: unknown) => void;
}

type InsertAppend = (append: StreamPart, firstRevision: number, firstPosition: number) => AppendResult;

type Outcome = { readonly results: AppendResult[] } | { readonly error: unknown };

interface Page {
  readonly events: RecordedEvent[];
  /** Every position up to here has been looked at, matching or not. */
  readonly scannedTo: number;
  readonly full: boolean;
}

/** What a subscription needs from its store; kept narrow so the subscription cannot write. */
interface SubscriptionSource {
  head(): number;
  readPage(after: number, limit: number, filter: AllFilter | undefined): Page;
  detach(subscription: SqliteSubscription): void;
}

/**
 * The embedded-mode event store: one SQLite file, WAL, `synchronous=FULL`.
 *
 * Group commit: better-sqlite3 runs synchronously, so every append queued during one turn of the
 * event loop is written in one transaction (one fsync), each inside its own savepoint. A refused
 * append rolls back to its savepoint and fails alone; a failed commit fails the whole batch, and
 * nothing of it is stored. An append is acknowledged only after its batch committed.
 */
export class SqliteEventStore implements EventStore {
  /** Appends requested and transactions committed: with concurrent writers, commits < appends. */
  readonly stats = { appends: 0, commits: 0 };

  private readonly appended = new EventEmitter();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly source: SubscriptionSource;
  private readonly pollIntervalMs: number;
  private readonly subscriptionBatchSize: number;
  private pending: PendingAppend[] = [];
  private flushTimer: NodeJS.Immediate | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private knownHead = 0;
  private closed = false;

  private readonly headStatement: Database.Statement<[], number | null>;
  private readonly lastRevisionStatement: Database.Statement<[string], number | null>;
  private readonly insertStatement: Database.Statement<[number, string, string, number, string, number, string, string, string]>;
  private readonly byEventIdStatement: Database.Statement<[string], EventRow>;
  private readonly streamStatement: Database.Statement<[string, number, number], EventRow>;
  private readonly allStatements = new Map<string, Database.Statement<unknown[], RawEventRow>>();
  private readonly commitBatch: Database.Transaction<(batch: readonly PendingAppend[]) => Outcome[]>;
  private readonly insertInSavepoint: InsertAppend;
  private readonly insertWithoutSavepoint: InsertAppend;
  private readonly appendPartsInSavepoint: (parts: readonly StreamPart[], firstPosition: number) => AppendResult[];

  static open(filename: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    const db = openSqlite(filename, { busyTimeoutMs: options.busyTimeoutMs, synchronous: 'FULL' });
    try {
      db.exec(SCHEMA);
      return new SqliteEventStore(db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    private readonly db: SqliteDatabase,
    options: SqliteEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.subscriptionBatchSize = options.subscriptionBatchSize ?? 500;
    this.appended.setMaxListeners(0);
    this.headStatement = db.prepare<[], number | null>('SELECT max(global_position) FROM events').pluck();
    this.lastRevisionStatement = db.prepare<[string], number | null>('SELECT max(stream_revision) FROM events WHERE stream_id = ?').pluck();
    this.insertStatement = db.prepare(`INSERT INTO events (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.byEventIdStatement = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id = ?`);
    this.streamStatement = db.prepare<[string, number, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?`,
    );
    this.commitBatch = db.transaction((batch: readonly PendingAppend[]) => this.writeBatch(batch));
    this.insertWithoutSavepoint = (append, firstRevision, firstPosition) => this.insertEvents(append, firstRevision, firstPosition);
    this.insertInSavepoint = db.transaction(this.insertWithoutSavepoint);
    this.appendPartsInSavepoint = db.transaction((parts: readonly StreamPart[], firstPosition: number) => this.appendParts(parts, firstPosition));
    this.knownHead = this.head();
    this.source = {
      head: () => this.head(),
      readPage: (after, limit, filter) => this.readPage(after, limit, filter),
      detach: (subscription) => this.detach(subscription),
    };
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], options: { readonly expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    let part: StreamPart;
    try {
      this.assertOpen();
      assertValidAppend(streamId, events, options?.expectedRevision);
      part = { streamId, expectedRevision: options.expectedRevision, events: events.map(queue) };
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue([part]).then((results) => results[0]);
  }

  /** All parts in one savepoint of one group commit: a refused part takes the others back with it. */
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    let parts: StreamPart[];
    try {
      this.assertOpen();
      assertValidMultiStreamAppend(appends);
      parts = appends.map((append) => ({ streamId: append.streamId, expectedRevision: append.expectedRevision, events: append.events.map(queue) }));
    } catch (error) {
      return Promise.reject(error);
    }
    return this.enqueue(parts);
  }

  private enqueue(parts: readonly StreamPart[]): Promise<AppendResult[]> {
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.pending.push({ parts, resolve, reject });
      // setImmediate rather than a microtask: writers resuming from their own awaits in this turn
      // still join the batch, at the cost of one event-loop turn of latency.
      this.flushTimer ??= setImmediate(() => this.flush());
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadStream(streamId, options);
    return this.streamStatement.all(streamId, options.fromRevision ?? 0, options.maxCount ?? -1).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    return this.readPage(options.after ?? 0, options.maxCount ?? -1, options.filter).events;
  }

  async readAllForReplay(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    return this.readPage(options.after ?? 0, options.maxCount ?? -1, options.filter, replayedEvent).events;
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    assertValidReadAll(options);
    if (typeof options.onEvents !== 'function') throw new InvalidInput('MISSING_EVENT_HANDLER', 'subscribeToAll needs an onEvents handler');
    const subscription = new SqliteSubscription(this.source, options, options.maxCount ?? this.subscriptionBatchSize);
    this.subscriptions.add(subscription);
    this.appended.on('appended', subscription.wake);
    this.startPolling();
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.head();
  }

  /** Commits what is queued, stops subscriptions after their current batch, then checkpoints the WAL into the main file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.flush();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.stopPolling();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  private flush(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    this.stats.appends += batch.length;
    let outcomes: Outcome[];
    try {
      outcomes = this.commitBatch.immediate(batch);
    } catch (error) {
      for (const append of batch) append.reject(error);
      return;
    }
    this.stats.commits++;
    // The batch's last new position is the head: it was written under the write lock, after
    // whatever any other process had committed. No need to ask the database again.
    let lastWritten = 0;
    outcomes.forEach((outcome, index) => {
      if ('error' in outcome) {
        batch[index].reject(outcome.error);
      } else {
        for (const result of outcome.results) if (!result.idempotentReplay) lastWritten = Math.max(lastWritten, result.lastPosition);
        batch[index].resolve(outcome.results);
      }
    });
    if (lastWritten > 0) this.announce(lastWritten);
  }

  private writeBatch(batch: readonly PendingAppend[]): Outcome[] {
    let nextPosition = this.head() + 1;
    // Alone in its transaction, an append needs no savepoint: its refusal rolls the transaction back.
    if (batch.length === 1) return [{ results: this.appendParts(batch[0].parts, nextPosition) }];
    return batch.map((append): Outcome => {
      try {
        const results = append.parts.length === 1 ? [this.appendOne(append.parts[0], nextPosition, this.insertInSavepoint)] : this.appendPartsInSavepoint(append.parts, nextPosition);
        for (const result of results) if (!result.idempotentReplay) nextPosition = Math.max(nextPosition, result.lastPosition + 1);
        return { results };
      } catch (error) {
        // The append's savepoint is rolled back and the batch goes on. If SQLite itself dropped
        // the transaction (I/O error), carrying on would autocommit the rest: fail the batch.
        if (!this.db.inTransaction) throw error;
        return { error };
      }
    });
  }

  /** Without a savepoint of its own: the caller's transaction or savepoint makes the parts one. */
  private appendParts(parts: readonly StreamPart[], firstPosition: number): AppendResult[] {
    let nextPosition = firstPosition;
    return parts.map((part) => {
      const result = this.appendOne(part, nextPosition, this.insertWithoutSavepoint);
      if (!result.idempotentReplay) nextPosition = result.lastPosition + 1;
      return result;
    });
  }

  private appendOne(append: StreamPart, firstPosition: number, insert: InsertAppend): AppendResult {
    const actual = this.lastRevisionStatement.get(append.streamId) ?? NO_STREAM_REVISION;
    if (!revisionSatisfies(append.expectedRevision, actual)) {
      const replay = this.replayOf(append);
      if (replay) return replay;
      throw wrongExpectedRevision(append.streamId, append.expectedRevision, actual);
    }
    try {
      return insert(append, actual + 1, firstPosition);
    } catch (error) {
      if (!isEventIdUniqueViolation(error)) throw error;
      const replay = this.replayOf(append);
      if (replay) return replay;
      throw error;
    }
  }

  private insertEvents(append: StreamPart, firstRevision: number, firstPosition: number): AppendResult {
    const recorded = append.events.map((event, index): RecordedEvent => {
      const streamRevision = firstRevision + index;
      const globalPosition = firstPosition + index;
      this.insertStatement.run(globalPosition, event.eventId, append.streamId, streamRevision, event.type, event.schemaVersion, event.occurredAt, event.data, event.metadata);
      return appendedEvent(event, append.streamId, streamRevision, globalPosition);
    });
    const last = recorded[recorded.length - 1];
    return { nextExpectedRevision: last.streamRevision, lastPosition: last.globalPosition, events: recorded, idempotentReplay: false };
  }

  /**
   * A retry of an acknowledged append (its acknowledgement was lost) returns the original result.
   * It must be exact: every id recorded, in this stream, in this order, where the expected
   * revision put them. Null when none of the ids is recorded.
   */
  private replayOf(append: StreamPart): AppendResult | null {
    const rows = append.events.map((event) => this.byEventIdStatement.get(event.eventId));
    const known = rows.filter((row): row is EventRow => row !== undefined);
    if (known.length === 0) return null;
    const first = rows[0];
    const exact =
      known.length === rows.length &&
      first !== undefined &&
      replayStartsWhereExpected(append.expectedRevision, first.stream_revision) &&
      known.every((row, index) => row.stream_id === append.streamId && row.stream_revision === first.stream_revision + index);
    if (!exact) throw eventIdConflict(append.streamId, known.map((row) => row.event_id));
    const events = known.map(toRecorded);
    const last = events[events.length - 1];
    return { nextExpectedRevision: last.streamRevision, lastPosition: last.globalPosition, events, idempotentReplay: true };
  }

  private head(): number {
    return this.headStatement.get() ?? 0;
  }

  /**
   * Bounded by the head read first, so `scannedTo` is exact even when the page is filtered and
   * another process commits between the two statements.
   */
  private readPage(after: number, limit: number, filter: AllFilter | undefined, toEvent: (row: RawEventRow) => RecordedEvent = fromRawRow): Page {
    const upTo = this.head();
    if (upTo <= after) return { events: [], scannedTo: after, full: false };
    const streamPrefixes = filter?.streamPrefixes ?? [];
    const typePrefixes = filter?.eventTypePrefixes ?? [];
    const rows = this.allStatement(streamPrefixes.length, typePrefixes.length).all(after, upTo, ...streamPrefixes.map(globPrefix), ...typePrefixes.map(globPrefix), limit);
    const full = limit > 0 && rows.length === limit;
    const events = new Array<RecordedEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) events[i] = toEvent(rows[i]);
    return { events, scannedTo: full ? (rows[rows.length - 1][RAW.globalPosition] as number) : upTo, full };
  }

  private allStatement(streamPrefixCount: number, typePrefixCount: number): Database.Statement<unknown[], RawEventRow> {
    const key = `${streamPrefixCount}:${typePrefixCount}`;
    let statement = this.allStatements.get(key);
    if (!statement) {
      const anyOf = (column: string, count: number) => (count === 0 ? '' : ` AND (${Array.from({ length: count }, () => `${column} GLOB ?`).join(' OR ')})`);
      // Raw rows: for $all pages, the largest reads there are, better-sqlite3 builds an array per row
      // much faster than an object with nine named properties.
      statement = this.db
        .prepare<unknown[], RawEventRow>(
          `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position <= ?` +
            `${anyOf('stream_id', streamPrefixCount)}${anyOf('type', typePrefixCount)} ORDER BY global_position LIMIT ?`,
        )
        .raw(true);
      this.allStatements.set(key, statement);
    }
    return statement;
  }

  private announce(head: number): void {
    this.knownHead = head;
    this.appended.emit('appended');
  }

  /** In-process appends announce themselves; this slow poll is for appends by other processes. */
  private startPolling(): void {
    if (this.pollTimer) return;
    this.pollTimer = setInterval(() => {
      if (this.closed) return;
      const head = this.head();
      if (head !== this.knownHead) this.announce(head);
    }, this.pollIntervalMs);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private detach(subscription: SqliteSubscription): void {
    this.appended.off('appended', subscription.wake);
    this.subscriptions.delete(subscription);
    if (this.subscriptions.size === 0) this.stopPolling();
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput(EVENT_STORE_ERRORS.storeClosed, 'the event store is closed');
  }
}

interface CaughtUpWaiter {
  readonly target: number;
  readonly resolve: (position: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One loop reads pages from the store after the last position it scanned, whether it is catching
 * up or live: there is no switch-over, hence no gap and no duplicate between the two phases.
 */
class SqliteSubscription implements Subscription {
  private lastDelivered: number;
  private scanned: number;
  private stopped = false;
  private failed: { readonly error: unknown } | null = null;
  private signalled = true;
  private wakeUp: (() => void) | null = null;
  private waiters: CaughtUpWaiter[] = [];
  private readonly running: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeToAllOptions,
    private readonly batchSize: number,
  ) {
    this.lastDelivered = options.after ?? 0;
    this.scanned = this.lastDelivered;
    // Started on a later tick so that no handler runs before subscribeToAll has returned.
    this.running = Promise.resolve().then(() => this.run());
  }

  get position(): number {
    return this.lastDelivered;
  }

  readonly wake = (): void => {
    this.signalled = true;
    this.wakeUp?.();
  };

  whenCaughtUp(): Promise<number> {
    if (this.failed) return Promise.reject(this.failed.error);
    if (this.stopped) return Promise.reject(stoppedError());
    let target: number;
    try {
      target = this.source.head();
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.scanned >= target) return Promise.resolve(this.lastDelivered);
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.wake();
    });
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.source.detach(this);
      this.wake();
    }
    await this.running;
    this.rejectWaiters(stoppedError());
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped) {
        await this.drain();
        if (!this.stopped) await this.nextSignal();
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      this.signalled = false;
      const page = this.source.readPage(this.scanned, this.batchSize, this.options.filter);
      if (page.events.length > 0) {
        await this.options.onEvents(page.events);
        this.lastDelivered = page.events[page.events.length - 1].globalPosition;
      }
      this.scanned = page.scannedTo;
      this.settleWaiters();
      if (!page.full) {
        if (!this.stopped) this.options.onCaughtUp?.(this.lastDelivered);
        return;
      }
      // A long catch-up must not starve group-commit flushes and timers queued behind it.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private nextSignal(): Promise<void> {
    if (this.signalled) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wakeUp = () => {
        this.wakeUp = null;
        resolve();
      };
    });
  }

  private settleWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.target <= this.scanned);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.target > this.scanned);
    for (const waiter of ready) waiter.resolve(this.lastDelivered);
  }

  private fail(error: unknown): void {
    this.failed = { error };
    this.stopped = true;
    this.source.detach(this);
    this.rejectWaiters(error);
    this.options.onError?.(error);
  }

  private rejectWaiters(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}

/** Copied and serialized now, so that later changes to the caller's objects cannot leak in. */
function queue(event: EventToAppend): QueuedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    data: serializeEventPayload(event.data, event.eventId, 'data'),
    metadata: serializeEventPayload(event.metadata, event.eventId, 'metadata'),
  };
}

function stoppedError(): InvalidInput {
  return new InvalidInput(EVENT_STORE_ERRORS.subscriptionStopped, 'the subscription has stopped');
}

function replayStartsWhereExpected(expected: ExpectedRevision, firstRevision: number): boolean {
  if (expected === 'no_stream') return firstRevision === 0;
  if (typeof expected === 'number') return firstRevision === expected + 1;
  return true;
}

/**
 * Duck-typed, not `instanceof SqliteError`: the native addon keeps the error class of whichever copy
 * of better-sqlite3 loaded last (Jest loads one per test file), so the class check is unreliable.
 */
function isEventIdUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

/** GLOB rather than LIKE: it is case-sensitive. Wildcards inside the prefix are escaped as one-character classes. */
function globPrefix(prefix: string): string {
  return `${prefix.replace(/[*?[]/g, (wildcard) => `[${wildcard}]`)}*`;
}

/**
 * An event just appended, as its writer gets it back. Data and metadata are the JSON text just
 * written, parsed on first access and then kept: parsing back what was serialized a moment ago is
 * a good part of an append's CPU, and most writers never look at the metadata (a command handler
 * reads the data to fold its state, nothing else). The accessors are own and enumerable, so a
 * spread, JSON.stringify, structuredClone and deep equality all see the values as plain fields.
 */
function appendedEvent(event: QueuedEvent, streamId: string, streamRevision: number, globalPosition: number): RecordedEvent {
  let data: { readonly value: unknown } | undefined;
  let metadata: { readonly value: RecordedEvent['metadata'] } | undefined;
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    get data(): unknown {
      data ??= { value: JSON.parse(event.data) };
      return data.value;
    },
    get metadata(): RecordedEvent['metadata'] {
      metadata ??= { value: JSON.parse(event.metadata) as RecordedEvent['metadata'] };
      return metadata.value;
    },
    streamId,
    streamRevision,
    globalPosition,
  };
}

/**
 * An event of a `$all` page. The metadata is parsed on first access and then kept: it is most of
 * an event's JSON (actor, command, correlation and causation ids) and projections and relays on the
 * embedded bus seldom read it, so parsing it eagerly was a third of a rebuild's reading. The data
 * is parsed at once (nearly every reader folds it). As in `appendedEvent`, the accessor is own and
 * enumerable: a spread, JSON.stringify, structuredClone and deep equality see a plain field.
 */
function fromRawRow(row: RawEventRow): RecordedEvent {
  const metadataText = row[RAW.metadata];
  let metadata: RecordedEvent['metadata'] | undefined;
  return {
    eventId: row[RAW.eventId],
    type: row[RAW.type],
    schemaVersion: row[RAW.schemaVersion],
    occurredAt: row[RAW.occurredAt],
    data: JSON.parse(row[RAW.data]),
    get metadata(): RecordedEvent['metadata'] {
      metadata ??= JSON.parse(metadataText) as RecordedEvent['metadata'];
      return metadata;
    },
    streamId: row[RAW.streamId],
    streamRevision: row[RAW.streamRevision],
    globalPosition: row[RAW.globalPosition],
  };
}

const METADATA_TEXT = Symbol('metadataText');
const PARSED_METADATA = Symbol('parsedMetadata');

/**
 * An event of a replay page (`readAllForReplay`). One class for every event, its metadata a getter
 * on the prototype: V8 builds these about three times faster than an object literal with an own
 * accessor (`fromRawRow`), and the rebuild of a million events ran ~25 % faster with them (same
 * file, interleaved runs). The price is what the port states: a spread or `structuredClone` does not
 * carry the metadata. `toJSON` gives the plain event, so a serialised replayed event is whole.
 */
class ReplayedEvent implements RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly data: RecordedEvent['data'];
  readonly streamId: string;
  readonly streamRevision: number;
  readonly globalPosition: number;
  private readonly [METADATA_TEXT]: string;
  private [PARSED_METADATA]: RecordedEvent['metadata'] | undefined;

  constructor(row: RawEventRow) {
    this.eventId = row[RAW.eventId];
    this.type = row[RAW.type];
    this.schemaVersion = row[RAW.schemaVersion];
    this.occurredAt = row[RAW.occurredAt];
    this.data = JSON.parse(row[RAW.data]) as RecordedEvent['data'];
    this.streamId = row[RAW.streamId];
    this.streamRevision = row[RAW.streamRevision];
    this.globalPosition = row[RAW.globalPosition];
    this[METADATA_TEXT] = row[RAW.metadata];
    this[PARSED_METADATA] = undefined;
  }

  get metadata(): RecordedEvent['metadata'] {
    this[PARSED_METADATA] ??= JSON.parse(this[METADATA_TEXT]) as RecordedEvent['metadata'];
    return this[PARSED_METADATA];
  }

  toJSON(): RecordedEvent {
    return plainRecordedEvent(this);
  }
}

function replayedEvent(row: RawEventRow): RecordedEvent {
  return new ReplayedEvent(row);
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    occurredAt: row.occurred_at,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
  };
}
