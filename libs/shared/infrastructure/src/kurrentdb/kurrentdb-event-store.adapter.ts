import { BACKWARDS, END, FORWARDS, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { AllStreamSubscription, EventData, Filter } from '@kurrent/kurrentdb-client';
import { InvalidInput } from '@pls/shared-kernel';
import {
  assertValidAppend,
  assertValidReadAll,
  assertValidReadStream,
  EVENT_STORE_ERRORS,
  type AllFilter,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
  type Subscription,
} from '@pls/event-sourcing';
import { EventStoreFailure, KURRENTDB_ERRORS } from './kurrentdb-errors';
import { decideAppend, decodePosition, encodePosition, fromKurrentEvent, planAllFilter, toKurrentEventData, toKurrentStreamState, translateKurrentError } from './kurrentdb-mapping';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://host:2113?tls=false` for a local insecure node; see the KurrentDB client docs for clusters and TLS. */
  readonly connectionString: string;
  /** Events asked of the server per `$all` page. Default 500. */
  readonly pageSize?: number;
  /** Largest batch handed to a subscriber that sets no maxCount. Default 500. */
  readonly subscriptionBatchSize?: number;
  /**
   * How many rounds of read-then-write an append makes when other writers keep moving the stream
   * between its read and its write (only `any` and `stream_exists` appends go round again). Default 5.
   */
  readonly maxAppendAttempts?: number;
}

/** The part of the KurrentDB client the adapter uses. */
export type KurrentDbClientPort = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export type KurrentDbClientSettings = Omit<KurrentDbEventStoreOptions, 'connectionString'>;

interface Page {
  /** Events beyond the checkpoint that pass the reader's filter, in `$all` order. */
  readonly events: RecordedEvent[];
  /** Every position up to here has been looked at, matching or not. */
  readonly scannedTo: number;
  readonly full: boolean;
}

/** What a subscription needs from its store; kept narrow so the subscription cannot write. */
interface SubscriptionSource {
  head(): Promise<number>;
  readPage(after: number, limit: number, filter: AllFilter | undefined): Promise<Page>;
  /** Calls `wake` whenever the server has a new event for this filter, and once when it starts listening. */
  watch(filter: AllFilter | undefined, wake: () => void, fail: (error: unknown) => void): AllStreamSubscription;
  detach(subscription: KurrentDbSubscription): void;
}

/**
 * The distributed-mode event store on KurrentDB (the renamed EventStoreDB), through its gRPC client.
 *
 * Reads ask the leader, so a writer reads what it has just written. An append reads the stream first
 * and decides exactly as the SQLite store does (see decideAppend), then writes with the revision it
 * saw: that costs a stream read per append, which command handling already pays to fold state, and
 * buys the port's idempotent-replay and event-id guarantees that KurrentDB alone gives only in part.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private readonly source: SubscriptionSource;
  private readonly pageSize: number;
  private readonly subscriptionBatchSize: number;
  private readonly maxAppendAttempts: number;
  private closed = false;

  static connect(options: KurrentDbEventStoreOptions): KurrentDbEventStore {
    let client: KurrentDBClient;
    try {
      client = KurrentDBClient.connectionString(options.connectionString);
    } catch (error) {
      throw new InvalidInput(KURRENTDB_ERRORS.malformedConnectionString, `not a KurrentDB connection string (kurrentdb://host:2113?tls=false): ${(error as Error).message}`);
    }
    return new KurrentDbEventStore(client, options);
  }

  /** Over a client the caller made (its own credentials, TLS or cluster settings); closing the store disposes of it. */
  static over(client: KurrentDbClientPort, options: KurrentDbClientSettings = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(client, options);
  }

  private constructor(
    private readonly client: KurrentDbClientPort,
    options: KurrentDbClientSettings,
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.subscriptionBatchSize = options.subscriptionBatchSize ?? 500;
    this.maxAppendAttempts = options.maxAppendAttempts ?? 5;
    this.source = {
      head: () => this.head(),
      readPage: (after, limit, filter) => this.readPage(after, limit, filter),
      watch: (filter, wake, fail) => this.watch(filter, wake, fail),
      detach: (subscription) => this.subscriptions.delete(subscription),
    };
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: { readonly expectedRevision: ExpectedRevision }): Promise<AppendResult> {
    this.assertOpen();
    const expected = options?.expectedRevision;
    assertValidAppend(streamId, events, expected);
    const toWrite = events.map(toKurrentEventData);
    const eventIds = events.map((event) => event.eventId);
    // Each round re-reads the stream: after a lost race, a numeric or no_stream expectation is then
    // refused with the actual revision (or found to be a replay); any / stream_exists write again.
    for (let attempt = 1; ; attempt++) {
      const stream = await this.readWholeStream(streamId);
      const decision = decideAppend(streamId, stream, expected, eventIds);
      switch (decision.kind) {
        case 'refuse':
          throw decision.error;
        case 'replay':
          return resultOf(decision.events, true);
        case 'write': {
          const outcome = await this.write(streamId, toWrite, decision.expectedRevision);
          if (outcome !== 'written') {
            if (attempt < this.maxAppendAttempts) continue;
            throw translateKurrentError(outcome.conflict, { operation: 'append', streamId, expected });
          }
          const recorded = await this.readStreamEvents(streamId, decision.expectedRevision + 1, toWrite.length);
          if (recorded.length !== eventIds.length || recorded.some((event, index) => event.eventId !== eventIds[index])) {
            throw new EventStoreFailure(KURRENTDB_ERRORS.failure, `append to ${streamId} was acknowledged, but revisions ${decision.expectedRevision + 1}.. do not read back as its events`, { streamId, eventIds });
          }
          return resultOf(recorded, false);
        }
        default: {
          const _: never = decision;
          return _;
        }
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadStream(streamId, options);
    return this.readStreamEvents(streamId, options.fromRevision ?? 0, options.maxCount);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    const wanted = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    let after = options.after ?? 0;
    for (;;) {
      const page = await this.readPage(after, Math.min(this.pageSize, wanted - events.length), options.filter);
      events.push(...page.events);
      if (!page.full || events.length >= wanted) return events;
      after = page.scannedTo;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions): Subscription {
    this.assertOpen();
    assertValidReadAll(options);
    if (typeof options.onEvents !== 'function') throw new InvalidInput('MISSING_EVENT_HANDLER', 'subscribeToAll needs an onEvents handler');
    const subscription = new KurrentDbSubscription(this.source, options, options.maxCount ?? this.subscriptionBatchSize, this.pageSize);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.head();
  }

  /** Stops subscriptions after their current batch, then closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** Written, or the conflict when another writer moved the stream after it was read. */
  private async write(streamId: string, events: readonly EventData[], seenRevision: number): Promise<'written' | { readonly conflict: unknown }> {
    try {
      await this.client.appendToStream(streamId, [...events], { streamState: toKurrentStreamState(seenRevision < 0 ? 'no_stream' : seenRevision), requiresLeader: true });
      return 'written';
    } catch (error) {
      if (isWrongExpectedVersion(error)) return { conflict: error };
      throw translateKurrentError(error, { operation: 'append', streamId });
    }
  }

  private async readWholeStream(streamId: string): Promise<RecordedEvent[]> {
    return this.readStreamEvents(streamId, 0, undefined);
  }

  private async readStreamEvents(streamId: string, fromRevision: number, maxCount: number | undefined): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: BigInt(fromRevision),
        direction: FORWARDS,
        requiresLeader: true,
        ...(maxCount === undefined ? {} : { maxCount }),
      })) {
        if (resolved.event) events.push(fromKurrentEvent(resolved.event));
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw translateKurrentError(error, { operation: 'read', streamId });
    }
    return events;
  }

  private async head(): Promise<number> {
    try {
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, requiresLeader: true })) {
        if (resolved.event) return encodePosition(resolved.event.position);
      }
    } catch (error) {
      throw translateKurrentError(error, { operation: 'read the head of $all' });
    }
    return 0;
  }

  /**
   * One server page after `after`. The head is read first so that a page that is not full proves
   * everything up to that head was looked at, even where the filter matched nothing.
   */
  private async readPage(after: number, limit: number, filter: AllFilter | undefined): Promise<Page> {
    const upTo = await this.head();
    const plan = planAllFilter(filter);
    // Everything the server returned beyond the checkpoint counts as scanned, kept or not.
    const scanned: Array<{ readonly position: number; readonly event: RecordedEvent | null }> = [];
    try {
      // One more than asked: the server's start is inclusive, so the checkpoint's own event may come first.
      for await (const resolved of this.client.readAll({
        direction: FORWARDS,
        fromPosition: decodePosition(after),
        maxCount: limit + 1,
        filter: plan.server,
        requiresLeader: true,
      })) {
        const event = resolved.event;
        if (!event) continue;
        const position = encodePosition(event.position);
        if (position <= after) continue;
        // Checked before mapping: a system event that slipped through has no PLS envelope.
        scanned.push({ position, event: plan.keep(event) ? fromKurrentEvent(event) : null });
      }
    } catch (error) {
      throw translateKurrentError(error, { operation: 'read $all' });
    }
    const page = scanned.slice(0, limit);
    const full = scanned.length >= limit;
    const last = page.length > 0 ? page[page.length - 1].position : after;
    return {
      events: page.flatMap((entry) => (entry.event ? [entry.event] : [])),
      scannedTo: full ? last : Math.max(upTo, last),
      full,
    };
  }

  private watch(filter: AllFilter | undefined, wake: () => void, fail: (error: unknown) => void): AllStreamSubscription {
    const live = this.client.subscribeToAll({ fromPosition: END, filter: withoutCheckpoints(planAllFilter(filter).server), resolveLinkTos: false });
    live.on('confirmation', wake);
    live.on('data', wake);
    live.on('error', (error: unknown) => fail(translateKurrentError(error, { operation: 'subscribe to $all' })));
    return live;
  }

  private assertOpen(): void {
    if (this.closed) throw new InvalidInput(EVENT_STORE_ERRORS.storeClosed, 'the event store is closed');
  }
}

/**
 * The wake-up keeps no position (the loop does), so it asks for server checkpoints as rarely as
 * the protocol allows sensibly: each one is a message over a quiet filter for nothing.
 */
function withoutCheckpoints(filter: Filter): Filter {
  return { ...filter, checkpointInterval: 10_000, checkpointReached: undefined };
}

function resultOf(events: readonly RecordedEvent[], idempotentReplay: boolean): AppendResult {
  const last = events[events.length - 1];
  return { nextExpectedRevision: last.streamRevision, lastPosition: last.globalPosition, events: [...events], idempotentReplay };
}

function isWrongExpectedVersion(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'wrong-expected-version';
}

function isStreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'stream-not-found';
}

interface CaughtUpWaiter {
  readonly target: number;
  readonly resolve: (position: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * One loop reads `$all` pages after the last position it scanned, whether catching up or live, and
 * hands them out in batches, awaiting each: there is no switch-over from catch-up to live, hence no
 * gap and no duplicate between the two. A filtered KurrentDB subscription from the end only wakes
 * the loop; its events are not used, because the loop must own the order, the batching and the
 * "scanned up to" position that `whenCaughtUp` compares with the head (the role a server-side
 * checkpoint plays for a native catch-up subscription).
 */
class KurrentDbSubscription implements Subscription {
  private lastDelivered: number;
  private scanned: number;
  private stopped = false;
  private failed: { readonly error: unknown } | null = null;
  private signalled = true;
  private wakeUp: (() => void) | null = null;
  private waiters: CaughtUpWaiter[] = [];
  private readonly live: AllStreamSubscription;
  private readonly running: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeToAllOptions,
    private readonly batchSize: number,
    private readonly pageSize: number,
  ) {
    this.lastDelivered = options.after ?? 0;
    this.scanned = this.lastDelivered;
    this.live = source.watch(options.filter, this.wake, (error) => this.fail(error));
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

  async whenCaughtUp(): Promise<number> {
    this.assertRunning();
    const target = await this.source.head();
    // The head is a round trip away: the subscription may have failed or stopped meanwhile.
    this.assertRunning();
    if (this.scanned >= target) return this.lastDelivered;
    return new Promise<number>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.wake();
    });
  }

  private assertRunning(): void {
    if (this.failed) throw this.failed.error;
    if (this.stopped) throw stoppedError();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      this.source.detach(this);
      this.wake();
      await this.unsubscribe();
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
      const page = await this.source.readPage(this.scanned, Math.max(this.pageSize, this.batchSize), this.options.filter);
      for (let start = 0; start < page.events.length; start += this.batchSize) {
        if (this.stopped) return;
        const batch = page.events.slice(start, start + this.batchSize);
        await this.options.onEvents(batch);
        this.lastDelivered = batch[batch.length - 1].globalPosition;
        this.scanned = Math.max(this.scanned, this.lastDelivered);
        this.settleWaiters();
      }
      if (this.stopped) return;
      this.scanned = Math.max(this.scanned, page.scannedTo);
      this.settleWaiters();
      if (!page.full) {
        this.options.onCaughtUp?.(this.lastDelivered);
        return;
      }
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
    if (this.failed || this.stopped) return;
    this.failed = { error };
    this.stopped = true;
    this.source.detach(this);
    this.wake();
    void this.unsubscribe();
    this.rejectWaiters(error);
    this.options.onError?.(error);
  }

  private async unsubscribe(): Promise<void> {
    try {
      await this.live.unsubscribe();
    } catch {
      // The live wake-up only ever woke the loop: a failure to close it loses nothing.
    }
  }

  private rejectWaiters(error: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}

function stoppedError(): InvalidInput {
  return new InvalidInput(EVENT_STORE_ERRORS.subscriptionStopped, 'the subscription has stopped');
}
